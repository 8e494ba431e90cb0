// MirrorSnapshot implementation: CONFIG GET dir, then SnapshotExporter's BGSAVE, wait, copy.
#include "analysis/mirror_snapshot.h"

#include "connection/redis_connection.h"
#include "local/snapshot_export.h"

namespace redscope {

MirrorSnapshot::MirrorSnapshot(RedisConnection *local, QObject *parent)
    : QObject(parent)
    , m_local(local)
    , m_requests(local)
    , m_exporter(new SnapshotExporter(local, this))
{
    connect(m_exporter, &SnapshotExporter::progress, this, &MirrorSnapshot::progress);
    connect(m_exporter, &SnapshotExporter::finished, this, &MirrorSnapshot::done);
}

void MirrorSnapshot::start(const QString &targetFile)
{
    if (m_running) return;
    if (!m_local) {
        emit failed(tr("The Local engine is not connected"));
        return;
    }
    m_running = true;
    m_target = targetFile;
    emit progress(tr("Asking the Local engine for a snapshot of the mirror…"));
    QPointer<MirrorSnapshot> self(this);
    m_requests.send({"CONFIG", "GET", "dir"}, [self](const RedisValue &reply) {
        if (!self) return;
        const auto &items = reply.elements();
        if (reply.isError() || items.size() != 2 || items[1].text().isEmpty())
            return self->done(false, reply.isError()
                                         ? reply.text()
                                         : tr("The Local engine did not name its data directory"));
        self->m_exporter->exportTo(items[1].text(), self->m_target);
    });
}

void MirrorSnapshot::done(bool ok, const QString &message)
{
    if (!m_running) return;
    m_running = false;
    if (ok)
        emit finished(m_target);
    else
        emit failed(message);
}

} // namespace redscope
