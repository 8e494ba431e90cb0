// SnapshotExporter: "Export snapshot…" for the embedded engine. Asks the engine for a fresh RDB
// (BGSAVE, then INFO persistence until the background save is over), then copies
// <data dir>/<dbfilename> to the file the user chose. The copy runs on a QtConcurrent worker so
// a large snapshot never blocks the GUI thread. Only meaningful where the app can read the
// server's data directory, i.e. the Local engine; the caller passes that directory.
#pragma once

#include "connection/request_scope.h"

#include <QObject>
#include <QString>
#include <QTimer>

namespace redscope {

class SnapshotExporter : public QObject
{
    Q_OBJECT

public:
    explicit SnapshotExporter(RedisConnection *connection, QObject *parent = nullptr);

    bool isRunning() const { return m_running; }
    // Starts an export; finished() reports the outcome. Ignored while one is running.
    void exportTo(const QString &dataDir, const QString &targetFile);

    // The copy step alone (worker-thread safe): replaces targetFile with a copy of sourceFile.
    static bool copySnapshot(const QString &sourceFile, const QString &targetFile,
                             QString *error);

signals:
    void progress(const QString &text);
    void finished(bool ok, const QString &message);

private:
    void startSave();
    void pollSave();
    void copy();
    void finish(bool ok, const QString &message);

    RequestScope m_requests;
    QTimer m_pollTimer;
    QString m_dataDir;
    QString m_target;
    QString m_dbFilename;
    bool m_running = false;
    int m_polls = 0;
};

} // namespace redscope
