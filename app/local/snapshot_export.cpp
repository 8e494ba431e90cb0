// The wait for the background save polls INFO persistence every 100 ms (at most 10 minutes):
// BGSAVE's reply only says the save started, and servers mark rdb_bgsave_in_progress before
// they answer, so "in progress: 0" after the reply means this save is over.
#include "local/snapshot_export.h"

#include "connection/redis_connection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace redscope {

static constexpr int kPollMs = 100;
static constexpr int kMaxPolls = 6000;

static QString infoField(const QString &info, const QString &name)
{
    const QString key = name + QLatin1Char(':');
    for (const QString &line : info.split(QLatin1Char('\n'))) {
        if (line.startsWith(key)) return line.mid(key.size()).trimmed();
    }
    return {};
}

SnapshotExporter::SnapshotExporter(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_requests(connection)
{
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(kPollMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &SnapshotExporter::pollSave);
}

void SnapshotExporter::exportTo(const QString &dataDir, const QString &targetFile)
{
    if (m_running) return;
    m_running = true;
    m_dataDir = dataDir;
    m_target = targetFile;
    m_polls = 0;
    emit progress(tr("Asking the engine for a fresh snapshot…"));
    m_requests.send({"CONFIG", "GET", "dbfilename"}, [this](const RedisValue &reply) {
        const RedisValue::List &items = reply.elements();
        m_dbFilename = items.size() == 2 ? items[1].text() : QString();
        if (m_dbFilename.isEmpty()) m_dbFilename = QStringLiteral("dump.rdb");
        startSave();
    });
}

void SnapshotExporter::startSave()
{
    m_requests.send({"BGSAVE"}, [this](const RedisValue &reply) {
        if (reply.isError()) {
            finish(false, tr("BGSAVE failed: %1").arg(reply.text()));
            return;
        }
        emit progress(tr("Saving a snapshot…"));
        pollSave();
    });
}

void SnapshotExporter::pollSave()
{
    m_requests.send({"INFO", "persistence"}, [this](const RedisValue &reply) {
        if (reply.isError()) {
            finish(false, tr("INFO persistence failed: %1").arg(reply.text()));
            return;
        }
        const QString info = reply.text();
        if (infoField(info, QStringLiteral("rdb_bgsave_in_progress")) == QLatin1String("1")) {
            if (++m_polls >= kMaxPolls) {
                finish(false, tr("The snapshot is still being written after 10 minutes."));
                return;
            }
            m_pollTimer.start();
            return;
        }
        const QString status = infoField(info, QStringLiteral("rdb_last_bgsave_status"));
        if (!status.isEmpty() && status != QLatin1String("ok")) {
            finish(false,
                   tr("The background save failed (rdb_last_bgsave_status: %1).").arg(status));
            return;
        }
        copy();
    });
}

void SnapshotExporter::copy()
{
    emit progress(tr("Copying the snapshot…"));
    const QString source = QDir(m_dataDir).filePath(m_dbFilename);
    const QString target = m_target;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, target] {
        const QString error = watcher->result();
        watcher->deleteLater();
        if (error.isEmpty())
            finish(true, tr("Snapshot exported to %1 (%2 bytes).")
                             .arg(QDir::toNativeSeparators(target))
                             .arg(QFileInfo(target).size()));
        else
            finish(false, error);
    });
    watcher->setFuture(QtConcurrent::run([source, target] {
        QString error;
        copySnapshot(source, target, &error);
        return error;
    }));
}

bool SnapshotExporter::copySnapshot(const QString &sourceFile, const QString &targetFile,
                                    QString *error)
{
    if (!QFileInfo::exists(sourceFile)) {
        *error = tr("No snapshot file at %1.").arg(QDir::toNativeSeparators(sourceFile));
        return false;
    }
    // Copy to a temporary name first so a failed copy never destroys an existing target.
    const QString partial = targetFile + QStringLiteral(".part");
    QFile::remove(partial);
    QFile source(sourceFile);
    if (!source.copy(partial)) {
        *error = tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(targetFile), source.errorString());
        return false;
    }
    QFile::remove(targetFile);
    if (!QFile::rename(partial, targetFile)) {
        QFile::remove(partial);
        *error = tr("Cannot replace %1.").arg(QDir::toNativeSeparators(targetFile));
        return false;
    }
    return true;
}

void SnapshotExporter::finish(bool ok, const QString &message)
{
    m_pollTimer.stop();
    m_running = false;
    emit finished(ok, message);
}

} // namespace redscope
