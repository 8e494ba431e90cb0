// Public face of the Redscope engine: the only header the app (or anyone embedding the
// engine) includes. It starts a Redis-compatible server on its own event-loop thread from a
// list of redis.conf-style options, reports where it listens, and stops it. Nothing from
// the engine's internals leaks through here, so the engine can change freely behind it.
#pragma once

#include <functional>
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
    std::string tcpHost;    // empty when TCP is disabled (port 0)
    int tcpPort = 0;        // the real port, also when "port 0"-style ephemeral binding is used
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

    // False before start(), after stop(), and once the loop ended by itself: SHUTDOWN, or a
    // panic (DEBUG PANIC, DEBUG SEGFAULT, a replica that cannot apply its master's stream),
    // which here stops the engine, never the program. Its clients' connections are then
    // closed; start() may be called again.
    bool isRunning() const;
    Endpoints endpoints() const;

    // Why the engine is not running, in the engine's own words, for its owner to show.
    struct StopReport
    {
        enum class Cause {
            None,        // running, or never started
            Stopped,     // stop() was called
            Shutdown,    // a client's SHUTDOWN; detail: the command ("SHUTDOWN NOSAVE")
            Panic,       // DEBUG PANIC/SEGFAULT, a replica's panic; detail: its message
            StartFailed, // start() refused (an option, a socket); detail: its error
            LoadFailed,  // start() refused a corrupt or unreadable RDB/AOF; detail: the
                         // loader's error (file and offset), file: the RDB file or AOF directory
        };
        Cause cause = Cause::None;
        std::string detail;
        std::string file;
        // Stopped, Shutdown, Panic: the persistence options the engine ended with (CONFIG SET
        // may have changed them since start), as start() takes them, so that a restart on the
        // same data loads what was written: appendonly, appendfsync, save.
        ConfigOptions persistence;
    };
    StopReport stopReport() const;

    // Called on the engine's thread once its loop ended by itself (SHUTDOWN, a panic) and its
    // clients' connections were closed; never for stop(). Set it before start(); it must not
    // call back into this object (post to the owner's thread instead).
    void setLoopEndedCallback(std::function<void()> callback);

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
