// hiredis_link: the plumbing every Redscope connection that owns a hiredis context shares
// (RedisConnection for requests, Subscriber's worker for SUBSCRIBE, MonitorSession's worker
// for MONITOR). Each kind speaks its own protocol on the socket, but getting a socket and
// letting go of it is the same for all, so it lives here once: the TLS/SSH tunnel, the
// asynchronous host lookup, the non-blocking connect with a timeout, attaching hiredis' Qt
// adapter safely, the connect/disconnect callbacks and freeing the context.
//
// HiredisLink reports to its owner through plain callbacks, always from the event loop and
// never from inside hiredis, so the owner may close, reopen or delete itself there. The owner
// keeps what differs: its handshake, its error texts, its states and whether to retry.
//
// Internal: only app/*.cpp include it, because it pulls in hiredis headers, which the UI must
// never see (RedisConnection's header only forward-declares HiredisLink).
#pragma once

#include "connection/connection_settings.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

#include <hiredis/adapters/qt.h>
#include <hiredis/async.h>

class QHostInfo;

namespace redscope {
class Tunnel;
}

namespace redscope::Internal {

// The Qt adapter's destructor writes to its context, so before the real context is freed the
// adapter is re-attached to a private "parking" context that outlives it.
struct AdapterBinding
{
    redisAsyncContext parking{}; // only ever handed to RedisQtAdapter::setContext
    RedisQtAdapter adapter;      // declared last: destroyed first, while parking still exists

    void park() { adapter.setContext(&parking); }
};

// One hiredis context at a time. A child of its owner, so it follows the owner to a worker
// thread (moveToThread) and everything it does runs on that thread.
//
// Lifetime rules that keep hiredis 0.14 (Debian 12) safe:
// - context->data points to this link while the context is ours; close() nulls it before
//   freeing the context, so every hiredis callback fired during redisAsyncFree is ignored.
//   ownerOf() gives reply callbacks the owner through the same pointer.
// - hiredis callbacks only copy and post; the owner hears about it later from the event loop.
//   Each close() starts a new attempt generation, and posts of an older one are dropped.
class HiredisLink : public QObject
{
public:
    enum class Failure {
        UnknownHost,   // detail: the lookup's error text
        OutOfMemory,   // hiredis could not allocate a context
        CannotConnect, // detail: hiredis' error when connecting failed right away
        Tunnel,        // detail: the tunnel's message; authProblem: retrying will not help
        TimedOut,      // the connect timer ran out before the owner stopped it
        Gone,          // connecting failed later, or the connection closed; detail: hiredis'
    };
    struct Handlers
    {
        std::function<void()> connected; // the socket is up: start the owner's handshake
        std::function<void(Failure failure, const QString &detail, bool authProblem)> failed;
        std::function<void(const QString &message)> tunnelWarning; // optional
    };
    // Called from inside hiredis, while it parses, as soon as the first element of a
    // top-level array reply is read (the rest of the reply may not have arrived yet): SCAN's
    // cursor, ahead of 32768 names. It must only copy and post. The reply is for the oldest
    // pending command, context->replies.head. Applies to the contexts opened after the call.
    using FirstElementHandler =
        std::function<void(const redisAsyncContext *context, const char *data, size_t size)>;
    void setFirstElementHandler(FirstElementHandler handler)
    {
        m_firstElement = std::move(handler);
    }

    HiredisLink(QObject *owner, Handlers handlers);
    ~HiredisLink() override; // close(): the owner hears nothing more

    // A new attempt with these settings: closes the previous one, starts the connect timer,
    // then goes through a tunnel when settings.needsTunnel(), else to the Unix socket, an IP
    // literal or the first IPv4 address of an asynchronous lookup (hiredis would call
    // getaddrinfo() on this thread). May report a failure before it returns.
    void open(const ConnectionSettings &settings);
    // Frees the context (hiredis answers pending commands with no reply; reply callbacks must
    // ignore that), aborts a lookup, drops the tunnel, stops the timer, drops pending posts.
    void close();

    // The connect timer covers the whole attempt until the owner's handshake stops it.
    void startConnectTimer(int msecs) { m_connectTimer.start(msecs); }
    void stopConnectTimer() { m_connectTimer.stop(); }

    redisAsyncContext *context() const { return m_context; }
    // Through a tunnel, hiredis only sees EOF: the tunnel's explanation when it has one.
    QString explain(const QString &hiredisError) const;
    // Runs fn from the event loop unless this attempt was closed meanwhile: how a reply
    // callback, which runs inside hiredis, asks for the context to be torn down.
    void post(std::function<void()> fn);

    // The owner of the link whose context this is, or nullptr once the link let go of it.
    template <class Owner> static Owner *ownerOf(const redisAsyncContext *context)
    {
        const auto *link = static_cast<const HiredisLink *>(context->data);
        return link ? static_cast<Owner *>(link->m_owner) : nullptr;
    }

    // The body of an owner's hiredis reply callback: hands the reply to Handler while the
    // link still holds the context (a reply after close() reaches nobody).
    template <class Owner, void (Owner::*Handler)(const redisReply *)>
    static void forwardReply(redisAsyncContext *context, void *reply)
    {
        Owner *owner = ownerOf<Owner>(context);
        if (owner && reply) (owner->*Handler)(static_cast<const redisReply *>(reply));
    }

private:
    void openTunnel();
    void onHostLookedUp(const QHostInfo &info);
    void openContext(const QString &ipAddress);
    void dropTunnel();
    void contextFreedByHiredis();

    static void onHiredisConnect(const redisAsyncContext *context, int status);
    static void watchFirstElements(redisAsyncContext *context);
    static void *createStringWatched(const redisReadTask *task, char *data, size_t size);
    static void onHiredisDisconnect(const redisAsyncContext *context, int status);

    QObject *m_owner;
    Handlers m_handlers;
    FirstElementHandler m_firstElement;
    ConnectionSettings m_settings; // of the current attempt
    quint64 m_generation = 0;      // bumped by close(): stale posts compare against it
    int m_lookupId = -1;
    redisAsyncContext *m_context = nullptr;
    std::unique_ptr<AdapterBinding> m_binding;
    Tunnel *m_tunnel = nullptr; // TLS/SSH transport of this attempt (a child), or none
    QTimer m_connectTimer;
};

// The short texts the worker-thread connections (Subscriber, MonitorSession) put after "Cannot
// subscribe on host:port: " and the like.
QString workerFailureText(HiredisLink::Failure failure, const QString &detail,
                          const ConnectionSettings &settings);

// Sends an argv command; returns hiredis' REDIS_OK or REDIS_ERR (also for no context).
int sendArgv(redisAsyncContext *context, const QList<QByteArray> &args, redisCallbackFn *callback,
             void *privateData);

// AUTH [username] password, or an empty list when the settings carry no password.
QList<QByteArray> authCommand(const ConnectionSettings &settings);

} // namespace redscope::Internal
