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

#include "connection_settings.h"
#include "read_only_guard.h"
#include "redis_value.h"

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
class QHostInfo;

namespace redscope {

namespace Internal {
struct EventBinding;
}

class RedisConnection : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Disconnected, // not connected; errorText() says why when an attempt failed
        Connecting,   // resolving, connecting or running the handshake
        Ready,        // requests are written immediately
        AuthFailed,   // wrong password, unknown user or NOAUTH; no automatic retry
        Lost,         // was Ready and the connection dropped; reconnecting with backoff
    };
    Q_ENUM(State)

    using RequestId = quint64;
    using Callback = std::function<void(const RedisValue &reply)>;

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

    // Sends one command. While Connecting or reconnecting after Lost, requests wait in a queue.
    // The callback always runs later from the event loop, exactly once, with the reply or with
    // an error value (timeout, not connected, connection lost), unless the request is
    // cancelled or the connection destroyed first. timeoutMs < 0 uses the settings' default.
    RequestId send(const QList<QByteArray> &args, Callback callback, int timeoutMs = -1);
    bool cancel(RequestId id); // true when the request was still pending
    int pendingCount() const { return int(m_requests.size()); }

    // Read-only connections (settings().readOnly) refuse write and admin commands in send(),
    // judged by the server's own command flags, fetched once after connecting (see
    // fetchCommandTable()); the guard's built-in list judges until they arrive.
    const ReadOnlyGuard &readOnlyGuard() const { return m_readOnlyGuard; }

signals:
    void stateChanged(redscope::RedisConnection::State state, const QString &errorText);
    void currentDbChanged(int db);

private:
    enum class Phase { Queued, Written, Finishing };
    struct Request
    {
        QList<QByteArray> args;
        Callback callback;
        qint64 deadline = 0; // m_clock milliseconds; 0 for handshake requests
        int timeoutMs = 0;
        Phase phase = Phase::Queued;
        bool internal = false; // handshake: dropped silently on teardown
    };
    enum class HandshakeStep { Auth, Hello, Select, Ping };

    RequestId enqueue(const QList<QByteArray> &args, Callback callback, int timeoutMs,
                      bool internal);
    void write(RequestId id, Request &request);
    void flushQueue();
    void postReply(RequestId id, const RedisValue &reply);
    void deliver(RequestId id, const RedisValue &reply);
    void forget(std::map<RequestId, Request>::iterator it);
    void finishInFlight(const QString &reason);
    void finishQueued(const QString &reason);
    void armDeadlineTimer();
    void onDeadline();

    void startAttempt();
    void onHostLookedUp(const QHostInfo &info);
    void openContext(const QString &ipAddress);
    void startHandshake();
    void onHandshakeReply(quint64 generation, HandshakeStep step, const RedisValue &reply);
    void becomeReady();
    void fetchCommandTable();
    void attemptFailed(const QString &message, bool retry);
    void connectionGone(const QString &hiredisError);
    void authFailed(const QString &message);
    void closeContext(const QString &reason);
    void contextFreedByHiredis();
    void scheduleReconnect();
    void setState(State state, const QString &errorText);
    void setDb(int db);

    static void onHiredisConnect(const redisAsyncContext *context, int status);
    static void onHiredisDisconnect(const redisAsyncContext *context, int status);
    static void onHiredisReply(redisAsyncContext *context, void *reply, void *privateData);

    ConnectionSettings m_settings;
    ReadOnlyGuard m_readOnlyGuard;
    bool m_commandTableAnswered = false; // the server answered (table, or an error)
    State m_state = State::Disconnected;
    QString m_errorText;
    int m_db = 0;
    int m_protocol = 2;
    bool m_autoReconnect = true;
    bool m_reconnecting = false;
    int m_backoffMs = 0;
    quint64 m_generation = 0; // bumped per attempt; stale queued events compare against it
    int m_handshakeLeft = 0;
    int m_lookupId = -1;

    redisAsyncContext *m_context = nullptr;
    std::unique_ptr<Internal::EventBinding> m_binding;

    RequestId m_lastId = 0;
    std::map<RequestId, Request> m_requests;
    std::deque<RequestId> m_queue; // Queued requests in send order (may hold stale ids)
    std::set<std::pair<qint64, RequestId>> m_deadlines;
    QElapsedTimer m_clock;
    QTimer m_deadlineTimer;
    QTimer m_connectTimer;
    QTimer m_reconnectTimer;
};

} // namespace redscope
