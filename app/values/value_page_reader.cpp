// ValuePageReader's worker: a private RedisConnection created on the worker thread (its timers
// and hiredis context live there), a ValueService over it, and the page loop. Every read
// carries a token; the facade's current token moves on with each read() and cancel(), so the
// worker stops the calls of a page nobody waits for and the facade drops its late answer.
#include "values/value_page_reader.h"

#include "connection/background_priority.h"
#include "connection/redis_connection.h"

#include <QElapsedTimer>
#include <QMetaObject>

#include <algorithm>

namespace redscope {

CountTuner::CountTuner(int startCount, int maxCount)
{
    m_level = levelOf(startCount);
    m_maxLevel = levelOf(maxCount);
}

int CountTuner::levelOf(int count) const
{
    int level = 0;
    while (level + 1 < kLevels && (kMinCount << (level + 1)) <= count)
        ++level;
    return level;
}

bool CountTuner::measured(int level) const
{
    return m_samples[level] > 0;
}

bool CountTuner::inBudget(int level) const
{
    return measured(level) && m_ms[level] <= kCallBudgetMs;
}

void CountTuner::observe(int count, double roundTripMs)
{
    const int level = levelOf(count);
    if (!isLevel(count)) return; // a page's short last call: not a level's figure
    const double ms = std::max(roundTripMs, 0.05);
    const double rate = double(count) / ms;
    const bool first = !measured(level);
    m_rate[level] = first ? rate : (1 - kSmoothing) * m_rate[level] + kSmoothing * rate;
    m_ms[level] = first ? ms : (1 - kSmoothing) * m_ms[level] + kSmoothing * ms;
    ++m_samples[level];
    ++m_calls;
    if (level != m_level) return; // an answer to a call sent before the last change
    // Too long a wait for one answer: smaller calls at once when one call is far over the
    // budget, else when the level's average is.
    if (m_level > 0 && (ms > 2 * kCallBudgetMs || m_ms[m_level] > kCallBudgetMs)) {
        m_level = m_level - 1;
        return;
    }
    if (m_samples[m_level] < kSamplesToJudge) return; // a level is judged on a few calls
    // Another level measured inside the budget, clearly faster: go there.
    int best = m_level;
    for (int i = 0; i <= m_maxLevel; ++i) {
        if (i != m_level && inBudget(i) && m_rate[i] > kGain * m_rate[best]) best = i;
    }
    if (best != m_level) {
        m_level = best;
        return;
    }
    // Short calls: look one level up when it was never measured; and now and then one level
    // up or down again (the server's load changes), the two in turn.
    const bool roomUp = m_level < m_maxLevel && 2 * m_ms[m_level] <= kCallBudgetMs;
    if (roomUp && !measured(m_level + 1)) {
        m_level = m_level + 1;
        return;
    }
    if (m_calls % kProbeEvery == 0) {
        const bool up = (m_calls / kProbeEvery) % 2 == 0;
        if (up && roomUp) {
            m_samples[m_level + 1] = 0; // measured afresh
            m_level = m_level + 1;
        } else if (!up && m_level > 0) {
            m_samples[m_level - 1] = 0;
            m_level = m_level - 1;
        }
    }
}

namespace Internal {

class ValuePageWorker : public QObject
{
public:
    ValuePageWorker(ValuePageReader *facade, std::shared_ptr<std::atomic<quint64>> current,
                    std::shared_ptr<std::atomic<int>> plainCount,
                    std::shared_ptr<std::atomic<int>> matchCount)
        : m_facade(facade)
        , m_current(std::move(current))
        , m_plainCount(std::move(plainCount))
        , m_matchCount(std::move(matchCount))
    {
        m_plainCount->store(m_plain.count());
        m_matchCount->store(m_match.count());
    }

    // Runs on the worker thread: below the GUI thread, which inserts the pages this one reads.
    void lowerPriority() { lowerThisThreadsPriority(kNiceAboveGui); }

    void open(const ConnectionSettings &settings, int db)
    {
        m_ahead.reset();
        delete m_connection; // its pending requests are dropped with it
        ConnectionSettings mine = settings.named(QStringLiteral("redscope:values"));
        mine.db = db;
        m_connection = new RedisConnection(mine, this);
        m_connection->connectToServer(); // reads wait in its queue meanwhile
    }

    void read(quint64 token, const QByteArray &key, KeyType type, const ValuePageReader::Read &read)
    {
        auto job = std::make_shared<Job>();
        job->token = token;
        job->key = key;
        job->type = type;
        job->read = read;
        job->cursor = read.request.cursor;
        if (adoptAhead(job)) return;
        call(job);
    }

    void cancel()
    {
        m_ahead.reset();
    }

private:
    static constexpr int kNiceAboveGui = 5;

    struct Job
    {
        quint64 token = 0;
        QByteArray key;
        KeyType type = KeyType::Hash;
        ValuePageReader::Read read;
        ValuePageReader::Page page;
        QByteArray cursor;
    };

    // The scan call sent, on the worker's own, once a new page of a walk is complete: the next
    // call of the walk from the cursor the page ended at, so the server works on it while the
    // page crosses to the GUI thread and is inserted there, and the GUI's read of the next page
    // finds its first answer on the way or already here. A read from elsewhere (another
    // cursor, key or pattern, a page read again with its saved COUNTs) drops it.
    struct Ahead
    {
        QByteArray key;
        KeyType type = KeyType::Hash;
        ValuePageRequest request; // cursor, match, count
        size_t targetRows = 0;    // the page it followed: a tuned call is no bigger
        std::shared_ptr<Job> job; // the read that took it over while it was on its way
        bool answered = false;
        double ms = 0;
        Result<ValuePage> reply;
    };

    bool scan(const Job &job) const
    {
        return job.type == KeyType::Hash || job.type == KeyType::Set ||
               (job.type == KeyType::SortedSet && job.read.request.scan);
    }

    // A new page of a walk, its COUNTs from the tuner: the kind whose calls go on ahead.
    bool tunedWalk(const Job &job) const
    {
        return scan(job) && job.read.tuned && job.read.counts.empty() &&
               job.read.stopCursor.isEmpty();
    }

    int tunedCount(const QByteArray &match, size_t targetRows, size_t rows) const
    {
        if (!match.isEmpty()) return m_match.count();
        // What is left of the page, so that a page stays near targetRows: a full-size last call
        // made pages of up to twice kMaxPlainCount rows, and the window that holds them grew
        // past its bound.
        const size_t left = targetRows > rows ? targetRows - rows : 0;
        return int(std::min<size_t>(size_t(m_plain.count()),
                                    std::max<size_t>(left, CountTuner::kMinCount)));
    }

    int nextCount(const Job &job) const
    {
        const std::vector<int> &counts = job.read.counts;
        if (!counts.empty()) return counts[std::min(size_t(job.page.calls), counts.size() - 1)];
        if (!job.read.tuned) return job.read.request.count;
        return tunedCount(job.read.request.match, job.read.targetRows, job.page.page.rows.size());
    }

    void call(const std::shared_ptr<Job> &job)
    {
        if (job->token != m_current->load()) return; // cancelled: nobody waits for it
        if (!m_connection) {
            return post(job->token, Result<ValuePageReader::Page>::failure(
                                        QStringLiteral("ERR the page reader is not open")));
        }
        ValuePageRequest request = job->read.request;
        const bool scanning = scan(*job);
        if (scanning) {
            request.cursor = job->cursor;
            request.count = nextCount(*job);
        }
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        ValueService(m_connection)
            .page(job->key, job->type, request, this,
                  [this, job, clock, scanning,
                   count = request.count](const Result<ValuePage> &reply) {
                      const double ms = double(clock->nsecsElapsed()) / 1e6;
                      onReply(job, scanning, count, ms, reply);
                  });
    }

    void sendAhead(const Job &job)
    {
        m_ahead.reset();
        if (!m_connection) return;
        auto ahead = std::make_shared<Ahead>();
        ahead->key = job.key;
        ahead->type = job.type;
        ahead->request = job.read.request;
        ahead->request.cursor = job.cursor;
        ahead->targetRows = job.read.targetRows;
        ahead->request.count = tunedCount(ahead->request.match, ahead->targetRows, 0);
        m_ahead = ahead;
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        ValueService(m_connection)
            .page(job.key, job.type, ahead->request, this,
                  [this, ahead, clock](const Result<ValuePage> &reply) {
                      if (ahead != m_ahead) return; // dropped meanwhile
                      ahead->ms = double(clock->nsecsElapsed()) / 1e6;
                      if (ahead->job) { // read already: the answer goes on to its page
                          std::shared_ptr<Job> job = std::move(ahead->job);
                          m_ahead.reset();
                          onReply(job, true, ahead->request.count, ahead->ms, reply);
                          return;
                      }
                      ahead->answered = true;
                      ahead->reply = reply;
                  });
    }

    // The call sent ahead is the first call of this read: it is taken over (answered or not).
    bool adoptAhead(const std::shared_ptr<Job> &job)
    {
        std::shared_ptr<Ahead> ahead = std::move(m_ahead);
        m_ahead.reset();
        if (!ahead || !tunedWalk(*job) || ahead->key != job->key || ahead->type != job->type ||
            ahead->request.cursor != job->cursor ||
            ahead->request.match != job->read.request.match ||
            ahead->request.descending != job->read.request.descending)
            return false; // its answer, if any, is dropped with it
        if (ahead->answered) {
            onReply(job, true, ahead->request.count, ahead->ms, ahead->reply);
            return true;
        }
        ahead->job = job;
        m_ahead = std::move(ahead); // still on its way: its callback looks for it there
        return true;
    }

    void onReply(const std::shared_ptr<Job> &job, bool scanning, int count, double ms,
                 const Result<ValuePage> &reply)
    {
        if (job->token != m_current->load()) return;
        if (!reply.ok())
            return post(job->token, Result<ValuePageReader::Page>::failure(reply.error));
        ValuePageReader::Page &page = job->page;
        ++page.calls;
        page.serverMs += ms;
        if (!scanning) {
            page.page = reply.value;
            hashRows(page);
            return post(job->token, {std::move(page)});
        }
        if (job->read.tuned && job->read.counts.empty()) { // the tuner skips non-level counts
            CountTuner &tuner = job->read.request.match.isEmpty() ? m_plain : m_match;
            tuner.observe(count, ms);
            m_plainCount->store(m_plain.count());
            m_matchCount->store(m_match.count());
        }
        page.counts.push_back(count);
        if (!reply.value.cursor.isEmpty()) job->cursor = reply.value.cursor;
        std::vector<ValueRow> &rows = page.page.rows;
        if (rows.empty()) {
            rows = reply.value.rows; // shares the bytes; no copy of the elements
        } else {
            rows.reserve(rows.size() + reply.value.rows.size());
            rows.insert(rows.end(), reply.value.rows.begin(), reply.value.rows.end());
        }
        const bool complete = reply.value.complete;
        const bool full = !job->read.stopCursor.isEmpty() ? job->cursor == job->read.stopCursor
                                                          : rows.size() >= job->read.targetRows;
        if (!complete && !full) return call(job);
        // The walk goes on: its next call leaves now, before this page is even hashed.
        if (!complete && tunedWalk(*job)) sendAhead(*job);
        page.page.cursor = job->cursor;
        page.page.complete = complete;
        hashRows(page);
        post(job->token, {std::move(page)});
    }

    static void hashRows(ValuePageReader::Page &page)
    {
        page.hashes.reserve(page.page.rows.size());
        for (const ValueRow &row : page.page.rows)
            page.hashes.push_back(ValuePageReader::elementHash(row.first));
    }

    void post(quint64 token, Result<ValuePageReader::Page> result)
    {
        auto shared = std::make_shared<Result<ValuePageReader::Page>>(std::move(result));
        ValuePageReader *facade = m_facade;
        QMetaObject::invokeMethod(
            facade, [facade, token, shared] { facade->deliver(token, std::move(*shared)); },
            Qt::QueuedConnection);
    }

    ValuePageReader *m_facade; // outlives this worker (its WorkerThread deletes it first)
    std::shared_ptr<std::atomic<quint64>> m_current;
    std::shared_ptr<std::atomic<int>> m_plainCount;
    std::shared_ptr<std::atomic<int>> m_matchCount;
    RedisConnection *m_connection = nullptr; // a child
    CountTuner m_plain{500, ValuePageReader::kMaxPlainCount};
    CountTuner m_match{2000, ValuePageReader::kMaxMatchCount};
    std::shared_ptr<Ahead> m_ahead; // the call sent ahead of the walk's next read, if any
};

} // namespace Internal

ValuePageReader::ValuePageReader(QObject *parent)
    : QObject(parent)
    , m_thread(QStringLiteral("redscope-values"), this)
    , m_current(std::make_shared<std::atomic<quint64>>(0))
    , m_plainCount(std::make_shared<std::atomic<int>>(0))
    , m_matchCount(std::make_shared<std::atomic<int>>(0))
{
    m_worker = new Internal::ValuePageWorker(this, m_current, m_plainCount, m_matchCount);
    m_thread.start(m_worker);
    Internal::ValuePageWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->lowerPriority(); }, Qt::QueuedConnection);
}

ValuePageReader::~ValuePageReader()
{
    m_current->fetch_add(1); // the worker stops; m_thread deletes it and joins
}

void ValuePageReader::open(const ConnectionSettings &settings, int db)
{
    if (m_open && db == m_db && settings.address() == m_settings.address() &&
        settings.mode == m_settings.mode && settings.username == m_settings.username &&
        settings.password == m_settings.password)
        return;
    m_settings = settings;
    m_db = db;
    m_open = true;
    Internal::ValuePageWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, settings, db] { worker->open(settings, db); }, Qt::QueuedConnection);
}

void ValuePageReader::read(const QByteArray &key, KeyType type, const Read &read, Done done)
{
    const quint64 token = m_current->fetch_add(1) + 1;
    m_done = std::move(done);
    Internal::ValuePageWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, token, key, type, read] { worker->read(token, key, type, read); },
        Qt::QueuedConnection);
}

void ValuePageReader::cancel()
{
    m_current->fetch_add(1);
    m_done = nullptr;
    Internal::ValuePageWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->cancel(); }, Qt::QueuedConnection);
}

void ValuePageReader::dispose(std::vector<ValueRow> rows)
{
    if (rows.empty()) return;
    auto trash = std::make_shared<std::vector<ValueRow>>(std::move(rows));
    // The functor, and with it the last reference, dies on the worker thread once it ran.
    QMetaObject::invokeMethod(
        m_worker, [trash]() mutable { trash.reset(); }, Qt::QueuedConnection);
}

quint64 ValuePageReader::elementHash(const QByteArray &element)
{
    return quint64(qHash(element, size_t(0x9e3779b97f4a7c15ULL)));
}

int ValuePageReader::tunedCount(bool match) const
{
    return match ? m_matchCount->load() : m_plainCount->load();
}

void ValuePageReader::deliver(quint64 token, Result<Page> page)
{
    if (token != m_current->load() || !m_done) return;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(std::move(page));
}

} // namespace redscope
