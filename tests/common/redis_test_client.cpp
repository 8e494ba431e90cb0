// Canonical reply text and the synchronous test client (see redis_test_client.h).
#include "redis_test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace redscope::test {

std::string replyToText(const redisReply *reply)
{
    if (!reply) return "<no reply>";
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        return "+" + std::string(reply->str, reply->len);
    case REDIS_REPLY_ERROR:
        return "-" + std::string(reply->str, reply->len);
    case REDIS_REPLY_INTEGER:
        return ":" + std::to_string(reply->integer);
    case REDIS_REPLY_NIL:
        return "(nil)";
    case REDIS_REPLY_STRING:
        return "$" + std::string(reply->str, reply->len);
    case REDIS_REPLY_ARRAY: {
        std::string text = "*[";
        for (size_t i = 0; i < reply->elements; ++i) {
            if (i) text += ",";
            text += replyToText(reply->element[i]);
        }
        return text + "]";
    }
    default:
        return "<type " + std::to_string(reply->type) + ">";
    }
}

RedisTestClient::RedisTestClient(const std::string &host, int port)
{
    timeval timeout{5, 0};
    m_context = redisConnectWithTimeout(host.c_str(), port, timeout);
    if (m_context && !m_context->err) redisSetTimeout(m_context, timeout);
}

RedisTestClient::RedisTestClient(const std::string &host, int port,
                                 const std::string &sourceAddress)
{
    // hiredis 0.14 (Debian 12) has no source-address option for blocking connects: bind and
    // connect a socket here, then hand it over.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in source{};
    source.sin_family = AF_INET;
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(uint16_t(port));
    if (fd < 0 || inet_pton(AF_INET, sourceAddress.c_str(), &source.sin_addr) != 1 ||
        inet_pton(AF_INET, host.c_str(), &target.sin_addr) != 1 ||
        ::bind(fd, reinterpret_cast<sockaddr *>(&source), sizeof source) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr *>(&target), sizeof target) != 0) {
        if (fd >= 0) ::close(fd);
        return; // connected() is false
    }
    m_context = redisConnectFd(fd);
    timeval timeout{5, 0};
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

RedisTestClient::Reply RedisTestClient::command(const std::vector<std::string> &args)
{
    if (!connected()) return nullptr;
    std::vector<const char *> ptrs;
    std::vector<size_t> lengths;
    argvOf(args, ptrs, lengths);
    return Reply(static_cast<redisReply *>(
        redisCommandArgv(m_context, static_cast<int>(args.size()), ptrs.data(), lengths.data())));
}

std::string RedisTestClient::run(const std::vector<std::string> &args)
{
    Reply reply = command(args);
    if (!reply) return "<io error: " + error() + ">";
    return replyToText(reply.get());
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
    if (redisGetReply(m_context, &reply) != REDIS_OK || !reply)
        return "<io error: " + error() + ">";
    std::string text = replyToText(static_cast<redisReply *>(reply));
    freeReplyObject(reply);
    return text;
}

} // namespace redscope::test
