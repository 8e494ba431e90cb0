// A small synchronous hiredis wrapper for tests: run a command given as a list of strings and
// get the reply as canonical text ("+OK", ":1", "$bar", "(nil)", "-ERR ...", "*[...]"), so
// tests can compare replies of two servers or against expected strings in one QCOMPARE.
#pragma once

#include <hiredis/hiredis.h>

#include <memory>
#include <string>
#include <vector>

namespace redscope::test {

std::string replyToText(const redisReply *reply);

class RedisTestClient
{
public:
    RedisTestClient(const std::string &host, int port);
    // Connects from sourceAddress (e.g. 127.0.0.2: a loopback peer that is not 127.0.0.1,
    // which servers' protected mode treats as an outside client).
    RedisTestClient(const std::string &host, int port, const std::string &sourceAddress);
    explicit RedisTestClient(const std::string &unixSocket);
    ~RedisTestClient();
    RedisTestClient(const RedisTestClient &) = delete;
    RedisTestClient &operator=(const RedisTestClient &) = delete;

    bool connected() const { return m_context && !m_context->err; }
    std::string error() const { return m_context ? m_context->errstr : "no context"; }
    redisContext *context() { return m_context; }

    // Sends one command and returns its reply as text; "<io error: ...>" on failure.
    std::string run(const std::vector<std::string> &args);
    // The same, as hiredis's reply object (nullptr on an I/O error), for tests that read it.
    struct ReplyDeleter
    {
        void operator()(redisReply *reply) const { freeReplyObject(reply); }
    };
    using Reply = std::unique_ptr<redisReply, ReplyDeleter>;
    Reply command(const std::vector<std::string> &args);
    // Pipelining: queue many, then read replies in order.
    void append(const std::vector<std::string> &args);
    std::string readReply();

private:
    redisContext *m_context = nullptr;
};

} // namespace redscope::test
