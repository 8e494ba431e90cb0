// LoopbackRelay: lets a process that only speaks plain TCP (the embedded engine's replica link,
// which REPLICAOF points at a host and port) reach a server that the app reaches through a TLS
// and/or SSH Tunnel. It listens on 127.0.0.1 on a free port; each accepted connection gets its
// own Tunnel (so TLS and SSH stay exactly as for the app's other connections) and the bytes are
// pumped between the TCP socket and the tunnel's private Unix socket. It lives as long as the
// mirror runs; deleting it closes the listener and every relayed connection.
//
// Cost: like Tunnel, no flow control (Qt buffers what one side reads until the other wrote it);
// an RDB transfer is therefore buffered in memory in bursts as large as the network delivers.
// The listener is on loopback, so any local user could connect to it while the mirror runs:
// they reach the server only after authenticating to it themselves.
#pragma once

#include "connection/connection_settings.h"

#include <QObject>
#include <QString>

class QTcpServer;

namespace redscope {

class LoopbackRelay : public QObject
{
    Q_OBJECT

public:
    explicit LoopbackRelay(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~LoopbackRelay() override;

    bool listen(QString *error); // on 127.0.0.1, a free port
    quint16 port() const;
    QString lastError() const { return m_lastError; }

signals:
    // A relayed connection could not reach the server (TLS/SSH failure), in the tunnel's words.
    void tunnelFailed(const QString &message);

private:
    void accept();

    ConnectionSettings m_settings;
    QTcpServer *m_server = nullptr;
    QString m_lastError;
};

} // namespace redscope
