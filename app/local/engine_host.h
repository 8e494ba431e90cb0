// EngineHost: runs Redscope's embedded engine inside the app process for the "Local engine"
// connection. The engine listens only on a Unix socket in a private 0700 runtime directory with
// TCP disabled, so nothing else on the network (and no other local user) can reach it; the app
// then talks to it through hiredis like to any other server, with no shortcut API.
#pragma once

#include <QFuture>
#include <QString>

#include <memory>

class QTemporaryDir;

namespace redscope::engine {
class EmbeddedServer;
}

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

    // Synchronous but quick: binds the socket and starts the engine's own thread.
    bool start(QString *error);
    void stop();
    bool isRunning() const;

    QString socketPath() const { return m_socketPath; }
    QString dataDir() const { return m_dataDir; }
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

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_runtimeDir;
    std::unique_ptr<engine::EmbeddedServer> m_server;
    QString m_socketPath;
    QString m_dataDir;
    QFuture<ImportReport> m_import;
};

} // namespace redscope
