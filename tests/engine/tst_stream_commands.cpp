// The stream family against Debian's redis-server side by side: XADD (IDs, NOMKSTREAM, MAXLEN
// and MINID trimming with = ~ and LIMIT), XRANGE/XREVRANGE, XLEN, XDEL, XTRIM, XSETID, XGROUP,
// XACK, XPENDING, XCLAIM, XAUTOCLAIM, XINFO and XREAD/XREADGROUP, errors included. Replies
// that carry clock values (idle times, delivery and seen times) are compared with those
// values masked; XINFO's radix-tree-nodes, a count of Redis's radix-tree internals, too.
// Several hundred entries of mixed sizes under small stream-node-max-* settings check that
// nodes split where Redis splits them (XTRIM ~ removes whole nodes, so its counts depend on
// it). Blocking reads run with several connections per server; the RDB tests move streams
// with groups, PELs and consumers from redis-server to redscope-server and back, and the AOF
// test replays every stream command, XREADGROUP's and XCLAIM's PEL changes included.
#include "persistence/compact_encodings.h"
#include "persistence/rdb_format.h"
#include "persistence_test_support.h"
#include "raw_connection.h"
#include "side_by_side.h"

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

using redscope::test::Conn;
using redscope::test::joinArgs;
using redscope::test::RawConnection;
using redscope::test::RedisTestClient;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

namespace {

// Clock values (ms since the epoch) and radix-tree-nodes are not comparable across servers.
std::string masked(std::string text)
{
    static const std::regex nodes("radix-tree-nodes,:[0-9]+");
    static const std::regex clock(":1[0-9]{12}\\b");
    text = std::regex_replace(text, nodes, "radix-tree-nodes,:N");
    return std::regex_replace(text, clock, ":T");
}

void sendOnly(RedisTestClient &client, const std::vector<std::string> &args)
{
    client.append(args);
    int done = 0;
    while (!done)
        if (redisBufferWrite(client.context(), &done) != REDIS_OK) return;
}

bool waitBlocked(RedisTestClient &client, int count)
{
    std::string wanted = "blocked_clients:" + std::to_string(count) + "\r\n";
    for (int i = 0; i < 300; ++i) {
        if (client.run({"INFO", "clients"}).find(wanted) != std::string::npos) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

// XINFO STREAM FULL as text with radix-tree-nodes masked (clock values kept: they are data
// that RDB files carry).
std::string fullInfo(Conn &c, const std::string &key)
{
    static const std::regex nodes("\"radix-tree-nodes\",[0-9]+");
    return std::regex_replace(c.cmd({"XINFO", "STREAM", key, "FULL", "COUNT", "0"}), nodes,
                              "\"radix-tree-nodes\",N");
}

// The same without consumers' seen-time: an AOF (Redis's too) carries no such field, so a
// replayed consumer was last seen at replay time.
std::string fullInfoUnseen(Conn &c, const std::string &key)
{
    static const std::regex seen("\"seen-time\",[0-9]+");
    return std::regex_replace(fullInfo(c, key), seen, "\"seen-time\",T");
}

// Streams with deletions, groups (one reading behind, one with an invalid entries-read),
// pending entries owned by several consumers, an empty stream with a group, and a key with
// a TTL.
void populateStreams(Conn &c)
{
    for (int i = 1; i <= 350; ++i) {
        std::string id = std::to_string(1000 + i / 3) + "-" + std::to_string(i % 3);
        if (i % 7 == 0)
            c.cmd({"XADD", "s", id, "other", std::to_string(i)});
        else
            c.cmd({"XADD", "s", id, "name", "user" + std::to_string(i), "text",
                   std::string(static_cast<size_t>(i % 50), 'x')});
    }
    c.cmd({"XDEL", "s", "1010-1", "1100-0", "1116-2"});
    c.cmd({"XGROUP", "CREATE", "s", "g1", "0"});
    c.cmd({"XGROUP", "CREATE", "s", "g2", "1050-0", "ENTRIESREAD", "-1"});
    c.cmd({"XREADGROUP", "GROUP", "g1", "alice", "COUNT", "20", "STREAMS", "s", ">"});
    c.cmd({"XREADGROUP", "GROUP", "g1", "bob", "COUNT", "5", "STREAMS", "s", ">"});
    c.cmd({"XACK", "s", "g1", "1000-1", "1001-0"});
    c.cmd({"XCLAIM", "s", "g1", "carol", "0", "1002-0", "1003-1", "RETRYCOUNT", "7"});
    c.cmd({"XREADGROUP", "GROUP", "g2", "dave", "COUNT", "3", "STREAMS", "s", ">"});
    c.cmd({"XGROUP", "CREATECONSUMER", "s", "g2", "idle-one"});
    c.cmd({"XADD", "e", "5-5", "f", "v"});
    c.cmd({"XDEL", "e", "5-5"});
    c.cmd({"XGROUP", "CREATE", "e", "g", "$"});
    c.cmd({"XADD", "ttl", "MAXLEN", "2", "*", "f", "1"});
    c.cmd({"PEXPIRE", "ttl", "3600000"});
}

// A Redis 5-6.2 style RDB (version 9) holding one STREAM_LISTPACKS (type 15) value: two
// nodes (one with a deleted entry and an entry whose fields differ from the master's), a
// group with a pending entry owned by a consumer. Type 15 lacks 7.0's first ID, max deleted
// ID, entries-added and entries-read: both servers derive them when they load it.
std::string streamListpacksV1File()
{
    namespace rdb = redscope::engine::rdb;
    auto rawId = [](std::string &out, uint64_t ms, uint64_t seq) {
        for (uint64_t part : {ms, seq})
            for (int shift = 56; shift >= 0; shift -= 8)
                out.push_back(static_cast<char>((part >> shift) & 0xff));
    };
    auto string = [](std::string &out, const std::string &s) {
        rdb::appendLength(out, s.size());
        out += s;
    };
    // Node: master ID ms.0, entries (ms+delta, seq) with fields f=v (same as master) or g=w.
    auto node = [](uint64_t count, uint64_t deleted,
                   const std::vector<std::tuple<int, int, int, bool>> &entries) {
        rdb::ListpackBuilder lp;
        lp.addInteger(static_cast<int64_t>(count));
        lp.addInteger(static_cast<int64_t>(deleted));
        lp.addInteger(1);
        lp.add("f");
        lp.addInteger(0);
        for (auto [flags, msDelta, seq, same] : entries) {
            lp.addInteger(flags);
            lp.addInteger(msDelta);
            lp.addInteger(seq);
            if (same) {
                lp.add("v" + std::to_string(msDelta));
                lp.addInteger(4);
            } else {
                lp.addInteger(2);
                lp.add("g");
                lp.add("w");
                lp.add("h");
                lp.add("12345");
                lp.addInteger(8);
            }
        }
        return lp.finish();
    };
    std::string file = "REDIS0009";
    file += static_cast<char>(0xFE); // SELECTDB 0
    file += static_cast<char>(0);
    file += static_cast<char>(15);
    string(file, "s");
    rdb::appendLength(file, 2);
    std::string key;
    rawId(key, 100, 0);
    string(file, key);
    string(file, node(3, 1, {{2, 0, 0, true}, {3, 1, 0, true}, {0, 2, 5, false}, {2, 3, 0, true}}));
    key.clear();
    rawId(key, 200, 0);
    string(file, key);
    string(file, node(2, 0, {{2, 0, 0, true}, {2, 5, 1, true}}));
    rdb::appendLength(file, 5);   // length
    rdb::appendLength(file, 300); // last ID 300-7
    rdb::appendLength(file, 7);
    rdb::appendLength(file, 1); // groups
    string(file, "grp");
    rdb::appendLength(file, 102);
    rdb::appendLength(file, 5);
    rdb::appendLength(file, 1); // PEL
    rawId(file, 102, 5);
    rdb::appendLittleEndian(file, 1700000000000, 8);
    rdb::appendLength(file, 3);
    rdb::appendLength(file, 1); // consumers
    string(file, "alice");
    rdb::appendLittleEndian(file, 1700000000500, 8);
    rdb::appendLength(file, 1);
    rawId(file, 102, 5);
    file += static_cast<char>(0xFF);
    file += std::string(8, '\0'); // checksum disabled
    return file;
}

} // namespace

// QCOMPARE for std::string that prints both values.
#define COMPARE_TEXT(actual, expected)                                                             \
    do {                                                                                           \
        const std::string a_ = (actual), e_ = (expected);                                          \
        QVERIFY2(a_ == e_, ("\n   got:  " + a_ + "\n   want: " + e_).c_str());                     \
    } while (false)

class TestStreamCommands : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    void same(const Script &script) { REDSCOPE_VERIFY_SAME(m_pair.compare(script)); }

    // Runs each command on both servers and compares the replies with clock values masked.
    void sameMasked(const Script &script)
    {
        std::string mismatches;
        for (const auto &args : script) {
            std::string ours = masked(m_pair.oursClient().run(args));
            std::string theirs = masked(m_pair.redisClient().run(args));
            if (ours != theirs)
                mismatches += "\ncommand: " + joinArgs(args) + "\n   redscope: " + ours +
                              "\n   redis:    " + theirs;
        }
        QVERIFY2(mismatches.empty(), mismatches.c_str());
    }

    void bothTranscripts(const std::function<std::vector<std::string>(int port)> &scenario)
    {
        std::vector<std::string> ours = scenario(m_pair.ours().port());
        std::vector<std::string> theirs = scenario(m_pair.redis().port());
        COMPARE_TEXT(joinArgs(ours), joinArgs(theirs));
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error), error.c_str());
    }

    void init()
    {
        same({{"FLUSHALL"},
              {"CONFIG", "SET", "notify-keyspace-events", ""},
              {"CONFIG", "SET", "stream-node-max-entries", "100"},
              {"CONFIG", "SET", "stream-node-max-bytes", "4096"}});
    }

    void addRangeTrimAndSetId()
    {
        sameMasked({
            {"xadd", "s", "1-1", "a", "1", "b", "2"},
            {"xadd", "s", "1-2", "a", "3", "b", "4"},
            {"xadd", "s", "2-*", "c", "5"},
            {"xadd", "s", "2-*", "c", "6"},
            {"xadd", "s", "1", "x", "y"},
            {"xadd", "s", "0-0", "x", "y"},
            {"xadd", "s", "0", "x", "y"},
            {"xadd", "s", "3-1", "f"},
            {"xadd", "s", "nomkstream", "5", "f", "v"},
            {"xadd", "nos", "nomkstream", "5", "f", "v"},
            {"xadd", "s", "maxlen", "5", "6-1", "a", "b"},
            {"xadd", "s", "maxlen", "~", "5", "limit", "3", "7-1", "a", "b"},
            {"xadd", "s", "maxlen", "=", "5", "limit", "3", "7-1", "a", "b"},
            {"xadd", "s", "limit", "3", "7-1", "a", "b"},
            {"xadd", "s", "maxlen", "-1", "7-1", "a", "b"},
            {"xadd", "s", "maxlen", "2", "minid", "0", "7-1", "a", "b"},
            {"xadd", "s", "minid", "bad", "7-1", "a", "b"},
            {"xadd", "s", "foo", "a", "b"},
            {"xlen", "s"},
            {"xlen", "nos"},
            {"xrange", "s", "-", "+"},
            {"xrange", "s", "-", "+", "count", "2"},
            {"xrange", "s", "-", "+", "count", "0"},
            {"xrange", "s", "-", "+", "count", "-1"},
            {"xrevrange", "s", "+", "-", "count", "2"},
            {"xrange", "s", "(1-1", "+"},
            {"xrange", "s", "-", "(2-1"},
            {"xrange", "s", "2", "2"},
            {"xrange", "s", "1-1", "+foo"},
            {"xrange", "s", "-", "+", "foo"},
            {"xrange", "s", "(", "+"},
            {"xrange", "s", "(18446744073709551615-18446744073709551615", "+"},
            {"xrange", "nos", "-", "+"},
            {"xdel", "s", "1-1", "9-9"},
            {"xdel", "s", "bad"},
            {"xinfo", "stream", "s"},
            {"xtrim", "s", "maxlen", "1"},
            {"xrange", "s", "-", "+"},
            {"xinfo", "stream", "s"},
            {"xtrim", "s"},
            {"xtrim", "s", "minid", "0", "limit", "1"},
            {"xtrim", "nos", "maxlen", "0"},
            {"set", "str", "x"},
            {"xadd", "str", "*", "a", "b"},
            {"xrange", "str", "-", "+"},
            {"xlen", "str"},
            {"xsetid", "s", "100-1"},
            {"xsetid", "s", "1-1"},
            {"xsetid", "nos", "1-1"},
            {"xsetid", "s", "200-1", "entriesadded", "0"},
            {"xsetid", "s", "200-1", "maxdeletedid", "300-1"},
            {"xsetid", "s", "200-1", "entriesadded", "10", "maxdeletedid", "50-1"},
            {"xinfo", "stream", "s"},
            {"type", "s"},
            {"object", "encoding", "s"},
            {"xinfo", "stream", "nos"},
            {"xinfo", "stream", "str"},
            {"xinfo", "stream", "s", "full"},
            {"xinfo", "stream", "s", "full", "count", "1"},
            {"xinfo", "stream", "s", "foo"},
            {"xinfo", "groups", "s"},
        });
    }

    void groupsPendingAndReads()
    {
        sameMasked({
            {"xinfo", "stream", "s", "full", "count", "x"},
            {"xinfo", "stream", "s", "full", "foo"},
            {"xinfo", "stream", "s", "full", "count"},
            {"xinfo", "stream", "s", "full", "count", "1", "x"},
            {"xadd", "s", "1-1", "a", "1", "b", "2"},
            {"xadd", "s", "1-2", "a", "3", "b", "4"},
            {"xadd", "s", "2-1", "c", "5"},
            {"xadd", "s", "3-1", "a", "7", "b", "8"},
            {"xgroup", "create", "s", "g", "0"},
            {"xgroup", "create", "s", "g", "0"},
            {"xgroup", "create", "s", "g2", "$", "entriesread", "3"},
            {"xgroup", "create", "s", "g3", "bad"},
            {"xgroup", "create", "s", "g3", "0", "entriesread", "-2"},
            {"xgroup", "create", "s", "g3", "0", "foo"},
            {"xgroup", "create", "nos", "g", "0"},
            {"xgroup", "create", "nos", "g", "0", "mkstream"},
            {"xgroup", "create", "s", "g4", "-"},
            {"xgroup", "create", "s", "g4", "+"},
            {"xgroup", "setid", "s", "g5", "0"},
            {"xgroup", "setid", "s", "g2", "1-1", "entriesread", "1"},
            {"xgroup", "setid", "s", "g2", "-"},
            {"xgroup", "setid", "s", "g2", "$"},
            {"xgroup", "destroy", "s", "g9"},
            {"xgroup", "createconsumer", "s", "g", "c1"},
            {"xgroup", "createconsumer", "s", "g", "c1"},
            {"xgroup", "createconsumer", "s", "g9", "c1"},
            {"xgroup", "createconsumer", "nos2", "g", "c1"},
            {"xinfo", "groups", "s"},
            {"xreadgroup", "group", "g", "c2", "count", "2", "streams", "s", ">"},
            {"xinfo", "groups", "s"},
            {"xpending", "s", "g"},
            {"xpending", "s", "g", "-", "+", "10", "c1"},
            {"xpending", "s", "g", "-", "+", "10", "c9"},
            {"xpending", "s", "g", "idle", "100000", "-", "+", "10"},
            {"xpending", "s", "g", "-", "+"},
            {"xpending", "s", "g", "-", "+", "x"},
            {"xpending", "s", "g9"},
            {"xpending", "nos", "g"},
            {"xreadgroup", "group", "g", "c3", "streams", "s", ">"},
            {"xreadgroup", "group", "g", "c2", "streams", "s", "0"},
            {"xreadgroup", "group", "g", "c2", "streams", "s", "1-1"},
            {"xreadgroup", "group", "g", "c2", "streams", "s", "$"},
            {"xreadgroup", "group", "g", "c2", "streams", "s"},
            {"xreadgroup", "group", "g9", "c2", "streams", "s", ">"},
            {"xreadgroup", "streams", "s", ">"},
            {"xread", "group", "g", "c", "streams", "s", "0"},
            {"xread", "streams", "s", "0"},
            {"xread", "count", "1", "streams", "s", "0"},
            {"xread", "streams", "s", "nos", "0", "0"},
            {"xread", "streams", "s", "$"},
            {"xread", "streams", "s", ">"},
            {"xread", "streams", "s", "3-1"},
            {"xack", "s", "g", "1-1", "1-1", "9-9"},
            {"xack", "s", "g", "bad"},
            {"xack", "s", "g9", "bad"},
            {"xpending", "s", "g"},
            {"xdel", "s", "1-2"},
            {"xreadgroup", "group", "g", "c2", "streams", "s", "0"},
            {"xinfo", "groups", "s"},
            {"xinfo", "consumers", "s", "g9"},
            {"xgroup", "delconsumer", "s", "g", "c2"},
            {"xgroup", "delconsumer", "s", "g", "c2"},
            {"xpending", "s", "g"},
            {"xinfo", "groups", "s"},
            {"xreadgroup", "group", "g", "c4", "noack", "streams", "s", "0"},
            {"xreadgroup", "group", "g", "c4", "noack", "streams", "s", ">"},
            {"xpending", "s", "g"},
            {"xgroup", "help"},
            {"xinfo", "help"},
            {"xgroup", "foo"},
            {"xgroup", "create", "s"},
            {"xinfo", "groups"},
            {"xinfo", "consumers", "s"},
        });
    }

    // Mixed entry sizes and small node limits: node boundaries, approximate and exact
    // trimming, XDEL and the first/last entry bookkeeping must agree with Redis's.
    void nodeBoundariesAndTrimming()
    {
        std::mt19937 random(5);
        Script script;
        for (int i = 1; i < 400; ++i) {
            std::vector<std::string> args{"XADD", "s",
                                          std::to_string(i / 3) + "-" + std::to_string(i % 3)};
            int fields = static_cast<int>(random() % 3) + 1;
            for (int f = 0; f < fields; ++f) {
                args.push_back("f" + std::to_string(f));
                args.push_back(random() % 3 == 0 ? "v" + std::string(random() % 90, 'x')
                                                 : std::to_string(random() % 100000));
            }
            script.push_back(args);
        }
        for (const char *trim : {"MAXLEN ~ 300", "MAXLEN ~ 100 LIMIT 50", "MINID ~ 100-0",
                                 "MINID 110-0", "MAXLEN = 90"}) {
            std::vector<std::string> args{"XTRIM", "s"};
            for (const QString &word : QString(trim).split(' '))
                args.push_back(word.toStdString());
            script.push_back(args);
            script.push_back({"XINFO", "STREAM", "s"});
        }
        script.push_back({"XDEL", "s", "110-0", "110-1", "110-2", "111-0", "200-1"});
        script.push_back({"XINFO", "STREAM", "s"});
        script.push_back({"XRANGE", "s", "-", "+", "COUNT", "5"});
        script.push_back({"XREVRANGE", "s", "+", "-", "COUNT", "5"});
        script.push_back({"XADD", "t", "MAXLEN", "~", "0", "1-1", "a", "b"});
        for (int i = 2; i < 250; ++i)
            script.push_back(
                {"XADD", "t", "MAXLEN", "~", "20", std::to_string(i) + "-1", "a", "b"});
        script.push_back({"XINFO", "STREAM", "t"});
        script.push_back({"CONFIG", "SET", "stream-node-max-entries", "7"});
        for (int i = 1; i < 50; ++i)
            script.push_back({"XADD", "u", std::to_string(i) + "-1", "a", "b"});
        script.push_back({"XINFO", "STREAM", "u"});
        script.push_back({"XTRIM", "u", "MAXLEN", "~", "10"});
        script.push_back({"XINFO", "STREAM", "u"});
        script.push_back({"CONFIG", "SET", "stream-node-max-bytes", "100"});
        for (int i = 1; i < 50; ++i)
            script.push_back({"XADD", "v", std::to_string(i) + "-1", "a", std::string(31, 'b')});
        script.push_back({"XINFO", "STREAM", "v"});
        script.push_back({"XTRIM", "v", "MINID", "~", "30"});
        script.push_back({"XINFO", "STREAM", "v"});
        sameMasked(script);
    }

    void claimAndAutoclaim()
    {
        Script script;
        for (int i = 1; i <= 30; ++i)
            script.push_back({"XADD", "s", std::to_string(i) + "-0", "n", std::to_string(i)});
        const Script rest = {
            {"XGROUP", "CREATE", "s", "g", "0"},
            {"XREADGROUP", "GROUP", "g", "c1", "COUNT", "10", "STREAMS", "s", ">"},
            {"XCLAIM", "s", "g", "c2", "0", "1-0", "2-0", "3-0", "JUSTID"},
            {"XCLAIM", "s", "g", "c2", "0", "12-0", "FORCE", "JUSTID"},
            {"XCLAIM", "s", "g", "c2", "0", "13-0", "FORCE", "RETRYCOUNT", "5"},
            {"XCLAIM", "s", "g", "c2", "0", "99-0", "FORCE", "JUSTID"},
            {"XCLAIM", "s", "g", "c2", "0", "4-0", "IDLE", "5000", "JUSTID"},
            {"XCLAIM", "s", "g", "c2", "3600000", "5-0"},
            {"XCLAIM", "s", "g", "c2", "abc", "12-0"},
            {"XCLAIM", "s", "g", "c2", "0", "12-0", "IDLE", "abc"},
            {"XCLAIM", "s", "g", "c2", "0", "12-0", "TIME", "abc"},
            {"XCLAIM", "s", "g", "c2", "0", "12-0", "RETRYCOUNT", "abc"},
            {"XCLAIM", "s", "g", "c2", "0", "12-0", "LASTID", "abc"},
            {"XCLAIM", "s", "g", "c2", "0", "12-0", "foo"},
            {"XCLAIM", "s", "g9", "c2", "0", "12-0"},
            {"XCLAIM", "nokey", "g", "c2", "0", "12-0"},
            {"XCLAIM", "s", "g", "c3", "0", "12-0", "LASTID", "300-0", "JUSTID"},
            {"XINFO", "GROUPS", "s"},
            {"XPENDING", "s", "g"},
            {"XDEL", "s", "6-0", "7-0"},
            {"XAUTOCLAIM", "s", "g", "c4", "0", "0", "COUNT", "3", "JUSTID"},
            {"XAUTOCLAIM", "s", "g", "c4", "0", "0", "COUNT", "3"},
            {"XAUTOCLAIM", "s", "g", "c4", "0", "(5-0"},
            {"XAUTOCLAIM", "s", "g", "c4", "0", "0", "COUNT", "0"},
            {"XAUTOCLAIM", "s", "g", "c4", "0", "bad"},
            {"XAUTOCLAIM", "s", "g", "c4", "abc", "0"},
            {"XAUTOCLAIM", "s", "g", "c4", "0", "0", "foo"},
            {"XAUTOCLAIM", "s", "g9", "c4", "0", "0"},
            {"XAUTOCLAIM", "s", "g", "c5", "3600000", "0"},
            {"XINFO", "CONSUMERS", "s", "g9"},
            {"XPENDING", "s", "g"},
            {"XPENDING", "s", "g", "IDLE", "3600000", "-", "+", "10"},
            {"XPENDING", "s", "g", "-", "+", "10", "nobody"},
            {"XGROUP", "DELCONSUMER", "s", "g", "c4"},
            {"XPENDING", "s", "g"},
            {"XINFO", "STREAM", "s", "FULL", "COUNT", "3"},
        };
        script.insert(script.end(), rest.begin(), rest.end());
        sameMasked(script);
    }

    // Regression (differential seed 22): XSETID below the max deleted ID is accepted by
    // Redis 7.0, on an empty stream and a non-empty one.
    void xsetidBelowMaxDeletedId()
    {
        sameMasked({
            {"XADD", "a", "5-0", "f", "v"},
            {"XADD", "a", "6-0", "f", "v"},
            {"XDEL", "a", "6-0"},
            {"XSETID", "a", "5-5"},
            {"XINFO", "STREAM", "a"},
            {"XDEL", "a", "5-0"},
            {"XSETID", "a", "1-1"},
            {"XINFO", "STREAM", "a"},
            {"XADD", "b", "5-0", "f", "v"},
            {"XSETID", "b", "9-0", "MAXDELETEDID", "8-0"},
            {"XSETID", "b", "7-0"},
            {"XSETID", "b", "0-0"},
            {"XINFO", "STREAM", "b", "FULL", "COUNT", "-1"},
        });
    }

    // Lag and entries-read through deletions, SETID and ENTRIESREAD (Redis 7.0's estimates).
    void lagAndEntriesRead()
    {
        sameMasked({
            {"XADD", "s", "1-0", "a", "1"},
            {"XADD", "s", "2-0", "a", "2"},
            {"XADD", "s", "3-0", "a", "3"},
            {"XADD", "s", "4-0", "a", "4"},
            {"XGROUP", "CREATE", "s", "g", "0"},
            {"XGROUP", "CREATE", "s", "h", "$"},
            {"XGROUP", "CREATE", "s", "k", "2-0", "ENTRIESREAD", "2"},
            {"XINFO", "GROUPS", "s"},
            {"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">"},
            {"XINFO", "GROUPS", "s"},
            {"XDEL", "s", "3-0"},
            {"XINFO", "GROUPS", "s"},
            {"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">"},
            {"XINFO", "GROUPS", "s"},
            {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"},
            {"XINFO", "GROUPS", "s"},
            {"XDEL", "s", "1-0"},
            {"XGROUP", "SETID", "s", "h", "0"},
            {"XINFO", "GROUPS", "s"},
            {"XGROUP", "SETID", "s", "h", "$", "ENTRIESREAD", "4"},
            {"XINFO", "GROUPS", "s"},
            {"XADD", "s", "5-0", "a", "5"},
            {"XINFO", "GROUPS", "s"},
            {"XTRIM", "s", "MAXLEN", "0"},
            {"XINFO", "GROUPS", "s"},
            {"XINFO", "STREAM", "s"},
            {"XSETID", "s", "10-0", "ENTRIESADDED", "9", "MAXDELETEDID", "8-0"},
            {"XINFO", "STREAM", "s"},
            {"XINFO", "GROUPS", "s"},
        });
    }

    // TYPE, OBJECT ENCODING, COPY, RENAME, expiry, WRONGTYPE on both sides, keyspace events.
    void keyspaceIntegration()
    {
        sameMasked({
            {"XADD", "s", "1-1", "a", "b"},
            {"XGROUP", "CREATE", "s", "g", "0"},
            {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"},
            {"TYPE", "s"},
            {"OBJECT", "ENCODING", "s"},
            {"COPY", "s", "s2"},
            {"XINFO", "STREAM", "s2", "FULL"},
            {"XADD", "s2", "2-1", "x", "y"},
            {"XLEN", "s"},
            {"RENAME", "s2", "s3"},
            {"XLEN", "s3"},
            {"PEXPIREAT", "s3", "1"},
            {"EXISTS", "s3"},
            {"LPUSH", "s", "x"},
            {"GET", "s"},
            {"SET", "l", "x"},
            {"XADD", "l", "*", "a", "b"},
            {"XRANGE", "l", "-", "+"},
            {"XREAD", "STREAMS", "l", "0"},
            {"XGROUP", "CREATE", "l", "g", "0"},
            {"XINFO", "STREAM", "l"},
            {"XINFO", "GROUPS", "l"},
            {"XACK", "l", "g", "1-1"},
            {"XPENDING", "l", "g"},
            {"XSETID", "l", "1-1"},
            {"XTRIM", "l", "MAXLEN", "0"},
            {"XDEL", "l", "1-1"},
            {"SCAN", "0", "TYPE", "stream"},
            {"DEL", "s"},
            {"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"},
            {"XLEN", "s"},
            {"EXISTS", "s"},
            {"XINFO", "STREAM", "s"},
            {"XADD", "s", "MAXLEN", "0", "1-1", "a", "b"},
            {"EXISTS", "s"},
            {"XINFO", "STREAM", "s"},
        });
        QVERIFY(std::stoll(m_pair.oursClient().run({"MEMORY", "USAGE", "s"}).substr(1)) > 0);
    }

    void keyspaceEvents()
    {
        bothTranscripts([](int port) {
            RedisTestClient sub("127.0.0.1", port), c("127.0.0.1", port);
            c.run({"CONFIG", "SET", "notify-keyspace-events", "KEA"});
            std::vector<std::string> out{sub.run({"PSUBSCRIBE", "__keyevent@0__:*"})};
            const Script commands = {
                {"XADD", "s", "1-1", "a", "b"},
                {"XADD", "s", "MAXLEN", "1", "2-1", "a", "b"},
                {"XDEL", "s", "2-1"},
                {"XTRIM", "s", "MAXLEN", "0"},
                {"XADD", "s", "3-1", "a", "b"},
                {"XGROUP", "CREATE", "s", "g", "0"},
                {"XGROUP", "SETID", "s", "g", "0"},
                {"XGROUP", "CREATECONSUMER", "s", "g", "c"},
                {"XREADGROUP", "GROUP", "g", "c2", "STREAMS", "s", ">"},
                {"XGROUP", "DELCONSUMER", "s", "g", "c"},
                {"XGROUP", "DESTROY", "s", "g"},
                {"XSETID", "s", "9-9"},
                {"DEL", "s"},
                {"XGROUP", "CREATE", "t", "g", "$", "MKSTREAM"},
            };
            for (const auto &args : commands)
                out.push_back(c.run(args));
            c.run({"PUBLISH", "__keyevent@0__:end", "x"});
            for (;;) {
                std::string message = sub.readReply();
                out.push_back(message);
                if (message.find("end") != std::string::npos || message.starts_with("<")) break;
            }
            c.run({"CONFIG", "SET", "notify-keyspace-events", ""});
            return out;
        });
    }

    // XREAD/XREADGROUP replies as RESP3 maps, byte for byte.
    void resp3Replies()
    {
        auto transcript = [](int port) {
            RawConnection c(port);
            c.sendForReply({"HELLO", "3"});
            std::vector<std::string> out;
            const Script commands = {
                {"FLUSHALL"},
                {"XADD", "s", "1-1", "a", "b"},
                {"XADD", "t", "1-1", "c", "d"},
                {"XREAD", "STREAMS", "s", "t", "0", "0"},
                {"XREAD", "STREAMS", "s", "$"},
                {"XGROUP", "CREATE", "s", "g", "0"},
                {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"},
                {"XINFO", "STREAM", "s"},
                {"XINFO", "GROUPS", "s"},
                {"XPENDING", "s", "g", "-", "+", "0"},
                {"XRANGE", "s", "-", "+", "COUNT", "0"},
                {"XGROUP", "CREATE", "e", "g", "$", "MKSTREAM"},
                {"XPENDING", "e", "g"},
                {"XINFO", "STREAM", "e"},
            };
            for (const auto &args : commands)
                out.push_back(c.sendForReply(args));
            return out;
        };
        COMPARE_TEXT(joinArgs(transcript(m_pair.ours().port())),
                     joinArgs(transcript(m_pair.redis().port())));
    }

    void helpAndArity()
    {
        same({
            {"XGROUP", "HELP"},
            {"XINFO", "HELP"},
            {"XGROUP", "FOO"},
            {"XGROUP", "CREATE", "s"},
            {"XGROUP", "DESTROY", "s", "g", "x"},
            {"XINFO", "GROUPS"},
            {"XINFO", "CONSUMERS", "s"},
            {"XADD", "s"},
            {"XADD", "s", "*"},
            {"XADD", "s", "*", "a"},
            {"XADD", "s", "*", "a", "b", "c"},
            {"XRANGE", "s", "-"},
            {"XREAD", "STREAMS"},
            {"XREAD", "COUNT", "1"},
            {"XREAD", "STREAMS", "s"},
            {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s"},
            {"XREAD", "BLOCK", "-1", "STREAMS", "s", "0"},
            {"XREAD", "BLOCK", "x", "STREAMS", "s", "0"},
            {"XREAD", "COUNT", "x", "STREAMS", "s", "0"},
            {"XREAD", "FOO", "STREAMS", "s", "0"},
            {"XREAD", "STREAMS", "s", "bad"},
            {"XACK", "s", "g"},
            {"XCLAIM", "s", "g", "c", "0"},
            {"XPENDING", "s"},
            {"XPENDING", "s", "g", "-"},
            {"XPENDING", "s", "g", "IDLE", "x", "-", "+", "1"},
            {"XPENDING", "s", "g", "IDLE", "1", "-", "+"},
            {"XSETID", "s"},
            {"COMMAND", "GETKEYS", "XREAD", "COUNT", "2", "STREAMS", "a", "b", "0", "0"},
            {"COMMAND", "GETKEYS", "XREADGROUP", "GROUP", "g", "c", "STREAMS", "a", ">"},
        });
    }

    // One XADD serves the oldest XREADGROUP waiter of a group; the next waits for more.
    void blockingReadsAcrossClients()
    {
        bothTranscripts([](int port) {
            RedisTestClient ctl("127.0.0.1", port), a("127.0.0.1", port), b("127.0.0.1", port);
            ctl.run({"FLUSHALL"});
            std::vector<std::string> out;
            out.push_back(ctl.run({"XADD", "s", "1-1", "a", "1"}));
            sendOnly(a, {"XREAD", "BLOCK", "0", "STREAMS", "s", "$"});
            out.push_back(waitBlocked(ctl, 1) ? "blocked" : "not blocked");
            out.push_back(ctl.run({"XADD", "s", "2-1", "b", "2"}));
            out.push_back(a.readReply());
            // Two streams, both written in one transaction: only the first ready one is served.
            sendOnly(a, {"XREAD", "COUNT", "5", "BLOCK", "0", "STREAMS", "s", "t", "$", "$"});
            out.push_back(waitBlocked(ctl, 1) ? "blocked" : "not blocked");
            ctl.run({"MULTI"});
            ctl.run({"XADD", "t", "1-1", "x", "y"});
            ctl.run({"XADD", "s", "3-1", "x", "y"});
            out.push_back(ctl.run({"EXEC"}));
            out.push_back(a.readReply());
            sendOnly(a, {"XREAD", "BLOCK", "150", "STREAMS", "s", "$"});
            out.push_back(a.readReply());
            ctl.run({"XGROUP", "CREATE", "s", "g", "$"});
            sendOnly(a, {"XREADGROUP", "GROUP", "g", "c1", "BLOCK", "0", "STREAMS", "s", ">"});
            out.push_back(waitBlocked(ctl, 1) ? "blocked" : "not blocked");
            sendOnly(b, {"XREADGROUP", "GROUP", "g", "c2", "BLOCK", "0", "STREAMS", "s", ">"});
            out.push_back(waitBlocked(ctl, 2) ? "blocked" : "not blocked");
            out.push_back(ctl.run({"XADD", "s", "4-1", "k", "v"}));
            out.push_back(a.readReply());
            out.push_back(waitBlocked(ctl, 1) ? "one left" : "not one left");
            out.push_back(ctl.run({"XADD", "s", "5-1", "k", "v"}));
            out.push_back(b.readReply());
            out.push_back(ctl.run({"XPENDING", "s", "g"}));
            // An XADD below the ID waited for does not serve an XREAD.
            ctl.run({"DEL", "s"});
            ctl.run({"XADD", "s", "10-1", "a", "b"});
            sendOnly(a, {"XREAD", "BLOCK", "0", "STREAMS", "s", "$"});
            out.push_back(waitBlocked(ctl, 1) ? "blocked" : "not blocked");
            out.push_back(ctl.run({"DEL", "s"}));
            out.push_back(ctl.run({"XADD", "s", "0-5", "a", "b"}));
            out.push_back(waitBlocked(ctl, 1) ? "still blocked" : "unblocked");
            out.push_back(ctl.run({"XADD", "s", "12-5", "a", "b"}));
            out.push_back(a.readReply());
            // NOACK
            ctl.run({"XGROUP", "CREATE", "s", "g2", "$"});
            sendOnly(a, {"XREADGROUP", "GROUP", "g2", "c1", "NOACK", "COUNT", "1", "BLOCK", "0",
                         "STREAMS", "s", ">"});
            out.push_back(waitBlocked(ctl, 1) ? "blocked" : "not blocked");
            out.push_back(ctl.run({"XADD", "s", "13-1", "a", "b", "c", "d"}));
            out.push_back(a.readReply());
            out.push_back(ctl.run({"XPENDING", "s", "g2"}));
            out.push_back(ctl.run({"XINFO", "GROUPS", "s"}));
            return out;
        });
    }

    // A waiting XREADGROUP ends with an error when its group or stream goes away (DEL, a
    // SET over it, FLUSHALL); XREAD keeps waiting. MULTI never blocks.
    void blockedGroupReadersLearnOfDeletion()
    {
        bothTranscripts([](int port) {
            RedisTestClient ctl("127.0.0.1", port), a("127.0.0.1", port), m("127.0.0.1", port);
            ctl.run({"FLUSHALL"});
            std::vector<std::string> out;
            auto blockGroupRead = [&] {
                sendOnly(a, {"XREADGROUP", "GROUP", "g", "c1", "BLOCK", "0", "STREAMS", "s", ">"});
                out.push_back(waitBlocked(ctl, 1) ? "blocked" : "not blocked");
            };
            ctl.run({"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
            blockGroupRead();
            out.push_back(ctl.run({"XGROUP", "DESTROY", "s", "g"}));
            out.push_back(a.readReply());
            ctl.run({"XGROUP", "CREATE", "s", "g", "$"});
            blockGroupRead();
            out.push_back(ctl.run({"DEL", "s"}));
            out.push_back(a.readReply());
            ctl.run({"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
            blockGroupRead();
            out.push_back(ctl.run({"SET", "s", "x"}));
            out.push_back(a.readReply());
            ctl.run({"DEL", "s"});
            ctl.run({"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
            blockGroupRead();
            out.push_back(ctl.run({"FLUSHALL"}));
            out.push_back(a.readReply());
            sendOnly(a, {"XREAD", "BLOCK", "0", "STREAMS", "s", "$"});
            out.push_back(waitBlocked(ctl, 1) ? "blocked" : "not blocked");
            out.push_back(ctl.run({"XADD", "s", "1-1", "a", "b"}));
            out.push_back(ctl.run({"DEL", "s"}));
            out.push_back(waitBlocked(ctl, 1) ? "still blocked" : "unblocked");
            out.push_back(ctl.run({"XADD", "s", "2-1", "a", "b"}));
            out.push_back(a.readReply());
            out.push_back(m.run({"MULTI"}));
            out.push_back(m.run({"XREAD", "BLOCK", "0", "STREAMS", "nos", "$"}));
            out.push_back(
                m.run({"XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"}));
            out.push_back(m.run({"EXEC"}));
            return out;
        });
    }

    // Which stream commands invalidate a WATCH: entry changes do; group bookkeeping (XACK,
    // XCLAIM, XGROUP on an existing key, XREADGROUP) and XSETID do not, as in Redis 7.0.
    void watchInvalidation()
    {
        bothTranscripts([](int port) {
            RedisTestClient a("127.0.0.1", port), b("127.0.0.1", port);
            const Script operations = {
                {"XACK", "s", "g", "1-1"},
                {"XGROUP", "CREATE", "s", "g2", "0"},
                {"XGROUP", "SETID", "s", "g", "0"},
                {"XGROUP", "CREATECONSUMER", "s", "g", "cx"},
                {"XGROUP", "DELCONSUMER", "s", "g", "c"},
                {"XGROUP", "DESTROY", "s", "g"},
                {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">"},
                {"XCLAIM", "s", "g", "c2", "0", "1-1"},
                {"XAUTOCLAIM", "s", "g", "c2", "0", "0"},
                {"XSETID", "s", "5-5"},
                {"XDEL", "s", "9-9"},
                {"XDEL", "s", "2-1"},
                {"XTRIM", "s", "MAXLEN", "100"},
                {"XTRIM", "s", "MAXLEN", "0"},
                {"XGROUP", "CREATE", "n", "g", "$", "MKSTREAM"},
                {"XADD", "s", "NOMKSTREAM", "7-7", "a", "b"},
            };
            std::vector<std::string> out;
            for (const auto &operation : operations) {
                a.run({"FLUSHALL"});
                a.run({"XADD", "s", "1-1", "a", "b"});
                a.run({"XADD", "s", "2-1", "a", "b"});
                a.run({"XGROUP", "CREATE", "s", "g", "0"});
                a.run({"XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">"});
                a.run({"WATCH", "s", "n"});
                b.run(operation);
                a.run({"MULTI"});
                a.run({"PING"});
                out.push_back(joinArgs(operation) + " -> " + a.run({"EXEC"}));
            }
            return out;
        });
    }

    // ACL key patterns apply to every stream key, the keys after XREAD's STREAMS included.
    void aclKeyPermissions()
    {
        bothTranscripts([](int port) {
            RedisTestClient admin("127.0.0.1", port), user("127.0.0.1", port);
            admin.run({"FLUSHALL"});
            admin.run({"ACL", "SETUSER", "streamer", "on", "nopass", "~a*", "+@all"});
            std::vector<std::string> out{user.run({"AUTH", "streamer", "x"})};
            const Script commands = {
                {"XADD", "a1", "1-1", "f", "v"},
                {"XADD", "b1", "1-1", "f", "v"},
                {"XREAD", "STREAMS", "a1", "0"},
                {"XREAD", "STREAMS", "a1", "b1", "0", "0"},
                {"XGROUP", "CREATE", "a1", "g", "0"},
                {"XGROUP", "CREATE", "b1", "g", "0"},
                {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "a1", ">"},
                {"XREADGROUP", "GROUP", "g", "c", "STREAMS", "b1", ">"},
                {"XINFO", "STREAM", "b1"},
                {"XRANGE", "b1", "-", "+"},
            };
            for (const auto &command : commands)
                out.push_back(user.run(command));
            admin.run({"ACL", "DELUSER", "streamer"});
            return out;
        });
    }

    // CLIENT UNBLOCK ends any blocking command's wait, as a timeout or with an error.
    void clientUnblockForEveryBlockingCommand()
    {
        bothTranscripts([](int port) {
            RedisTestClient ctl("127.0.0.1", port), a("127.0.0.1", port);
            ctl.run({"FLUSHALL"});
            std::vector<std::string> out;
            const std::string id = a.run({"CLIENT", "ID"}).substr(1);
            const Script blocking = {
                {"XREAD", "BLOCK", "0", "STREAMS", "s", "$"},
                {"BLPOP", "l", "0"},
                {"BRPOP", "l", "0"},
                {"BLMOVE", "l", "m", "LEFT", "RIGHT", "0"},
                {"BRPOPLPUSH", "l", "m", "0"},
                {"BZPOPMIN", "z", "0"},
                {"BZPOPMAX", "z", "0"},
            };
            for (const auto &command : blocking) {
                for (const char *reason : {"", "TIMEOUT", "ERROR"}) {
                    sendOnly(a, command);
                    out.push_back(waitBlocked(ctl, 1) ? "blocked" : "not blocked");
                    std::vector<std::string> unblock{"CLIENT", "UNBLOCK", id};
                    if (*reason) unblock.push_back(reason);
                    out.push_back(ctl.run(unblock));
                    out.push_back(a.readReply());
                }
            }
            ctl.run({"XGROUP", "CREATE", "s", "g", "$", "MKSTREAM"});
            sendOnly(a, {"XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">"});
            out.push_back(waitBlocked(ctl, 1) ? "blocked" : "not blocked");
            out.push_back(ctl.run({"CLIENT", "UNBLOCK", id, "ERROR"}));
            out.push_back(a.readReply());
            // The unblocked client's pipelined commands run on.
            a.append({"BLPOP", "l", "0"});
            a.append({"PING"});
            int done = 0;
            while (!done)
                redisBufferWrite(a.context(), &done);
            out.push_back(waitBlocked(ctl, 1) ? "blocked" : "not blocked");
            out.push_back(ctl.run({"CLIENT", "UNBLOCK", id}));
            out.push_back(a.readReply());
            out.push_back(a.readReply());
            out.push_back(ctl.run({"CLIENT", "UNBLOCK", id}));
            out.push_back(ctl.run({"CLIENT", "UNBLOCK", "abc"}));
            out.push_back(ctl.run({"CLIENT", "UNBLOCK", id, "foo"}));
            out.push_back(ctl.run({"CLIENT", "UNBLOCK", "999999"}));
            return out;
        });
    }

    // redis-server writes streams with groups, PELs and consumers; we load the file, save
    // it as RDB type 19, and redis-server loads ours: XINFO STREAM FULL equal at each step.
    void rdbRoundTripWithRedis()
    {
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        populateStreams(rc);
        QCOMPARE(rc.cmd({"SAVE"}), std::string("+OK"));
        const std::vector<std::string> keys{"s", "e", "ttl"};
        std::vector<std::string> original;
        for (const std::string &key : keys)
            original.push_back(fullInfo(rc, key));
        QVERIFY(original[0].find("\"alice\"") != std::string::npos);

        QTemporaryDir ours;
        const std::string od = ours.path().toStdString();
        std::filesystem::copy_file(redis->directory() + "/dump.rdb", od + "/dump.rdb");
        {
            auto server = TestServer::startRedscope({"--dir", od});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            for (size_t i = 0; i < keys.size(); ++i)
                COMPARE_TEXT(fullInfo(c, keys[i]), original[i]);
            QCOMPARE(c.cmd({"TYPE", "s"}), std::string("+stream"));
            QVERIFY(std::stoll(c.cmd({"PTTL", "ttl"})) > 3500000);
            QCOMPARE(c.cmd({"XRANGE", "s", "1010", "1011"}),
                     rc.cmd({"XRANGE", "s", "1010", "1011"}));
            QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        }
        QTemporaryDir back;
        const std::string bd = back.path().toStdString();
        std::filesystem::copy_file(od + "/dump.rdb", bd + "/dump.rdb");
        auto redis2 = TestServer::startRedis({"--dir", bd});
        QVERIFY2(redis2->ok(), redis2->error().c_str());
        Conn rc2(redis2->port());
        for (size_t i = 0; i < keys.size(); ++i)
            COMPARE_TEXT(fullInfo(rc2, keys[i]), original[i]);
        QCOMPARE(rc2.cmd({"DBSIZE"}), std::string("3"));
        // Redis goes on using what it loaded from us.
        QCOMPARE(rc2.cmd({"XADD", "s", "2000-0", "k", "v"}), std::string("\"2000-0\""));
        QVERIFY(
            rc2.cmd({"XREADGROUP", "GROUP", "g2", "dave", "STREAMS", "s", "0"}).starts_with("[["));
    }

    // An RDB 9 file with a type 15 stream loads into both servers the same way.
    void streamListpacksV1LoadsLikeRedis()
    {
        QTemporaryDir ours, theirs;
        for (const QTemporaryDir *dir : {&ours, &theirs}) {
            std::ofstream out(dir->path().toStdString() + "/dump.rdb", std::ios::binary);
            out << streamListpacksV1File();
        }
        auto redis = TestServer::startRedis({"--dir", theirs.path().toStdString()});
        QVERIFY2(redis->ok(), redis->error().c_str());
        auto server = TestServer::startRedscope({"--dir", ours.path().toStdString()});
        QVERIFY2(server->ok(), server->error().c_str());
        Conn rc(redis->port()), c(server->port());
        QCOMPARE(rc.cmd({"XLEN", "s"}), std::string("5"));
        COMPARE_TEXT(fullInfo(c, "s"), fullInfo(rc, "s"));
        COMPARE_TEXT(c.cmd({"XINFO", "GROUPS", "s"}), rc.cmd({"XINFO", "GROUPS", "s"}));
        COMPARE_TEXT(c.cmd({"XRANGE", "s", "-", "+"}), rc.cmd({"XRANGE", "s", "-", "+"}));
    }

    // Our own file, written with streams we built, loads into redis-server.
    void redscopeStreamsLoadInRedis()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::vector<std::string> ours;
        {
            auto server = TestServer::startRedscope({"--dir", d});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            populateStreams(c);
            for (const char *key : {"s", "e", "ttl"})
                ours.push_back(fullInfo(c, key));
            QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        }
        QTemporaryDir rdir;
        const std::string rd = rdir.path().toStdString();
        std::filesystem::copy_file(d + "/dump.rdb", rd + "/dump.rdb");
        auto redis = TestServer::startRedis({"--dir", rd, "--sanitize-dump-payload", "yes"});
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        size_t i = 0;
        for (const char *key : {"s", "e", "ttl"})
            COMPARE_TEXT(fullInfo(rc, key), ours[i++]);
    }

    // Every stream command, XREADGROUP's and XCLAIM's PEL changes included, replays from the
    // AOF to the same state; so does the rewritten AOF.
    void aofReplaysStreams()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::vector<std::string> before;
        const std::vector<std::string> keys{"s", "e", "ttl", "trimmed"};
        {
            auto server = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            populateStreams(c);
            for (int i = 0; i < 300; ++i)
                c.cmd({"XADD", "trimmed", "MAXLEN", "~", "50", "*", "n", std::to_string(i)});
            c.cmd({"XAUTOCLAIM", "s", "g1", "erin", "0", "0", "COUNT", "4"});
            c.cmd({"XREADGROUP", "GROUP", "g1", "alice", "STREAMS", "s", "0"});
            c.cmd({"XGROUP", "DELCONSUMER", "s", "g2", "idle-one"});
            c.cmd({"XSETID", "e", "9-9", "ENTRIESADDED", "40", "MAXDELETEDID", "7-0"});
            for (const std::string &key : keys)
                before.push_back(fullInfoUnseen(c, key));
        }
        {
            auto server = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            for (size_t i = 0; i < keys.size(); ++i)
                COMPARE_TEXT(fullInfoUnseen(c, keys[i]), before[i]);
            QCOMPARE(c.cmd({"BGREWRITEAOF"}).substr(0, 1), std::string("+"));
            QVERIFY(redscope::test::waitFor([&] {
                return c.info("aof_rewrite_in_progress") == "0" &&
                       c.info("aof_rewrite_scheduled") == "0";
            }));
        }
        auto server = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        for (size_t i = 0; i < keys.size(); ++i)
            COMPARE_TEXT(fullInfoUnseen(c, keys[i]), before[i]);
    }
};

QTEST_GUILESS_MAIN(TestStreamCommands)
#include "tst_stream_commands.moc"
