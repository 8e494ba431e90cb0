// Generic key commands added with the core data types (RENAME, RENAMENX, COPY, MOVE, SWAPDB,
// RANDOMKEY, EXPIRETIME, PEXPIRETIME, TOUCH, OBJECT) against Debian's redis-server side by
// side: deterministic sequences must give the same replies word for word; random and
// time-dependent answers get targeted asserts on our server.
#include "side_by_side.h"

#include <QtTest>

#include <chrono>
#include <set>
#include <thread>

using redscope::test::integerOf;
using redscope::test::joinArgs;
using redscope::test::RedisTestClient;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

class TestKeyCommands : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    // Runs the script on both servers; returns a description of every differing reply.
    std::string compare(const Script &script) { return m_pair.compare(script); }
    std::string ours(const std::vector<std::string> &args) { return m_pair.oursClient().run(args); }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error), error.c_str());
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
