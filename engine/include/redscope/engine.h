// Public face of the Redscope engine: the only header the app (or anyone embedding the
// engine) includes. It starts a Redis-compatible server on its own event-loop thread from a
// list of redis.conf-style options, reports where it listens, and stops it. Nothing from
// the engine's internals leaks through here, so the engine can change freely behind it.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace redscope::engine {

// Options use redis.conf names and values, e.g. {"port", "0"}, {"unixsocket", "/run/x.sock"},
// {"dir", "/data"}, {"save", ""}. Later entries override earlier ones, as in redis.conf.
using ConfigOptions = std::vector<std::pair<std::string, std::string>>;

struct Endpoints
{
    std::string tcpHost; // empty when TCP is disabled (port 0)
    int tcpPort = 0;     // the real port, also when "port 0"-style ephemeral binding is used
    std::string unixSocket; // empty when no Unix socket is configured
};

class EmbeddedServer
{
public:
    EmbeddedServer();
    ~EmbeddedServer(); // stops the server if it still runs
    EmbeddedServer(const EmbeddedServer &) = delete;
    EmbeddedServer &operator=(const EmbeddedServer &) = delete;

    // Applies the options, binds the sockets and starts the event-loop thread.
    // Returns false with a readable message in *error when an option is invalid or a socket
    // cannot be bound; the server is then not running.
    bool start(const ConfigOptions &options, std::string *error);

    // Asks the loop to finish (saving the dataset when persistence is configured, like a
    // clean SHUTDOWN) and joins the thread. Safe to call from any thread, and twice.
    void stop();

    bool isRunning() const;
    Endpoints endpoints() const;

    struct ImportResult
    {
        unsigned long long keysLoaded = 0;
        unsigned long long keysExpired = 0; // in the file but already past their TTL
        std::string redisVersion;           // the writer's redis-ver, when the file has one
        std::string warning; // imported, but persisting it did not start (the reason)
    };
    // Replaces the whole dataset (every database) with an RDB file's, e.g. a dump.rdb from a
    // real Redis. The file is read and fully validated on the calling thread first: a
    // missing, unreadable or corrupt file is refused with the loader's message and the
    // running data is left untouched. The swap itself runs on the engine's thread between two
    // commands (clients watching keys see their transactions aborted); then the engine
    // persists the new data as configured: a background save, plus an AOF rewrite with
    // appendonly yes (when that cannot start, result->warning says why; the import stands).
    // Blocks the caller until done, so call it from a worker thread.
    bool importRdb(const std::string &path, ImportResult *result, std::string *error);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Engine version, reported by INFO as redis_version-compatible "redscope_version".
const char *version();

} // namespace redscope::engine
