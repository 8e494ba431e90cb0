// RedisConnection implementation: a small state machine around one redisAsyncContext at a time.
//
// Getting the context (tunnel, lookup, connect timeout) and the rules that keep hiredis 0.14
// safe are HiredisLink's (hiredis_link.h): hiredis callbacks only copy data and post a queued
// call, so all state changes and user callbacks run later from the event loop, never nested
// inside redisAsyncHandleRead/Write. This file keeps the request/reply protocol: the queue,
// deadlines, the AUTH/HELLO/SELECT/PING handshake and reconnecting with backoff.
#include "connection/redis_connection.h"

#include "cluster/cluster_router.h"
#include "connection/hiredis_link.h"

#include <QCoreApplication>
#include <QPointer>

#include <hiredis/hiredis.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <utility>
#include <vector>

namespace redscope {

using Internal::HiredisLink;

static constexpr int kFirstBackoffMs = 500;
static constexpr int kMaxBackoffMs = 30000;

static bool commandIs(const QList<QByteArray> &args, const char *name)
{
    return !args.isEmpty() && args.first().compare(name, Qt::CaseInsensitive) == 0;
}

// Commands that would turn this request/reply connection into a stream of pushes, which
// hiredis' async API then routes by channel instead of by request.
static QString refusalFor(const QList<QByteArray> &args)
{
    if (args.isEmpty()) return QStringLiteral("ERR empty command");
    static const char *const streaming[] = {"subscribe",   "psubscribe",   "ssubscribe",
                                            "unsubscribe", "punsubscribe", "sunsubscribe",
                                            "monitor"};
    for (const char *name : streaming) {
        if (commandIs(args, name)) {
            return QStringLiteral("ERR %1 needs a dedicated connection and is not available "
                                  "here yet")
                .arg(QString::fromUtf8(args.first().toUpper()));
        }
    }
    // Replies are matched to requests by order: a command after which the server stays
    // silent, or that swaps the connection's user, database and protocol behind our back,
    // would leave every panel on this connection waiting or talking to the wrong state.
    if (commandIs(args, "client") && args.size() > 2 &&
        args.at(1).compare("reply", Qt::CaseInsensitive) == 0 &&
        args.at(2).compare("on", Qt::CaseInsensitive) != 0) {
        return QStringLiteral("ERR CLIENT REPLY %1 would leave requests without replies on "
                              "this shared connection")
            .arg(QString::fromUtf8(args.at(2).toUpper()));
    }
    if (commandIs(args, "reset")) {
        return QStringLiteral("ERR RESET would drop this connection's login and database for "
                              "every panel; disconnect and connect again instead");
    }
    if (commandIs(args, "hello") && args.size() > 1 && args.at(1) == "3" &&
        !RedisConnection::resp3Supported()) {
        return QStringLiteral("ERR RESP3 is not supported by the hiredis library of this build");
    }
    return {};
}

// Every live connection, so that one reaching Ready can tell the others to the same server:
// the panels' own connections (keys, values, latency, ...) each back off on their own while a
// server is down, up to kMaxBackoffMs, and would otherwise wait out that delay after it is back
// (the Local engine restarted, a server rebooted). Connections live on several threads: the
// list is locked, a connection leaves it first thing in its destructor, and the nudge is a
// queued call that Qt drops if its receiver is gone by then.
namespace {
struct Peers
{
    std::mutex lock;
    // Each with the server it was made for (its settings at construction: a sentinel-mode
    // connection's later master address stays its own business).
    std::vector<std::pair<RedisConnection *, QString>> all;
};

Peers &peers()
{
    static Peers p;
    return p;
}
} // namespace

RedisConnection::RedisConnection(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_db(settings.db)
    , m_backoffMs(kFirstBackoffMs)
{
    m_clock.start();
    m_deadlineTimer.setSingleShot(true);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &RedisConnection::onDeadline);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RedisConnection::startAttempt);
    using Failure = HiredisLink::Failure;
    auto failed = [this](Failure failure, const QString &detail, bool authProblem) {
        const QString where = m_settings.address();
        switch (failure) {
        case Failure::UnknownHost:
            attemptFailed(
                QCoreApplication::translate("redscope::RedisConnection", "Unknown host '%1': %2")
                    .arg(m_settings.host, detail),
                false);
            return;
        case Failure::OutOfMemory:
            attemptFailed(QCoreApplication::translate("redscope::RedisConnection",
                                                      "Out of memory creating a connection"),
                          false);
            return;
        case Failure::CannotConnect:
            attemptFailed(
                QCoreApplication::translate("redscope::RedisConnection", "Cannot connect to %1: %2")
                    .arg(where, detail),
                true);
            return;
        case Failure::Tunnel:
            attemptFailed(detail, !authProblem);
            return;
        case Failure::TimedOut:
            attemptFailed(QCoreApplication::translate("redscope::RedisConnection",
                                                      "Timed out after %1 ms connecting to %2")
                              .arg(m_settings.connectTimeoutMs)
                              .arg(where),
                          true);
            return;
        case Failure::Gone:
            connectionGone(detail);
            return;
        }
    };
    m_link = std::make_unique<HiredisLink>(
        this, HiredisLink::Handlers{
                  .connected = [this] { startHandshake(); },
                  .failed = std::move(failed),
                  .tunnelWarning = [this](const QString &message) { emit warning(message); },
              });
    m_link->setFirstElementHandler(
        [this](const redisAsyncContext *context, const char *data, size_t size) {
            onFirstElementRead(context, data, size);
        });
    setUpMode();
    const std::lock_guard<std::mutex> hold(peers().lock);
    peers().all.emplace_back(this, peerKey());
}

RedisConnection::~RedisConnection()
{
    {
        const std::lock_guard<std::mutex> hold(peers().lock);
        std::erase_if(peers().all, [this](const auto &peer) { return peer.first == this; });
    }
    ++m_generation;
    m_requests.clear(); // dropped, not called: the owner is going away
    m_link->close();
}

QString RedisConnection::stateName(State state)
{
    switch (state) {
    case State::Disconnected:
        return tr("Disconnected");
    case State::Connecting:
        return tr("Connecting");
    case State::Ready:
        return tr("Ready");
    case State::AuthFailed:
        return tr("Authentication failed");
    case State::Lost:
        return tr("Connection lost");
    }
    return {};
}

void RedisConnection::setCredentials(const QString &username, const QString &password)
{
    m_settings.username = username;
    m_settings.password = password;
}

bool RedisConnection::resp3Supported()
{
#ifdef REDIS_REPLY_MAP
    return true;
#else
    return false;
#endif
}

// ---- requests ---------------------------------------------------------------------------

RedisConnection::RequestId RedisConnection::send(const QList<QByteArray> &args, Callback callback,
                                                 int timeoutMs)
{
    return sendChecked(args, std::move(callback), timeoutMs, false);
}

RedisConnection::RequestId RedisConnection::sendConfirmed(const QList<QByteArray> &args,
                                                          Callback callback, int timeoutMs)
{
    return sendChecked(args, std::move(callback), timeoutMs, true);
}

RedisConnection::RequestId RedisConnection::sendChecked(const QList<QByteArray> &args,
                                                        Callback callback, int timeoutMs,
                                                        bool confirmed)
{
    if (commandIs(args, "select") && args.size() == 2) {
        bool ok = false;
        const int db = args.at(1).toInt(&ok);
        if (ok) {
            callback = [this, db, inner = std::move(callback)](const RedisValue &reply) {
                if (reply.type() == RedisValue::Type::Status && reply.bytes() == "OK") setDb(db);
                if (inner) inner(reply);
            };
        }
    }
    QString refusal = refusalFor(args);
    if (refusal.isEmpty() && m_settings.readOnly) refusal = m_readOnlyGuard.refusal(args);
    QList<QByteArray> sent = args;
    transactionCheck(&sent, &callback, !refusal.isEmpty());
    const RequestId id = enqueue(sent, std::move(callback), timeoutMs, false);
    Request &request = m_requests.at(id);
    if (refusal.isEmpty() && !confirmed && m_settings.production)
        request.needsConfirmation = bool(ProductionGuard::classify(args, m_db));
    if (!refusal.isEmpty()) {
        request.phase = Phase::Finishing;
        postReply(id, RedisValue::error(refusal));
    } else if (m_state == State::Ready) {
        m_queue.push_back(id); // behind a request held for confirmation, if there is one
        flushQueue();
    } else if (m_state == State::Connecting || (m_state == State::Lost && m_reconnecting)) {
        m_queue.push_back(id);
    } else {
        request.phase = Phase::Finishing;
        const QString why = m_errorText.isEmpty() ? stateName(m_state) : m_errorText;
        postReply(
            id, RedisValue::error(
                    QStringLiteral("ERR not connected to %1: %2").arg(m_settings.address(), why)));
    }
    return id;
}

// A command refused here never reaches the server, so the server would run the rest of a
// transaction. Redis aborts EXEC when a queued command was rejected; do the same: the EXEC of
// such a transaction is sent as DISCARD and answered with EXECABORT.
RedisConnection::RequestId RedisConnection::sendBatch(const QList<QList<QByteArray>> &commands,
                                                      BatchCallback callback, bool confirmed,
                                                      int timeoutMs)
{
    if (commands.isEmpty() || m_cluster || m_state != State::Ready || m_held != 0 ||
        !m_queue.empty() || m_inMulti || !m_link || !m_link->context())
        return 0;
    for (const QList<QByteArray> &args : commands) {
        if (!refusalFor(args).isEmpty() || commandIs(args, "select") || commandIs(args, "multi") ||
            commandIs(args, "exec") || commandIs(args, "discard"))
            return 0;
        if (m_settings.readOnly && !m_readOnlyGuard.refusal(args).isEmpty()) return 0;
        if (!confirmed && m_settings.production && bool(ProductionGuard::classify(args, m_db)))
            return 0;
    }
    const RequestId id = enqueue({}, {}, timeoutMs, false);
    Request &request = m_requests.at(id);
    request.batchCallback = std::move(callback);
    request.batchSize = commands.size();
    request.batchReplies.reserve(commands.size());
    request.phase = Phase::Written;
    for (const QList<QByteArray> &args : commands) {
        if (Internal::sendArgv(m_link->context(), args, &RedisConnection::onHiredisReply,
                               reinterpret_cast<void *>(std::uintptr_t(id))) != REDIS_OK) {
            request.phase = Phase::Finishing;
            postReply(id, RedisValue::error(QStringLiteral("ERR could not send the command")));
            break;
        }
    }
    return id;
}

void RedisConnection::transactionCheck(QList<QByteArray> *args, Callback *callback, bool refused)
{
    if (refused) {
        if (m_inMulti) m_multiRefused = true;
        return;
    }
    if (commandIs(*args, "multi")) {
        m_inMulti = true;
        m_multiRefused = false;
        return;
    }
    const bool exec = commandIs(*args, "exec");
    if (!m_inMulti || (!exec && !commandIs(*args, "discard"))) return;
    const bool abort = exec && m_multiRefused;
    m_inMulti = false;
    m_multiRefused = false;
    if (!abort) return;
    *args = {"DISCARD"};
    *callback = [inner = std::move(*callback)](const RedisValue &) {
        if (inner)
            inner(RedisValue::error(QStringLiteral(
                "EXECABORT Transaction discarded because a command in it was refused "
                "before it was sent")));
    };
}

RedisConnection::RequestId RedisConnection::enqueue(const QList<QByteArray> &args,
                                                    Callback callback, int msecs, bool internal)
{
    const RequestId id = ++m_lastId;
    Request request;
    request.args = args;
    request.callback = std::move(callback);
    request.internal = internal;
    if (!internal) {
        request.timeoutMs = msecs >= 0 ? msecs : m_settings.commandTimeoutMs;
        request.deadline = m_clock.elapsed() + request.timeoutMs;
        m_deadlines.emplace(request.deadline, id);
    }
    m_requests.emplace(id, std::move(request));
    if (!internal) armDeadlineTimer();
    return id;
}

bool RedisConnection::cancel(RequestId id)
{
    const auto it = m_requests.find(id);
    if (it == m_requests.end()) return false;
    forget(it);
    return true;
}

bool RedisConnection::watchFirstElement(RequestId id, FirstElementCallback callback)
{
    if (m_cluster) return false;
    const auto it = m_requests.find(id);
    if (it == m_requests.end() || it->second.batchSize > 0 ||
        (it->second.phase != Phase::Queued && it->second.phase != Phase::Written))
        return false;
    it->second.firstElement = std::move(callback);
    return true;
}

void RedisConnection::forget(std::map<RequestId, Request>::iterator it)
{
    if (!it->second.internal) m_deadlines.erase({it->second.deadline, it->first});
    m_requests.erase(it);
    armDeadlineTimer();
}

void RedisConnection::write(RequestId id, Request &request)
{
    if (m_cluster) {
        routeToCluster(id, request);
        return;
    }
    redisAsyncContext *context = m_link->context();
    const int rc = Internal::sendArgv(context, request.args, &RedisConnection::onHiredisReply,
                                      reinterpret_cast<void *>(std::uintptr_t(id)));
    if (rc == REDIS_OK) {
        request.phase = Phase::Written;
        request.args.clear(); // hiredis has its own copy in the output buffer
        return;
    }
    request.phase = Phase::Finishing;
    const QString why =
        context ? QString::fromLocal8Bit(context->errstr)
                : QCoreApplication::translate("redscope::RedisConnection", "not connected");
    postReply(id, RedisValue::error(QStringLiteral("ERR could not send the command: %1").arg(why)));
}

void RedisConnection::flushQueue()
{
    while (!m_queue.empty() && m_state == State::Ready && m_held == 0) {
        const RequestId id = m_queue.front();
        m_queue.pop_front();
        const auto it = m_requests.find(id);
        if (it == m_requests.end() || it->second.phase != Phase::Queued) continue;
        if (it->second.needsConfirmation)
            holdForConfirmation(id);
        else
            write(id, it->second);
    }
}

// Production: the request waits (no deadline, nothing after it is written) while the affected
// keys are counted and the user is asked. The question is never asked from inside send(): it
// runs from the count's reply or a queued call, so callers never face a nested dialog.
void RedisConnection::holdForConfirmation(RequestId id)
{
    Request &request = m_requests.at(id);
    request.phase = Phase::Confirming;
    m_deadlines.erase({request.deadline, id});
    armDeadlineTimer();
    m_held = id;

    const DangerousCommand danger = ProductionGuard::classify(request.args, m_db);
    const ConfirmationRequest question =
        ProductionGuard::question(m_settings, danger.name, danger.effect, -1,
                                  danger.scope != DangerousCommand::Scope::Nothing);
    QPointer<RedisConnection> alive(this);
    auto ask = [alive, id, request = question](qint64 count) mutable {
        if (!alive) return;
        request.affectedKeys = count;
        ProductionGuard::ask(request, [alive, id](bool confirmed) {
            if (alive) alive->resolveHeld(id, confirmed);
        });
    };
    const QList<QByteArray> count = ProductionGuard::countCommand(danger, request.args);
    if (count.isEmpty() || m_state != State::Ready) {
        QMetaObject::invokeMethod(
            this, [ask]() mutable { ask(-1); }, Qt::QueuedConnection);
        return;
    }
    const RequestId countId = enqueue(
        count,
        [ask, danger](const RedisValue &reply) mutable {
            ask(ProductionGuard::countFrom(danger, reply));
        },
        qMin(m_settings.commandTimeoutMs, 10000), false);
    write(countId, m_requests.at(countId));
}

void RedisConnection::resolveHeld(RequestId id, bool confirmed)
{
    if (m_held != id) return;
    m_held = 0;
    const auto it = m_requests.find(id);
    if (it != m_requests.end()) { // not cancelled meanwhile
        Request &request = it->second;
        request.needsConfirmation = false;
        if (!confirmed) {
            const QString command = ProductionGuard::classify(request.args, m_db).name;
            const QString server =
                QStringLiteral("\"%1\" (%2)").arg(m_settings.name, m_settings.address());
            request.phase = Phase::Finishing;
            postReply(id, RedisValue::error(
                              ProductionGuard::hasConfirmer()
                                  ? QStringLiteral("ERR not sent: %1 on production server %2 "
                                                   "was not confirmed")
                                        .arg(command, server)
                                  : QStringLiteral("ERR not sent: %1 on production server %2 "
                                                   "needs a confirmation, and none can be "
                                                   "asked here")
                                        .arg(command, server)));
        } else {
            request.phase = Phase::Queued;
            request.deadline = m_clock.elapsed() + request.timeoutMs;
            m_deadlines.emplace(request.deadline, id);
            armDeadlineTimer();
            m_queue.push_front(id);
            if (m_state == State::Disconnected || m_state == State::AuthFailed ||
                (m_state == State::Lost && !m_reconnecting)) {
                const QString why = m_errorText.isEmpty() ? stateName(m_state) : m_errorText;
                finishQueued(
                    QStringLiteral("ERR not connected to %1: %2").arg(m_settings.address(), why));
            }
        }
    }
    if (m_state == State::Ready) flushQueue();
}

void RedisConnection::postReply(RequestId id, RedisValue reply)
{
    // Moved, not copied: a 4,000-field HSCAN page is 8,000 values.
    QMetaObject::invokeMethod(
        this, [this, id, reply = std::move(reply)] { deliver(id, reply); }, Qt::QueuedConnection);
}

void RedisConnection::deliver(RequestId id, const RedisValue &reply)
{
    const auto it = m_requests.find(id);
    if (it == m_requests.end()) return; // cancelled, timed out or already answered
    if (it->second.batchSize > 0) {
        QList<RedisValue> replies = std::move(it->second.batchReplies);
        const qsizetype answered = replies.size();
        while (replies.size() < it->second.batchSize)
            replies.append(reply); // the error that ended the batch
        BatchCallback callback = std::move(it->second.batchCallback);
        forget(it);
        if (callback) callback(replies, answered); // may delete this connection
        return;
    }
    Callback callback = std::move(it->second.callback);
    forget(it);
    if (callback) callback(reply); // last statement: the callback may delete this connection
}

void RedisConnection::finishInFlight(const QString &reason)
{
    for (auto it = m_requests.begin(); it != m_requests.end();) {
        Request &request = it->second;
        if (request.internal) {
            it = m_requests.erase(it);
            continue;
        }
        if (request.phase == Phase::Written) {
            request.phase = Phase::Finishing;
            postReply(it->first, RedisValue::error(reason));
        }
        ++it;
    }
}

void RedisConnection::finishQueued(const QString &reason)
{
    for (const RequestId id : m_queue) {
        const auto it = m_requests.find(id);
        if (it != m_requests.end() && it->second.phase == Phase::Queued) {
            it->second.phase = Phase::Finishing;
            postReply(id, RedisValue::error(reason));
        }
    }
    m_queue.clear();
}

// One timer for all requests, aimed at the earliest deadline: O(log n) per request.
void RedisConnection::armDeadlineTimer()
{
    if (m_deadlines.empty()) {
        m_deadlineTimer.stop();
        return;
    }
    const qint64 wait = m_deadlines.begin()->first - m_clock.elapsed();
    m_deadlineTimer.start(int(qBound(qint64(0), wait, qint64(24 * 3600 * 1000))));
}

// A reply the reader holds only part of, for a whole request timeout: the server stalled in
// the middle of it (or sent something that is not RESP but looks like the start of a reply).
// Nothing that arrives later can be matched safely, so the connection is dropped and rebuilt.
bool RedisConnection::stalledMidReply() const
{
    const redisAsyncContext *context = m_link->context();
    if (!context || !context->c.reader) return false;
    // An idle reader has consumed its buffer and sits at the top level (ridx 0) with no type
    // read yet; anything else is a reply in progress.
    const redisReader *reader = context->c.reader;
    return reader->len > reader->pos || reader->ridx > 0 ||
           (reader->ridx == 0 && reader->rstack[0].type >= 0);
}

void RedisConnection::onDeadline()
{
    QPointer<RedisConnection> alive(this);
    const qint64 now = m_clock.elapsed();
    const bool stalled = stalledMidReply();
    bool writtenExpired = false;
    while (alive && !m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        const RequestId id = m_deadlines.begin()->second;
        const int timeoutMs = m_requests.at(id).timeoutMs;
        writtenExpired = writtenExpired || m_requests.at(id).phase == Phase::Written;
        deliver(id, RedisValue::error(
                        QStringLiteral("ERR timeout: no reply within %1 ms").arg(timeoutMs)));
    }
    if (!alive) return;
    if (stalled && writtenExpired && m_state == State::Ready) {
        connectionGone(QCoreApplication::translate("redscope::RedisConnection",
                                                   "the server stopped in the middle of a reply"));
        return;
    }
    armDeadlineTimer();
}

// ---- connection state machine ---------------------------------------------------------

void RedisConnection::connectToServer()
{
    m_reconnectTimer.stop();
    m_reconnecting = false;
    m_backoffMs = kFirstBackoffMs;
    if (m_cluster) {
        startCluster();
        return;
    }
    startAttempt();
}

void RedisConnection::disconnectFromServer()
{
    m_reconnectTimer.stop();
    m_reconnecting = false;
    ++m_generation;
    closeContext(QStringLiteral("ERR disconnected"));
    finishQueued(QStringLiteral("ERR disconnected"));
    if (m_cluster) m_cluster->stop();
    setState(State::Disconnected, {});
}

void RedisConnection::startAttempt()
{
    closeContext(QStringLiteral("ERR connection reset"));
    ++m_generation;
    m_handshakeLeft = 0;
    m_protocol = 2;
    m_link->startConnectTimer(m_settings.connectTimeoutMs); // covers asking the sentinels too
    setState(State::Connecting, m_reconnecting ? m_errorText : QString());
    if (m_state != State::Connecting) return; // a stateChanged slot changed course
    if (m_sentinel && !std::exchange(m_sentinelResolved, false)) {
        resolveThroughSentinel(); // comes back here with the master's address
        return;
    }
    m_link->open(m_settings);
}

void RedisConnection::startHandshake()
{
    const quint64 generation = m_generation;
    QList<std::pair<HandshakeStep, QList<QByteArray>>> steps;
    if (const QList<QByteArray> auth = Internal::authCommand(m_settings); !auth.isEmpty())
        steps.append({HandshakeStep::Auth, auth});
    if (resp3Supported()) steps.append({HandshakeStep::Hello, {"HELLO", "3"}});
    if (m_db != 0) steps.append({HandshakeStep::Select, {"SELECT", QByteArray::number(m_db)}});
    steps.append({HandshakeStep::Ping, {"PING"}});

    // Pipelined: if AUTH fails, the replies after it are dropped with the context.
    m_handshakeLeft = int(steps.size());
    for (const auto &[step, args] : std::as_const(steps)) {
        const HandshakeStep kind = step;
        const RequestId id = enqueue(
            args,
            [this, generation, kind](const RedisValue &reply) {
                onHandshakeReply(generation, kind, reply);
            },
            0, true);
        write(id, m_requests.at(id));
    }
}

void RedisConnection::onHandshakeReply(quint64 generation, HandshakeStep step,
                                       const RedisValue &reply)
{
    if (generation != m_generation || m_state == State::Ready) return;
    if (reply.isError()) {
        const QString text = reply.text();
        if (text.startsWith(QLatin1String("NOAUTH"))) {
            authFailed(QCoreApplication::translate("redscope::RedisConnection",
                                                   "%1 requires a password (%2)")
                           .arg(m_settings.address(), text));
            return;
        }
        switch (step) {
        case HandshakeStep::Auth:
            authFailed(QCoreApplication::translate("redscope::RedisConnection",
                                                   "Authentication failed: %1")
                           .arg(text));
            return;
        case HandshakeStep::Hello:
            break; // server without RESP3: stay on RESP2
        case HandshakeStep::Select:
            attemptFailed(QCoreApplication::translate("redscope::RedisConnection",
                                                      "Cannot select database %1: %2")
                              .arg(m_db)
                              .arg(text),
                          false);
            return;
        case HandshakeStep::Ping:
            attemptFailed(QCoreApplication::translate("redscope::RedisConnection",
                                                      "The server refused PING: %1")
                              .arg(text),
                          false);
            return;
        }
    } else if (step == HandshakeStep::Hello) {
        m_protocol = 3;
    }
    if (--m_handshakeLeft == 0) becomeReady();
}

void RedisConnection::becomeReady()
{
    m_link->stopConnectTimer();
    m_reconnecting = false;
    m_backoffMs = kFirstBackoffMs;
    QPointer<RedisConnection> alive(this);
    // The app's own connections carry a name (CLIENT LIST shows "redscope:keys" and the like);
    // written before the queue, so the name is set before any request of the user's.
    if (!m_settings.clientName.isEmpty()) {
        const RequestId id = enqueue(
            {"CLIENT", "SETNAME", m_settings.clientName.toUtf8()}, [](const RedisValue &) {}, 0,
            true);
        write(id, m_requests.at(id));
    }
    tellPeersServerIsBack();
    setState(State::Ready, {});
    if (alive && m_settings.readOnly && !m_commandTableAnswered) fetchCommandTable();
    if (alive) flushQueue();
}

// Read-only connections ask for the server's command table until it has answered once (a lost
// connection drops the requests and the next Ready asks again). First Redis 7's two flat
// filtered lists (a few KB); when the server has no COMMAND LIST or ignores the filter, the
// full COMMAND reply, which nests shallowly before Redis 7. An ACL refusal (NOPERM) keeps the
// built-in list: the full reply would be refused too. Requests sent before the answer were
// judged by the built-in list.
void RedisConnection::fetchCommandTable()
{
    auto sendInternal = [this](const QList<QByteArray> &args, Callback callback) {
        const RequestId id = enqueue(args, std::move(callback), 0, true);
        write(id, m_requests.at(id));
    };
    auto lists = std::make_shared<std::pair<RedisValue, RedisValue>>();
    sendInternal({"COMMAND", "LIST", "FILTERBY", "ACLCAT", "write"},
                 [lists](const RedisValue &reply) { lists->first = reply; });
    sendInternal({"COMMAND", "LIST", "FILTERBY", "ACLCAT", "admin"},
                 [this, lists, sendInternal](const RedisValue &reply) {
                     lists->second = reply;
                     if (m_readOnlyGuard.learnLists(lists->first, reply) ||
                         reply.text().startsWith(QLatin1String("NOPERM")) ||
                         m_state != State::Ready || !m_link->context()) {
                         m_commandTableAnswered = true;
                         return;
                     }
                     sendInternal({"COMMAND"}, [this](const RedisValue &all) {
                         m_commandTableAnswered = true;
                         m_readOnlyGuard.learn(all);
                     });
                 });
}

// A connection attempt did not reach Ready. While reconnecting after a loss we keep trying
// (and keep queued requests); a first attempt reports the error and stops.
void RedisConnection::attemptFailed(const QString &message, bool retry)
{
    closeContext(QStringLiteral("ERR ") + message);
    if (m_reconnecting && retry && m_autoReconnect) {
        scheduleReconnect();
        setState(State::Lost, message);
        return;
    }
    m_reconnecting = false;
    finishQueued(QStringLiteral("ERR ") + message);
    setState(State::Disconnected, message);
}

void RedisConnection::connectionGone(const QString &error)
{
    // Through a tunnel, hiredis only sees EOF; the tunnel knows what really happened.
    const QString hiredisError = m_link->explain(error);
    if (m_state != State::Ready) {
        attemptFailed(
            QCoreApplication::translate("redscope::RedisConnection", "Cannot connect to %1: %2")
                .arg(m_settings.address(), hiredisError),
            true);
        return;
    }
    const QString message =
        QCoreApplication::translate("redscope::RedisConnection", "Connection to %1 lost: %2")
            .arg(m_settings.address(), hiredisError);
    closeContext(QStringLiteral("ERR ") + message);
    m_reconnecting = m_autoReconnect;
    if (m_reconnecting)
        scheduleReconnect();
    else
        finishQueued(QStringLiteral("ERR ") + message);
    setState(State::Lost, message);
}

void RedisConnection::authFailed(const QString &message)
{
    closeContext(QStringLiteral("ERR ") + message);
    m_reconnecting = false;
    finishQueued(QStringLiteral("ERR ") + message);
    setState(State::AuthFailed, message);
}

// Frees our context (if hiredis has not already) and answers requests that were on the wire.
void RedisConnection::closeContext(const QString &reason)
{
    m_link->close();   // also drops the lookup, the tunnel and the connect timer
    m_inMulti = false; // the server forgets a transaction with its connection
    m_multiRefused = false;
    finishInFlight(reason);
}

QString RedisConnection::peerKey() const
{
    return m_settings.ssh.enabled
               ? m_settings.address() + QStringLiteral(" via ") + m_settings.ssh.address()
               : m_settings.address();
}

void RedisConnection::tellPeersServerIsBack()
{
    const std::lock_guard<std::mutex> hold(peers().lock);
    const auto self = std::find_if(peers().all.begin(), peers().all.end(),
                                   [this](const auto &peer) { return peer.first == this; });
    if (self == peers().all.end()) return;
    for (const auto &[peer, key] : peers().all) {
        if (peer == this || key != self->second) continue;
        QMetaObject::invokeMethod(
            peer, [peer] { peer->retryIfWaiting(); }, Qt::QueuedConnection);
    }
}

void RedisConnection::retryIfWaiting()
{
    if (!m_reconnectTimer.isActive()) return;
    m_reconnectTimer.stop();
    m_backoffMs = kFirstBackoffMs;
    startAttempt();
}

void RedisConnection::scheduleReconnect()
{
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, kMaxBackoffMs);
}

void RedisConnection::setState(State state, const QString &errorText)
{
    if (state == m_state && errorText == m_errorText) return;
    m_state = state;
    m_errorText = errorText;
    emit stateChanged(state, errorText);
}

void RedisConnection::setDb(int db)
{
    if (db == m_db) return;
    m_db = db;
    emit currentDbChanged(db);
}

// ---- hiredis C callbacks: copy, post, return -------------------------------------------

// Inside hiredis, while it parses the reply to the oldest pending command: the head of its
// callback list, whose private data is our request id.
void RedisConnection::onFirstElementRead(const redisAsyncContext *context, const char *data,
                                         size_t size)
{
    const redisCallback *head = context->replies.head;
    if (!head || head->fn != &RedisConnection::onHiredisReply) return;
    const auto id = RequestId(reinterpret_cast<std::uintptr_t>(head->privdata));
    const auto it = m_requests.find(id);
    if (it == m_requests.end() || !it->second.firstElement || it->second.phase != Phase::Written)
        return;
    QMetaObject::invokeMethod(
        this,
        [this, id, first = QByteArray(data, qsizetype(size))] { deliverFirstElement(id, first); },
        Qt::QueuedConnection);
}

void RedisConnection::deliverFirstElement(RequestId id, const QByteArray &first)
{
    const auto it = m_requests.find(id);
    if (it == m_requests.end() || it->second.phase != Phase::Written) return;
    FirstElementCallback callback = std::move(it->second.firstElement);
    it->second.firstElement = nullptr;
    if (callback) callback(first); // last statement: the callback may delete this connection
}

void RedisConnection::onHiredisReply(redisAsyncContext *context, void *reply, void *privateData)
{
    auto *self = HiredisLink::ownerOf<RedisConnection>(context);
    if (!self || !reply)
        return; // no reply: the context is going away, and closeContext() answers for it
    const auto id = RequestId(reinterpret_cast<std::uintptr_t>(privateData));
    const auto it = self->m_requests.find(id);
    if (it != self->m_requests.end() && it->second.batchSize > 0) {
        // A batch collects its replies here and is delivered once, when the last one came.
        Request &batch = it->second;
        if (batch.phase != Phase::Written) return; // ended already (lost, timed out)
        batch.batchReplies.append(RedisValue::fromHiredis(static_cast<const redisReply *>(reply)));
        if (batch.batchReplies.size() == batch.batchSize) {
            batch.phase = Phase::Finishing;
            self->postReply(id, RedisValue());
        }
        return;
    }
    self->postReply(id, RedisValue::fromHiredis(static_cast<const redisReply *>(reply)));
}

} // namespace redscope
