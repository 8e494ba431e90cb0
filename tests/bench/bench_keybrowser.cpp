// Key browser benchmark: the real KeyBrowserPanel (offscreen), the real scanner, index and model,
// against real servers filled with 1M keys four levels deep (app:modN:entN:id). Each server is
// measured in a child process of its own so RSS figures do not share a heap:
//   ready_ms       refresh until the scan is done and the tree is indexed and sorted
//   first_rows_ms  refresh until the first rows appear in the tree
//   max_stall_ms   longest gap between ticks of a 1 ms GUI-thread timer during the load
//   rss_mb         RSS growth of the process from before the panel to the ready tree
// plus value.json1mb.open_ms (a 1 MB JSON string shown) and value.hash1m.first_page_ms.
#include "collection_value_view.h"
#include "key_browser_panel.h"
#include "key_scanner.h"
#include "key_tree_model.h"
#include "redis_connection.h"
#include "redis_test_client.h"
#include "string_value_view.h"
#include "test_server.h"
#include "value_panel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <memory>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

static constexpr int kKeys = 1000000;

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

static bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

static bool fill(int port)
{
    RedisTestClient client("127.0.0.1", port);
    if (!client.connected()) return false;
    int pending = 0;
    for (int i = 0; i < kKeys; i += 1000) {
        std::vector<std::string> mset{"MSET"};
        for (int j = i; j < i + 1000; ++j) {
            mset.push_back("app:mod" + std::to_string(j % 10) + ":ent" +
                           std::to_string((j / 10) % 10) + ":" + std::to_string(j));
            mset.push_back("v");
        }
        client.append(mset);
        ++pending;
    }
    std::string json = "{\"items\":[";
    for (int i = 0; json.size() < 1024 * 1024; ++i)
        json += (i ? "," : "") + std::string("{\"id\":") + std::to_string(i) +
                ",\"name\":\"item number " + std::to_string(i) + "\"}";
    json += "]}";
    client.append({"SET", "bench:json1mb", json});
    ++pending;
    for (int i = 0; i < kKeys; i += 1000) {
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

// One server, in this process. Prints `name value` lines for the parent to collect.
static int runOne(const QString &which)
{
    std::unique_ptr<TestServer> server = which == QLatin1String("redis")
                                             ? TestServer::startRedis()
                                             : TestServer::startRedscope();
    if (!server || !server->ok()) {
        std::fprintf(stderr, "cannot start %s: %s\n", qPrintable(which),
                     server ? server->error().c_str() : "?");
        return 1;
    }
    if (!fill(server->port())) {
        std::fprintf(stderr, "cannot fill %s\n", qPrintable(which));
        return 1;
    }
    ConnectionSettings settings;
    settings.port = server->port();
    RedisConnection connection(settings);
    connection.connectToServer();
    if (!waitFor([&] { return connection.state() == RedisConnection::State::Ready; }, 10000))
        return 1;
    waitFor([] { return false; }, 200); // let the process settle before the baseline
    const double rssBefore = rssMb();

    qint64 firstRows = -1;
    qint64 ready = -1;
    qint64 maxStall = 0;
    QElapsedTimer clock;
    QElapsedTimer tick;
    QTimer stallTimer;
    stallTimer.setTimerType(Qt::PreciseTimer);
    stallTimer.setInterval(1);
    QObject::connect(&stallTimer, &QTimer::timeout, [&] {
        maxStall = qMax(maxStall, tick.restart());
    });

    clock.start();
    tick.start();
    stallTimer.start();
    KeyBrowserPanel panel(&connection);
    panel.resize(1200, 800);
    panel.show();
    QObject::connect(panel.model(), &QAbstractItemModel::rowsInserted, [&] {
        if (firstRows < 0) firstRows = clock.elapsed();
    });
    QObject::connect(&panel, &KeyBrowserPanel::scanSettled, [&] { ready = clock.elapsed(); });
    if (!panel.isBusy()) panel.refresh();
    if (!waitFor([&] { return ready >= 0; }, 300000)) return 1;
    stallTimer.stop();
    std::fprintf(stderr, "%s: scan %lld ms in %d SCAN calls, tree ready at %lld ms\n",
                 qPrintable(which), static_cast<long long>(panel.scanner()->elapsedMs()),
                 panel.scanner()->calls(), static_cast<long long>(ready));
    waitFor([] { return false; }, 100);
    const double rssAfter = rssMb();
    if (panel.model()->keyCount() != quint64(kKeys + 2)) {
        std::fprintf(stderr, "tree holds %llu keys\n",
                     static_cast<unsigned long long>(panel.model()->keyCount()));
        return 1;
    }
    // Expand one namespace so the view really lays out rows, as a user would.
    panel.treeView()->expand(panel.model()->index(0, 0));

    QElapsedTimer open;
    open.start();
    panel.jumpToKey("bench:json1mb");
    StringValueView *string = panel.valuePanel()->stringView();
    waitFor([&] { return panel.valuePanel()->currentType() == QLatin1String("string") &&
                         string->isLoaded(); },
            30000);
    QCoreApplication::processEvents();
    const qint64 jsonMs = open.elapsed();
    open.restart();
    panel.jumpToKey("bench:hash1m");
    CollectionValueModel *hash = panel.valuePanel()->collectionView()->model();
    waitFor([&] { return panel.valuePanel()->currentType() == QLatin1String("hash") &&
                         hash->rowCount() >= CollectionValueModel::kChunk; },
            30000);
    const qint64 hashMs = open.elapsed();

    std::printf("ready_ms %lld\nfirst_rows_ms %lld\nmax_stall_ms %lld\nrss_mb %.0f\n"
                "json1mb_open_ms %lld\nhash1m_first_page_ms %lld\n",
                static_cast<long long>(ready), static_cast<long long>(firstRows),
                static_cast<long long>(maxStall), rssAfter - rssBefore,
                static_cast<long long>(jsonMs), static_cast<long long>(hashMs));
    std::fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() > 1) return runOne(args.at(1));

    QMap<QString, QMap<QString, QString>> figures; // server -> name -> value
    int status = 0;
    for (const QString &server : {QStringLiteral("redis"), QStringLiteral("redscope")}) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {server});
        if (!child.waitForFinished(600000) || child.exitCode() != 0) {
            std::fprintf(stderr, "bench_keybrowser: the %s run failed\n", qPrintable(server));
            status = 1;
            continue;
        }
        for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() == 2)
                figures[server][QString::fromUtf8(parts[0])] = QString::fromUtf8(parts[1]);
        }
    }
    const struct {
        const char *key;
        const char *name;
        const char *unit;
    } rows[] = {
        {"ready_ms", "keybrowser.%1.1m.ready_ms", "ms"},
        {"first_rows_ms", "keybrowser.%1.1m.first_rows_ms", "ms"},
        {"max_stall_ms", "keybrowser.%1.1m.max_stall_ms", "ms"},
        {"rss_mb", "keybrowser.%1.1m.rss_mb", "MB"},
        {"json1mb_open_ms", "value.%1.json1mb.open_ms", "ms"},
        {"hash1m_first_page_ms", "value.%1.hash1m.first_page_ms", "ms"},
    };
    for (const auto &row : rows) {
        for (const QString &server : {QStringLiteral("redis"), QStringLiteral("redscope")}) {
            const QString value = figures[server].value(QString::fromLatin1(row.key));
            if (value.isEmpty()) continue;
            std::printf("BENCH %s %s %s\n", qPrintable(QString::fromLatin1(row.name).arg(server)),
                        qPrintable(value), row.unit);
        }
        // The unqualified name carries the project's own server.
        const QString ours = figures[QStringLiteral("redscope")].value(QString::fromLatin1(row.key));
        if (!ours.isEmpty()) {
            std::printf("BENCH %s %s %s\n",
                        qPrintable(QString::fromLatin1(row.name).arg(QString()).replace(
                            QStringLiteral(".."), QStringLiteral("."))),
                        qPrintable(ours), row.unit);
        }
    }
    return status;
}
