// Plain quicklist nodes (storage/packed_list.h) side by side with Debian's redis-server
// 7.0.15, both started with --enable-debug-command yes and given the same
// DEBUG QUICKLIST-PACKED-THRESHOLD: the threshold's argument parsing; pushes, LINSERT, LSET
// (converting between plain and packed), LREM, pops and reads on lists mixing large and small
// elements, compared after every step by reply, DEBUG OBJECT's quicklist figures, the DUMP
// payload byte for byte and DEBUG DIGEST-VALUE, with and without list-compress-depth; DUMP
// payloads and RDB files moving both ways; and the DEBUG LISTPACK / DEBUG QUICKLIST text both
// servers print on their stdout, compared line for line once addresses are masked.
#include "list_debug.h"
#include "redis_test_client.h"
#include "side_by_side.h"
#include "test_server.h"

#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using redscope::test::bulkReply;
using redscope::test::quicklistFields;
using redscope::test::RedisTestClient;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

namespace {

const std::vector<std::string> kDebugArgs = {"--enable-debug-command", "yes"};

std::string describeState(RedisTestClient &client, const std::string &key)
{
    return quicklistFields(client, key) + " dump:" + bulkReply(client, {"DUMP", key}) +
           " digest:" + client.run({"DEBUG", "DIGEST-VALUE", key});
}

// A server whose stdout goes to `path` (the test's own stdout is swapped around the fork).
std::unique_ptr<TestServer> startWithStdout(bool ours, const std::string &path)
{
    std::fflush(stdout);
    const int saved = dup(STDOUT_FILENO);
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, STDOUT_FILENO);
    close(fd);
    auto server = ours ? TestServer::startRedscope(kDebugArgs) : TestServer::startRedis(kDebugArgs);
    std::fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    return server;
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Addresses differ, and so does attempted_compress: redis-server sets it on some nodes
// along paths that leave no other trace (even in lists that are never compressed).
std::string maskAddresses(const std::string &text)
{
    static const std::regex address("\taddr: 0x[0-9a-f]+,");
    static const std::regex attempted("attempted_compress: [01]");
    return std::regex_replace(std::regex_replace(text, address, "\taddr: <address>,"), attempted,
                              "attempted_compress: <flag>");
}

std::string big(char c, size_t n = 150)
{
    return std::string(n, c);
}

} // namespace

class TestListPlainNodes : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    RedisTestClient &ours() { return m_pair.oursClient(); }
    RedisTestClient &redis() { return m_pair.redisClient(); }

    void both(const std::vector<std::string> &args)
    {
        QCOMPARE(ours().run(args), redis().run(args));
    }

    // One step on both servers: the replies, then list `key`'s quicklist figures, DUMP
    // payload and digest must be the same.
    std::string step(const std::vector<std::string> &args, const std::string &key = "l")
    {
        const std::string fromOurs = ours().run(args), fromRedis = redis().run(args);
        std::string mismatch;
        if (fromOurs != fromRedis)
            mismatch = "\n  reply: ours " + fromOurs.substr(0, 200) + "\n         redis " +
                       fromRedis.substr(0, 200);
        const std::string stateOurs = describeState(ours(), key);
        const std::string stateRedis = describeState(redis(), key);
        if (stateOurs != stateRedis)
            mismatch += "\n  state: ours " + quicklistFields(ours(), key) + "\n         redis " +
                        quicklistFields(redis(), key);
        return mismatch.empty() ? "" : redscope::test::joinArgs(args).substr(0, 120) + mismatch;
    }

    std::string steps(const Script &script)
    {
        std::string mismatches;
        for (const auto &args : script) {
            const std::string mismatch = step(args);
            if (!mismatch.empty()) mismatches += "\n" + mismatch;
        }
        return mismatches;
    }

    void setThreshold(const std::string &size)
    {
        both({"DEBUG", "QUICKLIST-PACKED-THRESHOLD", size});
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error, true, kDebugArgs), error.c_str());
    }

    void init()
    {
        m_pair.flushBoth();
        both({"CONFIG", "SET", "list-compress-depth", "0"});
        setThreshold("100");
    }

    void cleanupTestCase()
    {
        if (m_pair.oursClient().connected()) setThreshold("0");
    }

    void thresholdArgumentsAsRedis()
    {
        Script script;
        for (const char *size :
             {"100",      "1k",         "1b",  "1K",         "1kb",
              "1kB",      "1mb",        "1g",  "b",          "k",
              "00100",    "0",          "",    "4293918720", "4293918720b",
              "4193280k", "4095mb",     "3gb", "4293918721", "4096mb",
              "4gb",      "4294967296", "-1",  "+5",         " 5",
              "5k ",      "1.5",        "abc", "1t",         "99999999999999999999",
              "1",        "2"})
            script.push_back({"DEBUG", "QUICKLIST-PACKED-THRESHOLD", size});
        script.push_back({"DEBUG", "QUICKLIST-PACKED-THRESHOLD"});
        script.push_back({"DEBUG", "QUICKLIST-PACKED-THRESHOLD", "1", "2"});
        REDSCOPE_VERIFY_SAME(m_pair.compare(script));
        // After "2": elements of two bytes or more are plain, a one-byte one packed.
        REDSCOPE_VERIFY_SAME(steps({{"RPUSH", "l", "ab", "12345", "x", "xyz", "q"}}));
        // 0 restores the default 1 GiB: the same elements all pack.
        setThreshold("0");
        REDSCOPE_VERIFY_SAME(steps({{"DEL", "l"}, {"RPUSH", "l", "ab", "12345", "x", "xyz"}}));
    }

    void pushesGiveLargeElementsNodesOfTheirOwn()
    {
        REDSCOPE_VERIFY_SAME(steps({
            {"RPUSH", "l", big('a', 99)},
            {"RPUSH", "l", big('b', 100)}, // the threshold itself is large
            {"RPUSH", "l", big('c', 101)},
            {"RPUSH", "l", "x"},
            {"LPUSH", "l", "y"},
            {"LPUSH", "l", big('Z', 200)},
            {"LPUSH", "l", "y"},
            {"RPUSH", "l", "1", big('d'), "2", "3", big('e'), big('f')},
            {"LRANGE", "l", "0", "-1"},
            {"LINDEX", "l", "1"},
            {"LINDEX", "l", "-2"},
            {"LPOS", "l", big('d')},
            {"LPOS", "l", "y", "RANK", "-1"},
            {"OBJECT", "ENCODING", "l"},
            {"LPOP", "l", "2"},
            {"RPOP", "l", "3"},
            {"LTRIM", "l", "1", "-2"},
            {"LREM", "l", "0", big('c', 101)},
            {"LREM", "l", "-1", "x"},
            {"LRANGE", "l", "0", "-1"},
        }));
    }

    void linsertPlacesElementsAsRedis()
    {
        REDSCOPE_VERIFY_SAME(steps({
            {"RPUSH", "l", "a", "b", "c", "d", "e"},
            {"LINSERT", "l", "BEFORE", "c", big('X')}, // splits the packed node
            {"LINSERT", "l", "AFTER", big('X'), big('Y')},
            {"LINSERT", "l", "BEFORE", "a", big('H')},
            {"LINSERT", "l", "AFTER", "e", big('T')},
            {"LINSERT", "l", "AFTER", big('T'), "t"},
            {"LINSERT", "l", "BEFORE", big('H'), "h"},
            {"LINSERT", "l", "AFTER", big('H'), "h2"}, // joins the next node's head
            {"LINSERT", "l", "BEFORE", big('Y'), "y"}, // between two plain nodes: a new node
            {"LINSERT", "l", "AFTER", big('X'), "x"},
            {"LINSERT", "l", "AFTER", "b", "b2"}, // at a node's tail: stays in that node
            {"LINSERT", "l", "BEFORE", "c", "c0"},
            {"LRANGE", "l", "0", "-1"},
        }));
    }

    void lsetConvertsBetweenPlainAndPacked()
    {
        const std::vector<std::string> five = {"RPUSH", "l", "a", "b", "c", "d", "e"};
        REDSCOPE_VERIFY_SAME(steps({five,
                                    {"LSET", "l", "2", big('X')},
                                    {"LSET", "l", "2", big('Y', 200)},
                                    {"LSET", "l", "2", "small"},
                                    {"DEL", "l"},
                                    five,
                                    {"LSET", "l", "0", big('X')},
                                    {"DEL", "l"},
                                    five,
                                    {"LSET", "l", "4", big('X')},
                                    {"DEL", "l"},
                                    {"RPUSH", "l", "a", big('P'), "c"},
                                    {"LSET", "l", "1", "p"},
                                    {"DEL", "l"},
                                    {"RPUSH", "l", big('P'), big('Q'), big('R')},
                                    {"LSET", "l", "1", "q"},
                                    {"LSET", "l", "0", "p"},
                                    {"LSET", "l", "2", "r"},
                                    {"DEL", "l"},
                                    {"RPUSH", "l", big('P')},
                                    {"LSET", "l", "0", "p"},
                                    {"DEL", "l"},
                                    {"RPUSH", "l", big('P'), "a"},
                                    {"LSET", "l", "0", "p"},
                                    {"LRANGE", "l", "0", "-1"}}));
    }

    // Redis rewrites a packed element in place whatever the node's size becomes.
    void lsetGrowsAPackedNodePastItsLimit()
    {
        setThreshold("0");
        std::vector<std::string> push = {"RPUSH", "l"};
        for (int i = 0; i < 800; ++i)
            push.push_back("xxxxxxxx");
        REDSCOPE_VERIFY_SAME(steps({push,
                                    {"LSET", "l", "3", big('y', 500)},
                                    {"LSET", "l", "3", big('y', 9000)},
                                    {"LSET", "l", "3", "z"}}));
    }

    void randomEditsMatchRedis_data()
    {
        QTest::addColumn<int>("compressDepth");
        QTest::newRow("uncompressed") << 0;
        QTest::newRow("compress-depth 1") << 1;
    }

    void randomEditsMatchRedis()
    {
        QFETCH(int, compressDepth);
        both({"CONFIG", "SET", "list-compress-depth", std::to_string(compressDepth)});
        std::mt19937 random(20261207 + compressDepth);
        const auto pick = [&](int n) { return static_cast<int>(random() % n); };
        const auto element = [&]() -> std::string {
            const int kind = pick(10);
            if (kind < 3)
                return big(
                    "abcdefgh" [pick(8)], std::vector<size_t> { 99, 100, 120, 200 }[pick(4)]);
            if (kind < 4) return std::to_string(pick(100000) - 5);
            return std::vector<std::string>{"a", "b", "c", "x", "yy", "zz"}[pick(6)];
        };
        std::string mismatches;
        for (int round = 0; round < 25 && mismatches.empty(); ++round) {
            Script script = {{"DEL", "l"}};
            const int pushes = 1 + pick(12);
            for (int i = 0; i < pushes; ++i)
                script.push_back({pick(2) ? "RPUSH" : "LPUSH", "l", element()});
            mismatches += steps(script);
            for (int s = 0; s < 30 && mismatches.empty(); ++s) {
                const int length = std::stoi(redis().run({"LLEN", "l"}).substr(1));
                if (length == 0) break;
                const std::string index = std::to_string(pick(2 * length) - length);
                std::vector<std::string> args;
                switch (pick(9)) {
                case 0:
                case 1:
                    args = {"LSET", "l", index, element()};
                    break;
                case 2:
                case 3:
                    args = {"LINSERT", "l", pick(2) ? "BEFORE" : "AFTER",
                            bulkReply(redis(), {"LINDEX", "l", std::to_string(pick(length))}),
                            element()};
                    break;
                case 4:
                    args = {"LREM", "l", std::to_string(pick(5) - 2), element()};
                    break;
                case 5:
                    args = {pick(2) ? "LPOP" : "RPOP", "l"};
                    break;
                case 6:
                    args = {pick(2) ? "RPUSH" : "LPUSH", "l", element()};
                    break;
                case 7:
                    args = {"LPOS", "l", element(), "COUNT", "0"};
                    break;
                default:
                    args = {"LINDEX", "l", index};
                    break;
                }
                mismatches += step(args);
            }
        }
        REDSCOPE_VERIFY_SAME(mismatches);
    }

    void dumpPayloadsMoveBothWays()
    {
        for (const int depth : {0, 1}) {
            both({"CONFIG", "SET", "list-compress-depth", std::to_string(depth)});
            both({"DEL", "l"});
            both({"RPUSH", "l", "ab", big('c', 60), "12345", big('d', 101), "x", big('e', 300), "y",
                  big('f')});
            both({"LINSERT", "l", "AFTER", "x", big('g')});
            for (const bool fromRedis : {true, false}) {
                RedisTestClient &from = fromRedis ? redis() : ours();
                RedisTestClient &to = fromRedis ? ours() : redis();
                const std::string payload = bulkReply(from, {"DUMP", "l"});
                QCOMPARE(to.run({"RESTORE", "copy", "0", payload, "REPLACE"}), std::string("+OK"));
                QCOMPARE(bulkReply(to, {"DUMP", "copy"}), payload);
                QCOMPARE(quicklistFields(to, "copy"), quicklistFields(from, "l"));
                QCOMPARE(to.run({"LRANGE", "copy", "0", "-1"}),
                         from.run({"LRANGE", "l", "0", "-1"}));
                QCOMPARE(to.run({"DEBUG", "DIGEST-VALUE", "copy"}),
                         from.run({"DEBUG", "DIGEST-VALUE", "l"}));
            }
        }
    }

    // SAVE on one server; the file is loaded by a fresh server of each kind (whose threshold
    // is the default: plain nodes load as plain whatever it is, and lists take the loading
    // server's list-compress-depth), and both loaded lists must be alike and hold the source's
    // elements.
    void rdbFilesLoadBothWays()
    {
        both({"CONFIG", "SET", "list-compress-depth", "1"});
        both({"RPUSH", "l", "ab", big('c', 60), "12345", big('d', 101), "x", big('e', 300), "y"});
        both({"CONFIG", "SET", "list-compress-depth", "0"});
        both({"RPUSH", "m", big('p'), "1", "2", big('q'), "3"});
        for (const bool fromRedis : {true, false}) {
            TestServer &source = fromRedis ? m_pair.redis() : m_pair.ours();
            RedisTestClient &from = fromRedis ? redis() : ours();
            QCOMPARE(from.run({"SAVE"}), std::string("+OK"));
            const std::string file = source.directory() + "/dump.rdb";
            QVERIFY(std::filesystem::exists(file));
            std::vector<std::string> args = kDebugArgs;
            args.insert(args.end(), {"--dir", std::filesystem::path(file).parent_path().string(),
                                     "--dbfilename", "dump.rdb"});
            auto loadedOurs = TestServer::startRedscope(args);
            auto loadedRedis = TestServer::startRedis(args);
            QVERIFY2(loadedOurs->ok(), loadedOurs->error().c_str());
            QVERIFY2(loadedRedis->ok(), loadedRedis->error().c_str());
            RedisTestClient toOurs("127.0.0.1", loadedOurs->port());
            RedisTestClient toRedis("127.0.0.1", loadedRedis->port());
            for (const std::string key : {"l", "m"}) {
                const std::string what = (fromRedis ? "redis's RDB, " : "our RDB, ") + key;
                QVERIFY2(quicklistFields(toOurs, key) == quicklistFields(toRedis, key),
                         (what + "\n ours:  " + quicklistFields(toOurs, key) +
                          "\n redis: " + quicklistFields(toRedis, key))
                             .c_str());
                QVERIFY2(bulkReply(toOurs, {"DUMP", key}) == bulkReply(toRedis, {"DUMP", key}),
                         what.c_str());
                QCOMPARE(toOurs.run({"LRANGE", key, "0", "-1"}),
                         from.run({"LRANGE", key, "0", "-1"}));
                QCOMPARE(toOurs.run({"DEBUG", "DIGEST-VALUE", key}),
                         from.run({"DEBUG", "DIGEST-VALUE", key}));
            }
            loadedOurs->stop();
            loadedRedis->stop();
        }
    }

    // DEBUG LISTPACK and DEBUG QUICKLIST print on the server's stdout; redis-server's is
    // block-buffered into a file and flushed when it exits, so both servers stop first.
    void layoutDumpsMatchRedis()
    {
        const QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::string outputs[2];
        const Script script = {
            {"DEBUG", "QUICKLIST-PACKED-THRESHOLD", "100"},
            {"HSET", "h",
             "a",    "1000",
             "b",    "20000",
             "c",    "-5",
             "d",    "5000000",
             "e",    "3000000000",
             "f",    "-9000000000000000000",
             "g",    big('x', 40),
             "h",    big('y', 41),
             "i",    "",
             "k",    "0",
             "l",    "127",
             "m",    "128",
             "n",    "-4096",
             "o",    "4095",
             "p",    "-1",
             "q",    "007"},
            {"CONFIG", "SET", "hash-max-listpack-value", "10000"},
            {"HSET", "h2", "z", big('z', 5000), "w", big('w', 130), "v", big('v', 70)},
            {"ZADD", "z", "1", "a", "2.5", "b", "-3", "c", "1e20", "d", "0.1", "e"},
            {"RPUSH", "l", "a", "b", "1", "2", "300", big('P'), "c", big('Q', 100)},
            {"DEBUG", "LISTPACK", "h"},
            {"DEBUG", "LISTPACK", "h2"},
            {"DEBUG", "LISTPACK", "z"},
            {"DEBUG", "LISTPACK", "l"},
            {"DEBUG", "QUICKLIST", "l"},
            {"DEBUG", "QUICKLIST", "l", "1"},
            {"DEBUG", "QUICKLIST", "h"},
            {"DEBUG", "QUICKLIST", "nothing"},
            {"DEBUG", "QUICKLIST", "l", "1", "2"},
            {"CONFIG", "SET", "list-compress-depth", "1"},
            {"RPUSH", "c", "head", big('a', 60), "1", "2", "3", big('b', 200), "tail"},
            {"DEBUG", "QUICKLIST", "c"},
        };
        std::string replies[2];
        for (const bool isOurs : {true, false}) {
            const std::string path = dir.filePath(isOurs ? "ours.out" : "redis.out").toStdString();
            auto server = startWithStdout(isOurs, path);
            QVERIFY2(server->ok(), server->error().c_str());
            {
                RedisTestClient client("127.0.0.1", server->port());
                for (const auto &args : script)
                    replies[isOurs] += client.run(args) + "\n";
            }
            server->stop();
            outputs[isOurs] = maskAddresses(readFile(path));
        }
        QCOMPARE(replies[1], replies[0]);
        QVERIFY(outputs[0].find("{total bytes") != std::string::npos);
        // Redis prints a plain node's element as a C string with no terminator, so whatever
        // follows it in memory comes out too: its line must begin with ours.
        std::istringstream oursLines(outputs[1]), redisLines(outputs[0]);
        std::string mine, theirs;
        int line = 0;
        while (std::getline(oursLines, mine)) {
            ++line;
            QVERIFY2(std::getline(redisLines, theirs),
                     ("redis stopped at line " + std::to_string(line)).c_str());
            if (mine.starts_with("{ entry : ") && mine.ends_with(" }")) {
                QVERIFY2(
                    theirs.starts_with(mine.substr(0, mine.size() - 2)),
                    ("line " + std::to_string(line) + "\n ours:  " + mine + "\n redis: " + theirs)
                        .c_str());
                continue;
            }
            QVERIFY2(mine == theirs,
                     ("line " + std::to_string(line) + "\n ours:  " + mine + "\n redis: " + theirs)
                         .c_str());
        }
        QVERIFY2(!std::getline(redisLines, theirs), ("redis printed more: " + theirs).c_str());
    }
};

QTEST_GUILESS_MAIN(TestListPlainNodes)
#include "tst_list_plain_nodes.moc"
