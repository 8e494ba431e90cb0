// Key browser benchmark: the real KeyBrowserPanel (offscreen), the real scanner, index and model,
// against real servers filled with 1M keys of a chat app's keyspace (chatKeyCommand: every type,
// namespaces 2-5 levels deep with uneven fan-out, values of 3 B to 2 KB; the shape of the sample
// data, scaled up). This process starts and fills each server once, then measures it
// REDSCOPE_BENCH_RUNS times (default 3), each time in a fresh child process so RSS figures do
// not share a heap, and prints the medians (every run's figures go to stderr):
//   scan_only_ms   the baseline: a plain SCAN loop (COUNT 32768, the browser's largest) over a
//                  synchronous hiredis connection, counting the names, in the same child just
//                  before the panel: how fast this server can hand out its keys at all
//   ready_ms       connecting until the scan is done and the tree is indexed and sorted: the run
//                  fails unless the tree then holds every key and its top-level rows' counts
//                  add up to them (what the user sees)
//   ready_vs_scan  ready_ms / scan_only_ms (the unqualified name's ratio to the limit)
//   first_rows_ms  connecting until the first rows appear in the tree
//   max_stall_ms   longest gap between ticks of a 1 ms GUI-thread timer during the load
//   max_stall_cpu_ms  the most CPU time the GUI thread itself spent between two such ticks:
//                  what the app made it do, where max_stall_ms also counts the time the
//                  thread waited for a core (on a machine loaded by other work, most of it)
//   panel_create_ms building and showing the (empty) panel, before the load: its own figure,
//                  not part of ready_ms or max_stall_ms (the load starts when the panel's
//                  connection opens, and the panel refreshes by itself as in the app)
//   rss_mb         RSS growth of the process from before the panel to the ready tree
//   cpu_ms         CPU time the app process spent (all threads) from connecting to ready: unlike
//                  the wall-clock figures, it barely moves when other processes load the machine
//   gui_cpu_ms     the part of cpu_ms spent on the GUI thread (what can stall it)
// plus value.json1mb.open_ms (a 1 MB JSON string: until its first screen is shown, pretty-printed),
// value.json1mb.complete_ms (until all of it is in the editor) and value.hash1m.first_page_ms.
// REDSCOPE_BENCH_SCAN_ON_GUI=1 runs the scan loop on the GUI thread (the A/B of the worker).
// REDSCOPE_BENCH_10M=1 adds a 10M-key run per server (keybrowser.10m.*; ~5 GB of server memory
// and a few minutes, hence opt-in). Every figure is printed for redis-server and redscope-server
// side by side, then unqualified (redscope's) with its ratio to redis-server's.
// REDSCOPE_BENCH_VALUES_ONLY=1 fills only 1000 keys besides the two values: the key-browser
// figures then mean nothing, the value.* ones are measured the same way in a few seconds.
// REDSCOPE_BENCH_ONLY=redscope,redscope10m (say) measures only the servers named.
#include "connection/redis_connection.h"
#include "keys/key_browser_panel.h"
#include "keys/key_index.h"
#include "keys/key_scanner.h"
#include "keys/key_tree_model.h"
#include "redis_test_client.h"
#include "test_server.h"
#include "values/collection_value_view.h"
#include "values/string_value_view.h"
#include "values/value_panel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QReadLocker>
#include <QTimer>
#include <QTreeView>

#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

static int g_keys = 1000000;

static qint64 cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

static qint64 threadCpuMs() // of the calling thread
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

static qint64 threadCpuNs() // of the calling thread, to the nanosecond
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

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

// Runs the event loop until done() or the timeout. It sleeps between events as exec() does: a
// loop that spun on processEvents() would take a core from the scan it waits for (the machine
// has two) and count as GUI-thread CPU. Everything done() looks at changes in an event.
static bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QTimer deadline; // wakes the loop when nothing else does (a coarse timer may fire early)
    deadline.setSingleShot(true);
    deadline.start(timeoutMs);
    while (!done()) {
        if (!deadline.isActive() || clock.elapsed() >= timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// One key of the chat-app keyspace the benchmark browses, key i of g_keys: namespaces 2 to 5
// levels deep with uneven fan-out (rooms, API endpoints and games are drawn with a skewed,
// Zipf-like choice, so some folders hold thousands of keys and most a few), and every type in
// the sizes such an app keeps: profile hashes, session and cache strings of 40 B to 2 KB with
// TTLs, message lists, member and presence sets, ranking sorted sets, counters. The same seed
// gives the same keyspace on every server and run.
static std::vector<std::string> chatKeyCommand(int i, std::mt19937 &rng)
{
    // Skewed pick in [0, n): the cube of a uniform draw favours small indexes.
    auto skewed = [&rng](int n) {
        const double u = std::uniform_real_distribution<double>(0, 1)(rng);
        return int(u * u * u * n);
    };
    auto text = [&rng](size_t length) {
        static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789 ";
        std::string t(length, ' ');
        for (char &c : t)
            c = alphabet[rng() % (sizeof alphabet - 1)];
        return t;
    };
    static const char *const endpoints[] = {"users",    "rooms",         "messages", "search",
                                            "feed",     "notifications", "settings", "media",
                                            "presence", "billing",       "auth",     "reports"};
    static const char *const games[] = {"chess", "trivia", "racing", "words", "poker"};
    static const char *const metrics[] = {"logins", "messages", "uploads", "errors", "calls"};
    const std::string id = std::to_string(i);
    const int kind = int(rng() % 100);
    if (kind < 25) { // user:<id> profile hash
        std::vector<std::string> c{"HSET",   "user:" + id,
                                   "name",   "user " + id,
                                   "email",  "user" + id + "@example.com",
                                   "lang",   rng() % 2 ? "en" : "fr",
                                   "status", rng() % 3 ? "offline" : "online"};
        for (int extra = int(rng() % 5); extra > 0; --extra) {
            c.push_back("pref" + std::to_string(extra));
            c.push_back(text(4 + rng() % 40));
        }
        return c;
    }
    if (kind < 30) { // user:<id>:friends set
        std::vector<std::string> c{"SADD", "user:" + id + ":friends"};
        for (int n = 1 + int(rng() % 12); n > 0; --n)
            c.push_back(std::to_string(rng() % 1000000));
        return c;
    }
    if (kind < 45) // session:<token> string with a day's TTL
        return {"SET", "session:" + id + "x" + std::to_string(rng()), text(40 + rng() % 160), "EX",
                "86400"};
    if (kind < 60) { // chat:<room>:thread:<id> list of JSON messages
        std::vector<std::string> c{"RPUSH",
                                   "chat:room" + std::to_string(skewed(3000)) + ":thread:" + id};
        for (int n = 1 + int(rng() % 20); n > 0; --n)
            c.push_back(R"({"from":)" + std::to_string(rng() % 100000) + R"(,"text":")" +
                        text(20 + rng() % 180) + R"("})");
        return c;
    }
    if (kind < 75) // cache:api:v<n>:<endpoint>:<id> string, 50 B to 2 KB, with a TTL
        return {"SET",
                "cache:api:v" + std::to_string(1 + skewed(3)) + ":" + endpoints[skewed(12)] + ":" +
                    id,
                text(50 + (rng() % 8 == 0 ? rng() % 2000 : rng() % 300)), "EX", "7200"};
    if (kind < 80) { // rank:<game>:week<n>:<id> sorted set
        std::vector<std::string> c{"ZADD", std::string("rank:") + games[skewed(5)] + ":week" +
                                               std::to_string(skewed(52)) + ":" + id};
        for (int n = 1 + int(rng() % 10); n > 0; --n) {
            c.push_back(std::to_string(rng() % 10000));
            c.push_back("player" + std::to_string(rng() % 50000));
        }
        return c;
    }
    if (kind < 90) // stats:<metric>:<id> counter
        return {"SET", std::string("stats:") + metrics[skewed(5)] + ":" + id,
                std::to_string(rng() % 100000)};
    if (kind < 95) // ratelimit:<id> short-lived counter
        return {"SET", "ratelimit:" + id, std::to_string(rng() % 100), "EX", "3600"};
    std::vector<std::string> c{"SADD", "presence:room" + std::to_string(skewed(3000)) + ":" + id};
    for (int n = 1 + int(rng() % 6); n > 0; --n)
        c.push_back("user:" + std::to_string(rng() % 1000000));
    return c;
}

static bool fill(int port, bool values)
{
    RedisTestClient client("127.0.0.1", port);
    if (!client.connected()) return false;
    int pending = 0;
    std::mt19937 rng(20261206);
    for (int i = 0; i < g_keys; ++i) {
        if (pending == 20000) { // keep the pipeline (and both buffers) bounded
            for (; pending > 0; --pending) {
                if (client.readReply().rfind("<io", 0) == 0) return false;
            }
        }
        client.append(chatKeyCommand(i, rng));
        ++pending;
    }
    if (!values) {
        for (; pending > 0; --pending) {
            if (client.readReply().rfind("<io", 0) == 0) return false;
        }
        return true;
    }
    std::string json = "{\"items\":[";
    for (int i = 0; json.size() < 1024 * 1024; ++i)
        json += (i ? "," : "") + std::string("{\"id\":") + std::to_string(i) +
                ",\"name\":\"item number " + std::to_string(i) + "\"}";
    json += "]}";
    client.append({"SET", "bench:json1mb", json});
    ++pending;
    for (int i = 0; i < 1000000; i += 1000) {
        std::vector<std::string> hset{"HSET", "bench:hash1m"};
        for (int j = i; j < i + 1000; ++j) {
            hset.push_back("field" + std::to_string(j));
            hset.push_back("value" + std::to_string(j));
        }
        client.append(hset);
        ++pending;
    }
    for (int i = 0; i < pending; ++i) {
        if (client.readReply().rfind("<io", 0) == 0) return false;
    }
    return true;
}

// The baseline: how long a plain SCAN loop takes to walk the whole keyspace of this server,
// with the browser's largest COUNT, parsing every reply (hiredis) and counting the names.
static qint64 scanOnlyMs(int port, quint64 *names)
{
    RedisTestClient client("127.0.0.1", port);
    if (!client.connected()) return -1;
    QElapsedTimer clock;
    clock.start();
    std::string cursor = "0";
    *names = 0;
    do {
        RedisTestClient::Reply reply = client.command({"SCAN", cursor, "COUNT", "32768"});
        if (!reply || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2) return -1;
        cursor.assign(reply->element[0]->str, reply->element[0]->len);
        *names += reply->element[1]->elements;
    } while (cursor != "0");
    return clock.elapsed();
}

// One measurement of a filled server, in this process. Prints `name value` lines for the parent
// to collect.
static int runOne(const QString &which, int port, bool big)
{
    if (big) g_keys = 10000000;
    if (qEnvironmentVariableIntValue("REDSCOPE_BENCH_VALUES_ONLY")) g_keys = 1000;
    const quint64 expected = quint64(g_keys + (big ? 0 : 2));
    quint64 scanned = 0;
    const qint64 scanOnly = scanOnlyMs(port, &scanned);
    if (scanOnly < 0 || scanned < expected) {
        std::fprintf(stderr, "%s: the baseline SCAN failed (%llu names)\n", qPrintable(which),
                     static_cast<unsigned long long>(scanned));
        return 1;
    }
    ConnectionSettings settings;
    settings.port = port;
    RedisConnection connection(settings);
    waitFor([] { return false; }, 200); // let the process settle before the baseline
    const double rssBefore = rssMb();

    // The panel is built and shown before its connection opens, and timed on its own: the load
    // figures start when the connection does (the panel then refreshes by itself, as when a
    // user opens a connection), so a stall of the load is not one of building the widgets.
    QElapsedTimer building;
    building.start();
    KeyBrowserPanel panel(&connection);
    panel.resize(1200, 800);
    panel.show();
    QCoreApplication::processEvents(); // the first layout and paint
    const qint64 panelCreateMs = building.elapsed();
    // A/B switch: the scan loop on the GUI thread over the panel's connection, as before the
    // scanner had a worker thread and a connection of its own.
    if (qEnvironmentVariableIntValue("REDSCOPE_BENCH_SCAN_ON_GUI"))
        panel.scanner()->setUseWorker(false);
    waitFor([] { return false; }, 200);

    qint64 firstRows = -1;
    qint64 ready = -1;
    qint64 maxStall = 0;
    qint64 maxStallCpuNs = 0; // the GUI thread's own CPU time within the longest-working gap
    qint64 lastTickCpuNs = 0;
    QElapsedTimer clock;
    QElapsedTimer tick;
    QTimer stallTimer;
    stallTimer.setTimerType(Qt::PreciseTimer);
    stallTimer.setInterval(1);
    QObject::connect(&stallTimer, &QTimer::timeout, [&] {
        maxStall = qMax(maxStall, tick.restart());
        const qint64 cpuNow = threadCpuNs();
        maxStallCpuNs = qMax(maxStallCpuNs, cpuNow - lastTickCpuNs);
        lastTickCpuNs = cpuNow;
    });
    QObject::connect(panel.model(), &QAbstractItemModel::rowsInserted, [&] {
        if (firstRows < 0) firstRows = clock.elapsed();
    });
    QObject::connect(&panel, &KeyBrowserPanel::scanSettled, [&] { ready = clock.elapsed(); });
    qint64 scanDone = -1; // the cursor came back to 0: ready_ms - scanDone is the index's tail
    QObject::connect(panel.scanner(), &KeyScanner::finished, [&] { scanDone = clock.elapsed(); });

    const qint64 cpuBefore = cpuMs();
    const qint64 guiCpuBefore = threadCpuMs();
    clock.start();
    tick.start();
    lastTickCpuNs = threadCpuNs();
    stallTimer.start();
    connection.connectToServer();
    if (!waitFor([&] { return connection.state() == RedisConnection::State::Ready; }, 10000))
        return 1;
    if (!panel.isBusy() && ready < 0) panel.refresh();
    if (!waitFor([&] { return ready >= 0; }, 600000)) return 1;
    const qint64 cpu = cpuMs() - cpuBefore;
    const qint64 guiCpu = threadCpuMs() - guiCpuBefore;
    stallTimer.stop();
    std::fprintf(stderr,
                 "%s: baseline SCAN %lld ms; browser scan %lld ms in %d SCAN calls, tree ready at "
                 "%lld ms, stall %lld ms\n",
                 qPrintable(which), static_cast<long long>(scanOnly),
                 static_cast<long long>(scanDone), panel.scanner()->calls(),
                 static_cast<long long>(ready), static_cast<long long>(maxStall));
    waitFor([] { return false; }, 100);
    const double rssAfter = rssMb();
#if defined(__GLIBC__)
    // Where the RSS went: malloc's heap in use and free (kept, not returned), its mmapped
    // blocks, and the index's own count of its store and tree.
    {
        const struct mallinfo2 heap = mallinfo2();
        QReadLocker locker(panel.keyIndex()->lock());
        const KeyTree &tree = panel.keyIndex()->tree();
        std::fprintf(stderr,
                     "%s: rss %.0f MB; malloc: %.0f MB in use, %.0f MB free in the heap, %.0f MB "
                     "mmapped; index: store %.0f MB, tree %.0f MB, %zu namespaces\n",
                     qPrintable(which), rssAfter, double(heap.uordblks) / 1048576.0,
                     double(heap.fordblks) / 1048576.0, double(heap.hblkhd) / 1048576.0,
                     double(tree.store()->memoryBytes()) / 1048576.0,
                     double(tree.memoryBytes()) / 1048576.0, tree.nodeCount());
    }
#endif
    // Ready means every key is in the tree, and the tree's top-level rows say so.
    quint64 shown = 0;
    QAbstractItemModel *model = panel.model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        const int kind = model->data(index, KeyTreeModel::KindRole).toInt();
        if (kind == int(KeyTreeModel::RowKind::Namespace))
            shown += model->data(index, KeyTreeModel::KeyCountRole).toULongLong();
        else if (kind == int(KeyTreeModel::RowKind::Key))
            ++shown;
    }
    if (panel.model()->keyCount() != expected || shown != expected) {
        std::fprintf(stderr, "the tree holds %llu keys, its rows show %llu, of %llu\n",
                     static_cast<unsigned long long>(panel.model()->keyCount()),
                     static_cast<unsigned long long>(shown),
                     static_cast<unsigned long long>(expected));
        return 1;
    }
    std::printf("scan_only_ms %lld\npanel_create_ms %lld\nmax_stall_cpu_ms %.1f\n",
                static_cast<long long>(scanOnly), static_cast<long long>(panelCreateMs),
                double(maxStallCpuNs) / 1e6);
    if (big) {
        std::printf("ready_ms %lld\nrss_mb %.0f\ncpu_ms %lld\nmax_stall_ms %lld\n"
                    "gui_cpu_ms %lld\n",
                    static_cast<long long>(ready), rssAfter - rssBefore,
                    static_cast<long long>(cpu), static_cast<long long>(maxStall),
                    static_cast<long long>(guiCpu));
        std::fflush(stdout);
        return 0;
    }
    // Expand one namespace so the view really lays out rows, as a user would.
    panel.treeView()->expand(panel.model()->index(0, 0));

    QElapsedTimer open;
    open.start();
    panel.jumpToKey("bench:json1mb");
    StringValueView *string = panel.valuePanel()->stringView();
    waitFor(
        [&] {
            return panel.valuePanel()->currentType() == QLatin1String("string") &&
                   string->isLoaded();
        },
        30000);
    QCoreApplication::processEvents();
    const qint64 jsonMs = open.elapsed();
    waitFor([&] { return string->isRendered(); }, 60000);
    const qint64 jsonCompleteMs = open.elapsed();
    if (string->mode() != StringValueView::Mode::Json) {
        std::fprintf(stderr, "the 1 MB JSON value did not open as JSON\n");
        return 1;
    }
    open.restart();
    panel.jumpToKey("bench:hash1m");
    CollectionValueModel *hash = panel.valuePanel()->collectionView()->model();
    waitFor(
        [&] {
            return panel.valuePanel()->currentType() == QLatin1String("hash") &&
                   hash->rowCount() >= CollectionValueModel::kChunk;
        },
        30000);
    const qint64 hashMs = open.elapsed();

    std::printf("ready_ms %lld\nfirst_rows_ms %lld\nmax_stall_ms %lld\nrss_mb %.0f\n"
                "cpu_ms %lld\ngui_cpu_ms %lld\njson1mb_open_ms %lld\njson1mb_complete_ms %lld\n"
                "hash1m_first_page_ms %lld\n",
                static_cast<long long>(ready), static_cast<long long>(firstRows),
                static_cast<long long>(maxStall), rssAfter - rssBefore, static_cast<long long>(cpu),
                static_cast<long long>(guiCpu), static_cast<long long>(jsonMs),
                static_cast<long long>(jsonCompleteMs), static_cast<long long>(hashMs));
    std::fflush(stdout);
    return 0;
}

// For profiling by hand, no server: `--index-only <1m|10m>` feeds the chat keyspace's names
// into a KeyIndex in SCAN-sized batches, sorts, and prints the index's CPU time and memory.
static int indexOnly(int keys)
{
    std::vector<QList<QByteArray>> batches;
    std::mt19937 rng(20261206);
    for (int i = 0; i < keys; ++i) {
        if (i % 32768 == 0) batches.emplace_back();
        batches.back().append(QByteArray::fromStdString(chatKeyCommand(i, rng)[1]));
    }
    const double rssBefore = rssMb();
    KeyIndex index;
    bool idle = false;
    QObject::connect(&index, &KeyIndex::idle, [&] { idle = true; });
    QElapsedTimer clock;
    clock.start();
    const qint64 cpuBefore = cpuMs();
    for (QList<QByteArray> &batch : batches) {
        index.addKeys(batch, quint64(keys)); // as a scan does, with DBSIZE
        batch = {}; // the index holds the only copy now, as after a SCAN reply
    }
    index.sort();
    waitFor([&] { return idle; }, 600000);
    const double rssAfter = rssMb();
    QReadLocker locker(index.lock());
    std::printf("index_ms %lld\nindex_cpu_ms %lld\nrss_mb %.0f\ntree_mb %.1f\nstore_mb %.1f\n"
                "keys %zu\nnamespaces %zu\n",
                static_cast<long long>(clock.elapsed()),
                static_cast<long long>(cpuMs() - cpuBefore), rssAfter - rssBefore,
                double(index.tree().memoryBytes()) / 1048576.0,
                double(index.tree().store()->memoryBytes()) / 1048576.0, index.tree().keyCount(),
                index.tree().nodeCount());
    return 0;
}

static double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    // For profiling by hand: `--fill <port> <1m|10m>` fills a running server as a run would.
    if (args.size() == 4 && args.at(1) == QLatin1String("--fill")) {
        g_keys = args.at(3) == QLatin1String("10m") ? 10000000 : 1000000;
        return fill(args.at(2).toInt(), g_keys < 10000000) ? 0 : 1;
    }
    if (args.size() == 3 && args.at(1) == QLatin1String("--index-only"))
        return indexOnly(args.at(2) == QLatin1String("10m") ? 10000000 : 1000000);
    // A child: `--measure <run> <port>`.
    if (args.size() == 4 && args.at(1) == QLatin1String("--measure"))
        return runOne(args.at(2), args.at(3).toInt(), args.at(2).endsWith(QLatin1String("10m")));

    const int repeats = qMax(1, qEnvironmentVariableIsSet("REDSCOPE_BENCH_RUNS")
                                    ? qEnvironmentVariableIntValue("REDSCOPE_BENCH_RUNS")
                                    : 3);
    QMap<QString, QMap<QString, QString>> figures; // run -> name -> median
    QStringList runs{QStringLiteral("redis"), QStringLiteral("redscope")};
    if (qEnvironmentVariableIntValue("REDSCOPE_BENCH_10M"))
        runs << QStringLiteral("redis10m") << QStringLiteral("redscope10m");
    const QStringList only =
        qEnvironmentVariable("REDSCOPE_BENCH_ONLY").split(QLatin1Char(','), Qt::SkipEmptyParts);
    int status = 0;
    for (const QString &run : std::as_const(runs)) {
        if (!only.isEmpty() && !only.contains(run)) continue;
        const bool big = run.endsWith(QLatin1String("10m"));
        g_keys = big ? 10000000 : 1000000;
        if (qEnvironmentVariableIntValue("REDSCOPE_BENCH_VALUES_ONLY")) g_keys = 1000;
        std::unique_ptr<TestServer> server = run.startsWith(QLatin1String("redis"))
                                                 ? TestServer::startRedis()
                                                 : TestServer::startRedscope();
        if (!server || !server->ok()) {
            std::fprintf(stderr, "cannot start %s: %s\n", qPrintable(run),
                         server ? server->error().c_str() : "?");
            status = 1;
            continue;
        }
        QElapsedTimer filling;
        filling.start();
        if (!fill(server->port(), !big)) {
            std::fprintf(stderr, "cannot fill %s\n", qPrintable(run));
            status = 1;
            continue;
        }
        std::fprintf(stderr, "%s: filled with %d keys in %.1f s\n", qPrintable(run), g_keys,
                     double(filling.elapsed()) / 1000.0);
        QMap<QString, std::vector<double>> samples; // name -> one value per repeat
        for (int repeat = 0; repeat < repeats; ++repeat) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(),
                        {QStringLiteral("--measure"), run, QString::number(server->port())});
            if (!child.waitForFinished(1800000) || child.exitCode() != 0) {
                std::fprintf(stderr, "bench_keybrowser: the %s run failed\n", qPrintable(run));
                status = 1;
                break;
            }
            for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
                const QList<QByteArray> parts = line.split(' ');
                if (parts.size() == 2)
                    samples[QString::fromUtf8(parts[0])].push_back(parts[1].toDouble());
            }
            const std::vector<double> &ready = samples.value(QStringLiteral("ready_ms"));
            const std::vector<double> &scan = samples.value(QStringLiteral("scan_only_ms"));
            if (!ready.empty() && !scan.empty() && scan.back() > 0)
                samples[QStringLiteral("ready_vs_scan")].push_back(ready.back() / scan.back());
        }
        for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
            if (int(it->size()) != repeats) continue;
            QStringList each;
            for (double value : *it)
                each << QString::number(value, 'g', 4);
            std::fprintf(stderr, "%s: %s runs: %s\n", qPrintable(run), qPrintable(it.key()),
                         qPrintable(each.join(QLatin1Char(' '))));
            figures[run][it.key()] = QString::number(median(*it), 'g', 6);
        }
    }
    std::printf("# medians of %d run(s) per server\n", repeats);
    const struct
    {
        const char *suffix; // "" for the 1M runs, "10m" for the 10M runs
        const char *key;
        const char *name;
        const char *unit;
    } rows[] = {
        {"", "scan_only_ms", "keybrowser.%1.1m.scan_only_ms", "ms"},
        {"", "ready_ms", "keybrowser.%1.1m.ready_ms", "ms"},
        {"", "ready_vs_scan", "keybrowser.%1.1m.ready_vs_scan", "ratio"},
        {"", "first_rows_ms", "keybrowser.%1.1m.first_rows_ms", "ms"},
        {"", "panel_create_ms", "keybrowser.%1.1m.panel_create_ms", "ms"},
        {"", "max_stall_ms", "keybrowser.%1.1m.max_stall_ms", "ms"},
        {"", "max_stall_cpu_ms", "keybrowser.%1.1m.max_stall_cpu_ms", "ms"},
        {"", "rss_mb", "keybrowser.%1.1m.rss_mb", "MB"},
        {"", "cpu_ms", "keybrowser.%1.1m.cpu_ms", "ms"},
        {"", "gui_cpu_ms", "keybrowser.%1.1m.gui_cpu_ms", "ms"},
        {"10m", "scan_only_ms", "keybrowser.%1.10m.scan_only_ms", "ms"},
        {"10m", "ready_ms", "keybrowser.%1.10m.ready_ms", "ms"},
        {"10m", "ready_vs_scan", "keybrowser.%1.10m.ready_vs_scan", "ratio"},
        {"10m", "rss_mb", "keybrowser.%1.10m.rss_mb", "MB"},
        {"10m", "cpu_ms", "keybrowser.%1.10m.cpu_ms", "ms"},
        {"10m", "max_stall_ms", "keybrowser.%1.10m.max_stall_ms", "ms"},
        {"10m", "max_stall_cpu_ms", "keybrowser.%1.10m.max_stall_cpu_ms", "ms"},
        {"10m", "gui_cpu_ms", "keybrowser.%1.10m.gui_cpu_ms", "ms"},
        {"", "json1mb_open_ms", "value.%1.json1mb.open_ms", "ms"},
        {"", "json1mb_complete_ms", "value.%1.json1mb.complete_ms", "ms"},
        {"", "hash1m_first_page_ms", "value.%1.hash1m.first_page_ms", "ms"},
    };
    for (const auto &row : rows) {
        const QString suffix = QString::fromLatin1(row.suffix);
        const QString key = QString::fromLatin1(row.key);
        const QString theirs = figures[QStringLiteral("redis") + suffix].value(key);
        const QString ours = figures[QStringLiteral("redscope") + suffix].value(key);
        if (!theirs.isEmpty()) {
            std::printf("BENCH %s %s %s\n", qPrintable(QString::fromLatin1(row.name).arg("redis")),
                        qPrintable(theirs), row.unit);
        }
        if (ours.isEmpty()) continue;
        std::printf("BENCH %s %s %s\n", qPrintable(QString::fromLatin1(row.name).arg("redscope")),
                    qPrintable(ours), row.unit);
        // The unqualified name carries the project's own server, then its ratio to Redis.
        const QString plain = QString::fromLatin1(row.name).arg(QString()).replace(
            QStringLiteral(".."), QStringLiteral("."));
        std::printf("BENCH %s %s %s\n", qPrintable(plain), qPrintable(ours), row.unit);
        if (!theirs.isEmpty() && theirs.toDouble() > 0) {
            std::printf("BENCH %s.vs_redis %.2f ratio\n", qPrintable(plain),
                        ours.toDouble() / theirs.toDouble());
        }
    }
    return status;
}
