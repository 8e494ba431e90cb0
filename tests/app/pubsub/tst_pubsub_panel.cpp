// PubSubPanel offscreen against redis-server and the Local engine (test_backend.h): subscribing
// through the panel's own controls, messages published from another connection appearing as rows
// with the right channel and pattern, the publish box, pause/resume, filter, the channel browser,
// the keyspace-events shortcut (with its question) and export files whose content is checked.
#include "connection/redis_connection.h"
#include "pubsub/message_model.h"
#include "pubsub/pubsub_panel.h"
#include "test_backend.h"

#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace redscope;
using redscope::test::TestBackend;

class TstPubSubPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void subscribeThroughControlsAndSeeRows();
    void publishBoxPublishes();
    void pauseHoldsAndResumeShows();
    void filterNarrowsRows();
    void channelBrowserListsServerChannels();
    void exportWritesJsonLinesAndCsv();
    void keyspaceShortcutAsksAndEnables();
    void unsubscribeThroughControls();

private:
    template <typename T> T *child(const char *name) const
    {
        auto *widget = m_panel->findChild<T *>(QLatin1String(name));
        if (!widget) qWarning("missing child %s", name);
        return widget;
    }
    QTreeWidgetItem *subscriptionItem(const QString &name) const;
    qint64 publish(const QByteArray &channel, const QByteArray &payload);
    void typeAndSubscribe(const QString &name);

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<RedisConnection> m_other;
    std::unique_ptr<PubSubPanel> m_panel;
    MessageModel *m_model = nullptr;
};

void TstPubSubPanel::initTestCase()
{
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    ConnectionSettings settings = m_server->settings();
    settings.name = QStringLiteral("panel");
    m_connection = std::make_unique<RedisConnection>(settings);
    m_other = std::make_unique<RedisConnection>(settings);
    m_connection->connectToServer();
    m_other->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), RedisConnection::State::Ready, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_other->state(), RedisConnection::State::Ready, 10000);
    m_panel = std::make_unique<PubSubPanel>(m_connection.get());
    m_panel->resize(1200, 800);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_model = m_panel->model();
    auto *table = child<QTableView>("messageTable");
    QVERIFY(table);
    QCOMPARE(table->model(), m_model);
}

void TstPubSubPanel::cleanupTestCase()
{
    m_panel.reset();
    m_other.reset();
    m_connection.reset();
}

QTreeWidgetItem *TstPubSubPanel::subscriptionItem(const QString &name) const
{
    auto *list = child<QTreeWidget>("subscriptionList");
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        if (list->topLevelItem(i)->text(0) == name) return list->topLevelItem(i);
    }
    return nullptr;
}

qint64 TstPubSubPanel::publish(const QByteArray &channel, const QByteArray &payload)
{
    qint64 receivers = -1;
    m_other->send({"PUBLISH", channel, payload},
                  [&](const RedisValue &reply) { receivers = reply.toInteger(); });
    if (!QTest::qWaitFor([&] { return receivers >= 0; }, 5000)) qWarning("no reply");
    return receivers;
}

void TstPubSubPanel::typeAndSubscribe(const QString &name)
{
    auto *input = child<QLineEdit>("subscribeInput");
    input->setFocus();
    QTest::keyClicks(input, name);
    QTest::mouseClick(child<QPushButton>("subscribeButton"), Qt::LeftButton);
    QVERIFY(input->text().isEmpty());
}

void TstPubSubPanel::subscribeThroughControlsAndSeeRows()
{
    typeAndSubscribe(QStringLiteral("orders"));
    typeAndSubscribe(QStringLiteral("ev.*"));
    QTreeWidgetItem *orders = subscriptionItem(QStringLiteral("orders"));
    QTreeWidgetItem *events = subscriptionItem(QStringLiteral("ev.*"));
    QVERIFY(orders && events);
    QCOMPARE(orders->text(1), QStringLiteral("channel"));
    QCOMPARE(events->text(1), QStringLiteral("pattern"));
    QTRY_COMPARE_WITH_TIMEOUT(orders->text(2), QStringLiteral("active"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(events->text(2), QStringLiteral("active"), 10000);
    QTRY_VERIFY(child<QLabel>("subscriberState")->text().startsWith("Subscribed"));

    QCOMPARE(publish("orders", R"({"id": 7, "total": 12.5})"), 1);
    QCOMPARE(publish("ev.login", "alice"), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 2, 5000);
    QCOMPARE(m_model->index(0, MessageModel::ChannelColumn).data().toString(), "orders");
    QCOMPARE(m_model->index(0, MessageModel::PatternColumn).data().toString(), "");
    QCOMPARE(m_model->index(0, MessageModel::FormatColumn).data().toString(), "JSON");
    QCOMPARE(m_model->index(0, MessageModel::PayloadColumn).data().toString(),
             R"({"id": 7, "total": 12.5})");
    QCOMPARE(m_model->index(1, MessageModel::ChannelColumn).data().toString(), "ev.login");
    QCOMPARE(m_model->index(1, MessageModel::PatternColumn).data().toString(), "ev.*");

    // Selecting a row fills the detail pane.
    auto *table = child<QTableView>("messageTable");
    table->selectRow(0);
    auto *detail = child<QPlainTextEdit>("messageDetail");
    QVERIFY2(detail->toPlainText().contains("Channel: orders"), qPrintable(detail->toPlainText()));
    QVERIFY(detail->toPlainText().contains("\"total\": 12.5"));
}

void TstPubSubPanel::publishBoxPublishes()
{
    auto *channel = child<QComboBox>("publishChannel");
    auto *payload = child<QComboBox>("publishPayload");
    const int before = m_model->rowCount();
    channel->setEditText(QStringLiteral("orders"));
    payload->lineEdit()->setFocus();
    QTest::keyClicks(payload->lineEdit(), QStringLiteral("from the box"));
    QTest::mouseClick(child<QPushButton>("publishButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>("publishResult")->text(),
                              QStringLiteral("delivered to 1 subscriber(s)"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), before + 1, 5000);
    QCOMPARE(m_model->message(before).payload, "from the box");
    QCOMPARE(payload->findText(QStringLiteral("from the box")), 0); // history
    QCOMPARE(channel->findText(QStringLiteral("orders")), 0);
}

void TstPubSubPanel::pauseHoldsAndResumeShows()
{
    auto *pause = child<QPushButton>("pauseButton");
    const int before = m_model->rowCount();
    QTest::mouseClick(pause, Qt::LeftButton);
    QVERIFY(m_model->isPaused());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(publish("orders", "held " + QByteArray::number(i)), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->heldCount(), 3, 5000);
    QCOMPARE(m_model->rowCount(), before);
    QTRY_COMPARE(pause->text(), QStringLiteral("Resume (3)"));
    QTest::mouseClick(pause, Qt::LeftButton);
    QCOMPARE(m_model->rowCount(), before + 3);
    QCOMPARE(m_model->message(before + 2).payload, "held 2");
}

void TstPubSubPanel::filterNarrowsRows()
{
    auto *filter = child<QLineEdit>("filterInput");
    auto *field = child<QComboBox>("filterField");
    field->setCurrentIndex(int(MessageModel::FilterField::Channel));
    QTest::keyClicks(filter, QStringLiteral("ev."));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 1, 3000);
    QCOMPARE(m_model->message(0).channel, "ev.login");
    QCOMPARE(publish("ev.logout", "bob"), 1);
    QCOMPARE(publish("orders", "not shown"), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 2, 5000);
    QTest::qWait(300);
    QCOMPARE(m_model->rowCount(), 2);
    field->setCurrentIndex(int(MessageModel::FilterField::Payload));
    filter->setText(QStringLiteral("HELD"));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 3, 3000);
    filter->clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), int(m_model->storedCount()), 3000);
}

void TstPubSubPanel::channelBrowserListsServerChannels()
{
    QTest::mouseClick(child<QPushButton>("refreshChannels"), Qt::LeftButton);
    auto *browser = child<QTreeWidget>("channelBrowser");
    QTreeWidgetItem *orders = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto found = browser->findItems(QStringLiteral("orders"), Qt::MatchExactly);
            orders = found.isEmpty() ? nullptr : found.first();
            return orders && orders->data(1, Qt::DisplayRole).toInt() == 1;
        }(),
        5000);
    QTRY_VERIFY(child<QLabel>("numpatLabel")->text().contains("Patterns: 1"));
    // Received totals come from the rate tracker (shown on the next tick).
    QTRY_VERIFY_WITH_TIMEOUT(orders->data(3, Qt::DisplayRole).toInt() >= 5, 3000);
    QVERIFY(m_panel->rates().channelCount() >= 2);
}

void TstPubSubPanel::exportWritesJsonLinesAndCsv()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSignalSpy finished(m_panel.get(), &PubSubPanel::exportFinished);
    const QString jsonl = dir.filePath(QStringLiteral("m.jsonl"));
    m_panel->exportTo(jsonl, MessageExport::Format::JsonLines);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(finished.first().at(1).toString(), QString());
    QFile file(jsonl);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), m_model->rowCount());
    const QJsonObject first = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(first.value("channel").toString(), "orders");
    QCOMPARE(first.value("payload").toString(), R"({"id": 7, "total": 12.5})");
    QCOMPARE(first.value("encoding").toString(), "utf8");
    QVERIFY(first.value("pattern").isNull());
    QCOMPARE(first.value("time_ms").toInteger(), m_model->message(0).timestampMs);
    const QJsonObject second = QJsonDocument::fromJson(lines.at(1)).object();
    QCOMPARE(second.value("pattern").toString(), "ev.*");
    QCOMPARE(second.value("size").toInt(), 5);

    const QString csv = dir.filePath(QStringLiteral("m.csv"));
    m_panel->exportTo(csv, MessageExport::Format::Csv);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 5000);
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = csvFile.readAll().split('\n');
    QCOMPARE(rows.first(), "time,time_ms,channel,pattern,size,encoding,payload\r");
    QVERIFY2(rows.at(1).endsWith(R"(,orders,,24,utf8,"{""id"": 7, ""total"": 12.5}")"
                                 "\r"),
             rows.at(1).constData());
    QVERIFY(rows.at(2).contains(",ev.login,ev.*,5,utf8,alice"));
    QCOMPARE(rows.size(), m_model->rowCount() + 2); // header + rows + empty after last CRLF
}

void TstPubSubPanel::keyspaceShortcutAsksAndEnables()
{
    QTest::mouseClick(child<QPushButton>("keyspaceButton"), Qt::LeftButton);
    QTreeWidgetItem *item = nullptr;
    QTRY_VERIFY((item = subscriptionItem(QStringLiteral("__keyspace@0__:*"))) != nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(item->text(2), QStringLiteral("active"), 5000);
    QMessageBox *question = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (question = m_panel->findChild<QMessageBox *>(QStringLiteral("keyspaceQuestion"))), 5000);
    QVERIFY(question->text().contains("notify-keyspace-events"));
    QTest::mouseClick(question->button(QMessageBox::Yes), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        child<QLabel>("subscriberState")->text().contains("Keyspace events enabled"), 5000);
    bool done = false;
    m_other->send({"SET", "watched:key", "1"}, [&](const RedisValue &) { done = true; });
    QTRY_VERIFY(done);
    QTRY_VERIFY_WITH_TIMEOUT(m_model->storedCount() > 0 &&
                                 m_model->message(m_model->rowCount() - 1).channel ==
                                     "__keyspace@0__:watched:key",
                             5000);
    QCOMPARE(m_model->message(m_model->rowCount() - 1).payload, "set");
    QCOMPARE(m_model->message(m_model->rowCount() - 1).pattern, "__keyspace@0__:*");
}

void TstPubSubPanel::unsubscribeThroughControls()
{
    QTreeWidgetItem *orders = subscriptionItem(QStringLiteral("orders"));
    QVERIFY(orders);
    orders->setSelected(true);
    QTest::mouseClick(child<QPushButton>("unsubscribeButton"), Qt::LeftButton);
    QVERIFY(!subscriptionItem(QStringLiteral("orders")));
    QVERIFY(!m_panel->subscriber()->isSubscribed(Subscriber::Kind::Channel, "orders"));
    QTRY_COMPARE_WITH_TIMEOUT(publish("orders", "nobody"), 0, 5000);
    QCOMPARE(publish("ev.more", "still"), 1);
}

QTEST_MAIN(TstPubSubPanel)
#include "tst_pubsub_panel.moc"
