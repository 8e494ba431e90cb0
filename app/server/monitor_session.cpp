// MonitorSession implementation. The facade (GUI thread) forwards start/stop to MonitorWorker,
// which owns the hiredis context (through HiredisLink, hiredis_link.h) on its own thread and
// talks back only through queued calls.
//
// hiredis 0.14 recognises MONITOR by its formatted text and then keeps the command's callback
// for every later reply, so one callback (onHiredisMonitor) sees +OK first and then one status
// reply per command the server executes. Freeing the context calls it once more with no reply.
#include "server/monitor_session.h"

#include "connection/hiredis_link.h"
#include "connection/secret_mask.h"

#include <QCoreApplication>
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
    void onConnected();
    void onAuthReply(const redisReply *reply);
    void onMonitorReply(const redisReply *reply);
    void failLater(const QString &message);
    void connectionGone(const QString &error);
    void closeContext();
    void setState(State state, const QString &errorText);

    static void onHiredisAuth(redisAsyncContext *context, void *reply, void *privateData);
    static void onHiredisMonitor(redisAsyncContext *context, void *reply, void *privateData);

    MonitorSession *m_facade;
    ConnectionSettings m_settings;
    State m_state = State::Stopped;
    std::unique_ptr<HiredisLink> m_link; // a child: moves to the worker thread with us
    QList<QByteArray> m_pending;
    QTimer m_batchTimer;
};

MonitorWorker::MonitorWorker(MonitorSession *facade, const ConnectionSettings &settings)
    : m_facade(facade)
    , m_settings(settings)
    , m_batchTimer(this)
{
    m_link = std::make_unique<HiredisLink>(
        this, HiredisLink::Handlers{
                  .connected = [this] { onConnected(); }, // MONITOR's +OK stops the timer
                  .failed =
                      [this](HiredisLink::Failure failure, const QString &detail, bool) {
                          connectionGone(workerFailureText(failure, detail, m_settings));
                      },
                  .tunnelWarning = {}, // nothing to show: the state says it all
              });
    m_batchTimer.setInterval(100);
    connect(&m_batchTimer, &QTimer::timeout, this, &MonitorWorker::flush);
}

MonitorWorker::~MonitorWorker()
{
    closeContext();
}

void MonitorWorker::start()
{
    if (m_state == State::Connecting || m_state == State::Monitoring) return;
    closeContext();
    setState(State::Connecting, {});
    m_link->open(m_settings);
}

void MonitorWorker::stop()
{
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

void MonitorWorker::onConnected()
{
    const QList<QByteArray> auth = authCommand(m_settings);
    if (!auth.isEmpty()) {
        sendArgv(m_link->context(), auth, &onHiredisAuth, nullptr); // MONITOR waits for its reply
        return;
    }
    sendArgv(m_link->context(), {"MONITOR"}, &onHiredisMonitor, nullptr);
}

void MonitorWorker::onAuthReply(const redisReply *reply)
{
    if (reply->type == REDIS_REPLY_ERROR) {
        failLater(
            QCoreApplication::translate("redscope::MonitorSession", "Authentication failed: %1")
                .arg(QString::fromUtf8(reply->str, qsizetype(reply->len))));
        return;
    }
    sendArgv(m_link->context(), {"MONITOR"}, &onHiredisMonitor, nullptr);
}

void MonitorWorker::onMonitorReply(const redisReply *reply)
{
    if (reply->type == REDIS_REPLY_ERROR) {
        failLater(QCoreApplication::translate("redscope::MonitorSession",
                                              "The server refused MONITOR: %1")
                      .arg(QString::fromUtf8(reply->str, qsizetype(reply->len))));
        return;
    }
    if (reply->type != REDIS_REPLY_STATUS) return;
    if (m_state != State::Monitoring) { // the +OK that confirms MONITOR
        m_link->stopConnectTimer();
        setState(State::Monitoring, {});
        m_batchTimer.start();
        return;
    }
    m_pending.append(QByteArray(reply->str, qsizetype(reply->len)));
}

// Never free the context from inside its own callback: post the teardown.
void MonitorWorker::failLater(const QString &message)
{
    m_link->post([this, message] {
        closeContext();
        flush();
        m_batchTimer.stop();
        setState(State::Failed, message);
    });
}

void MonitorWorker::connectionGone(const QString &hiredisError)
{
    const QString error = m_link->explain(hiredisError);
    const bool wasMonitoring = m_state == State::Monitoring;
    closeContext();
    flush();
    m_batchTimer.stop();
    const QString where = m_settings.address();
    setState(State::Failed, wasMonitoring
                                ? QCoreApplication::translate("redscope::MonitorSession",
                                                              "MONITOR connection to %1 lost: %2")
                                      .arg(where, error)
                                : QCoreApplication::translate("redscope::MonitorSession",
                                                              "Cannot start MONITOR on %1: %2")
                                      .arg(where, error));
}

void MonitorWorker::closeContext()
{
    m_link->close();
}

void MonitorWorker::setState(State state, const QString &errorText)
{
    postWorkerState(m_facade, &MonitorSession::onWorkerState, &m_state, state, errorText);
}

// ---- hiredis C callbacks (worker thread, inside redisAsyncHandleRead/Write) --------------

void MonitorWorker::onHiredisAuth(redisAsyncContext *context, void *reply, void *)
{
    HiredisLink::forwardReply<MonitorWorker, &MonitorWorker::onAuthReply>(context, reply);
}

void MonitorWorker::onHiredisMonitor(redisAsyncContext *context, void *reply, void *)
{
    HiredisLink::forwardReply<MonitorWorker, &MonitorWorker::onMonitorReply>(context, reply);
}

} // namespace Internal

// ---- facade (GUI thread) ----------------------------------------------------------------

MonitorSession::MonitorSession(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_thread(QStringLiteral("redscope-monitor"), this)
{
    qRegisterMetaType<MonitorSession::State>();
    m_worker = new Internal::MonitorWorker(this, settings);
    m_thread.start(m_worker);
}

MonitorSession::~MonitorSession() = default; // m_thread deletes the worker on its thread

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
    for (QByteArray &line : masked)
        line = SecretMask::maskMonitorLine(line);
    emit linesReceived(masked);
}

} // namespace redscope
