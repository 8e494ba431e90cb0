// LoopbackRelay implementation: one Tunnel plus one QLocalSocket per accepted TCP connection,
// all children of a per-connection QObject that is deleted when either side ends.
#include "mirror/loopback_relay.h"

#include "connection/tunnel.h"

#include <QHostAddress>
#include <QLocalSocket>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

namespace redscope {

LoopbackRelay::LoopbackRelay(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
}

LoopbackRelay::~LoopbackRelay() = default;

bool LoopbackRelay::listen(QString *error)
{
    m_server = new QTcpServer(this);
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        *error =
            tr("Cannot listen on a loopback port for the mirror: %1").arg(m_server->errorString());
        return false;
    }
    connect(m_server, &QTcpServer::newConnection, this, &LoopbackRelay::accept);
    return true;
}

quint16 LoopbackRelay::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void LoopbackRelay::accept()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        // The pair's owner: deleting it ends both sides.
        auto *pair = new QObject(this);
        client->setParent(pair);
        auto *tunnel = new Tunnel(m_settings, pair);
        auto *local = new QLocalSocket(pair);
        QPointer<QObject> guard(pair);
        auto end = [guard] {
            if (guard) guard->deleteLater();
        };
        auto pumpUp = [client, local] {
            if (local->state() == QLocalSocket::ConnectedState && client->bytesAvailable() > 0)
                local->write(client->readAll());
        };
        auto pumpDown = [client, local] {
            if (local->bytesAvailable() > 0) client->write(local->readAll());
        };
        connect(client, &QTcpSocket::readyRead, pair, pumpUp);
        connect(client, &QTcpSocket::disconnected, pair, end);
        connect(local, &QLocalSocket::connected, pair, pumpUp);
        connect(local, &QLocalSocket::readyRead, pair, pumpDown);
        connect(local, &QLocalSocket::disconnected, pair, [client, pumpDown, end] {
            pumpDown();
            client->disconnectFromHost();
            end();
        });
        connect(tunnel, &Tunnel::ready, pair,
                [tunnel, local] { local->connectToServer(tunnel->localPath()); });
        connect(tunnel, &Tunnel::failed, this, [this, client, end](const QString &message, bool) {
            m_lastError = message;
            emit tunnelFailed(message);
            client->abort();
            end();
        });
        connect(tunnel, &Tunnel::closed, pair, [client, pumpDown, end](const QString &) {
            pumpDown();
            client->disconnectFromHost();
            end();
        });
        tunnel->open();
    }
}

} // namespace redscope
