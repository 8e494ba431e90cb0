// ValuePageReader: the pages of a collection walk read on a connection and a thread of their
// own, so walking a 5M-field hash to its end or searching all of it with MATCH never parses a
// reply on the GUI thread. The worker thread owns a private RedisConnection to the same server
// (cluster and Sentinel modes route it as usual) in the same database, and reads through
// ValueService (the command strings stay there): hiredis reads the socket and parses there,
// the reply becomes rows there, and a scan page's calls (HSCAN/SSCAN/ZSCAN with the cursor each
// one returns, until a page's worth of rows arrived) run back to back there. The GUI thread
// receives one ready page per read, to append in one beginInsertRows/endInsertRows.
//
// The COUNT of each new scan call follows the round trips (CountTuner): it grows while calls
// stay well inside kCallBudgetMs and bring more elements per millisecond, and shrinks when
// calls go over the budget. A page's last call asks only for what the page still needs, so
// pages stay near their size. The COUNTs a page was read with are returned with it, so a page
// read again replays them and stops at the same cursor.
//
// A walk keeps one call in flight on its own: when a new page of a walk is complete, the worker
// sends the walk's next call (from the cursor the page ended at) before it hands the page over,
// so the server and the socket work while the page crosses to the GUI thread and is inserted
// there; the GUI's read of the next page takes that call over, answered or still on its way.
// Any other read drops it. The worker thread runs a few nice levels below the GUI thread
// (Linux), which inserts the pages it reads and must never wait for a core behind it.
//
// One read at a time (the model reads one page at a time); read() cancels the previous one.
// The facade owns the worker: destroying it (with the model that owns it) deletes the worker
// and its connection on their thread first, so no answer arrives after it.
#pragma once

#include "connection/connection_settings.h"
#include "connection/worker_thread.h"
#include "values/value_service.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace redscope {

namespace Internal {
class ValuePageWorker;
}

// Chooses the COUNT of scan calls from their round trips: levels kMinCount << i, each with a
// smoothed rate (elements asked for per millisecond) and round trip. It stays at a level until
// that level has a few calls behind it, moves only to a level clearly faster (kGain) whose calls
// stay inside the budget, and looks one level up or down every kProbeEvery calls (the server's
// load changes): one slow answer on a loaded machine does not swing it. Calls whose COUNT is not
// a level's (a page's short last call) are not counted. Plain thread-free arithmetic, used on
// the worker thread.
class CountTuner
{
public:
    static constexpr int kMinCount = 250;
    static constexpr int kLevels = 7;           // 250 .. 16000
    static constexpr double kCallBudgetMs = 40; // calls longer than this: a lower level
    static constexpr double kSmoothing = 0.25;  // weight of a new call in a level's averages
    static constexpr double kGain = 1.15;       // another level must be this much faster
    static constexpr unsigned kSamplesToJudge = 3;
    static constexpr unsigned kProbeEvery = 32;
    explicit CountTuner(int startCount = 500, int maxCount = 8000);
    int count() const { return kMinCount << m_level; }
    void observe(int count, double roundTripMs);
    // A COUNT the tuner chose (kMinCount << i); a page's shortened last call is not one.
    static bool isLevel(int count)
    {
        for (int i = 0; i < kLevels; ++i)
            if (count == kMinCount << i) return true;
        return false;
    }

private:
    int levelOf(int count) const;
    bool measured(int level) const;
    bool inBudget(int level) const;
    int m_level = 1;
    int m_maxLevel = 5;
    double m_rate[kLevels] = {};      // elements per ms, smoothed
    double m_ms[kLevels] = {};        // round trip, smoothed
    unsigned m_samples[kLevels] = {}; // calls measured at each level (since its last probe)
    unsigned m_calls = 0;
};

class ValuePageReader : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxPlainCount = 4000;  // a plain scan call's largest COUNT
    static constexpr int kMaxMatchCount = 16000; // a MATCH scan call's largest COUNT
    struct Read
    {
        ValuePageRequest request; // the first call's (cursor, match, position, ...)
        bool tuned = false;       // scan walks: COUNTs from the tuner (else request.count);
                                  // a plain call asks for no more than targetRows
        std::vector<int> counts;  // scan walks: replay these COUNTs (a page read again)
        QByteArray stopCursor;    // ... and stop at this cursor (empty: at targetRows)
        size_t targetRows = 0;    // scan walks: a new page ends once it holds this many rows
    };
    struct Page
    {
        ValuePage page;
        std::vector<quint64> hashes; // elementHash() of each row's element, in order
        std::vector<int> counts;     // scan walks: the COUNT of each call, in order
        int calls = 0;
        double serverMs = 0; // the round trips' total
    };
    using Done = std::function<void(Result<Page> page)>;
    // The 64-bit hash the model's repeat check keeps of an element; computed on the worker.
    static quint64 elementHash(const QByteArray &element);

    explicit ValuePageReader(QObject *parent = nullptr);
    ~ValuePageReader() override; // blocks briefly while the worker closes its connection

    // (Re)opens the private connection when the server or database differs from the last.
    void open(const ConnectionSettings &settings, int db);
    bool isOpen() const { return m_open; }
    // Reads one page of key on the worker; done runs on this object's thread, unless cancel()
    // or another read() came first. Scan reads (hash, set, sorted set with request.scan) run
    // calls until targetRows, the stop cursor or the end.
    void read(const QByteArray &key, KeyType type, const Read &read, Done done);
    void cancel();
    // Rows the model dropped from its window: freed on the worker thread, where they were
    // allocated, instead of on the GUI thread.
    void dispose(std::vector<ValueRow> rows);
    // The tuner's COUNT for the next call of a walk (plain or MATCH), as last seen.
    int tunedCount(bool match) const;

private:
    friend class Internal::ValuePageWorker;
    void deliver(quint64 token, Result<Page> page);

    Internal::WorkerThread m_thread;
    Internal::ValuePageWorker *m_worker = nullptr; // owned by m_thread
    std::shared_ptr<std::atomic<quint64>> m_current;
    std::shared_ptr<std::atomic<int>> m_plainCount;
    std::shared_ptr<std::atomic<int>> m_matchCount;
    Done m_done;
    ConnectionSettings m_settings;
    int m_db = -1;
    bool m_open = false;
};

} // namespace redscope
