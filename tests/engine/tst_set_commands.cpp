// Set commands against redscope-server and Debian's redis-server side by side. Redis returns
// small integer sets sorted (intsets) and other sets in hash order; ours are always in hash
// order, so replies whose order Redis leaves unspecified are compared sorted. Random
// replies (SPOP, SRANDMEMBER) are checked for their properties.
#include "side_by_side.h"

#include <QtTest>

#include <set>

using redscope::test::Order;
using redscope::test::ServerPair;
using redscope::test::Step;

namespace {
constexpr Order E = Order::Exact;
constexpr Order U = Order::Unordered;

std::set<std::string> elementsOf(const redisReply *reply)
{
    std::set<std::string> result;
    if (reply && reply->type == REDIS_REPLY_ARRAY)
        for (size_t i = 0; i < reply->elements; ++i)
            result.emplace(reply->element[i]->str, reply->element[i]->len);
    return result;
}
} // namespace

class TestSetCommands : public QObject
{
    Q_OBJECT

private:
    ServerPair m_servers;

    std::string ours(const std::vector<std::string> &args)
    {
        return m_servers.oursClient().run(args);
    }

    redisReply *oursReply(const char *command)
    {
        return static_cast<redisReply *>(redisCommand(m_servers.oursClient().context(), command));
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_servers.start(&error), error.c_str());
    }

    void init() { m_servers.flushBoth(); }

    void membership()
    {
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"SADD", "s", "a", "b", "c"}},
            {E, {"SADD", "s", "a", "d", "d"}},
            {E, {"SREM", "s", "a", "zz"}},
            {E, {"SREM", "nokey", "a"}},
            {E, {"SCARD", "s"}},
            {E, {"SCARD", "nokey"}},
            {E, {"SISMEMBER", "s", "b"}},
            {E, {"SISMEMBER", "s", "a"}},
            {E, {"SISMEMBER", "nokey", "a"}},
            {E, {"SMISMEMBER", "s", "a", "b", "zz"}},
            {E, {"SMISMEMBER", "nokey", "a"}},
            {U, {"SMEMBERS", "s"}},
            {E, {"SMEMBERS", "nokey"}},
            {E, {"SADD", "ints", "3", "1", "2", "100", "-5"}},
            {U, {"SMEMBERS", "ints"}},
            {E, {"TYPE", "s"}},
        }));
    }

    void algebra()
    {
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"SADD", "s1", "a", "b", "c", "d"}},
            {E, {"SADD", "s2", "c", "d", "e"}},
            {E, {"SADD", "s3", "a", "c", "e", "f"}},
            {U, {"SINTER", "s1", "s2"}},
            {U, {"SINTER", "s1", "s2", "s3"}},
            {U, {"SINTER", "s1", "nokey"}},
            {U, {"SINTER", "s1"}},
            {U, {"SUNION", "s1", "s2", "s3"}},
            {U, {"SUNION", "s1", "nokey"}},
            {U, {"SDIFF", "s1", "s2"}},
            {U, {"SDIFF", "s1", "s2", "s3"}},
            {U, {"SDIFF", "nokey", "s1"}},
            {U, {"SDIFF", "s1", "nokey"}},
            {E, {"SINTERSTORE", "dst", "s1", "s2"}},
            {U, {"SMEMBERS", "dst"}},
            {E, {"SUNIONSTORE", "dst", "s1", "s3"}},
            {U, {"SMEMBERS", "dst"}},
            {E, {"SDIFFSTORE", "dst", "s1", "s3"}},
            {U, {"SMEMBERS", "dst"}},
            // The destination may be one of the sources.
            {E, {"SUNIONSTORE", "s1", "s1", "s2"}},
            {U, {"SMEMBERS", "s1"}},
            // An empty result deletes the destination.
            {E, {"SINTERSTORE", "dst", "s1", "nokey"}},
            {E, {"EXISTS", "dst"}},
            {E, {"SDIFFSTORE", "dst2", "nokey", "s1"}},
            {E, {"EXISTS", "dst2"}},
            // A destination of another type is overwritten, and loses its TTL.
            {E, {"SET", "str", "x", "EX", "100"}},
            {E, {"SINTERSTORE", "str", "s2"}},
            {E, {"TYPE", "str"}},
            {E, {"TTL", "str"}},
            {E, {"SINTERCARD", "2", "s2", "s3"}},
            {E, {"SINTERCARD", "1", "s2"}},
            {E, {"SINTERCARD", "1", "s2", "LIMIT", "2"}},
            {E, {"SINTERCARD", "1", "s2", "LIMIT", "0"}},
            {E, {"SINTERCARD", "1", "s2", "LIMIT", "1", "LIMIT", "2"}},
            {E, {"SINTERCARD", "2", "s2", "nokey"}},
            {E, {"SINTERCARD", "0", "s2"}},
            {E, {"SINTERCARD", "-1", "s2"}},
            {E, {"SINTERCARD", "x", "s2"}},
            {E, {"SINTERCARD", "3", "s2"}},
            {E, {"SINTERCARD", "1", "s2", "LIMIT", "-1"}},
            {E, {"SINTERCARD", "1", "s2", "LIMIT", "x"}},
            {E, {"SINTERCARD", "1", "s2", "LIMIT"}},
            {E, {"SINTERCARD", "1", "s2", "foo", "1"}},
        }));
    }

    void smove()
    {
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"SADD", "src", "a", "b"}},
            {E, {"SADD", "dst", "b", "c"}},
            {E, {"SMOVE", "src", "src", "a"}},
            {E, {"SMOVE", "src", "src", "zz"}},
            {E, {"SMOVE", "src", "dst", "zz"}},
            {E, {"SMOVE", "src", "dst", "b"}},
            {U, {"SMEMBERS", "dst"}},
            {E, {"SMOVE", "src", "newkey", "a"}},
            {E, {"EXISTS", "src"}},
            {U, {"SMEMBERS", "newkey"}},
            {E, {"SMOVE", "nokey", "dst", "a"}},
            {E, {"SET", "str", "x"}},
            {E, {"SMOVE", "dst", "str", "b"}},
            {E, {"SMOVE", "str", "dst", "b"}},
            {E, {"SMOVE", "nokey", "str", "b"}},
            {U, {"SMEMBERS", "dst"}},
        }));
    }

    void wrongTypeArityAndBadNumbers()
    {
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"SET", "str", "x"}},
            {E, {"SADD", "s", "a", "b", "c"}},
            {E, {"SADD", "str", "a"}},
            {E, {"SREM", "str", "a"}},
            {E, {"SMEMBERS", "str"}},
            {E, {"SISMEMBER", "str", "a"}},
            {E, {"SMISMEMBER", "str", "a"}},
            {E, {"SCARD", "str"}},
            {E, {"SPOP", "str"}},
            {E, {"SPOP", "str", "2"}},
            {E, {"SRANDMEMBER", "str"}},
            {E, {"SINTER", "s", "str"}},
            {E, {"SINTER", "nokey", "str"}},
            {E, {"SUNION", "s", "str"}},
            {E, {"SDIFF", "nokey", "str"}},
            {E, {"SINTERSTORE", "d", "s", "str"}},
            {E, {"SINTERCARD", "2", "s", "str"}},
            {E, {"SSCAN", "str", "0"}},
            {E, {"SADD", "s"}},
            {E, {"SREM", "s"}},
            {E, {"SMEMBERS"}},
            {E, {"SISMEMBER", "s"}},
            {E, {"SMOVE", "s", "d"}},
            {E, {"SINTERSTORE", "d"}},
            {E, {"SINTERCARD", "1"}},
            {E, {"SPOP", "s", "x"}},
            {E, {"SPOP", "s", "-1"}},
            {E, {"SPOP", "s", "1", "2"}},
            {E, {"SPOP", "s", "0"}},
            {E, {"SPOP", "nokey"}},
            {E, {"SPOP", "nokey", "2"}},
            {E, {"SRANDMEMBER", "s", "x"}},
            {E, {"SRANDMEMBER", "s", "1", "2"}},
            {E, {"SRANDMEMBER", "s", "-9223372036854775808"}},
            {E, {"SRANDMEMBER", "s", "0"}},
            {E, {"SRANDMEMBER", "nokey"}},
            {E, {"SRANDMEMBER", "nokey", "5"}},
            {U, {"SRANDMEMBER", "s", "10"}},
            {E, {"SCARD", "s"}},
        }));
    }

    void emptiedSetIsDeleted()
    {
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"SADD", "s", "a", "b"}},
            {E, {"SREM", "s", "a", "b"}},
            {E, {"EXISTS", "s"}},
            {E, {"SADD", "s", "x"}},
            {E, {"SPOP", "s"}},
            {E, {"EXISTS", "s"}},
            {E, {"SADD", "s", "x", "y"}},
            {U, {"SPOP", "s", "5"}},
            {E, {"EXISTS", "s"}},
            {E, {"SADD", "s", "x"}},
            {E, {"SMOVE", "s", "t", "x"}},
            {E, {"EXISTS", "s"}},
            {E, {"TYPE", "t"}},
        }));
    }

    void spopAndSrandmemberProperties()
    {
        std::string add = "SADD s";
        for (int i = 0; i < 200; ++i)
            add += " m" + std::to_string(i);
        QCOMPARE(ours({"DEL", "s"}), std::string(":0"));
        redisReply *reply = oursReply(add.c_str());
        QCOMPARE(reply->integer, 200LL);
        freeReplyObject(reply);

        reply = oursReply("SRANDMEMBER s 50");
        std::set<std::string> picked = elementsOf(reply);
        QCOMPARE(reply->elements, size_t(50));
        freeReplyObject(reply);
        QCOMPARE(picked.size(), size_t(50)); // distinct

        reply = oursReply("SRANDMEMBER s -500");
        QCOMPARE(reply->elements, size_t(500));
        QVERIFY(elementsOf(reply).size() <= 200); // repeats allowed (and necessary)
        freeReplyObject(reply);

        reply = oursReply("SPOP s 60");
        std::set<std::string> popped = elementsOf(reply);
        freeReplyObject(reply);
        QCOMPARE(popped.size(), size_t(60));
        QCOMPARE(ours({"SCARD", "s"}), std::string(":140"));
        for (const std::string &member : popped)
            QCOMPARE(ours({"SISMEMBER", "s", member}), std::string(":0"));

        std::string one = ours({"SPOP", "s"});
        QVERIFY2(one.substr(0, 2) == "$m", one.c_str());
        QCOMPARE(ours({"SISMEMBER", "s", one.substr(1)}), std::string(":0"));
        QCOMPARE(ours({"SCARD", "s"}), std::string(":139"));
        std::string random = ours({"SRANDMEMBER", "s"});
        QCOMPARE(ours({"SISMEMBER", "s", random.substr(1)}), std::string(":1"));
    }

    void sscanWalksEveryMember()
    {
        std::vector<std::string> args{"SADD", "big"};
        for (int i = 0; i < 1000; ++i)
            args.push_back("member:" + std::to_string(i));
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({{E, args}, {E, {"SADD", "ints", "1", "2", "3"}}}));
        REDSCOPE_VERIFY_SAME(m_servers.compareScan({"SSCAN", "big", "0"}, false));
        REDSCOPE_VERIFY_SAME(m_servers.compareScan({"SSCAN", "big", "0", "COUNT", "7"}, false));
        REDSCOPE_VERIFY_SAME(m_servers.compareScan({"SSCAN", "big", "0", "MATCH", "*:9?"}, false));
        REDSCOPE_VERIFY_SAME(m_servers.compareScan({"SSCAN", "ints", "0"}, false));
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"SSCAN", "nokey", "0"}},
            {E, {"SSCAN", "nokey", "0", "badopt"}},
            {E, {"SSCAN", "big", "x"}},
            {E, {"SSCAN", "big", "0", "COUNT", "0"}},
            {E, {"SSCAN", "big", "0", "COUNT", "x"}},
            {E, {"SSCAN", "big", "0", "MATCH"}},
            {E, {"SSCAN", "big", "0", "FOO", "bar"}},
        }));
    }
};

QTEST_GUILESS_MAIN(TestSetCommands)
#include "tst_set_commands.moc"
