// Side-by-side runner shared by the engine command suites (strings, keys, lists, hashes,
// sets, sorted sets, pub/sub, transactions): the same commands go to a redscope-server and to
// Debian's redis-server, and the replies are compared as canonical text
// (redis_test_client.h). Three shapes: a Script (one command per line on one client each,
// every reply compared word for word), Steps (the same, where a step may say that Redis
// leaves the order of its reply unspecified, SMEMBERS, HGETALL, ..., so both replies are
// sorted first: element by element, or pair by pair for field/value replies), and
// transcripts (a scenario function run once per server, for several connections, blocking
// commands and pushed messages). Each returns "" or a description of the mismatches, for
// REDSCOPE_VERIFY_SAME.
#pragma once

#include "redis_test_client.h"
#include "test_server.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace redscope::test {

using Script = std::vector<std::vector<std::string>>;

inline std::string joinArgs(const std::vector<std::string> &args)
{
    std::string text;
    for (const std::string &arg : args)
        text += (text.empty() ? "" : " ") + arg;
    return text;
}

// The value of an integer reply's text (":42"), INT64_MIN for any other reply.
inline int64_t integerOf(const std::string &reply)
{
    return reply.size() > 1 && reply[0] == ':' ? std::stoll(reply.substr(1)) : INT64_MIN;
}

// Runs the script on both clients; returns every differing reply (and any I/O error).
inline std::string compareScript(RedisTestClient &ours, RedisTestClient &redis,
                                 const Script &script)
{
    std::string mismatches;
    for (const auto &args : script) {
        std::string fromOurs = ours.run(args), fromRedis = redis.run(args);
        if (fromOurs != fromRedis || fromOurs.starts_with("<io error"))
            mismatches += "\n  " + joinArgs(args) + "\n    ours:  " + fromOurs +
                          "\n    redis: " + fromRedis;
    }
    return mismatches;
}

// Compares two scenario transcripts step by step: same length, same text, and no step that
// failed on our side ("<io error ...>", "<timeout>").
inline std::string compareTranscripts(const std::vector<std::string> &ours,
                                      const std::vector<std::string> &redis)
{
    if (ours.size() != redis.size())
        return "transcript lengths differ: ours " + std::to_string(ours.size()) + ", redis " +
               std::to_string(redis.size());
    for (size_t i = 0; i < ours.size(); ++i) {
        if (ours[i] != redis[i])
            return "step " + std::to_string(i) + ":\n   ours:  " + ours[i] +
                   "\n   redis: " + redis[i];
        if (ours[i].starts_with("<")) return "step " + std::to_string(i) + ": " + ours[i];
    }
    return {};
}

enum class Order {
    Exact,     // compare as is
    Unordered, // sort the top-level array's elements
    Pairs,     // sort the top-level array's (field, value) pairs
};

struct Step
{
    Order order;
    std::vector<std::string> args;
};

// Canonical text of a reply, with the top-level array sorted as `order` asks.
inline std::string canonicalReply(const redisReply *reply, Order order)
{
    if (!reply || reply->type != REDIS_REPLY_ARRAY || order == Order::Exact)
        return replyToText(reply);
    std::vector<std::string> items;
    const size_t step = order == Order::Pairs ? 2 : 1;
    for (size_t i = 0; i < reply->elements; i += step) {
        std::string item = replyToText(reply->element[i]);
        if (step == 2 && i + 1 < reply->elements) item += "=" + replyToText(reply->element[i + 1]);
        items.push_back(std::move(item));
    }
    std::sort(items.begin(), items.end());
    std::string text = "*[";
    for (size_t i = 0; i < items.size(); ++i)
        text += (i ? "," : "") + items[i];
    return text + "]";
}

inline std::string runCanonical(RedisTestClient &client, const std::vector<std::string> &args,
                                Order order)
{
    RedisTestClient::Reply reply = client.command(args);
    if (!reply) return "<io error: " + client.error() + ">";
    return canonicalReply(reply.get(), order);
}

// Iterates a *SCAN command to the end and returns every element it returned, sorted (with
// each member's value or score glued to it when `pairs`), so two servers' scans compare
// regardless of cursor values and batch sizes.
inline std::string fullScan(RedisTestClient &client, std::vector<std::string> args, bool pairs)
{
    // args: {"HSCAN", key, <cursor placeholder>, options...}
    std::multiset<std::string> seen;
    std::string cursor = "0";
    int calls = 0;
    do {
        args[2] = cursor;
        RedisTestClient::Reply reply = client.command(args);
        if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2)
            return "<bad scan reply " + replyToText(reply.get()) + ">";
        cursor.assign(reply->element[0]->str, reply->element[0]->len);
        const redisReply *items = reply->element[1];
        for (size_t i = 0; i < items->elements; i += pairs ? 2 : 1) {
            std::string item(items->element[i]->str, items->element[i]->len);
            if (pairs && i + 1 < items->elements)
                item += "=" + std::string(items->element[i + 1]->str, items->element[i + 1]->len);
            seen.insert(item);
        }
    } while (cursor != "0" && ++calls < 100000);
    // Elements may legitimately come back twice (SCAN's guarantee is "at least once").
    std::set<std::string> unique(seen.begin(), seen.end());
    std::string text;
    for (const std::string &item : unique)
        text += item + ";";
    return text;
}

// Both servers and a client for each.
class ServerPair
{
public:
    // With withClients false only the servers start (suites whose scenarios open their own
    // connections and count clients). serverArgs go to both servers (e.g.
    // --enable-debug-command yes, which both need for DEBUG).
    bool start(std::string *error, bool withClients = true,
               const std::vector<std::string> &serverArgs = {})
    {
        m_ours = TestServer::startRedscope(serverArgs);
        if (!m_ours->ok()) return *error = "redscope-server: " + m_ours->error(), false;
        m_redis = TestServer::startRedis(serverArgs);
        if (!m_redis->ok()) return *error = "redis-server: " + m_redis->error(), false;
        if (!withClients) return true;
        m_oursClient = std::make_unique<RedisTestClient>("127.0.0.1", m_ours->port());
        m_redisClient = std::make_unique<RedisTestClient>("127.0.0.1", m_redis->port());
        if (!m_oursClient->connected() || !m_redisClient->connected())
            return *error = "cannot connect", false;
        return true;
    }

    TestServer &ours() { return *m_ours; }
    TestServer &redis() { return *m_redis; }
    RedisTestClient &oursClient() { return *m_oursClient; }
    RedisTestClient &redisClient() { return *m_redisClient; }

    void flushBoth()
    {
        m_oursClient->run({"FLUSHALL"});
        m_redisClient->run({"FLUSHALL"});
    }

    // Runs the script on both servers; "" or every differing reply.
    std::string compare(const Script &script)
    {
        return compareScript(*m_oursClient, *m_redisClient, script);
    }

    // Runs scenario(TestServer &) -> transcript on each server; "" or the first difference.
    template <typename Scenario> std::string compareBoth(Scenario scenario)
    {
        std::vector<std::string> ours = scenario(*m_ours);
        return compareTranscripts(ours, scenario(*m_redis));
    }

    // Runs every step on both servers; returns "" or a description of the first mismatch.
    std::string runSteps(const std::vector<Step> &steps)
    {
        for (const Step &step : steps) {
            std::string ours = runCanonical(*m_oursClient, step.args, step.order);
            std::string theirs = runCanonical(*m_redisClient, step.args, step.order);
            if (ours != theirs) {
                std::string command;
                for (const std::string &arg : step.args)
                    command += arg + " ";
                return "command: " + command + "\n   redscope: " + ours +
                       "\n   redis:    " + theirs;
            }
        }
        return {};
    }

    // Full scans of the same key on both servers; "" when they saw the same elements.
    std::string compareScan(const std::vector<std::string> &args, bool pairs)
    {
        std::string ours = fullScan(*m_oursClient, args, pairs);
        std::string theirs = fullScan(*m_redisClient, args, pairs);
        if (ours == theirs) return {};
        return "scan mismatch\n   redscope: " + ours + "\n   redis:    " + theirs;
    }

private:
    std::unique_ptr<TestServer> m_ours;
    std::unique_ptr<TestServer> m_redis;
    std::unique_ptr<RedisTestClient> m_oursClient;
    std::unique_ptr<RedisTestClient> m_redisClient;
};

} // namespace redscope::test

// QVERIFY2 with the mismatch text when two servers disagree.
#define REDSCOPE_VERIFY_SAME(expression)                                                           \
    do {                                                                                           \
        const std::string mismatch_ = (expression);                                                \
        QVERIFY2(mismatch_.empty(), mismatch_.c_str());                                            \
    } while (false)
