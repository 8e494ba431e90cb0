// MONITOR against real servers (redscope-server, and Debian's redis-server for comparison):
// MonitorSession delivers the commands another connection runs and stop() ends the stream;
// an unreachable server fails with a readable reason; MonitorLineModel stays bounded; and the
// Monitor sub-tab is driven through its real Start/Stop/Clear buttons and filter.
#include "connection/redis_connection.h"
#include "server/monitor_line_model.h"
#include "server/monitor_panel.h"
#include "server/monitor_session.h"
#include "test_server.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace redscope;
using redscope::test::TestServer;
using State = MonitorSession::State;

class TstMonitor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sessionSeesOtherConnectionsCommands_data();
    void sessionSeesOtherConnectionsCommands();
    void unreachableServerFails();
    void modelStaysBounded();
    void modelShowsLocalTimesAndGaps();
    void panelStartFilterClearStop();

private:
    ConnectionSettings settings(int port) const;
    bool run(RedisConnection &connection, const QList<QByteArray> &args);

    std::unique_ptr<TestServer> m_redscope;
    std::unique_ptr<TestServer> m_redis;
};

ConnectionSettings TstMonitor::settings(int port) const
{
    ConnectionSettings s;
    s.name = QStringLiteral("monitor");
    s.port = port;
    return s;
}

bool TstMonitor::run(RedisConnection &connection, const QList<QByteArray> &args)
{
    bool done = false;
    bool ok = false;
    connection.send(args, [&](const RedisValue &reply) {
        done = true;
        ok = !reply.isError();
    });
    return QTest::qWaitFor([&] { return done; }, 5000) && ok;
}

static bool contains(const QList<QByteArray> &lines, const QByteArray &needle)
{
    return std::any_of(lines.begin(), lines.end(),
                       [&](const QByteArray &line) { return line.contains(needle); });
}

void TstMonitor::initTestCase()
{
    m_redscope = TestServer::startRedscope();
    QVERIFY2(m_redscope && m_redscope->ok(), m_redscope ? m_redscope->error().c_str() : "none");
    m_redis = TestServer::startRedis();
    QVERIFY2(m_redis && m_redis->ok(), m_redis ? m_redis->error().c_str() : "no server");
}

void TstMonitor::sessionSeesOtherConnectionsCommands_data()
{
    QTest::addColumn<bool>("redscope");
    QTest::newRow("redscope-server") << true;
    QTest::newRow("redis-server") << false;
}

void TstMonitor::sessionSeesOtherConnectionsCommands()
{
    QFETCH(bool, redscope);
    const int port = redscope ? m_redscope->port() : m_redis->port();
    RedisConnection other(settings(port));
    other.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(other.state(), RedisConnection::State::Ready, 10000);

    MonitorSession session(settings(port));
    session.setBatchInterval(20);
    QList<QByteArray> lines;
    connect(&session, &MonitorSession::linesReceived, &session,
            [&](const QList<QByteArray> &batch) { lines.append(batch); });
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Monitoring, 10000);

    QVERIFY(run(other, {"SET", "monitor:key", "hello world"}));
    QVERIFY(run(other, {"GET", "monitor:key"}));
    QTRY_VERIFY_WITH_TIMEOUT(contains(lines, "\"GET\" \"monitor:key\""), 5000);
    QVERIFY(contains(lines, "\"SET\" \"monitor:key\" \"hello world\""));
    // Each line starts with the server's timestamp, e.g. "1700000000.123456 [0 127.0.0.1:..]".
    const QByteArray first = lines.first();
    QVERIFY2(first.indexOf('.') > 0 && first.indexOf('.') < first.indexOf(' '), first);
    QCOMPARE(session.receivedCount(), quint64(lines.size()));

    session.stop();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Stopped, 5000);
    QVERIFY(session.errorText().isEmpty());
    const qsizetype before = lines.size();
    QVERIFY(run(other, {"SET", "monitor:after-stop", "1"}));
    session.flushNow();
    QTest::qWait(300);
    QCOMPARE(lines.size(), before);
    QVERIFY(!contains(lines, "monitor:after-stop"));

    // A stopped session starts again on a fresh connection.
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Monitoring, 10000);
    QVERIFY(run(other, {"SET", "monitor:restarted", "1"}));
    QTRY_VERIFY_WITH_TIMEOUT(contains(lines, "monitor:restarted"), 5000);
}

void TstMonitor::unreachableServerFails()
{
    MonitorSession session(settings(TestServer::freePort()));
    session.start();
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Failed, 10000);
    QVERIFY2(session.errorText().startsWith(QStringLiteral("Cannot start MONITOR on")),
             qPrintable(session.errorText()));
    QVERIFY(!session.isActive());
}

void TstMonitor::modelStaysBounded()
{
    MonitorLineModel model;
    QAbstractItemModelTester tester(&model);
    model.setCapacity(100);
    QList<QByteArray> batch;
    for (int i = 0; i < 70; ++i)
        batch.append("line " + QByteArray::number(i));
    model.appendLines(batch);
    QCOMPARE(model.rowCount(), 70);
    model.appendLines(batch); // 140 lines for 100 slots: the 40 oldest go
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.droppedCount(), quint64(40));
    QCOMPARE(model.line(0), QByteArray("line 40"));
    QCOMPARE(model.index(99).data().toString(), QStringLiteral("line 69"));

    QList<QByteArray> huge; // one batch larger than the bound keeps only its newest lines
    for (int i = 0; i < 250; ++i)
        huge.append("big " + QByteArray::number(i));
    model.appendLines(huge);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.line(0), QByteArray("big 150"));
    QCOMPARE(model.line(99), QByteArray("big 249"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

// "1733580201.512345 [0 addr] ..." reads as the local clock time with milliseconds, then the
// time since the previous line; the tooltip keeps the server's raw line.
void TstMonitor::modelShowsLocalTimesAndGaps()
{
    MonitorLineModel model;
    QAbstractItemModelTester tester(&model);
    const qint64 seconds = QDateTime::currentSecsSinceEpoch();
    const QByteArray first =
        QByteArray::number(seconds) + ".512345 [0 127.0.0.1:5555] \"GET\" \"a\"";
    const QByteArray second =
        QByteArray::number(seconds) + ".513579 [0 127.0.0.1:5555] \"SET\" \"a\" \"1\"";
    model.appendLines({first, second, "OK"});
    const QString clock =
        QDateTime::fromSecsSinceEpoch(seconds).toString(QStringLiteral("HH:mm:ss")) + ".512";
    QCOMPARE(model.index(0).data().toString(),
             clock + QStringLiteral("             [0 127.0.0.1:5555] \"GET\" \"a\""));
    QCOMPARE(model.index(1).data().toString(),
             clock.left(8) +
                 QStringLiteral(".513  +1.23 ms   [0 127.0.0.1:5555] \"SET\" \"a\" \"1\""));
    QCOMPARE(model.index(2).data().toString(), QStringLiteral("OK"));
    QCOMPARE(model.index(0).data(Qt::ToolTipRole).toString(), QString::fromUtf8(first));
}

void TstMonitor::panelStartFilterClearStop()
{
    RedisConnection connection(settings(m_redscope->port()));
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);

    MonitorPanel panel(&connection);
    QAbstractItemModelTester tester(panel.model());
    QAbstractItemModelTester proxyTester(panel.filteredModel());
    panel.resize(900, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto *start = panel.findChild<QPushButton *>(QStringLiteral("monitorStart"));
    auto *stop = panel.findChild<QPushButton *>(QStringLiteral("monitorStop"));
    auto *clear = panel.findChild<QPushButton *>(QStringLiteral("monitorClear"));
    QVERIFY(start && stop && clear);
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    QVERIFY(!panel.session()); // nothing connects before Start

    QTest::mouseClick(start, Qt::LeftButton);
    QVERIFY(panel.session());
    QTRY_COMPARE_WITH_TIMEOUT(panel.session()->state(), State::Monitoring, 10000);
    QVERIFY(!start->isEnabled());
    QVERIFY(stop->isEnabled());

    for (int i = 0; i < 5; ++i)
        QVERIFY(run(connection, {"SET", "panel:" + QByteArray::number(i), "v"}));
    QVERIFY(run(connection, {"INCR", "panel:counter"}));
    QTRY_VERIFY_WITH_TIMEOUT(panel.model()->rowCount() >= 6, 5000);
    QVERIFY(panel.statusText().startsWith(QStringLiteral("Monitoring")));

    panel.setFilter(QStringLiteral("incr"));
    QCOMPARE(panel.filteredModel()->rowCount(), 1);
    QVERIFY(panel.filteredModel()->index(0, 0).data().toString().contains(
        QStringLiteral("\"INCR\" \"panel:counter\"")));
    QVERIFY2(panel.statusText().contains(QStringLiteral("1 of")), qPrintable(panel.statusText()));
    panel.setFilter({});
    QCOMPARE(panel.filteredModel()->rowCount(), panel.model()->rowCount());

    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(panel.model()->rowCount(), 0);
    QVERIFY(run(connection, {"SET", "panel:after-clear", "v"}));
    QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 1, 5000);

    QTest::mouseClick(stop, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(panel.session()->state(), State::Stopped, 5000);
    QVERIFY(start->isEnabled());
    QVERIFY(!stop->isEnabled());
    QVERIFY(run(connection, {"SET", "panel:after-stop", "v"}));
    QTest::qWait(300);
    QCOMPARE(panel.model()->rowCount(), 1);
    QVERIFY(panel.statusText().startsWith(QStringLiteral("Stopped")));
}

QTEST_MAIN(TstMonitor)
#include "tst_monitor.moc"
