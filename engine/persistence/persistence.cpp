// Life cycle of RDB and AOF persistence (see persistence.h for the design).
//
// AOF timeline, Redis 7 style:
//   start-up, appendonly yes: load base + incr files listed by the manifest, then append to
//     the last incr file; with no manifest, write an empty base and incr 1 synchronously.
//   every write: Server::propagate -> feed() appends RESP to a buffer (SELECT when the db
//     changes); beforeSleep() writes it before any reply leaves, and with appendfsync
//     always also fdatasyncs, so an acknowledged write is on disk. everysec: the cron
//     fdatasyncs once a second on the loop thread (a few ms on a healthy disk; Redis uses a
//     background thread, a refinement we have not needed yet).
//   BGREWRITEAOF: the parent flushes, opens incr n+1 and records it in the manifest, then
//     forks; the child writes base m+1 (an RDB image). On success the parent writes the
//     manifest {base m+1, incr n+1} and deletes the old files. A crash at any step leaves a
//     manifest that describes a complete dataset.
#include "persistence/persistence.h"

#include "persistence/rdb_loader.h"
#include "persistence/rdb_writer.h"
#include "server/server.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

bool readWholeFile(const std::string &file, std::string *out, std::string *error)
{
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *error = "Can't open " + file + ": " + std::strerror(errno);
        return false;
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) == 0) out->reserve(static_cast<size_t>(st.st_size));
    char chunk[1 << 16];
    while (true) {
        ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            *error = "Error reading " + file + ": " + std::strerror(errno);
            ::close(fd);
            return false;
        }
        if (n == 0) break;
        out->append(chunk, static_cast<size_t>(n));
    }
    ::close(fd);
    return true;
}

bool fileExists(const std::string &file)
{
    struct stat st
    {
    };
    return ::stat(file.c_str(), &st) == 0;
}

uint64_t fileSize(const std::string &file)
{
    struct stat st
    {
    };
    return ::stat(file.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

bool writeAll(int fd, const char *data, size_t size, size_t *written)
{
    *written = 0;
    while (*written < size) {
        ssize_t n = ::write(fd, data + *written, size - *written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        *written += static_cast<size_t>(n);
    }
    return true;
}

} // namespace

Persistence::Persistence(Server &server)
    : m_server(server)
{
}

Persistence::~Persistence()
{
    if (m_childPid > 0) killChild();
    if (m_aofFd >= 0) ::close(m_aofFd);
}

// ---------------------------------------------------------------------------------------
// Paths

std::string Persistence::path(const std::string &name) const
{
    const std::string &dir = m_server.config().dir;
    return (dir.empty() ? std::string(".") : dir) + "/" + name;
}

std::string Persistence::aofDir() const
{
    return path(m_server.config().appendDirname);
}

std::string Persistence::manifestPath() const
{
    return aofPath(m_server.config().appendFilename + ".manifest");
}

std::string Persistence::baseName(int64_t seq) const
{
    return m_server.config().appendFilename + "." + std::to_string(seq) + ".base.rdb";
}

std::string Persistence::incrName(int64_t seq) const
{
    return m_server.config().appendFilename + "." + std::to_string(seq) + ".incr.aof";
}

// ---------------------------------------------------------------------------------------
// Loading

bool Persistence::loadAtStartup(std::string *error)
{
    bool ok;
    if (m_server.config().appendOnly) {
        ok = loadAof(error) && openAofOnStart(error);
    } else {
        const std::string rdbFile = path(m_server.config().dbFilename);
        ok = !fileExists(rdbFile) || loadRdbFile(rdbFile, error);
    }
    m_server.stats().dirty = 0;
    if (!ok) m_server.log(Server::LogWarning, *error);
    return ok;
}

bool Persistence::loadRdbFile(const std::string &file, std::string *error)
{
    std::string data;
    if (!readWholeFile(file, &data, error)) return false;
    std::vector<std::unique_ptr<Database>> fresh;
    for (int i = 0; i < m_server.dbCount(); ++i)
        fresh.push_back(std::make_unique<Database>(i));
    RdbLoadOptions options;
    options.maxIntsetEntries = static_cast<size_t>(m_server.config().setMaxIntsetEntries);
    options.nowMs = Server::wallClockMs();
    options.hashLimits = m_server.hashLimits();
    options.zsetLimits = m_server.zsetLimits();
    RdbLoadStats stats;
    std::string why;
    if (!loadRdb(data, fresh, options, &stats, &why)) {
        *error = "Bad RDB file " + file + ": " + why + ". The file was not loaded.";
        return false;
    }
    // Only a fully valid file replaces the dataset.
    for (int i = 0; i < m_server.dbCount(); ++i)
        m_server.db(i).swap(*fresh[static_cast<size_t>(i)]);
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

bool Persistence::readManifestIfAny(std::string *error)
{
    m_manifest = aof::Manifest{};
    const std::string file = manifestPath();
    if (!fileExists(file)) return true;
    std::string text;
    if (!readWholeFile(file, &text, error)) return false;
    if (!aof::parseManifest(text, &m_manifest, error)) {
        *error += " (" + file + ")";
        return false;
    }
    for (const auto &e : m_manifest.incrs)
        m_maxIncrSeq = std::max(m_maxIncrSeq, e.seq);
    for (const auto &e : m_manifest.history)
        if (e.type == 'i') m_maxIncrSeq = std::max(m_maxIncrSeq, e.seq);
    return true;
}

bool Persistence::loadAof(std::string *error)
{
    if (!readManifestIfAny(error)) return false;
    struct Part
    {
        std::string name;
        bool isBase;
    };
    std::vector<Part> parts;
    if (m_manifest.hasBase) parts.push_back({m_manifest.base.name, true});
    for (const auto &e : m_manifest.incrs)
        parts.push_back({e.name, false});

    m_loading = true;
    bool ok = true;
    uint64_t commands = 0;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
        const std::string file = aofPath(parts[i].name);
        const bool last = i + 1 == parts.size();
        std::string data;
        if (!fileExists(file)) {
            *error = "The AOF file " + parts[i].name + " doesn't exist";
            ok = false;
            break;
        }
        if (!readWholeFile(file, &data, error)) {
            ok = false;
            break;
        }
        std::string_view rest = data;
        if (parts[i].isBase && rest.substr(0, 5) == "REDIS") {
            std::vector<std::unique_ptr<Database>> fresh;
            for (int d = 0; d < m_server.dbCount(); ++d)
                fresh.push_back(std::make_unique<Database>(d));
            RdbLoadOptions options;
            options.maxIntsetEntries = static_cast<size_t>(m_server.config().setMaxIntsetEntries);
            options.nowMs = Server::wallClockMs();
            options.hashLimits = m_server.hashLimits();
            options.skipExpired = false; // Redis keeps them: later commands may refer to them
            options.zsetLimits = m_server.zsetLimits();
            RdbLoadStats stats;
            std::string why;
            if (!loadRdb(rest, fresh, options, &stats, &why)) {
                *error = "Bad AOF base file " + parts[i].name + ": " + why;
                ok = false;
                break;
            }
            for (int d = 0; d < m_server.dbCount(); ++d)
                m_server.db(d).swap(*fresh[static_cast<size_t>(d)]);
            rest = rest.substr(stats.bytesConsumed);
        }
        aof::ReplayResult r = aof::replayCommands(m_server, rest);
        commands += r.commands;
        if (r.status == aof::ReplayResult::Error) {
            *error = r.error + " in " + parts[i].name;
            ok = false;
        } else if (r.status == aof::ReplayResult::Truncated) {
            if (!last || !m_server.config().aofLoadTruncated) {
                *error = "Unexpected end of file reading the append only file " + parts[i].name +
                         " (" + r.error +
                         "). You can: 1) Make a backup of your AOF file, then "
                         "use ./redis-check-aof --fix <filename.manifest>. 2) Alternatively "
                         "you can set the 'aof-load-truncated' configuration option to yes "
                         "and restart the server.";
                ok = false;
            } else {
                // Keep the good prefix and cut the torn tail so new writes follow cleanly.
                const size_t keep = data.size() - rest.size() + r.validBytes;
                m_server.log(Server::LogWarning,
                             "!!! Warning: short read while loading the AOF file " + parts[i].name +
                                 "!!! " + r.error +
                                 ". AOF loaded anyway because aof-load-truncated is enabled; "
                                 "truncating the file to " +
                                 std::to_string(keep) + " bytes");
                if (::truncate(file.c_str(), static_cast<off_t>(keep)) != 0) {
                    *error = "Error truncating the AOF file " + parts[i].name + ": " +
                             std::strerror(errno);
                    ok = false;
                }
            }
        }
    }
    m_loading = false;
    if (ok && !parts.empty())
        m_server.log(Server::LogNotice, "DB loaded from append only file: " +
                                            std::to_string(commands) + " commands replayed");
    return ok;
}

int Persistence::openIncr(int64_t seq, std::string *error)
{
    const std::string file = aofPath(incrName(seq));
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) *error = "Can't open the append-only file " + file + ": " + std::strerror(errno);
    return fd;
}

bool Persistence::writeManifest(const aof::Manifest &manifest, std::string *error)
{
    return writeFileAtomically(manifestPath(), aof::formatManifest(manifest), error);
}

bool Persistence::openAofOnStart(std::string *error)
{
    if (::mkdir(aofDir().c_str(), 0755) != 0 && errno != EEXIST) {
        *error = "Can't create the AOF directory " + aofDir() + ": " + std::strerror(errno);
        return false;
    }
    bool changed = false;
    if (!m_manifest.hasBase) {
        // Like Redis 7.0: a fresh AOF starts with a base file of the current (empty) dataset.
        const int64_t seq = 1;
        RdbSaveOptions options;
        options.compression = m_server.config().rdbCompression;
        options.checksum = m_server.config().rdbChecksum;
        options.aofBase = true;
        if (!saveRdbFile(m_server, aofPath("temp-" + baseName(seq)), aofPath(baseName(seq)),
                         options, error))
            return false;
        m_manifest.hasBase = true;
        m_manifest.base = {baseName(seq), seq, 'b'};
        changed = true;
        m_server.log(Server::LogNotice,
                     "Creating AOF base file " + baseName(seq) + " on server start");
    }
    if (m_manifest.incrs.empty()) {
        const int64_t seq = ++m_maxIncrSeq;
        m_manifest.incrs.push_back({incrName(seq), seq, 'i'});
        changed = true;
        m_server.log(Server::LogNotice,
                     "Creating AOF incr file " + incrName(seq) + " on server start");
    }
    m_aofFd = openIncr(m_manifest.incrs.back().seq, error);
    if (m_aofFd < 0) return false;
    if (changed && !writeManifest(m_manifest, error)) return false;
    m_aofState = AofState::On;
    m_aofDb = -1;
    m_aofBaseSize = fileSize(aofPath(m_manifest.base.name));
    m_aofCurrentSize = m_aofBaseSize;
    for (const auto &e : m_manifest.incrs)
        m_aofCurrentSize += fileSize(aofPath(e.name));
    m_lastFsyncMs = Server::wallClockMs();
    return true;
}

// ---------------------------------------------------------------------------------------
// AOF feeding

void Persistence::feed(int dbIndex, const std::vector<std::string> &argv)
{
    if (m_aofState == AofState::Off || m_aofFd < 0 || m_loading) return;
    if (dbIndex != m_aofDb) {
        aof::appendCommand(m_aofBuffer, {"SELECT", std::to_string(dbIndex)});
        m_aofDb = dbIndex;
    }
    aof::appendCommand(m_aofBuffer, argv);
}

bool Persistence::flushAof(bool forceFsync)
{
    if (m_aofFd < 0) return true;
    if (!m_aofBuffer.empty()) {
        size_t written = 0;
        const bool ok = writeAll(m_aofFd, m_aofBuffer.data(), m_aofBuffer.size(), &written);
        m_aofCurrentSize += written;
        m_aofBuffer.erase(0, written);
        if (!ok) {
            if (m_aofLastWriteOk)
                m_server.log(Server::LogWarning,
                             std::string("Error writing to the AOF file: ") + std::strerror(errno));
            m_aofLastWriteOk = false;
            return false;
        }
        if (!m_aofLastWriteOk)
            m_server.log(Server::LogWarning,
                         "AOF write error looks solved, Redscope can write again.");
        m_aofLastWriteOk = true;
        if (m_server.config().appendFsync == "always") forceFsync = true;
    }
    if (forceFsync) {
        ::fdatasync(m_aofFd);
        m_lastFsyncMs = Server::wallClockMs();
    }
    return true;
}

void Persistence::beforeSleep()
{
    if (!m_aofBuffer.empty()) flushAof(false);
}

// ---------------------------------------------------------------------------------------
// Children

pid_t Persistence::forkChild()
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        // The child must not react to the parent's shutdown signals (they would write to the
        // event loop's eventfd, which it shares with the parent).
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
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
    const pid_t pid = forkChild();
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
    if (::mkdir(aofDir().c_str(), 0755) != 0 && errno != EEXIST) {
        *error = "ERR Can't create the AOF directory: " + std::string(std::strerror(errno));
        return Start::Failed;
    }
    if (m_aofState != AofState::On && !readManifestIfAny(error)) return Start::Failed;
    // Commands from now on go to a new incr file; the child's base covers everything before.
    if (m_aofState != AofState::Off) {
        flushAof(true);
        if (m_aofState == AofState::WaitRewrite && m_pendingIncrSeq)
            ::unlink(aofPath(incrName(m_pendingIncrSeq)).c_str()); // from a failed attempt
        const int64_t seq = ++m_maxIncrSeq;
        const int fd = openIncr(seq, error);
        if (fd < 0) return Start::Failed;
        if (m_aofState == AofState::On) {
            aof::Manifest withNewIncr = m_manifest;
            withNewIncr.incrs.push_back({incrName(seq), seq, 'i'});
            if (!writeManifest(withNewIncr, error)) {
                ::close(fd);
                return Start::Failed;
            }
            m_manifest = withNewIncr;
        }
        if (m_aofFd >= 0) ::close(m_aofFd);
        m_aofFd = fd;
        m_aofDb = -1;
        m_pendingIncrSeq = seq;
        m_server.log(Server::LogNotice,
                     "Creating AOF incr file " + incrName(seq) + " on background rewrite");
    }
    m_pendingBaseSeq = (m_manifest.hasBase ? m_manifest.base.seq : 0) + 1;
    RdbSaveOptions options;
    options.compression = m_server.config().rdbCompression;
    options.checksum = m_server.config().rdbChecksum;
    options.aofBase = true;
    const std::string finalBase = aofPath(baseName(m_pendingBaseSeq));
    const pid_t pid = forkChild();
    if (pid == 0) {
        std::string why;
        const bool ok = saveRdbFile(
            m_server, aofPath("temp-rewriteaof-bg-" + std::to_string(getpid()) + ".aof"), finalBase,
            options, &why);
        if (!ok) m_server.log(Server::LogWarning, why);
        ::_exit(ok ? 0 : 1);
    }
    if (pid < 0) {
        *error = "ERR Can't execute an AOF background rewriting. Please check the server logs "
                 "for more information.";
        m_server.log(Server::LogWarning,
                     std::string("Can't rewrite append only file in background: fork: ") +
                         std::strerror(errno));
        m_lastRewriteOk = false;
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
}

void Persistence::finishRewrite(bool ok)
{
    const int64_t now = Server::wallClockMs();
    m_lastRewriteTimeSec = (now - m_childStartMs) / 1000;
    const std::string newBase = baseName(m_pendingBaseSeq);
    if (ok) {
        aof::Manifest next;
        next.hasBase = true;
        next.base = {newBase, m_pendingBaseSeq, 'b'};
        if (m_aofState != AofState::Off && m_pendingIncrSeq)
            next.incrs.push_back({incrName(m_pendingIncrSeq), m_pendingIncrSeq, 'i'});
        std::string error;
        if (writeManifest(next, &error)) {
            // The old files are history now: nothing refers to them.
            if (m_manifest.hasBase && m_manifest.base.name != newBase)
                ::unlink(aofPath(m_manifest.base.name).c_str());
            for (const auto &e : m_manifest.incrs)
                if (e.seq != m_pendingIncrSeq) ::unlink(aofPath(e.name).c_str());
            for (const auto &e : m_manifest.history)
                ::unlink(aofPath(e.name).c_str());
            m_manifest = next;
            if (m_aofState == AofState::WaitRewrite) m_aofState = AofState::On;
            m_aofBaseSize = fileSize(aofPath(newBase));
            if (m_pendingIncrSeq) m_aofBaseSize += fileSize(aofPath(incrName(m_pendingIncrSeq)));
            m_aofCurrentSize = m_aofBaseSize;
            m_lastRewriteOk = true;
            m_rewriteFailures = 0;
            ++m_aofRewrites;
            m_pendingIncrSeq = 0;
            m_server.log(Server::LogNotice, "Background AOF rewrite finished successfully");
            return;
        }
        m_server.log(Server::LogWarning, "Error writing the AOF manifest: " + error);
    }
    ::unlink(aofPath(newBase).c_str());
    m_lastRewriteOk = false;
    ++m_rewriteFailures;
    m_server.log(Server::LogWarning, "Background AOF rewrite terminated with error");
    // While switching AOF on, the rewrite is what completes the switch: try again.
    if (m_aofState == AofState::WaitRewrite) m_rewriteScheduled = true;
}

void Persistence::killChild()
{
    if (m_childPid <= 0) return;
    ::kill(m_childPid, SIGKILL);
    int status;
    ::waitpid(m_childPid, &status, 0);
    const std::string temp =
        m_childKind == ChildKind::Rdb
            ? path("temp-" + std::to_string(m_childPid) + ".rdb")
            : aofPath("temp-rewriteaof-bg-" + std::to_string(m_childPid) + ".aof");
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
        if (m_aofState != AofState::Off) return true;
        m_aofState = AofState::WaitRewrite;
        if (rewriteAof(error) == Start::Failed) {
            m_aofState = AofState::Off;
            m_server.config().appendOnly = false;
            return false;
        }
        return true;
    }
    if (m_aofState == AofState::Off) return true;
    if (m_childKind == ChildKind::Aof) killChild();
    flushAof(true);
    if (m_aofFd >= 0) ::close(m_aofFd);
    m_aofFd = -1;
    m_aofBuffer.clear();
    m_aofState = AofState::Off;
    m_pendingIncrSeq = 0;
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
    const ServerConfig &config = m_server.config();
    if (m_aofState != AofState::On || config.autoAofRewritePercentage <= 0 ||
        m_aofCurrentSize <= static_cast<uint64_t>(config.autoAofRewriteMinSize))
        return;
    const uint64_t base = m_aofBaseSize ? m_aofBaseSize : 1;
    const int64_t growth = static_cast<int64_t>(m_aofCurrentSize * 100 / base) - 100;
    if (growth >= config.autoAofRewritePercentage) {
        m_server.log(Server::LogNotice, "Starting automatic rewriting of AOF on " +
                                            std::to_string(growth) + "% growth");
        std::string ignored;
        rewriteAof(&ignored);
    }
}

void Persistence::cron()
{
    reapChild();
    // Follow CONFIG SET appendonly even when it was changed without calling setAppendOnly.
    const bool wantAof = m_server.config().appendOnly;
    if (wantAof != (m_aofState != AofState::Off)) {
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
    if (m_aofFd >= 0 && m_server.config().appendFsync == "everysec" && now - m_lastFsyncMs >= 1000)
        flushAof(true);
}

void Persistence::onShutdown()
{
    if (m_childPid > 0) {
        m_server.log(Server::LogWarning, "There is a child saving an .rdb or rewriting the AOF. "
                                         "Killing it!");
        killChild();
    }
    if (m_aofState != AofState::Off) {
        m_server.log(Server::LogNotice, "Calling fsync() on the AOF file.");
        flushAof(true);
    }
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
    std::string out;
    line(out, "loading", m_loading ? "1" : "0");
    line(out, "async_loading", "0");
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
    line(out, "aof_enabled", m_aofState != AofState::Off ? "1" : "0");
    line(out, "aof_rewrite_in_progress", rewriteInProgress() ? "1" : "0");
    line(out, "aof_rewrite_scheduled", m_rewriteScheduled ? "1" : "0");
    line(out, "aof_last_rewrite_time_sec", n(m_lastRewriteTimeSec));
    line(out, "aof_current_rewrite_time_sec",
         n(rewriteInProgress() ? (now - m_childStartMs) / 1000 : int64_t{-1}));
    line(out, "aof_last_bgrewrite_status", m_lastRewriteOk ? "ok" : "err");
    line(out, "aof_rewrites", n(m_aofRewrites));
    line(out, "aof_rewrites_consecutive_failures", n(m_rewriteFailures));
    line(out, "aof_last_write_status", m_aofLastWriteOk ? "ok" : "err");
    line(out, "aof_last_cow_size", "0");
    line(out, "module_fork_in_progress", "0");
    line(out, "module_fork_last_cow_size", "0");
    if (m_aofState != AofState::Off) {
        line(out, "aof_current_size", n(m_aofCurrentSize));
        line(out, "aof_base_size", n(m_aofBaseSize));
        line(out, "aof_pending_rewrite", m_rewriteScheduled ? "1" : "0");
        line(out, "aof_buffer_length", n(m_aofBuffer.size()));
        line(out, "aof_pending_bio_fsync", "0");
        line(out, "aof_delayed_fsync", "0");
    }
    return out;
}

} // namespace redscope::engine
