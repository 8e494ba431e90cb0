// LiveAnalysis: a memory analysis of a running server by SCAN, in the server's own numbers
// (MEMORY USAGE with a configurable SAMPLES, PTTL, OBJECT ENCODING, OBJECT FREQ or IDLETIME
// by the eviction policy, the length by type), every database that holds keys (INFO
// keyspace), pipelined a small batch at a time.
//
// It is gentle by design, and measures what gentle means on this server: before the first
// SCAN it times a few lone PINGs to learn the server's idle round trip (its p95 stands in for
// the idle p99), then paces small batches evenly over time at the rate the user set (default
// 2000 keys/s in batches of 20: a batch every 10 ms, some 120 short commands, rather than a
// burst of thousands that a GET from another client would queue behind; 20 rather than 10
// because each batch is three round trips, which on a busy machine kept batches of 10 well
// under the rate). The SCAN of every batch is
// sent alone and timed; when the median of the last few stays above latencyFactor times the
// idle figure (at least 1 ms; or above latencyLimitMs) the rate halves, and it climbs back
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
        int keysPerSecond = 2000;   // per server: the default the benchmark measures
        int batchSize = 20;         // keys per SCAN COUNT and pipeline
        int memorySamples = 0;      // MEMORY USAGE SAMPLES (0: every element, exact)
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
    void progress(quint64 keys, quint64 total, int keysPerSecond);
    void finished(const redscope::AnalysisReport &report);
    void failed(const QString &error);

private:
    struct Walk
    {
        QPointer<RedisConnection> connection;
        std::vector<int> dbs; // databases with keys, walked in order
        size_t dbIndex = 0;
        bool selectPending = false; // SELECT the next db before its first SCAN
        QByteArray cursor = "0";
        bool done = false;
        bool inFlight = false;
        double rate = 0; // keys per second, after backing off
        QElapsedTimer batchClock;
        quint64 dbSize = 0;
        QTimer *timer = nullptr;
        std::vector<double> pings; // the baseline's round trips, ms
        double idleMs = -1;        // their p95
        std::deque<double> recent; // the last SCAN round trips, ms
    };
    struct KeyReplies;

    void readConfig(const QList<RedisConnection *> &servers);
    void prepare(int walk);
    void ping(int walk);
    void scheduleNext(int walk, qint64 delayMs);
    void scanNext(int walk);
    void inspect(int walk, const QList<QByteArray> &keys);
    void lengths(int walk, const std::shared_ptr<KeyReplies> &batch);
    void candidates(int walk, const std::shared_ptr<KeyReplies> &batch);
    void finishBatch(int walk, const std::shared_ptr<KeyReplies> &batch);
    void measure(int walk, double scanMs);
    void walkDone(int walk);
    void fail(const QString &error);
    quint64 totalKeys() const;
    AnalysisReport finalReport(bool partial, const QString &reason) const;

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
    quint64 m_generation = 0;
};

} // namespace redscope
