// ValuePageReader and its CountTuner. The tuner as plain arithmetic: it climbs to the fastest
// level inside the budget, holds it through one slow answer, leaves it when answers stay slow
// or one is far over the budget, and ignores calls whose COUNT is no level's (a page's short
// last call). The reader against a real server (redis-server and the Local engine): a walk
// keeps one scan call in flight on its own once a page is done, the next page's read takes
// that call over (INFO commandstats counts every HSCAN the server ran: no call is sent twice or
// lost), a page read again with its saved COUNTs brings the same rows and sends nothing ahead,
// and a walk read this way brings every field once.
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_backend.h"
#include "values/value_page_reader.h"

#include <QTest>

#include <optional>
#include <set>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestBackend;

class TstValuePageReader : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void tunerClimbsAndHoldsThroughOneSlowCall();
    void tunerIgnoresCallsOffItsLevels();
    void walkKeepsOneScanCallAhead();

private:
    std::optional<ValuePageReader::Page> readPage(ValuePageReader &reader,
                                                  const ValuePageReader::Read &read);
    long long hscanCalls();
    std::string run(const std::vector<std::string> &args) { return m_client->run(args); }

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisTestClient> m_client;
};

void TstValuePageReader::initTestCase()
{
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_client = m_server->client();
    QVERIFY(m_client->connected());
}

void TstValuePageReader::cleanupTestCase()
{
    if (m_client) run({"FLUSHALL"});
}

// Round trips that grow with COUNT more slowly than COUNT: the biggest level is the fastest.
static double roundTripMs(int count)
{
    return 2.0 + count / 500.0;
}

void TstValuePageReader::tunerClimbsAndHoldsThroughOneSlowCall()
{
    CountTuner tuner(500, 4000);
    QCOMPARE(tuner.count(), 500);
    unsigned observed = 0;
    for (; observed < 40; ++observed)
        tuner.observe(tuner.count(), roundTripMs(tuner.count()));
    QCOMPARE(tuner.count(), 4000);
    // Just past a look at another level (every kProbeEvery calls), back at the best one: what
    // follows is not a look.
    while (observed % CountTuner::kProbeEvery != CountTuner::kSamplesToJudge + 2 ||
           tuner.count() != 4000) {
        tuner.observe(tuner.count(), roundTripMs(tuner.count()));
        ++observed;
        QVERIFY(observed < 1000);
    }
    // One slow answer (over the budget, not twice over) on a loaded machine: it stays.
    tuner.observe(4000, 1.5 * CountTuner::kCallBudgetMs);
    QCOMPARE(tuner.count(), 4000);
    // Answers that stay slow: a level down (the level below is faster now).
    int calls = 0;
    while (tuner.count() == 4000 && calls < 10) {
        tuner.observe(4000, 1.5 * CountTuner::kCallBudgetMs);
        ++calls;
    }
    QCOMPARE(tuner.count(), 2000);
    // One answer far over the budget: a level down at once.
    tuner.observe(2000, 3 * CountTuner::kCallBudgetMs);
    QCOMPARE(tuner.count(), 1000);
}

void TstValuePageReader::tunerIgnoresCallsOffItsLevels()
{
    CountTuner tuner(1000, 4000);
    QCOMPARE(tuner.count(), 1000);
    // A page's short last call asks for 700: even a very slow one says nothing about a level.
    tuner.observe(700, 10 * CountTuner::kCallBudgetMs);
    QCOMPARE(tuner.count(), 1000);
    tuner.observe(1000, 10 * CountTuner::kCallBudgetMs);
    QCOMPARE(tuner.count(), 500);
}

std::optional<ValuePageReader::Page> TstValuePageReader::readPage(ValuePageReader &reader,
                                                                  const ValuePageReader::Read &read)
{
    std::optional<Result<ValuePageReader::Page>> got;
    reader.read("ahead:hash", KeyType::Hash, read,
                [&got](Result<ValuePageReader::Page> page) { got = std::move(page); });
    if (!QTest::qWaitFor([&got] { return got.has_value(); }, 20000)) return std::nullopt;
    if (!got->ok()) {
        qWarning("%s", qPrintable(got->error));
        return std::nullopt;
    }
    return std::move(got->value);
}

long long TstValuePageReader::hscanCalls()
{
    const std::string info = run({"INFO", "commandstats"});
    const std::string key = "cmdstat_hscan:calls=";
    const size_t at = info.find(key);
    return at == std::string::npos ? 0 : std::stoll(info.substr(at + key.size()));
}

void TstValuePageReader::walkKeepsOneScanCallAhead()
{
    const int fields = 20000;
    for (int base = 0; base < fields; base += 1000) {
        std::vector<std::string> hset{"HSET", "ahead:hash"};
        for (int i = base; i < base + 1000; ++i) {
            hset.push_back("field:" + std::to_string(i));
            hset.push_back("value " + std::to_string(i));
        }
        QCOMPARE(run(hset), std::string(":1000"));
    }
    ValuePageReader reader;
    reader.open(m_server->settings(), 0);
    const long long before = hscanCalls();

    // A new page of a walk: once it is here, the walk's next call is on its way, unasked.
    ValuePageReader::Read walk;
    walk.request.scan = true;
    walk.request.cursor = "0";
    walk.tuned = true;
    walk.targetRows = 1000;
    const std::optional<ValuePageReader::Page> first = readPage(reader, walk);
    QVERIFY(first);
    QVERIFY(first->page.rows.size() >= 1000);
    QVERIFY(!first->page.complete);
    QCOMPARE(int(first->counts.size()), first->calls);
    QTRY_COMPARE(hscanCalls(), before + first->calls + 1);

    // The next page's read takes that call over: its calls are all the server ran for it, and
    // again one more is on its way after it.
    ValuePageReader::Read next = walk;
    next.request.cursor = first->page.cursor;
    const std::optional<ValuePageReader::Page> second = readPage(reader, next);
    QVERIFY(second);
    QTRY_COMPARE(hscanCalls(), before + first->calls + second->calls + 1);
    std::set<QByteArray> seen;
    for (const auto *page : {&*first, &*second}) {
        for (const ValueRow &row : page->page.rows)
            seen.insert(row.first);
    }
    QVERIFY(seen.size() >= first->page.rows.size() + second->page.rows.size() - 10); // repeats

    // The first page read again with its COUNTs, to the cursor it ended at: the same rows, and
    // no call ahead (a page read again is no walk's new page); the call ahead is dropped.
    const long long beforeAgain = hscanCalls();
    ValuePageReader::Read again = walk;
    again.tuned = false;
    again.counts = first->counts;
    again.stopCursor = first->page.cursor;
    const std::optional<ValuePageReader::Page> replay = readPage(reader, again);
    QVERIFY(replay);
    QCOMPARE(replay->page.rows.size(), first->page.rows.size());
    for (size_t i = 0; i < replay->page.rows.size(); ++i)
        QCOMPARE(replay->page.rows[i].first, first->page.rows[i].first);
    QTest::qWait(50); // time for a call ahead, were one sent
    QCOMPARE(hscanCalls(), beforeAgain + replay->calls);

    // A whole walk read this way, page after page from each page's cursor: every field once.
    seen.clear();
    long long rows = 0;
    int calls = 0;
    ValuePageReader::Read page = walk;
    page.targetRows = 4000;
    const long long beforeWalk = hscanCalls();
    for (int pages = 0; pages < 100; ++pages) {
        const std::optional<ValuePageReader::Page> got = readPage(reader, page);
        QVERIFY(got);
        calls += got->calls;
        for (const ValueRow &row : got->page.rows) {
            seen.insert(row.first);
            ++rows;
        }
        if (got->page.complete) break;
        page.request.cursor = got->page.cursor;
    }
    QCOMPARE(int(seen.size()), fields);
    QVERIFY(rows >= fields);
    // The walk's first call went out as a new read (cursor 0 is no page's end); each later
    // page's first call was the one sent ahead; nothing is sent after the last page.
    QTest::qWait(50);
    QCOMPARE(hscanCalls(), beforeWalk + calls);
    run({"DEL", "ahead:hash"});
}

QTEST_MAIN(TstValuePageReader)
#include "tst_value_page_reader.moc"
