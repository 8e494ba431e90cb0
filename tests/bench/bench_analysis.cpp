// Memory analysis benchmark (issue 26). Figures, as `BENCH <name> <value> <unit>` lines:
//   analysis.offline_10m.time_s       walk and report a 10M-key dump.rdb of mixed types
//   analysis.offline_10m.peak_rss_mb  peak RSS of the process that did it (a forked child,
//                                     so the generator's memory does not count)
//   analysis.live_1m.time_s           a live scan of 1M keys at the default rate
//   analysis.live_1m.p99_ratio        the server's GET p99 (a separate client looping on GET)
//                                     during the scan over its idle p99
// The datasets are generated first, outside the timed parts: redis-server with DEBUG POPULATE
// for strings plus pipelined writes for hashes, sets, sorted sets, lists and expiries, then
// SAVE. Offline runs REDSCOPE_BENCH_REPEAT times (default 3) and prints the median.
// REDSCOPE_BENCH_KEYS scales both datasets (default 10M offline, a tenth of it live).
#include "analysis/live_analysis.h"
#include "analysis/offline_analysis.h"
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>
#include <vector>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

namespace {

long envLong(const char *name, long fallback)
{
    const char *v = std::getenv(name);
    return v && *v ? std::atol(v) : fallback;
}

// A keyspace of mixed types: 60% strings (DEBUG POPULATE), then hashes, sets, sorted sets,
// lists in equal parts, a third of every type with an expiry.
bool fill(TestServer &server, long keys)
{
    RedisTestClient c("127.0.0.1", server.port());
    if (!c.connected()) return false;
    const long strings = keys * 6 / 10;
    // Slow commands go on a connection without the test client's read timeout.
    redscope::test::sendRawCommand(
        server.port(), {"DEBUG", "POPULATE", std::to_string(strings), "key", "24"}, 600000);
    std::mt19937 rng(26);
    long pending = 0;
    auto send = [&](const std::vector<std::string> &args) {
        c.append(args);
        if (++pending == 2000)
            for (; pending; --pending)
                c.readReply();
    };
    const long rest = keys - strings;
    for (long i = 0; i < rest; ++i) {
        const std::string id = std::to_string(i);
        switch (i % 4) {
        case 0:
            send({"HSET", "user:" + id, "name", "n" + id, "email", "e" + id + "@example.com",
                  "visits", std::to_string(rng() % 1000)});
            break;
        case 1:
            send({"SADD", "tags:" + id, std::to_string(rng() % 100), std::to_string(rng() % 1000),
                  std::to_string(rng() % 10000), "t" + std::to_string(rng() % 50)});
            break;
        case 2:
            send({"ZADD", "rank:" + id, std::to_string(rng() % 1000), "a",
                  std::to_string(rng() % 1000), "b", std::to_string(rng() % 1000), "c"});
            break;
        case 3:
            send({"RPUSH", "queue:" + id, "job" + id, "job" + std::to_string(i + 1), "x"});
            break;
        }
        if (i % 3 == 0)
            send({"EXPIRE",
                  (i % 4 == 0   ? "user:"
                   : i % 4 == 1 ? "tags:"
                   : i % 4 == 2 ? "rank:"
                                : "queue:") +
                      id,
                  std::to_string(3600 + rng() % 86400)});
    }
    for (; pending; --pending)
        c.readReply();
    return true;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

// GET round trips from a client of its own for as long as `run` is set.
std::vector<double> getLatencies(int port, const std::atomic<bool> &run, long keys)
{
    std::vector<double> out;
    RedisTestClient c("127.0.0.1", port);
    std::mt19937 rng(1);
    while (run.load()) {
        const auto t0 = std::chrono::steady_clock::now();
        c.run({"GET", "key:" + std::to_string(rng() % keys)});
        out.push_back(
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0)
                .count());
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    return out;
}

void offline(long keys, int repeat)
{
    auto server = TestServer::startRedis({"--enable-debug-command", "yes"});
    if (!server || !server->ok()) {
        std::printf("cannot start redis-server\n");
        return;
    }
    QElapsedTimer gen;
    gen.start();
    fill(*server, keys);
    redscope::test::sendRawCommand(server->port(), {"SAVE"}, 600000);
    RedisTestClient c("127.0.0.1", server->port());
    const std::string rdb = server->directory() + "/dump.rdb";
    std::printf("# offline dataset: %s keys, %s, generated in %.1f s\n", c.run({"DBSIZE"}).c_str(),
                rdb.c_str(), double(gen.elapsed()) / 1000.0);
    server->stop(); // its memory is not ours, but the machine is small
    std::vector<double> times, rss;
    for (int i = 0; i < repeat; ++i) {
        int pipefd[2];
        if (pipe(pipefd) != 0) return;
        const pid_t child = fork();
        if (child == 0) {
            close(pipefd[0]);
            AnalysisReport report;
            QString error;
            QElapsedTimer t;
            t.start();
            const bool ok =
                OfflineAnalysis::analyse(QString::fromStdString(rdb), {}, &report, &error);
            const double seconds = double(t.elapsed()) / 1000.0;
            rusage usage{};
            getrusage(RUSAGE_SELF, &usage);
            char line[200];
            const int n = std::snprintf(line, sizeof line, "%d %.3f %.1f %llu %llu", ok ? 1 : 0,
                                        seconds, double(usage.ru_maxrss) / 1024.0,
                                        static_cast<unsigned long long>(report.totals.keys),
                                        static_cast<unsigned long long>(report.totals.bytes));
            (void)!write(pipefd[1], line, size_t(n));
            _exit(0);
        }
        close(pipefd[1]);
        char line[200] = {};
        (void)!read(pipefd[0], line, sizeof line - 1);
        close(pipefd[0]);
        waitpid(child, nullptr, 0);
        int ok = 0;
        double seconds = 0, peak = 0;
        unsigned long long reportKeys = 0, bytes = 0;
        std::sscanf(line, "%d %lf %lf %llu %llu", &ok, &seconds, &peak, &reportKeys, &bytes);
        std::printf("# run %d: ok %d, %.2f s, peak RSS %.1f MB, %llu keys, %.1f MB modelled\n",
                    i + 1, ok, seconds, peak, reportKeys, double(bytes) / 1e6);
        times.push_back(seconds);
        rss.push_back(peak);
    }
    std::printf("BENCH analysis.offline_10m.time_s %.2f s\n", percentile(times, 0.5));
    std::printf("BENCH analysis.offline_10m.peak_rss_mb %.1f MB\n", percentile(rss, 0.5));
    std::fflush(stdout);
}

void live(long keys, int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    auto server = TestServer::startRedis({"--enable-debug-command", "yes"});
    if (!server || !server->ok()) return;
    fill(*server, keys);
    const long strings = keys * 6 / 10;
    std::atomic<bool> run{true};
    std::vector<double> idle;
    std::thread idleThread([&] { idle = getLatencies(server->port(), run, strings); });
    std::this_thread::sleep_for(std::chrono::seconds(5));
    run = false;
    idleThread.join();

    ConnectionSettings settings;
    settings.port = server->port();
    RedisConnection connection(settings);
    connection.connectToServer();
    QElapsedTimer wait;
    wait.start();
    while (connection.state() != RedisConnection::State::Ready && wait.elapsed() < 10000)
        app.processEvents(QEventLoop::WaitForMoreEvents, 50);
    LiveAnalysis analysis(&connection);
    std::vector<double> busy;
    run = true;
    std::thread busyThread([&] { busy = getLatencies(server->port(), run, strings); });
    QElapsedTimer t;
    t.start();
    AnalysisReport report;
    QObject::connect(&analysis, &LiveAnalysis::finished, &app, [&](const AnalysisReport &r) {
        report = r;
        app.quit();
    });
    QObject::connect(&analysis, &LiveAnalysis::failed, &app, [&](const QString &error) {
        std::printf("# live scan failed: %s\n", qPrintable(error));
        app.quit();
    });
    LiveAnalysis::Settings defaults;
    // REDSCOPE_BENCH_RATE / _BATCH: try other paces than the default (the figures then say so).
    defaults.keysPerSecond = int(envLong("REDSCOPE_BENCH_RATE", defaults.keysPerSecond));
    defaults.batchSize = int(envLong("REDSCOPE_BENCH_BATCH", defaults.batchSize));
    analysis.start(defaults, {}, QStringLiteral("bench"));
    app.exec();
    const double seconds = double(t.elapsed()) / 1000.0;
    run = false;
    busyThread.join();
    const double idleP99 = percentile(idle, 0.99), busyP99 = percentile(busy, 0.99);
    std::printf("# live: %llu keys at %d keys/s (batches of %d); GET p99 idle "
                "%.0f us (%zu samples), during the scan %.0f us (%zu samples)\n",
                static_cast<unsigned long long>(report.totals.keys), defaults.keysPerSecond,
                defaults.batchSize, idleP99, idle.size(), busyP99, busy.size());
    std::printf("BENCH analysis.live_1m.time_s %.1f s\n", seconds);
    std::printf("BENCH analysis.live_1m.p99_ratio %.2f x\n", idleP99 > 0 ? busyP99 / idleP99 : 0);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    const long keys = envLong("REDSCOPE_BENCH_KEYS", 10000000);
    const int repeat = int(envLong("REDSCOPE_BENCH_REPEAT", 3));
    if (!envLong("REDSCOPE_BENCH_SKIP_OFFLINE", 0)) offline(keys, std::max(1, repeat));
    if (!envLong("REDSCOPE_BENCH_SKIP_LIVE", 0)) live(keys / 10, argc, argv);
    return 0;
}
