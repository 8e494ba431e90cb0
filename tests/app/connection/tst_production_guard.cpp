// Production connections against a real redis-server: dangerous commands wait for a
// confirmation that names the server and counts the keys they would touch (DBSIZE, the INFO
// keyspace total, EXISTS), a "no" leaves the data alone, requests sent meanwhile keep their
// order, and the console goes through the same gate and the same dialog hook as every panel.
#include "connection/production_guard.h"
#include "connection/redis_connection.h"
#include "connection_call.h"
#include "console/console_panel.h"
#include "test_server.h"
#include "widgets/confirm.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <QTimer>

using namespace redscope;
using redscope::test::TestServer;

class TstProductionGuard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void classify_data();
    void classify();
    void declinedFlushKeepsKeysAndQuestionNamesServer();
    void countsForEachKind();
    void secretsAreMaskedInTheQuestion();
    void confirmedCommandRuns();
    void laterRequestsWaitBehindTheQuestion();
    void withoutConfirmerNothingDangerousIsSent();
    void ordinaryConnectionsAreNotAsked();
    void sendConfirmedSkipsTheQuestion();
    void consoleAsksThroughTheDialogHook();

private:
    ConnectionSettings settings(bool production) const;
    void fill();

    std::unique_ptr<TestServer> m_server;
    QList<ConfirmationRequest> m_asked;
    bool m_answer = false;
};

using redscope::test::call; // one command, waited for (connection_call.h)

void TstProductionGuard::initTestCase()
{
    m_server = TestServer::startRedis();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
}

void TstProductionGuard::init()
{
    m_asked.clear();
    m_answer = false;
    ProductionGuard::setConfirmer(
        [this](const ConfirmationRequest &request, ProductionGuard::Answer answer) {
            m_asked.append(request);
            answer(m_answer);
        });
    fill();
}

void TstProductionGuard::cleanup()
{
    ProductionGuard::setConfirmer({});
    setConfirmFunction({});
}

ConnectionSettings TstProductionGuard::settings(bool production) const
{
    ConnectionSettings result;
    result.name = QStringLiteral("prod-cache");
    result.port = m_server->port();
    result.production = production;
    return result;
}

// Three keys in db 0, two in db 2.
void TstProductionGuard::fill()
{
    RedisConnection admin(settings(false));
    admin.connectToServer();
    QCOMPARE(call(admin, {"FLUSHALL"}), RedisValue::status("OK"));
    QCOMPARE(call(admin, {"MSET", "a", "1", "b", "2", "c", "3"}), RedisValue::status("OK"));
    QCOMPARE(call(admin, {"SELECT", "2"}), RedisValue::status("OK"));
    QCOMPARE(call(admin, {"MSET", "x", "1", "y", "2"}), RedisValue::status("OK"));
}

void TstProductionGuard::classify_data()
{
    QTest::addColumn<QList<QByteArray>>("args");
    QTest::addColumn<int>("kind");
    using K = DangerousCommand::Kind;
    QTest::newRow("flushall") << QList<QByteArray>{"flushall", "async"} << int(K::FlushAll);
    QTest::newRow("flushdb") << QList<QByteArray>{"FLUSHDB"} << int(K::FlushDb);
    QTest::newRow("del many") << QList<QByteArray>{"DEL", "a", "b"} << int(K::BulkDelete);
    QTest::newRow("unlink many") << QList<QByteArray>{"unlink", "a", "b"} << int(K::BulkDelete);
    QTest::newRow("del one") << QList<QByteArray>{"DEL", "a"} << int(K::None);
    QTest::newRow("shutdown") << QList<QByteArray>{"Shutdown", "NOSAVE"} << int(K::Shutdown);
    QTest::newRow("config set") << QList<QByteArray>{"config", "SET", "x", "y"}
                                << int(K::ConfigSet);
    QTest::newRow("config get") << QList<QByteArray>{"CONFIG", "GET", "x"} << int(K::None);
    QTest::newRow("replicaof") << QList<QByteArray>{"REPLICAOF", "h", "1"} << int(K::ReplicaOf);
    QTest::newRow("replicaof no one")
        << QList<QByteArray>{"replicaof", "NO", "one"} << int(K::None);
    QTest::newRow("swapdb") << QList<QByteArray>{"SWAPDB", "0", "1"} << int(K::SwapDb);
    QTest::newRow("debug") << QList<QByteArray>{"DEBUG", "SLEEP", "1"} << int(K::Debug);
    QTest::newRow("cluster reset") << QList<QByteArray>{"CLUSTER", "RESET"} << int(K::ClusterReset);
    QTest::newRow("function flush")
        << QList<QByteArray>{"FUNCTION", "FLUSH"} << int(K::ScriptFlush);
    QTest::newRow("function delete")
        << QList<QByteArray>{"function", "delete", "lib"} << int(K::FunctionChange);
    QTest::newRow("function load replace")
        << QList<QByteArray>{"FUNCTION", "LOAD", "REPLACE", "#!lua name=x"}
        << int(K::FunctionChange);
    QTest::newRow("function load") // adds a library, overwrites nothing
        << QList<QByteArray>{"FUNCTION", "LOAD", "#!lua name=x"} << int(K::None);
    QTest::newRow("function restore flush")
        << QList<QByteArray>{"FUNCTION", "RESTORE", "payload", "FLUSH"} << int(K::FunctionChange);
    QTest::newRow("function restore replace")
        << QList<QByteArray>{"FUNCTION", "RESTORE", "payload", "replace"} << int(K::FunctionChange);
    QTest::newRow("function restore append")
        << QList<QByteArray>{"FUNCTION", "RESTORE", "payload", "APPEND"} << int(K::None);
    QTest::newRow("function list") << QList<QByteArray>{"FUNCTION", "LIST"} << int(K::None);
    QTest::newRow("get") << QList<QByteArray>{"GET", "k"} << int(K::None);
}

void TstProductionGuard::classify()
{
    QFETCH(QList<QByteArray>, args);
    QFETCH(int, kind);
    QCOMPARE(int(ProductionGuard::classify(args, 0).kind), kind);
}

void TstProductionGuard::declinedFlushKeepsKeysAndQuestionNamesServer()
{
    RedisConnection prod(settings(true));
    prod.connectToServer();
    const RedisValue reply = call(prod, {"FLUSHDB"});
    QVERIFY(reply.isError());
    QVERIFY2(reply.text().contains("not confirmed"), qPrintable(reply.text()));
    QCOMPARE(m_asked.size(), 1);
    const ConfirmationRequest &asked = m_asked.first();
    QCOMPARE(asked.command, QStringLiteral("FLUSHDB"));
    QCOMPARE(asked.affectedKeys, qint64(3));
    const QString question = asked.question();
    QVERIFY2(question.contains("prod-cache"), qPrintable(question));
    QVERIFY(question.contains(QStringLiteral("127.0.0.1:%1").arg(m_server->port())));
    QVERIFY(question.contains("Keys affected: 3"));
    QVERIFY(asked.title().contains("prod-cache"));
    QCOMPARE(call(prod, {"DBSIZE"}), RedisValue::integer(3));
}

void TstProductionGuard::countsForEachKind()
{
    RedisConnection prod(settings(true));
    prod.connectToServer();
    QVERIFY(call(prod, {"FLUSHALL"}).isError());
    QVERIFY(call(prod, {"DEL", "a", "b", "nope"}).isError());
    QVERIFY(call(prod, {"SHUTDOWN"}).isError());
    QCOMPARE(call(prod, {"SELECT", "2"}), RedisValue::status("OK"));
    QVERIFY(call(prod, {"FLUSHDB"}).isError());
    QCOMPARE(m_asked.size(), 4);
    QCOMPARE(m_asked[0].affectedKeys, qint64(5)); // FLUSHALL: 3 + 2 from INFO keyspace
    QCOMPARE(m_asked[1].affectedKeys, qint64(2)); // DEL: the keys that exist
    QCOMPARE(m_asked[2].affectedKeys, qint64(5)); // SHUTDOWN: everything the server holds
    QCOMPARE(m_asked[3].affectedKeys, qint64(2)); // FLUSHDB in db 2
    QVERIFY(m_asked[3].effect.contains("database 2"));
    QCOMPARE(call(prod, {"PING"}), RedisValue::status("PONG"));
    QCOMPARE(call(prod, {"DBSIZE"}), RedisValue::integer(2));
}

void TstProductionGuard::secretsAreMaskedInTheQuestion()
{
    RedisConnection prod(settings(true));
    prod.connectToServer();
    QVERIFY(call(prod, {"CONFIG", "SET", "requirepass", "hunter2"}).isError());
    QCOMPARE(m_asked.size(), 1);
    QVERIFY(!m_asked.first().counted);
    QVERIFY(m_asked.first().question().contains("requirepass = ******"));
    QVERIFY(!m_asked.first().question().contains("hunter2"));
    const RedisValue password = call(prod, {"CONFIG", "GET", "requirepass"});
    QCOMPARE(int(password.elements().size()), 2);
    QCOMPARE(password.elements().at(1), RedisValue::string(""));
}

void TstProductionGuard::confirmedCommandRuns()
{
    m_answer = true;
    RedisConnection prod(settings(true));
    prod.connectToServer();
    QCOMPARE(call(prod, {"FLUSHDB"}), RedisValue::status("OK"));
    QCOMPARE(call(prod, {"DBSIZE"}), RedisValue::integer(0));
    QCOMPARE(m_asked.size(), 1);
}

void TstProductionGuard::laterRequestsWaitBehindTheQuestion()
{
    // The answer comes later, like a dialog the user reads first.
    ProductionGuard::setConfirmer(
        [this](const ConfirmationRequest &request, ProductionGuard::Answer answer) {
            m_asked.append(request);
            QTimer::singleShot(200, [answer] { answer(true); });
        });
    RedisConnection prod(settings(true));
    prod.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(prod.state(), RedisConnection::State::Ready, 10000);
    QStringList order;
    prod.send({"FLUSHDB"}, [&](const RedisValue &r) { order << "flush:" + r.text(); });
    prod.send({"SET", "after", "1"}, [&](const RedisValue &r) { order << "set:" + r.text(); });
    const RedisConnection::RequestId cancelled =
        prod.send({"SET", "cancelled", "1"}, [&](const RedisValue &) { order << "cancelled"; });
    QVERIFY(prod.awaitingConfirmation());
    QVERIFY(prod.cancel(cancelled));
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 2, 10000);
    QCOMPARE(order, (QStringList{"flush:OK", "set:OK"}));
    QVERIFY(!prod.awaitingConfirmation());
    QCOMPARE(call(prod, {"DBSIZE"}), RedisValue::integer(1)); // SET ran after the flush
    QCOMPARE(call(prod, {"EXISTS", "cancelled"}), RedisValue::integer(0));
}

void TstProductionGuard::withoutConfirmerNothingDangerousIsSent()
{
    ProductionGuard::setConfirmer({});
    RedisConnection prod(settings(true));
    prod.connectToServer();
    const RedisValue reply = call(prod, {"FLUSHALL"});
    QVERIFY2(reply.text().contains("none can be asked"), qPrintable(reply.text()));
    QCOMPARE(call(prod, {"DBSIZE"}), RedisValue::integer(3));
}

void TstProductionGuard::ordinaryConnectionsAreNotAsked()
{
    RedisConnection plain(settings(false));
    plain.connectToServer();
    QCOMPARE(call(plain, {"DEL", "a", "b"}), RedisValue::integer(2));
    QVERIFY(m_asked.isEmpty());
}

void TstProductionGuard::sendConfirmedSkipsTheQuestion()
{
    RedisConnection prod(settings(true));
    prod.connectToServer();
    bool done = false;
    RedisValue result;
    prod.sendConfirmed({"DEL", "a", "b"}, [&](const RedisValue &r) {
        result = r;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QCOMPARE(result, RedisValue::integer(2));
    QVERIFY(m_asked.isEmpty());
}

// The real wiring: the UI's confirmer shows its dialog through confirm.h's hook.
void TstProductionGuard::consoleAsksThroughTheDialogHook()
{
    installProductionConfirmation();
    QStringList titles;
    QStringList questions;
    setConfirmFunction([&](QWidget *, const QString &title, const QString &question) {
        titles << title;
        questions << question;
        return false;
    });
    RedisConnection prod(settings(true));
    prod.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(prod.state(), RedisConnection::State::Ready, 10000);
    ConsolePanel console(&prod);
    auto *input = console.findChild<QLineEdit *>(QStringLiteral("consoleInput"));
    auto *output = console.findChild<QPlainTextEdit *>(QStringLiteral("consoleOutput"));
    QVERIFY(input && output);
    input->setText(QStringLiteral("flushall"));
    QTest::keyClick(input, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().contains("not confirmed"), 10000);
    QCOMPARE(questions.size(), 1);
    QVERIFY(titles.first().contains("FLUSHALL"));
    QVERIFY(questions.first().contains("prod-cache"));
    QVERIFY(questions.first().contains("Keys affected: 5"));
    QCOMPARE(call(prod, {"DBSIZE"}), RedisValue::integer(3));
}

QTEST_MAIN(TstProductionGuard)
#include "tst_production_guard.moc"
