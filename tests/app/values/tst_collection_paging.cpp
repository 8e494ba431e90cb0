// CollectionValueModel and ValueService against a real server (redis-server and the Local
// engine, test_backend.h), under QAbstractItemModelTester: a hash and a list far larger than
// the model's window are paged to the end and back, every element reached exactly once (SCAN
// may repeat an element while the server rehashes: repeats are dropped before counting) and
// the window never holding more than its bound; lists and sorted sets open at any index;
// MATCH searches the whole value on the server; sorted sets page by score range; an edit of an
// element another client changed meanwhile is reported, not written, until forced.
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_backend.h"
#include "values/collection_value_model.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <set>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestBackend;

class TstCollectionPaging : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void bigHashReachesEveryFieldOnceInABoundedWindow();
    void readAheadDroppedByScrollingUpLosesNoField();
    void bigListPagesInOrderAndJumpsToAnIndex();
    void matchSearchesTheWholeValue();
    void sortedSetByRankAndByScoreRange();
    void editOfAnElementChangedMeanwhileIsAConflict();
    void listRemovalChecksPositions();

private:
    std::unique_ptr<CollectionValueModel> openModel(const QByteArray &key, KeyType kind);
    // Fetches pages until the window reaches the end; calls seen(row) for every row inserted.
    bool walkToEnd(CollectionValueModel *model, int *maxRows = nullptr);
    bool walkToStart(CollectionValueModel *model);
    void fill(const std::vector<std::vector<std::string>> &commands);
    std::string run(const std::vector<std::string> &args) { return m_client->run(args); }

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisTestClient> m_client;
    std::unique_ptr<RedisConnection> m_connection;
};

void TstCollectionPaging::initTestCase()
{
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_client = m_server->client();
    QVERIFY(m_client->connected());
    m_connection = m_server->connectReady();
    QVERIFY2(m_connection, "the app's connection never became Ready");
}

void TstCollectionPaging::cleanupTestCase()
{
    m_connection.reset();
    if (m_client) run({"FLUSHALL"});
}

void TstCollectionPaging::fill(const std::vector<std::vector<std::string>> &commands)
{
    for (const auto &command : commands)
        m_client->append(command);
    for (size_t i = 0; i < commands.size(); ++i) {
        const std::string reply = m_client->readReply();
        QVERIFY2(reply.rfind('-', 0) != 0, reply.c_str());
    }
}

std::unique_ptr<CollectionValueModel> TstCollectionPaging::openModel(const QByteArray &key,
                                                                     KeyType kind)
{
    auto model = std::make_unique<CollectionValueModel>(m_connection.get());
    model->load(key, kind);
    return model;
}

bool TstCollectionPaging::walkToEnd(CollectionValueModel *model, int *maxRows)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 90000) {
        if (maxRows) *maxRows = std::max(*maxRows, model->rowCount());
        if (!model->isLoading() && model->isComplete()) return true;
        if (model->canFetchMore({})) model->fetchMore({});
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return false;
}

bool TstCollectionPaging::walkToStart(CollectionValueModel *model)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 90000) {
        if (!model->isLoading() && model->firstOrdinal() == 0 && !model->canFetchPrevious())
            return true;
        if (model->canFetchPrevious()) model->fetchPrevious();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return false;
}

// Elements inserted into the model, as they arrive (the window drops them later).
static QMetaObject::Connection recordRows(CollectionValueModel *model,
                                          std::vector<QByteArray> *rows)
{
    return QObject::connect(model, &QAbstractItemModel::rowsInserted, model,
                            [model, rows](const QModelIndex &, int first, int last) {
                                for (int r = first; r <= last; ++r)
                                    rows->push_back(model->element(r));
                            });
}

void TstCollectionPaging::bigHashReachesEveryFieldOnceInABoundedWindow()
{
    // 60,000 fields: six times the window, a real hash table (not a listpack) on both servers.
    const int fields = 60000;
    std::vector<std::vector<std::string>> commands;
    for (int base = 0; base < fields; base += 1000) {
        std::vector<std::string> hset{"HSET", "big:hash"};
        for (int i = base; i < base + 1000; ++i) {
            hset.push_back("field:" + std::to_string(i));
            hset.push_back("value " + std::to_string(i));
        }
        commands.push_back(std::move(hset));
    }
    fill(commands);
    auto model = openModel("big:hash", KeyType::Hash);
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::vector<QByteArray> inserted;
    recordRows(model.get(), &inserted);
    QTRY_COMPARE(model->total(), qint64(fields)); // HLEN, at once
    QTRY_VERIFY(model->rowCount() >= CollectionValueModel::kChunk);
    std::set<QByteArray> firstPage;
    for (int r = 0; r < CollectionValueModel::kChunk; ++r)
        firstPage.insert(model->element(r));

    int maxRows = 0;
    QVERIFY(walkToEnd(model.get(), &maxRows));
    // The window stays bounded: 10,000 rows and one page of at most kMaxWalkChunk (pages grow
    // as the walk goes on; SCAN's COUNT is a hint).
    const int bound =
        (CollectionValueModel::kWindowRows + CollectionValueModel::kMaxWalkChunk) * 11 / 10;
    QVERIFY2(maxRows <= bound, QByteArray::number(maxRows).constData());
    QVERIFY(model->firstOrdinal() > 0); // the first pages were dropped
    std::set<QByteArray> distinct(inserted.begin(), inserted.end());
    QCOMPARE(int(distinct.size()), fields);
    for (int i = 0; i < fields; i += 997)
        QVERIFY(distinct.count("field:" + QByteArray::number(i)));
    // Values came with their fields.
    for (int r = 0; r < model->rowCount(); r += 131) {
        const QByteArray field = model->element(r);
        QCOMPARE(model->second(r), "value " + field.mid(6));
    }

    // Back to the start through the saved cursors: the same first page again.
    QVERIFY(walkToStart(model.get()));
    std::set<QByteArray> again;
    for (int r = 0; r < CollectionValueModel::kChunk; ++r)
        again.insert(model->element(r));
    QCOMPARE(again, firstPage);
    QVERIFY(model->rowCount() <= bound);
    run({"DEL", "big:hash"});
}

// Walking down reads pages ahead (their fields are in the scan's "seen" set already); going
// up drops them, and a field of a dropped page must not then be taken for a repeat.
void TstCollectionPaging::readAheadDroppedByScrollingUpLosesNoField()
{
    const int fields = 40000;
    std::vector<std::vector<std::string>> commands;
    for (int base = 0; base < fields; base += 1000) {
        std::vector<std::string> hset{"HSET", "ahead:hash"};
        for (int i = base; i < base + 1000; ++i) {
            hset.push_back("f" + std::to_string(i));
            hset.push_back("v");
        }
        commands.push_back(std::move(hset));
    }
    fill(commands);
    auto model = openModel("ahead:hash", KeyType::Hash);
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(model->rowCount() >= CollectionValueModel::kChunk);
    QCOMPARE(model->pagesReadAhead(), 0); // opening a key reads no more than its first page
    // Down until the window dropped its first page; the pages after it are read ahead.
    QElapsedTimer clock;
    clock.start();
    while (model->firstOrdinal() == 0 && clock.elapsed() < 30000) {
        if (model->canFetchMore({})) model->fetchMore({});
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    QVERIFY(model->firstOrdinal() > 0);
    QVERIFY(!model->isComplete());
    QTRY_COMPARE(model->pagesReadAhead(), CollectionValueModel::kReadAheadPages);

    QVERIFY(model->canFetchPrevious());
    model->fetchPrevious();
    QCOMPARE(model->pagesReadAhead(), 0);
    QVERIFY(walkToStart(model.get()));
    std::vector<QByteArray> inserted;
    for (int r = 0; r < model->rowCount(); ++r)
        inserted.push_back(model->element(r));
    recordRows(model.get(), &inserted);
    QVERIFY(walkToEnd(model.get()));
    // Every field once: the window at the start, then each page appended on the way down.
    QCOMPARE(int(inserted.size()), fields);
    const std::set<QByteArray> distinct(inserted.begin(), inserted.end());
    QCOMPARE(int(distinct.size()), fields);
    QCOMPARE(model->firstOrdinal() + model->rowCount(), qint64(fields));
    run({"DEL", "ahead:hash"});
}

void TstCollectionPaging::bigListPagesInOrderAndJumpsToAnIndex()
{
    const int elements = 120000;
    std::vector<std::vector<std::string>> commands;
    for (int base = 0; base < elements; base += 1000) {
        std::vector<std::string> rpush{"RPUSH", "big:list"};
        for (int i = base; i < base + 1000; ++i)
            rpush.push_back("e" + std::to_string(i));
        commands.push_back(std::move(rpush));
    }
    fill(commands);
    auto model = openModel("big:list", KeyType::List);
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model->total(), qint64(elements));
    QTRY_COMPARE(model->rowCount(), CollectionValueModel::kChunk);
    QVERIFY(model->isPositional());

    // Jump to the end: the last element, then the page before it fills the screen above.
    QSignalSpy jumped(model.get(), &CollectionValueModel::jumped);
    QVERIFY(model->jumpToIndex(-1));
    QTRY_COMPARE(jumped.size(), 1);
    int row = jumped.at(0).at(0).toInt();
    QCOMPARE(model->element(row), QByteArray("e119999"));
    QCOMPARE(model->ordinal(row), qint64(elements - 1));
    QCOMPARE(model->index(row, 0).data().toString(), QStringLiteral("119999")); // the index column
    QTRY_COMPARE(model->rowCount(), 2 * CollectionValueModel::kChunk);
    QCOMPARE(model->element(model->rowCount() - 1), QByteArray("e119999"));
    QVERIFY(model->isComplete());

    // Anywhere in the middle.
    QVERIFY(model->jumpToIndex(54321));
    QTRY_COMPARE(jumped.size(), 2);
    row = jumped.at(1).at(0).toInt();
    QCOMPARE(model->element(row), QByteArray("e54321"));
    QCOMPARE(model->ordinal(row), qint64(54321));

    // From the start to the end: every element once, in order, each at its index.
    QVERIFY(model->jumpToIndex(0));
    QTRY_COMPARE(jumped.size(), 3);
    QCOMPARE(model->firstOrdinal(), qint64(0));
    std::vector<bool> seen(elements, false);
    int wrong = 0;
    QObject::connect(model.get(), &QAbstractItemModel::rowsInserted, model.get(),
                     [&](const QModelIndex &, int first, int last) {
                         for (int r = first; r <= last; ++r) {
                             const qint64 at = model->ordinal(r);
                             if (model->element(r) != "e" + QByteArray::number(at) || seen[at])
                                 ++wrong;
                             seen[size_t(at)] = true;
                         }
                     });
    for (int r = 0; r < model->rowCount(); ++r)
        seen[size_t(model->ordinal(r))] = true;
    int maxRows = 0;
    QVERIFY(walkToEnd(model.get(), &maxRows));
    QCOMPARE(wrong, 0);
    QCOMPARE(int(std::count(seen.begin(), seen.end(), true)), elements);
    QCOMPARE(maxRows, CollectionValueModel::kWindowRows); // pages of 500 rows by position
    run({"DEL", "big:list"});
}

void TstCollectionPaging::matchSearchesTheWholeValue()
{
    std::vector<std::vector<std::string>> commands;
    for (int base = 0; base < 20000; base += 1000) {
        std::vector<std::string> hset{"HSET", "m:hash"};
        std::vector<std::string> sadd{"SADD", "m:set"};
        std::vector<std::string> zadd{"ZADD", "m:zset"};
        for (int i = base; i < base + 1000; ++i) {
            const std::string name = (i % 133 == 0 ? "special:" : "plain:") + std::to_string(i);
            hset.push_back(name);
            hset.push_back("v");
            sadd.push_back(name);
            zadd.push_back(std::to_string(i));
            zadd.push_back(name);
        }
        commands.push_back(std::move(hset));
        commands.push_back(std::move(sadd));
        commands.push_back(std::move(zadd));
    }
    fill(commands);
    std::set<QByteArray> expected;
    for (int i = 0; i < 20000; i += 133)
        expected.insert("special:" + QByteArray::number(i));

    for (const auto &[key, kind] : {std::pair{QByteArray("m:hash"), KeyType::Hash},
                                    std::pair{QByteArray("m:set"), KeyType::Set},
                                    std::pair{QByteArray("m:zset"), KeyType::SortedSet}}) {
        auto model = openModel(key, kind);
        QAbstractItemModelTester tester(model.get(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY(model->rowCount() > 0);
        QVERIFY(model->supportsMatch());
        std::vector<QByteArray> inserted;
        recordRows(model.get(), &inserted);
        model->setMatch("special:*");
        QVERIFY(walkToEnd(model.get()));
        const std::set<QByteArray> found(inserted.begin(), inserted.end());
        QCOMPARE(found, expected);
        if (kind == KeyType::SortedSet) { // ZSCAN brings the scores along
            QVERIFY(!model->isPositional());
            for (int r = 0; r < model->rowCount(); ++r)
                QCOMPARE(model->second(r), model->element(r).mid(8));
        }
        QTRY_COMPARE(model->total(), qint64(20000)); // the key's total, not the matches
        // A pattern that matches nothing: an empty, complete window.
        model->setMatch("nothing:*");
        QVERIFY(walkToEnd(model.get()));
        QCOMPARE(model->rowCount(), 0);
        // Cleared: everything again.
        model->setMatch({});
        QTRY_VERIFY(model->rowCount() >= CollectionValueModel::kChunk);
    }
    run({"DEL", "m:hash", "m:set", "m:zset"});
}

void TstCollectionPaging::sortedSetByRankAndByScoreRange()
{
    std::vector<std::string> zadd{"ZADD", "board"};
    for (int i = 0; i < 3000; ++i) {
        zadd.push_back(std::to_string(i));
        zadd.push_back("z" + std::to_string(i));
    }
    fill({zadd});
    auto model = openModel("board", KeyType::SortedSet);
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model->rowCount(), CollectionValueModel::kChunk);
    QCOMPARE(model->element(0), QByteArray("z0"));
    QSignalSpy jumped(model.get(), &CollectionValueModel::jumped);
    QVERIFY(model->jumpToIndex(2500));
    QTRY_COMPARE(jumped.size(), 1);
    QCOMPARE(model->element(jumped.at(0).at(0).toInt()), QByteArray("z2500"));

    // Scores in [100, 200): ZCOUNT for the total, in score order.
    model->setScoreRange("100", "(200");
    QTRY_COMPARE(model->total(), qint64(100));
    QTRY_COMPARE(model->rowCount(), 100);
    for (int r = 0; r < 100; ++r)
        QCOMPARE(model->element(r), "z" + QByteArray::number(100 + r));
    QVERIFY(model->isComplete());
    QVERIFY(model->jumpToIndex(50));
    QTRY_COMPARE(jumped.size(), 2);
    QCOMPARE(model->element(jumped.at(1).at(0).toInt()), QByteArray("z150"));
    // Highest first within the range.
    model->sort(1, Qt::DescendingOrder);
    QTRY_VERIFY(model->rowCount() == 100 && model->element(0) == "z199");
    // Back to ranks, highest first.
    model->setScoreRange({}, {});
    QTRY_COMPARE(model->total(), qint64(3000));
    QTRY_VERIFY(model->rowCount() > 0 && model->element(0) == "z2999");
    run({"DEL", "board"});
}

void TstCollectionPaging::editOfAnElementChangedMeanwhileIsAConflict()
{
    QCOMPARE(run({"HSET", "c:hash", "a", "1", "b", "2"}), std::string(":2"));
    auto model = openModel("c:hash", KeyType::Hash);
    QAbstractItemModelTester tester(model.get(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model->rowCount(), 2);
    const int a = model->element(0) == "a" ? 0 : 1;
    QSignalSpy conflict(model.get(), &CollectionValueModel::conflict);
    QSignalSpy changed(model.get(), &CollectionValueModel::changed);

    // Unchanged on the server: written.
    model->editElement(a, "a", "10");
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(run({"HGET", "c:hash", "a"}), std::string("$10"));
    QCOMPARE(model->second(a), QByteArray("10"));

    // Another client writes it meanwhile: reported with what the server holds, not written.
    QCOMPARE(run({"HSET", "c:hash", "a", "other"}), std::string(":0"));
    model->editElement(a, "a", "mine");
    QTRY_COMPARE(conflict.size(), 1);
    QCOMPARE(conflict.at(0).at(0).toInt(), a);
    QCOMPARE(conflict.at(0).at(3).toByteArray(), QByteArray("other"));
    QCOMPARE(conflict.at(0).at(4).toBool(), false);
    QCOMPARE(run({"HGET", "c:hash", "a"}), std::string("$other"));
    // The user chose to overwrite.
    model->editElement(a, "a", "mine", true);
    QTRY_COMPARE(run({"HGET", "c:hash", "a"}), std::string("$mine"));

    // Deleted meanwhile: gone.
    QCOMPARE(run({"HDEL", "c:hash", "a"}), std::string(":1"));
    model->editElement(a, "a", "again");
    QTRY_COMPARE(conflict.size(), 2);
    QCOMPARE(conflict.at(1).at(4).toBool(), true);
    QCOMPARE(run({"HEXISTS", "c:hash", "a"}), std::string(":0"));

    // A renamed field: the new one written, the old one removed.
    const int b = 1 - a;
    model->editElement(b, "b2", "2");
    QTRY_COMPARE(run({"HGET", "c:hash", "b2"}), std::string("$2"));
    QCOMPARE(run({"HEXISTS", "c:hash", "b"}), std::string(":0"));

    // A list shifted by another client: the position now holds another element.
    QCOMPARE(run({"RPUSH", "c:list", "x", "y", "z"}), std::string(":3"));
    auto list = openModel("c:list", KeyType::List);
    QTRY_COMPARE(list->rowCount(), 3);
    QSignalSpy listConflict(list.get(), &CollectionValueModel::conflict);
    QCOMPARE(run({"LPUSH", "c:list", "w"}), std::string(":4"));
    QVERIFY(list->setData(list->index(0, 1), QStringLiteral("X"), Qt::EditRole));
    QTRY_COMPARE(listConflict.size(), 1);
    QCOMPARE(listConflict.at(0).at(3).toByteArray(), QByteArray("w"));
    QCOMPARE(run({"LINDEX", "c:list", "0"}), std::string("$w"));

    // A sorted set's score changed meanwhile; a set member renamed.
    QCOMPARE(run({"ZADD", "c:zset", "1", "m"}), std::string(":1"));
    auto zset = openModel("c:zset", KeyType::SortedSet);
    QTRY_COMPARE(zset->rowCount(), 1);
    QSignalSpy zsetConflict(zset.get(), &CollectionValueModel::conflict);
    QCOMPARE(run({"ZADD", "c:zset", "5", "m"}), std::string(":0"));
    zset->editElement(0, "m", "7");
    QTRY_COMPARE(zsetConflict.size(), 1);
    QCOMPARE(zsetConflict.at(0).at(3).toByteArray(), QByteArray("5"));
    QCOMPARE(run({"SADD", "c:set", "old"}), std::string(":1"));
    auto set = openModel("c:set", KeyType::Set);
    QTRY_COMPARE(set->rowCount(), 1);
    set->editElement(0, "new", {});
    QTRY_COMPARE(run({"SISMEMBER", "c:set", "new"}), std::string(":1"));
    QCOMPARE(run({"SISMEMBER", "c:set", "old"}), std::string(":0"));
    QTRY_COMPARE(set->element(0), QByteArray("new"));
    run({"DEL", "c:hash", "c:list", "c:zset", "c:set"});
}

void TstCollectionPaging::listRemovalChecksPositions()
{
    QCOMPARE(run({"RPUSH", "r:list", "a", "b", "c"}), std::string(":3"));
    auto model = openModel("r:list", KeyType::List);
    QTRY_COMPARE(model->rowCount(), 3);
    QSignalSpy failed(model.get(), &CollectionValueModel::failed);
    QCOMPARE(run({"LPUSH", "r:list", "new"}), std::string(":4"));
    model->removeElements({1}); // "b" as read; the server now has "a" there
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("changed")));
    QCOMPARE(run({"LLEN", "r:list"}), std::string(":4"));
    // Reloaded: now the positions hold what the rows show, and the removal goes through.
    QTRY_COMPARE(model->rowCount(), 4);
    QCOMPARE(model->element(2), QByteArray("b"));
    model->removeElements({2});
    QTRY_COMPARE(run({"LRANGE", "r:list", "0", "-1"}), std::string("*[$new,$a,$c]"));
    run({"DEL", "r:list"});
}

QTEST_MAIN(TstCollectionPaging)
#include "tst_collection_paging.moc"
