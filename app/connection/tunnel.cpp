// Tunnel implementation: a small state machine (upstream first, then the local socket, then a
// byte pump both ways). The local socket only exists once the upstream is established, so a
// TLS or SSH failure reaches the user as that failure ("TLS handshake failed: ...", "SSH
// authentication failed ..."), not as a hiredis read error. ready() and failed() are queued so
// their receivers may delete the Tunnel.
//
// Cost: no flow control between the two sides (Qt buffers whatever one side reads until the
// other has written it); fine for request/reply traffic, and a subscriber that cannot keep up
// is bounded by the server's own output-buffer limit.
#include "connection/tunnel.h"

#include "connection/ssh_forwarder.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace redscope {

Tunnel::Tunnel(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
}

Tunnel::~Tunnel()
{
    m_done = true; // no signals from the teardown below
    if (m_local) m_local->abort();
    if (m_ssl) m_ssl->abort();
    if (m_pairFd >= 0) ::close(m_pairFd);
}

void Tunnel::open()
{
    // The socket path must fit sockaddr_un (108 bytes), whatever TMPDIR says.
    QString base = QDir::tempPath();
    if (base.size() > 60) base = QStringLiteral("/tmp");
    m_dir = std::make_unique<QTemporaryDir>(base + QStringLiteral("/redscope-XXXXXX"));
    if (!m_dir->isValid()) {
        fail(tr("Cannot create a private directory for the tunnel socket: %1")
                 .arg(m_dir->errorString()),
             false);
        return;
    }
    m_localPath = m_dir->filePath(QStringLiteral("redis.sock")); // the directory is 0700

    if (!m_settings.ssh.enabled) {
        startTls(-1);
        return;
    }
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        fail(tr("Cannot create a socket pair for the SSH tunnel: %1")
                 .arg(QString::fromLocal8Bit(strerror(errno))),
             false);
        return;
    }
    m_ssh = new Internal::SshForwarder(this);
    m_pairFd = pair[0];
    connect(m_ssh, &Internal::SshForwarder::opened, this, [this] {
        const int ours = m_pairFd;
        m_pairFd = -1;
        if (m_settings.tls.enabled) {
            startTls(ours);
            return;
        }
        auto *socket = new QLocalSocket(this);
        socket->setSocketDescriptor(ours);
        m_upstream = socket;
        connect(socket, &QLocalSocket::readyRead, this, &Tunnel::pumpDown);
        connect(socket, &QLocalSocket::disconnected, this,
                [this] { shutDown(tr("the SSH channel closed")); });
        upstreamReady();
    });
    connect(m_ssh, &Internal::SshForwarder::failed, this, &Tunnel::fail);
    connect(m_ssh, &Internal::SshForwarder::closed, this, [this](const QString &reason) {
        shutDown(reason.isEmpty() ? tr("the SSH channel closed") : reason);
    });
    m_ssh->start(m_settings.ssh, m_settings.host, m_settings.port, pair[1],
                 m_settings.connectTimeoutMs);
}

bool Tunnel::configureTls(QString *error)
{
    const TlsSettings &tls = m_settings.tls;
    if (!QSslSocket::supportsSsl()) {
        *error = tr("TLS is not available: Qt found no OpenSSL library");
        return false;
    }
    QSslConfiguration conf = m_ssl->sslConfiguration();
    conf.setPeerVerifyMode(QSslSocket::VerifyPeer); // errors are ignored later when skipping
    if (!tls.caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(tls.caFile, QSsl::Pem);
        if (cas.isEmpty()) {
            *error = tr("Cannot read CA certificates (PEM) from %1").arg(tls.caFile);
            return false;
        }
        conf.setCaCertificates(cas); // only these: like redis-cli --cacert
    }
    if (tls.certFile.isEmpty() != tls.keyFile.isEmpty()) {
        *error = tr("A TLS client certificate needs both the certificate and the key file");
        return false;
    }
    if (!tls.certFile.isEmpty()) {
        const QList<QSslCertificate> chain = QSslCertificate::fromPath(tls.certFile, QSsl::Pem);
        if (chain.isEmpty()) {
            *error = tr("Cannot read a client certificate (PEM) from %1").arg(tls.certFile);
            return false;
        }
        QFile file(tls.keyFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read the client key %1: %2").arg(tls.keyFile, file.errorString());
            return false;
        }
        const QByteArray pem = file.readAll();
        QSslKey key;
        for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
            key = QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
            if (!key.isNull()) break;
        }
        if (key.isNull()) {
            *error = tr("%1 holds no private key that can be read (PEM, RSA/EC, not encrypted)")
                         .arg(tls.keyFile);
            return false;
        }
        conf.setLocalCertificateChain(chain);
        conf.setPrivateKey(key);
    }
    m_ssl->setSslConfiguration(conf);
    return true;
}

void Tunnel::startTls(qintptr socketDescriptor)
{
    m_ssl = new QSslSocket(this);
    m_upstream = m_ssl;
    QString error;
    if (!configureTls(&error)) {
        if (socketDescriptor >= 0) ::close(int(socketDescriptor));
        fail(error, true);
        return;
    }
    const TlsSettings &tls = m_settings.tls;
    connect(m_ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts.append(e.errorString());
        m_tlsErrors = texts.join(QStringLiteral("; "));
        if (m_settings.tls.skipVerify) m_ssl->ignoreSslErrors();
    });
    connect(m_ssl, &QSslSocket::encrypted, this, [this] {
        if (m_settings.tls.skipVerify) {
            m_warning =
                m_tlsErrors.isEmpty()
                    ? tr("TLS certificate verification is off for %1").arg(m_settings.address())
                    : tr("TLS certificate of %1 NOT verified (verification is off): %2")
                          .arg(m_settings.address(), m_tlsErrors);
            QMetaObject::invokeMethod(
                this, [this] { emit warning(m_warning); }, Qt::QueuedConnection);
        }
        upstreamReady();
    });
    connect(m_ssl, &QSslSocket::readyRead, this, &Tunnel::pumpDown);
    connect(m_ssl, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError code) {
        const QString where = m_settings.address();
        if (m_ready) {
            // TLS 1.3 servers check the client certificate after the client saw "encrypted".
            if (code == QAbstractSocket::RemoteHostClosedError)
                shutDown(tr("the server closed the TLS connection"));
            else if (code == QAbstractSocket::SslHandshakeFailedError ||
                     code == QAbstractSocket::SslInternalError)
                shutDown(tr("TLS handshake failed: %1").arg(m_ssl->errorString()));
            else
                shutDown(tr("TLS connection to %1 failed: %2").arg(where, m_ssl->errorString()));
            return;
        }
        switch (code) {
        case QAbstractSocket::HostNotFoundError:
            fail(tr("Unknown host '%1'").arg(m_settings.host), false);
            return;
        case QAbstractSocket::ConnectionRefusedError:
            fail(tr("Cannot connect to %1: Connection refused").arg(where), false);
            return;
        case QAbstractSocket::SslHandshakeFailedError:
        case QAbstractSocket::RemoteHostClosedError:
        case QAbstractSocket::SslInternalError:
        case QAbstractSocket::SslInvalidUserDataError:
            fail(tr("TLS handshake failed: %1")
                     .arg(m_tlsErrors.isEmpty() ? m_ssl->errorString() : m_tlsErrors),
                 true);
            return;
        default:
            fail(tr("Cannot connect to %1: %2").arg(where, m_ssl->errorString()), false);
            return;
        }
    });
    connect(m_ssl, &QSslSocket::disconnected, this,
            [this] { shutDown(tr("the server closed the TLS connection")); });

    const QString verifyName = tls.serverName.isEmpty() ? m_settings.host : tls.serverName;
    if (socketDescriptor >= 0) {
        // Over SSH: the socket is already connected; SNI and the check use verifyName.
        if (!m_ssl->setSocketDescriptor(socketDescriptor)) {
            fail(tr("TLS over SSH failed: %1").arg(m_ssl->errorString()), false);
            return;
        }
        m_ssl->setPeerVerifyName(verifyName);
        m_ssl->startClientEncryption();
    } else {
        m_ssl->connectToHostEncrypted(m_settings.host, quint16(m_settings.port), verifyName);
    }
}

void Tunnel::upstreamReady()
{
    if (m_done) return;
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    m_server->setMaxPendingConnections(1);
    if (!m_server->listen(m_localPath)) {
        fail(tr("Cannot listen on the tunnel socket %1: %2")
                 .arg(m_localPath, m_server->errorString()),
             false);
        return;
    }
    connect(m_server, &QLocalServer::newConnection, this, &Tunnel::acceptLocal);
    m_ready = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_done) emit ready();
        },
        Qt::QueuedConnection);
}

void Tunnel::acceptLocal()
{
    QLocalSocket *socket = m_server->nextPendingConnection();
    if (!socket) return;
    m_server->close(); // one client only; also unlinks the socket file
    if (m_local || m_done) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    m_local = socket;
    m_local->setParent(this);
    connect(m_local, &QLocalSocket::readyRead, this, &Tunnel::pumpUp);
    connect(m_local, &QLocalSocket::disconnected, this, [this] { shutDown({}); });
    pumpDown(); // anything the server sent before hiredis arrived
    pumpUp();
}

void Tunnel::pumpUp()
{
    if (m_local && m_upstream && m_local->bytesAvailable() > 0)
        m_upstream->write(m_local->readAll());
}

void Tunnel::pumpDown()
{
    if (m_local && m_upstream && m_upstream->bytesAvailable() > 0)
        m_local->write(m_upstream->readAll());
}

void Tunnel::fail(const QString &message, bool authProblem)
{
    if (m_done) return;
    m_done = true;
    m_errorText = message;
    QMetaObject::invokeMethod(
        this, [this, message, authProblem] { emit failed(message, authProblem); },
        Qt::QueuedConnection);
}

void Tunnel::shutDown(const QString &reason)
{
    if (m_done) return;
    m_done = true;
    m_errorText = reason;
    if (m_server) m_server->close();
    if (m_local) {
        pumpDown();
        m_local->disconnectFromServer(); // hiredis sees EOF after the last bytes
    }
    if (m_ssl) {
        pumpUp();
        m_ssl->disconnectFromHost();
    } else if (auto *socket = qobject_cast<QLocalSocket *>(m_upstream)) {
        pumpUp();
        socket->disconnectFromServer();
    }
    QMetaObject::invokeMethod(
        this, [this, reason] { emit closed(reason); }, Qt::QueuedConnection);
}

} // namespace redscope
