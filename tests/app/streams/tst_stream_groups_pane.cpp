// StreamGroupsPane in the key browser, offscreen against redis-server and the Local engine
// (test_backend.h): opening a stream shows its consumer groups (consumers, pending,
// last-delivered id, entries read, lag); selecting one shows its consumers and its pending
// entries list, paged; the buttons claim, acknowledge, set the group's id, create and delete
// consumers and groups, asking first where a write is destructive. The three models run under
// QAbstractItemModelTester throughout.
#include "connection/redis_connection.h"
#include "keys/key_browser_panel.h"
#include "redis_test_client.h"
#include "streams/stream_group_models.h"
#include "streams/stream_groups_pane.h"
#include "test_backend.h"
#include "values/value_panel.h"
#include "widgets/confirm.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestBackend;

class TstStreamGroupsPane : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void groupsConsumersAndPendingAreShown();
    void claimAckAndSetIdThroughTheButtons();
    void consumersAndGroupsAreCreatedAndDeleted();

private:
    void openPane();
    bool fetchAllPending();
    void selectPendingRows(int first, int last);
    template <typename T> T *child(const char *name)
    {
        T *widget = m_pane->findChild<T *>(QLatin1String(name));
        if (!widget) qFatal("no widget %s", name);
        return widget;
    }
    std::string run(const std::vector<std::string> &args) { return m_client->run(args); }

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisTestClient> m_client;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<KeyBrowserPanel> m_panel;
    StreamGroupsPane *m_pane = nullptr;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
    QStringList m_questions; // titles of the confirmations asked
    bool m_answer = true;
};

void TstStreamGroupsPane::initTestCase()
{
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_client = m_server->client();
    QVERIFY(m_client->connected());
    // 450 entries; g1: alice read 300, bob 100 (400 pending, 3 pages), 50 undelivered.
    for (int i = 1; i <= 450; ++i)
        m_client->append({"XADD", "orders", std::to_string(i) + "-0", "n", std::to_string(i)});
    for (int i = 1; i <= 450; ++i) {
        const std::string reply = m_client->readReply();
        QVERIFY2(reply.rfind('$', 0) == 0, reply.c_str());
    }
    QCOMPARE(run({"XGROUP", "CREATE", "orders", "g1", "0"}), std::string("+OK"));
    QCOMPARE(run({"XGROUP", "CREATE", "orders", "g2", "$"}), std::string("+OK"));
    run({"XREADGROUP", "GROUP", "g1", "alice", "COUNT", "300", "STREAMS", "orders", ">"});
    run({"XREADGROUP", "GROUP", "g1", "bob", "COUNT", "100", "STREAMS", "orders", ">"});
    setConfirmFunction([this](QWidget *, const QString &title, const QString &) {
        m_questions.append(title);
        return m_answer;
    });
    m_connection = std::make_unique<RedisConnection>(m_server->settings());
    m_panel = std::make_unique<KeyBrowserPanel>(m_connection.get());
    m_panel->resize(1300, 800);
    m_panel->show();
    QSignalSpy settled(m_panel.get(), &KeyBrowserPanel::scanSettled);
    m_connection->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() >= 1, 20000);
    m_pane = m_panel->valuePanel()->streamGroupsPane();
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_pane->groupsModel()),
                                      static_cast<QAbstractItemModel *>(m_pane->consumersModel()),
                                      static_cast<QAbstractItemModel *>(m_pane->pendingModel())})
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
}

void TstStreamGroupsPane::cleanupTestCase()
{
    setConfirmFunction({});
    m_testers.clear();
    m_panel.reset();
    m_connection.reset();
    if (m_client) run({"DEL", "orders"});
}

void TstStreamGroupsPane::openPane()
{
    m_panel->jumpToKey("orders");
    QTRY_COMPARE(m_panel->valuePanel()->currentType(), QStringLiteral("stream"));
    QTRY_VERIFY(m_pane->isVisible());
    QTRY_COMPARE(m_pane->groupsModel()->rowCount(), 2);
}

bool TstStreamGroupsPane::fetchAllPending()
{
    StreamPendingModel *pending = m_pane->pendingModel();
    QElapsedTimer clock;
    clock.start();
    while (!pending->isComplete() && clock.elapsed() < 20000) {
        if (pending->canFetchMore({})) pending->fetchMore({});
        QTest::qWait(10);
    }
    return pending->isComplete();
}

void TstStreamGroupsPane::selectPendingRows(int first, int last)
{
    QTableView *table = m_pane->pendingTable();
    const QItemSelection rows(table->model()->index(first, 0),
                              table->model()->index(last, StreamPendingModel::ColumnCount - 1));
    table->selectionModel()->select(rows, QItemSelectionModel::ClearAndSelect);
}

void TstStreamGroupsPane::groupsConsumersAndPendingAreShown()
{
    openPane();
    StreamGroupsModel *groups = m_pane->groupsModel();
    const auto cell = [](QAbstractItemModel *model, int row, int column) {
        return model->index(row, column).data().toString();
    };
    const int g1 = groups->rowOf("g1");
    const int g2 = groups->rowOf("g2");
    QVERIFY(g1 >= 0 && g2 >= 0);
    QCOMPARE(groups->headerData(StreamGroupsModel::Lag, Qt::Horizontal).toString(),
             QStringLiteral("Lag"));
    QCOMPARE(cell(groups, g1, StreamGroupsModel::Consumers), QStringLiteral("2"));
    QCOMPARE(cell(groups, g1, StreamGroupsModel::Pending), QStringLiteral("400"));
    QCOMPARE(cell(groups, g1, StreamGroupsModel::LastDelivered), QStringLiteral("400-0"));
    QCOMPARE(cell(groups, g1, StreamGroupsModel::EntriesRead), QStringLiteral("400"));
    QCOMPARE(cell(groups, g1, StreamGroupsModel::Lag), QStringLiteral("50"));
    QCOMPARE(cell(groups, g2, StreamGroupsModel::Pending), QStringLiteral("0"));
    QCOMPARE(cell(groups, g2, StreamGroupsModel::LastDelivered), QStringLiteral("450-0"));
    QCOMPARE(cell(groups, g2, StreamGroupsModel::Lag), QStringLiteral("0"));
    // Nothing selected: no consumers, group buttons off.
    QCOMPARE(m_pane->consumersModel()->rowCount(), 0);
    QVERIFY(!child<QPushButton>("streamDeleteGroup")->isEnabled());

    m_pane->groupsTable()->selectRow(g1);
    QCOMPARE(m_pane->selectedGroup(), QByteArray("g1"));
    StreamConsumersModel *consumers = m_pane->consumersModel();
    QTRY_COMPARE(consumers->rowCount(), 2);
    QCOMPARE(consumers->consumer(0).name, QByteArray("alice"));
    QCOMPARE(cell(consumers, 0, StreamConsumersModel::Pending), QStringLiteral("300"));
    QCOMPARE(consumers->consumer(1).name, QByteArray("bob"));
    QCOMPARE(consumers->consumer(1).pending, 100);
    QVERIFY(cell(consumers, 0, StreamConsumersModel::Idle).endsWith(QLatin1String("s")));
    // The pending entries list pages: 200 a time, oldest first, no entry twice.
    StreamPendingModel *pending = m_pane->pendingModel();
    QTRY_VERIFY(pending->rowCount() >= StreamPendingModel::kChunk);
    QVERIFY(fetchAllPending());
    QCOMPARE(pending->rowCount(), 400);
    for (int row = 0; row < 400; ++row)
        QCOMPARE(pending->entry(row).id, QByteArray::number(row + 1) + "-0");
    QCOMPARE(cell(pending, 0, StreamPendingModel::Consumer), QStringLiteral("alice"));
    QCOMPARE(cell(pending, 399, StreamPendingModel::Consumer), QStringLiteral("bob"));
    QCOMPARE(cell(pending, 0, StreamPendingModel::Deliveries), QStringLiteral("1"));
    QCOMPARE(child<QComboBox>("streamClaimTo")->count(), 2);
}

void TstStreamGroupsPane::claimAckAndSetIdThroughTheButtons()
{
    openPane();
    m_pane->groupsTable()->selectRow(m_pane->groupsModel()->rowOf("g1"));
    StreamPendingModel *pending = m_pane->pendingModel();
    QTRY_VERIFY(pending->rowCount() > 10);
    QTRY_COMPARE(child<QComboBox>("streamClaimTo")->count(), 2);

    // Claim alice's first two entries to bob: no question, XCLAIM.
    selectPendingRows(0, 1);
    child<QComboBox>("streamClaimTo")->setCurrentText(QStringLiteral("bob"));
    QVERIFY(child<QPushButton>("streamClaim")->isEnabled());
    m_questions.clear();
    child<QPushButton>("streamClaim")->click();
    QTRY_COMPARE(run({"XINFO", "CONSUMERS", "orders", "g1"}).find("bob") != std::string::npos,
                 true);
    QTRY_COMPARE(m_pane->consumersModel()->rowCount(), 2);
    QTRY_COMPARE(m_pane->consumersModel()->consumer(1).pending, 102);
    QTRY_VERIFY(pending->rowCount() > 1 && pending->entry(0).consumer == "bob");
    QCOMPARE(pending->entry(1).consumer, QByteArray("bob"));
    QVERIFY(m_questions.isEmpty());
    QCOMPARE(m_pane->selectedGroup(), QByteArray("g1")); // still selected after the reload

    // ACK three entries: asked first; refused, nothing happens.
    selectPendingRows(0, 2);
    m_answer = false;
    child<QPushButton>("streamAck")->click();
    QCOMPARE(m_questions, QStringList{QStringLiteral("Acknowledge entries")});
    QCOMPARE(run({"XACK", "orders", "g1", "999999-0"}), std::string(":0")); // a round trip
    const int g1 = m_pane->groupsModel()->rowOf("g1");
    QCOMPARE(m_pane->groupsModel()->group(g1).pending, 400);
    m_answer = true;
    child<QPushButton>("streamAck")->click();
    QTRY_COMPARE(m_pane->groupsModel()->rowOf("g1") >= 0 &&
                     m_pane->groupsModel()->group(m_pane->groupsModel()->rowOf("g1")).pending ==
                         397,
                 true);
    QTRY_VERIFY(pending->rowCount() > 0 && pending->entry(0).id == "4-0");

    // Set the group's id back to 0: asked, then XGROUP SETID.
    QTRY_VERIFY(child<QPushButton>("streamSetGroupId")->isEnabled());
    child<QLineEdit>("streamGroupId")->setText(QStringLiteral("0"));
    m_questions.clear();
    child<QPushButton>("streamSetGroupId")->click();
    QCOMPARE(m_questions, QStringList{QStringLiteral("Set group ID")});
    QTRY_COMPARE(
        m_pane->groupsModel()->rowOf("g1") >= 0 &&
            m_pane->groupsModel()->group(m_pane->groupsModel()->rowOf("g1")).lastDeliveredId ==
                "0-0",
        true);
}

void TstStreamGroupsPane::consumersAndGroupsAreCreatedAndDeleted()
{
    openPane();
    StreamGroupsModel *groups = m_pane->groupsModel();
    // A new group, from the first entry on: selected once created.
    child<QLineEdit>("streamGroupName")->setText(QStringLiteral("g3"));
    child<QLineEdit>("streamGroupId")->setText(QStringLiteral("0"));
    child<QPushButton>("streamCreateGroup")->click();
    QTRY_COMPARE(groups->rowCount(), 3);
    QTRY_COMPARE(m_pane->selectedGroup(), QByteArray("g3"));
    QCOMPARE(groups->group(groups->rowOf("g3")).lastDeliveredId, QByteArray("0-0"));
    QVERIFY(child<QLineEdit>("streamGroupName")->text().isEmpty());
    // A group of that name again: the server's error is reported.
    QSignalSpy failed(m_pane, &StreamGroupsPane::failed);
    child<QLineEdit>("streamGroupName")->setText(QStringLiteral("g3"));
    child<QPushButton>("streamCreateGroup")->click();
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("BUSYGROUP")),
             qPrintable(failed.first().first().toString()));
    QTRY_COMPARE(m_pane->selectedGroup(), QByteArray("g3"));

    // Consumers: created, then deleted after the question.
    child<QLineEdit>("streamConsumerName")->setText(QStringLiteral("carol"));
    child<QPushButton>("streamCreateConsumer")->click();
    QTRY_COMPARE(m_pane->consumersModel()->rowCount(), 1);
    QCOMPARE(m_pane->consumersModel()->consumer(0).name, QByteArray("carol"));
    QCOMPARE(run({"XINFO", "CONSUMERS", "orders", "g3"}).find("carol") != std::string::npos, true);
    m_pane->consumersTable()->selectRow(0);
    QVERIFY(child<QPushButton>("streamDeleteConsumer")->isEnabled());
    m_questions.clear();
    child<QPushButton>("streamDeleteConsumer")->click();
    QCOMPARE(m_questions, QStringList{QStringLiteral("Delete consumer")});
    QTRY_COMPARE(m_pane->consumersModel()->rowCount(), 0);
    QTRY_COMPARE(m_pane->selectedGroup(), QByteArray("g3"));

    // The group: refused, it stays; confirmed, it goes and nothing is selected.
    m_answer = false;
    child<QPushButton>("streamDeleteGroup")->click();
    QCOMPARE(run({"XINFO", "GROUPS", "orders"}).find("g3") != std::string::npos, true);
    m_answer = true;
    child<QPushButton>("streamDeleteGroup")->click();
    QTRY_COMPARE(groups->rowCount(), 2);
    QCOMPARE(groups->rowOf("g3"), -1);
    QCOMPARE(m_pane->selectedGroup(), QByteArray());
    QCOMPARE(m_pane->consumersModel()->rowCount(), 0);
    QCOMPARE(run({"XINFO", "GROUPS", "orders"}).find("g3"), std::string::npos);
}

QTEST_MAIN(TstStreamGroupsPane)
#include "tst_stream_groups_pane.moc"
