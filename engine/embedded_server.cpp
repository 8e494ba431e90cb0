// EmbeddedServer (the public API in include/redscope/engine.h): builds a ServerConfig from
// redis.conf-style options, binds in the caller's thread (so start() can report a bad
// option or a busy socket synchronously), then runs the event loop on its own thread.
#include "redscope/engine.h"

#include "server/server.h"

#include <thread>

namespace redscope::engine {

const char *version() { return REDSCOPE_VERSION; }

struct EmbeddedServer::Impl
{
    std::unique_ptr<Server> server;
    std::thread thread;
    Endpoints endpoints;
};

EmbeddedServer::EmbeddedServer() : m_impl(std::make_unique<Impl>()) {}

EmbeddedServer::~EmbeddedServer() { stop(); }

bool EmbeddedServer::start(const ConfigOptions &options, std::string *error)
{
    std::string ignored;
    if (!error) error = &ignored;
    if (isRunning()) {
        *error = "The engine is already running";
        return false;
    }
    ServerConfig config;
    for (const auto &[name, value] : options) {
        if (!ConfigTable::apply(config, name, {value}, error)) return false;
    }
    auto server = std::make_unique<Server>();
    if (!server->init(config, error)) return false;
    m_impl->endpoints.tcpPort = server->boundTcpPort();
    m_impl->endpoints.tcpHost = config.port ? config.bind.front() : std::string();
    m_impl->endpoints.unixSocket = config.unixSocket;
    m_impl->server = std::move(server);
    m_impl->thread = std::thread([server = m_impl->server.get()] { server->run(); });
    return true;
}

void EmbeddedServer::stop()
{
    if (!m_impl || !m_impl->server) return;
    m_impl->server->requestShutdown();
    if (m_impl->thread.joinable()) m_impl->thread.join();
    m_impl->server.reset();
}

bool EmbeddedServer::isRunning() const { return m_impl && m_impl->server != nullptr; }

Endpoints EmbeddedServer::endpoints() const { return m_impl->endpoints; }

} // namespace redscope::engine
