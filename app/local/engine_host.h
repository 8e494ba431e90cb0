// EngineHost: runs Redscope's embedded engine inside the app process for the "Local engine"
// connection. The engine listens only on a Unix socket in a private 0700 runtime directory with
// TCP disabled, so nothing else on the network (and no other local user) can reach it; the app
// then talks to it through hiredis like to any other server, with no shortcut API.
//
// The engine logs to engine.log in its data directory. When its loop ends by itself (SHUTDOWN,
// DEBUG PANIC) the private directory stays, so start() again serves the same socket path and
// every connection to it (panels' own connections too) finds the engine where it was; start()
// also keeps the persistence options the engine ended with (CONFIG SET appendonly yes), so it
// loads what it was writing.
#pragma once

#include <redscope/engine.h>

#include <QFuture>
#include <QString>

#include <functional>
#include <memory>

class QTemporaryDir;

namespace redscope {

class EngineHost
{
public:
    struct Options
    {
        QString dataDir;    // empty: <AppDataLocation>/engine
        QString runtimeDir; // parent of the private socket directory; empty: RuntimeLocation
    };

    EngineHost();
    explicit EngineHost(const Options &options);
    ~EngineHost(); // stops the engine
    EngineHost(const EngineHost &) = delete;
    EngineHost &operator=(const EngineHost &) = delete;

    // Synchronous: binds the socket, loads the data files (as long as they take to read) and
    // starts the engine's own thread; call it off the GUI thread (EmbeddedEngine does).
    bool start(QString *error);
    void stop();
    bool isRunning() const;

    // Why the engine is not running (see engine::EmbeddedServer::StopReport); a failure of
    // start() itself (no private directory, no data directory) is a StartFailed.
    using StopCause = engine::EmbeddedServer::StopReport::Cause;
    struct StopReport
    {
        StopCause cause = StopCause::None;
        QString detail; // the panic's message, "SHUTDOWN NOSAVE", the load or start error
        QString file;   // LoadFailed: the RDB file or the AOF directory that did not load
    };
    StopReport stopReport() const;
    // Called on the engine's thread when its loop ended by itself (not for stop()); set it
    // before start(), and post from it to the owner's thread.
    void setLoopEndedCallback(std::function<void()> callback);

    // After a LoadFailed: renames the file (or AOF directory) that did not load to
    // <name>.corrupt-<yyyyMMdd-hhmmss>, beside it, so the next start() begins empty and
    // nothing is deleted. Returns the new path; empty with *error when there is nothing to
    // move or the rename failed.
    QString moveUnloadableAside(QString *error);

    QString socketPath() const { return m_socketPath; }
    QString dataDir() const { return m_dataDir; }
    QString logFile() const; // <dataDir>/engine.log
    // The last `lines` lines of the log (reads the file; call it off the GUI thread).
    static QStringList readLogTail(const QString &logFile, int lines);
    QString engineVersion() const;

    // The running host that serves this socket (GUI thread), so the Local engine's panels can
    // reach it from the connection settings alone; nullptr for any other server.
    static EngineHost *forSocket(const QString &socketPath);

    struct ImportReport
    {
        bool ok = false;
        QString message; // what happened, for the user (the loader's error on failure)
        quint64 keysLoaded = 0;
    };
    // Replaces the engine's whole dataset with an RDB file (e.g. a real Redis's dump.rdb) on a
    // worker thread; see EmbeddedServer::importRdb. A corrupt file is refused and the data
    // kept. stop() waits for a running import. One at a time: a second call while one runs
    // reports failure.
    QFuture<ImportReport> importRdb(const QString &rdbFile);
    bool isImporting() const { return m_import.isRunning(); }

private:
    bool preparePrivateDir(QString *error);
    bool fail(const QString &message, QString *error);

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_runtimeDir;
    std::unique_ptr<engine::EmbeddedServer> m_server;
    QString m_socketPath;
    QString m_dataDir;
    QFuture<ImportReport> m_import;
    QString m_hostError;                     // start() failed before the engine was asked
    engine::ConfigOptions m_keptPersistence; // what the last engine ended with
};

} // namespace redscope
