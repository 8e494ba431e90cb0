// MirrorSnapshot: the "mirror in the Local engine" source of a memory analysis. When the Local
// engine mirrors a remote server (app/mirror), its data is the server's, so the analysis can
// run on it with no load at all on the remote: the engine writes a snapshot of the mirror
// (BGSAVE in its own data directory, read with CONFIG GET dir, through SnapshotExporter) and
// it is copied to a temporary file, which the offline analysis then walks like any dump.rdb
// (bytes modelled as Redis 7.0 would hold them, the same model as for a file).
#pragma once

#include "connection/request_scope.h"

#include <QObject>
#include <QPointer>
#include <QString>

namespace redscope {

class RedisConnection;
class SnapshotExporter;

class MirrorSnapshot : public QObject
{
    Q_OBJECT

public:
    explicit MirrorSnapshot(RedisConnection *local, QObject *parent = nullptr);

    void start(const QString &targetFile);
    bool isRunning() const { return m_running; }

signals:
    void progress(const QString &text);
    void finished(const QString &path);
    void failed(const QString &error);

private:
    void done(bool ok, const QString &message);

    QPointer<RedisConnection> m_local;
    RequestScope m_requests;
    SnapshotExporter *m_exporter = nullptr;
    QString m_target;
    bool m_running = false;
};

} // namespace redscope
