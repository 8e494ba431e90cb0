// MonitorSession: one MONITOR stream from one server, started and stopped by the user. A
// normal RedisConnection refuses MONITOR because the connection then turns into an endless
// stream of command lines; this class owns such a connection for as long as the user watches.
//
// Threading follows Subscriber: hiredis runs on a private worker thread (shared plumbing in
// hiredis_link.h); the worker collects the raw lines ("1700000000.123456 [0 127.0.0.1:5000]
// "SET" "k" "v"") and hands them to the GUI thread in batches (default every 100 ms), so a busy
// server costs the GUI a few signals per second. There is no automatic reconnect: MONITOR is
// costly for the server, so a lost session stays stopped until the user starts it again.
#pragma once

#include "connection/connection_settings.h"
#include "connection/worker_thread.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

namespace redscope {

namespace Internal {
class MonitorWorker;
}

class MonitorSession : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Stopped,    // no connection (never started, or stopped by the user)
        Connecting, // connecting, authenticating, waiting for MONITOR's +OK
        Monitoring, // lines flow
        Failed,     // could not start, or the connection dropped (errorText says why)
    };
    Q_ENUM(State)

    explicit MonitorSession(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~MonitorSession() override; // blocks briefly while the worker thread closes its socket

    State state() const { return m_state; }
    QString errorText() const { return m_errorText; }
    bool isActive() const { return m_state == State::Connecting || m_state == State::Monitoring; }
    static QString stateName(State state);

    void start(); // (re)connects and sends MONITOR; no-op while active
    void stop();  // closes the connection; lines already received are still delivered

    // How often lines are handed to the GUI thread (10..2000 ms).
    void setBatchInterval(int msecs);
    // Emits whatever the worker holds right away instead of at the next tick.
    void flushNow();

    quint64 receivedCount() const { return m_received; }

signals:
    void linesReceived(const QList<QByteArray> &lines);
    void stateChanged(redscope::MonitorSession::State state, const QString &errorText);

private:
    friend class Internal::MonitorWorker;
    void onWorkerState(State state, const QString &errorText);
    void onWorkerLines(const QList<QByteArray> &lines);

    State m_state = State::Stopped;
    QString m_errorText;
    quint64 m_received = 0;
    Internal::MonitorWorker *m_worker = nullptr; // lives on m_thread, which owns it
    Internal::WorkerThread m_thread;
};

} // namespace redscope

Q_DECLARE_METATYPE(redscope::MonitorSession::State)
