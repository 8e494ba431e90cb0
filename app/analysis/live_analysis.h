// LiveAnalysis: a memory analysis of a running server by SCAN, in the server's own numbers
// (MEMORY USAGE with a configurable SAMPLES, PTTL, OBJECT ENCODING, OBJECT FREQ or IDLETIME
// by the eviction policy, the length by type), pipelined a batch at a time. It is gentle by
// design: batches are paced to a rate the user sets, and the scan measures its own SCAN round
// trip; when that rises above a limit the rate halves, and it recovers slowly once the server
// answers quickly again. Pause, resume and stop (the report then says it is partial). On a
// cluster every master is walked in parallel, each at the rate, on the router's node
// connections. The current database is scanned.
#pragma once

#include "analysis/analysis_report.h"
#include "analysis/report_builder.h"
#include "connection/request_scope.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

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
        int keysPerSecond = 5000; // per server
        int batchSize = 100;      // keys per SCAN COUNT and pipeline
        int memorySamples = 0;    // MEMORY USAGE SAMPLES (0: every element, exact)
        int latencyLimitMs = 10;  // SCAN round trip above this halves the rate
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

signals:
    void progress(quint64 keys, quint64 total, int keysPerSecond);
    void finished(const redscope::AnalysisReport &report);
    void failed(const QString &error);

private:
    struct Walk
    {
        QPointer<RedisConnection> connection;
        QByteArray cursor = "0";
        bool started = false;
        bool done = false;
        bool inFlight = false;
        double rate = 0; // keys per second, after backing off
        QElapsedTimer batchClock;
        quint64 dbSize = 0;
        QTimer *timer = nullptr;
    };
    struct KeyReplies;

    void scheduleNext(int walk, qint64 delayMs);
    void scanNext(int walk);
    void inspect(int walk, const QList<QByteArray> &keys);
    void measure(int walk, qint64 scanMs);
    void walkDone(int walk);
    void fail(const QString &error);
    AnalysisReport finalReport(bool partial, const QString &reason) const;

    QPointer<RedisConnection> m_connection;
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
