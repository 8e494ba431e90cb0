// ConnectionListModel: passes QAbstractItemModelTester, keeps "Local engine" as row 0, and
// reports connection state changes through dataChanged with the state and error roles.
#include "connection/connection_list_model.h"
#include "connection/connection_store.h"
#include "connection/redis_connection.h"
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
    void savedConnectionsInFolders();
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

// Saved profiles: folders sorted by name after Local engine, ungrouped saved rows before
// session rows; a profile moving folder keeps its connection, empty folders disappear.
void TstConnectionListModel::savedConnectionsInFolders()
{
    ConnectionListModel model;
    QAbstractItemModelTester tester(&model, kReportToQtTest);
    RedisConnection *session = model.addConnection(ConnectionSettings());

    auto profile = [](const QString &id, const QString &group) {
        ConnectionProfile p;
        p.id = id;
        p.group = group;
        p.settings.name = id;
        p.colour = QStringLiteral("#388e3c");
        return p;
    };
    model.setProfiles({profile("a", "Prod"), profile("b", ""), profile("c", "Dev"),
                       profile("d", "Prod")});
    QCOMPARE(model.rowCount(), 5); // Local, Dev, Prod, b, session
    QCOMPARE(model.index(0, 0).data().toString(), ConnectionListModel::localEngineName());
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Dev"));
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("Prod"));
    QCOMPARE(model.index(3, 0).data().toString(), QStringLiteral("b"));
    QCOMPARE(model.connectionAt(4), session);
    QCOMPARE(model.rowOf(session), 4);
    const QModelIndex prod = model.index(2, 0);
    QVERIFY(prod.data(ConnectionListModel::IsGroupRole).toBool());
    QCOMPARE(model.rowCount(prod), 2);
    QCOMPARE(model.index(1, 0, prod).data(ConnectionListModel::ProfileIdRole).toString(),
             QStringLiteral("d"));
    QCOMPARE(model.index(1, 0, prod).data(ConnectionListModel::ColourRole).value<QColor>(),
             QColor("#388e3c"));

    ConnectionSettings settings;
    settings.name = QStringLiteral("a");
    RedisConnection *a = model.createConnectionAt(model.indexOfProfile("a"), settings);
    QCOMPARE(model.indexOf(a), model.index(0, 0, prod));
    QCOMPARE(model.rowOf(a), -1); // not top level

    // "a" moves to Dev, "c" is deleted, "b" renamed.
    ConnectionProfile renamed = profile("b", "");
    renamed.settings.name = QStringLiteral("b renamed");
    model.setProfiles({profile("a", "Dev"), renamed, profile("d", "Prod")});
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("Dev"));
    QCOMPARE(model.rowCount(model.index(1, 0)), 1);
    QCOMPARE(model.connectionAt(model.index(0, 0, model.index(1, 0))), a); // kept
    QCOMPARE(model.index(3, 0).data().toString(), QStringLiteral("b renamed"));

    model.setProfiles({profile("b", "")});
    QCOMPARE(model.rowCount(), 3); // Local, b, session: empty folders went away
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("b"));
    QCOMPARE(model.connectionAt(2), session);
}

QTEST_MAIN(TstConnectionListModel)
#include "tst_connection_list_model.moc"
