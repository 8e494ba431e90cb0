// EngineHost implementation. The socket directory is a fresh mkdtemp() directory (created 0700
// and re-checked), because a Unix socket's own mode is not honoured everywhere; the directory
// is what keeps other users out. Socket paths are limited to ~107 bytes (sun_path), so a long
// runtime location falls back to the system temp directory.
#include "local/engine_host.h"

#include <redscope/engine.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtConcurrent>

namespace redscope {

static constexpr int kMaxSocketPath = 100; // sun_path is 108 bytes on Linux, keep a margin

static QHash<QString, EngineHost *> &runningHosts()
{
    static QHash<QString, EngineHost *> hosts;
    return hosts;
}

EngineHost *EngineHost::forSocket(const QString &socketPath)
{
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
    return m_server && m_server->isRunning();
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

bool EngineHost::start(QString *error)
{
    if (isRunning()) return true;
    QString message;
    if (!preparePrivateDir(&message)) {
        if (error) *error = message;
        return false;
    }
    m_dataDir = m_options.dataDir.isEmpty()
                    ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                          QStringLiteral("/engine")
                    : m_options.dataDir;
    if (!QDir().mkpath(m_dataDir)) {
        if (error)
            *error = QCoreApplication::translate("redscope::EngineHost",
                                                 "Cannot create the engine data directory %1")
                         .arg(m_dataDir);
        return false;
    }

    const engine::ConfigOptions options{
        {"port", "0"},
        {"unixsocket", QFile::encodeName(m_socketPath).toStdString()},
        {"unixsocketperm", "700"},
        {"dir", QFile::encodeName(m_dataDir).toStdString()},
    };
    m_server = std::make_unique<engine::EmbeddedServer>();
    std::string engineError;
    if (!m_server->start(options, &engineError)) {
        if (error) {
            *error = QCoreApplication::translate("redscope::EngineHost",
                                                 "The embedded engine did not start: %1")
                         .arg(QString::fromStdString(engineError));
        }
        m_server.reset();
        return false;
    }
    const std::string actual = m_server->endpoints().unixSocket;
    if (!actual.empty()) m_socketPath = QFile::decodeName(QByteArray::fromStdString(actual));
    runningHosts().insert(m_socketPath, this);
    return true;
}

void EngineHost::stop()
{
    if (runningHosts().value(m_socketPath) == this) runningHosts().remove(m_socketPath);
    if (m_server) {
        m_server->stop(); // a queued import's swap is dropped and its caller returns
        m_import.waitForFinished();
        m_server.reset();
    }
    m_runtimeDir.reset(); // removes the socket directory
}

} // namespace redscope
