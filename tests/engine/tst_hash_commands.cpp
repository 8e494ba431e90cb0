// Hash commands against redscope-server and Debian's redis-server side by side: the same
// sequences go to both and replies must match (sorted where Redis's order is unspecified),
// including error texts, WRONGTYPE, arity, bad numbers and the deletion of emptied keys.
// Random replies (HRANDFIELD) are checked for their properties instead. OBJECT ENCODING
// must agree too: a hash is "listpack" until exactly the command that Redis 7.0 converts on
// (entry count, long field, long value, computed values, config changes, COPY).
#include "side_by_side.h"

#include <QtTest>

#include <set>

using redscope::test::Order;
using redscope::test::ServerPair;
using redscope::test::Step;

namespace {
constexpr Order E = Order::Exact;
constexpr Order U = Order::Unordered;
constexpr Order P = Order::Pairs;
} // namespace

class TestHashCommands : public QObject
{
    Q_OBJECT

private:
    ServerPair m_servers;

    std::string ours(const std::vector<std::string> &args)
    {
        return m_servers.oursClient().run(args);
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_servers.start(&error), error.c_str());
    }

    void init() { m_servers.flushBoth(); }

    void setGetAndListing()
    {
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"HSET", "h", "a", "1", "b", "2", "c", "3"}},
            {E, {"HSET", "h", "a", "5", "d", "4"}},
            {E, {"HGET", "h", "a"}},
            {E, {"HGET", "h", "missing"}},
            {E, {"HGET", "nokey", "a"}},
            {E, {"HMGET", "h", "a", "missing", "b"}},
            {E, {"HMGET", "nokey", "a", "b"}},
            {E, {"HMSET", "h", "x", "1", "y", "2"}},
            {E, {"HSETNX", "h", "a", "9"}},
            {E, {"HSETNX", "h", "new", "9"}},
            {E, {"HSETNX", "fresh", "f", "v"}},
            {E, {"HEXISTS", "h", "a"}},
            {E, {"HEXISTS", "h", "nope"}},
            {E, {"HEXISTS", "nokey", "a"}},
            {E, {"HLEN", "h"}},
            {E, {"HLEN", "nokey"}},
            {E, {"HSTRLEN", "h", "new"}},
            {E, {"HSTRLEN", "h", "nope"}},
            {E, {"HSET", "h", "empty", ""}},
            {E, {"HSTRLEN", "h", "empty"}},
            {P, {"HGETALL", "h"}},
            {E, {"HGETALL", "nokey"}},
            {U, {"HKEYS", "h"}},
            {U, {"HVALS", "h"}},
            {E, {"HKEYS", "nokey"}},
            {E, {"HVALS", "nokey"}},
            {E, {"HDEL", "h", "a", "b", "missing"}},
            {E, {"HDEL", "nokey", "a"}},
            {P, {"HGETALL", "h"}},
            {E, {"TYPE", "h"}},
        }));
        // A binary field and value survive untouched.
        const std::string binary("a\0b\r\n", 5);
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"HSET", "bin", binary, binary}},
            {E, {"HGET", "bin", binary}},
            {E, {"HSTRLEN", "bin", binary}},
        }));
    }

    void increments()
    {
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"HINCRBY", "h", "n", "10"}},
            {E, {"HINCRBY", "h", "n", "-25"}},
            {E, {"HINCRBY", "h", "n", "x"}},
            {E, {"HINCRBY", "h", "n", "1.5"}},
            {E, {"HSET", "h", "max", "9223372036854775800"}},
            {E, {"HINCRBY", "h", "max", "7"}},
            {E, {"HINCRBY", "h", "max", "1"}},
            {E, {"HSET", "h", "s", "abc", "f", "1.5", "sp", " 1"}},
            {E, {"HINCRBY", "h", "s", "1"}},
            {E, {"HINCRBY", "h", "f", "1"}},
            {E, {"HINCRBY", "h", "sp", "1"}},
            {E, {"HINCRBYFLOAT", "h", "f", "10.1"}},
            {E, {"HINCRBYFLOAT", "h", "f", "1e3"}},
            {E, {"HINCRBYFLOAT", "h", "g", "0.1"}},
            {E, {"HINCRBYFLOAT", "h", "g", "0.2"}},
            {E, {"HINCRBYFLOAT", "h", "g", "-0.3"}},
            {E, {"HINCRBYFLOAT", "h", "n", "2.5"}},
            {E, {"HINCRBYFLOAT", "h", "f", "inf"}},
            {E, {"HINCRBYFLOAT", "h", "f", "-inf"}},
            {E, {"HINCRBYFLOAT", "h", "f", "nan"}},
            {E, {"HINCRBYFLOAT", "h", "f", "abc"}},
            {E, {"HINCRBYFLOAT", "h", "f", ""}},
            {E, {"HINCRBYFLOAT", "h", "s", "1"}},
            {E, {"HSET", "h", "big", "17179869184"}},
            {E, {"HINCRBYFLOAT", "h", "big", "1.5"}},
            {E, {"HINCRBYFLOAT", "h", "huge", "5.0e3"}},
            {P, {"HGETALL", "h"}},
        }));
        // The float result is stored as the text that was replied.
        QCOMPARE(ours({"HINCRBYFLOAT", "h2", "x", "3.0"}), std::string("$3"));
        QCOMPARE(ours({"HGET", "h2", "x"}), std::string("$3"));
    }

    void wrongTypeAndArity()
    {
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"SET", "str", "x"}},
            {E, {"HSET", "str", "a", "1"}},
            {E, {"HSETNX", "str", "a", "1"}},
            {E, {"HMSET", "str", "a", "1"}},
            {E, {"HGET", "str", "a"}},
            {E, {"HMGET", "str", "a"}},
            {E, {"HGETALL", "str"}},
            {E, {"HKEYS", "str"}},
            {E, {"HVALS", "str"}},
            {E, {"HDEL", "str", "a"}},
            {E, {"HLEN", "str"}},
            {E, {"HEXISTS", "str", "a"}},
            {E, {"HSTRLEN", "str", "a"}},
            {E, {"HINCRBY", "str", "a", "1"}},
            {E, {"HINCRBY", "str", "a", "x"}},
            {E, {"HINCRBYFLOAT", "str", "a", "1"}},
            {E, {"HRANDFIELD", "str"}},
            {E, {"HRANDFIELD", "str", "2"}},
            {E, {"HSCAN", "str", "0"}},
            {E, {"HSET", "h"}},
            {E, {"HSET", "h", "a"}},
            {E, {"HSET", "h", "a", "1", "b"}},
            {E, {"HMSET", "h", "a"}},
            {E, {"HGET", "h"}},
            {E, {"HSETNX", "h", "a"}},
            {E, {"HLEN"}},
            {E, {"HINCRBY", "h", "a"}},
            {E, {"HSCAN", "h"}},
            {E, {"EXISTS", "h"}},
            {E, {"GET", "str"}},
        }));
    }

    void emptiedHashIsDeleted()
    {
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"HSET", "h", "a", "1", "b", "2"}},
            {E, {"HDEL", "h", "a"}},
            {E, {"EXISTS", "h"}},
            {E, {"HDEL", "h", "b", "zz"}},
            {E, {"EXISTS", "h"}},
            {E, {"TYPE", "h"}},
            {E, {"HLEN", "h"}},
            {E, {"HSET", "h", "x", "1"}},
            {E, {"TYPE", "h"}},
        }));
    }

    void hrandfieldErrorsMatch()
    {
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"HSET", "h", "a", "1", "b", "2", "c", "3"}},
            {E, {"HRANDFIELD", "h", "abc"}},
            {E, {"HRANDFIELD", "h", "-5", "WITHVALUES", "x"}},
            {E, {"HRANDFIELD", "h", "1", "foo"}},
            {E, {"HRANDFIELD", "nokey"}},
            {E, {"HRANDFIELD", "nokey", "3"}},
            {E, {"HRANDFIELD", "nokey", "3", "bad"}},
            {E, {"HRANDFIELD", "h", "0"}},
            {E, {"HRANDFIELD", "h", "-9223372036854775807", "WITHVALUES"}},
            {E, {"HRANDFIELD", "h", "-9223372036854775808"}},
            // Counts at or above the size return the whole hash.
            {P, {"HRANDFIELD", "h", "3", "WITHVALUES"}},
            {U, {"HRANDFIELD", "h", "100"}},
        }));
    }

    void hrandfieldProperties()
    {
        std::vector<std::string> args{"HSET", "h"};
        for (int i = 0; i < 100; ++i) {
            args.push_back("f" + std::to_string(i));
            args.push_back("v" + std::to_string(i));
        }
        QCOMPARE(ours(args), std::string(":100"));
        redscope::test::RedisTestClient &client = m_servers.oursClient();

        auto *reply = static_cast<redisReply *>(redisCommand(client.context(), "HRANDFIELD h 30"));
        QVERIFY(reply && reply->type == REDIS_REPLY_ARRAY);
        QCOMPARE(reply->elements, size_t(30));
        std::set<std::string> distinct;
        for (size_t i = 0; i < reply->elements; ++i)
            distinct.insert(reply->element[i]->str);
        freeReplyObject(reply);
        QCOMPARE(distinct.size(), size_t(30)); // positive count: no repeats

        reply = static_cast<redisReply *>(
            redisCommand(client.context(), "HRANDFIELD h -300 WITHVALUES"));
        QVERIFY(reply && reply->type == REDIS_REPLY_ARRAY);
        QCOMPARE(reply->elements, size_t(600));
        distinct.clear();
        for (size_t i = 0; i < reply->elements; i += 2) {
            std::string field = reply->element[i]->str;
            QCOMPARE(std::string(reply->element[i + 1]->str), "v" + field.substr(1));
            distinct.insert(field);
        }
        freeReplyObject(reply);
        QVERIFY(distinct.size() < 300); // 300 draws from 100 fields must repeat

        std::string single = ours({"HRANDFIELD", "h"});
        QVERIFY2(single.size() > 2 && single.substr(0, 2) == "$f", single.c_str());
    }

    void encodingFollowsRedis()
    {
        const std::string long65(65, 'x');
        const std::string long64(64, 'y');
        std::vector<std::string> fill512{"HSET", "count"};
        for (int i = 0; i < 512; ++i) {
            std::string field = "f"; // (not "f" + ...: GCC 12 warns falsely about that form)
            field += std::to_string(i);
            fill512.push_back(field);
            fill512.push_back(std::to_string(i));
        }
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"HSET", "h", "a", "1", "b", "2"}},
            {E, {"OBJECT", "ENCODING", "h"}},
            // By entry count: 512 stay packed, the 513th converts.
            {E, fill512},
            {E, {"OBJECT", "ENCODING", "count"}},
            {E, {"HSET", "count", "f0", "updated"}},
            {E, {"OBJECT", "ENCODING", "count"}},
            {E, {"HSET", "count", "f512", "x"}},
            {E, {"OBJECT", "ENCODING", "count"}},
            {E, {"HDEL", "count", "f512", "f511", "f510"}},
            {E, {"OBJECT", "ENCODING", "count"}}, // never back
            // By length: 64 bytes fit, 65 do not (field or value).
            {E, {"HSET", "v64", long64, long64}},
            {E, {"OBJECT", "ENCODING", "v64"}},
            {E, {"HSET", "longvalue", "a", "1"}},
            {E, {"HSET", "longvalue", "b", long65}},
            {E, {"OBJECT", "ENCODING", "longvalue"}},
            {E, {"HSET", "longfield", long65, "1"}},
            {E, {"OBJECT", "ENCODING", "longfield"}},
            // HMSET checks every argument before setting any.
            {E, {"HMSET", "hm", "a", "1", "b", long65}},
            {E, {"OBJECT", "ENCODING", "hm"}},
            // HSETNX: an existing field stores nothing and converts nothing.
            {E, {"HSET", "nx", "a", "1"}},
            {E, {"HSETNX", "nx", "a", long65}},
            {E, {"OBJECT", "ENCODING", "nx"}},
            {E, {"HSETNX", "nx", "b", long65}},
            {E, {"OBJECT", "ENCODING", "nx"}},
            {E, {"HSETNX", "nx2", long65, "1"}},
            {E, {"OBJECT", "ENCODING", "nx2"}},
            // Computed values: HINCRBY with a long field, HINCRBYFLOAT with a long result.
            {E, {"HSET", "inc", "a", "1"}},
            {E, {"HINCRBY", "inc", "a", "5"}},
            {E, {"OBJECT", "ENCODING", "inc"}},
            {E, {"HINCRBY", "inc", long65, "1"}},
            {E, {"OBJECT", "ENCODING", "inc"}},
            {E, {"HSET", "flt", "a", "1"}},
            {E, {"HINCRBYFLOAT", "flt", "a", "1.5"}},
            {E, {"OBJECT", "ENCODING", "flt"}},
            {E, {"HINCRBYFLOAT", "flt", "a", "1e100"}},
            {E, {"OBJECT", "ENCODING", "flt"}},
            {E, {"HGET", "flt", "a"}},
            // COPY keeps the encoding of either form.
            {E, {"COPY", "h", "hcopy"}},
            {E, {"OBJECT", "ENCODING", "hcopy"}},
            {E, {"COPY", "longvalue", "tcopy"}},
            {E, {"OBJECT", "ENCODING", "tcopy"}},
            // A packed hash keeps insertion order; an update keeps the field's place.
            {E, {"HSET", "order", "z", "1", "y", "2", "x", "3"}},
            {E, {"HSET", "order", "y", "9", "w", "4"}},
            {E, {"HDEL", "order", "z"}},
            {E, {"HSET", "order", "z", "0"}},
            {E, {"HGETALL", "order"}},
            {E, {"HKEYS", "order"}},
            {E, {"HVALS", "order"}},
            {E, {"HRANDFIELD", "order", "10", "WITHVALUES"}},
            {E, {"HSCAN", "order", "0"}},
            {E, {"HSCAN", "order", "0", "COUNT", "1"}},
            {E, {"HSCAN", "order", "0", "MATCH", "[wx]"}},
        }));
    }

    void encodingFollowsConfig()
    {
        const std::string long20(20, 'q');
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"CONFIG", "SET", "hash-max-listpack-entries", "2"}},
            {E, {"CONFIG", "GET", "hash-max-listpack-entries"}},
            {E, {"CONFIG", "GET", "hash-max-ziplist-entries"}},
            {E, {"HSET", "h", "a", "1", "b", "2"}},
            {E, {"OBJECT", "ENCODING", "h"}},
            {E, {"HSET", "h", "c", "3"}},
            {E, {"OBJECT", "ENCODING", "h"}},
            {E, {"CONFIG", "SET", "hash-max-ziplist-entries", "0"}},
            {E, {"CONFIG", "GET", "hash-max-listpack-entries"}},
            {E, {"HSET", "zero", "a", "1"}},
            {E, {"OBJECT", "ENCODING", "zero"}},
            {E, {"CONFIG", "SET", "hash-max-listpack-entries", "512"}},
            {E, {"CONFIG", "SET", "hash-max-ziplist-value", "16"}},
            {E, {"CONFIG", "GET", "hash-max-listpack-value"}},
            {E, {"HSET", "v", "a", long20}},
            {E, {"OBJECT", "ENCODING", "v"}},
            {E, {"CONFIG", "SET", "hash-max-listpack-value", "1kb"}},
            {E, {"CONFIG", "GET", "hash-max-listpack-value"}},
            {E, {"HSET", "v2", "a", long20}},
            {E, {"OBJECT", "ENCODING", "v2"}},
            {E, {"CONFIG", "SET", "hash-max-listpack-entries", "-1"}},
            {E, {"CONFIG", "SET", "hash-max-listpack-value", "abc"}},
            {E,
             {"CONFIG", "SET", "hash-max-listpack-entries", "512", "hash-max-listpack-value",
              "64"}},
            {P, {"CONFIG", "GET", "hash-max-*"}},
        }));
    }

    void hscanWalksEveryField()
    {
        std::vector<std::string> args{"HSET", "big"};
        for (int i = 0; i < 1000; ++i) {
            args.push_back("field:" + std::to_string(i));
            args.push_back(std::to_string(i * 7));
        }
        REDSCOPE_VERIFY_SAME(
            m_servers.runSteps({{E, args}, {E, {"HSET", "small", "a", "1", "b", "2"}}}));
        REDSCOPE_VERIFY_SAME(m_servers.compareScan({"HSCAN", "big", "0"}, true));
        REDSCOPE_VERIFY_SAME(m_servers.compareScan({"HSCAN", "big", "0", "COUNT", "3"}, true));
        REDSCOPE_VERIFY_SAME(
            m_servers.compareScan({"HSCAN", "big", "0", "MATCH", "field:1*"}, true));
        REDSCOPE_VERIFY_SAME(m_servers.compareScan({"HSCAN", "small", "0"}, true));
        REDSCOPE_VERIFY_SAME(m_servers.runSteps({
            {E, {"HSCAN", "nokey", "0"}},
            {E, {"HSCAN", "nokey", "0", "badopt"}},
            {E, {"HSCAN", "big", "x"}},
            {E, {"HSCAN", "big", "0", "COUNT", "0"}},
            {E, {"HSCAN", "big", "0", "COUNT", "x"}},
            {E, {"HSCAN", "big", "0", "MATCH"}},
            {E, {"HSCAN", "big", "0", "TYPE", "string"}},
            {E, {"HSCAN", "small", "0", "MATCH", "zzz*"}},
        }));
    }
};

QTEST_GUILESS_MAIN(TestHashCommands)
#include "tst_hash_commands.moc"
