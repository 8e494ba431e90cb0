// Canonical reply text and the synchronous test client (see redis_test_client.h).
#include "redis_test_client.h"

namespace redscope::test {

std::string replyToText(const redisReply *reply)
{
    if (!reply) return "<no reply>";
    switch (reply->type) {
    case REDIS_REPLY_STATUS: return "+" + std::string(reply->str, reply->len);
    case REDIS_REPLY_ERROR: return "-" + std::string(reply->str, reply->len);
    case REDIS_REPLY_INTEGER: return ":" + std::to_string(reply->integer);
    case REDIS_REPLY_NIL: return "(nil)";
    case REDIS_REPLY_STRING: return "$" + std::string(reply->str, reply->len);
    case REDIS_REPLY_ARRAY: {
        std::string text = "*[";
        for (size_t i = 0; i < reply->elements; ++i) {
            if (i) text += ",";
            text += replyToText(reply->element[i]);
        }
        return text + "]";
    }
    default: return "<type " + std::to_string(reply->type) + ">";
    }
}

RedisTestClient::RedisTestClient(const std::string &host, int port)
{
    timeval timeout{5, 0};
    m_context = redisConnectWithTimeout(host.c_str(), port, timeout);
    if (m_context && !m_context->err) redisSetTimeout(m_context, timeout);
}

RedisTestClient::RedisTestClient(const std::string &unixSocket)
{
    timeval timeout{5, 0};
    m_context = redisConnectUnixWithTimeout(unixSocket.c_str(), timeout);
    if (m_context && !m_context->err) redisSetTimeout(m_context, timeout);
}

RedisTestClient::~RedisTestClient()
{
    if (m_context) redisFree(m_context);
}

static void argvOf(const std::vector<std::string> &args, std::vector<const char *> &ptrs,
                   std::vector<size_t> &lengths)
{
    for (const std::string &a : args) {
        ptrs.push_back(a.data());
        lengths.push_back(a.size());
    }
}

std::string RedisTestClient::run(const std::vector<std::string> &args)
{
    if (!connected()) return "<io error: " + error() + ">";
    std::vector<const char *> ptrs;
    std::vector<size_t> lengths;
    argvOf(args, ptrs, lengths);
    auto *reply = static_cast<redisReply *>(
        redisCommandArgv(m_context, static_cast<int>(args.size()), ptrs.data(), lengths.data()));
    if (!reply) return "<io error: " + error() + ">";
    std::string text = replyToText(reply);
    freeReplyObject(reply);
    return text;
}

void RedisTestClient::append(const std::vector<std::string> &args)
{
    std::vector<const char *> ptrs;
    std::vector<size_t> lengths;
    argvOf(args, ptrs, lengths);
    redisAppendCommandArgv(m_context, static_cast<int>(args.size()), ptrs.data(), lengths.data());
}

std::string RedisTestClient::readReply()
{
    void *reply = nullptr;
    if (redisGetReply(m_context, &reply) != REDIS_OK || !reply) return "<io error: " + error() + ">";
    std::string text = replyToText(static_cast<redisReply *>(reply));
    freeReplyObject(reply);
    return text;
}

} // namespace redscope::test
