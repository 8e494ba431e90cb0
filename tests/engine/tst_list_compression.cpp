// list-compress-depth side by side with Debian's redis-server (issue 21): both servers run
// with the same depth (1 and 2) and small listpack nodes, so most of a list's nodes are held
// LZF-compressed. Checked: every list command's replies over random workloads (our own
// compressible one and the differential generator's "lists" family), DEBUG OBJECT's ql_*
// figures, MEMORY USAGE of a long compressible list (well below the uncompressed list's, and
// near redis-server's), and RDB files both ways with the compressed nodes in them.
#include "command_generator.h"
#include "diff_session.h"
#include "redis_test_client.h"
#include "test_server.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace redscope::test;

namespace {

// Same settings on both servers: the depth, 16-element nodes (many nodes per list even for
// the generator's short lists), DEBUG allowed.
std::vector<std::string> serverArgs(int depth, const std::vector<std::string> &more = {})
{
    std::vector<std::string> args{"--list-compress-depth",    std::to_string(depth),
                                  "--list-max-listpack-size", "16",
                                  "--enable-debug-command",   "yes"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

// DEBUG OBJECT's "name:value" fields.
std::map<std::string, std::string> debugFields(RedisTestClient &client, const std::string &key)
{
    std::string text = client.run({"DEBUG", "OBJECT", key});
    std::map<std::string, std::string> fields;
    size_t at = 0;
    while (at < text.size()) {
        size_t end = text.find(' ', at);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(at, end - at);
        const size_t colon = word.find(':');
        if (colon != std::string::npos) fields[word.substr(0, colon)] = word.substr(colon + 1);
        at = end + 1;
    }
    return fields;
}

int64_t integerReply(RedisTestClient &client, const std::vector<std::string> &args)
{
    const std::string text = client.run(args);
    return text.size() > 1 && text[0] == ':' ? std::stoll(text.substr(1)) : -1;
}

// An element that compresses like real data: a few shapes, repeated words, varying lengths.
std::string compressibleElement(std::mt19937 &rng)
{
    static const char *words[] = {"user", "session", "active", "order", "paid", "item"};
    std::string out = words[rng() % 6];
    out += ':' + std::to_string(rng() % 50);
    const size_t pad = rng() % 5 == 0 ? 60 + rng() % 200 : rng() % 30;
    out += ':' + std::string(pad, static_cast<char>('a' + rng() % 3));
    return out;
}

// RPUSHes `count` elements in batches, the same on every client.
void fillList(const std::vector<RedisTestClient *> &clients, const std::string &key, size_t count,
              uint32_t seed)
{
    std::mt19937 rng(seed);
    std::vector<std::string> batch{"RPUSH", key};
    for (size_t i = 0; i < count; ++i) {
        batch.push_back(compressibleElement(rng));
        if (batch.size() == 502 || i + 1 == count) {
            for (RedisTestClient *client : clients)
                client->run(batch);
            batch.resize(2);
        }
    }
}

} // namespace

class TestListCompression : public QObject
{
    Q_OBJECT

private slots:
    void randomWorkloadMatchesRedis_data()
    {
        QTest::addColumn<int>("depth");
        QTest::newRow("depth 1") << 1;
        QTest::newRow("depth 2") << 2;
    }

    // Our compressible workload over a few long lists: pushes (often many at once), pops
    // with counts, index reads and writes, inserts, removals, trims, ranges, LPOS, moves.
    void randomWorkloadMatchesRedis()
    {
        QFETCH(int, depth);
        auto redis = TestServer::startRedis(serverArgs(depth));
        auto ours = TestServer::startRedscope(serverArgs(depth));
        QVERIFY2(redis->ok(), redis->error().c_str());
        QVERIFY2(ours->ok(), ours->error().c_str());
        diff::Session session("127.0.0.1", redis->port(), ours->port());
        QVERIFY2(session.ok(), session.error().c_str());
        std::mt19937 rng(static_cast<uint32_t>(1000 + depth));
        auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
        const std::vector<std::string> keys{"l0", "l1", "l2"};
        auto key = [&] { return keys[pick(keys.size())]; };
        auto index = [&] {
            const int64_t magnitude = static_cast<int64_t>(pick(4) == 0 ? pick(20) : pick(900));
            return std::to_string(pick(3) == 0 ? -magnitude - 1 : magnitude);
        };
        std::vector<std::string> seen; // elements pushed, for LREM/LINSERT/LPOS pivots
        auto known = [&] { return seen.empty() ? std::string("none") : seen[pick(seen.size())]; };
        for (int step = 0; step < 6000; ++step) {
            std::vector<std::string> argv;
            switch (pick(14)) {
            case 0:
            case 1:
            case 2: {
                argv = {pick(2) ? "RPUSH" : "LPUSH", key()};
                const size_t n = pick(4) == 0 ? 50 + pick(200) : 1 + pick(5);
                for (size_t i = 0; i < n; ++i) {
                    argv.push_back(compressibleElement(rng));
                    if (pick(20) == 0) seen.push_back(argv.back());
                }
                break;
            }
            case 3:
                argv = {pick(2) ? "LPOP" : "RPOP", key()};
                if (pick(2)) argv.push_back(std::to_string(pick(40)));
                break;
            case 4:
                argv = {"LINDEX", key(), index()};
                break;
            case 5:
                argv = {"LSET", key(), index(), pick(2) ? compressibleElement(rng) : "x"};
                break;
            case 6:
                argv = {"LINSERT", key(), pick(2) ? "BEFORE" : "AFTER", known(),
                        compressibleElement(rng)};
                break;
            case 7:
                argv = {"LREM", key(), std::to_string(static_cast<int>(pick(7)) - 3), known()};
                break;
            case 8:
                if (pick(6) == 0)
                    argv = {"LTRIM", key(), index(), index()};
                else
                    argv = {"LLEN", key()};
                break;
            case 9:
            case 10:
                argv = {"LRANGE", key(), index(), index()};
                break;
            case 11:
                argv = {"LPOS", key(), known(), "RANK", pick(2) ? "1" : "-2", "COUNT", "3"};
                break;
            case 12:
                argv = {"LMOVE", key(), key(), pick(2) ? "LEFT" : "RIGHT",
                        pick(2) ? "LEFT" : "RIGHT"};
                break;
            default:
                argv = {"LRANGE", key(), "0", "-1"};
                break;
            }
            if (!session.run(argv)) QFAIL(session.report().c_str());
            if (step % 500 == 499 && !session.verifyDatasets()) QFAIL(session.report().c_str());
        }
        QVERIFY2(session.verifyDatasets(), session.report().c_str());
        // The workload did build lists with compressed nodes (more than 2*depth nodes).
        RedisTestClient client("127.0.0.1", ours->port());
        size_t mostNodes = 0;
        for (const std::string &k : keys) {
            const auto fields = debugFields(client, k);
            if (fields.count("ql_nodes"))
                mostNodes = std::max<size_t>(mostNodes, std::stoul(fields.at("ql_nodes")));
        }
        QVERIFY2(mostNodes > static_cast<size_t>(2 * depth + 4), std::to_string(mostNodes).c_str());
    }

    // The differential generator's "lists" family against compressed lists.
    void generatorListsFamilyMatchesRedis()
    {
        auto redis = TestServer::startRedis(serverArgs(1));
        auto ours = TestServer::startRedscope(serverArgs(1));
        QVERIFY2(redis->ok(), redis->error().c_str());
        QVERIFY2(ours->ok(), ours->error().c_str());
        diff::Session session("127.0.0.1", redis->port(), ours->port());
        QVERIFY2(session.ok(), session.error().c_str());
        diff::Generator generator("lists", 20261207, session.commandsToExercise());
        session.setContext("generator family lists, seed 20261207, list-compress-depth 1");
        for (int i = 0; i < 3000; ++i) {
            if (!session.run(generator.next())) QFAIL(session.report().c_str());
            if (i % 250 == 249 && !session.verifyDatasets()) QFAIL(session.report().c_str());
        }
        session.run({"DISCARD"});
        QVERIFY2(session.verifyDatasets(), session.report().c_str());
    }

    void debugObjectAndMemoryUsage_data()
    {
        QTest::addColumn<int>("depth");
        QTest::newRow("depth 1") << 1;
        QTest::newRow("depth 2") << 2;
    }

    // A long compressible list: DEBUG OBJECT's quicklist figures as redis-server's, MEMORY
    // USAGE (every node sampled) well below the same list uncompressed and within 25% of
    // redis-server's.
    void debugObjectAndMemoryUsage()
    {
        QFETCH(int, depth);
        // Default node size here (-2, 8 KiB nodes), as a list usually has.
        const std::vector<std::string> args{"--list-compress-depth", std::to_string(depth),
                                            "--enable-debug-command", "yes"};
        auto redisServer = TestServer::startRedis(args);
        auto oursServer = TestServer::startRedscope(args);
        QVERIFY2(redisServer->ok(), redisServer->error().c_str());
        QVERIFY2(oursServer->ok(), oursServer->error().c_str());
        RedisTestClient ours("127.0.0.1", oursServer->port());
        RedisTestClient redis("127.0.0.1", redisServer->port());
        fillList({&ours, &redis}, "long", 100000, 7);
        const auto oursFields = debugFields(ours, "long");
        const auto redisFields = debugFields(redis, "long");
        // Node boundaries are Redis's (the nodes weigh the listpack Redis would hold), so the
        // quicklist figures are the same text.
        for (const char *field : {"ql_nodes", "ql_avg_node", "ql_uncompressed_size",
                                  "ql_listpack_max", "ql_compressed"}) {
            QVERIFY2(oursFields.count(field), field);
            QVERIFY2(oursFields.at(field) == redisFields.at(field),
                     (std::string(field) + ": ours " + oursFields.at(field) + ", redis " +
                      redisFields.at(field))
                         .c_str());
        }
        QCOMPARE(oursFields.at("ql_compressed"), std::string("1"));

        const int64_t oursBytes = integerReply(ours, {"MEMORY", "USAGE", "long", "SAMPLES", "0"});
        const int64_t redisBytes = integerReply(redis, {"MEMORY", "USAGE", "long", "SAMPLES", "0"});
        // The same list made while the depth is 0 is held raw.
        ours.run({"CONFIG", "SET", "list-compress-depth", "0"});
        fillList({&ours}, "raw", 100000, 7);
        QCOMPARE(debugFields(ours, "raw").at("ql_compressed"), std::string("0"));
        const int64_t rawBytes = integerReply(ours, {"MEMORY", "USAGE", "raw", "SAMPLES", "0"});
        const QString figures = QString("ours %1, redis %2, ours uncompressed %3")
                                    .arg(oursBytes)
                                    .arg(redisBytes)
                                    .arg(rawBytes);
        qInfo("MEMORY USAGE, depth %d: %s", depth, qPrintable(figures));
        QVERIFY2(oursBytes > 0 && redisBytes > 0 && rawBytes > 0, qPrintable(figures));
        QVERIFY2(oursBytes * 2 < rawBytes, qPrintable(figures));
        QVERIFY2(std::abs(static_cast<double>(oursBytes - redisBytes)) < 0.25 * redisBytes,
                 qPrintable(figures));
        // Reads in the compressed middle, then the list is as it was.
        QCOMPARE(ours.run({"LRANGE", "long", "50000", "50100"}),
                 redis.run({"LRANGE", "long", "50000", "50100"}));
        QCOMPARE(ours.run({"LRANGE", "long", "0", "-1"}), ours.run({"LRANGE", "raw", "0", "-1"}));
    }

    void rdbBothWays_data()
    {
        QTest::addColumn<QString>("rdbcompression");
        QTest::newRow("rdbcompression yes") << "yes";
        // Off: only the compressed nodes are LZF blobs in the file.
        QTest::newRow("rdbcompression no") << "no";
    }

    // redis-server's file (compressed quicklist nodes) loads in redscope-server with the same
    // list, compressed again there; our file loads back in redis-server.
    void rdbBothWays()
    {
        QFETCH(QString, rdbcompression);
        QTemporaryDir redisDir, oursDir, backDir;
        const std::vector<std::string> extra{"--rdbcompression", rdbcompression.toStdString()};
        std::string original;
        uintmax_t redisSize = 0;
        {
            auto redisServer = TestServer::startRedis(serverArgs(1, extra));
            QVERIFY2(redisServer->ok(), redisServer->error().c_str());
            RedisTestClient redis("127.0.0.1", redisServer->port());
            fillList({&redis}, "long", 30000, 11);
            redis.run({"RPUSH", "short", "a", "b"});
            original = redis.run({"LRANGE", "long", "0", "-1"});
            QCOMPARE(redis.run({"SAVE"}), std::string("+OK"));
            std::filesystem::copy_file(redisServer->directory() + "/dump.rdb",
                                       oursDir.path().toStdString() + "/dump.rdb");
            redisSize = std::filesystem::file_size(redisServer->directory() + "/dump.rdb");
        }
        {
            auto oursServer = TestServer::startRedscope(
                serverArgs(1, {"--dir", oursDir.path().toStdString(), "--rdbcompression",
                               rdbcompression.toStdString()}));
            QVERIFY2(oursServer->ok(), oursServer->error().c_str());
            RedisTestClient ours("127.0.0.1", oursServer->port());
            QCOMPARE(ours.run({"LRANGE", "long", "0", "-1"}), original);
            QCOMPARE(ours.run({"LRANGE", "short", "0", "-1"}), std::string("*[$a,$b]"));
            const auto fields = debugFields(ours, "long");
            QCOMPARE(fields.at("ql_compressed"), std::string("1"));
            QCOMPARE(ours.run({"SAVE"}), std::string("+OK"));
            std::filesystem::copy_file(oursDir.path().toStdString() + "/dump.rdb",
                                       backDir.path().toStdString() + "/dump.rdb");
        }
        auto redisBack =
            TestServer::startRedis(serverArgs(1, {"--dir", backDir.path().toStdString()}));
        QVERIFY2(redisBack->ok(), redisBack->error().c_str());
        RedisTestClient redis("127.0.0.1", redisBack->port());
        QCOMPARE(redis.run({"LRANGE", "long", "0", "-1"}), original);
        // Our file holds the compressed nodes as LZF blobs like redis-server's: about as big.
        const auto ourSize = std::filesystem::file_size(backDir.path().toStdString() + "/dump.rdb");
        qInfo("RDB bytes, rdbcompression %s: ours %zu, redis %zu", qPrintable(rdbcompression),
              static_cast<size_t>(ourSize), static_cast<size_t>(redisSize));
        QVERIFY(ourSize < redisSize * 5 / 4);
    }
};

QTEST_GUILESS_MAIN(TestListCompression)
#include "tst_list_compression.moc"
