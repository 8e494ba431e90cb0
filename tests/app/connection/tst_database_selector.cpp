// The database selector (#6) against real servers: the number of databases from CONFIG GET
// databases (16 when CONFIG is unavailable), key counts from INFO keyspace, switching that
// moves the key browser and the console of the same connection, a refused SELECT that leaves
// everything where it was, counts that follow the server on the timer, and FLUSHDB from the
// selector's menu going through the production confirmation.
#include "connection/database_list.h"
#include "connection/database_selector.h"
#include "connection/redis_connection.h"
#include "connection_call.h"
#include "console/console_panel.h"
#include "test_server.h"
#include "widgets/confirm.h"
#include "window/connection_workspace.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTest>

using namespace redscope;
using redscope::test::call;
using redscope::test::TestServer;

class TstDatabaseSelector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void countsAndNumberOfDatabases();
    void fallbackWithoutConfig();
    void switchingMovesConsoleAndKeyBrowser();
    void refusedSelectKeepsTheDatabase();
    void countsFollowTheServer();
    void embeddedEngine();
    void flushFromTheMenuIsConfirmedOnProduction();

private:
    static ConnectionSettings settingsFor(int port);

    std::unique_ptr<TestServer> m_server; // --databases 4
};

void TstDatabaseSelector::initTestCase()
{
    m_server = TestServer::startRedis({"--databases", "4"});
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
}

void TstDatabaseSelector::cleanup()
{
    setConfirmFunction({});
}

ConnectionSettings TstDatabaseSelector::settingsFor(int port)
{
    ConnectionSettings settings;
    settings.name = QStringLiteral("shop");
    settings.port = port;
    return settings;
}

void TstDatabaseSelector::countsAndNumberOfDatabases()
{
    RedisConnection writer(settingsFor(m_server->port()));
    writer.connectToServer();
    QCOMPARE(call(writer, {"FLUSHALL"}), RedisValue::status("OK"));
    QCOMPARE(call(writer, {"MSET", "a", "1", "b", "2", "c", "3"}), RedisValue::status("OK"));
    QCOMPARE(call(writer, {"SELECT", "2"}), RedisValue::status("OK"));
    QCOMPARE(call(writer, {"SET", "only", "1"}), RedisValue::status("OK"));

    RedisConnection connection(settingsFor(m_server->port()));
    DatabaseSelector selector(&connection);
    connection.connectToServer();
    DatabaseList *list = selector.databases();
    QTRY_VERIFY_WITH_TIMEOUT(list->countKnown() && list->keys(0) == 3, 10000);
    QCOMPARE(list->databaseCount(), 4);
    QCOMPARE(list->keys(2), qint64(1));
    QCOMPARE(list->keys(1), qint64(0));
    QComboBox *combo = selector.combo();
    QCOMPARE(combo->count(), 4);
    QCOMPARE(combo->itemText(0), QStringLiteral("db0 · 3 keys"));
    QCOMPARE(combo->itemText(1), QStringLiteral("db1 · empty"));
    QCOMPARE(combo->itemText(2), QStringLiteral("db2 · 1 key"));
    QCOMPARE(combo->currentIndex(), 0);
}

void TstDatabaseSelector::fallbackWithoutConfig()
{
    auto server = TestServer::startRedis({"--rename-command", "CONFIG", "\"\""});
    QVERIFY2(server && server->ok(), server ? server->error().c_str() : "no server");
    RedisConnection connection(settingsFor(server->port()));
    DatabaseList list(&connection);
    QSignalSpy changed(&list, &DatabaseList::changed);
    connection.connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(changed.count() >= 2, 10000); // CONFIG refused, INFO answered
    QVERIFY(!list.countKnown());
    QCOMPARE(list.databaseCount(), DatabaseList::kFallbackCount);
}

void TstDatabaseSelector::switchingMovesConsoleAndKeyBrowser()
{
    RedisConnection connection(settingsFor(m_server->port()));
    ConnectionWorkspace workspace(&connection);
    auto *selector = qobject_cast<DatabaseSelector *>(workspace.cornerWidget(Qt::TopRightCorner));
    QVERIFY(selector);
    workspace.show();
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(selector->combo()->count(), 4, 10000);
    emit selector->combo()->activated(2); // what choosing an entry with the mouse emits
    QTRY_COMPARE_WITH_TIMEOUT(connection.currentDb(), 2, 10000);
    QCOMPARE(selector->combo()->currentIndex(), 2);
    QVERIFY2(workspace.console()->prompt().contains("[db2]"),
             qPrintable(workspace.console()->prompt()));
    // The console and every panel now talk to db 2.
    QCOMPARE(call(connection, {"DBSIZE"}), RedisValue::integer(1));
    // SELECT typed in the console moves the selector too.
    QCOMPARE(call(connection, {"SELECT", "0"}), RedisValue::status("OK"));
    QTRY_COMPARE_WITH_TIMEOUT(selector->combo()->currentIndex(), 0, 5000);
}

void TstDatabaseSelector::refusedSelectKeepsTheDatabase()
{
    RedisConnection connection(settingsFor(m_server->port()));
    DatabaseSelector selector(&connection);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(selector.combo()->count(), 4, 10000);
    QSignalSpy failed(selector.databases(), &DatabaseList::selectFailed);
    QSignalSpy messages(&selector, &DatabaseSelector::message);
    selector.databases()->select(9); // beyond --databases 4
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    QCOMPARE(connection.currentDb(), 0);
    QCOMPARE(selector.combo()->currentIndex(), 0);
    QVERIFY(messages.last().first().toString().contains("db9"));
}

void TstDatabaseSelector::countsFollowTheServer()
{
    RedisConnection connection(settingsFor(m_server->port()));
    DatabaseSelector selector(&connection);
    selector.databases()->setRefreshInterval(100);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(selector.combo()->count(), 4, 10000);
    RedisConnection writer(settingsFor(m_server->port()));
    writer.connectToServer();
    QCOMPARE(call(writer, {"SELECT", "3"}), RedisValue::status("OK"));
    QCOMPARE(call(writer, {"MSET", "p", "1", "q", "2"}), RedisValue::status("OK"));
    QTRY_COMPARE_WITH_TIMEOUT(selector.combo()->itemText(3), QStringLiteral("db3 · 2 keys"), 10000);
    QCOMPARE(call(writer, {"FLUSHDB"}), RedisValue::status("OK"));
    QTRY_COMPARE_WITH_TIMEOUT(selector.combo()->itemText(3), QStringLiteral("db3 · empty"), 10000);
}

void TstDatabaseSelector::embeddedEngine()
{
    auto engine = TestServer::startRedscope({"--databases", "8"});
    QVERIFY2(engine && engine->ok(), engine ? engine->error().c_str() : "no server");
    RedisConnection connection(settingsFor(engine->port()));
    DatabaseSelector selector(&connection);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(selector.combo()->count(), 8, 10000);
    QCOMPARE(call(connection, {"SET", "k", "v"}), RedisValue::status("OK"));
    selector.databases()->select(5);
    QTRY_COMPARE_WITH_TIMEOUT(connection.currentDb(), 5, 10000);
    QCOMPARE(call(connection, {"DBSIZE"}), RedisValue::integer(0));
    QTRY_COMPARE_WITH_TIMEOUT(selector.combo()->itemText(0), QStringLiteral("db0 · 1 key"), 10000);
    QCOMPARE(selector.combo()->currentIndex(), 5);
}

void TstDatabaseSelector::flushFromTheMenuIsConfirmedOnProduction()
{
    installProductionConfirmation();
    QStringList questions;
    bool answer = false;
    setConfirmFunction([&](QWidget *, const QString &, const QString &question) {
        questions << question;
        return answer;
    });
    ConnectionSettings settings = settingsFor(m_server->port());
    settings.production = true;
    RedisConnection connection(settings);
    DatabaseSelector selector(&connection);
    connection.connectToServer();
    QCOMPARE(call(connection, {"MSET", "x", "1", "y", "2"}), RedisValue::status("OK"));
    const qint64 keys = call(connection, {"DBSIZE"}).toInteger();

    selector.flushCurrentDatabase(); // declined: nothing happens
    QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 1, 10000);
    QVERIFY(questions.last().contains(QStringLiteral("Keys affected: %1").arg(keys)));
    QVERIFY2(questions.last().contains("FLUSHDB") && questions.last().contains("shop"),
             qPrintable(questions.last()));
    QVERIFY(questions.last().contains(QStringLiteral("127.0.0.1:%1").arg(m_server->port())));
    QCOMPARE(call(connection, {"EXISTS", "x", "y"}), RedisValue::integer(2));

    answer = true;
    selector.flushCurrentDatabase();
    QTRY_COMPARE_WITH_TIMEOUT(questions.size(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(call(connection, {"DBSIZE"}), RedisValue::integer(0), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(selector.combo()->itemText(0), QStringLiteral("db0 · empty"), 10000);
}

QTEST_MAIN(TstDatabaseSelector)
#include "tst_database_selector.moc"
