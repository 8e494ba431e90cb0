// Tunnel: the transport for connections with TLS and/or an SSH jump host. Debian 12's hiredis
// 0.14 can only speak plain TCP or a Unix socket, and its async API cannot adopt a file
// descriptor, so a Tunnel gives hiredis a private Unix socket (in a fresh 0700 directory,
// unlinked once hiredis is accepted) and pumps the bytes to the real server through:
//   - TLS: a QSslSocket (Qt's OpenSSL backend) with the CA file, client certificate and key,
//     SNI / verify name from TlsSettings; "skip verification" accepts certificate errors and
//     reports them through warning();
//   - SSH: a direct-tcpip channel (SshForwarder, libssh on a worker thread) over a socketpair;
//   - both: the QSslSocket runs over the SSH socketpair, so TLS is end to end with the server.
// One Tunnel per hiredis context: every connection kind (RedisConnection, Subscriber,
// MonitorSession) creates one per attempt when settings.needsTunnel() and deletes it with the
// context, which closes the upstream as well. All work happens on the owner's thread, with
// signals; nothing blocks.
#pragma once

#include "connection/connection_settings.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

class QIODevice;
class QLocalServer;
class QLocalSocket;
class QSslSocket;
class QTemporaryDir;

namespace redscope {

namespace Internal {
class SshForwarder;
}

class Tunnel : public QObject
{
    Q_OBJECT

public:
    explicit Tunnel(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~Tunnel() override;

    // Starts connecting; ready() or failed() follows, always from the event loop.
    void open();
    // The Unix socket hiredis must connect to; valid once ready() was emitted.
    QString localPath() const { return m_localPath; }
    // Why the tunnel closed or failed; empty while it works (or after a clean close).
    QString errorText() const { return m_errorText; }
    QString warningText() const { return m_warning; }

signals:
    void ready();
    // authProblem: certificate, host key or credentials refused; retrying will not help.
    void failed(const QString &message, bool authProblem);
    void warning(const QString &message); // e.g. TLS verification skipped, and why
    void closed(const QString &reason);   // after ready(): the upstream ended

private:
    void startTls(qintptr socketDescriptor);
    bool configureTls(QString *error);
    void upstreamReady();
    void acceptLocal();
    void pumpUp();
    void pumpDown();
    void fail(const QString &message, bool authProblem);
    void shutDown(const QString &reason);

    ConnectionSettings m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_localPath;
    QLocalServer *m_server = nullptr;
    QLocalSocket *m_local = nullptr; // hiredis' side
    QIODevice *m_upstream = nullptr; // QSslSocket or the SSH socketpair's QLocalSocket
    QSslSocket *m_ssl = nullptr;     // == m_upstream when TLS is on
    Internal::SshForwarder *m_ssh = nullptr;
    int m_pairFd = -1;   // our socketpair end until a socket adopts it
    QString m_tlsErrors; // certificate errors seen during the handshake
    QString m_errorText;
    QString m_warning;
    bool m_ready = false;
    bool m_done = false; // failed or closed: no more signals
};

} // namespace redscope
