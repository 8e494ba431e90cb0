// ConnectionProbe: the connection dialog's "Test connection" round trip, in the service layer
// so the dialog composes no command and holds no raw connection. It connects once with the
// settings typed (no automatic reconnect), asks INFO server for the version line, and reports
// the outcome once. The throw-away connection is the probe's child and the INFO request
// belongs to the probe's RequestScope, so deleting the probe (a second click, the dialog
// closing) cancels everything and the callback never runs.
#pragma once

#include "connection/connection_settings.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <functional>

namespace redscope {

class RedisConnection;

class ConnectionProbe : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        bool ok = false;      // connected and past the handshake
        qint64 elapsedMs = 0; // from start() to the outcome
        QString version;      // redis_version of INFO server; empty when INFO failed
        QString mode;         // redis_mode ("standalone", "cluster"), when the server says
        QString infoError;    // connected, but INFO failed with this error
        QString warning;      // about a working connection (TLS verification skipped)
        QString error;        // why connecting failed (or the state's name)
    };

    explicit ConnectionProbe(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~ConnectionProbe() override;

    // Starts the attempt; done runs once, later, unless the probe is deleted first.
    void start(std::function<void(const Outcome &)> done);

private:
    void finish(Outcome outcome);

    RedisConnection *m_connection; // child
    std::function<void(const Outcome &)> m_done;
    QElapsedTimer m_clock;
    QString m_warning;
    bool m_finished = false;
};

} // namespace redscope
