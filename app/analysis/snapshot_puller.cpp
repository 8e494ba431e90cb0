#include "analysis/snapshot_puller.h"

#include "connection/tunnel.h"

#include <QLocalSocket>
#include <QTcpSocket>

namespace redscope {

SnapshotPuller::SnapshotPuller(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
}

SnapshotPuller::~SnapshotPuller()
{
    if (m_running) {
        m_running = false;
        m_file.remove();
    }
}

void SnapshotPuller::start(const QString &targetPath)
{
    if (m_running) return;
    m_running = true;
    m_buffer.clear();
    m_received = 0;
    m_expected = 0;
    m_eofMark.clear();
    m_tail.clear();
    m_file.setFileName(targetPath);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(tr("Cannot write %1: %2").arg(targetPath, m_file.errorString()));
    if (m_settings.needsTunnel()) {
        m_tunnel = new Tunnel(m_settings, this);
        connect(m_tunnel, &Tunnel::ready, this, &SnapshotPuller::connectTo);
        connect(m_tunnel, &Tunnel::failed, this,
                [this](const QString &message, bool) { fail(message); });
        m_tunnel->open();
        return;
    }
    connectTo();
}

void SnapshotPuller::connectTo()
{
    const QString unixPath = m_tunnel ? m_tunnel->localPath() : m_settings.unixSocket;
    if (!unixPath.isEmpty()) {
        auto *socket = new QLocalSocket(this);
        m_socket = socket;
        connect(socket, &QLocalSocket::connected, this, &SnapshotPuller::onConnected);
        connect(socket, &QLocalSocket::readyRead, this, &SnapshotPuller::onReadyRead);
        connect(socket, &QLocalSocket::errorOccurred, this,
                [this, socket] { fail(socket->errorString()); });
        socket->connectToServer(unixPath);
    } else {
        auto *socket = new QTcpSocket(this);
        m_socket = socket;
        connect(socket, &QTcpSocket::connected, this, &SnapshotPuller::onConnected);
        connect(socket, &QTcpSocket::readyRead, this, &SnapshotPuller::onReadyRead);
        connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] {
            if (m_step != Step::Payload || m_running) fail(socket->errorString());
        });
        socket->connectToHost(m_settings.host, quint16(m_settings.port));
    }
}

void SnapshotPuller::send(const QList<QByteArray> &args)
{
    QByteArray out = "*" + QByteArray::number(args.size()) + "\r\n";
    for (const QByteArray &a : args)
        out += "$" + QByteArray::number(a.size()) + "\r\n" + a + "\r\n";
    m_socket->write(out);
}

void SnapshotPuller::onConnected()
{
    if (!m_settings.password.isEmpty()) {
        m_step = Step::Auth;
        if (m_settings.username.isEmpty())
            send({"AUTH", m_settings.password.toUtf8()});
        else
            send({"AUTH", m_settings.username.toUtf8(), m_settings.password.toUtf8()});
        return;
    }
    m_step = Step::ReplConf;
    send({"REPLCONF", "rdb-only", "1"});
}

bool SnapshotPuller::takeLine(QByteArray *line)
{
    const qsizetype end = m_buffer.indexOf("\r\n");
    if (end < 0) return false;
    *line = m_buffer.left(end);
    m_buffer.remove(0, end + 2);
    return true;
}

void SnapshotPuller::onReadyRead()
{
    if (!m_running || !m_socket) return;
    m_buffer += m_socket->readAll();
    while (m_running) {
        if (m_step == Step::Payload) {
            if (m_buffer.isEmpty()) return;
            QByteArray chunk;
            chunk.swap(m_buffer);
            if (!m_eofMark.isEmpty()) {
                // Diskless: the payload ends with the 40-byte mark; hold back what could
                // be its start.
                QByteArray data = m_tail + chunk;
                const bool ended = data.endsWith(m_eofMark);
                const qsizetype keep =
                    ended ? m_eofMark.size() : std::min<qsizetype>(40, data.size());
                m_file.write(data.constData(), data.size() - keep);
                m_received += quint64(data.size() - keep);
                m_tail = ended ? QByteArray() : data.right(keep);
                emit progress(m_received, 0);
                if (ended) return done();
                return;
            }
            const quint64 want = m_expected - m_received;
            const qsizetype take = qsizetype(std::min<quint64>(want, quint64(chunk.size())));
            m_file.write(chunk.constData(), take);
            m_received += quint64(take);
            emit progress(m_received, m_expected);
            if (m_received == m_expected) return done();
            return;
        }
        if (m_step == Step::Header) {
            // Keep-alive newlines come while the server prepares the snapshot.
            while (m_buffer.startsWith('\n'))
                m_buffer.remove(0, 1);
        }
        QByteArray line;
        if (!takeLine(&line)) return;
        if (line.startsWith('-') && m_step != Step::ReplConf)
            return fail(QString::fromUtf8(line.mid(1)));
        // A server without rdb-only (older than Redis 7.0) still answers SYNC; it then
        // streams commands after the payload, which closing the socket ignores.
        switch (m_step) {
        case Step::Auth:
            m_step = Step::ReplConf;
            send({"REPLCONF", "rdb-only", "1"});
            break;
        case Step::ReplConf:
            m_step = Step::Header;
            send({"SYNC"});
            break;
        case Step::Sync:
        case Step::Header:
            if (!line.startsWith('$'))
                return fail(
                    tr("Unexpected reply to SYNC: %1").arg(QString::fromUtf8(line.left(80))));
            if (line.startsWith("$EOF:")) {
                m_eofMark = line.mid(5);
                if (m_eofMark.size() != 40) return fail(tr("Bad end-of-transfer mark"));
            } else {
                bool ok = false;
                m_expected = line.mid(1).toULongLong(&ok);
                if (!ok) return fail(tr("Bad RDB size: %1").arg(QString::fromUtf8(line)));
                if (m_expected == 0) return done();
            }
            m_step = Step::Payload;
            break;
        case Step::Payload:
            break;
        }
    }
}

void SnapshotPuller::fail(const QString &error)
{
    if (!m_running) return;
    m_running = false;
    if (m_socket) m_socket->deleteLater();
    m_file.close();
    m_file.remove();
    emit failed(error);
}

void SnapshotPuller::done()
{
    m_running = false;
    m_file.close();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
    }
    if (m_tunnel) {
        m_tunnel->disconnect(this);
        m_tunnel->deleteLater();
        m_tunnel = nullptr;
    }
    emit finished(m_file.fileName());
}

void SnapshotPuller::cancel()
{
    fail(tr("Cancelled"));
}

} // namespace redscope
