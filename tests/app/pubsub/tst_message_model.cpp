// MessageModel: ring buffer bounds (oldest rows leave, memory stays at capacity), filtering by
// channel and payload while messages keep arriving, pause/resume keeping held messages, capacity
// changes, all under QAbstractItemModelTester. Also the payload previews the table shows.
#include "pubsub/message_model.h"
#include "pubsub/pubsub_message.h"
#include "pubsub/rate_tracker.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace redscope;

class TstMessageModel : public QObject
{
    Q_OBJECT

private slots:
    void appendsInOrder();
    void ringBufferKeepsNewest();
    void batchLargerThanCapacity();
    void enqueueAppendsInBoundedSlices();
    void evictingEveryRowResets();
    void filterByChannelAndPayload();
    void filterWhileEvicting();
    void pauseHoldsAndResumeAppends();
    void capacityChangeKeepsNewest();
    void clearEmpties();
    void payloadPreviews();
    void ratesPerChannel();

private:
    static PubSubBatch batch(int from, int count, const QByteArray &channel = "ch");
};

PubSubBatch TstMessageModel::batch(int from, int count, const QByteArray &channel)
{
    PubSubBatch messages;
    for (int i = from; i < from + count; ++i) {
        PubSubMessage message;
        message.timestampMs = 1700000000000 + i;
        message.channel = channel;
        message.payload = "msg-" + QByteArray::number(i);
        messages.append(message);
    }
    return messages;
}

void TstMessageModel::appendsInOrder()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.capacity(), 100000);
    model.append(batch(0, 3));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(MessageModel::ColumnCount));
    QCOMPARE(model.index(0, MessageModel::PayloadColumn).data().toString(), "msg-0");
    QCOMPARE(model.index(2, MessageModel::ChannelColumn).data().toString(), "ch");
    QCOMPARE(model.index(1, MessageModel::SizeColumn).data().toInt(), 5);
    QCOMPARE(model.index(1, MessageModel::FormatColumn).data().toString(), "text");
    QCOMPARE(model.index(2, 0).data(MessageModel::PayloadRole).toByteArray(), "msg-2");
}

void TstMessageModel::ringBufferKeepsNewest()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(100);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    for (int i = 0; i < 10; ++i)
        model.append(batch(i * 30, 30));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.storedCount(), 100);
    QCOMPARE(model.appendedCount(), 300u);
    QCOMPARE(model.message(0).payload, "msg-200");
    QCOMPARE(model.message(99).payload, "msg-299");
    QCOMPARE(removed.size(), 7); // one removal per batch once full, never one per message
}

void TstMessageModel::batchLargerThanCapacity()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(10);
    model.append(batch(0, 7));
    model.append(batch(7, 25));
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.message(0).payload, "msg-22");
    QCOMPARE(model.message(9).payload, "msg-31");
}

void TstMessageModel::enqueueAppendsInBoundedSlices()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int total = int(MessageModel::kRowsPerTurn) * 2 + 100;
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy drained(&model, &MessageModel::queueDrained);
    model.enqueue(batch(0, 1000));
    model.enqueue(batch(1000, total - 1000));
    QCOMPARE(model.rowCount(), 0); // nothing is appended inside the caller's turn
    QCOMPARE(model.queuedCount(), total);
    QTRY_COMPARE(drained.size(), 1);
    QCOMPARE(model.rowCount(), total);
    QCOMPARE(model.queuedCount(), 0);
    QCOMPARE(inserted.size(), 3); // two full slices and the rest, one insert each
    for (const QList<QVariant> &args : inserted) {
        const int rows = args.at(2).toInt() - args.at(1).toInt() + 1;
        QVERIFY(rows <= MessageModel::kRowsPerTurn);
    }
    for (int row : {0, 999, 1000, total - 1})
        QCOMPARE(model.message(row).payload, "msg-" + QByteArray::number(row));

    // A queue larger than the capacity keeps only the newest messages.
    model.setCapacity(50);
    model.enqueue(batch(total, 40));
    model.enqueue(batch(total + 40, 40));
    model.appendQueued();
    QCOMPARE(model.queuedCount(), 0);
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.message(0).payload, "msg-" + QByteArray::number(total + 30));
    QCOMPARE(model.message(49).payload, "msg-" + QByteArray::number(total + 79));
    QCOMPARE(model.appendedCount(), quint64(total + 80));
    QCOMPARE(model.droppedCount(), 30u); // never rows: shown as "30 dropped from view"

    // Queued messages are held while paused and kept in order on resume.
    model.setPaused(true);
    model.enqueue(batch(total + 80, 3));
    QTRY_COMPARE(model.heldCount(), 3);
    model.setPaused(false);
    QCOMPARE(model.message(49).payload, "msg-" + QByteArray::number(total + 82));
    model.enqueue(batch(0, 5));
    model.clear();
    QCOMPARE(model.queuedCount(), 0);
    QTest::qWait(20);
    QCOMPARE(model.rowCount(), 0);
}

void TstMessageModel::evictingEveryRowResets()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(100);
    model.append(batch(0, 100));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.append(batch(100, 30)); // evicts 30 of 100: a removal
    QCOMPARE(removed.size(), 1);
    QCOMPARE(reset.size(), 0);
    model.append(batch(130, 100)); // evicts every row: one reset, no removal
    QCOMPARE(removed.size(), 1);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.message(0).payload, "msg-130");
    model.setFilter(QStringLiteral("msg-2"), MessageModel::FilterField::Payload);
    const int shown = model.rowCount(); // msg-200 .. msg-229
    QCOMPARE(shown, 30);
    model.append(batch(230, 100));  // evicts every matching row while filtering
    QCOMPARE(reset.size(), 3);      // setFilter and the eviction
    QCOMPARE(model.rowCount(), 70); // msg-230 .. msg-299 match, msg-300 .. msg-329 don't
    QCOMPARE(model.message(0).payload, "msg-230");
}

void TstMessageModel::filterByChannelAndPayload()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(batch(0, 10, "orders"));
    model.append(batch(10, 10, "Users"));
    model.setFilter("users", MessageModel::FilterField::Channel);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.message(0).payload, "msg-10");
    model.setFilter("MSG-1", MessageModel::FilterField::Payload); // case-insensitive
    QCOMPARE(model.rowCount(), 11);                               // msg-1 and msg-10..19
    model.setFilter("order", MessageModel::FilterField::Payload);
    QCOMPARE(model.rowCount(), 0);
    model.setFilter("order", MessageModel::FilterField::Both);
    QCOMPARE(model.rowCount(), 10);
    model.append(batch(20, 5, "orders"));
    model.append(batch(25, 5, "other"));
    QCOMPARE(model.rowCount(), 15);
    QCOMPARE(model.message(14).payload, "msg-24");
    QCOMPARE(model.visibleMessages().size(), 15);
    model.setFilter({}, MessageModel::FilterField::Both);
    QCOMPARE(model.rowCount(), 30);
}

void TstMessageModel::filterWhileEvicting()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCapacity(20);
    model.setFilter("a", MessageModel::FilterField::Channel);
    for (int i = 0; i < 10; ++i) {
        model.append(batch(i * 10, 5, "a"));
        model.append(batch(i * 10 + 5, 5, "b"));
    }
    // Stored: messages 80..99; of those, channel "a" holds 80..84 and 90..94.
    QCOMPARE(model.storedCount(), 20);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.message(0).payload, "msg-80");
    QCOMPARE(model.message(9).payload, "msg-94");
}

void TstMessageModel::pauseHoldsAndResumeAppends()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(batch(0, 5));
    model.setPaused(true);
    QSignalSpy held(&model, &MessageModel::heldCountChanged);
    model.append(batch(5, 5));
    model.append(batch(10, 5));
    QCOMPARE(model.rowCount(), 5); // the view is frozen
    QCOMPARE(model.heldCount(), 10);
    QCOMPARE(held.last().first().toLongLong(), 10);
    model.setPaused(false);
    QCOMPARE(model.heldCount(), 0);
    QCOMPARE(model.rowCount(), 15); // nothing lost
    QCOMPARE(model.message(14).payload, "msg-14");
}

void TstMessageModel::capacityChangeKeepsNewest()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(batch(0, 50));
    model.setCapacity(20);
    QCOMPARE(model.rowCount(), 20);
    QCOMPARE(model.message(0).payload, "msg-30");
    model.append(batch(50, 5));
    QCOMPARE(model.message(0).payload, "msg-35");
    QCOMPARE(model.message(19).payload, "msg-54");
    model.setCapacity(1000);
    model.append(batch(55, 5));
    QCOMPARE(model.rowCount(), 25);
    QCOMPARE(model.message(24).payload, "msg-59");
}

void TstMessageModel::clearEmpties()
{
    MessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(batch(0, 50));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    model.append(batch(50, 2));
    QCOMPARE(model.message(0).payload, "msg-50");
}

void TstMessageModel::payloadPreviews()
{
    QCOMPARE(PayloadFormat::detect("hello"), PayloadFormat::Kind::Text);
    QCOMPARE(PayloadFormat::detect(R"({"a": [1, 2]})"), PayloadFormat::Kind::Json);
    QCOMPARE(PayloadFormat::detect("{not json"), PayloadFormat::Kind::Text);
    QCOMPARE(PayloadFormat::detect(QByteArray("\x00\x01\xff", 3)), PayloadFormat::Kind::Binary);
    QCOMPARE(PayloadFormat::preview("{ \"b\" :\n 1, \"a\": 2 }"),
             QStringLiteral(R"({ "b" : 1, "a": 2 })"));
    QCOMPARE(PayloadFormat::preview(QByteArray("\x00\x01\xff", 3)), QStringLiteral("00 01 ff"));
    QCOMPARE(PayloadFormat::preview("line1\nline2"), QStringLiteral("line1⏎line2"));
    QVERIFY(PayloadFormat::detail(R"({"a":1})").contains("\"a\": 1"));
    QVERIFY(PayloadFormat::detail(QByteArray("AB\x00", 3)).startsWith("00000000  41 42 00"));
}

void TstMessageModel::ratesPerChannel()
{
    RateTracker rates;
    const qint64 base = 1700000000000; // a whole second
    PubSubBatch messages;
    for (int i = 0; i < 30; ++i)
        messages.append({base + i * 10, i % 3 == 0 ? "a" : "b", {}, "x"}); // second 0
    for (int i = 0; i < 6; ++i)
        messages.append({base + 1000 + i, "a", {}, "x"}); // second 1
    rates.add(messages);
    QCOMPARE(rates.ratePerSecond("a", base + 1500), 10); // last complete second: second 0
    QCOMPARE(rates.ratePerSecond("b", base + 1500), 20);
    QCOMPARE(rates.ratePerSecond("a", base + 2100), 6);
    QCOMPARE(rates.ratePerSecond("b", base + 2100), 0);
    QCOMPARE(rates.totalRate(base + 1500), 30);
    const QList<int> history = rates.history(base + 2100, 60);
    QCOMPARE(history.size(), 60);
    QCOMPARE(history.at(59), 6);
    QCOMPARE(history.at(58), 30);
    const auto list = rates.channelRates(base + 1500);
    QCOMPARE(list.first().channel, "b");
    QCOMPARE(list.last().total, 16);
}

QTEST_GUILESS_MAIN(TstMessageModel)
#include "tst_message_model.moc"
