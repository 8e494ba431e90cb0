// EngineHost: runs Redscope's embedded engine inside the app process for the "Local engine"
// connection. The engine listens only on a Unix socket in a private 0700 runtime directory with
// TCP disabled, so nothing else on the network (and no other local user) can reach it; the app
// then talks to it through hiredis like to any other server, with no shortcut API.
#pragma once

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

private:
    bool preparePrivateDir(QString *error);

    Options m_options;
    std::unique_ptr<QTemporaryDir> m_runtimeDir;
    std::unique_ptr<engine::EmbeddedServer> m_server;
    QString m_socketPath;
    QString m_dataDir;
};

} // namespace redscope
