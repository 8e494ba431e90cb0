// The request-lifetime rule (request_scope.h), against redis-server and the Local engine: every
// reply callback belongs to a receiver, and a receiver destroyed with requests in flight is
// never called back. The suites close connection tabs (ConnectionWorkspace) while the key scan,
// value loads and the tree's metadata batches are on their way, switch keys faster than the
// server answers, disconnect and destroy connections mid-request, many times over. Under ASan
// (make test builds the asan preset) any callback reaching a deleted widget is a hard failure;
// here the checks are that nothing crashes and that the shared connection is left with no
// pending request of a deleted receiver.
#include "connection/redis_connection.h"
#include "connection/request_scope.h"
#include "keys/key_browser_panel.h"
#include "keys/key_service.h"
#include "keys/key_tree_model.h"
#include "test_backend.h"
#include "values/value_panel.h"
#include "values/value_service.h"
#include "window/connection_workspace.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPointer>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace redscope;
using redscope::test::TestBackend;

class TstRequestLifetime : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void deletedReceiverIsNeverCalledBack();
    void scopeSpansConnections();
    void closingTabsWithRequestsInFlight();
    void switchingKeysWithRequestsInFlight();
    void disconnectingWithRequestsInFlight();

private:
    std::unique_ptr<RedisConnection> connect();
    static void spin(int ms);

    std::unique_ptr<TestBackend> m_server;
};

std::unique_ptr<RedisConnection> TstRequestLifetime::connect()
{
    auto connection = std::make_unique<RedisConnection>(m_server->settings());
    connection->connectToServer();
    if (!QTest::qWaitFor([&] { return connection->state() == RedisConnection::State::Ready; },
                         10000))
        return nullptr;
    return connection;
}

void TstRequestLifetime::spin(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

void TstRequestLifetime::initTestCase()
{
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    auto client = m_server->client();
    QVERIFY(client->connected());
    for (int i = 0; i < 4000; i += 500) {
        std::vector<std::string> mset{"MSET"};
        for (int j = i; j < i + 500; ++j) {
            mset.push_back("life:" + std::to_string(j % 20) + ":" + std::to_string(j));
            mset.push_back(std::string(200, 'v'));
        }
        client->run(mset);
    }
    std::vector<std::string> hash{"HSET", "life:hash"};
    for (int i = 0; i < 2000; ++i) {
        hash.push_back("field" + std::to_string(i));
        hash.push_back("value" + std::to_string(i));
    }
    client->run(hash);
    std::vector<std::string> list{"RPUSH", "life:list"};
    for (int i = 0; i < 5000; ++i)
        list.push_back("element" + std::to_string(i));
    client->run(list);
    client->run({"SET", "life:big", std::string(3 << 20, 'x')}); // many GETRANGE chunks
}

void TstRequestLifetime::deletedReceiverIsNeverCalledBack()
{
    auto connection = connect();
    QVERIFY(connection);
    KeyService keys(connection.get());
    ValueService values(connection.get());
    QList<QByteArray> names;
    for (int i = 0; i < 200; ++i)
        names.append("life:" + QByteArray::number(i % 20) + ':' + QByteArray::number(i));
    int lateCalls = 0; // callbacks that ran after their receiver was deleted
    for (int round = 0; round < 20; ++round) {
        auto *receiver = new QObject;
        auto deleted = std::make_shared<bool>(false);
        auto late = [&lateCalls, deleted] {
            if (*deleted) ++lateCalls;
        };
        keys.metadata(names, receiver, [late](const QList<KeyMeta> &) { late(); });
        values.stringLength("life:big", receiver, [late](const Result<qint64> &) { late(); });
        keys.type("life:hash", receiver, [late](const Result<KeyMeta> &) { late(); });
        QVERIFY(connection->pendingCount() > 0);
        if (round % 2) spin(1); // some replies may have been delivered already
        delete receiver;
        *deleted = true;
        QCOMPARE(connection->pendingCount(), 0);
    }
    spin(200);
    QCOMPARE(lateCalls, 0);

    // A living receiver is answered, once per call, with typed results.
    QObject receiver;
    QList<KeyMeta> metas;
    keys.metadata({"life:hash", "life:list", "life:missing"}, &receiver,
                  [&metas](const QList<KeyMeta> &answer) { metas = answer; });
    QTRY_COMPARE(metas.size(), 3);
    QCOMPARE(metas[0].type, KeyType::Hash);
    QCOMPARE(metas[1].type, KeyType::List);
    QCOMPARE(metas[2].type, KeyType::None);
    QCOMPARE(metas[0].ttlMs, qint64(-1));
    QCOMPARE(metas[2].ttlMs, qint64(-2));
}

void TstRequestLifetime::scopeSpansConnections()
{
    auto first = connect();
    auto second = connect();
    QVERIFY(first && second);
    int called = 0;
    {
        QObject receiver;
        RequestScope *scope = RequestScope::of(&receiver);
        QCOMPARE(RequestScope::of(&receiver), scope); // one scope per receiver
        for (int i = 0; i < 50; ++i) {
            scope->send(first.get(), {"PING"}, [&called](const RedisValue &) { ++called; });
            scope->send(second.get(), {"PING"}, [&called](const RedisValue &) { ++called; });
        }
        QCOMPARE(scope->pendingCount(), 100);
        // One connection going away first leaves the other's requests to the scope.
        first.reset();
        QCOMPARE(second->pendingCount(), 50);
    }
    QCOMPARE(second->pendingCount(), 0);
    spin(100);
    QCOMPARE(called, 0);
}

void TstRequestLifetime::closingTabsWithRequestsInFlight()
{
    // The connection outlives its tabs, as in the connection list.
    auto connection = connect();
    QVERIFY(connection);
    for (int round = 0; round < 12; ++round) {
        auto *workspace = new ConnectionWorkspace(connection.get());
        workspace->resize(1000, 700);
        workspace->show();
        auto *keys = workspace->showPanel<KeyBrowserPanel>();
        QVERIFY(keys);
        // Let the scan put rows in the tree so the view asks for their metadata.
        QVERIFY(QTest::qWaitFor([&] { return keys->model()->rowCount() > 0; }, 5000));
        keys->treeView()->expandAll();
        keys->valuePanel()->openKey(round % 3 == 0   ? "life:big"
                                    : round % 3 == 1 ? "life:hash"
                                                     : "life:list");
        spin(round % 4); // 0-3 ms: replies in flight, some just delivered
        delete workspace;
        // Every panel's requests on the shared connection went with it.
        QCOMPARE(connection->pendingCount(), 0);
        spin(20);
    }
    QCOMPARE(connection->state(), RedisConnection::State::Ready);
}

void TstRequestLifetime::switchingKeysWithRequestsInFlight()
{
    auto connection = connect();
    QVERIFY(connection);
    KeyBrowserPanel panel(connection.get());
    panel.resize(1000, 700);
    panel.show();
    const QList<QByteArray> keys{"life:big", "life:hash", "life:list", "life:0:0"};
    for (int i = 0; i < 60; ++i) {
        panel.valuePanel()->openKey(keys[i % keys.size()]);
        if (i % 5 == 0) spin(1);
    }
    panel.valuePanel()->openKey("life:hash");
    QTRY_COMPARE(panel.valuePanel()->currentType(), QStringLiteral("hash"));
    QCOMPARE(panel.valuePanel()->currentKey(), QByteArray("life:hash"));
}

void TstRequestLifetime::disconnectingWithRequestsInFlight()
{
    for (int round = 0; round < 8; ++round) {
        auto connection = connect();
        QVERIFY(connection);
        auto *workspace = new ConnectionWorkspace(connection.get());
        workspace->show();
        auto *keys = workspace->showPanel<KeyBrowserPanel>();
        QVERIFY(keys);
        keys->valuePanel()->openKey("life:big");
        spin(round % 3);
        if (round % 2 == 0) {
            // The connection drops mid-request, then the tab closes.
            connection->disconnectFromServer();
            spin(5);
            delete workspace;
            connection.reset();
        } else {
            // The connection is removed from the list first; the tab follows.
            QPointer<ConnectionWorkspace> guard(workspace);
            connection.reset();
            spin(5);
            delete guard.data();
        }
        spin(20);
    }
}

QTEST_MAIN(TstRequestLifetime)
#include "tst_request_lifetime.moc"
