// KeyScanner: walks a server's keyspace with SCAN (never KEYS, never a script) over an async
// RedisConnection and hands the names out in batches. One SCAN is in flight at a time with a
// COUNT that adapts: the first call asks for `count` keys so the first rows show at once, then
// COUNT doubles after each call up to `maxCount` unless the round trip took more than
// kSlowRoundTripMs (then it halves). A round trip costs the server O(COUNT), a few ms at
// 32768, and every round trip costs a fixed wake-up of both processes, which on a loaded
// machine is the bigger part: a million keys take ~40 calls instead of 200 at a fixed 5000.
// MATCH and TYPE filters run server-side. Progress is measured
// against DBSIZE read at the start: keys seen, or keys examined (the COUNTs asked) when a filter
// hides most of them. cancel() drops the request in flight; no callback arrives afterwards.
#pragma once

#include "redis_connection.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

namespace redscope {

namespace Internal {
struct ClusterScan;
}

class KeyScanner : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QByteArray pattern;  // empty or "*": everything
        QByteArray type;     // empty: every type; else "string", "hash", ... (Redis >= 6)
        int count = 2000;    // first COUNT
        int maxCount = 0;    // COUNT grows up to this; 0 or <= count: fixed at count
    };
    static constexpr int kSlowRoundTripMs = 250;

    // On a Cluster connection every master is scanned in parallel (key_scanner_cluster.cpp):
    // one cursor per master, the batches merged into the same batchReady() stream.
    explicit KeyScanner(RedisConnection *connection, QObject *parent = nullptr);
    ~KeyScanner() override;

    void start(const Options &options);
    void cancel();
    bool isRunning() const { return m_running; }
    quint64 keysSeen() const { return m_seen; }
    quint64 dbSize() const { return m_dbSize; }
    int calls() const { return m_calls; }
    int currentCount() const { return m_count; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

signals:
    void batchReady(const QList<QByteArray> &keys);
    void progress(quint64 done, quint64 total);
    // complete: the cursor came back to 0. Otherwise error says why (cancelled or a failure).
    void finished(bool complete, const QString &error);

private:
    void requestNext();
    void onReply(quint64 generation, const RedisValue &reply);
    void finish(bool complete, const QString &error);
    void startCluster(quint64 generation);
    void requestNode(quint64 generation, int node);
    void onNodeReply(quint64 generation, int node, const RedisValue &reply);

    QPointer<RedisConnection> m_connection;
    Options m_options;
    QByteArray m_cursor = "0";
    quint64 m_generation = 0;
    RedisConnection::RequestId m_scanRequest = 0;
    RedisConnection::RequestId m_sizeRequest = 0;
    bool m_running = false;
    quint64 m_seen = 0;
    quint64 m_dbSize = 0;
    int m_calls = 0;
    int m_count = 0;
    quint64 m_examined = 0; // sum of COUNTs asked so far
    QElapsedTimer m_clock;
    std::shared_ptr<Internal::ClusterScan> m_cluster; // per-master cursors (Cluster mode)
    QElapsedTimer m_callClock;
};

} // namespace redscope
