// Memory analysis benchmark (issue 26). Figures, as `BENCH <name> <value> <unit>` lines:
//   analysis.offline_10m.time_s       walk and report a 10M-key dump.rdb of mixed types
//   analysis.offline_10m.peak_rss_mb  peak RSS of the process that did it (a forked child,
//                                     so the generator's memory does not count)
//   analysis.live_1m.time_s           a live scan of 1M keys at the default rate
//   analysis.live_1m.p99_ratio        the server's GET p99 during the scan over its idle p99,
//                                     both from one probe process of its own (one GET every
//                                     500 us on a fixed schedule, the same in both phases),
//                                     its idle samples taken before and after each scan and
//                                     in its pauses (tens of thousands of each)
// Each run also prints the server's own time for the scan's commands (INFO commandstats).
// The datasets are generated first, outside the timed parts: redis-server with DEBUG POPULATE
// for strings plus pipelined writes for hashes, sets, sorted sets, lists and expiries, then
// SAVE. Both parts run REDSCOPE_BENCH_REPEAT times (default 3) and print medians.
// REDSCOPE_BENCH_KEYS scales both datasets (default 10M offline, a tenth of it live);
// REDSCOPE_BENCH_LIVE_KEYS sets the live one alone.
#include "analysis/live_analysis.h"
#include "analysis/offline_analysis.h"
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
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

// The probe: a process of its own (like any other client of the server), one GET every
// 500 us on a fixed schedule whatever the phase, so idle and scanning samples come from the
// same client at the same rate, interleaved in time. Each sample is labelled with the phase
// (0 idle, 1 scanning, 2 scan paused) at its start; a GET that saw the phase change is
// dropped. It stops when `run` drops, then writes its samples to `out` and exits.
struct Sample
{
    int phase = 0;
    float us = 0;
};
struct Shared
{
    std::atomic<int> phase{0};
    std::atomic<int> run{1};
};
[[noreturn]] void probeInChild(int port, Shared *shared, int out, long keys)
{
    std::vector<Sample> samples;
    samples.reserve(1 << 21);
    RedisTestClient c("127.0.0.1", port);
    std::mt19937 rng(1);
    using clock = std::chrono::steady_clock;
    constexpr auto period = std::chrono::microseconds(500);
    auto next = clock::now();
    while (shared->run.load()) {
        next += period;
        std::this_thread::sleep_until(next);
        const int before = shared->phase.load();
        const auto t0 = clock::now();
        if (t0 > next + period) next = t0; // late: no catching up with a burst of GETs
        c.run({"GET", "key:" + std::to_string(rng() % keys)});
        const double us = std::chrono::duration<double, std::micro>(clock::now() - t0).count();
        if (shared->phase.load() == before) samples.push_back({before, float(us)});
    }
    const char *data = reinterpret_cast<const char *>(samples.data());
    size_t left = samples.size() * sizeof(Sample);
    while (left > 0) {
        const ssize_t n = write(out, data, left);
        if (n <= 0) break;
        data += n;
        left -= size_t(n);
    }
    _exit(0);
}

// INFO commandstats as {name, calls, usec}.
struct CommandStat
{
    std::string name;
    unsigned long long calls = 0, usec = 0;
};
std::vector<CommandStat> commandStats(int port)
{
    RedisTestClient c("127.0.0.1", port);
    std::vector<CommandStat> out;
    const std::string info = c.run({"INFO", "commandstats"});
    size_t at = 0;
    while ((at = info.find("cmdstat_", at)) != std::string::npos) {
        const size_t colon = info.find(':', at);
        CommandStat s;
        s.name = info.substr(at + 8, colon - at - 8);
        std::sscanf(info.c_str() + colon, ":calls=%llu,usec=%llu", &s.calls, &s.usec);
        out.push_back(s);
        at = colon;
    }
    return out;
}

std::string loadAverage()
{
    double load[3] = {};
    if (getloadavg(load, 3) != 3) return "?";
    char text[64];
    std::snprintf(text, sizeof text, "%.2f %.2f %.2f", load[0], load[1], load[2]);
    return text;
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

// One scan, in a forked child that runs it as the app would (its own QCoreApplication, a
// RedisConnection, LiveAnalysis at the default settings), paused for 3 s every 20 s. The child
// starts a session of its own (setsid): with the kernel's autogroup scheduling, the scanner
// then competes for CPU as a separate desktop program would, instead of sharing the server's
// group (on this 2-core machine the server and its GET client would otherwise pay for the
// scanner's own CPU, which on a real setup runs on the user's machine). The server's extra
// work for the scan's commands stays where it is. Phases go to the parent through shared
// memory; the result comes back as a line on a pipe.
void scanInChild(int port, std::atomic<int> *phase, int goFd, int resultFd, int argc, char **argv)
{
    setsid();
    char go = 0;
    if (read(goFd, &go, 1) != 1) _exit(1);
    QCoreApplication app(argc, argv);
    // processEvents(flags, ms) drops WaitForMoreEvents: the loops below would spin a core
    // (they did, until 2026-12-07: on this 2-core machine the scanner then competed with the
    // server for CPU as no desktop client does). They block instead, and a 10 ms tick wakes
    // them for their clocks.
    QTimer tick;
    tick.start(10);
    const auto wait = [&app] { app.processEvents(QEventLoop::WaitForMoreEvents); };
    ConnectionSettings settings;
    settings.port = port;
    RedisConnection connection(settings);
    connection.connectToServer();
    QElapsedTimer connecting;
    connecting.start();
    while (connection.state() != RedisConnection::State::Ready && connecting.elapsed() < 10000)
        wait();
    LiveAnalysis::Settings defaults;
    // REDSCOPE_BENCH_RATE / _BATCH: try other paces than the default (the figures then say so).
    defaults.keysPerSecond = int(envLong("REDSCOPE_BENCH_RATE", defaults.keysPerSecond));
    defaults.batchSize = int(envLong("REDSCOPE_BENCH_BATCH", defaults.batchSize));
    defaults.burstKeys = int(envLong("REDSCOPE_BENCH_BURST", defaults.burstKeys));
    LiveAnalysis analysis(&connection);
    AnalysisReport report;
    bool done = false, ok = false;
    QObject::connect(&analysis, &LiveAnalysis::finished, &app, [&](const AnalysisReport &result) {
        report = result;
        done = ok = true;
    });
    QObject::connect(&analysis, &LiveAnalysis::failed, &app, [&](const QString &error) {
        std::fprintf(stderr, "# live scan failed: %s\n", qPrintable(error));
        done = true;
    });
    QElapsedTimer t, slice;
    t.start();
    qint64 paused = 0;
    phase->store(1);
    analysis.start(defaults, {}, QStringLiteral("bench"));
    slice.start();
    int lowestRate = defaults.keysPerSecond;
    while (!done) {
        wait();
        if (analysis.isRunning() && analysis.idleRoundTripMs() >= 0)
            lowestRate = std::min(lowestRate, analysis.currentRate());
        if (!done && slice.elapsed() > 20000) {
            analysis.pause();
            QElapsedTimer p;
            p.start();
            // Let a batch in flight land before the idle samples start.
            while (p.elapsed() < 200)
                wait();
            phase->store(2);
            while (p.elapsed() < 3200)
                wait();
            phase->store(1);
            analysis.resume();
            paused += p.elapsed();
            slice.restart();
        }
    }
    phase->store(0);
    char line[200];
    const int n = std::snprintf(line, sizeof line, "%d %llu %.3f %.3f %.3f %d %d %d %d\n",
                                ok ? 1 : 0, static_cast<unsigned long long>(report.totals.keys),
                                double(t.elapsed() - paused) / 1000.0, double(paused) / 1000.0,
                                analysis.idleRoundTripMs(), lowestRate, defaults.keysPerSecond,
                                defaults.batchSize, defaults.burstKeys);
    (void)!write(resultFd, line, size_t(n));
    _exit(0);
}

// Each run: the probe starts, 5 s idle, then the scan of the whole keyspace with its pauses,
// then 2 s idle. The probe runs throughout, so every run has idle samples (before and after
// the scan and in its pauses) and busy ones from the same client under the same machine load
// (8 engineers build on 2 cores: a single idle window minutes away from the scan compares two
// different machines). Per run: GET p99 idle, GET p99 scanning, their ratio, and the server's
// own time for the scan's commands (INFO commandstats, reset before the scan, GET left out:
// that is the probe); the figures are the medians over the runs. time_s is the scan's time
// without its pauses. REDSCOPE_BENCH_SERVER=redscope runs against redscope-server instead.
void live(long keys, int repeat, int argc, char **argv)
{
    const bool redscope = std::getenv("REDSCOPE_BENCH_SERVER") &&
                          std::string(std::getenv("REDSCOPE_BENCH_SERVER")) == "redscope";
    auto server = redscope ? TestServer::startRedscope({"--enable-debug-command", "yes"})
                           : TestServer::startRedis({"--enable-debug-command", "yes"});
    if (!server || !server->ok()) return;
    fill(*server, keys);
    const long strings = keys * 6 / 10;
    std::printf("# live dataset: %ld keys (60%% strings, hashes, sets, sorted sets, lists) on %s, "
                "load %s, this process at nice %d\n",
                keys, redscope ? "redscope-server" : "redis-server", loadAverage().c_str(),
                getpriority(PRIO_PROCESS, 0));
    std::fflush(stdout);
    void *memory =
        mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) return;
    auto *shared = new (memory) Shared;
    std::vector<double> times, ratios, idles, busies, perKey;
    int rate = 0, batch = 0, burst = 0;
    for (int r = 1; r <= repeat; ++r) {
        const std::string loadBefore = loadAverage();
        int goPipe[2], resultPipe[2], probePipe[2];
        if (pipe(probePipe) != 0) return;
        shared->phase.store(0);
        shared->run.store(1);
        redscope::test::sendRawCommand(server->port(), {"CONFIG", "RESETSTAT"}, 10000);
        // Both children are forked from this process, which has no threads.
        const pid_t probe = fork();
        if (probe == 0) {
            close(probePipe[0]);
            probeInChild(server->port(), shared, probePipe[1], strings);
        }
        close(probePipe[1]);
        // The scanner's pipes after the probe's fork: it must not hold their write ends, or
        // the result's read would wait for the probe's end.
        if (pipe(goPipe) != 0 || pipe(resultPipe) != 0) return;
        const pid_t child = fork();
        if (child == 0) {
            close(goPipe[1]);
            close(resultPipe[0]);
            close(probePipe[0]);
            scanInChild(server->port(), &shared->phase, goPipe[0], resultPipe[1], argc, argv);
        }
        close(goPipe[0]);
        close(resultPipe[1]);
        std::this_thread::sleep_for(std::chrono::seconds(5));
        (void)!write(goPipe[1], "g", 1);
        char line[200] = {};
        size_t got = 0;
        while (got < sizeof line - 1) {
            const ssize_t n = read(resultPipe[0], line + got, sizeof line - 1 - got);
            if (n <= 0) break;
            got += size_t(n);
        }
        waitpid(child, nullptr, 0);
        close(goPipe[1]);
        close(resultPipe[0]);
        const std::vector<CommandStat> stats = commandStats(server->port());
        std::this_thread::sleep_for(std::chrono::seconds(2)); // idle after the scan too
        shared->run.store(0);
        std::vector<Sample> samples;
        Sample chunk[4096];
        size_t have = 0;
        for (;;) {
            const ssize_t n =
                read(probePipe[0], reinterpret_cast<char *>(chunk) + have, sizeof chunk - have);
            if (n <= 0) break;
            have += size_t(n);
            const size_t whole = have / sizeof(Sample);
            samples.insert(samples.end(), chunk, chunk + whole);
            have -= whole * sizeof(Sample);
            std::memmove(chunk, reinterpret_cast<char *>(chunk) + whole * sizeof(Sample), have);
        }
        close(probePipe[0]);
        waitpid(probe, nullptr, 0);
        int ok = 0, slowest = 0;
        unsigned long long scanned = 0;
        double seconds = 0, pausedSeconds = 0, idleMs = 0;
        std::sscanf(line, "%d %llu %lf %lf %lf %d %d %d %d", &ok, &scanned, &seconds,
                    &pausedSeconds, &idleMs, &slowest, &rate, &batch, &burst);
        std::vector<double> idle, busy;
        for (const Sample &s : samples)
            (s.phase == 1 ? busy : idle).push_back(double(s.us));
        const double idleP99 = percentile(idle, 0.99), busyP99 = percentile(busy, 0.99);
        const double ratio = idleP99 > 0 ? busyP99 / idleP99 : 0;
        // The scan's commands as the server timed them (commandstats: the command's own
        // execution, without reading and parsing it or writing the reply).
        unsigned long long calls = 0, usec = 0;
        std::string each;
        for (const CommandStat &st : stats) {
            if (st.name == "get" || st.name == "info" || st.name == "config|resetstat") continue;
            calls += st.calls;
            usec += st.usec;
            char part[96];
            std::snprintf(part, sizeof part, " %s %.2f", st.name.c_str(),
                          st.calls ? double(st.usec) / double(st.calls) : 0.0);
            each += part;
        }
        const double usPerKey = scanned ? double(usec) / double(scanned) : 0;
        std::printf("# run %d: ok %d, %llu keys in %.1f s (+%.1f s paused), the scan's idle "
                    "round trip %.2f ms, its slowest rate %d keys/s; GET p99 idle %.0f us "
                    "(%zu samples, p50 %.0f us), scanning %.0f us (%zu samples, p50 %.0f us, "
                    "p99.9 %.0f us): ratio %.2f; load %s before, %s after\n",
                    r, ok, scanned, seconds, pausedSeconds, idleMs, slowest, idleP99, idle.size(),
                    percentile(idle, 0.5), busyP99, busy.size(), percentile(busy, 0.5),
                    percentile(busy, 0.999), ratio, loadBefore.c_str(), loadAverage().c_str());
        std::printf("# run %d server time: %llu calls, %.1f ms, %.2f us per key, %.1f us per "
                    "burst of %d keys, %.1f us per batch of %d; us per call:%s\n",
                    r, calls, double(usec) / 1000.0, usPerKey, usPerKey * burst, burst,
                    usPerKey * batch, batch, each.c_str());
        std::fflush(stdout);
        times.push_back(seconds);
        idles.push_back(idleP99);
        busies.push_back(busyP99);
        ratios.push_back(ratio);
        perKey.push_back(usPerKey);
    }
    std::printf("# live: %ld keys at %d keys/s in batches of %d, bursts of %d (the defaults unless "
                "REDSCOPE_BENCH_RATE/_BATCH/_BURST are set), medians of %d runs; GET p99 idle "
                "%.0f us, scanning %.0f us; server time %.2f us per key; load %s\n",
                keys, rate, batch, burst, repeat, percentile(idles, 0.5), percentile(busies, 0.5),
                percentile(perKey, 0.5), loadAverage().c_str());
    std::printf("BENCH analysis.live_1m.time_s %.1f s\n", percentile(times, 0.5));
    std::printf("BENCH analysis.live_1m.p99_ratio %.2f x\n", percentile(ratios, 0.5));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    const long keys = envLong("REDSCOPE_BENCH_KEYS", 10000000);
    const int repeat = int(envLong("REDSCOPE_BENCH_REPEAT", 3));
    if (!envLong("REDSCOPE_BENCH_SKIP_OFFLINE", 0)) offline(keys, std::max(1, repeat));
    if (!envLong("REDSCOPE_BENCH_SKIP_LIVE", 0))
        live(envLong("REDSCOPE_BENCH_LIVE_KEYS", keys / 10), std::max(1, repeat), argc, argv);
    return 0;
}
