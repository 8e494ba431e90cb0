// Generic key commands added with the core data types (RENAME, RENAMENX, COPY, MOVE, SWAPDB,
// RANDOMKEY, EXPIRETIME, PEXPIRETIME, TOUCH, OBJECT) against Debian's redis-server side by
// side: deterministic sequences must give the same replies word for word; random and
// time-dependent answers get targeted asserts on our server. SCAN: every key present for a
// whole walk is returned while the keyspace grows and shrinks under it, and keys past their
// deadline are left out whichever command gave them that deadline (or took it away).
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

    // A whole SCAN walk with `options` after the cursor: every key returned, in order of
    // arrival (duplicates kept); `calls` counts the SCAN calls. `between` runs after each call.
    template <typename Between>
    static std::vector<std::string> walk(RedisTestClient &client,
                                         const std::vector<std::string> &options, Between between)
    {
        std::vector<std::string> keys;
        std::string cursor = "0";
        int calls = 0;
        do {
            std::vector<std::string> args{"SCAN", cursor};
            args.insert(args.end(), options.begin(), options.end());
            RedisTestClient::Reply reply = client.command(args);
            if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2) {
                keys.push_back("<bad reply>");
                return keys;
            }
            cursor.assign(reply->element[0]->str, reply->element[0]->len);
            for (size_t i = 0; i < reply->element[1]->elements; ++i) {
                const redisReply *key = reply->element[1]->element[i];
                keys.emplace_back(key->str, key->len);
            }
            between();
        } while (cursor != "0" && ++calls < 200000);
        return keys;
    }

    // The distinct keys of a walk, sorted and joined, to compare two servers' walks.
    static std::string walkText(RedisTestClient &client, const std::vector<std::string> &options)
    {
        const std::vector<std::string> keys = walk(client, options, [] {});
        std::string text;
        for (const std::string &key : std::set<std::string>(keys.begin(), keys.end()))
            text += key + ";";
        return text;
    }

    std::string compareWalks(const std::vector<std::string> &options)
    {
        const std::string a = walkText(m_pair.oursClient(), options);
        const std::string b = walkText(m_pair.redisClient(), options);
        return a == b ? std::string() : "redscope: " + a + "\n   redis:    " + b;
    }

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

    // Keys stable:* (and ttl:*, with a deadline an hour away) are there for the whole walk;
    // between SCAN calls 40000 other keys are added, 400 a call, then deleted again, 500 a
    // call, so the table doubles several times and shrinks back under the cursor. Every
    // stable key must come back at least once, on both servers, with and without MATCH and
    // TYPE.
    void scanAcrossResizeReturnsEveryKeyPresentThroughout()
    {
        const std::vector<std::vector<std::string>> variants = {
            {"COUNT", "20"},
            {"MATCH", "stable:*", "COUNT", "7"},
            {"COUNT", "50", "TYPE", "string"},
        };
        for (RedisTestClient *client : {&m_pair.oursClient(), &m_pair.redisClient()}) {
            const bool isOurs = client == &m_pair.oursClient();
            for (const std::vector<std::string> &options : variants) {
                QCOMPARE(client->run({"FLUSHALL"}), std::string("+OK"));
                for (int i = 0; i < 3000; ++i) {
                    client->append({"SET", "stable:" + std::to_string(i), "v"});
                    client->append({"SET", "ttl:" + std::to_string(i), "v", "EX", "3600"});
                    client->append({"RPUSH", "list:" + std::to_string(i), "v"});
                }
                for (int i = 0; i < 9000; ++i)
                    client->readReply();
                int added = 0;
                int deleted = 0;
                const std::vector<std::string> keys = walk(*client, options, [&] {
                    if (added < 40000) {
                        for (int j = 0; j < 400; ++j, ++added)
                            client->append({"SET", "churn:" + std::to_string(added), "v"});
                        for (int j = 0; j < 400; ++j)
                            client->readReply();
                    } else if (deleted < added) {
                        int n = 0;
                        for (; n < 500 && deleted < added; ++n, ++deleted)
                            client->append({"DEL", "churn:" + std::to_string(deleted)});
                        for (int j = 0; j < n; ++j)
                            client->readReply();
                    }
                });
                const std::string where =
                    std::string(isOurs ? "redscope " : "redis ") + joinArgs(options);
                QVERIFY2(added == 40000, (where + " walk ended before the growth").c_str());
                QVERIFY2(client->run({"DBSIZE"}) == ":" + std::to_string(9000 + added - deleted),
                         where.c_str());
                const std::set<std::string> seen(keys.begin(), keys.end());
                const bool match = options[0] == "MATCH";
                const bool typeString = options.size() > 2 && options[2] == "TYPE";
                for (int i = 0; i < 3000; ++i) {
                    const std::string n = std::to_string(i);
                    QVERIFY2(seen.count("stable:" + n), (where + " stable:" + n).c_str());
                    QVERIFY2(seen.count("ttl:" + n) != match, (where + " ttl:" + n).c_str());
                    QVERIFY2(seen.count("list:" + n) != (match || typeString),
                             (where + " list:" + n).c_str());
                }
                for (const std::string &key : seen) {
                    QVERIFY2(!match || key.starts_with("stable:"), where.c_str());
                    QVERIFY2(!typeString || !key.starts_with("list:"), where.c_str());
                }
            }
        }
    }

    // Regression for SCAN and KEYS reading a key's deadline only when its slot is marked as
    // having one: every way to give a key a deadline, keep it, move it or take it away, then
    // the deadlines pass and both servers' walks must leave out exactly the same keys.
    void scanAndKeysLeaveOutKeysPastTheirDeadline()
    {
        // Long enough for the setup and the first walks to finish first on a loaded machine.
        const std::string soon = "1500";
        std::string diff = compare({
            {"SET", "ex", "v", "PX", soon},
            {"PSETEX", "psetex", soon, "v"},
            {"SET", "pexpire", "v"},
            {"PEXPIRE", "pexpire", soon},
            {"SET", "keepttl", "v", "PX", soon},
            {"SET", "keepttl", "w", "KEEPTTL"},
            {"SET", "overwritten", "v", "PX", soon},
            {"SET", "overwritten", "w"},
            {"SET", "persisted", "v", "PX", soon},
            {"PERSIST", "persisted"},
            {"SET", "getexpersist", "v", "PX", soon},
            {"GETEX", "getexpersist", "PERSIST"},
            {"SET", "getexpx", "v"},
            {"GETEX", "getexpx", "PX", soon},
            {"SET", "renamesrc", "v", "PX", soon},
            {"RENAME", "renamesrc", "renamed"},
            {"SET", "renametarget", "v", "PX", soon},
            {"SET", "renamesrc2", "v"},
            {"RENAME", "renamesrc2", "renametarget"},
            {"SET", "moved", "v", "PX", soon},
            {"MOVE", "moved", "1"},
            {"SET", "moved", "again"},
            {"SET", "copied", "v", "PX", soon},
            {"COPY", "copied", "copy"},
            {"COPY", "copied", "copyindb1", "DB", "1"},
            {"SET", "copysrc", "v"},
            {"SET", "copytarget", "v", "PX", soon},
            {"COPY", "copysrc", "copytarget", "REPLACE"},
            {"RPUSH", "list", "a"},
            {"PEXPIRE", "list", soon},
            {"RPUSH", "list", "b"},
            {"HSET", "hash", "f", "v"},
            {"PEXPIRE", "hash", soon},
            {"SET", "incr", "1", "PX", soon},
            {"INCR", "incr"},
            {"SET", "append", "x", "PX", soon},
            {"APPEND", "append", "y"},
            {"SET", "recreated", "v", "PX", soon},
            {"DEL", "recreated"},
            {"SET", "recreated", "again"},
            {"SET", "expirenow", "v"},
            {"PEXPIRE", "expirenow", "0"},
            {"SET", "far", "v", "EX", "1000"},
            {"SET", "setget", "v", "PX", soon},
            {"SET", "setget", "w", "GET"},
            {"SET", "nx", "v", "PX", soon},
            {"SET", "nx", "w", "NX"},
            {"SET", "xx", "v"},
            {"SET", "xx", "w", "XX", "PX", soon},
            {"SET", "mset", "v", "PX", soon},
            {"MSET", "mset", "w"},
            {"SET", "getset", "v", "PX", soon},
            {"GETSET", "getset", "w"},
            {"SET", "plain", "v"},
            {"SADD", "set", "m"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
        // Before the deadlines every key is there.
        diff = compareWalks({"COUNT", "3"});
        QVERIFY2(diff.empty(), diff.c_str());
        QVERIFY(walkText(m_pair.oursClient(), {}).find(";keepttl;") != std::string::npos);
        std::this_thread::sleep_for(std::chrono::milliseconds(1800));
        // The first walk after the deadlines is the one that meets the expired keys.
        diff = compareWalks({"COUNT", "2", "TYPE", "string"});
        QVERIFY2(diff.empty(), diff.c_str());
        diff = compareWalks({"COUNT", "1000"});
        QVERIFY2(diff.empty(), diff.c_str());
        QCOMPARE(walkText(m_pair.oursClient(), {"COUNT", "1000"}),
                 std::string("copysrc;copytarget;far;getexpersist;getset;moved;mset;overwritten;"
                             "persisted;plain;recreated;renametarget;set;setget;"));
        diff = m_pair.runSteps({{redscope::test::Order::Unordered, {"KEYS", "*"}}});
        QVERIFY2(diff.empty(), diff.c_str());
        QCOMPARE(compare({{"DBSIZE"}, {"SELECT", "1"}}), std::string());
        diff = compareWalks({"COUNT", "5"});
        QVERIFY2(diff.empty(), diff.c_str());
        QCOMPARE(compare({{"DBSIZE"}, {"SELECT", "0"}}), std::string());
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
