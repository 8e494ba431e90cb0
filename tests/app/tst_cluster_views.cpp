// The GUI on a real 3-master + 3-replica Redis Cluster (ClusterFixture), offscreen: a
// workspace opened on a Cluster connection has a "Cluster" tab whose table lists the six nodes
// with their slots and key counts, and a key browser that scans every master into one tree,
// shows which node holds each key, and reads and edits values on the right node.
#include "cluster_fixture.h"
#include "cluster_panel.h"
#include "cluster_router.h"
#include "cluster_slot.h"
#include "cluster_topology_model.h"
#include "collection_value_model.h"
#include "collection_value_view.h"
#include "connection_workspace.h"
#include "key_browser_panel.h"
#include "key_tree_model.h"
#include "redis_connection.h"
#include "redis_test_client.h"
#include "string_value_view.h"
#include "value_panel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace redscope;
using redscope::test::ClusterFixture;
using redscope::test::RedisTestClient;

static constexpr int kKeys = 600;

class TstClusterViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void topologyTab();
    void keyBrowserMergesMasters();
    void valuesReadAndEditedOnTheirNode();

private:
    std::string runOnOwner(const QByteArray &key, const std::vector<std::string> &args);

    std::unique_ptr<ClusterFixture> m_cluster;
    RedisConnection *m_connection = nullptr;
    ConnectionWorkspace *m_workspace = nullptr;
};

void TstClusterViews::initTestCase()
{
    m_cluster = ClusterFixture::start(3, 1);
    if (!m_cluster->ok())
        QSKIP(qPrintable(QStringLiteral("cannot start a Redis Cluster here: %1")
                             .arg(QString::fromStdString(m_cluster->error()))));
    // Keys written the way a user's application would: through redis-cli -c, node by node.
    for (int i = 0; i < kKeys; ++i) {
        const std::string key = "app:" + std::to_string(i % 7) + ":item:" + std::to_string(i);
        const std::string port = m_cluster->masterPortOfSlot(
            clusterKeySlot(QByteArray::fromStdString(key)), m_cluster->port(0));
        if (i == 0 || port.empty()) QVERIFY(!port.empty());
        RedisTestClient client("127.0.0.1", std::stoi(port));
        QCOMPARE(client.run({"SET", key, "value " + std::to_string(i)}), std::string("+OK"));
    }
    RedisTestClient client("127.0.0.1", std::stoi(m_cluster->masterPortOfSlot(
                                            clusterKeySlot("profile"), m_cluster->port(0))));
    QCOMPARE(client.run({"HSET", "profile", "name", "Ada", "city", "London"}), std::string(":2"));

    ConnectionSettings settings;
    settings.port = m_cluster->port(0);
    settings.mode = ConnectionSettings::Mode::Cluster;
    m_connection = new RedisConnection(settings, this);
    m_connection->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), RedisConnection::State::Ready, 10000);
    m_workspace = new ConnectionWorkspace(m_connection);
    m_workspace->resize(1200, 700);
    m_workspace->show();
}

void TstClusterViews::cleanupTestCase()
{
    delete m_workspace;
}

std::string TstClusterViews::runOnOwner(const QByteArray &key, const std::vector<std::string> &args)
{
    const std::string port = m_cluster->masterPortOfSlot(clusterKeySlot(key), m_cluster->port(0));
    RedisTestClient client("127.0.0.1", std::stoi(port));
    return client.run(args);
}

void TstClusterViews::topologyTab()
{
    ClusterPanel *panel = m_workspace->showPanel<ClusterPanel>();
    QVERIFY2(panel, "a cluster workspace has a Cluster tab");
    ClusterTopologyModel *model = panel->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model->rowCount(), 6);
    int masters = 0;
    qint64 keys = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const ClusterNode &node = model->node(row);
        const QString role = model->index(row, ClusterTopologyModel::RoleColumn).data().toString();
        if (node.master) {
            ++masters;
            QCOMPARE(role, QStringLiteral("master"));
            QVERIFY(model->index(row, ClusterTopologyModel::SlotsColumn)
                        .data()
                        .toString()
                        .contains(QLatin1String("slots")));
            QTRY_VERIFY(model->keyCount(node.address()) >= 0);
            keys += model->keyCount(node.address());
        } else {
            QVERIFY(role.startsWith(QLatin1String("replica of 127.0.0.1:")));
            QVERIFY(row > 0);
        }
        QCOMPARE(model->index(row, ClusterTopologyModel::ClusterLinkColumn)
                     .data()
                     .toString()
                     .startsWith(QLatin1String("connected")),
                 true);
        QCOMPARE(model->index(row, ClusterTopologyModel::AddressColumn).data().toString(),
                 node.address());
    }
    QCOMPARE(masters, 3);
    QCOMPARE(keys, qint64(kKeys + 1));
    QVERIFY2(panel->summaryText().contains(QLatin1String("3 masters, 3 replicas")),
             qPrintable(panel->summaryText()));
    QVERIFY(panel->summaryText().contains(QLatin1String("16,384 of 16,384")) ||
            panel->summaryText().contains(QLatin1String("16384 of 16,384")));
    QTest::qWait(50);
    if (qEnvironmentVariableIsSet("REDSCOPE_SCREENSHOT_DIR"))
        m_workspace->grab().save(qEnvironmentVariable("REDSCOPE_SCREENSHOT_DIR") +
                                 QStringLiteral("/cluster-topology.png"));
}

void TstClusterViews::keyBrowserMergesMasters()
{
    KeyBrowserPanel *panel = m_workspace->showPanel<KeyBrowserPanel>();
    QVERIFY(panel);
    QSignalSpy settled(panel, &KeyBrowserPanel::scanSettled);
    panel->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() >= 1, 20000);
    QCOMPARE(settled.last().at(0).toBool(), true);
    KeyTreeModel *model = panel->model();
    QCOMPARE(model->keyCount(), quint64(kKeys + 1));
    QVERIFY(!panel->treeView()->isColumnHidden(KeyTreeModel::NodeColumn));
    // One "app" namespace gathers keys from all three masters; each key names its node.
    const QModelIndex app = model->findKey("app:3:item:3").parent().parent().parent();
    QVERIFY(app.isValid());
    QCOMPARE(app.data(KeyTreeModel::KeyCountRole).toULongLong(), quint64(kKeys));
    QSet<QString> nodes;
    for (int i = 0; i < 60; ++i) {
        const QByteArray key =
            "app:" + QByteArray::number(i % 7) + ":item:" + QByteArray::number(i);
        const QModelIndex found = model->findKey(key);
        QVERIFY(found.isValid());
        const QString node = found.siblingAtColumn(KeyTreeModel::NodeColumn).data().toString();
        QCOMPARE(node, m_connection->cluster()->nodeForKey(key));
        QCOMPARE(node.section(QLatin1Char(':'), -1).toStdString(),
                 m_cluster->masterPortOfSlot(clusterKeySlot(key), m_cluster->port(0)));
        nodes.insert(node);
    }
    QCOMPARE(nodes.size(), 3);
    // TYPE and TTL come from the key's own node.
    const QModelIndex some = model->findKey("app:5:item:12");
    panel->treeView()->expand(some.parent());
    some.siblingAtColumn(KeyTreeModel::TypeColumn).data();
    QTRY_COMPARE(some.siblingAtColumn(KeyTreeModel::TypeColumn).data().toString(),
                 QStringLiteral("string"));
    QTest::qWait(50);
    if (qEnvironmentVariableIsSet("REDSCOPE_SCREENSHOT_DIR")) {
        panel->jumpToKey("app:5:item:12");
        QTRY_VERIFY(panel->valuePanel()->stringView()->isLoaded());
        QTest::qWait(100);
        m_workspace->grab().save(qEnvironmentVariable("REDSCOPE_SCREENSHOT_DIR") +
                                 QStringLiteral("/cluster-keys.png"));
    }
}

void TstClusterViews::valuesReadAndEditedOnTheirNode()
{
    KeyBrowserPanel *panel = m_workspace->showPanel<KeyBrowserPanel>();
    QVERIFY(panel);
    // A string, on whichever master owns it.
    panel->jumpToKey("app:2:item:100");
    QTRY_COMPARE(panel->valuePanel()->currentKey(), QByteArray("app:2:item:100"));
    StringValueView *view = panel->valuePanel()->stringView();
    QTRY_COMPARE(view->value(), QByteArray("value 100"));
    QTRY_VERIFY(view->isLoaded());
    view->editor()->setPlainText(QStringLiteral("edited in the cluster"));
    view->save();
    QTRY_COMPARE(runOnOwner("app:2:item:100", {"GET", "app:2:item:100"}),
                 std::string("$edited in the cluster"));

    // A hash: its fields, and an edit written with HSET on its node.
    panel->jumpToKey("profile");
    QTRY_COMPARE(panel->valuePanel()->currentType(), QStringLiteral("hash"));
    CollectionValueModel *model = panel->valuePanel()->collectionView()->model();
    QTRY_COMPARE(model->rowCount(), 2);
    for (int r = 0; r < 2; ++r) {
        if (model->index(r, 0).data().toString() == QLatin1String("city"))
            QVERIFY(model->setData(model->index(r, 1), QStringLiteral("Paris"), Qt::EditRole));
    }
    QTRY_COMPARE(runOnOwner("profile", {"HGET", "profile", "city"}), std::string("$Paris"));
}

QTEST_MAIN(TstClusterViews)
#include "tst_cluster_views.moc"
