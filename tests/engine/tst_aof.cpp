// AOF persistence against real processes: kill -9 under appendfsync always loses no
// acknowledged write, a torn tail is dropped (aof-load-truncated yes) or refused (no),
// BGREWRITEAOF then restart, the multi-part AOF directory moves both ways between
// redscope-server and Debian's redis-server 7.0, and a 200 MB AOF loads through a bounded
// buffer.
#include "persistence_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstring>
#include <fstream>

using namespace redscope::test;

namespace {

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Mixed writes in two dbs, including relative TTLs (propagated as absolute times).
std::vector<std::vector<std::string>> workload(int n)
{
    std::vector<std::vector<std::string>> cmds;
    for (int i = 0; i < n; ++i) {
        const std::string s = std::to_string(i);
        switch (i % 6) {
        case 0:
            cmds.push_back({"SET", "s" + s, "value" + s});
            break;
        case 1:
            cmds.push_back({"HSET", "h" + std::to_string(i % 10), "f" + s, s});
            break;
        case 2:
            cmds.push_back({"SADD", "set" + std::to_string(i % 7), "m" + s});
            break;
        case 3:
            cmds.push_back({"ZADD", "z", s + ".5", "m" + s});
            break;
        case 4:
            cmds.push_back({"EXPIRE", "s" + std::to_string(i - 4), "10000"});
            break;
        default:
            cmds.push_back({"DEL", "s" + std::to_string(i - 5 - 6)});
            break;
        }
    }
    return cmds;
}

// n bytes that no compression shrinks (xorshift from seed): an RDB of them is as big as they.
std::string noise(uint64_t seed, size_t n)
{
    std::string out(n, '\0');
    uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
    for (size_t i = 0; i < n; i += 8) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        std::memcpy(out.data() + i, &x, std::min<size_t>(8, n - i));
    }
    return out;
}

// About 200 MB for an AOF base: 170 strings of 1 MB that compress to nothing less, and
// 600 000 small writes of every type (TTLs far ahead), which a rewrite turns into many short
// commands (RPUSH, HMSET, SADD, ZADD, PEXPIREAT batches) or RDB records.
bool loadLargeDataset(Conn &c)
{
    std::vector<std::vector<std::string>> batch;
    auto flush = [&] {
        const bool ok = c.pipeline(batch) == batch.size();
        batch.clear();
        return ok;
    };
    for (int i = 0; i < 170; ++i) {
        batch.push_back({"SET", "big:" + std::to_string(i), noise(uint64_t(i), 1 << 20)});
        if (batch.size() == 8 && !flush()) return false;
    }
    const std::string pad(40, 'p');
    for (int i = 0; i < 600000; ++i) {
        const std::string n = std::to_string(i);
        switch (i % 5) {
        case 0:
            batch.push_back({"SET", "s:" + n, "value:" + n + pad});
            if (i % 10 == 0) batch.push_back({"EXPIRE", "s:" + n, "1000000"});
            break;
        case 1:
            batch.push_back({"RPUSH", "l:" + std::to_string(i % 2000), "item:" + n + pad});
            break;
        case 2:
            batch.push_back({"HSET", "h:" + std::to_string(i % 3000), "f:" + n, n + pad});
            break;
        case 3:
            batch.push_back({"SADD", "set:" + std::to_string(i % 1000), "m:" + n + pad});
            break;
        default:
            batch.push_back({"ZADD", "z:" + std::to_string(i % 500),
                             std::to_string(i % 977) + ".25", "m:" + n + pad});
            break;
        }
        if (batch.size() >= 5000 && !flush()) return false;
    }
    return flush();
}

std::string lastIncrFile(const std::string &dir)
{
    const std::string manifest = readFile(dir + "/appendonlydir/appendonly.aof.manifest");
    const size_t at = manifest.rfind("file ");
    const size_t end = manifest.find(' ', at + 5);
    return dir + "/appendonlydir/" + manifest.substr(at + 5, end - at - 5);
}

} // namespace

class TestAof : public QObject
{
    Q_OBJECT

private slots:
    void alwaysFsyncSurvivesKill9()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::string before;
        {
            auto server = TestServer::startRedscope(
                {"--dir", d, "--appendonly", "yes", "--appendfsync", "always"});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            // One request at a time: each reply is an acknowledgement.
            for (const auto &command : workload(600)) {
                const std::string reply = c.cmd(command);
                QVERIFY2(reply[0] != '-', reply.c_str());
            }
            QCOMPARE(c.cmd({"SELECT", "3"}), std::string("+OK"));
            QCOMPARE(c.cmd({"SET", "in3", "yes"}), std::string("+OK"));
            before = dumpDataset(c);
            QCOMPARE(c.info("aof_enabled"), std::string("1"));
            server->kill(SIGKILL);
        }
        auto server = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        QCOMPARE(dumpDataset(c), before);
        const long long ttl = std::stoll(c.cmd({"TTL", "s594"}));
        QVERIFY(ttl > 9900 && ttl <= 10000);
    }

    void everysecLosesAtMostAboutOneSecond()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        auto server = TestServer::startRedscope(
            {"--dir", d, "--appendonly", "yes", "--appendfsync", "everysec"});
        QVERIFY2(server->ok(), server->error().c_str());
        // Pipelined batches under load for ~2.5 s; each batch's replies acknowledge it.
        std::vector<std::chrono::steady_clock::time_point> ackedAt;
        {
            redisContext *ctx = redisConnect("127.0.0.1", server->port());
            QVERIFY(ctx && !ctx->err);
            const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(2500);
            int next = 0;
            while (std::chrono::steady_clock::now() < until) {
                for (int i = 0; i < 50; ++i, ++next)
                    redisAppendCommand(ctx, "SET seq:%d %d", next, next);
                for (int i = 0; i < 50; ++i) {
                    void *reply = nullptr;
                    QCOMPARE(redisGetReply(ctx, &reply), REDIS_OK);
                    freeReplyObject(reply);
                }
                const auto now = std::chrono::steady_clock::now();
                for (int i = 0; i < 50; ++i)
                    ackedAt.push_back(now);
            }
            server->kill(SIGKILL);
            redisFree(ctx);
        }
        const auto killedAt = std::chrono::steady_clock::now();
        server->stop();
        auto restarted = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
        QVERIFY2(restarted->ok(), restarted->error().c_str());
        Conn c(restarted->port());
        const long long kept = std::stoll(c.cmd({"DBSIZE"}));
        QVERIFY(kept > 0 && kept <= static_cast<long long>(ackedAt.size()));
        // What survived is a prefix of what was acknowledged (AOF order), ...
        QCOMPARE(c.cmd({"GET", "seq:" + std::to_string(kept - 1)}),
                 "\"" + std::to_string(kept - 1) + "\"");
        QCOMPARE(c.cmd({"EXISTS", "seq:" + std::to_string(kept)}), std::string("0"));
        // ... and nothing acknowledged more than about a second before the kill is lost.
        const auto lostWindow = std::chrono::duration_cast<std::chrono::milliseconds>(
                                    killedAt - ackedAt[static_cast<size_t>(kept - 1)])
                                    .count();
        qInfo("acknowledged %zu, recovered %lld, loss window %lld ms", ackedAt.size(), kept,
              static_cast<long long>(lostWindow));
        QVERIFY2(lostWindow <= 2000, std::to_string(lostWindow).c_str());
    }

    void truncatedTail()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::string before;
        {
            auto server = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            QCOMPARE(c.pipeline(workload(300)), size_t{300});
            before = dumpDataset(c);
            QCOMPARE(server->stop(), 0);
        }
        const std::string incr = lastIncrFile(d);
        const std::string intact = readFile(incr);
        QVERIFY(intact.size() > 1000);
        std::ofstream(incr, std::ios::binary | std::ios::app)
            << "*3\r\n$3\r\nSET\r\n$4\r\ntorn\r\n$5\r\nval";

        const RefusedStart refused = runExpectingFailure(
            TestServer::redscopeServerPath(),
            {"--port", QString::number(TestServer::freePort()), "--dir", QString::fromStdString(d),
             "--appendonly", "yes", "--aof-load-truncated", "no", "--save", ""});
        QVERIFY(refused.finished);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.standardError.find("Unexpected end of file") != std::string::npos,
                 refused.standardError.c_str());

        auto server = TestServer::startRedscope(
            {"--dir", d, "--appendonly", "yes", "--aof-load-truncated", "yes"});
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        QCOMPARE(dumpDataset(c), before);
        QCOMPARE(c.cmd({"EXISTS", "torn"}), std::string("0"));
        QCOMPARE(readFile(incr), intact); // the torn command was cut off the file
        // New writes continue cleanly after the cut.
        QCOMPARE(c.cmd({"SET", "after", "cut"}), std::string("+OK"));
        server->kill(SIGKILL);
        server->stop();
        auto again = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
        QVERIFY2(again->ok(), again->error().c_str());
        Conn c2(again->port());
        QCOMPARE(c2.cmd({"GET", "after"}), std::string("\"cut\""));

        // A corrupt (not merely truncated) command is refused even with truncation allowed.
        std::ofstream(lastIncrFile(d), std::ios::binary | std::ios::app) << "garbage\r\n";
        again->stop();
        const RefusedStart bad =
            runExpectingFailure(TestServer::redscopeServerPath(),
                                {"--port", QString::number(TestServer::freePort()), "--dir",
                                 QString::fromStdString(d), "--appendonly", "yes", "--save", ""});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.standardError.find("Bad file format") != std::string::npos,
                 bad.standardError.c_str());
    }

    void rewriteThenRestart()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::string before;
        {
            auto server = TestServer::startRedscope(
                {"--dir", d, "--appendonly", "yes", "--appendfsync", "always"});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            QCOMPARE(c.pipeline(workload(3000)), size_t{3000});
            QCOMPARE(c.cmd({"BGREWRITEAOF"}),
                     std::string("+Background append only file rewriting started"));
            // Writes during the rewrite land in the new incr file.
            QCOMPARE(c.pipeline(workload(600)), size_t{600});
            QVERIFY(waitFor([&] { return c.info("aof_rewrite_in_progress") == "0"; }));
            QCOMPARE(c.info("aof_last_bgrewrite_status"), std::string("ok"));
            QCOMPARE(c.info("aof_rewrites"), std::string("1"));
            QCOMPARE(c.cmd({"SET", "final", "write"}), std::string("+OK"));
            before = dumpDataset(c);
            server->kill(SIGKILL);
        }
        const std::string manifest = readFile(d + "/appendonlydir/appendonly.aof.manifest");
        QCOMPARE(manifest, std::string("file appendonly.aof.2.base.rdb seq 2 type b\n"
                                       "file appendonly.aof.2.incr.aof seq 2 type i\n"));
        QVERIFY(!std::filesystem::exists(d + "/appendonlydir/appendonly.aof.1.base.rdb"));
        QVERIFY(!std::filesystem::exists(d + "/appendonlydir/appendonly.aof.1.incr.aof"));
        auto server = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        QCOMPARE(dumpDataset(c), before);
    }

    void redisLoadsOurAofDirectory()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::string ours;
        {
            auto server = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            QCOMPARE(c.pipeline(workload(500)), size_t{500});
            QCOMPARE(c.cmd({"BGREWRITEAOF"}),
                     std::string("+Background append only file rewriting started"));
            QVERIFY(waitFor([&] { return c.info("aof_rewrite_in_progress") == "0"; }));
            QCOMPARE(c.pipeline(workload(200)), size_t{200}); // base + incr both matter
            ours = dumpDataset(c);
            QCOMPARE(server->stop(), 0);
        }
        QTemporaryDir rdir;
        const std::string rd = rdir.path().toStdString();
        std::filesystem::copy(d + "/appendonlydir", rd + "/appendonlydir");
        auto redis = TestServer::startRedis({"--dir", rd, "--appendonly", "yes"});
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        QCOMPARE(dumpDataset(rc), ours);
    }

    void weLoadRedisAofDirectory()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::string theirs;
        {
            auto redis = TestServer::startRedis({"--dir", d, "--appendonly", "yes"});
            QVERIFY2(redis->ok(), redis->error().c_str());
            Conn rc(redis->port());
            QCOMPARE(rc.pipeline(workload(500)), size_t{500});
            QCOMPARE(rc.cmd({"BGREWRITEAOF"}),
                     std::string("+Background append only file rewriting started"));
            QVERIFY(waitFor([&] { return rc.info("aof_rewrite_in_progress") == "0"; }));
            QCOMPARE(rc.pipeline(workload(200)), size_t{200});
            // A transaction: Redis writes MULTI ... EXEC into the incr file.
            QCOMPARE(
                rc.pipeline({{"MULTI"}, {"SET", "tx1", "a"}, {"SADD", "txset", "b"}, {"EXEC"}}),
                size_t{4});
            QCOMPARE(rc.cmd({"SELECT", "2"}), std::string("+OK"));
            QCOMPARE(rc.cmd({"SET", "in2", "x", "EX", "5000"}), std::string("+OK"));
            theirs = dumpDataset(rc);
            QCOMPARE(redis->stop(), 0);
        }
        QVERIFY(readFile(lastIncrFile(d)).find("MULTI") != std::string::npos);
        auto server = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        QCOMPARE(dumpDataset(c), theirs);
        // We keep appending to Redis's incr file; Redis reads the result back.
        QCOMPARE(c.cmd({"SET", "from", "redscope"}), std::string("+OK"));
        const std::string merged = dumpDataset(c);
        QCOMPARE(server->stop(), 0);
        auto redis = TestServer::startRedis({"--dir", d, "--appendonly", "yes"});
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        QCOMPARE(dumpDataset(rc), merged);
    }

    void appendonlySwitchedOnAtRuntime()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        auto server = TestServer::startRedscope({"--dir", d});
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        QCOMPARE(c.pipeline(workload(300)), size_t{300});
        QCOMPARE(c.cmd({"CONFIG", "SET", "appendonly", "yes"}), std::string("+OK"));
        QVERIFY(waitFor([&] {
            return c.info("aof_enabled") == "1" && c.info("aof_rewrite_in_progress") == "0" &&
                   std::filesystem::exists(d + "/appendonlydir/appendonly.aof.manifest");
        }));
        QCOMPARE(c.cmd({"SET", "later", "1"}), std::string("+OK"));
        const std::string before = dumpDataset(c);
        server->kill(SIGKILL);
        server->stop();
        auto again = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
        QVERIFY2(again->ok(), again->error().c_str());
        Conn c2(again->port());
        QCOMPARE(dumpDataset(c2), before);
    }

    // A multi-part AOF whose base is about 200 MB, written by redis-server with and without
    // the RDB preamble, plus an incr file (a 3 MB string, a transaction, another db), loads
    // at start-up and through DEBUG LOADAOF through 1 MB buffers: the peak RSS (VmHWM) over
    // the RSS once loaded stays far below the file, where reading each file whole added all
    // of it (AOF base of 200 MB: 200 MB). The data equals redis-server's (DEBUG DIGEST), and
    // the time from exec to the first PONG is printed beside redis-server's on the same files.
    void startUpStreamsTheAofFiles_data()
    {
        QTest::addColumn<bool>("preamble");
        QTest::newRow("rdb preamble") << true;
        QTest::newRow("aof base") << false;
    }
    void startUpStreamsTheAofFiles()
    {
        QFETCH(bool, preamble);
        QTemporaryDir dir, copy;
        const std::string d = dir.path().toStdString(), d2 = copy.path().toStdString();
        const std::vector<std::string> common{"--appendonly",
                                              "yes",
                                              "--enable-debug-command",
                                              "yes",
                                              "--aof-use-rdb-preamble",
                                              preamble ? "yes" : "no",
                                              "--auto-aof-rewrite-percentage",
                                              "0"};
        auto withDir = [&](const std::string &at, std::vector<std::string> args) {
            args.insert(args.end(), {"--dir", at});
            return args;
        };
        std::string digest;
        uint64_t baseBytes = 0;
        {
            // rdbcompression off: the preamble is as big as the data, like the plain base.
            std::vector<std::string> args = withDir(d, common);
            args.insert(args.end(), {"--rdbcompression", "no"});
            auto redis = TestServer::startRedis(args);
            QVERIFY2(redis->ok(), redis->error().c_str());
            Conn rc(redis->port());
            QVERIFY(loadLargeDataset(rc));
            QCOMPARE(rc.cmd({"BGREWRITEAOF"}),
                     std::string("+Background append only file rewriting started"));
            QVERIFY(waitFor([&] { return rc.info("aof_rewrite_in_progress") == "0"; }, 120000));
            QCOMPARE(rc.info("aof_last_bgrewrite_status"), std::string("ok"));
            QCOMPARE(rc.pipeline({{"SET", "incr:big", noise(999, 3 << 20)},
                                  {"MULTI"},
                                  {"INCR", "counter"},
                                  {"DEL", "s:5"},
                                  {"EXEC"},
                                  {"SELECT", "3"},
                                  {"SET", "in3", "x"}}),
                     size_t{7});
            digest = rc.cmd({"DEBUG", "DIGEST"});
            QCOMPARE(redis->stop(), 0);
        }
        for (const auto &entry : std::filesystem::directory_iterator(d + "/appendonlydir"))
            if (entry.path().filename().string().find(".base.") != std::string::npos) {
                QCOMPARE(entry.path().extension().string(),
                         std::string(preamble ? ".rdb" : ".aof"));
                baseBytes = entry.file_size();
            }
        QVERIFY2(baseBytes > 190u << 20, std::to_string(baseBytes).c_str());
        std::filesystem::copy(d + "/appendonlydir", d2 + "/appendonlydir");

        struct Seen
        {
            int64_t startupMs = -1, startupOverheadKb = -1, loadedKb = -1, reloadOverheadKb = -1;
            std::string digest, reloadDigest;
        };
        auto startAndWatch = [&](bool ours, const std::string &at) {
            Seen seen;
            const auto started = std::chrono::steady_clock::now();
            auto server = ours ? TestServer::startRedscope(withDir(at, common))
                               : TestServer::startRedis(withDir(at, common));
            if (!server->ok()) {
                qWarning("%s", server->error().c_str());
                return seen;
            }
            seen.startupMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - started)
                                 .count();
            Conn c(server->port());
            seen.digest = c.cmd({"DEBUG", "DIGEST"});
            const auto [rss, peak] = rssAndPeakKb(server->pid());
            seen.startupOverheadKb = peak - rss;
            seen.loadedKb = rss;
            // DEBUG LOADAOF empties the dataset, then loads the files again.
            const std::string reloaded = c.cmd({"DEBUG", "LOADAOF"});
            if (reloaded != "+OK") {
                qWarning("DEBUG LOADAOF: %s", reloaded.c_str());
                return seen;
            }
            seen.reloadDigest = c.cmd({"DEBUG", "DIGEST"});
            const auto [rss2, peak2] = rssAndPeakKb(server->pid());
            seen.reloadOverheadKb = peak2 - rss2;
            return seen;
        };
        const Seen ours = startAndWatch(true, d);
        const Seen theirs = startAndWatch(false, d2);
        qInfo("AOF base of %llu MB (%s): start-up to PONG engine %lld ms, redis-server %lld ms; "
              "peak RSS over loaded RSS engine %lld kB, redis-server %lld kB (loaded engine %lld "
              "kB, redis-server %lld kB); after DEBUG LOADAOF engine %lld kB, redis-server %lld kB",
              static_cast<unsigned long long>(baseBytes >> 20), preamble ? "rdb preamble" : "aof",
              static_cast<long long>(ours.startupMs), static_cast<long long>(theirs.startupMs),
              static_cast<long long>(ours.startupOverheadKb),
              static_cast<long long>(theirs.startupOverheadKb),
              static_cast<long long>(ours.loadedKb), static_cast<long long>(theirs.loadedKb),
              static_cast<long long>(ours.reloadOverheadKb),
              static_cast<long long>(theirs.reloadOverheadKb));
        QCOMPARE(ours.digest, digest);
        QCOMPARE(ours.reloadDigest, digest);
        QCOMPARE(theirs.digest, digest);
        QVERIFY(ours.startupOverheadKb >= 0 && ours.reloadOverheadKb >= 0);
#if !defined(__SANITIZE_ADDRESS__)
        // The RSS bounds hold in the release build, which make test runs first. Under
        // AddressSanitizer freed blocks wait in its quarantine (256 MB) instead of being
        // reused, so the dataset that DEBUG LOADAOF drops still counts while the new one
        // loads (a CI run saw 234 MB): the sanitizer run checks the loads' memory safety and
        // digests above, not their footprint.
        QVERIFY2(ours.startupOverheadKb < 50 * 1024,
                 std::to_string(ours.startupOverheadKb).c_str());
        QVERIFY2(ours.reloadOverheadKb < 50 * 1024, std::to_string(ours.reloadOverheadKb).c_str());
#endif
        // The reference: redis-server streams the files too.
        QVERIFY(theirs.startupOverheadKb >= 0 && theirs.startupOverheadKb < 50 * 1024);
    }

    // Found writing fuzz_aof (seed: tests/fuzz/corpus/aof/regression-subscribe-in-aof): a file
    // holding SUBSCRIBE/PSUBSCRIBE/WATCH/BLPOP left the stack-allocated replay client
    // registered as a subscriber (PUBLISH then wrote into freed memory) and in pub/sub mode,
    // so every later write of the file was refused. Redis never writes these commands, but
    // loads such a file; both servers must end with the same data and no subscriber.
    void subscribeInAofDoesNotOutliveReplay()
    {
        auto command = [](const std::vector<std::string> &argv) {
            std::string out = "*" + std::to_string(argv.size()) + "\r\n";
            for (const auto &a : argv)
                out += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
            return out;
        };
        const std::string incr = command({"SUBSCRIBE", "ch"}) + command({"PSUBSCRIBE", "*"}) +
                                 command({"WATCH", "k"}) + command({"BLPOP", "list", "0"}) +
                                 command({"SET", "k", "v"}) + command({"RPUSH", "list", "a"});
        std::string datasets[2];
        for (int which = 0; which < 2; ++which) {
            QTemporaryDir dir;
            const std::string d = dir.path().toStdString();
            std::filesystem::create_directory(d + "/appendonlydir");
            std::ofstream(d + "/appendonlydir/appendonly.aof.manifest")
                << "file appendonly.aof.1.incr.aof seq 1 type i\n";
            std::ofstream(d + "/appendonlydir/appendonly.aof.1.incr.aof", std::ios::binary) << incr;
            const std::vector<std::string> args{"--dir", d, "--appendonly", "yes"};
            auto server =
                which == 0 ? TestServer::startRedscope(args) : TestServer::startRedis(args);
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            QCOMPARE(c.cmd({"GET", "k"}), std::string("\"v\""));
            QCOMPARE(c.cmd({"LRANGE", "list", "0", "-1"}), std::string("[\"a\"]"));
            QCOMPARE(c.cmd({"PUBLISH", "ch", "hello"}), std::string("0"));
            QCOMPARE(c.cmd({"PUBSUB", "NUMPAT"}), std::string("0"));
            datasets[which] = dumpDataset(c);
        }
        QCOMPARE(datasets[0], datasets[1]);
    }
};

QTEST_GUILESS_MAIN(TestAof)
#include "tst_aof.moc"
