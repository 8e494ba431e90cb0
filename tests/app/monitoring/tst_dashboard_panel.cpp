// DashboardPanel offscreen against real servers: charts and header cards fill from Debian's
// redis-server (and from redscope-server for the memory chart), Pause really stops polling,
// the CSV writer exports the history rows of the window, the PNG writer saves a real image, and
// enabling the server latency monitor shows the event a DEBUG SLEEP caused.
#include "connection/redis_connection.h"
#include "monitoring/dashboard_panel.h"
#include "monitoring/info_poller.h"
#include "monitoring/latency_sampler.h"
#include "test_server.h"
#include "widgets/time_chart.h"

#include <QFile>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;
using redscope::test::TestServer;

class TstDashboardPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void chartsAndCardsFill();
    void pauseStopsPoints();
    void csvExport();
    void pngExport();
    void windowChange();
    void latencyMonitorEvents();
    void engineMemoryChart();

private:
    static std::unique_ptr<RedisConnection> connectTo(int port);
    int totalPoints() const;

    std::unique_ptr<TestServer> m_redis;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<DashboardPanel> m_panel;
    QTemporaryDir m_dir;
};

std::unique_ptr<RedisConnection> TstDashboardPanel::connectTo(int port)
{
    ConnectionSettings settings;
    settings.name = QStringLiteral("dash");
    settings.port = port;
    auto connection = std::make_unique<RedisConnection>(settings);
    connection->connectToServer();
    return connection;
}

void TstDashboardPanel::initTestCase()
{
    m_redis = TestServer::startRedis({"--enable-debug-command", "yes"});
    QVERIFY2(m_redis && m_redis->ok(), m_redis ? m_redis->error().c_str() : "no server");
    for (int i = 0; i < 50; ++i)
        test::sendRawCommand(m_redis->port(), {"SET", "key:" + std::to_string(i), "v"});
    test::sendRawCommand(m_redis->port(), {"GET", "key:1"});
    test::sendRawCommand(m_redis->port(), {"GET", "missing"});
    m_connection = connectTo(m_redis->port());
    m_panel = std::make_unique<DashboardPanel>(m_connection.get());
    m_panel->setPollInterval(100);
    m_panel->resize(1200, 900);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), RedisConnection::State::Ready, 10000);
}

void TstDashboardPanel::cleanupTestCase()
{
    m_panel.reset();
    m_connection.reset();
}

int TstDashboardPanel::totalPoints() const
{
    int total = 0;
    for (TimeChart *chart : m_panel->charts())
        total += chart->totalPointCount();
    return total;
}

void TstDashboardPanel::chartsAndCardsFill()
{
    TimeChart *memory = m_panel->chart(QStringLiteral("Memory"));
    QVERIFY(memory);
    QTRY_VERIFY_WITH_TIMEOUT(memory->pointCount(QStringLiteral("used")) >= 4, 10000);
    QVERIFY(memory->pointCount(QStringLiteral("rss")) >= 4);
    QVERIFY(m_panel->chart(QStringLiteral("Operations / s"))->pointCount(QStringLiteral("ops")) >=
            4);
    TimeChart *clients = m_panel->chart(QStringLiteral("Clients"));
    QVERIFY(clients->pointCount(QStringLiteral("connected")) >= 4);
    QVERIFY(clients->pointCount(QStringLiteral("blocked")) >= 4);
    QVERIFY(m_panel->chart(QStringLiteral("Network"))->pointCount(QStringLiteral("in")) >= 4);
    QVERIFY(
        m_panel->chart(QStringLiteral("Keyspace hit ratio"))->pointCount(QStringLiteral("ratio")) >=
        1);
    QVERIFY(
        m_panel->chart(QStringLiteral("Keys per database"))->pointCount(QStringLiteral("db0")) >=
        4);
    QTRY_VERIFY(m_panel->chart(QStringLiteral("Latency"))->pointCount(QStringLiteral("rtt")) >= 2);

    const InfoSnapshot &last = m_panel->poller()->last();
    QCOMPARE(last.keysPerDb().value(0).keys, 50);
    QVERIFY(m_panel->cardText(DashboardPanel::Card::Version).startsWith(QLatin1String("7.")));
    QCOMPARE(m_panel->cardText(DashboardPanel::Card::Role), QStringLiteral("master"));
    QCOMPARE(m_panel->cardText(DashboardPanel::Card::Aof), QStringLiteral("off"));
    QTRY_COMPARE(m_panel->cardText(DashboardPanel::Card::Memory),
                 InfoSnapshot::formatBytes(double(m_panel->poller()->last().usedMemory())));
    const QString lastSave = m_panel->cardText(DashboardPanel::Card::LastSave);
    // TimeFormat::ago: "just now" within 5 s of a save, "12 s ago" after.
    QVERIFY2(lastSave.endsWith(QLatin1String("ago")) ||
                 lastSave.contains(QLatin1String("just now")),
             qPrintable(lastSave));
    auto *stats = m_panel->findChild<QLabel *>(QStringLiteral("latencyStats"));
    QVERIFY(stats->text().contains(QLatin1String("p99")));
    QVERIFY(m_panel->chart(QStringLiteral("Latency"))->chart()->title().contains("p50"));
    // History rows carry the same values the charts show.
    QCOMPARE(m_panel->history().rows().back().values.value(QStringLiteral("keys_db0")), 50.0);
}

void TstDashboardPanel::pauseStopsPoints()
{
    auto *pause = m_panel->findChild<QPushButton *>(QStringLiteral("dashboardPause"));
    QVERIFY(pause);
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(m_panel->isPaused());
    QCOMPARE(pause->text(), QStringLiteral("Resume"));
    QVERIFY(!m_panel->poller()->isRunning());
    QVERIFY(!m_panel->sampler()->isRunning());
    QTest::qWait(50); // a reply already on its way was cancelled, not drawn
    const int points = totalPoints();
    const int rows = m_panel->history().size();
    QTest::qWait(600);
    QCOMPARE(totalPoints(), points);
    QCOMPARE(m_panel->history().size(), rows);

    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(!m_panel->isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(totalPoints() > points, 5000);
}

void TstDashboardPanel::csvExport()
{
    const QString path = m_dir.filePath(QStringLiteral("metrics.csv"));
    QString error;
    QVERIFY2(m_panel->exportCsv(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QVERIFY(lines.size() >= 5);
    const QList<QByteArray> header = lines.first().split(',');
    QCOMPARE(header.first(), QByteArray("time"));
    for (const char *column : {"used_memory", "used_memory_rss", "ops_per_sec", "connected_clients",
                               "net_input_bytes_per_sec", "keys_db0"})
        QVERIFY2(header.contains(column), column);
    QCOMPARE(lines.size() - 1, m_panel->history().size()); // all rows are inside 5 minutes
    const QList<QByteArray> last = lines.last().split(',');
    QCOMPARE(last.size(), header.size());
    QCOMPARE(last.at(header.indexOf("keys_db0")), QByteArray("50"));
    const qint64 usedMemory = last.at(header.indexOf("used_memory")).toLongLong();
    QCOMPARE(double(usedMemory),
             m_panel->history().rows().back().values.value(QStringLiteral("used_memory")));
    QVERIFY(!m_panel->exportCsv(m_dir.filePath(QStringLiteral("no/such/dir/x.csv")), &error));
    QVERIFY(!error.isEmpty());
}

void TstDashboardPanel::pngExport()
{
    const QString path = m_dir.filePath(QStringLiteral("memory.png"));
    QString error;
    TimeChart *memory = m_panel->chart(QStringLiteral("Memory"));
    QVERIFY2(m_panel->exportChartPng(memory, path, &error), qPrintable(error));
    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), memory->size() * memory->devicePixelRatio());
}

void TstDashboardPanel::windowChange()
{
    m_panel->setWindowMs(60 * 1000);
    QCOMPARE(m_panel->windowMs(), 60 * 1000);
    const QString path = m_dir.filePath(QStringLiteral("minute.csv"));
    QVERIFY(m_panel->exportCsv(path, nullptr));
    m_panel->setWindowMs(60 * 60 * 1000);
    QCOMPARE(m_panel->windowMs(), 60 * 60 * 1000);
}

void TstDashboardPanel::latencyMonitorEvents()
{
    auto *enable = m_panel->findChild<QPushButton *>(QStringLiteral("enableLatencyMonitor"));
    QVERIFY(enable);
    QTRY_VERIFY(!enable->isHidden()); // the threshold is 0 on a fresh server
    m_panel->setLatencyMonitorThreshold(50);
    QTRY_COMPARE(m_panel->latencyMonitorThreshold(), 50);
    QVERIFY(enable->isHidden());
    const std::string threshold =
        test::sendRawCommand(m_redis->port(), {"CONFIG", "GET", "latency-monitor-threshold"});
    QVERIFY2(threshold.find("\r\n50\r\n") != std::string::npos, threshold.c_str());

    test::sendRawCommand(m_redis->port(), {"DEBUG", "SLEEP", "0.2"});
    auto *events = m_panel->findChild<QTableWidget *>(QStringLiteral("latencyEvents"));
    QVERIFY(events && !events->isHidden());
    QTRY_VERIFY_WITH_TIMEOUT(events->rowCount() >= 1, 10000);
    QStringList names;
    for (int row = 0; row < events->rowCount(); ++row)
        names.append(events->item(row, 0)->text());
    QVERIFY2(names.contains(QStringLiteral("command")), qPrintable(names.join(',')));
    TimeChart *latency = m_panel->chart(QStringLiteral("Latency"));
    QTRY_VERIFY(latency->pointCount(QStringLiteral("event:command")) >= 1);
}

void TstDashboardPanel::engineMemoryChart()
{
    auto engine = TestServer::startRedscope();
    QVERIFY2(engine && engine->ok(), engine ? engine->error().c_str() : "no server");
    auto connection = connectTo(engine->port());
    DashboardPanel panel(connection.get());
    panel.setPollInterval(100);
    panel.show(); // a hidden dashboard keeps the history and draws nothing
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    TimeChart *memory = panel.chart(QStringLiteral("Memory"));
    QTRY_VERIFY_WITH_TIMEOUT(memory->pointCount(QStringLiteral("used")) >= 3, 10000);
    QVERIFY(!panel.cardText(DashboardPanel::Card::Version).isEmpty());
    QVERIFY(panel.chart(QStringLiteral("Clients"))->pointCount(QStringLiteral("connected")) >= 3);
}

QTEST_MAIN(TstDashboardPanel)
#include "tst_dashboard_panel.moc"
