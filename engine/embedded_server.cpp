// EmbeddedServer (the public API in include/redscope/engine.h): builds a ServerConfig from
// redis.conf-style options, binds in the caller's thread (so start() can report a bad
// option or a busy socket synchronously), then runs the event loop on its own thread.
#include "redscope/engine.h"

#include "persistence/persistence.h"
#include "persistence/rdb_cursor.h"
#include "persistence/rdb_loader.h"
#include "server/config.h"
#include "server/server.h"

#include <atomic>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>

namespace redscope::engine {

const char *version()
{
    return REDSCOPE_VERSION;
}

struct EmbeddedServer::Impl
{
    std::unique_ptr<Server> server;
    std::thread thread;
    Endpoints endpoints;
    int dbCount = 0;
    // The limits the server started with: an import is parsed off the loop thread, where the
    // live config (which CONFIG SET may change) must not be read.
    HashLimits hashLimits;
    int listFill = -2; // list-max-listpack-size at start
    std::mutex mutex;  // guards server against stop() while importRdb posts to its loop
    // The loop ended without stop(): SHUTDOWN, or a panic (a replica's, DEBUG PANIC,
    // DEBUG SEGFAULT, a failed DEBUG LOADAOF), which inside the app stops the engine only.
    std::atomic<bool> loopEnded{false};
    std::atomic<bool> stopping{false}; // stop() asked the loop to end
    std::function<void()> onLoopEnded;
    StopReport lastReport; // under mutex: why the last engine stopped or did not start
};

namespace {

EmbeddedServer::StopReport reportOf(Server &server)
{
    using Cause = EmbeddedServer::StopReport::Cause;
    EmbeddedServer::StopReport report;
    switch (server.endCause) {
    case Server::EndCause::Stop:
        report.cause = Cause::Stopped;
        break;
    case Server::EndCause::Shutdown:
        report.cause = Cause::Shutdown;
        break;
    case Server::EndCause::Panic:
        report.cause = Cause::Panic;
        break;
    }
    report.detail = server.endDetail;
    for (const char *name : {"appendonly", "appendfsync", "save"}) {
        if (const ConfigTable::Parameter *parameter = ConfigTable::find(name))
            report.persistence.emplace_back(name, parameter->get(server.config()));
    }
    return report;
}

} // namespace

EmbeddedServer::EmbeddedServer()
    : m_impl(std::make_unique<Impl>())
{
}

EmbeddedServer::~EmbeddedServer()
{
    stop();
}

bool EmbeddedServer::start(const ConfigOptions &options, std::string *error)
{
    std::string ignored;
    if (!error) error = &ignored;
    if (isRunning()) {
        *error = "The engine is already running";
        return false;
    }
    stop(); // an engine whose loop ended by itself is cleaned up first
    ServerConfig config;
    // The app talks to its engine over a private Unix socket, a local connection: DEBUG
    // (SLEEP, OBJECT, RELOAD) stays available to it as redis-server's "local" allows.
    config.enableDebugCommand = "local";
    const auto refused = [this, error](const std::string &file) {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        m_impl->lastReport = {};
        m_impl->lastReport.cause =
            file.empty() ? StopReport::Cause::StartFailed : StopReport::Cause::LoadFailed;
        m_impl->lastReport.detail = *error;
        m_impl->lastReport.file = file;
        return false;
    };
    for (const auto &[name, value] : options) {
        if (!ConfigTable::apply(config, name, {value}, error)) return refused({});
    }
    auto server = std::make_unique<Server>();
    server->abortOnPanic = false; // a replica's panic stops the engine, not the program
    if (!server->init(config, error)) return refused(server->loadFailedFile);
    m_impl->endpoints.tcpPort = server->boundTcpPort();
    m_impl->endpoints.tcpHost = config.port ? config.bind.front() : std::string();
    m_impl->endpoints.unixSocket = config.unixSocket;
    m_impl->dbCount = server->dbCount();
    m_impl->hashLimits = server->hashLimits();
    m_impl->listFill = server->listFill();
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    m_impl->server = std::move(server);
    m_impl->loopEnded = false;
    m_impl->stopping = false;
    m_impl->lastReport = {};
    m_impl->thread = std::thread([server = m_impl->server.get(), impl = m_impl.get()] {
        server->run();
        server->endConnections(); // its clients see the end rather than wait
        impl->loopEnded = true;
        if (!impl->stopping && impl->onLoopEnded) impl->onLoopEnded();
    });
    return true;
}

void EmbeddedServer::stop()
{
    if (!m_impl || !m_impl->server) return;
    m_impl->stopping = true;
    m_impl->server->requestShutdown();
    if (m_impl->thread.joinable()) m_impl->thread.join();
    // Destroying the loop drops any import still queued: its caller gets "stopped".
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    m_impl->lastReport = reportOf(*m_impl->server);
    m_impl->server.reset();
}

EmbeddedServer::StopReport EmbeddedServer::stopReport() const
{
    if (isRunning()) return {};
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    // An engine whose loop ended by itself is still here until stop(); its thread wrote
    // everything read here before it set loopEnded.
    if (m_impl->server) return reportOf(*m_impl->server);
    return m_impl->lastReport;
}

void EmbeddedServer::setLoopEndedCallback(std::function<void()> callback)
{
    m_impl->onLoopEnded = std::move(callback);
}

bool EmbeddedServer::importRdb(const std::string &path, ImportResult *result, std::string *error)
{
    std::string ignored;
    if (!error) error = &ignored;
    int dbCount = 0;
    HashLimits hashLimits;
    int listFill = -2;
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        if (!m_impl->server) {
            *error = "The engine is not running";
            return false;
        }
        dbCount = m_impl->dbCount;
        hashLimits = m_impl->hashLimits;
        listFill = m_impl->listFill;
    }
    // Streamed through a fixed buffer: the file is never held whole beside the dataset.
    rdb::FileSource source;
    std::string why;
    if (!source.open(path, &why)) {
        *error = "Can't open " + path;
        return false;
    }
    rdb::Cursor cursor(&source, rdb::FileSource::kBufferBytes);
    // Databases are plain data until they are swapped in, so loading them here is safe.
    auto fresh = std::make_shared<std::vector<std::unique_ptr<Database>>>();
    for (int i = 0; i < dbCount; ++i)
        fresh->push_back(std::make_unique<Database>(i));
    RdbLoadOptions options;
    options.nowMs = Server::wallClockMs();
    options.hashLimits = hashLimits;
    options.listFill = listFill;
    RdbLoadStats stats;
    if (!loadRdb(cursor, *fresh, options, &stats, &why)) {
        if (!source.error().empty()) {
            *error = "Error reading " + path + ": " + source.error();
            return false;
        }
        *error = "Not a valid RDB file (" + why + "); nothing was imported";
        return false;
    }

    auto done = std::make_shared<std::promise<std::string>>();
    std::future<std::string> outcome = done->get_future();
    {
        std::lock_guard<std::mutex> lock(m_impl->mutex);
        if (!m_impl->server) {
            *error = "The engine stopped";
            return false;
        }
        Server *server = m_impl->server.get();
        server->loop().post([server, fresh, done, keys = stats.keysLoaded] {
            for (int i = 0; i < server->dbCount(); ++i) {
                server->touchAllWatchedKeys(i);
                server->db(i).swap(*(*fresh)[static_cast<size_t>(i)]);
            }
            server->stats().dirty += keys + 1;
            server->log(Server::LogNotice, "Dataset replaced from an imported RDB file: " +
                                               std::to_string(keys) + " keys");
            std::string why;
            Persistence &persistence = server->persistence();
            const Persistence::Start save = persistence.bgsave(true, &why);
            if (save == Persistence::Start::AlreadyRunning)
                return done->set_value("a background save of the old data was running; the "
                                       "next save point or BGSAVE will write the import");
            if (save == Persistence::Start::Failed)
                return done->set_value("the background save did not start: " + why);
            if (server->config().appendOnly &&
                persistence.rewriteAof(&why) == Persistence::Start::Failed)
                return done->set_value("the AOF rewrite did not start: " + why);
            done->set_value({});
        });
    }
    std::string warning;
    try {
        warning = outcome.get();
    } catch (const std::future_error &) {
        *error = "The engine stopped before the import ran";
        return false;
    }
    if (result) {
        result->keysLoaded = stats.keysLoaded;
        result->keysExpired = stats.keysExpired;
        result->redisVersion = stats.redisVersion;
        result->warning = warning;
    }
    return true;
}

bool EmbeddedServer::isRunning() const
{
    return m_impl && m_impl->server != nullptr && !m_impl->loopEnded;
}

Endpoints EmbeddedServer::endpoints() const
{
    return m_impl->endpoints;
}

} // namespace redscope::engine
