// Subscriber implementation. The facade (GUI thread) mirrors the desired subscriptions and
// forwards every change to SubscriberWorker, which owns the hiredis context on its own thread.
// The worker talks back only through queued calls on the facade, so the facade never locks.
//
// Connecting, the tunnel and freeing the context are HiredisLink's (hiredis_link.h); this file
// keeps the pub/sub protocol. hiredis 0.14 details it works around:
// - hiredis keeps one callback per channel and drops it when an UNSUBSCRIBE confirmation
//   arrives, even if a SUBSCRIBE for the same name was sent after the UNSUBSCRIBE. A confirmed
//   unsubscribe of a name that is wanted again is therefore answered with a new SUBSCRIBE
//   from inside the callback, before hiredis parses the next reply.
// - When the server's subscription count reaches 0, hiredis leaves subscribed mode and asserts
//   on the next push. The worker never lets the count reach 0: removing the last subscription
//   closes the connection instead of sending UNSUBSCRIBE.
#include "pubsub/subscriber.h"

#include "connection/hiredis_link.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

#include <hiredis/hiredis.h>

#include <memory>

namespace redscope {

namespace Internal {

static constexpr int kFirstBackoffMs = 250;
static constexpr int kMaxBackoffMs = 15000;
using Kind = Subscriber::Kind;
using State = Subscriber::State;

class SubscriberWorker : public QObject
{
public:
    SubscriberWorker(Subscriber *facade, const ConnectionSettings &settings);
    ~SubscriberWorker() override;

    void subscribe(Kind kind, const QByteArray &name);
    void unsubscribe(Kind kind, const QByteArray &name);
    void unsubscribeAll();
    void setBatchInterval(int msecs) { m_batchTimer.setInterval(msecs); }
    void setAutoReconnect(bool enabled) { m_autoReconnect = enabled; }
    void flush();

private:
    QSet<QByteArray> &names(Kind kind) { return kind == Kind::Channel ? m_channels : m_patterns; }
    bool wantsAnything() const { return !m_channels.isEmpty() || !m_patterns.isEmpty(); }
    void startAttempt();
    void onConnected();
    void sendDiagnostics();
    void subscribeAll();
    void send(const QList<QByteArray> &args, redisCallbackFn *callback, quintptr tag = 0);
    void onPush(const redisReply *reply);
    void onRegularReply(const redisReply *reply, quintptr tag);
    void connectionGone(const QString &error);
    void closeContext();
    void setState(State state, const QString &errorText);
    void confirm(Kind kind, const QByteArray &name, bool subscribed);

    static void onHiredisPush(redisAsyncContext *context, void *reply, void *privateData);
    static void onHiredisRegular(redisAsyncContext *context, void *reply, void *privateData);

    enum Tag : quintptr { AuthTag = 1, InfoTag, ConfigTag, NameTag };

    Subscriber *m_facade;
    ConnectionSettings m_settings;
    QSet<QByteArray> m_channels;
    QSet<QByteArray> m_patterns;
    State m_state = State::Idle;
    bool m_autoReconnect = true;
    bool m_everSubscribed = false; // this attempt sequence reached Subscribed once
    int m_backoffMs = kFirstBackoffMs;
    std::unique_ptr<HiredisLink> m_link; // a child: moves to the worker thread with us

    PubSubBatch m_pending;
    QTimer m_batchTimer;
    QTimer m_reconnectTimer;

    // Why did the server close us? Redis >= 7.2 counts output-buffer disconnections in INFO.
    qint64 m_obufDisconnections = -1; // -1: unknown
    QByteArray m_pubsubLimit;         // "33554432 8388608 60" from CONFIG GET
    QString m_lossReason;             // set when lost, explained after reconnecting
    bool m_lossConfirmed = false;     // INFO proved an output-buffer disconnection
    bool m_live = false;              // subscriptions were sent on the current context
    qint64 m_lossRecentMessages = 0;
    qint64 m_windowStartMs = 0;
    qint64 m_windowCount = 0;
    qint64 m_previousWindowCount = 0;
};

SubscriberWorker::SubscriberWorker(Subscriber *facade, const ConnectionSettings &settings)
    : m_facade(facade)
    , m_settings(settings)
    , m_batchTimer(this)
    , m_reconnectTimer(this)
{
    m_link = std::make_unique<HiredisLink>(
        this, HiredisLink::Handlers{
                  .connected =
                      [this] {
                          m_link->stopConnectTimer();
                          onConnected();
                      },
                  .failed =
                      [this](HiredisLink::Failure failure, const QString &detail, bool) {
                          connectionGone(workerFailureText(failure, detail, m_settings));
                      },
                  .tunnelWarning = {}, // nothing to show: the state says it all
              });
    m_batchTimer.setInterval(100);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_batchTimer, &QTimer::timeout, this, &SubscriberWorker::flush);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &SubscriberWorker::startAttempt);
}

SubscriberWorker::~SubscriberWorker()
{
    closeContext();
}

void SubscriberWorker::subscribe(Kind kind, const QByteArray &name)
{
    if (names(kind).contains(name)) return;
    names(kind).insert(name);
    if (m_state == State::Idle || m_state == State::Failed) {
        m_backoffMs = kFirstBackoffMs;
        m_everSubscribed = false;
        startAttempt();
    } else if (m_live) {
        send({kind == Kind::Channel ? "SUBSCRIBE" : "PSUBSCRIBE", name}, &onHiredisPush);
    }
    // Connecting or Lost: subscribeAll() sends it once the connection is ready.
}

void SubscriberWorker::unsubscribe(Kind kind, const QByteArray &name)
{
    if (!names(kind).remove(name)) return;
    if (!wantsAnything()) {
        unsubscribeAll();
        return;
    }
    if (m_live)
        send({kind == Kind::Channel ? "UNSUBSCRIBE" : "PUNSUBSCRIBE", name}, &onHiredisPush);
    else
        confirm(kind, name, false);
}

void SubscriberWorker::unsubscribeAll()
{
    m_channels.clear();
    m_patterns.clear();
    m_reconnectTimer.stop();
    closeContext();
    flush();
    m_batchTimer.stop();
    m_lossReason.clear();
    m_lossConfirmed = false;
    setState(State::Idle, {});
}

void SubscriberWorker::flush()
{
    if (m_pending.isEmpty()) return;
    PubSubBatch batch;
    batch.swap(m_pending);
    m_pending.reserve(batch.size());
    Subscriber *facade = m_facade;
    QMetaObject::invokeMethod(
        facade, [facade, batch] { facade->onWorkerBatch(batch); }, Qt::QueuedConnection);
}

// ---- connecting ------------------------------------------------------------------------

void SubscriberWorker::startAttempt()
{
    closeContext();
    if (m_state != State::Lost) setState(State::Connecting, {}); // Lost stays until resubscribed
    m_link->open(m_settings);
}

// Runs from the event loop after hiredis reported the TCP/Unix connection as established.
void SubscriberWorker::onConnected()
{
    const QList<QByteArray> auth = authCommand(m_settings);
    if (!auth.isEmpty()) {
        send(auth, &onHiredisRegular, AuthTag); // subscribing waits for its reply
        return;
    }
    sendDiagnostics();
    subscribeAll();
}

// Regular commands are only possible before the first SUBSCRIBE on this context.
void SubscriberWorker::sendDiagnostics()
{
    if (!m_settings.clientName.isEmpty()) // CLIENT LIST names the app's own connections
        send({"CLIENT", "SETNAME", m_settings.clientName.toUtf8()}, &onHiredisRegular, NameTag);
    send({"INFO", "stats"}, &onHiredisRegular, InfoTag);
    send({"CONFIG", "GET", "client-output-buffer-limit"}, &onHiredisRegular, ConfigTag);
}

void SubscriberWorker::subscribeAll()
{
    QList<QByteArray> channels{"SUBSCRIBE"};
    QList<QByteArray> patterns{"PSUBSCRIBE"};
    channels.append(m_channels.values());
    patterns.append(m_patterns.values());
    if (channels.size() > 1) send(channels, &onHiredisPush);
    if (patterns.size() > 1) send(patterns, &onHiredisPush);
    m_live = true;
    m_batchTimer.start();
}

void SubscriberWorker::send(const QList<QByteArray> &args, redisCallbackFn *callback, quintptr tag)
{
    sendArgv(m_link->context(), args, callback, reinterpret_cast<void *>(tag));
}

static QByteArray infoField(const QByteArray &info, const QByteArray &name)
{
    const QByteArray key = name + ':';
    for (const QByteArray &line : info.split('\n')) {
        if (line.startsWith(key)) return line.mid(key.size()).trimmed();
    }
    return {};
}

void SubscriberWorker::onRegularReply(const redisReply *reply, quintptr tag)
{
    const bool error = reply->type == REDIS_REPLY_ERROR;
    const QByteArray text = (reply->type == REDIS_REPLY_STRING || error)
                                ? QByteArray(reply->str, qsizetype(reply->len))
                                : QByteArray();
    switch (tag) {
    case AuthTag:
        if (error) {
            const QString message =
                QCoreApplication::translate("redscope::Subscriber", "Authentication failed: %1")
                    .arg(QString::fromUtf8(text));
            // Never free the context from inside its own callback: post the teardown.
            m_link->post([this, message] {
                closeContext();
                m_batchTimer.stop();
                setState(State::Failed, message);
            });
            return;
        }
        sendDiagnostics();
        subscribeAll();
        return;
    case InfoTag: {
        bool ok = false;
        const qint64 count =
            infoField(text, "client_output_buffer_limit_disconnections").toLongLong(&ok);
        if (!ok) return;
        if (!m_lossReason.isEmpty() && m_obufDisconnections >= 0 && count > m_obufDisconnections)
            m_lossConfirmed = true;
        m_obufDisconnections = count;
        return;
    }
    case ConfigTag:
        if (reply->type == REDIS_REPLY_ARRAY && reply->elements == 2 &&
            reply->element[1]->type == REDIS_REPLY_STRING) {
            const QList<QByteArray> parts =
                QByteArray(reply->element[1]->str, qsizetype(reply->element[1]->len)).split(' ');
            const qsizetype at = parts.indexOf("pubsub");
            if (at >= 0 && at + 3 < parts.size()) m_pubsubLimit = parts.mid(at + 1, 3).join(' ');
        }
        return;
    case NameTag: // an old server without CLIENT SETNAME: the connection works unnamed
        return;
    }
}

void SubscriberWorker::onPush(const redisReply *reply)
{
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements < 3) return;
    const redisReply *const *e = reply->element;
    const QByteArray type(e[0]->str, qsizetype(e[0]->len));
    if (type == "message" && reply->elements == 3) {
        PubSubMessage message;
        message.timestampMs = QDateTime::currentMSecsSinceEpoch();
        message.channel = QByteArray(e[1]->str, qsizetype(e[1]->len));
        message.payload = QByteArray(e[2]->str, qsizetype(e[2]->len));
        m_pending.append(std::move(message));
    } else if (type == "pmessage" && reply->elements == 4) {
        PubSubMessage message;
        message.timestampMs = QDateTime::currentMSecsSinceEpoch();
        message.pattern = QByteArray(e[1]->str, qsizetype(e[1]->len));
        message.channel = QByteArray(e[2]->str, qsizetype(e[2]->len));
        message.payload = QByteArray(e[3]->str, qsizetype(e[3]->len));
        m_pending.append(std::move(message));
    } else {
        const Kind kind = type.startsWith('p') ? Kind::Pattern : Kind::Channel;
        const QByteArray name(e[1]->str, qsizetype(e[1]->len));
        if (type == "subscribe" || type == "psubscribe") {
            confirm(kind, name, true);
            if (m_state != State::Subscribed) {
                const bool explain = !m_lossReason.isEmpty();
                setState(State::Subscribed, {});
                m_everSubscribed = true;
                m_backoffMs = kFirstBackoffMs;
                if (explain) {
                    QString why;
                    const QString limit =
                        m_pubsubLimit.isEmpty()
                            ? QString()
                            : QStringLiteral(" (%1)").arg(QString::fromLatin1(m_pubsubLimit));
                    if (m_lossConfirmed) {
                        why = QCoreApplication::translate(
                                  "redscope::Subscriber",
                                  "The server dropped the subscriber because its "
                                  "output buffer went over client-output-buffer-limit "
                                  "pubsub%1. Messages published while it was "
                                  "disconnected were lost.")
                                  .arg(limit);
                    } else {
                        const QString rate = m_lossRecentMessages > 0
                                                 ? QCoreApplication::translate(
                                                       "redscope::Subscriber",
                                                       " while about %1 messages/s were arriving")
                                                       .arg(m_lossRecentMessages)
                                                 : QString();
                        why = QCoreApplication::translate(
                                  "redscope::Subscriber",
                                  "The server closed the subscriber connection (%1)%2. "
                                  "Servers do this when a subscriber's output buffer "
                                  "goes over client-output-buffer-limit pubsub%3. "
                                  "Messages published while it was disconnected "
                                  "were lost.")
                                  .arg(m_lossReason, rate, limit);
                    }
                    m_lossReason.clear();
                    m_lossConfirmed = false;
                    Subscriber *facade = m_facade;
                    QMetaObject::invokeMethod(
                        facade, [facade, why] { emit facade->connectionDropped(why); },
                        Qt::QueuedConnection);
                }
            }
        } else if (type == "unsubscribe" || type == "punsubscribe") {
            if (names(kind).contains(name)) // hiredis forgot the callback: subscribe again
                send({kind == Kind::Channel ? "SUBSCRIBE" : "PSUBSCRIBE", name}, &onHiredisPush);
            else
                confirm(kind, name, false);
        }
        return;
    }
    // A one-second window of arrivals, to say how fast messages came when the server hung up.
    const qint64 now = m_pending.last().timestampMs;
    if (now - m_windowStartMs >= 1000) {
        m_previousWindowCount = now - m_windowStartMs < 2000 ? m_windowCount : 0;
        m_windowStartMs = now;
        m_windowCount = 0;
    }
    ++m_windowCount;
}

void SubscriberWorker::confirm(Kind kind, const QByteArray &name, bool subscribed)
{
    Subscriber *facade = m_facade;
    QMetaObject::invokeMethod(
        facade,
        [facade, kind, name, subscribed] { facade->onWorkerConfirmed(kind, name, subscribed); },
        Qt::QueuedConnection);
}

void SubscriberWorker::connectionGone(const QString &hiredisError)
{
    const QString error = m_link->explain(hiredisError);
    closeContext();
    flush();
    m_batchTimer.stop();
    const QString where = m_settings.address();
    if (!m_everSubscribed) {
        // The first attempt failed: report it and stop, like RedisConnection does.
        setState(State::Failed,
                 QCoreApplication::translate("redscope::Subscriber", "Cannot subscribe on %1: %2")
                     .arg(where, error));
        return;
    }
    const qint64 sinceWindow = QDateTime::currentMSecsSinceEpoch() - m_windowStartMs;
    m_lossRecentMessages = sinceWindow < 2000 ? qMax(m_windowCount, m_previousWindowCount) : 0;
    m_lossReason = error;
    if (!m_autoReconnect) {
        setState(State::Failed, QCoreApplication::translate("redscope::Subscriber",
                                                            "Subscriber connection to %1 lost: %2")
                                    .arg(where, error));
        return;
    }
    setState(State::Lost,
             QCoreApplication::translate("redscope::Subscriber",
                                         "Subscriber connection to %1 lost: %2; reconnecting")
                 .arg(where, error));
    for (const QByteArray &name : std::as_const(m_channels))
        confirm(Kind::Channel, name, false);
    for (const QByteArray &name : std::as_const(m_patterns))
        confirm(Kind::Pattern, name, false);
    m_reconnectTimer.start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, kMaxBackoffMs);
}

void SubscriberWorker::closeContext()
{
    m_live = false;
    m_link->close();
}

void SubscriberWorker::setState(State state, const QString &errorText)
{
    postWorkerState(m_facade, &Subscriber::onWorkerState, &m_state, state, errorText);
}

// ---- hiredis C callbacks (worker thread, inside redisAsyncHandleRead/Write) --------------

void SubscriberWorker::onHiredisPush(redisAsyncContext *context, void *reply, void *)
{
    HiredisLink::forwardReply<SubscriberWorker, &SubscriberWorker::onPush>(context, reply);
}

void SubscriberWorker::onHiredisRegular(redisAsyncContext *context, void *reply, void *privateData)
{
    auto *self = HiredisLink::ownerOf<SubscriberWorker>(context);
    if (self && reply)
        self->onRegularReply(static_cast<const redisReply *>(reply),
                             reinterpret_cast<quintptr>(privateData));
}

} // namespace Internal

// ---- facade (GUI thread) ----------------------------------------------------------------

Subscriber::Subscriber(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_thread(QStringLiteral("redscope-subscriber"), this)
{
    qRegisterMetaType<PubSubBatch>();
    qRegisterMetaType<Subscriber::State>();
    qRegisterMetaType<Subscriber::Kind>();
    m_worker = new Internal::SubscriberWorker(this, settings);
    m_thread.start(m_worker);
}

Subscriber::~Subscriber() = default; // m_thread deletes the worker on its thread

QString Subscriber::stateName(State state)
{
    switch (state) {
    case State::Idle:
        return tr("Not subscribed");
    case State::Connecting:
        return tr("Subscribing");
    case State::Subscribed:
        return tr("Subscribed");
    case State::Lost:
        return tr("Connection lost");
    case State::Failed:
        return tr("Failed");
    }
    return {};
}

void Subscriber::subscribe(Kind kind, const QByteArray &name)
{
    if (name.isEmpty() || desired(kind).contains(name)) return;
    desired(kind).insert(name);
    Internal::SubscriberWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, kind, name] { worker->subscribe(kind, name); });
}

void Subscriber::unsubscribe(Kind kind, const QByteArray &name)
{
    if (!desired(kind).remove(name)) return;
    Internal::SubscriberWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, kind, name] { worker->unsubscribe(kind, name); });
}

void Subscriber::unsubscribeAll()
{
    m_channels.clear();
    m_patterns.clear();
    m_confirmedChannels.clear();
    m_confirmedPatterns.clear();
    Internal::SubscriberWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->unsubscribeAll(); });
}

QList<QByteArray> Subscriber::subscriptions(Kind kind) const
{
    QList<QByteArray> list = desired(kind).values();
    std::sort(list.begin(), list.end());
    return list;
}

bool Subscriber::isSubscribed(Kind kind, const QByteArray &name) const
{
    return desired(kind).contains(name);
}

bool Subscriber::isConfirmed(Kind kind, const QByteArray &name) const
{
    return (kind == Kind::Channel ? m_confirmedChannels : m_confirmedPatterns).contains(name);
}

void Subscriber::setBatchInterval(int msecs)
{
    m_batchIntervalMs = qBound(10, msecs, 2000);
    Internal::SubscriberWorker *worker = m_worker;
    const int interval = m_batchIntervalMs;
    QMetaObject::invokeMethod(worker, [worker, interval] { worker->setBatchInterval(interval); });
}

void Subscriber::setAutoReconnect(bool enabled)
{
    Internal::SubscriberWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, enabled] { worker->setAutoReconnect(enabled); });
}

void Subscriber::flushNow()
{
    Internal::SubscriberWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->flush(); });
}

void Subscriber::onWorkerState(State state, const QString &errorText)
{
    if (state == State::Idle || state == State::Lost || state == State::Failed) {
        m_confirmedChannels.clear();
        m_confirmedPatterns.clear();
    }
    m_state = state;
    m_errorText = errorText;
    emit stateChanged(state, errorText);
}

void Subscriber::onWorkerBatch(const PubSubBatch &batch)
{
    m_received += quint64(batch.size());
    emit messagesReceived(batch);
}

void Subscriber::onWorkerConfirmed(Kind kind, const QByteArray &name, bool subscribed)
{
    QSet<QByteArray> &confirmed = kind == Kind::Channel ? m_confirmedChannels : m_confirmedPatterns;
    if (subscribed) {
        if (!desired(kind).contains(name)) return; // removed again meanwhile
        confirmed.insert(name);
    } else {
        confirmed.remove(name);
    }
    emit subscriptionChanged(kind, name, subscribed);
}

} // namespace redscope
