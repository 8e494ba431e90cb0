// ScanLoop: the SCAN loop behind KeyScanner, over one RedisConnection, on that connection's
// thread. KeyScanner runs it on a worker thread over a connection of its own, so the replies
// of a 10M-key scan (hiredis parsing, RedisValue copies, batch building) never cost the GUI
// thread anything; the loop itself does not care which thread it is on.
//
// The next SCAN goes out as soon as the cursor of the previous reply has been read, which is
// its first element (RedisConnection::watchFirstElement): the server then walks its next
// buckets while this side reads and parses the names of the previous reply, instead of the two
// taking turns. So at most two SCANs are in flight, the second sent while the first one's reply
// is arriving; where the cursor is not seen early (Cluster: one SCAN per master at a time,
// key_scanner_cluster.cpp) the next one goes out when the reply is complete. COUNT adapts as
// described in key_scanner.h, from the time until the cursor was read. A run is named by the number
// start() was given; every event carries it, and none arrives for a run after cancel() or a newer
// start(). Events are plain callbacks on the loop's thread: the owner decides how to hand them on.
// A run started before the connection is Ready waits for it (a Cluster connection is Ready only
// once its slot map is loaded); if the connection fails instead, the run finishes with
// `neverConnected` set, so the owner can fall back to another connection.
#pragma once

#include "connection/redis_connection.h"
#include "keys/key_scanner.h"

#include <QElapsedTimer>
#include <QPointer>

#include <deque>
#include <functional>
#include <memory>

namespace redscope::Internal {

struct ClusterScan;

// Where a run stands; sent along with every event.
struct ScanCounters
{
    quint64 seen = 0;     // key names returned (duplicates included)
    quint64 dbSize = 0;   // DBSIZE at the start (summed over masters)
    quint64 expected = 0; // dbSize when every key is scanned for (no MATCH or TYPE); else 0
    int calls = 0;
    int sentAhead = 0; // SCANs sent as soon as the previous cursor was read, before its names
    int count = 0;     // the COUNT of the next call
};

class ScanLoop : public QObject
{
    Q_OBJECT

public:
    using Counters = ScanCounters;
    struct Events
    {
        std::function<void(quint64 run, QList<QByteArray> &&keys, const Counters &)> batch;
        std::function<void(quint64 run, quint64 done, quint64 total, const Counters &)> progress;
        std::function<void(quint64 run, bool complete, const QString &error, bool neverConnected,
                           const Counters &)>
            finished;
    };

    // The connection must live on this thread.
    ScanLoop(RedisConnection *connection, Events events, QObject *parent = nullptr);
    ~ScanLoop() override;

    void start(quint64 run, const KeyScanner::Options &options);
    void cancel(quint64 run); // silent: no event for that run any more

private:
    void begin();
    void requestNext();
    void onCursor(quint64 generation, const QByteArray &cursor);
    void continueFrom(const QByteArray &cursor); // the cursor of the oldest SCAN in flight
    void onReply(quint64 generation, const RedisValue &reply);
    void deliver(const RedisValue::List &names); // one SCAN reply's key names
    void reportProgress();
    void finish(bool complete, const QString &error, bool neverConnected = false);
    bool filtered() const;
    QList<QByteArray> scanArgs(const QByteArray &cursor) const;
    // Cluster mode (key_scanner_cluster.cpp)
    void startCluster(quint64 generation);
    void requestNode(quint64 generation, int node);
    void onNodeReply(quint64 generation, int node, const RedisValue &reply);

    QPointer<RedisConnection> m_connection; // the GUI thread's may go before its scanner
    Events m_events;
    KeyScanner::Options m_options;
    quint64 m_run = 0;
    bool m_running = false;
    bool m_waitingForReady = false;
    quint64 m_generation = 0; // bumped per start and finish: late replies compare against it
    QByteArray m_cursor = "0";
    RedisConnection::RequestId m_scanRequest = 0;  // the newest SCAN
    RedisConnection::RequestId m_previousScan = 0; // the one before it, while in flight
    bool m_continued = false;         // the oldest SCAN in flight has its successor sent already
    std::deque<int> m_inFlightCounts; // COUNT of each SCAN in flight, oldest first
    RedisConnection::RequestId m_sizeRequest = 0;
    Counters m_counters;
    quint64 m_examined = 0; // sum of COUNTs asked so far
    QElapsedTimer m_callClock;
    std::shared_ptr<ClusterScan> m_cluster; // per-master cursors (Cluster mode)
};

} // namespace redscope::Internal
