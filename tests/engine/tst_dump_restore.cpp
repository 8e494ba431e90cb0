// DUMP, RESTORE and MIGRATE against Debian's redis-server 7.0: payloads of every type and
// encoding move both ways (dumped by one server, restored by the other, then read back and
// compared with the original, OBJECT ENCODING included); RESTORE's options and errors match
// word for word, corrupt and newer-version payloads are refused as Redis refuses them; and
// MIGRATE moves keys from the engine into redis-server and back (COPY, REPLACE, KEYS, AUTH,
// NOKEY, a target's error, an unreachable target).
#include "persistence/crc64.h"
#include "side_by_side.h"

#include <QtTest>

#include <optional>

using redscope::test::Order;
using redscope::test::RedisTestClient;
using redscope::test::runCanonical;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

namespace {

std::optional<std::string> bulkOf(RedisTestClient &client, const std::vector<std::string> &args)
{
    RedisTestClient::Reply reply = client.command(args);
    if (!reply || reply->type != REDIS_REPLY_STRING) return std::nullopt;
    return std::string(reply->str, reply->len);
}

// The whole value of a key as canonical text (type, encoding, content, TTL presence), so
// the same key on two servers compares as one string.
std::string describe(RedisTestClient &client, const std::string &key)
{
    const std::string type = client.run({"TYPE", key});
    std::string text = type + " " + client.run({"OBJECT", "ENCODING", key}) + " ";
    if (type == "+string")
        text += client.run({"GET", key});
    else if (type == "+list")
        text += client.run({"LRANGE", key, "0", "-1"});
    else if (type == "+hash")
        text += runCanonical(client, {"HGETALL", key}, Order::Pairs);
    else if (type == "+set")
        text += runCanonical(client, {"SMEMBERS", key}, Order::Unordered);
    else if (type == "+zset")
        text += client.run({"ZRANGE", key, "0", "-1", "WITHSCORES"});
    return text + (client.run({"PTTL", key}) == ":-1" ? " persistent" : " volatile");
}

std::string repeated(const std::string &unit, int times)
{
    std::string text;
    for (int i = 0; i < times; ++i)
        text += unit;
    return text;
}

// One key per type and encoding Redis 7.0 writes.
Script fixtureKeys()
{
    Script script = {
        {"SET", "str:int", "12345"},
        {"SET", "str:neg", "-9000000000"},
        {"SET", "str:short", "hello"},
        {"SET", "str:long", repeated("compressible text ", 40)},
        {"SET", "str:binary", std::string("a\0b\r\n\xff", 6)},
        {"SET", "str:ttl", "soon", "PX", "500000"},
        {"RPUSH", "list:small", "a", "1", "-2", "bb"},
        {"HSET", "hash:small", "f1", "v1", "f2", "2"},
        {"SADD", "set:ints", "1", "2", "300000", "-5"},
        {"SADD", "set:strings", "x", "y", "z"},
        {"ZADD", "zset:small", "1", "a", "2.5", "b", "-inf", "c", "inf", "d"},
    };
    std::vector<std::string> bigList = {"RPUSH", "list:big"};
    std::vector<std::string> bigHash = {"HSET", "hash:big"};
    std::vector<std::string> bigSet = {"SADD", "set:big"};
    std::vector<std::string> bigZset = {"ZADD", "zset:big"};
    for (int i = 0; i < 3000; ++i) {
        const std::string n = std::to_string(i);
        bigList.push_back(i % 3 ? n : "element-" + repeated("x", i % 50) + n);
        if (i < 600) {
            bigHash.insert(bigHash.end(), {"field" + n, "value" + n});
            bigSet.push_back("member" + n);
            bigZset.insert(bigZset.end(), {std::to_string(i * 0.25), "m" + n});
        }
    }
    script.insert(script.end(), {bigList, bigHash, bigSet, bigZset});
    script.push_back({"HSET", "hash:longvalue", "f", repeated("v", 100)});
    return script;
}

std::string withFooter(std::string body, int version)
{
    body.push_back(static_cast<char>(version & 0xff));
    body.push_back(static_cast<char>(version >> 8));
    const uint64_t crc = redscope::engine::crc64(0, body.data(), body.size());
    for (int i = 0; i < 8; ++i)
        body.push_back(static_cast<char>(crc >> (8 * i)));
    return body;
}

} // namespace

class TestDumpRestore : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    void same(const Script &script) { REDSCOPE_VERIFY_SAME(m_pair.compare(script)); }

    // Dumps every fixture key on `from`, restores it on `to` (as key + ":copy"), and
    // compares the copy with the original.
    void moveAll(RedisTestClient &from, RedisTestClient &to, const char *direction)
    {
        for (const auto &command : fixtureKeys())
            QCOMPARE(from.run(command).substr(0, 1) == "-", false);
        int moved = 0;
        for (const auto &command : fixtureKeys()) {
            const std::string &key = command[1];
            std::optional<std::string> payload = bulkOf(from, {"DUMP", key});
            QVERIFY2(payload, (direction + (": no DUMP payload for " + key)).c_str());
            const std::string pttl = from.run({"PTTL", key});
            const std::string ttl = pttl == ":-1" ? "0" : pttl.substr(1);
            QCOMPARE(to.run({"RESTORE", key, ttl, *payload, "REPLACE"}), std::string("+OK"));
            const std::string original = describe(from, key), copy = describe(to, key);
            QVERIFY2(original == copy,
                     (std::string(direction) + " " + key + "\n  from: " + original.substr(0, 300) +
                      "\n  to:   " + copy.substr(0, 300))
                         .c_str());
            ++moved;
        }
        QCOMPARE(moved, static_cast<int>(fixtureKeys().size()));
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error), error.c_str());
    }

    void init() { m_pair.flushBoth(); }

    void payloadsFromRedisRestoreHere()
    {
        moveAll(m_pair.redisClient(), m_pair.oursClient(), "redis->ours");
    }

    void payloadsFromHereRestoreInRedis()
    {
        moveAll(m_pair.oursClient(), m_pair.redisClient(), "ours->redis");
    }

    void dumpOfMissingKeyIsNil() { same({{"DUMP", "nothing"}}); }

    void restoreOptionsAndErrors()
    {
        // A valid payload to play with, the same on both servers.
        m_pair.redisClient().run({"SET", "src", "value"});
        const std::string payload = *bulkOf(m_pair.redisClient(), {"DUMP", "src"});
        std::string badCrc = payload;
        badCrc.back() ^= 1;
        std::string newer = payload.substr(0, payload.size() - 10);
        newer = withFooter(newer, 11);
        same({
            {"RESTORE", "k", "0", payload},
            {"GET", "k"},
            {"RESTORE", "k", "0", payload},
            {"RESTORE", "k", "0", payload, "REPLACE"},
            {"RESTORE", "k2", "-1", payload},
            {"RESTORE", "k2", "abc", payload},
            {"RESTORE", "k2", "0", badCrc},
            {"RESTORE", "k2", "0", newer},
            {"RESTORE", "k2", "0", "short"},
            {"RESTORE", "k2", "0", ""},
            {"RESTORE", "k2", "0", payload, "BOGUS"},
            {"RESTORE", "k2", "0", payload, "IDLETIME"},
            {"RESTORE", "k2", "0", payload, "IDLETIME", "-1"},
            {"RESTORE", "k2", "0", payload, "IDLETIME", "x"},
            {"RESTORE", "k2", "0", payload, "FREQ", "256"},
            {"RESTORE", "k2", "0", payload, "FREQ", "-1"},
            {"RESTORE", "k2", "0", payload, "IDLETIME", "10", "FREQ", "5"},
            {"RESTORE", "k2", "0", payload, "FREQ", "5", "IDLETIME", "10"},
            {"EXISTS", "k2"},
            {"RESTORE", "k3", "1", payload, "ABSTTL"},
            {"EXISTS", "k3"},
            {"RESTORE", "k", "1", payload, "ABSTTL", "REPLACE"},
            {"EXISTS", "k"},
            {"RESTORE", "k4", "4102444800000", payload, "ABSTTL"},
            {"PEXPIRETIME", "k4"},
            {"RESTORE", "k5", "0", payload, "IDLETIME", "1000"},
            {"OBJECT", "IDLETIME", "k5"},
            {"RESTORE-ASKING", "k6", "0", payload},
            {"GET", "k6"},
            {"RESTORE"},
        });
        // A relative TTL becomes a deadline that far away.
        QCOMPARE(m_pair.oursClient().run({"RESTORE", "t", "100000", payload}), std::string("+OK"));
        const int64_t pttl = redscope::test::integerOf(m_pair.oursClient().run({"PTTL", "t"}));
        QVERIFY2(pttl > 90000 && pttl <= 100000, std::to_string(pttl).c_str());
    }

    // Valid footers around bodies that are not values: both servers say "Bad data format".
    void corruptBodiesAreRefused()
    {
        const std::vector<std::string> bodies = {
            std::string("\x00", 1),                     // string type, no string
            std::string("\x12\x00", 2),                 // quicklist 2 with no nodes: empty list
            std::string("\x0e\x01\x02\x05hello", 9),    // quicklist node container 2, bad blob
            std::string("\x63\x01\x02", 3),             // unknown type 99
            std::string("\x04\x01\x01\x61\x01\x62", 6), // hash with one pair then nothing
            std::string("\x0b\x04\x01\x02\x03\x04", 6), // intset too short
        };
        for (const std::string &body : bodies)
            same({{"RESTORE", "bad", "0", withFooter(body, 10)}, {"EXISTS", "bad"}});
    }

    void restoreNotifiesAndPropagates()
    {
        m_pair.oursClient().run({"SET", "src", "v"});
        const std::string payload = *bulkOf(m_pair.oursClient(), {"DUMP", "src"});
        RedisTestClient subscriber("127.0.0.1", m_pair.ours().port());
        QCOMPARE(m_pair.oursClient().run({"CONFIG", "SET", "notify-keyspace-events", "KEA"}),
                 std::string("+OK"));
        QVERIFY(subscriber.run({"SUBSCRIBE", "__keyevent@0__:restore"}).find("subscribe") !=
                std::string::npos);
        QCOMPARE(m_pair.oursClient().run({"RESTORE", "r", "0", payload}), std::string("+OK"));
        const std::string event = subscriber.readReply();
        QVERIFY2(event.find("restore") != std::string::npos &&
                     event.find(",$r]") != std::string::npos,
                 event.c_str());
        m_pair.oursClient().run({"CONFIG", "SET", "notify-keyspace-events", ""});
    }

    void sortSideBySide()
    {
        Script setup = {
            {"RPUSH", "nums", "3", "1", "2", "10", "-5", "1.5", "1e2", "0x10", " 7"},
            {"RPUSH", "words", "pear", "apple", "fig", "Apple", "", "10"},
            {"SADD", "ints", "5", "3", "9", "1"},
            {"SADD", "tags", "b", "a", "c"},
            {"ZADD", "ranked", "3", "c", "1", "a", "2", "b", "2", "bb"},
            {"MSET", "w_3", "1", "w_1", "3", "w_2", "2", "w_10", "0", "w_-5", "x"},
            {"HSET", "u_1", "age", "30", "name", "ann"},
            {"HSET", "u_2", "age", "20", "name", "bob"},
            {"HSET", "u_3", "age", "25", "name", "cy"},
            {"RPUSH", "ids", "1", "2", "3", "4"},
            {"SET", "plain", "x"},
            {"HSET", "hashkey", "f", "v"},
        };
        same(setup);
        same({
            {"SORT", "nums"},
            {"SORT", "nums", "DESC"},
            {"SORT", "nums", "LIMIT", "2", "3"},
            {"SORT", "nums", "LIMIT", "-2", "3"},
            {"SORT", "nums", "LIMIT", "0", "-1"},
            {"SORT", "nums", "LIMIT", "20", "3"},
            {"SORT", "nums", "LIMIT", "0", "0"},
            {"SORT", "nums", "ALPHA"},
            {"SORT", "words"},
            {"SORT", "words", "ALPHA"},
            {"SORT", "words", "ALPHA", "DESC", "LIMIT", "1", "2"},
            {"SORT", "ints"},
            {"SORT", "tags", "ALPHA"},
            {"SORT", "tags"},
            {"SORT", "ranked", "BY", "nosort"},
            {"SORT", "ranked", "BY", "nosort", "DESC"},
            {"SORT", "ranked", "BY", "nosort", "LIMIT", "1", "2"},
            {"SORT", "ranked", "BY", "nosort", "DESC", "LIMIT", "1", "2"},
            {"SORT", "ranked", "ALPHA"},
            {"SORT", "ids", "BY", "nosort"},
            {"SORT", "ids", "BY", "nosort", "DESC"},
            {"SORT", "ids", "BY", "u_*->age"},
            {"SORT", "ids", "BY", "u_*->age", "GET", "#", "GET", "u_*->name", "GET", "u_*->none"},
            {"SORT", "ids", "BY", "u_*->name", "ALPHA", "DESC", "GET", "u_*->name"},
            {"SORT", "ids", "BY", "w_*"},
            {"SORT", "ids", "GET", "w_*", "GET", "missing_*", "GET", "#"},
            {"SORT", "nums", "BY", "w_*"},
            {"SORT", "ids", "BY", "hashkey"},
            {"SORT", "ids", "GET", "plain"},
            {"SORT", "ids", "GET", "u_*->"},
            {"SORT", "ids", "STORE", "out"},
            {"LRANGE", "out", "0", "-1"},
            {"SORT", "ids", "BY", "u_*->age", "GET", "u_*->name", "GET", "nothere_*", "STORE",
             "out2"},
            {"LRANGE", "out2", "0", "-1"},
            {"SORT", "tags", "BY", "nosort", "STORE", "out3"},
            {"LRANGE", "out3", "0", "-1"},
            {"SORT", "missing", "STORE", "out"},
            {"EXISTS", "out"},
            {"SORT", "missing"},
            {"SORT", "plain"},
            {"SORT", "hashkey"},
            {"SORT", "nums", "LIMIT", "1"},
            {"SORT", "nums", "LIMIT", "9223372036854775807", "3"},
            {"SORT_RO", "nums", "LIMIT", "2", "9223372036854775807"},
            {"SORT", "nums", "LIMIT", "-9223372036854775808", "-1"},
            {"SORT", "nums", "LIMIT", "a", "1"},
            {"SORT", "nums", "BOGUS"},
            {"SORT", "nums", "STORE"},
            {"SORT_RO", "nums", "STORE", "x"},
            {"SORT_RO", "ids", "BY", "u_*->age", "GET", "u_*->name"},
            {"COMMAND", "GETKEYS", "SORT", "a", "STORE", "b", "GET", "store", "STORE", "c"},
            {"COMMAND", "GETKEYS", "SORT_RO", "a", "GET", "x"},
            {"COMMAND", "GETKEYS", "MIGRATE", "h", "1", "", "0", "5", "KEYS", "a", "b"},
            {"COMMAND", "GETKEYS", "MIGRATE", "h", "1", "k", "0", "5", "COPY"},
            {"OBJECT", "ENCODING", "ranked"}, // SORT left it a skiplist
            {"ZADD", "fresh", "1", "a"},
            {"SORT", "fresh", "LIMIT", "0", "x"},
            {"OBJECT", "ENCODING", "fresh"}, // not after an argument error
        });
    }

    void sortPatternsNeedAllKeys()
    {
        same({{"RPUSH", "ids", "1", "2"},
              {"ACL", "SETUSER", "limited", "on", "nopass", "~ids", "~out", "+@all"},
              {"AUTH", "limited", "x"},
              {"SORT", "ids"},
              {"SORT", "ids", "BY", "w_*"},
              {"SORT", "ids", "GET", "w_*"},
              {"SORT", "ids", "BY", "nosort", "GET", "#"},
              {"SORT", "ids", "STORE", "out"},
              {"SORT", "ids", "STORE", "elsewhere"},
              {"AUTH", "default", "x"},
              {"ACL", "DELUSER", "limited"}});
    }

    void migrateBetweenEngineAndRedis()
    {
        RedisTestClient &ours = m_pair.oursClient();
        RedisTestClient &redis = m_pair.redisClient();
        const std::string redisPort = std::to_string(m_pair.redis().port());
        const std::string oursPort = std::to_string(m_pair.ours().port());
        for (const auto &command : fixtureKeys())
            ours.run(command);
        std::map<std::string, std::string> before;
        for (const auto &command : fixtureKeys())
            before[command[1]] = describe(ours, command[1]);

        QCOMPARE(ours.run({"MIGRATE", "127.0.0.1", redisPort, "list:big", "0", "5000"}),
                 std::string("+OK"));
        QCOMPARE(ours.run({"EXISTS", "list:big"}), std::string(":0"));
        QCOMPARE(describe(redis, "list:big"), before["list:big"]);

        QCOMPARE(ours.run({"MIGRATE", "127.0.0.1", redisPort, "", "1", "5000", "COPY", "KEYS",
                           "hash:big", "zset:small", "str:ttl", "absent"}),
                 std::string("+OK"));
        QCOMPARE(ours.run({"EXISTS", "hash:big", "zset:small", "str:ttl"}), std::string(":3"));
        QCOMPARE(redis.run({"SELECT", "1"}), std::string("+OK"));
        for (const char *key : {"hash:big", "zset:small", "str:ttl"})
            QCOMPARE(describe(redis, key), before[key]);
        redis.run({"SELECT", "0"});

        // The target already has the key: its BUSYKEY comes back, the key stays here.
        QCOMPARE(ours.run({"SET", "list:big", "again"}), std::string("+OK"));
        const std::string busy =
            ours.run({"MIGRATE", "127.0.0.1", redisPort, "list:big", "0", "5000"});
        QCOMPARE(busy, std::string("-ERR Target instance replied with error: BUSYKEY Target key "
                                   "name already exists."));
        QCOMPARE(ours.run({"GET", "list:big"}), std::string("$again"));
        QCOMPARE(ours.run({"MIGRATE", "127.0.0.1", redisPort, "list:big", "0", "5000", "REPLACE"}),
                 std::string("+OK"));
        QCOMPARE(redis.run({"GET", "list:big"}), std::string("$again"));

        QCOMPARE(ours.run({"MIGRATE", "127.0.0.1", redisPort, "absent", "0", "5000"}),
                 std::string("+NOKEY"));
        // And back: redis-server migrates into the engine.
        QCOMPARE(redis.run({"MIGRATE", "127.0.0.1", oursPort, "list:big", "3", "5000"}),
                 std::string("+OK"));
        QCOMPARE(ours.run({"SELECT", "3"}), std::string("+OK"));
        QCOMPARE(ours.run({"GET", "list:big"}), std::string("$again"));
        ours.run({"SELECT", "0"});
    }

    void migrateErrorsAsRedis()
    {
        const int deadPort = TestServer::freePort();
        same({{"SET", "k", "v"},
              {"MIGRATE", "127.0.0.1", std::to_string(deadPort), "k", "0", "1000"},
              {"MIGRATE", "127.0.0.1", "1", "k", "0", "x"},
              {"MIGRATE", "127.0.0.1", "1", "k", "x", "10"},
              {"MIGRATE", "127.0.0.1", "1", "k", "0", "10", "KEYS", "a"},
              {"MIGRATE", "127.0.0.1", "1", "", "0", "10", "AUTH"},
              {"MIGRATE", "127.0.0.1", "1", "", "0", "10", "AUTH2", "u"},
              {"MIGRATE", "127.0.0.1", "1", "", "0", "10", "BOGUS"},
              {"MIGRATE", "127.0.0.1", "1", "", "0", "10", "KEYS", "none"},
              {"EXISTS", "k"}});
    }

    void migrateWithAuth()
    {
        auto secured = TestServer::startRedis({"--requirepass", "s3cret"});
        QVERIFY2(secured->ok(), secured->error().c_str());
        RedisTestClient &ours = m_pair.oursClient();
        const std::string port = std::to_string(secured->port());
        ours.run({"SET", "a", "1"});
        ours.run({"SET", "b", "2"});
        QCOMPARE(ours.run({"MIGRATE", "127.0.0.1", port, "a", "0", "5000"}).substr(0, 42),
                 std::string("-ERR Target instance replied with error: N"));
        QCOMPARE(ours.run({"MIGRATE", "127.0.0.1", port, "a", "0", "5000", "AUTH", "wrong"})
                     .substr(0, 41),
                 std::string("-ERR Target instance replied with error: "));
        QCOMPARE(ours.run({"EXISTS", "a"}), std::string(":1"));
        QCOMPARE(ours.run({"MIGRATE", "127.0.0.1", port, "", "0", "5000", "AUTH", "s3cret", "KEYS",
                           "a", "b"}),
                 std::string("+OK"));
        QCOMPARE(ours.run({"MIGRATE", "127.0.0.1", port, "a", "0", "5000", "AUTH2", "default",
                           "s3cret"}),
                 std::string("+NOKEY"));
        RedisTestClient check("127.0.0.1", secured->port());
        QCOMPARE(check.run({"AUTH", "s3cret"}), std::string("+OK"));
        QCOMPARE(check.run({"MGET", "a", "b"}), std::string("*[$1,$2]"));
    }
};

QTEST_APPLESS_MAIN(TestDumpRestore)
#include "tst_dump_restore.moc"
