// ConnectionListModel: passes QAbstractItemModelTester, keeps "Local engine" as row 0, and
// reports connection state changes through dataChanged with the state and error roles.
#include "connection_list_model.h"
#include "redis_connection.h"
#include "test_server.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace redscope;
using redscope::test::TestServer;

static constexpr auto kReportToQtTest = QAbstractItemModelTester::FailureReportingMode::QtTest;

class TstConnectionListModel : public QObject
{
    Q_OBJECT

private slots:
    void localEngineIsAlwaysFirst();
    void stateChangesReachTheView();
};

void TstConnectionListModel::localEngineIsAlwaysFirst()
{
    ConnectionListModel model;
    QAbstractItemModelTester tester(&model, kReportToQtTest);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), ConnectionListModel::localEngineName());
    QCOMPARE(model.index(0, 0).data(ConnectionListModel::StateRole).toInt(), -1);
    QVERIFY(!model.connectionAt(0));

    model.setLocalEngineError(QStringLiteral("engine exploded"));
    QCOMPARE(model.index(0, 0).data(ConnectionListModel::ErrorRole).toString(),
             QStringLiteral("engine exploded"));

    ConnectionSettings remote;
    remote.name = QStringLiteral("remote");
    RedisConnection *added = model.addConnection(remote);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.connectionAt(1), added);
    QCOMPARE(model.rowOf(added), 1);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("remote"));

    ConnectionSettings local;
    local.unixSocket = QStringLiteral("/nonexistent/engine.sock");
    RedisConnection *engine = model.setLocalEngine(local);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.connectionAt(0), engine);
    QCOMPARE(model.index(0, 0).data().toString(), ConnectionListModel::localEngineName());
    QCOMPARE(model.index(0, 0).data(ConnectionListModel::AddressRole).toString(),
             QStringLiteral("unix:/nonexistent/engine.sock"));
}

void TstConnectionListModel::stateChangesReachTheView()
{
    auto server = TestServer::startRedis();
    QVERIFY2(server && server->ok(), server ? server->error().c_str() : "no server");
    ConnectionListModel model;
    QAbstractItemModelTester tester(&model, kReportToQtTest);
    ConnectionSettings settings;
    settings.port = server->port();
    RedisConnection *connection = model.addConnection(settings);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    connection->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(model.index(1, 0).data(ConnectionListModel::StateRole).toInt(),
                              int(RedisConnection::State::Ready), 10000);
    QVERIFY(changed.size() >= 2); // Connecting, Ready
    QCOMPARE(changed.last().first().value<QModelIndex>().row(), 1);
    QVERIFY(model.index(1, 0).data(Qt::ToolTipRole).toString().contains("Ready"));
}

QTEST_MAIN(TstConnectionListModel)
#include "tst_connection_list_model.moc"
