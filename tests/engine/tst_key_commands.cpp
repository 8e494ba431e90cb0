// Generic key commands added with the core data types (RENAME, RENAMENX, COPY, MOVE, SWAPDB,
// RANDOMKEY, EXPIRETIME, PEXPIRETIME, TOUCH, OBJECT) against Debian's redis-server side by
// side: deterministic sequences must give the same replies word for word; random and
// time-dependent answers get targeted asserts on our server.
#include "redis_test_client.h"
#include "test_server.h"

#include <QtTest>

#include <chrono>
#include <set>
#include <thread>

using redscope::test::RedisTestClient;
using redscope::test::TestServer;

namespace {

using Script = std::vector<std::vector<std::string>>;

std::string joined(const std::vector<std::string> &args)
{
    std::string text;
    for (const std::string &arg : args)
        text += (text.empty() ? "" : " ") + arg;
    return text;
}

int64_t integerOf(const std::string &reply)
{
    return reply.size() > 1 && reply[0] == ':' ? std::stoll(reply.substr(1)) : INT64_MIN;
}

} // namespace

class TestKeyCommands : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_ours, m_redis;
    std::unique_ptr<RedisTestClient> m_oursClient, m_redisClient;

    std::string compare(const Script &script)
    {
        std::string mismatches;
        for (const auto &args : script) {
            std::string ours = m_oursClient->run(args), theirs = m_redisClient->run(args);
            if (ours != theirs || ours.starts_with("<io error"))
                mismatches +=
                    "\n  " + joined(args) + "\n    ours:  " + ours + "\n    redis: " + theirs;
        }
        return mismatches;
    }
    std::string ours(const std::vector<std::string> &args) { return m_oursClient->run(args); }

private slots:
    void initTestCase()
    {
        m_ours = TestServer::startRedscope();
        QVERIFY2(m_ours->ok(), m_ours->error().c_str());
        m_redis = TestServer::startRedis();
        QVERIFY2(m_redis->ok(), m_redis->error().c_str());
        m_oursClient = std::make_unique<RedisTestClient>("127.0.0.1", m_ours->port());
        m_redisClient = std::make_unique<RedisTestClient>("127.0.0.1", m_redis->port());
        QVERIFY(m_oursClient->connected() && m_redisClient->connected());
    }

    void init() { QCOMPARE(compare({{"SELECT", "0"}, {"FLUSHALL"}}), std::string()); }

    void renameKeepsValueAndTtl()
    {
        std::string diff = compare({
            {"SET", "a", "1", "EX", "100"},
            {"RENAME", "a", "b"},
            {"EXISTS", "a"},
            {"GET", "b"},
            {"TTL", "b"},
            {"RENAME", "nokey", "x"},
            {"RENAMENX", "nokey", "x"},
            {"RENAME", "b", "b"},
            {"RENAMENX", "b", "b"},
            {"SET", "c", "3"},
            {"RENAMENX", "b", "c"},
            {"RENAMENX", "b", "d"},
            {"TTL", "d"},
            {"RENAME", "d", "c"},
            {"GET", "c"},
            {"TTL", "c"},
            {"RPUSH", "l", "x", "y"},
            {"RENAME", "l", "c"},
            {"TYPE", "c"},
            {"LRANGE", "c", "0", "-1"},
            {"RENAME", "c"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void copyBetweenKeysAndDatabases()
    {
        std::string diff = compare({
            {"SET", "a", "v", "EX", "100"},
            {"COPY", "a", "b"},
            {"GET", "b"},
            {"TTL", "b"},
            {"COPY", "a", "b"},
            {"SET", "a", "w"},
            {"COPY", "a", "b", "REPLACE"},
            {"GET", "b"},
            {"TTL", "b"},
            {"COPY", "a", "a"},
            {"COPY", "nokey", "x"},
            {"COPY", "a", "a", "DB", "1"},
            {"COPY", "a", "x", "DB", "16"},
            {"COPY", "a", "x", "DB", "abc"},
            {"COPY", "a", "x", "DB", "-1"},
            {"COPY", "a", "x", "FOO"},
            {"COPY", "a", "x", "DB"},
            {"COPY", "a", "x", "DB", "99", "FOO"},
            {"RPUSH", "l", "1", "2"},
            {"COPY", "l", "l2"},
            {"RPUSH", "l2", "3"},
            {"LRANGE", "l", "0", "-1"},
            {"LRANGE", "l2", "0", "-1"},
            {"SELECT", "1"},
            {"GET", "a"},
            {"SET", "a", "db1"},
            {"SELECT", "0"},
            {"COPY", "a", "a", "DB", "1"},
            {"COPY", "a", "a", "DB", "1", "REPLACE"},
            {"SELECT", "1"},
            {"GET", "a"},
            {"SELECT", "0"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void moveAndSwapdb()
    {
        std::string diff = compare({
            {"SET", "a", "v", "PX", "100000"},
            {"MOVE", "a", "1"},
            {"EXISTS", "a"},
            {"MOVE", "a", "1"},
            {"MOVE", "a", "0"},
            {"MOVE", "a", "16"},
            {"MOVE", "a", "x"},
            {"SELECT", "1"},
            {"GET", "a"},
            {"TTL", "a"},
            {"SET", "b", "1"},
            {"SELECT", "0"},
            {"SET", "b", "0"},
            {"MOVE", "b", "1"},
            {"GET", "b"},
            {"SWAPDB", "0", "1"},
            {"GET", "a"},
            {"GET", "b"},
            {"DBSIZE"},
            {"SWAPDB", "0", "0"},
            {"SWAPDB", "x", "1"},
            {"SWAPDB", "1", "x"},
            {"SWAPDB", "0", "16"},
            {"SWAPDB", "-1", "0"},
            {"SELECT", "1"},
            {"GET", "b"},
            {"SELECT", "0"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void expireTimeAndTouch()
    {
        std::string diff = compare({
            {"SET", "a", "v"},
            {"EXPIRETIME", "a"},
            {"PEXPIRETIME", "a"},
            {"EXPIRETIME", "nokey"},
            {"PEXPIRETIME", "nokey"},
            {"PEXPIREAT", "a", "4102444800499"},
            {"EXPIRETIME", "a"},
            {"PEXPIRETIME", "a"},
            {"PEXPIREAT", "a", "4102444800500"},
            {"EXPIRETIME", "a"},
            {"SET", "b", "1"},
            {"TOUCH", "a", "b", "nokey", "a"},
            {"TOUCH", "nokey"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void objectSubcommands()
    {
        std::string diff = compare({
            {"SET", "int", "12345"},
            {"SET", "small", "7"},
            {"SET", "emb", "hello"},
            {"SET", "raw", std::string(45, 'x')},
            {"RPUSH", "l", "x"},
            {"OBJECT", "ENCODING", "int"},
            {"OBJECT", "ENCODING", "emb"},
            {"OBJECT", "ENCODING", "raw"},
            {"OBJECT", "encoding", "l"},
            {"OBJECT", "ENCODING", "nokey"},
            {"OBJECT", "REFCOUNT", "small"},
            {"OBJECT", "REFCOUNT", "int"},
            {"OBJECT", "REFCOUNT", "emb"},
            {"OBJECT", "REFCOUNT", "nokey"},
            {"OBJECT", "IDLETIME", "nokey"},
            {"OBJECT", "FREQ", "emb"},
            {"OBJECT", "HELP"},
            {"OBJECT", "help", "x"},
            {"OBJECT", "FOO", "emb"},
            {"OBJECT", "ENCODING"},
            {"OBJECT", "ENCODING", "a", "b"},
            {"OBJECT"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
        int64_t idle = integerOf(ours({"OBJECT", "IDLETIME", "emb"}));
        QVERIFY2(idle >= 0 && idle <= 2, std::to_string(idle).c_str());
    }

    void objectUnderLfuPolicy()
    {
        auto lfu = TestServer::startRedscope({"--maxmemory-policy", "allkeys-lfu"});
        QVERIFY2(lfu->ok(), lfu->error().c_str());
        auto lfuRedis = TestServer::startRedis({"--maxmemory-policy", "allkeys-lfu"});
        QVERIFY2(lfuRedis->ok(), lfuRedis->error().c_str());
        RedisTestClient a("127.0.0.1", lfu->port()), b("127.0.0.1", lfuRedis->port());
        for (const auto &args : Script{{"SET", "k", "v"}, {"OBJECT", "IDLETIME", "k"}})
            QCOMPARE(a.run(args), b.run(args));
        QVERIFY(a.run({"OBJECT", "FREQ", "k"}).starts_with(":"));
    }

    void randomkey()
    {
        QCOMPARE(ours({"RANDOMKEY"}), std::string("(nil)"));
        QCOMPARE(compare({{"RANDOMKEY"}}), std::string());
        for (const char *key : {"a", "b", "c"})
            ours({"SET", key, "v"});
        std::set<std::string> seen;
        for (int i = 0; i < 200; ++i)
            seen.insert(ours({"RANDOMKEY"}));
        QCOMPARE(seen, (std::set<std::string>{"$a", "$b", "$c"}));
        // Expired keys are never returned: only the live key can come back.
        QCOMPARE(ours({"FLUSHALL"}), std::string("+OK"));
        for (int i = 0; i < 20; ++i)
            ours({"SET", "v" + std::to_string(i), "x", "PX", "50"});
        ours({"SET", "live", "x"});
        std::this_thread::sleep_for(std::chrono::milliseconds(120));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(ours({"RANDOMKEY"}), std::string("$live"));
    }
};

QTEST_APPLESS_MAIN(TestKeyCommands)
#include "tst_key_commands.moc"
