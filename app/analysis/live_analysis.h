// LiveAnalysis: a memory analysis of a running server by SCAN, in the server's own numbers
// (MEMORY USAGE with a configurable SAMPLES, PTTL, OBJECT ENCODING, OBJECT FREQ or IDLETIME
// by the eviction policy, the length by type), every database that holds keys (INFO
// keyspace), pipelined a small batch at a time.
//
// It is gentle by design, and measures what gentle means on this server: before the first
// SCAN it times a few lone PINGs to learn the server's idle round trip (its p95 stands in for
// the idle p99), then paces the scan evenly over time at the rate the user set (default 2000
// keys/s: a group of 4 keys every 2 ms). A GET from another client waits behind whatever of
// ours the server is executing when it arrives, so what matters is the size of each write:
// the per-key commands go out a group of 4 keys (20 short commands, with the previous group's
// length commands and, when the queue of scanned keys runs short, a SCAN COUNT 4: some
// 20-25 us of server time) at a time, each group in its own slot of the walk's clock and
// only once the previous group has been answered, so at most one group of ours is ever
// queued at the server (a batch of 20 in one write, 100 commands, was what the slowest 1% of
// GETs waited behind; a SCAN COUNT 20 on a 1M-key server is itself ~25 us). The SCAN that
// brings the next keys rides with the group before, so the walk never waits a round trip
// of its own for keys. Every SCAN's round trip is timed, and when the median of the last
// few (those of at least 100 keys) stays above latencyFactor times the idle figure (at least
// 1 ms; or above latencyLimitMs) the rate halves, and it climbs back
// while the round trips are well under that. Pause, resume and stop (the report then says it is
// partial).
//
// Hashes, sets and sorted sets in their big encoding with a count near the packed limit are
// fetched (HGETALL, SMEMBERS, ZRANGE) so the "just over the listpack/intset limit" findings
// compare their items with the server's own limits (CONFIG GET), as the offline walk does.
//
// A standalone server is walked on a connection of the analysis' own (SELECT per database
// never touches the connection the browser uses); on a cluster every master is walked in
// parallel, each at the rate, on the router's node connections (database 0 only).
#pragma once

#include "analysis/analysis_report.h"
#include "analysis/report_builder.h"
#include "connection/request_scope.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <deque>
#include <memory>
#include <utility>
#include <vector>

class QTimer;

namespace redscope {

class RedisConnection;

class LiveAnalysis : public QObject
{
    Q_OBJECT

public:
    struct Settings
    {
        int keysPerSecond = 2000; // per server: the default the benchmark measures
        int batchSize = 4;        // SCAN COUNT: a group's worth, the SCAN rides with a group
        int burstKeys = 4;        // keys whose commands share one write (5 per key)
        int memorySamples = 0;    // MEMORY USAGE SAMPLES (0: every element, exact)
        // With memorySamples 0, what is sent is SAMPLES exactLimit: exact for a collection of
        // up to that many elements, an estimate from that many above, which the report marks
        // (SAMPLES 0 walks every element: 0.5-1.2 s of redis-server's time on a 2M-member set
        // or hash on this loaded machine, SAMPLES 1000 0.2-0.3 ms, within 0.02% of it).
        // 0: no bound, every size exact whatever it costs.
        int exactLimit = 1000;
        double latencyFactor = 2.0; // back off when the SCAN round trip > factor × idle p99
        int latencyLimitMs = 50;    // and, whatever the idle figure, above this
        int baselinePings = 20;     // lone PINGs timed before the scan (0: no baseline)
    };

    explicit LiveAnalysis(RedisConnection *connection, QObject *parent = nullptr);
    ~LiveAnalysis() override;

    void start(const Settings &settings, const AnalysisOptions &options,
               const QString &connectionName);
    void pause();
    void resume();
    void stop(); // finished() follows with a partial report
    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    // The report so far, labelled partial (for a paused scan).
    AnalysisReport snapshot() const;
    // The pace now, after backing off (keys per second per server).
    int currentRate() const;
    // The idle round trip measured before the scan (the slowest server's), in ms; -1 before.
    double idleRoundTripMs() const;
    // The encoding limits the findings compare with (the server's, once read).
    const memmodel::Limits &limits() const { return m_options.limits; }

signals:
    void progress(quint64 keys, quint64 total, int keysPerSecond); // at most 10 a second
    void finished(const redscope::AnalysisReport &report);
    void failed(const QString &error);

private:
    struct KeyReplies;
    struct Group;
    using KeyRef = std::pair<std::shared_ptr<KeyReplies>, qsizetype>; // a batch's key
    struct Walk
    {
        QPointer<RedisConnection> connection;
        std::vector<int> dbs; // databases with keys, walked in order
        size_t dbIndex = 0;
        bool selectPending = false; // SELECT the next db before its first SCAN
        QByteArray cursor = "0";
        bool dbScanned = false; // this database's SCAN came back to cursor 0
        bool done = false;
        bool inFlight = false;    // a group of ours is at the server
        double rate = 0;          // keys per second, after backing off
        QElapsedTimer paceClock;  // the walk's time: the groups' slots
        double nextSlotMs = 0;    // when the next group may leave
        QElapsedTimer batchClock; // a baseline PING's or a SCAN's round trip
        quint64 dbSize = 0;
        QTimer *timer = nullptr;
        std::vector<double> pings; // the baseline's round trips, ms
        double idleMs = -1;        // their p95
        std::deque<double> recent; // the last SCAN round trips, ms
        // The pipeline: SCAN batches in order until every key of theirs is added, the keys
        // whose TYPE is known and whose length goes with the next group, the collections
        // near a packed limit whose items are to be fetched (one per group).
        std::deque<std::shared_ptr<KeyReplies>> batches;
        std::vector<KeyRef> needLength;
        std::deque<KeyRef> needFetch;
    };

    void readConfig(const QList<RedisConnection *> &servers);
    void prepare(int walk);
    void ping(int walk);
    void pump(int walk);
    void groupDone(int walk, const std::shared_ptr<Group> &group);
    void settleLength(Walk &walk, const KeyRef &ref);
    void finishBatch(const KeyReplies &batch);
    void measure(int walk, double scanMs);
    void walkDone(int walk);
    void fail(const QString &error);
    quint64 totalKeys() const;
    AnalysisReport finalReport(bool partial, const QString &reason) const;
    int samplesSent() const; // the SAMPLES argument of every MEMORY USAGE (0: exact)

    QPointer<RedisConnection> m_connection;
    RedisConnection *m_own = nullptr; // the standalone walk's connection
    RequestScope m_requests;
    Settings m_settings;
    AnalysisOptions m_options;
    QString m_connectionName;
    std::unique_ptr<ReportBuilder> m_builder;
    std::vector<std::unique_ptr<Walk>> m_walks;
    bool m_running = false;
    bool m_paused = false;
    bool m_lfu = false;
    QDateTime m_started;
    QElapsedTimer m_clock;
    QElapsedTimer m_progressClock; // progress() at most ten times a second
    quint64 m_generation = 0;
};

} // namespace redscope
