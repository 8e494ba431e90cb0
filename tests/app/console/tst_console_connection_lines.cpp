// What the console says when its connection drops, against a real redis-server: the loss with
// its error and that it reconnects by itself, once (not again at each retry of the backoff,
// only when the error changes), then "Reconnected" when the server is back on the same port;
// a wrong password says "Authentication failed" once; a Disconnect names the server. Connect
// (menu and sidebar) stays enabled on a lost connection and retries at once, rather than
// after the backoff.
// (The Local engine's stops are tests/app/local/tst_engine_stop_controls.cpp.)
#include "connection/connection_sidebar.h"
#include "connection/connection_store.h"
#include "connection/password_vault.h"
#include "connection/redis_connection.h"
#include "console/console_panel.h"
#include "redis_test_client.h"
#include "test_server.h"
#include "window/main_window.h"
#include "window/window_menus.h"

#include <QAction>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;
using redscope::test::TestServer;

namespace {

constexpr int kTimeout = 20000; // the backoff doubles from 0.5 s: the third retry is at 3.5 s

QString output(const ConsolePanel &console)
{
    return console.findChild<QPlainTextEdit *>(QStringLiteral("consoleOutput"))->toPlainText();
}

ConnectionSettings settingsFor(int port)
{
    ConnectionSettings settings;
    settings.name = QStringLiteral("remote");
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = port;
    return settings;
}

} // namespace

class TstConsoleConnectionLines : public QObject
{
    Q_OBJECT

private slots:
    void lossSaysReconnectingOnceThenReconnected();
    void wrongPasswordSaidOnce();
    void connectOnALostConnectionRetriesNow();
};

void TstConsoleConnectionLines::lossSaysReconnectingOnceThenReconnected()
{
    auto server = TestServer::startRedis();
    QVERIFY2(server->ok(), server->error().c_str());
    const int port = server->port();
    RedisConnection connection(settingsFor(port));
    ConsolePanel console(&connection);
    console.show();
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, kTimeout);
    QTRY_VERIFY(output(console).endsWith(QStringLiteral("# Connected to 127.0.0.1:%1 (RESP%2)")
                                             .arg(port)
                                             .arg(connection.protocolVersion())));

    QSignalSpy states(&connection, &RedisConnection::stateChanged);
    server->stop();
    // The loss, then at least three failed retries.
    QTRY_VERIFY_WITH_TIMEOUT(std::count_if(states.cbegin(), states.cend(),
                                           [](const QList<QVariant> &args) {
                                               return args.at(0).value<ConnectionState>() ==
                                                      RedisConnection::State::Lost;
                                           }) >= 4,
                             kTimeout);
    const QString lost = output(console);
    QVERIFY2(lost.contains(QStringLiteral("# Connection to 127.0.0.1:%1 lost: ").arg(port)),
             qPrintable(lost));
    QVERIFY2(lost.count(QStringLiteral("Reconnecting…")) == 1, qPrintable(lost));
    // The retries' own error ("Cannot connect ... refused") is said once, not per retry.
    QCOMPARE(lost.count(QLatin1String("# Still reconnecting: Cannot connect to")), 1);
    QVERIFY(!lost.contains(QLatin1String("# Disconnected")));
    // While the link is down the prompt says so, as redis-cli's "not connected>" does.
    const QString name = connection.settings().name;
    QCOMPARE(console.prompt(), name + QStringLiteral(" (not connected)>"));
    // A command typed now is refused at once, not kept for the reconnection.
    auto *input = console.findChild<QLineEdit *>(QStringLiteral("consoleInput"));
    QVERIFY(input);
    QTest::keyClicks(input, QStringLiteral("SET typed-while-down 1"));
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(output(console).endsWith(
        QStringLiteral("remote (not connected)> SET typed-while-down 1\n"
                       "(error) Not connected to 127.0.0.1:%1: the command was not sent")
            .arg(port)));

    server = TestServer::start(TestServer::redisServerPath(), {}, {}, port);
    QVERIFY2(server->ok(), server->error().c_str());
    QTRY_VERIFY_WITH_TIMEOUT(
        output(console).endsWith(QStringLiteral("# Reconnected to 127.0.0.1:%1 (RESP%2)")
                                     .arg(port)
                                     .arg(connection.protocolVersion())),
        kTimeout);
    QCOMPARE(connection.state(), RedisConnection::State::Ready);
    QCOMPARE(console.prompt(), name + QStringLiteral("[db0]>"));
    {
        // Anything the connection held for the reconnection would have run before this
        // EXISTS of its own.
        qint64 exists = -1;
        connection.send({"EXISTS", "typed-while-down"},
                        [&](const RedisValue &reply) { exists = reply.toInteger(); });
        QTRY_VERIFY_WITH_TIMEOUT(exists >= 0, kTimeout);
        QCOMPARE(exists, qint64(0));
        redscope::test::RedisTestClient client("127.0.0.1", port);
        QCOMPARE(client.run({"EXISTS", "typed-while-down"}), std::string(":0"));
    }

    connection.disconnectFromServer();
    QCOMPARE(console.prompt(), name + QStringLiteral(" (not connected)>"));
    QVERIFY(output(console).endsWith(QStringLiteral("# Disconnected from 127.0.0.1:%1").arg(port)));
}

void TstConsoleConnectionLines::wrongPasswordSaidOnce()
{
    auto server = TestServer::startRedis({"--requirepass", "right"});
    QVERIFY2(server->ok(), server->error().c_str());
    ConnectionSettings settings = settingsFor(server->port());
    settings.password = QStringLiteral("wrong");
    RedisConnection connection(settings);
    ConsolePanel console(&connection);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::AuthFailed, kTimeout);
    const QString text = output(console);
    QVERIFY2(text.contains(QLatin1String("# Authentication failed: ")), qPrintable(text));
    QCOMPARE(text.count(QLatin1String("Authentication failed")), 1);
}

void TstConsoleConnectionLines::connectOnALostConnectionRetriesNow()
{
    auto server = TestServer::startRedis();
    QVERIFY2(server->ok(), server->error().c_str());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ConnectionStore store(dir.filePath(QStringLiteral("connections.json")));
    store.vault()->disable();
    MainWindow window;
    window.setConnectionStore(&store); // Connect goes through ConnectionManager, as in the app
    RedisConnection *connection = window.openConnection(settingsFor(server->port()));
    window.show();
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Ready, kTimeout);
    QAction *connect = window.menus()->action(QStringLiteral("connectAction"));
    QVERIFY(!connect->isEnabled());
    server->stop();
    // Between retries (Connecting lasts as long as a refused connect takes).
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Lost, kTimeout);
    window.menus()->update(); // as the menu does when it opens
    QVERIFY(connect->isEnabled());
    QVERIFY(window.sidebar()->connectAction()->isEnabled());
    connect->trigger();
    QCOMPARE(connection->state(), RedisConnection::State::Connecting); // now, not after a backoff
}

QTEST_MAIN(TstConsoleConnectionLines)
#include "tst_console_connection_lines.moc"
