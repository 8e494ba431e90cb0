// KeyScanner: walks a server's keyspace with SCAN (never KEYS, never a script) and hands the
// names out in batches. The next SCAN is sent as soon as the previous reply's cursor has been
// read, ahead of its names (key_scan_loop.h), with a COUNT that adapts: the first
// call asks for `count` keys so the first rows show at once, then COUNT doubles after each call
// up to `maxCount` unless the round trip took more than kSlowRoundTripMs (then it halves). A
// round trip costs the server O(COUNT), a few ms at 32768, and every round trip costs a fixed
// wake-up of both processes, which on a loaded machine is the bigger part: a million keys take
// ~40 calls instead of 200 at a fixed 5000. MATCH and TYPE filters run server-side. Progress is
// measured against DBSIZE read at the start: keys seen, or keys examined (the COUNTs asked) when
// a filter hides most of them. cancel() stops the run; no batch or progress of it arrives after.
//
// Threading: the loop (Internal::ScanLoop) runs on a worker thread of this scanner over a
// RedisConnection of its own, opened with the given connection's settings and current db
// (so TLS/SSH tunnels, AUTH/ACL user, Sentinel and Cluster modes, read-only and production
// guards all apply to it as they do to the given one). Parsing ten million names out of the
// replies then costs the GUI thread nothing: it only gets the batches as queued events, and a
// key sink (setKeySink) takes them into a KeyIndex straight from the worker thread. Should that
// second connection fail before it was ever ready (maxclients, say), the scanner falls back to
// running the loop over the given connection on the GUI thread.
#pragma once

#include "connection/reply_callback.h"
#include "keys/key_type.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace redscope {

namespace Internal {
class ScanLoop;
struct ScanCounters;
struct ScanHost;
} // namespace Internal

class KeyScanner : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QByteArray pattern;          // empty or "*": everything
        std::optional<KeyType> type; // SCAN ... TYPE (Redis >= 6); empty: every type
        int count = 2000;            // first COUNT
        int maxCount = 0;            // COUNT grows up to this; 0 or <= count: fixed at count
    };
    static constexpr int kSlowRoundTripMs = 250;

    // On a Cluster connection every master is scanned in parallel (key_scanner_cluster.cpp):
    // one cursor per master, the batches merged into the same batchReady() stream.
    explicit KeyScanner(RedisConnection *connection, QObject *parent = nullptr);
    ~KeyScanner() override; // blocks briefly while the worker thread closes its connection

    void start(const Options &options);
    void cancel();
    bool isRunning() const { return m_running; }
    quint64 keysSeen() const { return m_seen; }
    quint64 dbSize() const { return m_dbSize; }
    int calls() const { return m_calls; }
    // Of those, the SCANs sent as soon as the previous reply's cursor was read (all but the
    // first on a single server; none on a Cluster).
    int callsSentAhead() const { return m_sentAhead; }
    int currentCount() const { return m_count; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

    // Called with every batch of the current run on the thread that parsed it (the worker),
    // before batchReady() reaches this object's thread; never for a run that was cancelled or
    // replaced. It must be thread-safe (KeyIndex::addKeys is). setKeySink({}) waits for a call
    // in progress, so what the sink refers to may be destroyed after it returns. `expected` is
    // how many keys the run should end with (DBSIZE, when the scan is unfiltered; else 0), so
    // that the sink can size its tables once.
    using KeySink = std::function<void(const QList<QByteArray> &keys, quint64 expected)>;
    void setKeySink(KeySink sink);
    // Off: the loop runs over the given connection on this thread.
    void setUseWorker(bool enabled) { m_useWorker = enabled; }
    // Whether the last run went through the scanner's own connection on its worker thread
    // (false after a fallback to the given connection).
    bool ranOnWorker() const { return m_runOnWorker; }

signals:
    void batchReady(const QList<QByteArray> &keys);
    void progress(quint64 done, quint64 total);
    // complete: the cursor came back to 0. Otherwise error says why (cancelled or a failure).
    void finished(bool complete, const QString &error);

private:
    struct Shared; // what the worker thread reads: the current run and the sink
    void startLoop();
    void ensureWorker();
    void stopWorker();
    Internal::ScanLoop *makeLoop(RedisConnection *connection, QObject *parent);
    void storeCounters(const Internal::ScanCounters &counters);
    void onBatch(quint64 run, const QList<QByteArray> &keys, const Internal::ScanCounters &c);
    void onProgress(quint64 run, quint64 done, quint64 total, const Internal::ScanCounters &c);
    void onFinished(quint64 run, bool complete, const QString &error, bool neverConnected,
                    const Internal::ScanCounters &c);
    void finish(bool complete, const QString &error);
    void newRun();

    QPointer<RedisConnection> m_connection;
    Options m_options;
    std::shared_ptr<Shared> m_shared;
    quint64 m_run = 0; // == m_shared->run, readable without the lock on this thread
    bool m_running = false;
    bool m_useWorker = true;
    bool m_workerFailed = false; // its connection never became ready: use the given one
    bool m_runOnWorker = false;  // where the current run's loop is
    QThread *m_thread = nullptr;
    Internal::ScanHost *m_host = nullptr; // lives on m_thread: the worker connection and loop
    int m_workerDb = -1;
    Internal::ScanLoop *m_localLoop = nullptr; // over m_connection, on this thread
    quint64 m_seen = 0;
    quint64 m_dbSize = 0;
    int m_calls = 0;
    int m_sentAhead = 0;
    int m_count = 0;
    QElapsedTimer m_clock;
};

} // namespace redscope
