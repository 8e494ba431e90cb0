// SnapshotPuller: copies a server's dataset into a local RDB file over the replication
// protocol, as `redis-cli --rdb` does: AUTH if needed, `REPLCONF rdb-only 1` (the server
// sends the RDB and no command stream after it), SYNC, then the payload, whether sized
// ("$<len>") or diskless ("$EOF:<40-byte mark>"). hiredis cannot read that payload, so this
// is a raw socket on the event loop (never blocking the GUI): TCP, a Unix socket, or the
// connection's TLS/SSH Tunnel's private Unix socket. The server forks to write the snapshot;
// the UI asks before starting on a production connection. Written to a file as it arrives.
#pragma once

#include "connection/connection_settings.h"

#include <QFile>
#include <QObject>
#include <QPointer>

class QIODevice;

namespace redscope {

class Tunnel;

class SnapshotPuller : public QObject
{
    Q_OBJECT

public:
    explicit SnapshotPuller(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~SnapshotPuller() override;

    void start(const QString &targetPath);
    void cancel();
    bool isRunning() const { return m_running; }
    quint64 bytesReceived() const { return m_received; }

signals:
    // total is 0 until the size is known (and for diskless transfers).
    void progress(quint64 received, quint64 total);
    void finished(const QString &path);
    void failed(const QString &error);

private:
    enum class Step { Auth, ReplConf, Sync, Header, Payload };
    void connectTo();
    void onConnected();
    void onReadyRead();
    void send(const QList<QByteArray> &args);
    bool takeLine(QByteArray *line);
    void fail(const QString &error);
    void done();

    ConnectionSettings m_settings;
    QPointer<QIODevice> m_socket;
    Tunnel *m_tunnel = nullptr;
    QFile m_file;
    QByteArray m_buffer;
    Step m_step = Step::Auth;
    bool m_running = false;
    quint64 m_expected = 0; // sized payload
    QByteArray m_eofMark;   // diskless payload
    QByteArray m_tail;      // the last 40 bytes seen, to find the mark
    quint64 m_received = 0;
};

} // namespace redscope
