// Server life cycle and command execution: init (databases, listeners, cron), the cron
// (active expiry, client timeouts, instantaneous metrics), and processCommand/call, the one
// path every command takes: lookup, arity, auth, pub/sub context, MULTI queueing, then the
// handler, timed for INFO commandstats, SLOWLOG and LATENCY, and fed to MONITOR clients.
#include "server/server.h"

#include "commands/command_context.h"
#include "commands/command_info_table.h"
#include "commands/handlers.h"
#include "persistence/persistence.h"
#include "replication/replication.h"
#include "scripting/script_engine.h"
#include "server/crash_report.h"
#include "server/eviction.h"
#include "server/log_syslog.h"
#include "server/migrate_cache.h"
#include "server/tls_config.h"
#include "server/watchdog.h"
#include "util/strings.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sys/socket.h>
#include <unistd.h>

namespace redscope::engine {

Server::Server()
    : m_random(std::random_device{}())
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 40; ++i)
        m_runId += hex[m_random() % 16];
    m_persistence = std::make_unique<Persistence>(*this);
    m_replication = std::make_unique<Replication>(*this);
    m_evictor = std::make_unique<Evictor>(*this);
    m_tracking = std::make_unique<Tracking>(*this);
    m_migrateSockets = std::make_unique<MigrateSocketCache>();
}

Server::~Server()
{
    m_scripting.reset();   // closes the Lua interpreters while the server is whole
    m_replication.reset(); // its child and sockets, while the loop still exists
    for (auto &entry : m_clients) {
        m_loop.unwatch(entry.second->fd);
        close(entry.second->fd);
    }
    m_clients.clear();
    closeListeners();
}

int64_t Server::wallClockMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t Server::wallClockUs()
{
    timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

bool Server::init(const ServerConfig &config, std::string *error)
{
    m_config = config;
    openSyslog(m_config); // syslog-enabled yes: before anything is logged, as Redis does
    if (!m_loop.valid()) {
        *error = "Could not create the event loop (epoll)";
        return false;
    }
    // What redis-server would start and the engine does not run: a cluster node. Refused
    // rather than started as something else.
    if (m_config.clusterEnabled) {
        *error = "cluster-enabled yes: this server is not a Redis Cluster node; run it with "
                 "cluster-enabled no";
        return false;
    }
    if (std::string why; !buildTlsContexts(m_config, &m_tls, &why)) {
        *error = "TLS: " + why;
        return false;
    }
    m_dbs.clear();
    for (int i = 0; i < m_config.databases; ++i) {
        auto database = std::make_unique<Database>(i);
        database->onLazyExpire = [this](Database &db, const std::string &key) {
            ++m_stats.expiredKeys;
            notifyKeyspaceEvent(NotifyExpired, "expired", key, db.index());
            signalModifiedKey(db.index(), key);
            propagateExpired(db.index(), key);
        };
        database->keepsExpired = [this] {
            return m_replication->isReplica() && m_config.replicaReadOnly;
        };
        m_dbs.push_back(std::move(database));
    }
    applyLazyFreeConfig();
    m_commandStats.assign(CommandTable::instance().all().size(), CommandStats{});
    m_startTimeMs = wallClockMs();
    if (!initAccessControl(error)) return false;
    lastSaveTime = static_cast<uint64_t>(m_startTimeMs / 1000);
    if (!listenTcp(error) || !listenUnix(error) || !listenTls(error)) {
        closeListeners();
        return false;
    }
    if (m_config.port == 0 && m_config.unixSocket.empty() && m_config.tlsPort == 0) {
        *error = "Neither TCP (port) nor a Unix socket is configured";
        return false;
    }
    // Clients are accepted while the RDB/AOF loads, as by redis-server: the load serves them
    // now and then (loading-process-events-interval-bytes) and they get -LOADING until it
    // ends. A bad file refuses the start, never half-loads.
    for (int fd : m_listenFds)
        m_loop.watch(fd, EventLoop::Readable, &Server::onAccept, this);
    for (int fd : m_tlsListenFds)
        m_loop.watch(fd, EventLoop::Readable, &Server::onTlsAccept, this);
    if (!m_persistence->loadAtStartup(error)) {
        loadFailedFile = m_persistence->startupFile();
        closeListeners();
        return false;
    }
    m_effectiveHz = m_config.hz;
    m_cronTimer = m_loop.addTimer(1000 / m_effectiveHz, &Server::onCron, this);
    m_loop.setBeforeSleep(&Server::onBeforeSleep, this);
    m_loop.setAfterSleep(&Server::onAfterSleep, this);
    m_loop.setBusyPollUs(m_config.busyPollUs); // a start-up setting (config.h)
    m_loopTimeMs = wallClockMs();
    m_replication->start();
    m_usedMemoryStartup = m_usedMemoryPeak = usedMemoryEstimate();
    startIoThreads(); // io-threads > 1 (networking.cpp)
    return true;
}

void Server::run()
{
    // On the loop's own thread, which the watchdog's timer signals (server/watchdog.h).
    if (m_config.watchdogPeriod)
        m_config.watchdogPeriod = applyWatchdogPeriod(*this, m_config.watchdogPeriod);
    m_loop.run();
    if (m_config.watchdogPeriod) stopWatchdog();
    m_persistence->onShutdown(); // final save / AOF fsync on a clean stop
}

bool Server::beginShutdown(int64_t flags)
{
    log(LogWarning, "User requested shutdown...");
    if (!m_persistence->mayShutdown(flags & ShutdownForce)) {
        log(LogWarning, "Errors trying to shut down the server. Check the logs for more "
                        "information.");
        return false;
    }
    using Mode = Persistence::ShutdownSave;
    m_persistence->setShutdownSave((flags & ShutdownSave)     ? Mode::Save
                                   : (flags & ShutdownNoSave) ? Mode::NoSave
                                                              : Mode::Default);
    requestShutdown();
    return true;
}

// Redis's signal handler only schedules the shutdown; its cron then runs the same checks as
// SHUTDOWN does and, when they fail, forgets the signal and keeps serving.
void Server::handleShutdownSignal()
{
    const int signal = m_shutdownSignal.exchange(0);
    if (!signal) return;
    const int64_t flags = signal == SIGINT ? m_config.shutdownOnSigint : m_config.shutdownOnSigterm;
    beginShutdown(flags);
}

void Server::requestShutdown()
{
    m_loop.stop();
}

void Server::endConnections()
{
    for (auto &entry : m_clients)
        ::shutdown(entry.second->fd, SHUT_RDWR); // closed by the destructor
    closeListeners();
}

void Server::requestShutdownBySignal(int signal)
{
    m_shutdownSignal.store(signal);
    m_loop.wake();
}

void Server::onCron(EventLoop &, void *context)
{
    static_cast<Server *>(context)->cron();
}

void Server::onBeforeSleep(EventLoop &, void *context)
{
    auto *server = static_cast<Server *>(context);
    server->handleShutdownSignal();
    // io-threads-do-reads: the reads postponed by this iteration's events, then their commands.
    if (!server->m_pendingReads.empty()) server->readPendingThreaded();
    server->serveReadyKeys();
    server->resumePausedClients();
    server->evictClients();
    server->m_tracking->limitKeys(static_cast<size_t>(server->m_config.trackingTableMaxKeys));
    server->m_tracking->beforeSleep();    // BCAST invalidations of this turn
    server->m_persistence->beforeSleep(); // AOF reaches the file before any reply leaves
    server->m_replication->beforeSleep(); // WAIT and the replica's ACKs
    server->flushPendingWrites();
    server->freeClosedClients();
}

void Server::onAfterSleep(EventLoop &, void *context)
{
    static_cast<Server *>(context)->m_loopTimeMs = wallClockMs();
}

void Server::cron()
{
    // The software watchdog expires only if the next tick is a period late.
    if (m_config.watchdogPeriod) rearmWatchdog(m_config.watchdogPeriod);
    if (cronPaused) {
        // As Redis's serverCron under DEBUG PAUSE-CRON: no work, the next tick as usual.
        m_loop.removeTimer(m_cronTimer);
        m_cronTimer = m_loop.addTimer(1000 / m_effectiveHz, &Server::onCron, this);
        return;
    }
    int64_t now = wallClockMs();
    // Active expiry: a slice of the budget per call, rotating over the databases. At hz 10
    // and active-expire-effort 1 at most 25 ms a second; each step of effort adds 8%, as
    // Redis raises its slow cycle's share from 25% by 2 points per step.
    const int64_t effort = m_config.activeExpireEffort - 1;
    int64_t budgetUs = 25000 * (25 + 2 * effort) / 25 / m_effectiveHz;
    const auto expireStarted = std::chrono::steady_clock::now();
    size_t sampled = 0, expiredNow = 0;
    bool timeCapped = false;
    for (int i = 0; i < dbCount(); ++i) {
        Database &database = db((m_activeExpireDb + i) % dbCount());
        // DEBUG SET-ACTIVE-EXPIRE 0 and CLIENT PAUSE both stop active expiry, as in Redis.
        // A replica waits for its master's DELs, as Redis's replicas do.
        if (database.expiresCount() == 0 || !activeExpireEnabled || m_pauseEndMs > now ||
            m_replication->isReplica())
            continue;
        expiredNow += database.activeExpireCycle(
            now, budgetUs,
            [&](const std::string &key) {
                ++m_stats.expiredKeys;
                notifyKeyspaceEvent(NotifyExpired, "expired", key, database.index());
                signalModifiedKey(database.index(), key);
                propagateExpired(database.index(), key);
            },
            &sampled, &timeCapped);
    }
    if (activeExpireEnabled && !m_replication->isReplica()) {
        const double stale = sampled ? static_cast<double>(expiredNow) / sampled : 0.0;
        m_stats.expiredStalePerc = stale * 0.05 + m_stats.expiredStalePerc * 0.95;
        if (timeCapped) ++m_stats.expiredTimeCapReached;
        m_stats.expireCycleUs +=
            static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                      std::chrono::steady_clock::now() - expireStarted)
                                      .count());
    }
    if (m_config.activeRehashing) rehashActively(db(m_activeExpireDb));
    m_activeExpireDb = (m_activeExpireDb + 1) % dbCount();
    handleClientTimeouts(now);
    resizeReplyBuffers(now);
    handleBlockedTimeouts(now);
    sampleInstantaneous(EventLoop::monotonicMs());
    usedMemoryPeak();
    m_persistence->cron();
    m_replication->cron();
    m_migrateSockets->closeIdle(now / 1000);
    // Keep the cron period in step with CONFIG SET hz and the number of clients.
    m_effectiveHz = std::max<int64_t>(m_config.hz, 1);
    if (m_config.dynamicHz) {
        while (static_cast<int64_t>(m_clients.size()) / m_effectiveHz > 200) {
            m_effectiveHz *= 2;
            if (m_effectiveHz > 500) {
                m_effectiveHz = 500;
                break;
            }
        }
    }
    m_loop.removeTimer(m_cronTimer);
    m_cronTimer = m_loop.addTimer(1000 / m_effectiveHz, &Server::onCron, this);
}

void Server::rehashActively(Database &database)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1);
    while (database.keys().rehashStep(100) || database.expires().rehashStep(100)) {
        if (std::chrono::steady_clock::now() >= deadline) break;
    }
}

void Server::applyLazyFreeConfig()
{
    m_lazyFree->setCpuList(m_config.bioCpulist);
    for (auto &database : m_dbs) {
        database->expiredValuesTo = m_config.lazyfreeLazyExpire ? m_lazyFree.get() : nullptr;
        database->replacedValuesTo = m_config.lazyfreeLazyServerDel ? m_lazyFree.get() : nullptr;
    }
}

void Server::noteUnexpectedError(const Client &client, size_t replyStart)
{
    ++m_stats.unexpectedErrorReplies;
    std::string error = client.output.substr(replyStart + 1);
    error = error.substr(0, error.find("\r\n"));
    log(LogWarning, std::string("== CRITICAL == This ") +
                        (client.isMaster ? "replica is sending an error to its master"
                                         : "server is sending an error to its AOF-loading-client") +
                        ": '" + error + "' after processing the command '" + client.lastCommand +
                        "'");
}

void Server::noteFork(std::chrono::steady_clock::time_point started)
{
    ++m_stats.totalForks;
    m_stats.latestForkUs = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::steady_clock::now() - started)
                               .count();
}

// As in Redis, never below 128 KiB: a tiny limit must not cut every client off the server.
size_t Server::clientEvictionLimit() const
{
    size_t limit = 0;
    if (m_config.maxMemoryClients > 0)
        limit = static_cast<size_t>(m_config.maxMemoryClients);
    else if (m_config.maxMemoryClients < 0 && m_config.maxMemory > 0)
        limit = static_cast<size_t>(m_config.maxMemory) *
                static_cast<size_t>(-m_config.maxMemoryClients) / 100;
    else
        return 0;
    return std::max<size_t>(limit, 128 * 1024);
}

// Like Redis, masters, replicas and CLIENT NO-EVICT clients are never evicted; the others
// are closed biggest first. O(clients log clients), and only when a limit is set.
void Server::evictClients()
{
    const size_t limit = clientEvictionLimit();
    if (limit == 0) return;
    std::vector<std::pair<size_t, Client *>> candidates;
    size_t total = 0;
    for (auto &entry : m_clients) {
        Client &client = *entry.second;
        if (client.isMaster || client.replState != Client::ReplState::None || client.noEvict ||
            client.closeNow)
            continue;
        const size_t bytes = clientMemory(client);
        total += bytes;
        candidates.emplace_back(bytes, &client);
    }
    if (total <= limit) return;
    std::sort(candidates.begin(), candidates.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[bytes, client] : candidates) {
        if (total <= limit) break;
        total -= bytes;
        log(LogVerbose, "Evicting client: " + client->peerAddress);
        client->closeNow = true;
        scheduleClose(*client);
        ++m_stats.evictedClients;
    }
}

void Server::handleClientTimeouts(int64_t nowMs)
{
    if (m_config.timeout <= 0) return;
    for (auto &entry : m_clients) {
        Client &client = *entry.second;
        // Like Redis: subscribers and blocked clients are not timed out as idle.
        if (client.inPubSubMode() || client.blocked || client.monitor || client.paused ||
            client.isMaster || client.replState != Client::ReplState::None)
            continue;
        if (nowMs - client.lastInteractionMs > m_config.timeout * 1000) {
            log(LogVerbose, "Closing idle client " + client.peerAddress);
            client.closeNow = true;
            scheduleClose(client);
        }
    }
}

void Server::sampleInstantaneous(int64_t monotonicNow)
{
    auto push = [monotonicNow](std::vector<std::pair<int64_t, uint64_t>> &samples, uint64_t value) {
        samples.emplace_back(monotonicNow, value);
        if (samples.size() > 16) samples.erase(samples.begin());
    };
    push(m_stats.opsSamples, m_stats.commandsProcessed);
    push(m_stats.netInSamples, m_stats.netInputBytes);
    push(m_stats.netOutSamples, m_stats.netOutputBytes);
    push(m_stats.netReplInSamples, m_stats.netReplInputBytes);
    push(m_stats.netReplOutSamples, m_stats.netReplOutputBytes);
}

size_t Server::blockedClientCount() const
{
    size_t count = 0;
    for (const auto &entry : m_clients)
        if (entry.second->blocked) ++count;
    return count;
}

size_t Server::usedMemoryEstimate() const
{
    return m_evictor->datasetMemory() + clientsMemory() + m_replication->backlogMemory();
}

size_t Server::clientsMemory() const
{
    size_t bytes = 0;
    for (const auto &entry : m_clients)
        bytes += clientMemory(*entry.second);
    return bytes;
}

size_t Server::clientMemory(const Client &client)
{
    // As Redis's tot-mem: the reply buffer's size and the reply list (omem), not the string's
    // capacity, which may keep the room of the last big reply until the cron trims it.
    return sizeof(Client) + client.input.capacity() + client.replyLayout.bufSize +
           client.replyLayout.outputMemory();
}

size_t Server::usedMemoryPeak()
{
    m_usedMemoryPeak = std::max(m_usedMemoryPeak, usedMemoryEstimate());
    return m_usedMemoryPeak;
}

size_t Server::residentSetBytes()
{
    std::ifstream statm("/proc/self/statm");
    size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

void Server::log(int level, const std::string &message)
{
    static const int configured[] = {LogDebug, LogVerbose, LogNotice, LogWarning, LogWarning + 1};
    static const char *names[] = {"debug", "verbose", "notice", "warning", "nothing"};
    int threshold = LogNotice;
    for (int i = 0; i < 5; ++i)
        if (m_config.logLevel == names[i]) threshold = configured[i];
    if (level < threshold) return;
    if (m_config.syslogEnabled) sendToSyslog(level, message);
    char stamp[64];
    auto now = std::chrono::system_clock::now();
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    int ms = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    std::strftime(stamp, sizeof stamp, "%d %b %Y %H:%M:%S", &local);
    const char marks[] = {'.', '-', '*', '#'};
    char line[128];
    std::snprintf(line, sizeof line, "%d:M %s.%03d %c ", static_cast<int>(getpid()), stamp, ms,
                  marks[std::min(level, 3)]);
    if (m_config.logFile.empty()) {
        std::fprintf(stderr, "%s%s\n", line, message.c_str());
    } else {
        std::ofstream out(m_config.logFile, std::ios::app);
        out << line << message << '\n';
    }
}

// ---------------------------------------------------------------------------------------
// Command execution

namespace {

bool allowedInSubscribeContext(const CommandSpec &spec)
{
    return (spec.flags & CmdAllowInSubscribe) != 0;
}

bool isTransactionControl(const CommandSpec &spec)
{
    std::string_view name = spec.name;
    return name == "exec" || name == "discard" || name == "multi" || name == "watch" ||
           name == "quit" || name == "reset";
}

// Redis's is_write_command: a write, or an EXEC whose queue holds one.
bool isWriteCommand(const Client &client, const CommandSpec &spec)
{
    if (spec.flags & CmdWrite) return true;
    if (std::string_view(spec.name) != "exec" || !client.inMulti) return false;
    for (const QueuedCommand &queued : client.multiQueue)
        if (queued.spec->flags & CmdWrite) return true;
    return false;
}

// A command's own flags, a container's subcommand's when it has them (CONFIG GET is allowed
// while loading, CONFIG as such has no flags).
uint32_t effectiveFlags(const CommandSpec &spec, std::span<const std::string> argv)
{
    if (argv.size() < 2 || !CommandTable::subcommands(spec)) return spec.flags;
    const SubcommandSpec *sub = CommandTable::findSubcommand(spec, argv[1]);
    if (!sub) return spec.flags;
    const SubcommandInfo *info = subcommandInfo(std::string(spec.name) + "|" + sub->name);
    return info ? info->flags : spec.flags;
}

// While a replica loads its master's RDB, as Redis 7.0's processCommand: commands not flagged
// loading are refused (loading), or those flagged no-async-loading (async_loading, the old
// data still served); an EXEC by what it queued. Only reached while loading.
bool refusedWhileLoading(const Client &client, const CommandSpec &spec, uint32_t flags, bool async)
{
    const auto denied = [async](uint32_t f) {
        return async ? (f & CmdNoAsyncLoading) != 0 : (f & CmdLoading) == 0;
    };
    if (denied(flags)) return true;
    if (std::string_view(spec.name) != "exec" || !client.inMulti) return false;
    for (const QueuedCommand &queued : client.multiQueue)
        if (denied(effectiveFlags(*queued.spec, queued.argv))) return true;
    return false;
}

void rejectCommand(Server &server, Client &client, const CommandSpec *spec, std::string_view text)
{
    if (spec) ++server.commandStats()[CommandTable::instance().indexOf(spec)].rejectedCalls;
    if (client.inMulti) client.multiAborted = true;
    std::string abort;
    if (spec && std::string_view(spec->name) == "exec") {
        // Like Redis, a refused EXEC (EXEC x) discards the transaction, MULTI or not.
        client.inMulti = false;
        client.multiAborted = false;
        client.multiQueue.clear();
        server.unwatchAll(client);
        if (text.starts_with("ERR ")) text.remove_prefix(4);
        abort = "EXECABORT Transaction discarded because of: " + std::string(text);
        text = abort;
    }
    client.reply.error(text);
    ++server.stats().totalErrorReplies;
    std::string_view code = text.substr(0, text.find(' '));
    ++server.stats().errorCodes[std::string(code)];
}

} // namespace

std::string_view Server::diskErrorDenial() const
{
    if (!m_config.stopWritesOnBgsaveError || m_config.savePoints.empty() ||
        m_persistence->lastBgsaveOk())
        return {};
    return "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to "
           "persist to disk. Commands that may modify the data set are disabled, because this "
           "instance is configured to report errors during writes if RDB snapshotting fails "
           "(stop-writes-on-bgsave-error option). Please check the Redis logs for details about "
           "the RDB error.";
}

// enable-debug-command (and Redis's other "protected action" switches): "yes", "local" for
// local clients only, or "no". Internal clients without a socket (the AOF replay's) are not
// gated: Redis runs an AOF's commands without these checks.
bool Server::protectedActionAllowed(const std::string &setting, const Client &client) const
{
    if (client.fd < 0 && !client.scriptClient) return true;
    return setting == "yes" || (setting == "local" && isLocalClient(client));
}

void Server::processCommand(Client &client, std::span<const std::string_view> argv)
{
    client.reply.setProtocol(client.protocol);
    // Most clients send the same command again and again (a benchmark, a loader): a
    // case-insensitive compare with the previous one is cheaper than hashing the name.
    // Renamed commands (rename-command) always take the full lookup.
    const CommandSpec *spec = nullptr;
    if (!m_hiddenCommands.empty())
        spec = lookupCommand(argv[0]);
    else if (client.lastSpec && equalsIgnoreCase(argv[0], client.lastSpec->name))
        spec = client.lastSpec;
    else
        spec = CommandTable::instance().find(argv[0]);
    if (!spec) {
        std::string text = "ERR unknown command '" + std::string(argv[0].substr(0, 128)) +
                           "', with args beginning with: ";
        for (size_t i = 1; i < argv.size() && text.size() < 256; ++i)
            text += "'" + std::string(argv[i].substr(0, 128)) + "' ";
        rejectCommand(*this, client, nullptr, text);
        return;
    }
    if (spec != client.lastSpec) {
        client.lastCommand = spec->name;
        client.lastSpec = spec;
    }
    // Container commands (CONFIG, CLIENT, OBJECT, ...): Redis 7.0 resolves the subcommand
    // here, so an unknown one or a wrong count never runs nor gets queued in MULTI.
    const SubcommandSpec *sub = nullptr;
    if (argv.size() >= 2 && CommandTable::subcommands(*spec)) {
        sub = CommandTable::findSubcommand(*spec, argv[1]);
        if (!sub) {
            rejectCommand(*this, client, spec,
                          "ERR unknown subcommand '" + std::string(argv[1].substr(0, 128)) +
                              "'. Try " + toUpper(spec->name) + " HELP.");
            return;
        }
        // CLIENT LIST's cmd= names the subcommand ("client|info"), as in Redis 7.0.
        client.lastCommand = std::string(spec->name) + "|" + sub->name;
        client.lastSpec = nullptr;
    }
    int arity = sub ? sub->arity : spec->arity;
    if ((arity > 0 && static_cast<int>(argv.size()) != arity) ||
        static_cast<int>(argv.size()) < -arity) {
        std::string name = sub ? std::string(spec->name) + "|" + sub->name : spec->name;
        rejectCommand(*this, client, spec,
                      "ERR wrong number of arguments for '" + name + "' command");
        return;
    }
    // enable-debug-command gates DEBUG (however it is renamed) before authentication, as in
    // Redis 7.0.
    if (spec->handler == cmdDebug && !protectedActionAllowed(m_config.enableDebugCommand, client)) {
        rejectCommand(*this, client, spec,
                      "ERR DEBUG command not allowed. If the enable-debug-command option is set "
                      "to \"local\", you can run it from a local connection, otherwise you need "
                      "to set this option in the configuration file, and then restart the server.");
        return;
    }
    if (!client.authenticated && !(spec->flags & CmdNoAuth)) {
        rejectCommand(*this, client, spec, "NOAUTH Authentication required.");
        return;
    }
    if (std::string denial; !aclAllows(client, *spec, sub, argv, &denial)) {
        rejectCommand(*this, client, spec, denial);
        return;
    }
    // maxmemory: evict first; out of memory, only commands that add no data still run.
    if (m_config.maxMemory > 0 && !client.isMaster && !m_evictor->makeRoom() &&
        Evictor::refusedWhenOutOfMemory(client, *spec)) {
        rejectCommand(*this, client, spec,
                      "OOM command not allowed when used memory > 'maxmemory'.");
        return;
    }
    // A failed background save stops writes (and PING, and an EXEC of queued writes, as in
    // Redis) until one succeeds.
    const bool execWrites =
        spec->handler == cmdExec &&
        std::any_of(client.multiQueue.begin(), client.multiQueue.end(),
                    [](const QueuedCommand &q) { return (q.spec->flags & CmdWrite) != 0; });
    if ((spec->flags & CmdWrite) || spec->handler == cmdPing || execWrites) {
        if (std::string_view denial = diskErrorDenial(); !denial.empty()) {
            if (!client.isMaster) {
                rejectCommand(*this, client, spec, std::string(denial));
                return;
            }
            // Our master's writes are applied or fatal, never refused: a refusal would leave
            // this replica's data silently different from its master's.
            if (!m_config.replicaIgnoreDiskWriteErrors && spec->handler != cmdPing) {
                panic("Replica was unable to write command to disk.");
                client.closeNow = true;
                scheduleClose(client);
                return;
            }
            if (m_loopTimeMs - m_lastDiskErrorWarningMs >= 10000) {
                m_lastDiskErrorWarningMs = m_loopTimeMs;
                log(LogWarning, "Replica is applying a command even though it is unable to "
                                "write to disk.");
            }
        }
    }
    if (client.protocol == 2 && client.inPubSubMode() && !allowedInSubscribeContext(*spec)) {
        rejectCommand(*this, client, spec,
                      "ERR Can't execute '" +
                          (sub ? std::string(spec->name) + "|" + sub->name : spec->name) +
                          "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are "
                          "allowed in this context");
        return;
    }
    // A script past busy-reply-threshold: only the few commands Redis allows get through.
    if (m_scripting && m_scripting->busy() && !ScriptEngine::allowedWhileBusy(*spec, sub)) {
        rejectCommand(*this, client, spec, m_scripting->busyError());
        return;
    }
    // READONLY (a replica), MASTERDOWN (stale data refused), NOREPLICAS (min-replicas-*).
    if (std::string refused =
            m_replication->refusal(client, spec->flags, isWriteCommand(client, *spec));
        !refused.empty()) {
        rejectCommand(*this, client, spec, refused);
        return;
    }
    // The AOF's own replay (a client with no socket) is what loads; it is never refused.
    if ((m_persistence->loading() || m_persistence->asyncLoading()) && client.fd >= 0) {
        uint32_t flags = spec->flags;
        if (sub) {
            const SubcommandInfo *info = subcommandInfo(std::string(spec->name) + "|" + sub->name);
            if (info) flags = info->flags;
        }
        if (refusedWhileLoading(client, *spec, flags, m_persistence->asyncLoading())) {
            rejectCommand(*this, client, spec, "LOADING Redis is loading the dataset in memory");
            return;
        }
    }
    if (m_pauseEndMs && !client.isMaster && mustWaitForPause(client, *spec)) {
        client.paused = true; // processInput keeps the request and retries after the pause
        return;
    }
    if (client.inMulti && !isTransactionControl(*spec)) {
        if (spec->flags & CmdNoMulti) {
            rejectCommand(*this, client, spec, "ERR Command not allowed inside a transaction");
            return;
        }
        QueuedCommand queued{spec, {}};
        queued.argv.reserve(argv.size());
        for (std::string_view arg : argv)
            queued.argv.emplace_back(arg);
        client.multiQueue.push_back(std::move(queued));
        client.reply.status("QUEUED");
        return;
    }
    int64_t startUs = wallClockUs();
    callTimed(client, *spec, argv, startUs / 1000, startUs);
    ++client.commandsProcessed;
}

void Server::call(Client &client, const CommandSpec &spec, std::span<const std::string_view> argv,
                  int64_t nowMs)
{
    callTimed(client, spec, argv, nowMs, wallClockUs());
}

// startUs (wall clock, µs) starts the duration for commandstats, SLOWLOG and LATENCY; the
// wall clock rather than a monotonic one so that one read also gives the command its time.
// A clock step backwards during a command counts as 0 µs.
void Server::callTimed(Client &client, const CommandSpec &spec,
                       std::span<const std::string_view> argv, int64_t nowMs, int64_t startUs)
{
    client.reply.setProtocol(client.protocol);
    CommandContext ctx{*this, client, spec, argv, client.reply, nowMs, false, false, {}, {}};
    size_t outputBefore = client.output.size();
    uint64_t errorsBefore = m_stats.totalErrorReplies;
    uint64_t dirtyBefore = m_stats.dirty;
    const Client *outerClient = runningClient; // a script's commands run inside EVAL's
    const std::span<const std::string_view> outerArgv = runningArgv;
    runningClient = &client;
    runningArgv = argv;
    spec.handler(ctx);
    runningClient = outerClient;
    runningArgv = outerArgv;
    int64_t elapsedUs = std::max<int64_t>(0, wallClockUs() - startUs);
    // Read-only scripts are read-only commands, but (as in Redis) only the commands they run
    // have their keys remembered, for the script's caller.
    if (m_tracking->trackingClients() > 0 && spec.handler != cmdEvalRo &&
        spec.handler != cmdEvalshaRo && spec.handler != cmdFcallRo)
        m_tracking->rememberKeys(client, spec, argv);

    // An error reply from the handler counts as a failed call (INFO commandstats/errorstats).
    CommandStats &stats = m_commandStats[CommandTable::instance().indexOf(&spec)];
    ++stats.calls;
    stats.microseconds += static_cast<uint64_t>(elapsedUs);
    if (!m_config.latencyTracking) {
        // latency-tracking no: LATENCY HISTOGRAM and INFO latencystats get no new samples.
    } else if (argv.size() >= 2 && CommandTable::subcommands(spec)) {
        if (const SubcommandSpec *sub = CommandTable::findSubcommand(spec, argv[1]))
            m_subcommandLatency[std::string(spec.name) + "|" + sub->name].record(elapsedUs);
    } else {
        stats.latency.record(elapsedUs);
    }
    ++m_stats.commandsProcessed;
    if (client.output.size() > outputBefore && client.output[outputBefore] == '-' &&
        errorsBefore == m_stats.totalErrorReplies) {
        ++stats.failedCalls;
        ++m_stats.totalErrorReplies;
        size_t end = client.output.find_first_of(" \r", outputBefore);
        ++m_stats.errorCodes[client.output.substr(outputBefore + 1, end - outputBefore - 1)];
    }

    // Like Redis, admin commands (CONFIG, DEBUG, ...) are never shown to monitors.
    if (!(spec.flags & (CmdSkipMonitor | CmdAdmin)) && !m_monitors.empty())
        feedMonitors(client, argv, client.dbIndex);

    // The argv copy is only made when something (the AOF, replicas) consumes the stream.
    // Only a rise counts, as Redis's call(): SAVE, DEBUG RELOAD and DEBUG LOADAOF reset the
    // counter and are not propagated.
    if (m_stats.dirty > dirtyBefore && commandStreamWanted()) {
        if (ctx.m_propagationRewritten) {
            for (const auto &rewritten : ctx.m_propagate)
                propagate(client.dbIndex, rewritten);
        } else if (!propagationCapture && !m_persistence->wantsCommandStream()) {
            m_replication->feed(client.dbIndex, argv); // replicas only: no copy of argv
        } else {
            std::vector<std::string> copy(argv.begin(), argv.end());
            propagate(client.dbIndex, copy);
        }
        client.replWriteOffset = m_replication->offset(); // what WAIT waits for
    }

    if (!(spec.flags & CmdSkipSlowlog) && m_config.slowlogLogSlowerThan >= 0 &&
        elapsedUs >= m_config.slowlogLogSlowerThan) {
        SlowlogEntry entry;
        entry.id = m_nextSlowlogId++;
        entry.timestamp = nowMs / 1000;
        entry.durationUs = elapsedUs;
        // Like Redis: at most 32 arguments, each cut at 128 bytes.
        for (size_t i = 0; i < argv.size() && i < 32; ++i) {
            if (i == 31 && argv.size() > 32) {
                entry.argv.push_back("... (" + std::to_string(argv.size() - 31) +
                                     " more arguments)");
                break;
            }
            if (std::find(ctx.m_redactedArgs.begin(), ctx.m_redactedArgs.end(), i) !=
                ctx.m_redactedArgs.end()) {
                entry.argv.emplace_back("(redacted)");
                continue;
            }
            std::string arg(argv[i].substr(0, 128));
            if (argv[i].size() > 128)
                arg += "... (" + std::to_string(argv[i].size() - 128) + " more bytes)";
            entry.argv.push_back(std::move(arg));
        }
        entry.peer = client.peerAddress;
        entry.clientName = client.name;
        m_slowlog.push_front(std::move(entry));
        while (static_cast<int64_t>(m_slowlog.size()) > m_config.slowlogMaxLen)
            m_slowlog.pop_back();
    }
    if (m_config.latencyMonitorThreshold > 0 &&
        elapsedUs / 1000 >= m_config.latencyMonitorThreshold)
        recordLatency((spec.flags & CmdFast) ? "fast-command" : "command", elapsedUs / 1000);
}

void Server::recordLatency(const std::string &event, int64_t ms)
{
    LatencyEvent &latency = m_latency[event];
    int64_t now = wallClockMs() / 1000;
    if (!latency.samples.empty() && latency.samples.back().first == now) {
        latency.samples.back().second = std::max(latency.samples.back().second, ms);
    } else {
        latency.samples.emplace_back(now, ms);
        if (latency.samples.size() > 160) latency.samples.pop_front();
    }
    latency.maxMs = std::max(latency.maxMs, ms);
}

void Server::feedMonitors(const Client &client, std::span<const std::string_view> argv, int dbIndex)
{
    char stamp[64];
    int64_t us = std::chrono::duration_cast<std::chrono::microseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    std::snprintf(stamp, sizeof stamp, "%lld.%06lld [%d ", static_cast<long long>(us / 1000000),
                  static_cast<long long>(us % 1000000), dbIndex);
    std::string line = stamp;
    line += client.isUnixSocket ? "unix:" + m_config.unixSocket : client.peerAddress;
    line += "]";
    for (std::string_view arg : argv) {
        line += " \"";
        for (unsigned char c : arg) {
            if (c == '"' || c == '\\') {
                line += '\\';
                line += static_cast<char>(c);
            } else if (c == '\n')
                line += "\\n";
            else if (c == '\r')
                line += "\\r";
            else if (c == '\t')
                line += "\\t";
            else if (c < 32 || c >= 127) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\x%02x", c);
                line += hex;
            } else
                line += static_cast<char>(c);
        }
        line += '"';
    }
    for (uint64_t id : m_monitors) {
        Client *monitor = clientById(id);
        if (!monitor || monitor == &client) continue;
        monitor->reply.status(line);
        queueWrite(*monitor);
    }
}

void Server::addMonitor(Client &client)
{
    if (client.monitor) return;
    client.monitor = true;
    m_monitors.push_back(client.id);
}

void Server::propagate(int dbIndex, const std::vector<std::string> &argv)
{
    if (propagationCapture) return propagationCapture->emplace_back(dbIndex, argv), void();
    m_persistence->feed(dbIndex, argv);
    m_replication->feed(dbIndex, argv);
}

void Server::panic(const std::string &why, const char *file, int line)
{
    writePanicReport(*this, why, file, line);
    if (abortOnPanic) {
        if (m_config.useExitOnPanic) std::exit(1);
        removeCrashHandlers(); // the abort is this panic's, already reported
        std::abort();
    }
    haltEmbedded(why);
}

void Server::haltEmbedded(const std::string &why)
{
    if (endCause != EndCause::Panic) {
        endCause = EndCause::Panic;
        endDetail = why;
    }
    m_persistence->setShutdownSave(Persistence::ShutdownSave::NoSave);
    m_loop.stop();
}

// Redis 7.0's propagation-error-behavior: the error is logged and counted (INFO stats'
// unexpected_error_replies); "panic" and "panic-on-replicas" stop a read-only replica, whose
// data may no longer be its master's. A writable replica's own writes can make its master's
// commands fail legitimately, so it only logs.
void Server::masterCommandFailed(Client &client, size_t outputBefore,
                                 std::span<const std::string_view> argv)
{
    const size_t end = client.output.find("\r\n", outputBefore);
    const std::string error = client.output.substr(outputBefore + 1, end - outputBefore - 1);
    const std::string command = argv.empty() ? std::string() : std::string(argv[0]);
    ++m_stats.unexpectedErrorReplies;
    log(LogWarning, "== CRITICAL == This replica is sending an error to its master: '" + error +
                        "' after processing the command '" + command + "'");
    if (m_config.replicaReadOnly && m_config.propagationErrorBehavior != "ignore") {
        panic("This replica panicked sending an error to its master after processing the "
              "command '" +
              command + "'");
        client.closeNow = true;
        scheduleClose(client);
    }
}

bool Server::commandStreamWanted() const
{
    return m_persistence->wantsCommandStream() || m_replication->wantsCommandStream();
}

// An expired key reaches the AOF and the replicas as a DEL, as in Redis; a replica deletes
// nothing on its own account, so it propagates nothing.
void Server::propagateExpired(int dbIndex, const std::string &key)
{
    if (m_replication->isReplica()) return;
    if (!commandStreamWanted() && !propagationCapture) return;
    propagate(dbIndex, {"DEL", key});
}

ScriptEngine &Server::scripting()
{
    if (!m_scripting) m_scripting = std::make_unique<ScriptEngine>(*this);
    return *m_scripting;
}

void Server::signalModifiedKey(int dbIndex, std::string_view key)
{
    db(dbIndex).account(key); // the value may have grown or shrunk in place
    m_tracking->keyModified(key);
    if (m_watchedKeys.empty()) return;
    auto it = m_watchedKeys.find({dbIndex, std::string(key)});
    if (it == m_watchedKeys.end()) return;
    for (uint64_t id : it->second)
        if (Client *client = clientById(id)) client->watchDirty = true;
}

// With onlyExisting (FLUSHDB/FLUSHALL, called before the database is emptied), only watched
// keys that exist are touched, like Redis 7: WATCHing an absent key survives a flush.
void Server::touchAllWatchedKeys(int dbIndex, bool onlyExisting)
{
    for (auto &[dbAndKey, ids] : m_watchedKeys) {
        if (dbAndKey.first != dbIndex) continue;
        if (onlyExisting && !db(dbIndex).peek(dbAndKey.second)) continue;
        for (uint64_t id : ids)
            if (Client *client = clientById(id)) client->watchDirty = true;
    }
    signalBlockedKeysOfDb(dbIndex);
}

void Server::watchKey(Client &client, int dbIndex, std::string_view key)
{
    std::pair<int, std::string> entry{dbIndex, std::string(key)};
    for (const auto &watched : client.watchedKeys)
        if (watched == entry) return;
    client.watchedKeys.push_back(entry);
    m_watchedKeys[entry].push_back(client.id);
}

void Server::unwatchAll(Client &client)
{
    for (const auto &entry : client.watchedKeys) {
        auto it = m_watchedKeys.find(entry);
        if (it == m_watchedKeys.end()) continue;
        std::erase(it->second, client.id);
        if (it->second.empty()) m_watchedKeys.erase(it);
    }
    client.watchedKeys.clear();
    client.watchDirty = false;
}

} // namespace redscope::engine
