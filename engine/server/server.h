// The server: owns the configuration, the databases, the clients, the listening sockets and
// the event loop, and runs every command through call(). One thread does all of it, like
// Redis, so commands never need locks; only start-up and stop cross threads (EmbeddedServer).
//
// Subsystems that commands share (pub/sub registry, blocked clients, slowlog, stats) hang
// off this class; their logic lives in their own files under server/.
#pragma once

#include "commands/command_table.h"
#include "net/event_loop.h"
#include "server/acl.h"
#include "server/client.h"
#include "server/config.h"
#include "server/io_threads.h"
#include "server/lazy_free.h"
#include "server/tls_config.h"
#include "storage/database.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace redscope::engine {

struct CommandContext;
class Evictor;
class MigrateSocketCache;
class Persistence;
class Replication;
class ScriptEngine;

// What a write to a client's socket did with its replies (server/networking.cpp).
enum class SendResult : uint8_t { Drained, Partial, Failed };

struct ServerStats
{
    uint64_t connectionsReceived = 0;
    uint64_t commandsProcessed = 0;
    uint64_t rejectedConnections = 0;
    uint64_t expiredKeys = 0;
    uint64_t evictedKeys = 0;
    uint64_t evictedClients = 0; // maxmemory-clients
    // Bytes on replication links (the master's stream read by a replica, what a master
    // sends its replicas), counted apart from the clients' as in Redis.
    uint64_t netReplInputBytes = 0;
    uint64_t netReplOutputBytes = 0;
    uint64_t readsProcessed = 0;  // read() calls that returned data
    uint64_t writesProcessed = 0; // send() calls that wrote
    // io-threads: clients whose read or reply write a threaded phase did (INFO stats).
    uint64_t ioThreadedReadsProcessed = 0;
    uint64_t ioThreadedWritesProcessed = 0;
    // Active expiry: a moving average of the share of sampled keys found expired (as Redis
    // weighs it, 5% new), cycles the time budget ended, time spent.
    double expiredStalePerc = 0;
    uint64_t expiredTimeCapReached = 0;
    uint64_t expireCycleUs = 0;
    // Time spent over maxmemory without getting back under it (0: not over now).
    int64_t evictionExceededSinceUs = 0;
    uint64_t evictionExceededTotalUs = 0;
    uint64_t totalForks = 0;
    int64_t latestForkUs = 0;
    uint64_t keyspaceHits = 0;
    uint64_t keyspaceMisses = 0;
    uint64_t netInputBytes = 0;
    uint64_t netOutputBytes = 0;
    uint64_t pubsubMessages = 0;
    uint64_t totalErrorReplies = 0;
    uint64_t unexpectedErrorReplies = 0;   // errors our master's stream got (INFO stats)
    uint64_t dumpPayloadSanitizations = 0; // packed blobs loaded under sanitize-dump-payload
    // The clients' reply buffers resized (server/reply_buffer.cpp).
    uint64_t replyBufferShrinks = 0;
    uint64_t replyBufferExpands = 0;
    uint64_t dirty = 0;                         // changes since the last successful save
    std::map<std::string, uint64_t> errorCodes; // "ERR", "WRONGTYPE": errorstats
    // Instantaneous ops/s: samples of commandsProcessed taken by the cron.
    std::vector<std::pair<int64_t, uint64_t>> opsSamples;
    std::vector<std::pair<int64_t, uint64_t>> netInSamples;
    std::vector<std::pair<int64_t, uint64_t>> netOutSamples;
    std::vector<std::pair<int64_t, uint64_t>> netReplInSamples;
    std::vector<std::pair<int64_t, uint64_t>> netReplOutSamples;
};

struct SlowlogEntry
{
    uint64_t id;
    int64_t timestamp; // unix seconds
    int64_t durationUs;
    std::vector<std::string> argv;
    std::string peer;
    std::string clientName;
};

class Server
{
public:
    Server();
    ~Server();

    // Binds listeners; false with a message if a socket cannot be created.
    bool init(const ServerConfig &config, std::string *error);
    void run();             // on the loop thread until shutdown
    void requestShutdown(); // thread-safe
    // From a SIGINT/SIGTERM handler (async-signal-safe): wakes the loop, which then shuts
    // down saving or not as shutdown-on-sigint / shutdown-on-sigterm say, or refuses (logged)
    // when persistence cannot stop yet (Persistence::mayShutdown), and keeps serving.
    void requestShutdownBySignal(int signal);
    // SHUTDOWN's and a signal's common prologue, as Redis 7.0's prepareForShutdown: logs the
    // request, asks persistence whether it may stop (`force`: FORCE), and on success sets the
    // final save mode and stops the loop. False (logged): the server keeps running.
    bool beginShutdown(int64_t flags);
    void closeListeners();
    // After run() returned: every client sees its connection end and no new one is taken
    // (the embedded engine's Server outlives its loop until EmbeddedServer::stop(); its
    // clients must not wait on a loop that stopped on a panic or SHUTDOWN).
    void endConnections();
    // CONFIG SET of tls-* (server/tls_listener.cpp): new contexts from the current config,
    // and the tls-port listener moved when it changed; on failure the old ones stay, with
    // the parameter to blame and Redis's reply.
    bool applyTlsConfig(const ServerConfig &before, std::string *failedName, std::string *error);
    // The context our outgoing replication link uses with tls-replication yes.
    SSL_CTX *tlsClientContext() const { return m_tls.client.get(); }

    ServerConfig &config() { return m_config; }
    HashLimits hashLimits() const
    {
        return {static_cast<size_t>(m_config.hashMaxListpackEntries),
                static_cast<size_t>(m_config.hashMaxListpackValue)};
    }
    // list-max-listpack-size, the fill new lists take (storage/packed_list.h).
    int listFill() const { return static_cast<int>(m_config.listMaxListpackSize); }
    // list-compress-depth, which a list takes when it is created (clamped by PackedList).
    int listCompressDepth() const
    {
        return static_cast<int>(std::min<int64_t>(m_config.listCompressDepth, INT32_MAX));
    }
    // zset-max-listpack-entries / -value as the sorted sets take them.
    ZsetLimits zsetLimits() const
    {
        return {static_cast<size_t>(m_config.zsetMaxListpackEntries),
                static_cast<size_t>(m_config.zsetMaxListpackValue)};
    }
    EventLoop &loop() { return m_loop; }
    Database &db(int index) { return *m_dbs[static_cast<size_t>(index)]; }
    int dbCount() const { return static_cast<int>(m_dbs.size()); }
    ServerStats &stats() { return m_stats; }
    std::vector<CommandStats> &commandStats() { return m_commandStats; }
    // LATENCY HISTOGRAM of subcommands ("config|get"), which Redis 7.0 keeps per subcommand.
    std::map<std::string, LatencyHistogram> &subcommandLatency() { return m_subcommandLatency; }
    std::mt19937_64 &random() { return m_random; }

    int boundTcpPort() const { return m_boundPort; }
    // io-threads > 1 and enough clients with replies to send (INFO io_threads_active).
    bool ioThreadsActive() const { return m_ioThreadsActive; }
    const std::string &unixSocketPath() const { return m_config.unixSocket; }
    const std::string &runId() const { return m_runId; }
    int64_t startTimeMs() const { return m_startTimeMs; }
    static int64_t wallClockMs();
    // Microseconds since the epoch: one read gives a command both its time and the start
    // of its duration, as Redis's ustime() does in call().
    static int64_t wallClockUs();
    // Wall clock read once when the loop woke up: for bookkeeping that needs no better
    // (a client's last interaction), so a request costs no clock read of its own.
    int64_t loopTimeMs() const { return m_loopTimeMs; }

    // Clients.
    const std::unordered_map<uint64_t, std::unique_ptr<Client>> &clients() const
    {
        return m_clients;
    }
    Client *clientById(uint64_t id);
    void scheduleClose(Client &client); // closes at the end of the loop iteration
    void queueWrite(Client &client);
    size_t blockedClientCount() const;

    // Access control (server_acl.cpp): ACL users from the config or aclfile, requirepass,
    // rename-command and protected mode.
    Acl &acl() { return *m_acl; }
    bool initAccessControl(std::string *error);
    // The command a client's name refers to once rename-command applied; nullptr if none.
    const CommandSpec *lookupCommand(std::string_view name) const;
    // False with the NOPERM text (and an ACL LOG entry) when the client's user may not run
    // argv.
    bool aclAllows(Client &client, const CommandSpec &spec, const SubcommandSpec *sub,
                   std::span<const std::string_view> argv, std::string *denial,
                   AclDenial *kind = nullptr);
    // Protected mode: a non-loopback TCP peer while the default user needs no password.
    bool protectedModeDenies(const Client &client) const;
    // Redis's notion of a local client: the Unix socket, or a TCP peer 127.0.0.1 or ::1.
    bool isLocalClient(const Client &client) const;
    bool protectedActionAllowed(const std::string &setting, const Client &client) const;
    // stop-writes-on-bgsave-error in force: the MISCONF error writes get, or "" when writes
    // are allowed (Redis's writeCommandsDeniedByDiskError for RDB).
    std::string_view diskErrorDenial() const;
    static const char *const kProtectedModeDenied;
    // Runs one command for a client (arity, auth, MULTI queueing, stats, slowlog).
    void processCommand(Client &client, std::span<const std::string_view> argv);
    void applyReplyMode(Client &client, size_t outputBefore);
    // Executes a resolved command (used by processCommand and EXEC). nowMs is the time the
    // command sees (EXEC gives all its commands the same one).
    void call(Client &client, const CommandSpec &spec, std::span<const std::string_view> argv,
              int64_t nowMs);

    // Hooks that command families use through CommandContext.
    void signalModifiedKey(int dbIndex, std::string_view key);
    void signalKeyAsReady(int dbIndex, std::string_view key);
    void notifyKeyspaceEvent(int eventClass, std::string_view event, std::string_view key,
                             int dbIndex);
    void propagate(int dbIndex, const std::vector<std::string> &argv);
    void propagateExpired(int dbIndex, const std::string &key);
    // True when propagate() has a consumer: the AOF or replicas.
    bool commandStreamWanted() const;

    // Blocking commands (blocking.cpp). A handler that finds nothing to serve calls
    // blockClient; when a watched key becomes ready the command is run again for the waiting
    // clients in arrival order, and on timeout the client gets a null (array or bulk).
    void blockClient(Client &client, std::vector<std::string> keys, int64_t timeoutMs,
                     bool nullArrayOnTimeout);
    void unblockClient(Client &client);
    // CLIENT UNBLOCK: ends a blocked client's wait as a timeout would, or with an UNBLOCKED
    // error; false when that client is not blocked.
    bool unblockClientOnRequest(uint64_t clientId, bool withError);
    // FLUSHDB/FLUSHALL/SWAPDB: every key waited on in that db is checked again (XREADGROUP
    // waiters learn that their stream is gone).
    void signalBlockedKeysOfDb(int dbIndex);
    // WATCH registry (transactions): a modified key flags every client watching it.
    void watchKey(Client &client, int dbIndex, std::string_view key);
    void unwatchAll(Client &client);
    // Marks every watcher of every key in a db as dirty (FLUSHDB, SWAPDB).
    void touchAllWatchedKeys(int dbIndex, bool onlyExisting = false);

    // Set while a blocked command is being run again because its key became ready.
    bool servingBlockedClient = false;
    // The key that became ready, while servingBlockedClient: BLMPOP/BZMPOP serve from it
    // alone, as Redis does, so an earlier key of another type is not a WRONGTYPE.
    std::string servingReadyKey;
    void feedMonitors(const Client &client, std::span<const std::string_view> argv, int dbIndex);
    // MONITOR: the client receives every later command as a status line.
    void addMonitor(Client &client);
    bool hasMonitors() const { return !m_monitors.empty(); }

    // CLIENT PAUSE: until endMs (wall clock) commands of clients (all of them, or only writes
    // with writesOnly) stay in their query buffers; processCommand marks the client paused
    // and processInput resumes it once the pause is over (checked before each sleep).
    void pauseClients(int64_t endMs, bool writesOnly);
    void unpauseClients();
    bool mustWaitForPause(const Client &client, const CommandSpec &spec) const;
    bool activeExpireEnabled = true; // DEBUG SET-ACTIVE-EXPIRE
    bool cronPaused = false;         // DEBUG PAUSE-CRON: the cron ticks and does nothing

    // Pub/sub registry (pubsub.cpp).
    size_t publish(std::string_view channel, std::string_view message);
    std::unordered_map<std::string, std::vector<Client *>> &channelSubscribers()
    {
        return m_channels;
    }
    std::map<std::string, std::vector<Client *>> &patternSubscribers() { return m_patterns; }
    std::unordered_map<std::string, std::vector<Client *>> &shardChannelSubscribers()
    {
        return m_shardChannels;
    }
    // SPUBLISH: an "smessage" to each subscriber of the shard channel; returns how many.
    size_t publishToShard(std::string_view channel, std::string_view message);
    void unsubscribeAll(Client &client, bool notify);

    // Slowlog.
    std::deque<SlowlogEntry> &slowlog() { return m_slowlog; }
    uint64_t &nextSlowlogId() { return m_nextSlowlogId; }

    // Latency monitor: event name -> (samples of (unix s, ms)), max.
    struct LatencyEvent
    {
        std::deque<std::pair<int64_t, int64_t>> samples;
        int64_t maxMs = 0;
    };
    std::map<std::string, LatencyEvent> &latencyEvents() { return m_latency; }
    void recordLatency(const std::string &event, int64_t ms);

    // RDB/AOF persistence (persistence/persistence.h); created with the server.
    Persistence &persistence() { return *m_persistence; }
    // Master-replica replication (replication/replication.h); created with the server.
    Replication &replication() { return *m_replication; }

    // Dirty-tracking hook for persistence: called when a write command changed the dataset.
    uint64_t lastSaveTime = 0;

    // Memory accounting for INFO: the keyspace's running total plus client buffers.
    size_t usedMemoryEstimate() const;
    // INFO memory's peak and start-up figures, on the same accounting: the peak is sampled by
    // the cron and by INFO, as Redis samples it.
    size_t usedMemoryPeak();
    size_t usedMemoryStartup() const { return m_usedMemoryStartup; }
    // What the clients hold (structures, query and output buffers): mem_clients_normal.
    size_t clientsMemory() const;
    // An error reply to the AOF loader: counted and logged (Redis's "== CRITICAL ==" line),
    // since it means this server's data differs from its source (our master's: see
    // masterCommandFailed).
    void noteUnexpectedError(const Client &client, size_t replyStart = 0);
    // Lazy freeing (server/lazy_free.h); applyLazyFreeConfig points the databases at it as
    // lazyfree-lazy-expire and lazyfree-lazy-server-del say (start-up and CONFIG SET).
    LazyFree &lazyFree() { return *m_lazyFree; }
    void applyLazyFreeConfig();
    // INFO stats' total_forks and latest_fork_usec: called by the parent after each fork.
    void noteFork(std::chrono::steady_clock::time_point started);
    // One client's share of it: CLIENT LIST's tot-mem, what client eviction compares.
    static size_t clientMemory(const Client &client);
    // DEBUG REPLYBUFFER (server/reply_buffer.cpp): peak-reset-time in ms (negative: never),
    // its default back, resizing on or off; INFO clients' recent largest buffers.
    void setReplyBufferPeakResetTime(int64_t ms);
    void resetReplyBufferPeakResetTime();
    void setReplyBufferResizing(bool on) { m_replyResizing = on; }
    size_t recentMaxInputBuffer() const;
    size_t recentMaxOutputBuffer() const;
    // The process's resident set from /proc/self/statm (Linux), which INFO memory and
    // MEMORY STATS compare the estimate with (fragmentation ratio).
    static size_t residentSetBytes();
    // The cron's frequency (INFO's hz): configured hz, doubled while there are more than 200
    // clients per tick when dynamic-hz is on (up to 500), as Redis adapts it.
    int64_t effectiveHz() const { return m_effectiveHz; }
    // maxmemory-clients in bytes (a percentage is of maxmemory); 0: no client eviction.
    size_t clientEvictionLimit() const;
    // maxmemory, eviction and per-key access data (server/eviction.cpp).
    Evictor &evictor() { return *m_evictor; }
    Tracking &tracking() { return *m_tracking; }
    // MIGRATE's cached links to its targets (server/migrate_cache.h).
    MigrateSocketCache &migrateSockets() { return *m_migrateSockets; }
    // client-output-buffer-limit (server/output_limits.cpp): true when the client's pending
    // output broke its class's limit; it is then scheduled to close, its output dropped.
    bool outputBufferLimitReached(Client &client);

    // Lua scripting and functions (scripting/script_engine.h), created on first use;
    // scriptingIfCreated() is nullptr until then (RDB saves need no interpreter).
    ScriptEngine &scripting();
    ScriptEngine *scriptingIfCreated() { return m_scripting.get(); }
    // While a script runs, the writes it makes are collected here instead of reaching the
    // AOF one by one (the script engine then feeds them, wrapped in MULTI/EXEC if several).
    std::vector<std::pair<int, std::vector<std::string>>> *propagationCapture = nullptr;
    // From a long script's hook: serve other clients' events once (they get BUSY).
    void processEventsWhileBlocked();

    void log(int level, const std::string &message);
    enum LogLevel { LogDebug = 0, LogVerbose = 1, LogNotice = 2, LogWarning = 3 };
    // A replica that can no longer apply its master's stream faithfully stops, as Redis
    // panics: a crash report in the log (server/crash_report.h), then the process aborts (or
    // exits with status 1 under use-exit-on-panic). Inside the app (abortOnPanic false: the
    // embedded engine) the engine's loop stops without saving instead of taking the program
    // with it. Callers stop processing the client that caused it. `file` and `line` are the
    // report's file:line, the caller's (builtins rather than std::source_location, which
    // Debian 12's clang 14, the fuzz build's compiler, cannot compile with libstdc++ 12).
    void panic(const std::string &why, const char *file = __builtin_FILE(),
               int line = __builtin_LINE());
    bool abortOnPanic = true;
    // Why run() returned, for the embedded engine's owner (EmbeddedServer::stopReport): its
    // owner's stop (the default), SHUTDOWN (detail: the command as given), or a panic (detail:
    // its message; the first one counts). Written on the loop thread before run() returns.
    enum class EndCause { Stop, Shutdown, Panic };
    EndCause endCause = EndCause::Stop;
    std::string endDetail;
    // init() refused a file it could not load: the RDB file, or the AOF directory.
    std::string loadFailedFile;
    // The embedded engine's end after a panic or DEBUG SEGFAULT: the loop stops, no save;
    // `why` becomes the stop report's detail (the first panic counts).
    void haltEmbedded(const std::string &why);
    // The client whose command call() is running and its arguments (nullptr between
    // commands): the crash report's CURRENT CLIENT INFO.
    const Client *runningClient = nullptr;
    std::span<const std::string_view> runningArgv;

private:
    friend struct NetworkHandlers;
    int64_t m_lastDiskErrorWarningMs = 0; // replica-ignore-disk-write-errors' warning, 1 per 10 s
    // A command of our master's stream answered with an error (the reply at outputBefore).
    void masterCommandFailed(Client &client, size_t outputBefore,
                             std::span<const std::string_view> argv);
    friend class Replication; // adopts the master link as a client, resumes WAIT clients
    static void onAccept(EventLoop &loop, int fd, void *context, uint32_t mask);
    static void onClientEvent(EventLoop &loop, int fd, void *context, uint32_t mask);
    static void onCron(EventLoop &loop, void *context);
    static void onBeforeSleep(EventLoop &loop, void *context);
    static void onAfterSleep(EventLoop &loop, void *context);
    void callTimed(Client &client, const CommandSpec &spec, std::span<const std::string_view> argv,
                   int64_t nowMs, int64_t startUs);

    bool listenTcp(std::string *error);
    bool listenUnix(std::string *error);
    bool openTcpListeners(int64_t port, std::vector<int> *fds, std::string *error);
    void acceptClient(int listenFd, bool isUnix, bool tls = false);
    // The tls-port listener and its clients' events (server/tls_listener.cpp).
    bool listenTls(std::string *error);
    void closeTlsListeners();
    static void onTlsAccept(EventLoop &loop, int fd, void *context, uint32_t mask);
    void tlsClientEvent(Client &client, uint32_t mask);
    static ssize_t readTls(TlsConnection &tls, std::vector<char> &buffer, size_t chunk);
    void readFromClient(Client &client);
    void processInput(Client &client);
    bool writeToClient(Client &client);
    void freeClient(Client &client);
    void flushPendingWrites();
    void freeClosedClients();
    // After bytes were appended to the query buffer: limit check, then the commands.
    void inputArrived(Client &client);
    // A write's outcome on the main thread: event interest, buffer release, closing.
    // Returns false when the client was closed.
    bool finishWrite(Client &client, SendResult result);
    // io-threads (server/io_threads.h; the phases are in networking.cpp).
    struct IoSlot
    {
        std::vector<char> readBuffer;
        uint64_t inputBytes = 0, outputBytes = 0, replOutputBytes = 0, reads = 0, writes = 0;
    };
    void startIoThreads();
    bool postponeRead(Client &client);
    void readPendingThreaded();
    bool flushPendingWritesThreaded();
    void addIoCounters();
    static void threadedRead(void *context, int slot, Client &client);
    static void threadedWrite(void *context, int slot, Client &client);
    void cron();
    void handleClientTimeouts(int64_t nowMs);
    // The clients' reply buffer sizes (server/reply_buffer.cpp).
    void initReplyBuffer(Client &client, int64_t nowMs);
    void releaseBigReplyBuffer(Client &client);
    void resizeReplyBuffers(int64_t nowMs);
    void resizeReplyBuffer(Client &client, int64_t nowMs);
    void handleBlockedTimeouts(int64_t nowMs);
    bool serveStreamWaiter(uint64_t clientId, int dbIndex, const std::string &key);
    void serveReadyKeys();
    void sampleInstantaneous(int64_t nowMs);

    ServerConfig m_config;
    EventLoop m_loop;
    std::vector<std::unique_ptr<Database>> m_dbs;
    std::unordered_map<uint64_t, std::unique_ptr<Client>> m_clients;
    std::vector<Client *> m_clientsByFd;
    std::vector<char> m_readBuffer; // shared by all reads (one loop thread)
    std::vector<uint64_t> m_pendingWrites;
    // io-threads > 1 only: the pool (null with io-threads 1, where nothing below is used),
    // whether threaded I/O is on now, the clients whose reads wait for the threaded read phase
    // of the next beforeSleep, the batch handed to the threads, and one slot per thread.
    std::unique_ptr<IoThreads> m_ioThreads;
    bool m_ioThreadsActive = false;
    std::vector<uint64_t> m_pendingReads;
    std::vector<Client *> m_ioBatch;
    std::vector<IoSlot> m_ioSlots;
    std::vector<uint64_t> m_pendingClose;
    std::vector<int> m_listenFds;
    std::vector<bool> m_listenIsUnix;
    std::vector<int> m_tlsListenFds;
    TlsContexts m_tls; // empty while TLS is off (server/tls_config.h)
    int m_boundPort = 0;
    uint64_t m_nextClientId = 1;
    ServerStats m_stats;
    std::vector<CommandStats> m_commandStats;
    std::map<std::string, LatencyHistogram> m_subcommandLatency;
    std::mt19937_64 m_random;
    std::string m_runId;
    int64_t m_startTimeMs = 0;
    size_t m_usedMemoryPeak = 0;
    size_t m_usedMemoryStartup = 0;
    int64_t m_loopTimeMs = 0;
    std::unordered_map<std::string, std::vector<Client *>> m_channels;
    std::map<std::string, std::vector<Client *>> m_patterns;
    std::unordered_map<std::string, std::vector<Client *>> m_shardChannels;
    std::deque<SlowlogEntry> m_slowlog;
    uint64_t m_nextSlowlogId = 0;
    std::map<std::string, LatencyEvent> m_latency;
    std::vector<std::pair<int, std::string>> m_readyKeys;
    // Clients unblocked by CLIENT UNBLOCK whose pipelined input is resumed before sleeping.
    std::vector<uint64_t> m_unblockedToResume;
    // (db, key) -> ids of clients blocked on it, in arrival order.
    std::map<std::pair<int, std::string>, std::deque<uint64_t>> m_blockedByKey;
    std::map<std::pair<int, std::string>, std::vector<uint64_t>> m_watchedKeys;
    std::vector<uint64_t> m_monitors;
    int m_cronTimer = 0;
    int m_activeExpireDb = 0;
    int64_t m_effectiveHz = 10;
    // Reply buffers (server/reply_buffer.cpp): the cron's visiting order (client ids, newest
    // at the back), DEBUG REPLYBUFFER's settings, INFO clients' per-second maxima.
    std::deque<uint64_t> m_cronClientOrder;
    int64_t m_replyPeakResetMs = 5000; // -1: never
    bool m_replyResizing = true;
    static constexpr size_t kRecentSlots = 8;
    std::array<size_t, kRecentSlots> m_recentMaxInput{};
    std::array<size_t, kRecentSlots> m_recentMaxOutput{};
    // maxmemory-clients: closes the clients holding the most memory until the rest fit.
    void evictClients();
    // activerehashing: up to 1 ms of rehash steps on one database per cron tick.
    void rehashActively(Database &database);
    int64_t m_pauseEndMs = 0; // CLIENT PAUSE deadline, 0: not paused
    bool m_pauseWritesOnly = false;
    void resumePausedClients();
    std::unique_ptr<Persistence> m_persistence;
    std::unique_ptr<Replication> m_replication;
    std::atomic<int> m_shutdownSignal{0};
    void handleShutdownSignal(); // before sleep: a pending SIGINT/SIGTERM
    std::unique_ptr<Acl> m_acl = std::make_unique<Acl>();
    std::unordered_map<std::string, const CommandSpec *> m_renamedCommands; // lowercase name
    std::vector<bool> m_hiddenCommands; // per table row: renamed away or disabled
    std::unique_ptr<Evictor> m_evictor;
    std::unique_ptr<Tracking> m_tracking;
    std::unique_ptr<MigrateSocketCache> m_migrateSockets;
    std::unique_ptr<ScriptEngine> m_scripting;
    // Last member: destroyed (its thread joined, its queue freed) before the databases' owner
    // goes; declared after them, it is destroyed first.
    std::unique_ptr<LazyFree> m_lazyFree = std::make_unique<LazyFree>();
};

} // namespace redscope::engine
