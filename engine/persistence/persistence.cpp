// Life cycle of RDB persistence and of the one child process RDB and AOF work share (see
// persistence.h for the design). The AOF's own life cycle (loading, feeding, fsync, the two
// ends of a rewrite) is in aof_lifecycle.cpp; here it is only started, forked for and
// scheduled around BGSAVE.
#include "persistence/persistence.h"

#include "persistence/persistence_io.h"
#include "persistence/rdb_cursor.h"
#include "persistence/rdb_loader.h"
#include "persistence/rdb_writer.h"
#include "replication/replication.h"
#include "scripting/script_engine.h"
#include "server/process_settings.h"
#include "server/server.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

namespace redscope::engine {

Persistence::Persistence(Server &server)
    : m_server(server)
    , m_aof(server)
{
}

Persistence::~Persistence()
{
    if (m_childPid > 0) killChild();
}

// ---------------------------------------------------------------------------------------
// Paths

std::string Persistence::path(const std::string &name) const
{
    return pathInDir(m_server.config().dir, name);
}

// ---------------------------------------------------------------------------------------
// Loading

bool Persistence::loadAtStartup(std::string *error)
{
    bool ok;
    if (m_server.config().appendOnly) {
        beginLoading(0, false);
        ok = m_aof.load(error, aofLoadProgress());
        endLoading();
        ok = ok && m_aof.openOnStart(error);
    } else {
        const std::string rdbFile = path(m_server.config().dbFilename);
        ok = !fileExists(rdbFile) || loadRdbFile(rdbFile, error);
    }
    m_server.stats().dirty = 0;
    if (!ok) m_server.log(Server::LogWarning, *error);
    return ok;
}

std::string Persistence::startupFile() const
{
    const ServerConfig &config = m_server.config();
    return path(config.appendOnly ? config.appendDirname : config.dbFilename);
}

bool Persistence::loadRdbFile(const std::string &file, std::string *error)
{
    // Streamed through a fixed buffer: memory grows with the dataset, not dataset + file.
    rdb::FileSource source;
    std::string why;
    if (!source.open(file, &why)) {
        *error = "Can't open " + file + ": " + why;
        return false;
    }
    rdb::Cursor cursor(&source, rdb::FileSource::kBufferBytes);
    RdbLoadStats stats;
    // Clients are served meanwhile, every loading-process-events-interval-bytes: they get
    // -LOADING, and INFO shows how far the load got.
    beginLoading(source.size(), false);
    const bool loaded = loadRdbIntoServer(
        m_server, cursor, true, &stats, &why,
        [this, &stats](size_t parsed) {
            loadingRdbUsedMem(stats.rdbUsedMem);
            loadingStep(parsed);
        },
        nullptr);
    endLoading();
    if (!loaded) {
        if (!source.error().empty()) why += " (" + source.error() + ")";
        *error = "Bad RDB file " + file + ": " + why + ". The file was not loaded.";
        return false;
    }
    m_lastLoadKeysLoaded = stats.keysLoaded;
    m_lastLoadKeysExpired = stats.keysExpired;
    m_server.log(Server::LogNotice, "DB loaded from disk: " + std::to_string(stats.keysLoaded) +
                                        " keys (" + std::to_string(stats.keysExpired) +
                                        " expired keys skipped)");
    return true;
}

bool Persistence::saveAndReload(std::string *error)
{
    return save(error) && loadRdbFile(path(m_server.config().dbFilename), error);
}

Persistence::AofReload Persistence::reloadAof(std::string *error)
{
    m_aof.flushBeforeReload();
    for (int i = 0; i < m_server.dbCount(); ++i)
        m_server.db(i).clear();
    if (ScriptEngine *scripting = m_server.scriptingIfCreated()) scripting->flushLibraries();
    // What the replay executes stays here: the AOF and replicas have it already.
    std::vector<std::pair<int, std::vector<std::string>>> dropped;
    auto *capture = m_server.propagationCapture;
    m_server.propagationCapture = &dropped;
    beginLoading(0, false);
    const bool ok = m_aof.load(error, aofLoadProgress());
    endLoading();
    m_server.propagationCapture = capture;
    m_server.stats().dirty = 0;
    if (!ok) return AofReload::Failed;
    if (!m_aof.manifestListsFiles()) {
        *error = "No AOF file to load";
        return AofReload::Missing;
    }
    m_server.log(Server::LogWarning, "Append Only File loaded by DEBUG LOADAOF");
    return AofReload::Loaded;
}

void Persistence::beginLoading(uint64_t totalBytes, bool async)
{
    (async ? m_asyncLoading : m_loading) = true;
    m_loadingStartMs = Server::wallClockMs();
    m_loadingTotalBytes = totalBytes;
    m_loadingLoadedBytes = 0;
    m_loadingRdbUsedMem = 0;
}

void Persistence::endLoading()
{
    m_loading = m_asyncLoading = false;
}

void Persistence::loadingStep(uint64_t loadedBytes)
{
    m_loadingLoadedBytes = loadedBytes;
    m_server.processEventsWhileBlocked();
}

std::function<void(uint64_t, uint64_t)> Persistence::aofLoadProgress()
{
    return [this](uint64_t loaded, uint64_t total) {
        m_loadingTotalBytes = total;
        loadingStep(loaded);
    };
}

// ---------------------------------------------------------------------------------------
// AOF feeding

void Persistence::feed(int dbIndex, const std::vector<std::string> &argv)
{
    if (!m_loading) m_aof.feed(dbIndex, argv);
}

void Persistence::beforeSleep()
{
    m_aof.beforeSleep();
}

// ---------------------------------------------------------------------------------------
// Children

pid_t Persistence::forkChild(ForkChild kind)
{
    const auto started = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid > 0) m_server.noteFork(started);
    if (pid == 0) {
        // The child must not react to the parent's shutdown signals (they would write to the
        // event loop's eventfd, which it shares with the parent).
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        // Its title, CPU list, and oom-score-adj (a child saving a snapshot is the first the
        // OOM killer should take).
        setupForkChild(m_server.config(), kind);
    }
    return pid;
}

Persistence::Start Persistence::bgsave(bool schedule, std::string *error)
{
    if (m_childKind == ChildKind::Rdb) {
        *error = "ERR Background save already in progress";
        return Start::AlreadyRunning;
    }
    if (m_childKind == ChildKind::Aof) {
        if (schedule) {
            m_bgsaveScheduled = true;
            return Start::Scheduled;
        }
        *error = "ERR Another child process is active (AOF?): can't BGSAVE right now. Use "
                 "BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.";
        return Start::OtherChild;
    }
    m_lastBgsaveTryMs = Server::wallClockMs();
    const std::string finalPath = path(m_server.config().dbFilename);
    RdbSaveOptions options;
    options.compression = m_server.config().rdbCompression;
    options.checksum = m_server.config().rdbChecksum;
    options.keyDelayUs = m_server.config().rdbKeySaveDelay;
    const pid_t pid = forkChild(ForkChild::RdbBgsave);
    if (pid == 0) {
        std::string why;
        const bool ok = saveRdbFile(m_server, path("temp-" + std::to_string(getpid()) + ".rdb"),
                                    finalPath, options, &why);
        if (!ok) m_server.log(Server::LogWarning, why);
        ::_exit(ok ? 0 : 1);
    }
    if (pid < 0) {
        m_lastBgsaveOk = false;
        *error = std::string("ERR Can't BGSAVE: fork failed: ") + std::strerror(errno);
        m_server.log(Server::LogWarning, *error);
        return Start::Failed;
    }
    m_childPid = pid;
    m_childKind = ChildKind::Rdb;
    m_childStartMs = Server::wallClockMs();
    m_dirtyAtFork = m_server.stats().dirty;
    m_bgsaveScheduled = false;
    m_server.log(Server::LogNotice, "Background saving started by pid " + std::to_string(pid));
    return Start::Started;
}

bool Persistence::save(std::string *error)
{
    if (m_childKind == ChildKind::Rdb) {
        *error = "ERR Background save already in progress";
        return false;
    }
    RdbSaveOptions options;
    options.compression = m_server.config().rdbCompression;
    options.checksum = m_server.config().rdbChecksum;
    options.keyDelayUs = m_server.config().rdbKeySaveDelay;
    if (!saveRdbFile(m_server, path("temp-" + std::to_string(getpid()) + ".rdb"),
                     path(m_server.config().dbFilename), options, error)) {
        m_server.log(Server::LogWarning, *error);
        m_lastBgsaveOk = false;
        return false;
    }
    m_server.stats().dirty = 0;
    m_server.lastSaveTime = static_cast<uint64_t>(Server::wallClockMs() / 1000);
    m_lastBgsaveOk = true;
    ++m_rdbSaves;
    m_server.log(Server::LogNotice, "DB saved on disk");
    return true;
}

Persistence::Start Persistence::rewriteAof(std::string *error)
{
    if (m_childKind == ChildKind::Aof) {
        *error = "ERR Background append only file rewriting already in progress";
        return Start::AlreadyRunning;
    }
    if (m_childKind == ChildKind::Rdb) {
        m_rewriteScheduled = true;
        return Start::Scheduled;
    }
    std::string finalBase;
    if (!m_aof.prepareRewrite(&finalBase, error)) return Start::Failed;
    RdbSaveOptions options;
    options.compression = m_server.config().rdbCompression;
    options.checksum = m_server.config().rdbChecksum;
    options.keyDelayUs = m_server.config().rdbKeySaveDelay;
    options.aofBase = true;
    const pid_t pid = forkChild(ForkChild::AofRewrite);
    if (pid == 0) {
        std::string why;
        const bool ok =
            saveRdbFile(m_server, m_aof.rewriteTempPath(getpid()), finalBase, options, &why);
        if (!ok) m_server.log(Server::LogWarning, why);
        ::_exit(ok ? 0 : 1);
    }
    if (pid < 0) {
        *error = "ERR Can't execute an AOF background rewriting. Please check the server logs "
                 "for more information.";
        m_server.log(Server::LogWarning,
                     std::string("Can't rewrite append only file in background: fork: ") +
                         std::strerror(errno));
        m_aof.rewriteNotStarted();
        return Start::Failed;
    }
    m_childPid = pid;
    m_childKind = ChildKind::Aof;
    m_childStartMs = Server::wallClockMs();
    m_rewriteScheduled = false;
    m_server.log(Server::LogNotice,
                 "Background append only file rewriting started by pid " + std::to_string(pid));
    return Start::Started;
}

void Persistence::reapChild()
{
    if (m_childPid <= 0) return;
    int status = 0;
    const pid_t r = ::waitpid(m_childPid, &status, WNOHANG);
    if (r == 0) return;
    const bool ok = r == m_childPid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    const ChildKind kind = m_childKind;
    m_childPid = -1;
    m_childKind = ChildKind::None;
    if (kind == ChildKind::Rdb)
        finishBgsave(ok);
    else
        finishRewrite(ok);
}

void Persistence::finishBgsave(bool ok)
{
    const int64_t now = Server::wallClockMs();
    m_lastBgsaveTimeSec = (now - m_childStartMs) / 1000;
    m_lastBgsaveOk = ok;
    if (ok) {
        uint64_t &dirty = m_server.stats().dirty;
        dirty = dirty > m_dirtyAtFork ? dirty - m_dirtyAtFork : 0;
        m_server.lastSaveTime = static_cast<uint64_t>(now / 1000);
        ++m_rdbSaves;
        m_server.log(Server::LogNotice, "Background saving terminated with success");
    } else {
        m_server.log(Server::LogWarning, "Background saving error");
    }
    m_server.replication().bgsaveDone(ok); // a disk-target full sync waits for this file
}

void Persistence::finishRewrite(bool ok)
{
    const int64_t durationSec = (Server::wallClockMs() - m_childStartMs) / 1000;
    // While switching AOF on, the rewrite is what completes the switch: try again.
    if (!m_aof.finishRewrite(ok, durationSec) && m_aof.waitingForRewrite())
        m_rewriteScheduled = true;
}

void Persistence::killChild()
{
    if (m_childPid <= 0) return;
    ::kill(m_childPid, SIGKILL);
    int status;
    ::waitpid(m_childPid, &status, 0);
    const std::string temp = m_childKind == ChildKind::Rdb
                                 ? path("temp-" + std::to_string(m_childPid) + ".rdb")
                                 : m_aof.rewriteTempPath(m_childPid);
    ::unlink(temp.c_str());
    m_childPid = -1;
    m_childKind = ChildKind::None;
}

// ---------------------------------------------------------------------------------------
// Switching AOF at run time

bool Persistence::setAppendOnly(bool on, std::string *error)
{
    m_server.config().appendOnly = on;
    if (on) {
        if (m_aof.enabled()) return true;
        m_aof.beginSwitchOn();
        if (rewriteAof(error) == Start::Failed) {
            m_aof.cancelSwitchOn();
            m_server.config().appendOnly = false;
            return false;
        }
        return true;
    }
    if (!m_aof.enabled()) return true;
    if (m_childKind == ChildKind::Aof) killChild();
    m_aof.switchOff();
    m_rewriteScheduled = false;
    return true;
}

// ---------------------------------------------------------------------------------------
// Cron and shutdown

void Persistence::checkSavePoints(int64_t nowMs)
{
    const uint64_t dirty = m_server.stats().dirty;
    const int64_t sinceSave = nowMs / 1000 - static_cast<int64_t>(m_server.lastSaveTime);
    // After a failed BGSAVE, wait 5 s before trying again (as Redis does).
    if (!m_lastBgsaveOk && nowMs - m_lastBgsaveTryMs < 5000) return;
    for (const SavePoint &point : m_server.config().savePoints) {
        if (dirty >= static_cast<uint64_t>(point.changes) && sinceSave >= point.seconds &&
            dirty > 0) {
            m_server.log(Server::LogNotice, std::to_string(point.changes) + " changes in " +
                                                std::to_string(point.seconds) +
                                                " seconds. Saving...");
            std::string ignored;
            bgsave(false, &ignored);
            return;
        }
    }
}

void Persistence::checkAutoRewrite()
{
    if (!m_aof.autoRewriteDue()) return;
    std::string ignored;
    rewriteAof(&ignored);
}

void Persistence::cron()
{
    reapChild();
    // Follow CONFIG SET appendonly even when it was changed without calling setAppendOnly.
    const bool wantAof = m_server.config().appendOnly;
    if (wantAof != m_aof.enabled()) {
        std::string error;
        if (!setAppendOnly(wantAof, &error))
            m_server.log(Server::LogWarning, "Can't switch the AOF on: " + error);
    }
    const int64_t now = Server::wallClockMs();
    if (m_childKind == ChildKind::None) {
        std::string ignored;
        if (m_rewriteScheduled)
            rewriteAof(&ignored);
        else if (m_bgsaveScheduled)
            bgsave(false, &ignored);
    }
    if (m_childKind == ChildKind::None) checkSavePoints(now);
    if (m_childKind == ChildKind::None) checkAutoRewrite();
    m_aof.fsyncIfDue(now);
}

bool Persistence::mayShutdown(bool force)
{
    if (m_childKind != ChildKind::Aof || !m_aof.waitingForRewrite()) return true;
    if (force) {
        m_server.log(Server::LogWarning, "Writing initial AOF. Exit anyway.");
        return true;
    }
    m_server.log(Server::LogWarning, "Writing initial AOF, can't exit.");
    return false;
}

void Persistence::onShutdown()
{
    if (m_childPid > 0) {
        m_server.log(Server::LogWarning, m_childKind == ChildKind::Rdb
                                             ? "There is a child saving an .rdb. Killing it!"
                                             : "There is a child rewriting the AOF. Killing it!");
        killChild();
    }
    m_aof.onShutdown();
    const bool saveRdb =
        m_shutdownSave == ShutdownSave::Save ||
        (m_shutdownSave == ShutdownSave::Default && !m_server.config().savePoints.empty());
    if (saveRdb) {
        m_server.log(Server::LogNotice, "Saving the final RDB snapshot before exiting.");
        std::string error;
        if (!save(&error))
            m_server.log(Server::LogWarning, "Error trying to save the DB: " + error);
    }
}

std::string Persistence::infoFields() const
{
    const int64_t now = Server::wallClockMs();
    auto line = [](std::string &out, const char *key, const std::string &value) {
        out += key;
        out += ':';
        out += value;
        out += "\r\n";
    };
    auto n = [](auto v) { return std::to_string(v); };
    const AofLifecycle::Stats &aof = m_aof.stats();
    std::string out;
    line(out, "loading", m_loading ? "1" : "0");
    line(out, "async_loading", m_asyncLoading ? "1" : "0");
    line(out, "current_cow_peak", "0");
    line(out, "current_cow_size", "0");
    line(out, "current_cow_size_age", "0");
    line(out, "current_fork_perc", "0.00");
    line(out, "current_save_keys_processed", "0");
    line(out, "current_save_keys_total", "0");
    line(out, "rdb_changes_since_last_save", n(m_server.stats().dirty));
    line(out, "rdb_bgsave_in_progress", bgsaveInProgress() ? "1" : "0");
    line(out, "rdb_last_save_time", n(m_server.lastSaveTime));
    line(out, "rdb_last_bgsave_status", m_lastBgsaveOk ? "ok" : "err");
    line(out, "rdb_last_bgsave_time_sec", n(m_lastBgsaveTimeSec));
    line(out, "rdb_current_bgsave_time_sec",
         n(bgsaveInProgress() ? (now - m_childStartMs) / 1000 : int64_t{-1}));
    line(out, "rdb_saves", n(m_rdbSaves));
    line(out, "rdb_last_cow_size", "0");
    line(out, "rdb_last_load_keys_expired", n(m_lastLoadKeysExpired));
    line(out, "rdb_last_load_keys_loaded", n(m_lastLoadKeysLoaded));
    line(out, "aof_enabled", m_aof.enabled() ? "1" : "0");
    line(out, "aof_rewrite_in_progress", rewriteInProgress() ? "1" : "0");
    line(out, "aof_rewrite_scheduled", m_rewriteScheduled ? "1" : "0");
    line(out, "aof_last_rewrite_time_sec", n(aof.lastRewriteTimeSec));
    line(out, "aof_current_rewrite_time_sec",
         n(rewriteInProgress() ? (now - m_childStartMs) / 1000 : int64_t{-1}));
    line(out, "aof_last_bgrewrite_status", aof.lastRewriteOk ? "ok" : "err");
    line(out, "aof_rewrites", n(aof.rewrites));
    line(out, "aof_rewrites_consecutive_failures", n(aof.rewriteFailures));
    line(out, "aof_last_write_status", aof.lastWriteOk ? "ok" : "err");
    line(out, "aof_last_cow_size", "0");
    line(out, "module_fork_in_progress", "0");
    line(out, "module_fork_last_cow_size", "0");
    if (m_aof.enabled()) {
        line(out, "aof_current_size", n(aof.currentSize));
        line(out, "aof_base_size", n(aof.baseSize));
        line(out, "aof_pending_rewrite", m_rewriteScheduled ? "1" : "0");
        line(out, "aof_buffer_length", n(m_aof.bufferLength()));
        line(out, "aof_pending_bio_fsync", "0");
        line(out, "aof_delayed_fsync", "0");
    }
    if (m_loading || m_asyncLoading) {
        const int64_t elapsedSec = (now - m_loadingStartMs) / 1000;
        // Signed, as Redis computes it: a streamed image's total is 0 (unknown), so its
        // remaining bytes and ETA go negative as it loads.
        const int64_t remaining =
            static_cast<int64_t>(m_loadingTotalBytes) - static_cast<int64_t>(m_loadingLoadedBytes);
        const int64_t eta =
            elapsedSec ? elapsedSec * remaining / (static_cast<int64_t>(m_loadingLoadedBytes) + 1)
                       : 1;
        char perc[32];
        std::snprintf(perc, sizeof perc, "%.2f",
                      static_cast<double>(m_loadingLoadedBytes) /
                          static_cast<double>(m_loadingTotalBytes + 1) * 100);
        line(out, "loading_start_time", n(m_loadingStartMs / 1000));
        line(out, "loading_total_bytes", n(m_loadingTotalBytes));
        line(out, "loading_rdb_used_mem", n(m_loadingRdbUsedMem));
        line(out, "loading_loaded_bytes", n(m_loadingLoadedBytes));
        line(out, "loading_loaded_perc", perc);
        line(out, "loading_eta_seconds", n(eta));
    }
    return out;
}

} // namespace redscope::engine
