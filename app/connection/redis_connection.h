// RedisConnection: one asynchronous connection to one server, the only class in Redscope that
// talks to hiredis. It runs hiredis' async API on the Qt event loop (RedisQtAdapter), so no call
// here ever blocks the GUI thread: host names are resolved with QHostInfo, connecting, the
// AUTH/SELECT handshake and every request complete through callbacks, and timeouts are QTimers.
//
// Reply callbacks are never invoked from inside a hiredis callback: replies are copied into a
// RedisValue and delivered through the Qt event queue. That makes it safe for a callback to
// cancel requests, send new ones or delete the connection, and it lets cancel() and timeouts
// guarantee that a callback fires at most once, and not at all after cancel() or destruction.
#pragma once

#include "connection/connection_settings.h"
#include "connection/connection_state.h"
#include "connection/production_guard.h"
#include "connection/read_only_guard.h"
#include "connection/redis_value.h"
#include "connection/reply_callback.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>

struct redisAsyncContext;

namespace redscope {

namespace Internal {
class HiredisLink;
}
class ClusterRouter;
class SentinelWatcher;

class RedisConnection : public QObject
{
    Q_OBJECT

public:
    using State = ConnectionState; // connection_state.h, so widgets need not include this

    using RequestId = redscope::RequestId; // reply_callback.h
    using Callback = ReplyCallback;
    using BatchCallback = redscope::BatchCallback; // reply_callback.h

    explicit RedisConnection(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~RedisConnection() override; // pending callbacks are dropped, not called

    const ConnectionSettings &settings() const { return m_settings; }
    State state() const { return m_state; }
    QString errorText() const { return m_errorText; }
    int currentDb() const { return m_db; }
    int protocolVersion() const { return m_protocol; }
    static QString stateName(State state);
    static bool resp3Supported(); // false with hiredis < 1.0, which cannot parse RESP3

    void connectToServer();
    void disconnectFromServer();
    void setAutoReconnect(bool enabled) { m_autoReconnect = enabled; }
    bool autoReconnects() const { return m_autoReconnect; } // after a loss (Lost); default on
    // For the next connectToServer(): the ACL user and password typed after an AuthFailed
    // (the error page's prompt). Everything else about the server stays as it was.
    void setCredentials(const QString &username, const QString &password);

    // Sends one command. While Connecting or reconnecting after Lost, requests wait in a queue.
    // The callback always runs later from the event loop, exactly once, with the reply or with
    // an error value (timeout, not connected, connection lost), unless the request is
    // cancelled or the connection destroyed first. timeoutMs < 0 uses the settings' default.
    RequestId send(const QList<QByteArray> &args, Callback callback, int timeoutMs = -1);
    // Production connections (settings().production) hold the commands ProductionGuard calls
    // dangerous until its confirmer answers: the affected keys are counted first, requests
    // sent meanwhile wait behind the held one (order is kept), a "no" answers the callback
    // with an error. sendConfirmed() skips the question, for a batch the user already
    // confirmed as a whole (a bulk delete of the keys a preview counted).
    RequestId sendConfirmed(const QList<QByteArray> &args, Callback callback, int timeoutMs = -1);
    // Sends commands as one pipeline with one callback for all their replies, for bulk
    // transfers (export, import, copy, compare) where per-request bookkeeping costs more than
    // the server's work. Only on a Ready standalone connection with nothing queued, for
    // commands send() would pass on as they are (no refusal, no production hold unless
    // confirmed, no MULTI/SELECT bookkeeping); returns 0 otherwise, and the caller sends them
    // one by one. The callback runs later from the event loop, like send()'s.
    RequestId sendBatch(const QList<QList<QByteArray>> &commands, BatchCallback callback,
                        bool confirmed = false, int timeoutMs = -1);
    // Asks for the first element of the array reply to `id` as soon as it has been read, ahead
    // of the reply itself (which still comes through the request's callback): SCAN's cursor,
    // so that a loop can send its next SCAN while the names of this reply are still being
    // read and parsed. Called later from the event loop, at most once, never after the
    // request was answered, cancelled or timed out, and not at all for other replies (an
    // error, a non-array) or on Cluster connections. False when `id` is not waiting for its
    // reply here (then nothing will be called).
    using FirstElementCallback = std::function<void(const QByteArray &first)>;
    bool watchFirstElement(RequestId id, FirstElementCallback callback);
    bool awaitingConfirmation() const { return m_held != 0; }
    bool cancel(RequestId id); // true when the request was still pending
    int pendingCount() const { return int(m_requests.size()); }

    // Read-only connections (settings().readOnly) refuse write and admin commands in send(),
    // judged by the server's own command flags, fetched once after connecting (see
    // fetchCommandTable()); the guard's built-in list judges until they arrive.
    const ReadOnlyGuard &readOnlyGuard() const { return m_readOnlyGuard; }

    // Cluster mode (settings().mode): commands go through this router to the node that owns
    // their key's slot; Ready once the slot map is loaded. Null in the other modes.
    ClusterRouter *cluster() const { return m_cluster; }
    // Sentinel mode: the watcher that names the master and reports failovers; null otherwise.
    SentinelWatcher *sentinel() const { return m_sentinel; }

signals:
    void stateChanged(redscope::ConnectionState state, const QString &errorText);
    void currentDbChanged(int db);
    // Something the user should know about a working connection (TLS verification skipped).
    void warning(const QString &message);

private:
    enum class Phase { Queued, Written, Finishing, Confirming };
    struct Request
    {
        QList<QByteArray> args;
        Callback callback;
        qint64 deadline = 0; // m_clock milliseconds; 0 for handshake requests
        int timeoutMs = 0;
        Phase phase = Phase::Queued;
        bool internal = false;          // handshake: dropped silently on teardown
        bool needsConfirmation = false; // production: held before it is written
        BatchCallback batchCallback;    // sendBatch(): one callback for batchSize commands
        QList<RedisValue> batchReplies;
        qsizetype batchSize = 0;
        FirstElementCallback firstElement; // watchFirstElement(); cleared once posted
    };
    enum class HandshakeStep { Auth, Hello, Select, Ping };

    RequestId enqueue(const QList<QByteArray> &args, Callback callback, int timeoutMs,
                      bool internal);
    void write(RequestId id, Request &request);
    void flushQueue();
    RequestId sendChecked(const QList<QByteArray> &args, Callback callback, int timeoutMs,
                          bool confirmed);
    void transactionCheck(QList<QByteArray> *args, Callback *callback, bool refused);
    void holdForConfirmation(RequestId id);
    void resolveHeld(RequestId id, bool confirmed);
    void postReply(RequestId id, RedisValue reply);
    void deliver(RequestId id, const RedisValue &reply);
    void forget(std::map<RequestId, Request>::iterator it);
    void finishInFlight(const QString &reason);
    void finishQueued(const QString &reason);
    void armDeadlineTimer();
    void onDeadline();
    bool stalledMidReply() const;

    void startAttempt();
    // Another connection to the same server reached Ready: a reconnect waiting out its
    // backoff tries now (see peers() in redis_connection.cpp).
    void retryIfWaiting();
    void tellPeersServerIsBack();
    QString peerKey() const;
    void startHandshake();
    void onHandshakeReply(quint64 generation, HandshakeStep step, const RedisValue &reply);
    void becomeReady();
    void fetchCommandTable();
    void attemptFailed(const QString &message, bool retry);
    void connectionGone(const QString &hiredisError);
    void authFailed(const QString &message);
    void closeContext(const QString &reason);
    void scheduleReconnect();
    void setState(State state, const QString &errorText);
    void setDb(int db);

    // Cluster and Sentinel modes (redis_connection_modes.cpp)
    void setUpMode();
    void startCluster();
    void routeToCluster(RequestId id, Request &request);
    void resolveThroughSentinel();
    void onMasterSwitched(const QString &host, int port);

    static void onHiredisReply(redisAsyncContext *context, void *reply, void *privateData);
    void onFirstElementRead(const redisAsyncContext *context, const char *data, size_t size);
    void deliverFirstElement(RequestId id, const QByteArray &first);

    ConnectionSettings m_settings;
    ClusterRouter *m_cluster = nullptr;    // child; Cluster mode only
    SentinelWatcher *m_sentinel = nullptr; // child; Sentinel mode only
    bool m_sentinelResolved = false;       // the next attempt uses host/port as they are
    ReadOnlyGuard m_readOnlyGuard;
    bool m_commandTableAnswered = false; // the server answered (table, or an error)
    RequestId m_held = 0;                // production: the request waiting for a confirmation
    bool m_inMulti = false;              // a MULTI was sent and no EXEC/DISCARD yet
    bool m_multiRefused = false;         // a command of that transaction was refused here
    State m_state = State::Disconnected;
    QString m_errorText;
    int m_db = 0;
    int m_protocol = 2;
    bool m_autoReconnect = true;
    bool m_reconnecting = false;
    int m_backoffMs = 0;
    quint64 m_generation = 0; // bumped per attempt; stale queued events compare against it
    int m_handshakeLeft = 0;

    // The hiredis context of the current attempt, with its tunnel, lookup and connect timer.
    std::unique_ptr<Internal::HiredisLink> m_link;

    RequestId m_lastId = 0;
    std::map<RequestId, Request> m_requests;
    std::deque<RequestId> m_queue; // Queued requests in send order (may hold stale ids)
    std::set<std::pair<qint64, RequestId>> m_deadlines;
    QElapsedTimer m_clock;
    QTimer m_deadlineTimer;
    QTimer m_reconnectTimer;
};

} // namespace redscope
