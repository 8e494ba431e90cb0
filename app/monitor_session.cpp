// MonitorSession implementation. The facade (GUI thread) forwards start/stop to MonitorWorker,
// which owns the hiredis context on its own thread and talks back only through queued calls.
//
// hiredis 0.14 recognises MONITOR by its formatted text and then keeps the command's callback
// for every later reply, so one callback (onHiredisMonitor) sees +OK first and then one status
// reply per command the server executes. Freeing the context calls it once more with no reply.
#include "monitor_session.h"

#include "hiredis_link.h"
#include "secret_mask.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QThread>
#include <QTimer>

#include <hiredis/hiredis.h>

#include <memory>

namespace redscope {

namespace Internal {

using State = MonitorSession::State;

class MonitorWorker : public QObject
{
public:
    MonitorWorker(MonitorSession *facade, const ConnectionSettings &settings);
    ~MonitorWorker() override;

    void start();
    void stop();
    void flush();
    void setBatchInterval(int msecs) { m_batchTimer.setInterval(msecs); }

private:
    void onHostLookedUp(const QHostInfo &info);
    void openContext(const QString &ipAddress);
    void onConnected();
    void onAuthReply(const redisReply *reply);
    void onMonitorReply(const redisReply *reply);
    void failLater(const QString &message);
    void connectionGone(const QString &error);
    void closeContext();
    void setState(State state, const QString &errorText);

    static void onHiredisConnect(const redisAsyncContext *context, int status);
    static void onHiredisDisconnect(const redisAsyncContext *context, int status);
    static void onHiredisAuth(redisAsyncContext *context, void *reply, void *privateData);
    static void onHiredisMonitor(redisAsyncContext *context, void *reply, void *privateData);

    MonitorSession *m_facade;
    ConnectionSettings m_settings;
    State m_state = State::Stopped;
    quint64 m_generation = 0; // bumped by every start/stop: stale queued calls check it
    int m_lookupId = -1;
    redisAsyncContext *m_context = nullptr;
    std::unique_ptr<AdapterBinding> m_binding;
    Tunnel *m_tunnel = nullptr; // TLS/SSH transport of this attempt, or none
    QList<QByteArray> m_pending;
    QTimer m_batchTimer;
    QTimer m_connectTimer;
};

MonitorWorker::MonitorWorker(MonitorSession *facade, const ConnectionSettings &settings)
    : m_facade(facade)
    , m_settings(settings)
    , m_batchTimer(this)
    , m_connectTimer(this)
{
    m_batchTimer.setInterval(100);
    m_connectTimer.setSingleShot(true);
    connect(&m_batchTimer, &QTimer::timeout, this, &MonitorWorker::flush);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        connectionGone(QStringLiteral("timed out after %1 ms").arg(m_settings.connectTimeoutMs));
    });
}

MonitorWorker::~MonitorWorker()
{
    ++m_generation;
    if (m_lookupId != -1) QHostInfo::abortHostLookup(m_lookupId);
    closeContext();
}

void MonitorWorker::start()
{
    if (m_state == State::Connecting || m_state == State::Monitoring) return;
    closeContext();
    ++m_generation;
    setState(State::Connecting, {});
    m_connectTimer.start(m_settings.connectTimeoutMs);
    if (m_settings.needsTunnel()) {
        m_tunnel = startTunnel(
            m_settings, this, [this] { openContext({}); },
            [this](const QString &message) { connectionGone(message); });
        return;
    }
    if (!m_settings.unixSocket.isEmpty()) {
        openContext({});
        return;
    }
    QHostAddress literal;
    if (literal.setAddress(m_settings.host)) {
        openContext(literal.toString());
        return;
    }
    m_lookupId = QHostInfo::lookupHost(m_settings.host, this, &MonitorWorker::onHostLookedUp);
}

void MonitorWorker::stop()
{
    ++m_generation;
    if (m_lookupId != -1) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    closeContext();
    flush();
    m_batchTimer.stop();
    setState(State::Stopped, {});
}

void MonitorWorker::flush()
{
    if (m_pending.isEmpty()) return;
    QList<QByteArray> lines;
    lines.swap(m_pending);
    MonitorSession *facade = m_facade;
    QMetaObject::invokeMethod(
        facade, [facade, lines] { facade->onWorkerLines(lines); }, Qt::QueuedConnection);
}

void MonitorWorker::onHostLookedUp(const QHostInfo &info)
{
    if (info.lookupId() != m_lookupId) return;
    m_lookupId = -1;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        connectionGone(
            QStringLiteral("unknown host '%1': %2").arg(m_settings.host, info.errorString()));
        return;
    }
    openContext(preferredAddress(info));
}

void MonitorWorker::openContext(const QString &ipAddress)
{
    QString error;
    redisAsyncContext *context = openAsyncContext(m_settings, ipAddress, &error, m_tunnel);
    if (!context) {
        connectionGone(error);
        return;
    }
    m_binding = std::make_unique<AdapterBinding>();
    m_binding->adapter.setContext(context);
    context->data = this;
    redisAsyncSetConnectCallback(context, &MonitorWorker::onHiredisConnect);
    redisAsyncSetDisconnectCallback(context, &MonitorWorker::onHiredisDisconnect);
    m_context = context;
}

void MonitorWorker::onConnected()
{
    const QList<QByteArray> auth = authCommand(m_settings);
    if (!auth.isEmpty()) {
        sendArgv(m_context, auth, &onHiredisAuth, nullptr); // MONITOR waits for its reply
        return;
    }
    sendArgv(m_context, {"MONITOR"}, &onHiredisMonitor, nullptr);
}

void MonitorWorker::onAuthReply(const redisReply *reply)
{
    if (reply->type == REDIS_REPLY_ERROR) {
        failLater(QStringLiteral("Authentication failed: %1")
                      .arg(QString::fromUtf8(reply->str, qsizetype(reply->len))));
        return;
    }
    sendArgv(m_context, {"MONITOR"}, &onHiredisMonitor, nullptr);
}

void MonitorWorker::onMonitorReply(const redisReply *reply)
{
    if (reply->type == REDIS_REPLY_ERROR) {
        failLater(QStringLiteral("The server refused MONITOR: %1")
                      .arg(QString::fromUtf8(reply->str, qsizetype(reply->len))));
        return;
    }
    if (reply->type != REDIS_REPLY_STATUS) return;
    if (m_state != State::Monitoring) { // the +OK that confirms MONITOR
        m_connectTimer.stop();
        setState(State::Monitoring, {});
        m_batchTimer.start();
        return;
    }
    m_pending.append(QByteArray(reply->str, qsizetype(reply->len)));
}

// Never free the context from inside its own callback: post the teardown.
void MonitorWorker::failLater(const QString &message)
{
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, message] {
            if (generation != m_generation) return;
            ++m_generation;
            closeContext();
            flush();
            m_batchTimer.stop();
            setState(State::Failed, message);
        },
        Qt::QueuedConnection);
}

void MonitorWorker::connectionGone(const QString &hiredisError)
{
    const QString error = tunnelAwareError(m_tunnel, hiredisError);
    const bool wasMonitoring = m_state == State::Monitoring;
    ++m_generation;
    closeContext();
    flush();
    m_batchTimer.stop();
    const QString where = m_settings.address();
    setState(State::Failed,
             wasMonitoring
                 ? QStringLiteral("MONITOR connection to %1 lost: %2").arg(where, error)
                 : QStringLiteral("Cannot start MONITOR on %1: %2").arg(where, error));
}

void MonitorWorker::closeContext()
{
    m_connectTimer.stop();
    if (m_context) {
        redisAsyncContext *context = m_context;
        m_context = nullptr;
        context->data = nullptr;
        m_binding->park();
        redisAsyncFree(context); // calls our callbacks with no reply; they ignore it
    }
    m_binding.reset();
    dropTunnel(m_tunnel, this);
}

void MonitorWorker::setState(State state, const QString &errorText)
{
    if (state == m_state && errorText.isEmpty()) return;
    m_state = state;
    MonitorSession *facade = m_facade;
    QMetaObject::invokeMethod(
        facade, [facade, state, errorText] { facade->onWorkerState(state, errorText); },
        Qt::QueuedConnection);
}

// ---- hiredis C callbacks (worker thread, inside redisAsyncHandleRead/Write) --------------

void MonitorWorker::onHiredisConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<MonitorWorker *>(context->data);
    if (!self) return;
    const quint64 generation = self->m_generation;
    QString error;
    if (status != REDIS_OK) {
        error = QString::fromLocal8Bit(context->errstr);
        self->m_context = nullptr; // hiredis frees a context whose connect failed
        if (self->m_binding) self->m_binding->park();
    }
    QMetaObject::invokeMethod(
        self,
        [self, generation, error] {
            if (generation != self->m_generation) return;
            if (!error.isEmpty())
                self->connectionGone(error);
            else if (self->m_context)
                self->onConnected();
        },
        Qt::QueuedConnection);
}

void MonitorWorker::onHiredisDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<MonitorWorker *>(context->data);
    if (!self) return;
    const quint64 generation = self->m_generation;
    const QString error =
        status == REDIS_OK ? QStringLiteral("closed") : QString::fromLocal8Bit(context->errstr);
    self->m_context = nullptr; // hiredis frees it right after this callback
    if (self->m_binding) self->m_binding->park();
    QMetaObject::invokeMethod(
        self,
        [self, generation, error] {
            if (generation == self->m_generation) self->connectionGone(error);
        },
        Qt::QueuedConnection);
}

void MonitorWorker::onHiredisAuth(redisAsyncContext *context, void *reply, void *)
{
    auto *self = static_cast<MonitorWorker *>(context->data);
    if (self && reply) self->onAuthReply(static_cast<const redisReply *>(reply));
}

void MonitorWorker::onHiredisMonitor(redisAsyncContext *context, void *reply, void *)
{
    auto *self = static_cast<MonitorWorker *>(context->data);
    if (self && reply) self->onMonitorReply(static_cast<const redisReply *>(reply));
}

} // namespace Internal

// ---- facade (GUI thread) ----------------------------------------------------------------

MonitorSession::MonitorSession(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
{
    qRegisterMetaType<MonitorSession::State>();
    m_thread->setObjectName(QStringLiteral("redscope-monitor"));
    m_worker = new Internal::MonitorWorker(this, settings);
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

MonitorSession::~MonitorSession()
{
    Internal::MonitorWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

QString MonitorSession::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return tr("Stopped");
    case State::Connecting:
        return tr("Starting");
    case State::Monitoring:
        return tr("Monitoring");
    case State::Failed:
        return tr("Failed");
    }
    return {};
}

void MonitorSession::start()
{
    if (isActive()) return;
    m_state = State::Connecting; // so a second start() before the worker answers is a no-op
    m_errorText.clear();
    Internal::MonitorWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->start(); });
}

void MonitorSession::stop()
{
    Internal::MonitorWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->stop(); });
}

void MonitorSession::setBatchInterval(int msecs)
{
    const int interval = qBound(10, msecs, 2000);
    Internal::MonitorWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, interval] { worker->setBatchInterval(interval); });
}

void MonitorSession::flushNow()
{
    Internal::MonitorWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->flush(); });
}

void MonitorSession::onWorkerState(State state, const QString &errorText)
{
    m_state = state;
    m_errorText = errorText;
    emit stateChanged(state, errorText);
}

void MonitorSession::onWorkerLines(const QList<QByteArray> &lines)
{
    m_received += quint64(lines.size());
    // Passwords never reach a view or an export: AUTH, HELLO AUTH, CONFIG SET requirepass...
    // (Redis redacts AUTH itself; other servers, and the other commands, may not).
    QList<QByteArray> masked = lines;
    for (QByteArray &line : masked) line = SecretMask::maskMonitorLine(line);
    emit linesReceived(masked);
}

} // namespace redscope
