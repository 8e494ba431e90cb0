// The engine's command table against Debian's redis-server 7.0.15, name by name: COMMAND LIST
// of both (subcommands included, as "container|sub"), and COMMAND COUNT consistent with it.
// A command redis-server lists and the engine does not is a failure unless not_yet_served.h
// names it; a name there that the engine serves now is a failure too (the list only shrinks);
// and anything the engine lists that redis-server 7.0.15 does not (a 7.2 command, a typo'd
// subcommand) is a failure.
#include "not_yet_served.h"
#include "side_by_side.h"

#include <QtTest>

#include <functional>

using redscope::test::isNotYetServed;
using redscope::test::RedisTestClient;
using redscope::test::ServerPair;

namespace {

std::set<std::string> commandList(RedisTestClient &client)
{
    std::set<std::string> names;
    auto *reply = static_cast<redisReply *>(redisCommand(client.context(), "COMMAND LIST"));
    if (reply && reply->type == REDIS_REPLY_ARRAY)
        for (size_t i = 0; i < reply->elements; ++i)
            names.insert(std::string(reply->element[i]->str, reply->element[i]->len));
    if (reply) freeReplyObject(reply);
    return names;
}

std::string joined(const std::vector<std::string> &names)
{
    std::string text;
    for (const std::string &name : names)
        text += (text.empty() ? "" : " ") + name;
    return text;
}

} // namespace

class TestCommandTable : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;
    std::set<std::string> m_ours, m_redis;

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error), error.c_str());
        m_ours = commandList(m_pair.oursClient());
        m_redis = commandList(m_pair.redisClient());
        QVERIFY2(m_redis.size() > 300, "redis-server's COMMAND LIST looks wrong");
        QVERIFY(!m_ours.empty());
    }

    void everyRedisCommandIsServedOrExcused()
    {
        std::vector<std::string> missing;
        for (const std::string &name : m_redis)
            if (!m_ours.count(name) && !isNotYetServed(name)) missing.push_back(name);
        QVERIFY2(missing.empty(), ("missing from the engine: " + joined(missing)).c_str());
    }

    void excusesAreStillNeeded()
    {
        std::vector<std::string> served;
        for (const std::string &name : redscope::test::commandsNotYetServed())
            if (m_ours.count(name)) served.push_back(name);
        QVERIFY2(served.empty(),
                 ("served now, take off not_yet_served.h: " + joined(served)).c_str());
    }

    void nothingRedis70DoesNotHave()
    {
        std::vector<std::string> extra;
        for (const std::string &name : m_ours)
            if (!m_redis.count(name)) extra.push_back(name);
        QVERIFY2(extra.empty(), ("not in redis-server 7.0.15: " + joined(extra)).c_str());
    }

    // COMMAND COUNT counts top-level commands, which are the names without a '|'.
    void countAgreesWithList()
    {
        size_t topLevel = 0;
        for (const std::string &name : m_ours)
            topLevel += name.find('|') == std::string::npos;
        QCOMPARE(m_pair.oursClient().run({"COMMAND", "COUNT"}), ":" + std::to_string(topLevel));
    }

    // COMMAND INFO of every command both serve, all ten elements: name, arity, flags (names
    // and order), first/last/step, ACL categories, tips and key specifications (flags,
    // begin_search, find_keys), and for a container each subcommand's the same way (Redis
    // lists them in hash order: compared as a set), the key specs' "notes" included.
    void commandInfoLikeRedis()
    {
        std::vector<std::string> names;
        for (const std::string &name : m_redis)
            if (m_ours.count(name)) names.push_back(name);
        std::function<std::string(redisReply *)> text = [&](redisReply *r) -> std::string {
            switch (r->type) {
            case REDIS_REPLY_INTEGER:
                return std::to_string(r->integer);
            case REDIS_REPLY_ARRAY: {
                size_t i = 0;
                std::string out = "[";
                for (bool first = true; i < r->elements; ++i, first = false)
                    out += (first ? "" : ",") + text(r->element[i]);
                return out + "]";
            }
            default:
                return std::string(r->str, r->len);
            }
        };
        std::function<std::string(redisReply *)> summary = [&](redisReply *entry) {
            std::string out;
            for (size_t i = 0; i < 9 && i < entry->elements; ++i)
                out += text(entry->element[i]) + " ";
            std::set<std::string> subs;
            for (size_t k = 0; entry->elements > 9 && k < entry->element[9]->elements; ++k)
                subs.insert(summary(entry->element[9]->element[k]));
            for (const std::string &sub : subs)
                out += "\n    " + sub;
            return out;
        };
        std::string differ;
        for (const std::string &name : names) {
            if (name.find('|') != std::string::npos) continue; // covered with the container
            // The engine keeps AUTH and HELLO out of MONITOR and SLOWLOG (skip_monitor,
            // skip_slowlog); Redis 7.0 shows them there with their arguments redacted.
            if (name == "auth" || name == "hello") continue;
            auto ours = m_pair.oursClient().command({"COMMAND", "INFO", name});
            auto redis = m_pair.redisClient().command({"COMMAND", "INFO", name});
            QVERIFY(ours && redis && ours->elements == 1 && redis->elements == 1);
            const std::string mine = summary(ours->element[0]);
            const std::string theirs = summary(redis->element[0]);
            if (mine != theirs) differ += "\n  ours:  " + mine + "\n  redis: " + theirs;
        }
        if (!differ.empty()) qWarning("COMMAND INFO differs:%s", differ.c_str());
        QVERIFY(differ.empty());
    }
};

QTEST_APPLESS_MAIN(TestCommandTable)
#include "tst_command_table.moc"
