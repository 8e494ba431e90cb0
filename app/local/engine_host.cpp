// EngineHost implementation. The socket directory is a fresh mkdtemp() directory (created 0700
// and re-checked), because a Unix socket's own mode is not honoured everywhere; the directory
// is what keeps other users out. Socket paths are limited to ~107 bytes (sun_path), so a long
// runtime location falls back to the system temp directory. start() may run on a worker
// thread (EmbeddedEngine), so the socket-to-host registry is locked.
#include "local/engine_host.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QtConcurrent>

namespace redscope {

static constexpr int kMaxSocketPath = 100; // sun_path is 108 bytes on Linux, keep a margin
// engine.log is appended to for the data directory's whole life; past this size a start
// moves it to engine.log.1 (replacing the older one), so it stays readable.
static constexpr qint64 kLogRotateBytes = 8 << 20;
static constexpr qint64 kLogTailBytes = 64 << 10; // enough for the last few hundred lines

static QMutex registryMutex;

static QHash<QString, EngineHost *> &runningHosts()
{
    static QHash<QString, EngineHost *> hosts;
    return hosts;
}

EngineHost *EngineHost::forSocket(const QString &socketPath)
{
    QMutexLocker lock(&registryMutex);
    return socketPath.isEmpty() ? nullptr : runningHosts().value(socketPath);
}

QFuture<EngineHost::ImportReport> EngineHost::importRdb(const QString &rdbFile)
{
    if (!isRunning() || m_import.isRunning()) {
        ImportReport busy;
        busy.message = isRunning()
                           ? QCoreApplication::translate("redscope::EngineHost",
                                                         "An import is already running")
                           : QCoreApplication::translate("redscope::EngineHost",
                                                         "The embedded engine is not running");
        return QtFuture::makeReadyFuture(busy);
    }
    engine::EmbeddedServer *server = m_server.get(); // outlives the job: stop() waits for it
    m_import = QtConcurrent::run([server, rdbFile] {
        ImportReport report;
        engine::EmbeddedServer::ImportResult result;
        std::string error;
        report.ok = server->importRdb(QFile::encodeName(rdbFile).toStdString(), &result, &error);
        if (!report.ok) {
            report.message = QString::fromStdString(error);
            return report;
        }
        report.keysLoaded = result.keysLoaded;
        report.message =
            QCoreApplication::translate("redscope::EngineHost", "Imported %1 keys from %2")
                .arg(result.keysLoaded)
                .arg(QDir::toNativeSeparators(rdbFile));
        if (!result.redisVersion.empty())
            report.message +=
                QCoreApplication::translate("redscope::EngineHost", " (written by Redis %1)")
                    .arg(QString::fromStdString(result.redisVersion));
        if (result.keysExpired)
            report.message +=
                QCoreApplication::translate("redscope::EngineHost", "; %1 keys had already expired")
                    .arg(result.keysExpired);
        if (!result.warning.empty())
            report.message +=
                QStringLiteral("; note: %1").arg(QString::fromStdString(result.warning));
        return report;
    });
    return m_import;
}

EngineHost::EngineHost()
    : EngineHost(Options{})
{
}

EngineHost::EngineHost(const Options &options)
    : m_options(options)
    , m_server(std::make_unique<engine::EmbeddedServer>())
    , m_dataDir(options.dataDir.isEmpty()
                    ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                          QStringLiteral("/engine")
                    : options.dataDir)
{
}

EngineHost::~EngineHost()
{
    stop();
}

QString EngineHost::engineVersion() const
{
    return QString::fromUtf8(engine::version());
}

bool EngineHost::isRunning() const
{
    return m_server->isRunning();
}

QString EngineHost::logFile() const
{
    return m_dataDir + QStringLiteral("/engine.log");
}

EngineHost::StopReport EngineHost::stopReport() const
{
    StopReport report;
    if (!m_hostError.isEmpty()) {
        report.cause = StopCause::StartFailed;
        report.detail = m_hostError;
        return report;
    }
    const engine::EmbeddedServer::StopReport engine = m_server->stopReport();
    report.cause = engine.cause;
    report.detail = QString::fromStdString(engine.detail);
    report.file = QFile::decodeName(QByteArray::fromStdString(engine.file));
    return report;
}

void EngineHost::setLoopEndedCallback(std::function<void()> callback)
{
    m_server->setLoopEndedCallback(std::move(callback));
}

QString EngineHost::moveUnloadableAside(QString *error)
{
    const StopReport report = stopReport();
    if (report.cause != StopCause::LoadFailed || report.file.isEmpty() ||
        !QFileInfo::exists(report.file)) {
        *error = QCoreApplication::translate("redscope::EngineHost",
                                             "There is no data file that failed to load");
        return {};
    }
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = report.file + QStringLiteral(".corrupt-") + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n) // twice in one second: never overwrite
        target = report.file + QStringLiteral(".corrupt-%1-%2").arg(stamp).arg(n);
    if (!QDir().rename(report.file, target)) {
        *error = QCoreApplication::translate("redscope::EngineHost", "Cannot rename %1 to %2")
                     .arg(QDir::toNativeSeparators(report.file), QFileInfo(target).fileName());
        return {};
    }
    return target;
}

QStringList EngineHost::readLogTail(const QString &logFile, int lines)
{
    QFile file(logFile);
    if (!file.open(QIODevice::ReadOnly)) return {};
    const qint64 from = qMax<qint64>(0, file.size() - kLogTailBytes);
    file.seek(from);
    QStringList all = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    if (from > 0 && !all.isEmpty()) all.removeFirst(); // cut in the middle of a line
    while (!all.isEmpty() && all.last().isEmpty())
        all.removeLast();
    return all.mid(qMax(0, int(all.size()) - lines));
}

bool EngineHost::preparePrivateDir(QString *error)
{
    QStringList parents;
    if (!m_options.runtimeDir.isEmpty())
        parents << m_options.runtimeDir;
    else
        parents << QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    parents << QDir::tempPath();

    for (const QString &parent : std::as_const(parents)) {
        if (parent.isEmpty() || !QDir().mkpath(parent)) continue;
        auto dir = std::make_unique<QTemporaryDir>(parent + QStringLiteral("/redscope-XXXXXX"));
        if (!dir->isValid()) continue;
        const QString socket = dir->filePath(QStringLiteral("engine.sock"));
        if (QFile::encodeName(socket).size() > kMaxSocketPath) continue;
        const auto ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                               QFile::ReadUser | QFile::WriteUser | QFile::ExeUser;
        if (!QFile::setPermissions(dir->path(), ownerOnly) ||
            (QFileInfo(dir->path()).permissions() &
             (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
              QFile::WriteOther | QFile::ExeOther))) {
            *error = QCoreApplication::translate("redscope::EngineHost",
                                                 "Cannot make %1 private (mode 0700)")
                         .arg(dir->path());
            return false;
        }
        m_runtimeDir = std::move(dir);
        m_socketPath = socket;
        return true;
    }
    *error = QCoreApplication::translate(
                 "redscope::EngineHost",
                 "Cannot create a private runtime directory for the engine socket "
                 "(tried: %1)")
                 .arg(parents.join(QStringLiteral(", ")));
    return false;
}

bool EngineHost::fail(const QString &message, QString *error)
{
    m_hostError = message;
    if (error) *error = message;
    return false;
}

bool EngineHost::start(QString *error)
{
    if (isRunning()) return true;
    m_hostError.clear();
    QString message;
    // After the loop ended by itself the private directory is still ours: the same socket.
    if (!m_runtimeDir && !preparePrivateDir(&message)) return fail(message, error);
    if (!QDir().mkpath(m_dataDir))
        return fail(QCoreApplication::translate("redscope::EngineHost",
                                                "Cannot create the engine data directory %1")
                        .arg(m_dataDir),
                    error);
    // What the engine would only find at its first save: refused now, with the reason.
    if (QTemporaryFile probe(m_dataDir + QStringLiteral("/.redscope-write-XXXXXX"));
        !probe.open()) {
        return fail(QCoreApplication::translate("redscope::EngineHost",
                                                "The engine data directory %1 is not writable: %2")
                        .arg(QDir::toNativeSeparators(m_dataDir), probe.errorString()),
                    error);
    }
    if (QFileInfo(logFile()).size() > kLogRotateBytes) {
        QFile::remove(logFile() + QStringLiteral(".1"));
        QFile::rename(logFile(), logFile() + QStringLiteral(".1"));
    }

    engine::ConfigOptions options{
        {"port", "0"},
        {"unixsocket", QFile::encodeName(m_socketPath).toStdString()},
        {"unixsocketperm", "700"},
        {"dir", QFile::encodeName(m_dataDir).toStdString()},
        {"logfile", QFile::encodeName(logFile()).toStdString()},
    };
    if (const auto last = m_server->stopReport(); !last.persistence.empty())
        m_keptPersistence = last.persistence;
    options.insert(options.end(), m_keptPersistence.begin(), m_keptPersistence.end());
    std::string engineError;
    if (!m_server->start(options, &engineError)) {
        if (error) {
            *error = QCoreApplication::translate("redscope::EngineHost",
                                                 "The embedded engine did not start: %1")
                         .arg(QString::fromStdString(engineError));
        }
        return false;
    }
    const std::string actual = m_server->endpoints().unixSocket;
    if (!actual.empty()) m_socketPath = QFile::decodeName(QByteArray::fromStdString(actual));
    QMutexLocker lock(&registryMutex);
    runningHosts().insert(m_socketPath, this);
    return true;
}

void EngineHost::stop()
{
    {
        QMutexLocker lock(&registryMutex);
        if (runningHosts().value(m_socketPath) == this) runningHosts().remove(m_socketPath);
    }
    m_server->stop(); // a queued import's swap is dropped and its caller returns
    m_import.waitForFinished();
    m_runtimeDir.reset(); // removes the socket directory
}

} // namespace redscope
