// MirrorService: "Mirror into Local engine". It makes the embedded engine a read-only replica
// of a remote server and reports how far it got, so browsing and analysis can run on the
// mirror with no SCAN load on the remote. The engine does the replication itself (REPLICAOF,
// full sync, then the command stream); this service only sets it up and watches it:
//   check():  the remote's used_memory against this machine's MemAvailable, and the Local
//             engine's key count (its data is replaced), before anything is changed;
//   start():  asks first on a production connection (ProductionGuard), replays the engine's
//             handshake (below) and stops there with the server's refusal, if any; then sends
//             the connection's credentials as masterauth/masteruser (never logged) and
//             REPLICAOF to the Local engine; TLS/SSH connections go through a LoopbackRelay,
//             since the engine speaks plain TCP only;
//   polling:  INFO replication of both sides once a second: RDB bytes read/total while the
//             full sync runs, then the offset lag; a link that stays down is diagnosed in plain
//             words: a server without SYNC/PSYNC, as managed services have, is named as such;
//             otherwise the engine's handshake is replayed on the app's connection with the
//             same credentials up to where a sync would start (AUTH, REPLCONF, PSYNC with an
//             offset the server rejects before syncing), and the server's own refusal
//             (WRONGPASS, NOPERM, NOMASTERLINK) is the cause shown: before REPLICAOF, and
//             again when a link stays down;
//   stop():   REPLICAOF NO ONE, keeping the data or flushing it.
// When the server refuses replication the throttled copy (SCAN + DUMP/RESTORE) is the
// export/copy feature's job; this service only says so.
#pragma once

#include "connection/request_scope.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>

namespace redscope {

class LoopbackRelay;
class RedisConnection;

class MirrorService : public QObject
{
    Q_OBJECT

public:
    enum class Phase {
        Idle,       // not started, or stopped
        Starting,   // confirmation, credentials, REPLICAOF
        Connecting, // the engine has not reached the server yet (or lost it)
        Syncing,    // the RDB transfer runs
        Live,       // link up, following the command stream
        Failed,     // could not start, or the server refuses replication
    };
    Q_ENUM(Phase)

    struct Progress
    {
        Phase phase = Phase::Idle;
        qint64 rdbReadBytes = -1;  // while Syncing
        qint64 rdbTotalBytes = -1; // -1: unknown (diskless transfer)
        qint64 lagBytes = -1;      // Live: remote master_repl_offset - local slave_repl_offset
        QString message;           // plain words for the banner (errors included)
        bool refused = false;      // the server does not allow replication: offer a copy
        bool linkSet = false;      // the Local engine was pointed at the server: Stop undoes it
    };

    struct Check
    {
        QString error;          // the check itself failed (remote INFO refused, ...)
        qint64 usedMemory = -1; // the remote's used_memory
        qint64 available = -1;  // this machine's MemAvailable; -1: unknown
        qint64 localKeys = -1;  // keys the Local engine holds now (replaced by the mirror)
        bool fits() const { return available < 0 || usedMemory < 0 || usedMemory < available; }
        QString summary() const; // the warning text for the confirmation
    };

    MirrorService(RedisConnection *remote, RedisConnection *local, QObject *parent = nullptr);
    ~MirrorService() override;

    // Where /proc/meminfo is read from (tests point it at a file).
    void setMeminfoPath(const QString &path) { m_meminfoPath = path; }
    void check(std::function<void(const Check &)> done);
    void start();
    void stop(bool keepData, std::function<void(const QString &error)> done = {});

    const Progress &progress() const { return m_progress; }
    bool isRunning() const;
    RedisConnection *remote() const;
    RedisConnection *local() const;
    // The port REPLICAOF names when the remote needs a tunnel; 0 otherwise.
    quint16 relayPort() const;

signals:
    void progressChanged(const redscope::MirrorService::Progress &progress);

private:
    void configureAndReplicate();
    void replicateFrom(const QByteArray &host, int port);
    void poll();
    void onLocalInfo(const QString &text);
    void diagnoseDownLink();
    void checkRightsAndReplicate();
    void probeReplicationRights(std::function<void(const QString &refusal)> done);
    void setProgress(const Progress &progress);
    void fail(const QString &message, bool refused = false);

    QPointer<RedisConnection> m_remote;
    QPointer<RedisConnection> m_local;
    RequestScope m_remoteRequests;
    RequestScope m_localRequests;
    LoopbackRelay *m_relay = nullptr;
    QTimer m_pollTimer;
    QString m_meminfoPath = QStringLiteral("/proc/meminfo");
    Progress m_progress;
    qint64 m_remoteOffset = -1;
    qint64 m_downSinceMs = -1; // when the link was last seen down with no sync running
    bool m_diagnosing = false;
    QString m_diagnosis;
    qint64 m_startedMs = 0;
};

} // namespace redscope
