// The string family against Debian's redis-server side by side: each deterministic command
// sequence runs on both servers and every reply must match word for word (errors included).
// TTL-dependent answers are checked with tolerances; the 512 MB limit is exercised with
// SETRANGE/APPEND offsets, so no test allocates half a gigabyte.
#include "side_by_side.h"

#include <QtTest>

#include <chrono>
#include <random>
#include <thread>

using redscope::test::integerOf;
using redscope::test::joinArgs;
using redscope::test::RedisTestClient;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

class TestStringCommands : public QObject
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

    void init() { QCOMPARE(compare({{"FLUSHALL"}}), std::string()); }

    void multiKeyGetAndSet()
    {
        std::string diff = compare({
            {"MSET", "a", "1", "b", "2", "c", "3"},
            {"MGET", "a", "b", "nokey", "c"},
            {"MSET", "a", "1", "b"},
            {"MSETNX", "a", "x", "d", "4"},
            {"EXISTS", "d"},
            {"MSETNX", "d", "4", "e", "5"},
            {"MGET", "d", "e"},
            {"MSETNX", "f"},
            {"RPUSH", "list", "x"},
            {"MGET", "a", "list"},
            {"MSET", "list", "now-string"},
            {"TYPE", "list"},
            {"SET", "t", "v", "EX", "100"},
            {"MSET", "t", "w"},
            {"TTL", "t"},
            {"SETNX", "a", "x"},
            {"SETNX", "n", "x"},
            {"GET", "n"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void setexFamilyAndGetset()
    {
        std::string diff = compare({
            {"SETEX", "k", "100", "v"},
            {"TTL", "k"},
            {"GET", "k"},
            {"SETEX", "k", "0", "v"},
            {"SETEX", "k", "-1", "v"},
            {"SETEX", "k", "x", "v"},
            {"SETEX", "k", "9223372036854775807", "v"},
            {"PSETEX", "k", "0", "v"},
            {"PSETEX", "k", "abc", "v"},
            {"PSETEX", "p", "100000", "v"},
            {"TTL", "p"},
            {"GETSET", "k", "new"},
            {"TTL", "k"},
            {"GETSET", "nokey", "v"},
            {"GET", "nokey"},
            {"RPUSH", "l", "x"},
            {"GETSET", "l", "v"},
            {"GETDEL", "k"},
            {"EXISTS", "k"},
            {"GETDEL", "k"},
            {"GETDEL", "l"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
        QVERIFY(integerOf(ours({"PTTL", "p"})) > 99000);
    }

    void getexOptions()
    {
        std::string diff = compare({
            {"SET", "k", "v"},
            {"GETEX", "k"},
            {"TTL", "k"},
            {"GETEX", "k", "EX", "100"},
            {"TTL", "k"},
            {"GETEX", "k", "PERSIST"},
            {"TTL", "k"},
            {"GETEX", "k", "PX", "50000"},
            {"TTL", "k"},
            {"GETEX", "k", "EX", "0"},
            {"GETEX", "k", "EX", "-5"},
            {"GETEX", "k", "EX", "x"},
            {"GETEX", "k", "EX"},
            {"GETEX", "k", "PERSIST", "EX", "1"},
            {"GETEX", "k", "EX", "1", "PX", "1"},
            {"GETEX", "k", "NX"},
            {"GETEX", "k", "KEEPTTL"},
            {"GETEX", "k", "EXAT", "4102444800"},
            {"EXPIRETIME", "k"},
            {"GETEX", "k", "PXAT", "4102444800123"},
            {"PEXPIRETIME", "k"},
            {"GETEX", "nokey", "PX", "0"},
            {"GETEX", "nokey", "EX", "100"},
            {"GETEX", "k", "EXAT", "1"},
            {"EXISTS", "k"},
            {"RPUSH", "l", "x"},
            {"GETEX", "l", "PERSIST"},
            {"GETEX", "k", "EX", "9223372036854775807"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void appendStrlenRanges()
    {
        std::string diff = compare({
            {"APPEND", "s", "Hello"},
            {"APPEND", "s", " World"},
            {"STRLEN", "s"},
            {"STRLEN", "nokey"},
            {"GETRANGE", "s", "0", "4"},
            {"GETRANGE", "s", "-5", "-1"},
            {"GETRANGE", "s", "-1", "-5"},
            {"GETRANGE", "s", "5", "2"},
            {"GETRANGE", "s", "0", "100"},
            {"GETRANGE", "s", "-100", "2"},
            {"GETRANGE", "s", "100", "200"},
            {"GETRANGE", "s", "a", "1"},
            {"GETRANGE", "nokey", "0", "1"},
            {"SUBSTR", "s", "6", "-1"},
            {"SET", "e", ""},
            {"GETRANGE", "e", "0", "-1"},
            {"SET", "n", "12345"},
            {"APPEND", "n", "6"},
            {"GET", "n"},
            {"SETRANGE", "s", "6", "Redis"},
            {"GET", "s"},
            {"SETRANGE", "pad", "5", "x"},
            {"GET", "pad"},
            {"SETRANGE", "s", "-1", "x"},
            {"SETRANGE", "s", "x", "y"},
            {"SETRANGE", "nokey2", "3", ""},
            {"EXISTS", "nokey2"},
            {"SETRANGE", "s", "100", ""},
            {"STRLEN", "s"},
            {"SETRANGE", "s", "536870912", "x"},
            {"SETRANGE", "big", "536870912", "x"},
            {"SETRANGE", "big", "536870912", ""},
            {"SETRANGE", "s", "9223372036854775807", "x"},
            {"RPUSH", "l", "x"},
            {"APPEND", "l", "x"},
            {"STRLEN", "l"},
            {"GETRANGE", "l", "0", "1"},
            {"SETRANGE", "l", "0", "x"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void counters()
    {
        std::string diff = compare({
            {"INCR", "c"},
            {"INCRBY", "c", "10"},
            {"DECR", "c"},
            {"DECRBY", "c", "5"},
            {"INCRBY", "c", "-100"},
            {"INCRBY", "c", "x"},
            {"DECRBY", "c", "1.5"},
            {"SET", "max", "9223372036854775807"},
            {"INCR", "max"},
            {"DECRBY", "max", "-1"},
            {"SET", "min", "-9223372036854775808"},
            {"DECR", "min"},
            {"DECRBY", "c", "-9223372036854775808"},
            {"SET", "s", "abc"},
            {"INCR", "s"},
            {"SET", "sp", " 1"},
            {"INCR", "sp"},
            {"SET", "z", "01"},
            {"INCR", "z"},
            {"RPUSH", "l", "x"},
            {"INCR", "l"},
            {"SET", "t", "5", "EX", "100"},
            {"INCR", "t"},
            {"TTL", "t"},
            {"OBJECT", "ENCODING", "c"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void incrByFloat()
    {
        std::string diff = compare({
            {"INCRBYFLOAT", "f", "10.5"},
            {"INCRBYFLOAT", "f", "0.1"},
            {"INCRBYFLOAT", "f", "-5"},
            {"INCRBYFLOAT", "f", "5.0e3"},
            {"INCRBYFLOAT", "f", "abc"},
            {"INCRBYFLOAT", "f", " 1"},
            {"INCRBYFLOAT", "f", "inf"},
            {"INCRBYFLOAT", "f", "nan"},
            {"INCRBYFLOAT", "f", "1e400"},
            {"SET", "i", "3"},
            {"INCRBYFLOAT", "i", "1.5"},
            {"SET", "e", "1e3"},
            {"INCRBYFLOAT", "e", "1"},
            {"SET", "s", "abc"},
            {"INCRBYFLOAT", "s", "1"},
            {"INCRBYFLOAT", "g", "1.1"},
            {"INCRBYFLOAT", "g", "-1.1"},
            {"GET", "g"},
            {"INCRBYFLOAT", "h", "3.0e3"},
            {"INCRBYFLOAT", "h", "0.0000000000000001"},
            {"SET", "t", "1", "EX", "100"},
            {"INCRBYFLOAT", "t", "1"},
            {"TTL", "t"},
            {"RPUSH", "l", "x"},
            {"INCRBYFLOAT", "l", "1"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void wrongArity()
    {
        std::string diff = compare({
            {"MGET"},
            {"MSET", "a"},
            {"SETNX", "a"},
            {"SETEX", "a", "1"},
            {"GETDEL"},
            {"APPEND", "a"},
            {"GETRANGE", "a", "1"},
            {"INCR"},
            {"INCRBYFLOAT", "a"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void setexKeyExpires()
    {
        QCOMPARE(ours({"PSETEX", "k", "100", "v"}), std::string("+OK"));
        QCOMPARE(ours({"GET", "k"}), std::string("$v"));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        QCOMPARE(ours({"GET", "k"}), std::string("(nil)"));
        QCOMPARE(ours({"SET", "g", "v"}), std::string("+OK"));
        QCOMPARE(ours({"GETEX", "g", "PX", "100"}), std::string("$v"));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        QCOMPARE(ours({"EXISTS", "g"}), std::string(":0"));
    }

    // ---- LCS (issue 21)

    void lcsOptionsAndErrors()
    {
        std::string diff = compare({
            {"SET", "a", "ohmytext"},
            {"SET", "b", "mynewtext"},
            {"LCS", "a", "b"},
            {"LCS", "a", "b", "LEN"},
            {"LCS", "a", "b", "IDX"},
            {"LCS", "a", "b", "IDX", "MINMATCHLEN", "4"},
            {"LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"},
            {"LCS", "a", "b", "idx", "withmatchlen"},
            {"LCS", "a", "b", "MINMATCHLEN", "-5", "IDX"},
            {"LCS", "a", "b", "WITHMATCHLEN"},
            {"LCS", "a", "b", "LEN", "IDX"},
            {"LCS", "a", "b", "IDX", "MINMATCHLEN", "x"},
            {"LCS", "a", "b", "MINMATCHLEN"},
            {"LCS", "a", "b", "foo"},
            {"LCS", "a", "nokey"},
            {"LCS", "nokey", "nokey2", "IDX"},
            {"SET", "n1", "12345"},
            {"SET", "n2", "2345"},
            {"LCS", "n1", "n2", "IDX", "WITHMATCHLEN"},
            {"RPUSH", "l", "x"},
            {"LCS", "a", "l"},
            {"LCS", "l", "nokey", "LEN", "IDX"},
            {"CONFIG", "SET", "proto-max-bulk-len", "1048576"},
            {"SET", "big1", std::string(600, 'x')},
            {"SET", "big2", std::string(600, 'y')},
            {"LCS", "big1", "big2"},
            {"CONFIG", "SET", "proto-max-bulk-len", "536870912"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    // Random strings over small alphabets (many equal-length choices on the way back through
    // the table): the string, LEN and every IDX range must be Redis's.
    void lcsRandomStringsMatchRedis()
    {
        std::mt19937 random(2121);
        Script script;
        for (int round = 0; round < 150; ++round) {
            std::string x, y;
            for (size_t n = random() % 40; n > 0; --n)
                x.push_back("abc"[random() % 3]);
            for (size_t n = random() % 40; n > 0; --n)
                y.push_back("abcd"[random() % 4]);
            script.push_back({"SET", "x", x});
            script.push_back({"SET", "y", y});
            script.push_back({"LCS", "x", "y"});
            script.push_back({"LCS", "x", "y", "LEN"});
            script.push_back({"LCS", "x", "y", "IDX", "WITHMATCHLEN"});
            script.push_back({"LCS", "x", "y", "IDX", "MINMATCHLEN", std::to_string(random() % 4)});
        }
        std::string diff = compare(script);
        QVERIFY2(diff.empty(), diff.c_str());
    }
};

QTEST_APPLESS_MAIN(TestStringCommands)
#include "tst_string_commands.moc"
