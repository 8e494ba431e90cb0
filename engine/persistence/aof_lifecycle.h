// The AOF's life cycle: start-up (load the files the manifest lists, then append to the last
// incr file), feeding propagated writes, the appendfsync policy, switching the AOF off, and
// both ends of a rewrite (open a new incr file before the fork, switch the manifest after
// the child's base is written). aof.h holds the format pieces this drives.
//
// The rewrite child itself is forked and reaped by Persistence, which owns the one child
// process that RDB and AOF work share: a rewrite asked for while BGSAVE runs is scheduled
// there, and started when that child ends.
//
// Everything runs on the event-loop thread; no locks.
#pragma once

#include "persistence/aof.h"

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace redscope::engine {

class Server;

class AofLifecycle
{
public:
    explicit AofLifecycle(Server &server);
    ~AofLifecycle();
    AofLifecycle(const AofLifecycle &) = delete;
    AofLifecycle &operator=(const AofLifecycle &) = delete;

    // On (appendonly yes), or being switched on and waiting for its first rewrite.
    bool enabled() const { return m_state != State::Off; }
    // Switched on at run time, until the rewrite that writes its first base succeeds.
    bool waitingForRewrite() const { return m_state == State::WaitRewrite; }
    // True when feed() would record commands (on, or a rewrite waiting for them).
    bool wantsCommandStream() const { return m_state != State::Off && m_fd >= 0; }
    // Bytes held by the buffer of commands not yet written (INFO's mem_aof_buffer).
    size_t bufferBytes() const { return m_buffer.capacity(); }

    // Start-up with appendonly yes. load() replays the base and incr files the manifest
    // lists; openOnStart() then creates the directory, a base and an incr file if missing,
    // and opens the last incr file for appending. False with a message: refuse to start.
    // progress, when given, hears the files' total size first (loaded 0), then how far the
    // load got every loading-process-events-interval-bytes of a base's RDB and every 1024
    // commands, as Redis serves its clients while it loads.
    bool load(std::string *error,
              const std::function<void(uint64_t loaded, uint64_t total)> &progress = {});
    bool openOnStart(std::string *error);
    // DEBUG LOADAOF: the buffer written and fsynced first (AOF on); after load(), whether
    // the manifest named any file at all.
    void flushBeforeReload()
    {
        if (m_state == State::On) flush(true);
    }
    bool manifestListsFiles() const { return m_manifest.hasBase || !m_manifest.incrs.empty(); }

    // Server::propagate: RESP into the buffer, with a SELECT when the db changes.
    void feed(int dbIndex, const std::vector<std::string> &argv);
    // Writes the buffer before replies are sent (and fsyncs with appendfsync always).
    void beforeSleep();
    // appendfsync everysec: from the cron, an fsync when the last one is a second old.
    void fsyncIfDue(int64_t nowMs);
    // Clean shutdown: flush and fsync.
    void onShutdown();

    // CONFIG SET appendonly yes: the AOF waits for a rewrite (which the caller starts) to
    // write its first base. cancelSwitchOn() when that rewrite could not start.
    void beginSwitchOn() { m_state = State::WaitRewrite; }
    void cancelSwitchOn() { m_state = State::Off; }
    // CONFIG SET appendonly no: flush, fsync and close; the caller kills a rewrite child.
    void switchOff();

    // Before the rewrite fork: commands from now on go to a new incr file, recorded in the
    // manifest while the AOF is on. *finalBase: where the child writes the new base.
    bool prepareRewrite(std::string *finalBase, std::string *error);
    // Where the rewrite child with this pid writes before renaming (removed if it is killed).
    std::string rewriteTempPath(pid_t pid) const;
    // The fork failed.
    void rewriteNotStarted() { m_stats.lastRewriteOk = false; }
    // The child ended: on success the manifest switches to {new base, new incr} and the
    // old files are deleted. False when the rewrite failed (its base file is removed).
    bool finishRewrite(bool childOk, int64_t durationSec);
    // auto-aof-rewrite-percentage/min-size: the AOF grew enough since the last rewrite.
    bool autoRewriteDue() const;

    // For INFO persistence.
    struct Stats
    {
        bool lastWriteOk = true;
        bool lastRewriteOk = true;
        uint64_t rewrites = 0;
        uint64_t rewriteFailures = 0;
        int64_t lastRewriteTimeSec = -1;
        uint64_t currentSize = 0;
        uint64_t baseSize = 0;
    };
    const Stats &stats() const { return m_stats; }
    size_t bufferLength() const { return m_buffer.size(); }

private:
    enum class State { Off, On, WaitRewrite };

    std::string dir() const;
    std::string pathOf(const std::string &name) const { return dir() + "/" + name; }
    std::string manifestPath() const;
    std::string baseName(int64_t seq) const;
    std::string incrName(int64_t seq) const;

    bool readManifestIfAny(std::string *error);
    bool writeManifest(const aof::Manifest &manifest, std::string *error);
    int openIncr(int64_t seq, std::string *error);
    bool flush(bool forceFsync);

    Server &m_server;
    State m_state = State::Off;
    int m_fd = -1;
    std::string m_buffer;
    int m_db = -1; // db of the last SELECT written to the current incr file
    aof::Manifest m_manifest;
    int64_t m_maxIncrSeq = 0;
    int64_t m_pendingIncrSeq = 0; // incr file opened for a rewrite in progress (0: none)
    int64_t m_pendingBaseSeq = 0;
    int64_t m_lastFsyncMs = 0;
    Stats m_stats;
};

} // namespace redscope::engine
