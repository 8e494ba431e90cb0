// Values benchmark, collections (#25): the real ValuePanel (offscreen) opening a 5M-field hash
// and a 10M-element list on a real server, through the same CollectionValueModel the app uses,
// on redis-server and then on redscope-server, one after the other (REDSCOPE_BENCH_VALUES_SERVER
// =redis or =redscope runs one of them only):
//   values.hash5m.first_page_ms  openKey until the first page (500 rows) and HLEN are shown
//   values.hash5m.to_end_ms      the table's scroll bar dragged to its bottom again and again
//                                (the view then asks for the next page) until the window
//                                reaches the end of the hash; checked: the rows inserted on the
//                                way are the HLEN fields, each once (count, and the sums of the
//                                field numbers and of their squares), and the window ends at HLEN
//   values.hash5m.search_ms      a MATCH pattern over the whole hash (HSCAN MATCH), to its end;
//                                checked: the rows found are those redis-cli's loop finds
//   values.list10m.jump_end_ms   jump to index -1 (LLEN, the last page and the one before it)
// and for each case ..max_stall_ms (longest gap between ticks of a 1 ms GUI-thread timer) and
// ..rss_growth_mb (peak RSS during the case minus RSS before the panel opened the value); for
// the walks also ..max_stall_gui_cpu_ms (the GUI thread's CPU time inside that longest gap) and
// ..max_gui_cpu_between_ticks_ms (the most CPU time it spent between two ticks): a long gap with
// little CPU in it is the thread waiting for a core of the loaded machine, not working.
// The baselines, in the same run on the same hash: a plain HSCAN loop (cursor after cursor on a
// synchronous hiredis connection) with COUNT 500 (2000 with MATCH), printed as
// values.hash5m.baseline_hscan_ms and values.hash5m.baseline_match_ms, with the ratios. That is
// stricter than redis-cli 7.0's own --scan loop, which sends no COUNT (the server's 10). The app
// tunes its COUNT to the round trips as it walks (ValuePageReader's CountTuner), so the same
// loop with the COUNT the app ended at is printed too (..baseline_hscan_big_ms,
// ..baseline_match_big_ms, and the ratios against them).
// Each case runs REDSCOPE_BENCH_RUNS times (3); the medians are printed. redscope-server's
// figures are named values.redscope.hash5m.*, values.redscope.list10m.*.
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_server.h"
#include "values/collection_value_model.h"
#include "values/collection_value_view.h"
#include "values/value_panel.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QtGlobal>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

static double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

// The GUI thread's own CPU time, in ms.
static double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// A task's time on a CPU and its time waiting in a run queue for one, in ms, from
// /proc/<pid>/task/<tid>/schedstat ("/proc/self/task/<tid>" for a thread of this process,
// "/proc/<pid>" for the whole server).
struct SchedTime
{
    double runMs = 0;
    double waitMs = 0;
};

static SchedTime schedTime(const QString &path)
{
    QFile file(path + QStringLiteral("/schedstat"));
    if (!file.open(QIODevice::ReadOnly)) return {};
    const QList<QByteArray> fields = file.readAll().trimmed().split(' ');
    if (fields.size() < 2) return {};
    return {fields[0].toDouble() / 1e6, fields[1].toDouble() / 1e6};
}

// This process's thread named `name` (the page reader's worker is "redscope-values").
static QString threadPath(const QByteArray &name)
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid) + QStringLiteral("/comm"));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name)
            return tasks.filePath(tid);
    }
    return {};
}

// The CPU time a walk cost: the GUI thread, the page reader's worker thread and the server,
// and how long the GUI thread waited for a core (the machine's load, not its own work).
struct WalkCpu
{
    QString worker;
    QString server;
    SchedTime gui0, worker0, server0;
    SchedTime gui, workerTime, serverTime; // over the walk

    void start()
    {
        worker = threadPath("redscope-values");
        gui0 = schedTime(QStringLiteral("/proc/thread-self"));
        worker0 = schedTime(worker);
        server0 = schedTime(server);
    }
    void stop()
    {
        const auto minus = [](SchedTime a, SchedTime b) {
            return SchedTime{a.runMs - b.runMs, a.waitMs - b.waitMs};
        };
        gui = minus(schedTime(QStringLiteral("/proc/thread-self")), gui0);
        workerTime = minus(schedTime(worker), worker0);
        serverTime = minus(schedTime(server), server0);
    }
};

// REDSCOPE_BENCH_PERF_FIFO names perf record's control fifo (`perf record -D -1 --control
// fifo:<path>`): the walk to the end is then the only part profiled.
static void perfControl(const char *command)
{
    const QByteArray path = qgetenv("REDSCOPE_BENCH_PERF_FIFO");
    if (path.isEmpty()) return;
    QFile fifo(QString::fromLocal8Bit(path));
    if (fifo.open(QIODevice::WriteOnly)) fifo.write(QByteArray(command) + '\n');
}

// The GUI thread's pulse: a 1 ms timer records the longest gap between its ticks, the GUI
// thread's CPU time inside that gap (work of its own; the rest of the gap it waited for a CPU
// on this loaded machine) and the peak RSS (sampled every 50 ticks) while a case runs.
struct Pulse
{
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 maxGap = 0;
    double lastCpu = 0;
    double maxGapCpu = 0; // the GUI thread's CPU ms inside the longest gap
    double maxCpu = 0;    // the most CPU ms the GUI thread spent between two ticks
    double peakRss = 0;
    int ticks = 0;

    Pulse()
    {
        timer.setInterval(1);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            const qint64 now = clock.elapsed();
            const double cpu = threadCpuMs();
            if (now - last > maxGap) {
                maxGap = now - last;
                maxGapCpu = cpu - lastCpu;
            }
            maxCpu = std::max(maxCpu, cpu - lastCpu);
            lastCpu = cpu;
            last = now;
            if (++ticks % 50 == 0) peakRss = std::max(peakRss, rssMb());
        });
    }
    void start()
    {
        maxGap = 0;
        maxGapCpu = 0;
        maxCpu = 0;
        peakRss = rssMb();
        clock.start();
        last = 0;
        lastCpu = threadCpuMs();
        timer.start();
    }
    void stop()
    {
        timer.stop();
        peakRss = std::max(peakRss, rssMb());
    }
};

// Runs the event loop as the app's own does, sleeping until an event comes, and checks `done`
// after each. processEvents(flags, maxtime) would not do: it drops WaitForMoreEvents and
// returns at once when nothing is pending, so the loop spun the GUI thread at a whole core
// and took it from the server and the page reader on this 2-core machine. The 5 ms timer
// wakes the loop to check the timeout when nothing else happens.
static bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QTimer wake;
    wake.start(5);
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

static double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// redis-cli's HSCAN loop: cursor after cursor until 0, on a synchronous connection.
static double hscanBaselineMs(RedisTestClient &client, const std::string &key, int count,
                              const std::string &match, long long *seen)
{
    QElapsedTimer clock;
    clock.start();
    std::string cursor = "0";
    *seen = 0;
    do {
        std::vector<std::string> args{"HSCAN", key, cursor};
        if (!match.empty()) args.insert(args.end(), {"MATCH", match});
        args.insert(args.end(), {"COUNT", std::to_string(count)});
        auto reply = client.command(args);
        if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2) return -1;
        cursor.assign(reply->element[0]->str, reply->element[0]->len);
        *seen += long(reply->element[1]->elements / 2);
    } while (cursor != "0");
    return double(clock.nsecsElapsed()) / 1e6;
}

static bool fill(RedisTestClient &client, const char *command, const std::string &key,
                 long long total, bool pairs)
{
    const int perCommand = 1000;
    const int window = 50; // commands in flight
    long long sent = 0;
    int pending = 0;
    while (sent < total || pending > 0) {
        while (sent < total && pending < window) {
            std::vector<std::string> args{command, key};
            for (int i = 0; i < perCommand && sent < total; ++i, ++sent) {
                const std::string n = std::to_string(sent);
                if (pairs) {
                    args.push_back("field:" + n);
                    args.push_back("value " + n);
                } else {
                    args.push_back("item " + n);
                }
            }
            client.append(args);
            ++pending;
        }
        const std::string reply = client.readReply();
        --pending;
        if (reply.rfind('-', 0) == 0) {
            std::fprintf(stderr, "filling %s: %s\n", key.c_str(), reply.c_str());
            return false;
        }
    }
    return true;
}

// The hash's fields are "field:N": the count and two sums over the rows inserted tell that
// a walk brought every N in [0, total) once.
struct FieldTally
{
    long long rows = 0;
    quint64 sum = 0;
    quint64 squares = 0;
    long long malformed = 0;

    void add(const QByteArray &field)
    {
        quint64 n = 0;
        const char *end = field.constData() + field.size();
        const bool ok =
            field.startsWith("field:") && std::from_chars(field.constData() + 6, end, n).ptr == end;
        if (!ok) ++malformed;
        ++rows;
        sum += n;
        squares += n * n;
    }
    bool isExactly(long long total) const
    {
        quint64 wantSum = 0, wantSquares = 0;
        for (quint64 n = 0; n < quint64(total); ++n) {
            wantSum += n;
            wantSquares += n * n;
        }
        return malformed == 0 && rows == total && sum == wantSum && squares == wantSquares;
    }
};

static int runOn(bool redscope, int runs)
{
    const long long hashFields = 5000000;
    const long long listElements = 10000000;
    const char *prefix = redscope ? "redscope." : "";

    std::unique_ptr<TestServer> server = redscope ? TestServer::startRedscope({"--save", ""})
                                                  : TestServer::startRedis({"--save", ""});
    if (!server || !server->ok()) {
        std::fprintf(stderr, "no server: %s\n", server ? server->error().c_str() : "");
        return 1;
    }
    RedisTestClient client("127.0.0.1", server->port());
    QElapsedTimer fillClock;
    fillClock.start();
    if (!fill(client, "HSET", "bench:hash5m", hashFields, true) ||
        !fill(client, "RPUSH", "bench:list10m", listElements, false))
        return 1;
    std::printf("# server: %s; filled 5M hash fields and 10M list elements in %lld ms\n",
                redscope ? "redscope-server" : "redis-server", fillClock.elapsed());
    std::fflush(stdout);
    {
        auto hlen = client.command({"HLEN", "bench:hash5m"});
        if (!hlen || hlen->type != REDIS_REPLY_INTEGER || hlen->integer != hashFields) {
            std::fprintf(stderr, "HLEN is not %lld\n", hashFields);
            return 1;
        }
    }

    ConnectionSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = server->port();
    settings.commandTimeoutMs = 60000;
    RedisConnection connection(settings);
    connection.connectToServer();
    if (!waitFor([&] { return connection.state() == RedisConnection::State::Ready; }, 20000)) {
        std::fprintf(stderr, "cannot connect\n");
        return 1;
    }
    ValuePanel panel(&connection);
    panel.resize(1400, 900);
    panel.show();
    CollectionValueView *view = panel.collectionView();
    CollectionValueModel *model = view->model();
    Pulse pulse;
    const double rssBase = rssMb();

    std::vector<double> firstPage, toEnd, search, jumpEnd, baseScan, baseMatch, bigScan, bigMatch;
    std::vector<double> firstStall, endStall, searchStall, jumpStall;
    std::vector<double> endStallCpu, searchStallCpu, endCpu, searchCpu;
    std::vector<double> guiCpu, guiWait, workerCpu, serverCpu; // to_end, whole walk
    double firstRss = 0, endRss = 0, searchRss = 0, jumpRss = 0;
    const QByteArray pattern = "field:12345*"; // 111 of the 5M fields
    long long matches = 0, scanned = 0;
    int tunedPlain = 0, tunedMatch = 0; // the app's COUNTs at the end of its walks
    FieldTally tally;
    bool tallying = false;
    std::vector<QByteArray> found;
    QObject::connect(model, &QAbstractItemModel::rowsInserted, model,
                     [&](const QModelIndex &, int first, int last) {
                         if (!tallying) return;
                         for (int r = first; r <= last; ++r)
                             tally.add(model->element(r));
                     });
    for (int run = 0; run < runs; ++run) {
        // Hash: the first page.
        panel.showNothing();
        tally = {};
        tallying = true;
        QElapsedTimer clock;
        pulse.start();
        clock.start();
        panel.openKey("bench:hash5m");
        if (!waitFor(
                [&] {
                    return model->key() == "bench:hash5m" && model->total() == hashFields &&
                           model->rowCount() >= CollectionValueModel::kChunk;
                },
                60000))
            return 1;
        firstPage.push_back(double(clock.nsecsElapsed()) / 1e6);
        pulse.stop();
        firstStall.push_back(double(pulse.maxGap));
        firstRss = std::max(firstRss, pulse.peakRss - rssBase);

        // Hash: paging to the end, as a user holding the scroll bar at its bottom.
        QScrollBar *bar = view->table()->verticalScrollBar();
        WalkCpu cpu;
        cpu.server = QStringLiteral("/proc/%1").arg(server->pid());
        perfControl("enable");
        cpu.start();
        pulse.start();
        clock.restart();
        if (!waitFor(
                [&] {
                    bar->setValue(bar->maximum());
                    return model->isComplete() && !model->isLoading();
                },
                600000))
            return 1;
        toEnd.push_back(double(clock.nsecsElapsed()) / 1e6);
        pulse.stop();
        cpu.stop();
        perfControl("disable");
        guiCpu.push_back(cpu.gui.runMs);
        guiWait.push_back(cpu.gui.waitMs);
        workerCpu.push_back(cpu.workerTime.runMs);
        serverCpu.push_back(cpu.serverTime.runMs);
        tallying = false;
        endStall.push_back(double(pulse.maxGap));
        endStallCpu.push_back(pulse.maxGapCpu);
        endCpu.push_back(pulse.maxCpu);
        tunedPlain = model->tunedCount(false);
        endRss = std::max(endRss, pulse.peakRss - rssBase);
        scanned = model->firstOrdinal() + model->rowCount();
        if (scanned != hashFields || !tally.isExactly(hashFields)) {
            std::fprintf(stderr,
                         "the walk did not bring every field once: the window ends at %lld, "
                         "%lld rows inserted (%lld malformed) of %lld fields\n",
                         scanned, tally.rows, tally.malformed, hashFields);
            return 1;
        }

        // Hash: MATCH over the whole of it.
        pulse.start();
        clock.restart();
        view->setMatch(QString::fromLatin1(pattern));
        if (!waitFor(
                [&] {
                    if (model->canFetchMore({})) model->fetchMore({});
                    return model->isComplete() && !model->isLoading();
                },
                600000))
            return 1;
        search.push_back(double(clock.nsecsElapsed()) / 1e6);
        pulse.stop();
        searchStall.push_back(double(pulse.maxGap));
        searchStallCpu.push_back(pulse.maxGapCpu);
        searchCpu.push_back(pulse.maxCpu);
        tunedMatch = model->tunedCount(true);
        searchRss = std::max(searchRss, pulse.peakRss - rssBase);
        matches = model->rowCount();
        found.clear();
        for (int r = 0; r < model->rowCount(); ++r)
            found.push_back(model->element(r));
        view->setMatch({});

        // List: open, then jump to the end.
        panel.openKey("bench:list10m");
        if (!waitFor([&] { return model->key() == "bench:list10m" && model->rowCount() > 0; },
                     60000))
            return 1;
        int jumpedRow = -1;
        const QMetaObject::Connection onJump =
            QObject::connect(model, &CollectionValueModel::jumped, model,
                             [&jumpedRow](int row) { jumpedRow = row; });
        pulse.start();
        clock.restart();
        view->jumpToIndex(-1);
        if (!waitFor([&] { return jumpedRow >= 0; }, 60000)) return 1;
        QObject::disconnect(onJump);
        jumpEnd.push_back(double(clock.nsecsElapsed()) / 1e6);
        pulse.stop();
        jumpStall.push_back(double(pulse.maxGap));
        jumpRss = std::max(jumpRss, pulse.peakRss - rssBase);
        if (model->element(jumpedRow) != "item " + QByteArray::number(listElements - 1)) {
            std::fprintf(stderr, "the jump did not land on the last element\n");
            return 1;
        }

        // The baselines, on the same hash in the same run.
        long long seen = 0, seenBig = 0;
        baseScan.push_back(hscanBaselineMs(client, "bench:hash5m", 500, {}, &seen));
        bigScan.push_back(hscanBaselineMs(client, "bench:hash5m", tunedPlain, {}, &seenBig));
        long long matched = 0, matchedBig = 0;
        baseMatch.push_back(
            hscanBaselineMs(client, "bench:hash5m", 2000, pattern.toStdString(), &matched));
        bigMatch.push_back(hscanBaselineMs(client, "bench:hash5m", tunedMatch,
                                           pattern.toStdString(), &matchedBig));
        if (seen != hashFields || seenBig != hashFields || matched != matches ||
            matchedBig != matches) {
            std::fprintf(stderr,
                         "redis-cli's loop saw %lld/%lld fields and %lld/%lld matches; "
                         "the view found %lld\n",
                         seen, seenBig, matched, matchedBig, matches);
            return 1;
        }
        std::sort(found.begin(), found.end());
        const bool twice = std::adjacent_find(found.begin(), found.end()) != found.end();
        for (const QByteArray &field : found) {
            if (twice || !field.startsWith("field:12345")) {
                std::fprintf(stderr, "the search found %s, or a field twice\n", field.constData());
                return 1;
            }
        }
        std::printf(
            "# run %d: first_page %.1f ms, to_end %.0f ms (baseline %.0f ms, COUNT %d: "
            "%.0f ms; %lld rows inserted = HLEN, each field once), search %.0f ms "
            "(baseline %.0f ms, COUNT %d: %.0f ms; %lld matches = redis-cli's), "
            "jump_end %.1f ms; longest gaps: to_end %.0f ms (GUI CPU in it %.1f ms, most "
            "GUI CPU between two ticks %.1f ms), search %.0f ms (%.1f ms, %.1f ms); to_end CPU: "
            "GUI thread %.0f ms (and %.0f ms waiting for a core), page reader %.0f ms, "
            "server %.0f ms\n",
            run + 1, firstPage.back(), toEnd.back(), baseScan.back(), tunedPlain, bigScan.back(),
            tally.rows, search.back(), baseMatch.back(), tunedMatch, bigMatch.back(), matched,
            jumpEnd.back(), endStall.back(), endStallCpu.back(), endCpu.back(), searchStall.back(),
            searchStallCpu.back(), searchCpu.back(), guiCpu.back(), guiWait.back(),
            workerCpu.back(), serverCpu.back());
        std::fflush(stdout);
    }
    std::printf("# %s: the window reached ordinal %lld of %lld by paging; MATCH %s found %lld\n",
                redscope ? "redscope-server" : "redis-server", scanned, hashFields,
                pattern.constData(), matches);
    const auto bench = [prefix](const char *name, double value, const char *unit) {
        std::printf("BENCH values.%s%s %.1f %s\n", prefix, name, value, unit);
    };
    bench("hash5m.first_page_ms", median(firstPage), "ms");
    bench("hash5m.first_page.max_stall_ms", median(firstStall), "ms");
    bench("hash5m.first_page.rss_growth_mb", firstRss, "MB");
    bench("hash5m.to_end_ms", median(toEnd), "ms");
    bench("hash5m.to_end.max_stall_ms", median(endStall), "ms");
    bench("hash5m.to_end.max_stall_gui_cpu_ms", median(endStallCpu), "ms");
    bench("hash5m.to_end.max_gui_cpu_between_ticks_ms", median(endCpu), "ms");
    bench("hash5m.to_end.gui_cpu_ms", median(guiCpu), "ms");
    bench("hash5m.to_end.gui_cpu_wait_ms", median(guiWait), "ms");
    bench("hash5m.to_end.reader_cpu_ms", median(workerCpu), "ms");
    bench("hash5m.to_end.server_cpu_ms", median(serverCpu), "ms");
    bench("hash5m.to_end.rss_growth_mb", endRss, "MB");
    bench("hash5m.baseline_hscan_ms", median(baseScan), "ms");
    bench("hash5m.to_end_vs_baseline", median(toEnd) / median(baseScan), "x");
    bench("hash5m.baseline_hscan_big_ms", median(bigScan), "ms");
    bench("hash5m.to_end_vs_baseline_big", median(toEnd) / median(bigScan), "x");
    bench("hash5m.search_ms", median(search), "ms");
    bench("hash5m.search.max_stall_ms", median(searchStall), "ms");
    bench("hash5m.search.max_stall_gui_cpu_ms", median(searchStallCpu), "ms");
    bench("hash5m.search.max_gui_cpu_between_ticks_ms", median(searchCpu), "ms");
    bench("hash5m.search.rss_growth_mb", searchRss, "MB");
    bench("hash5m.baseline_match_ms", median(baseMatch), "ms");
    bench("hash5m.search_vs_baseline", median(search) / median(baseMatch), "x");
    bench("hash5m.baseline_match_big_ms", median(bigMatch), "ms");
    bench("hash5m.search_vs_baseline_big", median(search) / median(bigMatch), "x");
    bench("list10m.jump_end_ms", median(jumpEnd), "ms");
    bench("list10m.jump_end.max_stall_ms", median(jumpStall), "ms");
    bench("list10m.jump_end.rss_growth_mb", jumpRss, "MB");
    std::fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // The offscreen platform says so each time the panel's size hints change: noise here.
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &message) {
        if (!message.contains(QLatin1String("propagateSizeHints")))
            std::fprintf(stderr, "%s\n", qPrintable(message));
    });
    QApplication app(argc, argv);
    const int runs = std::max(1, qEnvironmentVariableIntValue("REDSCOPE_BENCH_RUNS") ?: 3);
    const QByteArray only = qgetenv("REDSCOPE_BENCH_VALUES_SERVER");
    int status = 0;
    if (only.isEmpty() || only == "redis") status |= runOn(false, runs);
    if (only.isEmpty() || only == "redscope") status |= runOn(true, runs);
    return status;
}
