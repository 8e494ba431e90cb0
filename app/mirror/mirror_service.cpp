// MirrorService implementation. Every request goes through one of the two member scopes, which
// die with the service, so a late reply never reaches a destroyed service. The credentials are
// sent as CONFIG SET arguments only; nothing here prints them.
#include "mirror/mirror_service.h"

#include "connection/production_guard.h"
#include "connection/redis_connection.h"
#include "mirror/loopback_relay.h"
#include "mirror/mirror_registry.h"
#include "mirror/replication_status.h"

#include <QDateTime>
#include <QFile>
#include <QLocale>

#include <memory>

namespace redscope {

namespace {

constexpr int kPollMs = 1000;
constexpr qint64 kDiagnoseAfterMs = 4000; // the engine retries its link every second

QString bytes(qint64 n)
{
    return QLocale().formattedDataSize(n < 0 ? 0 : n, 1, QLocale::DataSizeTraditionalFormat);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString copyOffer()
{
    return MirrorService::tr("A throttled copy (SCAN + DUMP/RESTORE at a rate you set) is the "
                             "way to bring its keys here: use the export/copy tools.");
}

} // namespace

QString MirrorService::Check::summary() const
{
    QStringList parts;
    if (localKeys == 1)
        parts << tr("The Local engine's current data (1 key) will be replaced.");
    else if (localKeys > 1)
        parts << tr("The Local engine's current data (%1 keys) will be replaced.")
                     .arg(QLocale().toString(localKeys));
    else
        parts << tr("The Local engine's current data will be replaced.");
    if (usedMemory >= 0 && available >= 0)
        parts << tr("The server uses %1 of memory; this machine has %2 available.")
                     .arg(bytes(usedMemory), bytes(available));
    if (!fits()) parts << tr("The server's data does not fit in this machine's available memory.");
    return parts.join(QLatin1Char(' '));
}

RedisConnection *MirrorService::remote() const
{
    return m_remote;
}

RedisConnection *MirrorService::local() const
{
    return m_local;
}

MirrorService::MirrorService(RedisConnection *remote, RedisConnection *local, QObject *parent)
    : QObject(parent)
    , m_remote(remote)
    , m_local(local)
    , m_remoteRequests(remote)
    , m_localRequests(local)
{
    m_pollTimer.setInterval(kPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &MirrorService::poll);
    MirrorRegistry::instance()->add(this);
}

MirrorService::~MirrorService()
{
    MirrorRegistry::instance()->remove(this);
}

bool MirrorService::isRunning() const
{
    return m_progress.phase != Phase::Idle &&
           !(m_progress.phase == Phase::Failed && !m_pollTimer.isActive());
}

quint16 MirrorService::relayPort() const
{
    return m_relay ? m_relay->port() : 0;
}

void MirrorService::check(std::function<void(const Check &)> done)
{
    if (!m_remote || !m_local) {
        Check c;
        c.error = tr("The connection is gone.");
        done(c);
        return;
    }
    auto result = std::make_shared<Check>();
    QFile meminfo(m_meminfoPath);
    if (meminfo.open(QIODevice::ReadOnly))
        result->available = ReplicationStatus::memAvailable(QString::fromLatin1(meminfo.readAll()));
    m_remoteRequests.send({"INFO", "memory"}, [this, result, done](const RedisValue &reply) {
        if (reply.isError()) {
            result->error = tr("The server did not answer INFO memory: %1").arg(reply.text());
            done(*result);
            return;
        }
        result->usedMemory = ReplicationStatus::usedMemory(reply.text());
        m_localRequests.send({"DBSIZE"}, [result, done](const RedisValue &size) {
            if (!size.isError()) result->localKeys = size.toInteger();
            done(*result);
        });
    });
}

void MirrorService::start()
{
    if (!m_remote || !m_local) return fail(tr("The connection is gone."));
    const ConnectionSettings &settings = m_remote->settings();
    if (settings.mode == ConnectionSettings::Mode::Cluster)
        return fail(tr("A cluster cannot be mirrored into one Local engine: mirror one of its "
                       "nodes instead."));
    if (!settings.unixSocket.isEmpty())
        return fail(tr("A server reached through a Unix socket cannot be mirrored: the Local "
                       "engine replicates over TCP."));
    Progress p;
    p.phase = Phase::Starting;
    p.message = tr("Starting the mirror of %1…").arg(settings.address());
    setProgress(p);
    if (!settings.production) {
        checkRightsAndReplicate();
        return;
    }
    const ConfirmationRequest request = ProductionGuard::question(
        settings, QStringLiteral("SYNC"),
        tr("makes the Local engine a replica of this server: the server forks for a snapshot "
           "and keeps a replica output buffer while the mirror runs"),
        -1, false);
    QPointer<MirrorService> self(this);
    ProductionGuard::ask(request, [self](bool confirmed) {
        if (!self) return;
        if (!confirmed) {
            Progress idle;
            idle.message = tr("Mirror not started: not confirmed.");
            self->setProgress(idle);
            return;
        }
        self->checkRightsAndReplicate();
    });
}

// A server that refuses the engine's handshake (credentials, ACL) is said so at once, with its
// own words, and the engine is never pointed at it.
void MirrorService::checkRightsAndReplicate()
{
    probeReplicationRights([this](const QString &refusal) {
        if (!refusal.isEmpty()) return fail(refusal, true);
        configureAndReplicate();
    });
}

void MirrorService::configureAndReplicate()
{
    if (!m_remote || !m_local) return fail(tr("The connection is gone."));
    const ConnectionSettings &settings = m_remote->settings();
    QByteArray host = settings.host.toUtf8();
    int port = settings.port;
    if (settings.needsTunnel()) {
        delete m_relay;
        m_relay = new LoopbackRelay(settings, this);
        QString error;
        if (!m_relay->listen(&error)) return fail(error);
        connect(m_relay, &LoopbackRelay::tunnelFailed, this, [this](const QString &message) {
            if (m_progress.phase == Phase::Live || m_progress.phase == Phase::Syncing) return;
            fail(tr("The tunnel to the server failed: %1").arg(message));
        });
        host = QByteArrayLiteral("127.0.0.1");
        port = m_relay->port();
    }
    // Credentials first; REPLICAOF only once the engine took them (replies come in order).
    auto refused = std::make_shared<QString>();
    const QByteArray user = settings.username.toUtf8();
    const QByteArray password = settings.password.toUtf8();
    m_localRequests.send({"CONFIG", "SET", "masteruser", user}, [refused](const RedisValue &reply) {
        if (reply.isError()) *refused = reply.text();
    });
    m_localRequests.send({"CONFIG", "SET", "masterauth", password}, [this, refused, host, port](
                                                                        const RedisValue &reply) {
        if (reply.isError() && refused->isEmpty()) *refused = reply.text();
        if (!refused->isEmpty())
            return fail(tr("The Local engine refused the credentials: %1").arg(*refused));
        replicateFrom(host, port);
    });
}

void MirrorService::replicateFrom(const QByteArray &host, int port)
{
    m_localRequests.send(
        {"REPLICAOF", host, QByteArray::number(port)}, [this](const RedisValue &reply) {
            if (reply.isError()) {
                fail(tr("The Local engine refused REPLICAOF: %1").arg(reply.text()));
                return;
            }
            m_startedMs = nowMs();
            m_downSinceMs = m_startedMs;
            m_diagnosis.clear();
            Progress p;
            p.phase = Phase::Connecting;
            p.message = tr("Connecting the Local engine to %1…")
                            .arg(m_remote ? m_remote->settings().address() : QString());
            setProgress(p);
            m_pollTimer.start();
            poll();
        });
}

void MirrorService::poll()
{
    if (!m_local) return fail(tr("The Local engine's connection is gone."));
    m_localRequests.send({"INFO", "replication"}, [this](const RedisValue &reply) {
        if (reply.isError()) return; // a transient error; the next poll tries again
        onLocalInfo(reply.text());
    });
    if (m_remote && m_progress.phase == Phase::Live) {
        m_remoteRequests.send({"INFO", "replication"}, [this](const RedisValue &reply) {
            if (!reply.isError())
                m_remoteOffset = ReplicationStatus::parse(reply.text()).masterOffset;
        });
    }
}

void MirrorService::onLocalInfo(const QString &text)
{
    const ReplicationStatus s = ReplicationStatus::parse(text);
    Progress p;
    p.linkSet = true;
    if (s.syncing) {
        m_downSinceMs = -1;
        p.phase = Phase::Syncing;
        p.rdbReadBytes = s.syncReadBytes;
        p.rdbTotalBytes = s.syncTotalBytes;
        p.message = s.syncTotalBytes > 0
                        ? tr("Copying the snapshot: %1 of %2")
                              .arg(bytes(s.syncReadBytes), bytes(s.syncTotalBytes))
                        : tr("Copying the snapshot: %1").arg(bytes(s.syncReadBytes));
    } else if (s.replica && s.linkUp) {
        m_downSinceMs = -1;
        m_diagnosis.clear();
        p.phase = Phase::Live;
        if (m_remoteOffset >= 0 && s.replicaOffset >= 0)
            p.lagBytes = qMax<qint64>(0, m_remoteOffset - s.replicaOffset);
        p.message =
            p.lagBytes > 0 ? tr("Live, %1 behind").arg(bytes(p.lagBytes)) : tr("Live, up to date");
        if (m_progress.phase != Phase::Live) m_remoteOffset = -1; // fetched from now on
    } else {
        if (m_downSinceMs < 0) m_downSinceMs = nowMs();
        p.phase = Phase::Connecting;
        p.message = m_diagnosis.isEmpty() ? tr("Waiting for the server (link down)…") : m_diagnosis;
        p.refused = !m_diagnosis.isEmpty();
        if (nowMs() - m_downSinceMs >= kDiagnoseAfterMs && !m_diagnosing) diagnoseDownLink();
        if (p.refused) p.phase = Phase::Failed;
    }
    setProgress(p);
}

void MirrorService::diagnoseDownLink()
{
    if (!m_remote) return;
    m_diagnosing = true;
    const QString address = m_remote->settings().address();
    const qint64 downSeconds = (nowMs() - m_downSinceMs) / 1000;
    m_remoteRequests.send({"COMMAND", "INFO", "SYNC", "PSYNC"}, [this, address, downSeconds](
                                                                    const RedisValue &reply) {
        bool available = false;
        if (!reply.isError())
            for (const RedisValue &entry : reply.elements())
                available = available || !entry.isNil();
        if (!reply.isError() && !available) {
            m_diagnosing = false;
            m_diagnosis = tr("%1 refuses replication: it has no SYNC/PSYNC command (renamed or "
                             "disabled, as managed services do), so it cannot be mirrored. %2")
                              .arg(address, copyOffer());
            return;
        }
        probeReplicationRights([this, address, downSeconds](const QString &refusal) {
            m_diagnosing = false;
            m_diagnosis = refusal;
            if (!m_diagnosis.isEmpty()) return;
            m_diagnosis =
                tr("The Local engine has not reached %1 for %2 s (it keeps retrying). The "
                   "server may be unreachable from this machine. %3")
                    .arg(address)
                    .arg(downSeconds)
                    .arg(copyOffer());
            if (m_relay && !m_relay->lastError().isEmpty())
                m_diagnosis += QLatin1Char(' ') + tr("Tunnel: %1").arg(m_relay->lastError());
        });
    });
}

// The engine's handshake, replayed with its credentials on the app's connection up to where a
// sync would start: AUTH as masteruser/masterauth (a failed AUTH leaves the connection as it
// was), REPLCONF, then PSYNC with an offset that is no number, which a server that permits
// PSYNC rejects before it syncs ("value is not an integer") and an ACL refuses with NOPERM.
// done() gets the refusal in words, or an empty string when nothing was refused.
void MirrorService::probeReplicationRights(std::function<void(const QString &refusal)> done)
{
    if (!m_remote) return done(tr("The connection is gone."));
    const QString address = m_remote->settings().address();
    const auto refusal = [address](const RedisValue &reply) -> QString {
        const QString text = reply.text();
        if (text.startsWith(QLatin1String("NOPERM")))
            return tr("%1 refuses replication to this user: \"%2\". Its ACL must allow SYNC, "
                      "PSYNC and REPLCONF for the user the mirror connects as. %3")
                .arg(address, text, copyOffer());
        if (text.startsWith(QLatin1String("NOMASTERLINK")))
            return tr("%1 is a replica that lost its own master and refuses to be synchronized "
                      "until it is back: \"%2\".")
                .arg(address, text);
        return {};
    };
    const auto psync = [this, refusal, done] {
        m_remoteRequests.send({"PSYNC", "?", "not-an-offset"},
                              [refusal, done](const RedisValue &reply) { done(refusal(reply)); });
    };
    const auto replconf = [this, refusal, psync, done] {
        m_remoteRequests.send({"REPLCONF", "capa", "eof"},
                              [refusal, psync, done](const RedisValue &reply) {
                                  const QString refused = refusal(reply);
                                  if (!refused.isEmpty()) return done(refused);
                                  psync();
                              });
    };
    const ConnectionSettings &settings = m_remote->settings();
    if (settings.password.isEmpty()) return replconf();
    QList<QByteArray> auth = {QByteArrayLiteral("AUTH")};
    if (!settings.username.isEmpty()) auth << settings.username.toUtf8();
    auth << settings.password.toUtf8();
    m_remoteRequests.send(auth, [address, replconf, done](const RedisValue &reply) {
        if (!reply.isError()) return replconf();
        done(tr("%1 refused the credentials the Local engine replicates with "
                "(masteruser/masterauth): \"%2\". %3")
                 .arg(address, reply.text(), copyOffer()));
    });
}

void MirrorService::stop(bool keepData, std::function<void(const QString &error)> done)
{
    m_pollTimer.stop();
    m_diagnosis.clear();
    auto finish = [this, keepData, done](const QString &error) {
        delete m_relay;
        m_relay = nullptr;
        Progress p;
        p.phase = Phase::Idle;
        p.message = !error.isEmpty() ? tr("Stopping the mirror failed: %1").arg(error)
                    : keepData       ? tr("Mirror stopped; the copied data was kept.")
                                     : tr("Mirror stopped; the copied data was discarded.");
        setProgress(p);
        if (done) done(error);
    };
    if (!m_local) return finish(tr("The Local engine's connection is gone."));
    m_localRequests.send(
        {"REPLICAOF", "NO", "ONE"}, [this, keepData, finish](const RedisValue &reply) {
            if (reply.isError()) return finish(reply.text());
            m_localRequests.send({"CONFIG", "SET", "masterauth", ""}, [](const RedisValue &) {});
            m_localRequests.send({"CONFIG", "SET", "masteruser", ""}, [](const RedisValue &) {});
            if (keepData) return finish({});
            m_localRequests.send({"FLUSHALL"}, [finish](const RedisValue &flushed) {
                finish(flushed.isError() ? flushed.text() : QString());
            });
        });
}

void MirrorService::setProgress(const Progress &progress)
{
    const bool phaseChanged = progress.phase != m_progress.phase;
    m_progress = progress;
    emit progressChanged(m_progress);
    if (phaseChanged) MirrorRegistry::instance()->notify();
}

void MirrorService::fail(const QString &message, bool refused)
{
    Progress p;
    p.phase = Phase::Failed;
    p.message = message;
    p.refused = refused;
    p.linkSet = m_pollTimer.isActive();
    setProgress(p);
}

} // namespace redscope
