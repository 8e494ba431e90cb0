// The persistence subsystem, owned by Server: RDB snapshots (SAVE, BGSAVE, save points,
// load on start, save on shutdown), the child process that BGSAVE and BGREWRITEAOF share,
// and the AOF, whose own life cycle (load, feeding, fsync policy, the rewrite's manifest
// switch) is AofLifecycle's (aof_lifecycle.h).
//
// Background work uses fork(), as Redis does: the child gets a copy-on-write image of the
// dataset at the fork instant and writes it out while the parent keeps serving, so neither
// BGSAVE nor BGREWRITEAOF ever walks the keyspace on the event-loop thread. The parent only
// reaps the child from the cron (waitpid WNOHANG). One child at a time; the other kind of
// job is scheduled and started when the running one ends.
//
// Everything runs on the event-loop thread; no locks.
#pragma once

#include "persistence/aof_lifecycle.h"
#include "server/process_settings.h"

#include <cstdint>
#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace redscope::engine {

class Server;

class Persistence
{
public:
    explicit Persistence(Server &server);
    ~Persistence();
    Persistence(const Persistence &) = delete;
    Persistence &operator=(const Persistence &) = delete;

    // Start-up: with appendonly yes loads the AOF (creating it if absent, like Redis),
    // otherwise the RDB file if one exists. False with a message: refuse to start.
    bool loadAtStartup(std::string *error);
    // Clean shutdown: stops a running child, flushes and fsyncs the AOF and saves the RDB
    // when save points are configured (or when forced by SHUTDOWN SAVE).
    enum class ShutdownSave { Default, Save, NoSave };
    void setShutdownSave(ShutdownSave mode) { m_shutdownSave = mode; }
    // Asked before a shutdown stops anything (SHUTDOWN, or a SIGTERM/SIGINT): false while
    // the AOF's first base is still being written by a rewrite child (appendonly switched on
    // at run time), since stopping then would leave no AOF with the dataset; Redis 7.0
    // refuses that shutdown unless it is forced (FORCE). Logs as Redis logs either way.
    bool mayShutdown(bool force);
    void onShutdown();

    void cron();        // from Server::cron: reap children, save points, AOF fsync/rewrite
    void beforeSleep(); // writes the AOF buffer before replies are sent (appendfsync always)
    void feed(int dbIndex, const std::vector<std::string> &argv); // Server::propagate
    // True when feed() would record commands (AOF on, or a rewrite waiting for them).
    bool wantsCommandStream() const { return m_aof.wantsCommandStream() && !m_loading; }

    enum class Start { Started, Scheduled, AlreadyRunning, OtherChild, Failed };
    bool save(std::string *error); // SAVE: synchronous, crash-safe
    // DEBUG RELOAD: save the RDB, then replace the dataset with what the file holds.
    bool saveAndReload(std::string *error);
    // DEBUG LOADAOF: writes the AOF buffer out (AOF on), empties the dataset and replays the
    // AOF files, propagating nothing. Missing: no AOF file exists (the dataset is then
    // empty; redis-server exits there); Failed: a file could not be replayed.
    enum class AofReload { Loaded, Missing, Failed };
    AofReload reloadAof(std::string *error);
    Start bgsave(bool schedule, std::string *error);
    Start rewriteAof(std::string *error);
    // CONFIG SET appendonly: turning it on writes a fresh base first (in a child), as Redis.
    bool setAppendOnly(bool on, std::string *error);

    bool bgsaveInProgress() const { return m_childKind == ChildKind::Rdb; }
    bool rewriteInProgress() const { return m_childKind == ChildKind::Aof; }
    bool loading() const { return m_loading; }
    // A replica loading its master's RDB: INFO persistence's loading_* fields, and -LOADING
    // for commands not flagged loading (Server::processCommand). async: the old dataset is
    // served meanwhile (async_loading, repl-diskless-load swapdb).
    void beginLoading(uint64_t totalBytes, bool async);
    void loadingProgress(uint64_t loadedBytes) { m_loadingLoadedBytes = loadedBytes; }
    // The image's used-mem aux field (loading_rdb_used_mem), once the loader has read it.
    void loadingRdbUsedMem(uint64_t bytes) { m_loadingRdbUsedMem = bytes; }
    void endLoading();
    // A step of a load of ours (start-up, DEBUG RELOAD, DEBUG LOADAOF): how far it got, then
    // one pass over the clients (they get -LOADING; INFO reports the progress).
    void loadingStep(uint64_t loadedBytes);
    bool asyncLoading() const { return m_asyncLoading; }
    size_t aofBufferBytes() const { return m_aof.bufferBytes(); }
    // Whether the last background save succeeded (INFO's rdb_last_bgsave_status).
    bool lastBgsaveOk() const { return m_lastBgsaveOk; }
    // "key:value\r\n" lines for INFO persistence (everything after the section header).
    std::string infoFields() const;
    // What loadAtStartup() reads: the AOF directory with appendonly yes, else the RDB file.
    std::string startupFile() const;

private:
    enum class ChildKind { None, Rdb, Aof };

    std::string path(const std::string &name) const;
    bool loadRdbFile(const std::string &file, std::string *error);
    // AofLifecycle::load's progress: the files' total, then loadingStep.
    std::function<void(uint64_t loaded, uint64_t total)> aofLoadProgress();

    pid_t forkChild(ForkChild kind);
    void reapChild();
    void finishBgsave(bool ok);
    void finishRewrite(bool ok);
    void killChild();
    void checkSavePoints(int64_t nowMs);
    void checkAutoRewrite();

    Server &m_server;
    bool m_loading = false;
    bool m_asyncLoading = false;
    int64_t m_loadingStartMs = 0;
    uint64_t m_loadingTotalBytes = 0;
    uint64_t m_loadingLoadedBytes = 0;
    uint64_t m_loadingRdbUsedMem = 0;
    ShutdownSave m_shutdownSave = ShutdownSave::Default;

    // Child process.
    pid_t m_childPid = -1;
    ChildKind m_childKind = ChildKind::None;
    int64_t m_childStartMs = 0;
    uint64_t m_dirtyAtFork = 0;

    // RDB.
    bool m_bgsaveScheduled = false;
    bool m_lastBgsaveOk = true;
    int64_t m_lastBgsaveTimeSec = -1;
    int64_t m_lastBgsaveTryMs = 0;
    uint64_t m_rdbSaves = 0;
    uint64_t m_lastLoadKeysLoaded = 0;
    uint64_t m_lastLoadKeysExpired = 0;

    // AOF: its files and state; the rewrite child is the one above.
    AofLifecycle m_aof;
    bool m_rewriteScheduled = false;
};

} // namespace redscope::engine
