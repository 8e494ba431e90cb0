// hiredis plumbing for Connection (see connection.h). The reader hook: hiredis 0.14 builds
// both "$-1" and "*-1" with the same createNil callback, but passes the read task whose type
// says which one it is; our callback records that in the nil reply's unused `integer` field.
#include "connection.h"

#include <hiredis/hiredis.h>

#include <cstdlib>
#include <sys/time.h>

namespace redscope::test::diff {

namespace {

void *createMarkedNil(const redisReadTask *task)
{
    auto *reply = static_cast<redisReply *>(std::calloc(1, sizeof(redisReply)));
    if (!reply) return nullptr;
    reply->type = REDIS_REPLY_NIL;
    reply->integer = task->type == REDIS_REPLY_ARRAY ? 1 : 0;
    if (task->parent) {
        auto *parent = static_cast<redisReply *>(task->parent->obj);
        parent->element[task->idx] = reply;
    }
    return reply;
}

redisReplyObjectFunctions withMarkedNil(redisReplyObjectFunctions functions)
{
    functions.createNil = createMarkedNil;
    return functions;
}

} // namespace

Connection::Connection(const std::string &host, int port, int timeoutMs)
{
    timeval timeout{timeoutMs / 1000, (timeoutMs % 1000) * 1000};
    m_context = redisConnectWithTimeout(host.c_str(), port, timeout);
    if (!m_context) {
        m_error = "cannot allocate hiredis context";
        return;
    }
    if (m_context->err) {
        m_error = m_context->errstr;
        return;
    }
    redisSetTimeout(m_context, timeout);
    // One function table for all connections: a copy of hiredis's defaults, nil replaced.
    static redisReplyObjectFunctions functions = withMarkedNil(*m_context->reader->fn);
    m_context->reader->fn = &functions;
}

Connection::~Connection()
{
    if (m_context) redisFree(m_context);
}

Reply Connection::call(const std::vector<std::string> &argv)
{
    if (!ok()) return Reply::failure("not connected: " + m_error);
    std::vector<const char *> pointers;
    std::vector<size_t> lengths;
    for (const std::string &arg : argv) {
        pointers.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    auto *raw = static_cast<redisReply *>(redisCommandArgv(m_context, static_cast<int>(argv.size()),
                                                           pointers.data(), lengths.data()));
    if (!raw) {
        m_error = m_context->errstr[0] ? m_context->errstr : "connection lost";
        return Reply::failure(m_error);
    }
    Reply reply = Reply::fromHiredis(raw);
    freeReplyObject(raw);
    return reply;
}

Reply Connection::read()
{
    if (!ok()) return Reply::failure("not connected: " + m_error);
    void *raw = nullptr;
    if (redisGetReply(m_context, &raw) != REDIS_OK || !raw) {
        m_error = m_context->errstr[0] ? m_context->errstr : "connection lost";
        return Reply::failure(m_error);
    }
    Reply reply = Reply::fromHiredis(static_cast<redisReply *>(raw));
    freeReplyObject(raw);
    return reply;
}

} // namespace redscope::test::diff
