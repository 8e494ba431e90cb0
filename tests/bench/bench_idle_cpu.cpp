// Idle CPU of the app: the real MainWindow (offscreen) with the Local engine (the embedded
// engine host, as the app starts it) plus two connections to Debian's redis-server, each
// workspace with its Keys tab visited and its Dashboard tab open (the last workspace's shown).
// Every server holds 1,000 keys, 100 of them with a TTL, so countdowns tick as they would for a
// user. After REDSCOPE_BENCH_IDLE_SETTLE_S seconds (default 10) of settling, the CPU time of
// the whole process (every thread: GUI, engine, scanners, probes) is measured over
// REDSCOPE_BENCH_IDLE_SECONDS (default 60):
//   app.idle_cpu_pct  CPU time / wall time, in percent of one core (goal: <= 1.0)
//   app.idle_gui_cpu_pct  the part spent on the GUI thread
#include "connection/connection_settings.h"
#include "connection/redis_connection.h"
#include "keys/key_browser_panel.h"
#include "local/engine_host.h"
#include "monitoring/dashboard_panel.h"
#include "redis_test_client.h"
#include "test_server.h"
#include "window/connection_workspace.h"
#include "window/main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

static qint64 cpuMs(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

// A real event loop that sleeps between events, as the app's does (processEvents() in a loop
// would spin and measure itself).
static void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

static int envSeconds(const char *name, int fallback)
{
    const char *value = std::getenv(name);
    return value && std::atoi(value) > 0 ? std::atoi(value) : fallback;
}

static void fill(RedisTestClient &client)
{
    for (int i = 0; i < 1000; ++i) {
        const std::string key = "bench:user:" + std::to_string(i % 50) + ":" + std::to_string(i);
        if (i % 10 == 0)
            client.run({"SET", key, "value", "EX", "3600"});
        else
            client.run({"SET", key, "value"});
    }
}

static bool waitReady(RedisConnection *connection)
{
    QElapsedTimer timer;
    timer.start();
    while (connection->state() != RedisConnection::State::Ready && timer.elapsed() < 10000)
        wait(20);
    return connection->state() == RedisConnection::State::Ready;
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    QApplication app(argc, argv);
    const int settleS = envSeconds("REDSCOPE_BENCH_IDLE_SETTLE_S", 10);
    const int measureS = envSeconds("REDSCOPE_BENCH_IDLE_SECONDS", 60);

    std::unique_ptr<TestServer> first = TestServer::startRedis();
    std::unique_ptr<TestServer> second = TestServer::startRedis();
    if (!first || !second) {
        std::fprintf(stderr, "bench_idle_cpu: cannot start redis-server\n");
        return 1;
    }
    EngineHost::Options options;
    options.dataDir = home.filePath(QStringLiteral("engine"));
    options.runtimeDir = home.path();
    EngineHost engine(options);
    QString error;
    if (!engine.start(&error)) {
        std::fprintf(stderr, "bench_idle_cpu: engine: %s\n", qPrintable(error));
        return 1;
    }
    for (TestServer *server : {first.get(), second.get()}) {
        RedisTestClient client("127.0.0.1", server->port());
        fill(client);
    }
    {
        RedisTestClient client(engine.socketPath().toStdString());
        fill(client);
    }

    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QList<RedisConnection *> connections;
    connections << window.openLocalEngine(engine.socketPath(), engine.dataDir());
    for (TestServer *server : {first.get(), second.get()}) {
        ConnectionSettings settings;
        settings.name = QStringLiteral("redis %1").arg(server->port());
        settings.port = server->port();
        connections << window.openConnection(settings);
    }
    for (RedisConnection *connection : std::as_const(connections)) {
        if (!connection || !waitReady(connection)) {
            std::fprintf(stderr, "bench_idle_cpu: a connection did not become ready\n");
            return 1;
        }
    }
    // Each workspace: Keys visited (its scan runs), then Dashboard open. The last one stays
    // on screen with its Dashboard.
    for (RedisConnection *connection : std::as_const(connections)) {
        ConnectionWorkspace *workspace = nullptr;
        for (ConnectionWorkspace *candidate : window.findChildren<ConnectionWorkspace *>()) {
            if (candidate->connection() == connection) workspace = candidate;
        }
        if (!workspace) {
            std::fprintf(stderr, "bench_idle_cpu: no workspace for a connection\n");
            return 1;
        }
        workspace->showPanel<KeyBrowserPanel>();
        wait(1500);
        workspace->showPanel<DashboardPanel>();
        wait(500);
    }

    // REDSCOPE_BENCH_IDLE_TAB=keys leaves the Keys tab on screen instead (to tell the costs
    // of the two apart).
    if (qgetenv("REDSCOPE_BENCH_IDLE_TAB") == "keys") {
        for (ConnectionWorkspace *workspace : window.findChildren<ConnectionWorkspace *>())
            workspace->showPanel<KeyBrowserPanel>();
    }
    wait(settleS * 1000);
    QElapsedTimer wall;
    const qint64 cpuBefore = cpuMs(RUSAGE_SELF);
    const qint64 guiBefore = cpuMs(RUSAGE_THREAD);
    wall.start();
    wait(measureS * 1000);
    const double wallMs = double(wall.elapsed());
    const double cpu = double(cpuMs(RUSAGE_SELF) - cpuBefore);
    const double gui = double(cpuMs(RUSAGE_THREAD) - guiBefore);
    std::printf("BENCH app.idle_cpu_pct %.2f %%\n", 100.0 * cpu / wallMs);
    std::printf("BENCH app.idle_gui_cpu_pct %.2f %%\n", 100.0 * gui / wallMs);
    std::printf("# measured %.0f s after %d s of settling: Local engine + 2 redis-server "
                "connections, Keys visited and Dashboard open in each\n",
                wallMs / 1000.0, settleS);
    std::fflush(stdout);
    return 0;
}
