// The AOF's life cycle (see aof_lifecycle.h for what it owns). Timeline, Redis 7 style:
//   start-up, appendonly yes: load base + incr files listed by the manifest, then append to
//     the last incr file; with no manifest, write an empty base and incr 1 synchronously.
//     Each file streams through 1 MB buffers (an RDB preamble through rdb::Cursor, the
//     commands through aof::CommandReader): start-up holds the dataset, not the files.
//   every write: Server::propagate -> feed() appends RESP to a buffer (SELECT when the db
//     changes); beforeSleep() writes it before any reply leaves, and with appendfsync
//     always also fdatasyncs, so an acknowledged write is on disk. everysec: the cron
//     fdatasyncs once a second on the loop thread (a few ms on a healthy disk; Redis uses a
//     background thread, a refinement we have not needed yet).
//   BGREWRITEAOF: the parent flushes, opens incr n+1 and records it in the manifest, then
//     forks; the child writes base m+1 (an RDB image). On success the parent writes the
//     manifest {base m+1, incr n+1} and deletes the old files. A crash at any step leaves a
//     manifest that describes a complete dataset.
#include "persistence/aof_lifecycle.h"

#include "persistence/persistence_io.h"
#include "persistence/rdb_cursor.h"
#include "persistence/rdb_loader.h"
#include "persistence/rdb_writer.h"
#include "server/server.h"
#include "util/debug_delay.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace redscope::engine {

AofLifecycle::AofLifecycle(Server &server)
    : m_server(server)
{
}

AofLifecycle::~AofLifecycle()
{
    if (m_fd >= 0) ::close(m_fd);
}

// ---------------------------------------------------------------------------------------
// Paths

std::string AofLifecycle::dir() const
{
    return pathInDir(m_server.config().dir, m_server.config().appendDirname);
}

std::string AofLifecycle::manifestPath() const
{
    return pathOf(m_server.config().appendFilename + ".manifest");
}

std::string AofLifecycle::baseName(int64_t seq) const
{
    return m_server.config().appendFilename + "." + std::to_string(seq) + ".base.rdb";
}

std::string AofLifecycle::incrName(int64_t seq) const
{
    return m_server.config().appendFilename + "." + std::to_string(seq) + ".incr.aof";
}

std::string AofLifecycle::rewriteTempPath(pid_t pid) const
{
    return pathOf("temp-rewriteaof-bg-" + std::to_string(pid) + ".aof");
}

// ---------------------------------------------------------------------------------------
// Start-up

bool AofLifecycle::readManifestIfAny(std::string *error)
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

bool AofLifecycle::load(std::string *error,
                        const std::function<void(uint64_t loaded, uint64_t total)> &progress)
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
    uint64_t totalBytes = 0, partStart = 0; // partStart: the bytes of the parts before
    for (const Part &part : parts)
        totalBytes += fileSize(pathOf(part.name));
    if (progress) progress(0, totalBytes);
    const int64_t keyDelayUs = m_server.config().keyLoadDelay;

    bool ok = true;
    uint64_t commands = 0;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
        const std::string file = pathOf(parts[i].name);
        const bool last = i + 1 == parts.size();
        if (!fileExists(file)) {
            *error = "The AOF file " + parts[i].name + " doesn't exist";
            ok = false;
            break;
        }
        // Streamed: the RDB preamble through the RDB cursor, the commands through the
        // command reader, each with a 1 MB buffer; the file is never held whole.
        rdb::FileSource source;
        std::string why;
        if (!source.open(file, &why)) {
            *error = "Can't open " + file + ": " + source.error();
            ok = false;
            break;
        }
        char magic[5];
        const bool preamble = parts[i].isBase && source.size() >= sizeof magic &&
                              source.readAt(0, sizeof magic, magic) &&
                              std::string_view(magic, sizeof magic) == "REDIS";
        uint64_t commandsAt = 0; // where the RESP commands start in the file
        std::string_view head;   // bytes of them the RDB cursor read ahead
        std::unique_ptr<rdb::Cursor> cursor;
        if (preamble) {
            cursor = std::make_unique<rdb::Cursor>(&source, rdb::FileSource::kBufferBytes);
            RdbLoadStats stats;
            // Redis keeps expired keys of a base: later commands may refer to them.
            std::function<void(size_t)> rdbProgress;
            if (progress)
                rdbProgress = [&](size_t parsed) { progress(partStart + parsed, totalBytes); };
            if (!loadRdbIntoServer(m_server, *cursor, false, &stats, &why, rdbProgress, nullptr)) {
                if (!source.error().empty()) why += " (" + source.error() + ")";
                *error = "Bad AOF base file " + parts[i].name + ": " + why;
                ok = false;
                break;
            }
            commandsAt = stats.bytesConsumed;
            head = cursor->buffered();
        }
        aof::CommandReader reader(head, &source, source.size() - commandsAt,
                                  rdb::FileSource::kBufferBytes);
        // As Redis: key-load-delay after each command, the clients every 1024 commands.
        aof::ReplayResult r =
            aof::replayCommands(m_server, reader, [&](uint64_t replayed, uint64_t offset) {
                if (keyDelayUs) debugDelay(keyDelayUs);
                if (progress && replayed % 1024 == 0)
                    progress(partStart + commandsAt + offset, totalBytes);
            });
        partStart += source.size();
        if (r.status == aof::ReplayResult::Error && !source.error().empty())
            r.error += " (" + source.error() + ")";
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
                const uint64_t keep = commandsAt + r.validBytes;
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
    if (ok && !parts.empty())
        m_server.log(Server::LogNotice, "DB loaded from append only file: " +
                                            std::to_string(commands) + " commands replayed");
    return ok;
}

int AofLifecycle::openIncr(int64_t seq, std::string *error)
{
    const std::string file = pathOf(incrName(seq));
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) *error = "Can't open the append-only file " + file + ": " + std::strerror(errno);
    return fd;
}

bool AofLifecycle::writeManifest(const aof::Manifest &manifest, std::string *error)
{
    return writeFileAtomically(manifestPath(), aof::formatManifest(manifest), error);
}

bool AofLifecycle::openOnStart(std::string *error)
{
    if (::mkdir(dir().c_str(), 0755) != 0 && errno != EEXIST) {
        *error = "Can't create the AOF directory " + dir() + ": " + std::strerror(errno);
        return false;
    }
    bool changed = false;
    if (!m_manifest.hasBase) {
        // Like Redis 7.0: a fresh AOF starts with a base file of the current (empty) dataset.
        const int64_t seq = 1;
        RdbSaveOptions options;
        options.compression = m_server.config().rdbCompression;
        options.checksum = m_server.config().rdbChecksum;
        options.keyDelayUs = m_server.config().rdbKeySaveDelay;
        options.aofBase = true;
        if (!saveRdbFile(m_server, pathOf("temp-" + baseName(seq)), pathOf(baseName(seq)), options,
                         error))
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
        // A file of that name that no manifest lists is a leftover (the incr file of a first
        // rewrite that a forced shutdown killed): its commands must not follow the new base.
        ::unlink(pathOf(incrName(seq)).c_str());
        m_server.log(Server::LogNotice,
                     "Creating AOF incr file " + incrName(seq) + " on server start");
    }
    m_fd = openIncr(m_manifest.incrs.back().seq, error);
    if (m_fd < 0) return false;
    if (changed && !writeManifest(m_manifest, error)) return false;
    m_state = State::On;
    m_db = -1;
    m_stats.baseSize = fileSize(pathOf(m_manifest.base.name));
    m_stats.currentSize = m_stats.baseSize;
    for (const auto &e : m_manifest.incrs)
        m_stats.currentSize += fileSize(pathOf(e.name));
    m_lastFsyncMs = Server::wallClockMs();
    return true;
}

// ---------------------------------------------------------------------------------------
// Feeding and fsync

void AofLifecycle::feed(int dbIndex, const std::vector<std::string> &argv)
{
    if (!wantsCommandStream()) return;
    if (dbIndex != m_db) {
        aof::appendCommand(m_buffer, {"SELECT", std::to_string(dbIndex)});
        m_db = dbIndex;
    }
    aof::appendCommand(m_buffer, argv);
}

bool AofLifecycle::flush(bool forceFsync)
{
    if (m_fd < 0) return true;
    if (!m_buffer.empty()) {
        size_t written = 0;
        const bool ok = writeAll(m_fd, m_buffer.data(), m_buffer.size(), &written);
        m_stats.currentSize += written;
        m_buffer.erase(0, written);
        if (!ok) {
            if (m_stats.lastWriteOk)
                m_server.log(Server::LogWarning,
                             std::string("Error writing to the AOF file: ") + std::strerror(errno));
            m_stats.lastWriteOk = false;
            return false;
        }
        if (!m_stats.lastWriteOk)
            m_server.log(Server::LogWarning,
                         "AOF write error looks solved, Redscope can write again.");
        m_stats.lastWriteOk = true;
        if (m_server.config().appendFsync == "always") forceFsync = true;
    }
    if (forceFsync) {
        ::fdatasync(m_fd);
        m_lastFsyncMs = Server::wallClockMs();
    }
    return true;
}

void AofLifecycle::beforeSleep()
{
    if (!m_buffer.empty()) flush(false);
}

void AofLifecycle::fsyncIfDue(int64_t nowMs)
{
    if (m_fd >= 0 && m_server.config().appendFsync == "everysec" && nowMs - m_lastFsyncMs >= 1000)
        flush(true);
}

void AofLifecycle::onShutdown()
{
    if (m_state == State::Off) return;
    m_server.log(Server::LogNotice, "Calling fsync() on the AOF file.");
    flush(true);
}

void AofLifecycle::switchOff()
{
    flush(true);
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    m_buffer.clear();
    m_state = State::Off;
    m_pendingIncrSeq = 0;
}

// ---------------------------------------------------------------------------------------
// Rewrite

bool AofLifecycle::prepareRewrite(std::string *finalBase, std::string *error)
{
    if (::mkdir(dir().c_str(), 0755) != 0 && errno != EEXIST) {
        *error = "ERR Can't create the AOF directory: " + std::string(std::strerror(errno));
        return false;
    }
    if (m_state != State::On && !readManifestIfAny(error)) return false;
    // Commands from now on go to a new incr file; the child's base covers everything before.
    if (m_state != State::Off) {
        flush(true);
        if (m_state == State::WaitRewrite && m_pendingIncrSeq)
            ::unlink(pathOf(incrName(m_pendingIncrSeq)).c_str()); // from a failed attempt
        const int64_t seq = ++m_maxIncrSeq;
        const int fd = openIncr(seq, error);
        if (fd < 0) return false;
        if (m_state == State::On) {
            aof::Manifest withNewIncr = m_manifest;
            withNewIncr.incrs.push_back({incrName(seq), seq, 'i'});
            if (!writeManifest(withNewIncr, error)) {
                ::close(fd);
                return false;
            }
            m_manifest = withNewIncr;
        }
        if (m_fd >= 0) ::close(m_fd);
        m_fd = fd;
        m_db = -1;
        m_pendingIncrSeq = seq;
        m_server.log(Server::LogNotice,
                     "Creating AOF incr file " + incrName(seq) + " on background rewrite");
    }
    m_pendingBaseSeq = (m_manifest.hasBase ? m_manifest.base.seq : 0) + 1;
    *finalBase = pathOf(baseName(m_pendingBaseSeq));
    return true;
}

bool AofLifecycle::finishRewrite(bool childOk, int64_t durationSec)
{
    m_stats.lastRewriteTimeSec = durationSec;
    const std::string newBase = baseName(m_pendingBaseSeq);
    if (childOk) {
        aof::Manifest next;
        next.hasBase = true;
        next.base = {newBase, m_pendingBaseSeq, 'b'};
        if (m_state != State::Off && m_pendingIncrSeq)
            next.incrs.push_back({incrName(m_pendingIncrSeq), m_pendingIncrSeq, 'i'});
        std::string error;
        if (writeManifest(next, &error)) {
            // The old files are history now: nothing refers to them.
            if (m_manifest.hasBase && m_manifest.base.name != newBase)
                ::unlink(pathOf(m_manifest.base.name).c_str());
            for (const auto &e : m_manifest.incrs)
                if (e.seq != m_pendingIncrSeq) ::unlink(pathOf(e.name).c_str());
            for (const auto &e : m_manifest.history)
                ::unlink(pathOf(e.name).c_str());
            m_manifest = next;
            if (m_state == State::WaitRewrite) m_state = State::On;
            m_stats.baseSize = fileSize(pathOf(newBase));
            if (m_pendingIncrSeq) m_stats.baseSize += fileSize(pathOf(incrName(m_pendingIncrSeq)));
            m_stats.currentSize = m_stats.baseSize;
            m_stats.lastRewriteOk = true;
            m_stats.rewriteFailures = 0;
            ++m_stats.rewrites;
            m_pendingIncrSeq = 0;
            m_server.log(Server::LogNotice, "Background AOF rewrite finished successfully");
            return true;
        }
        m_server.log(Server::LogWarning, "Error writing the AOF manifest: " + error);
    }
    ::unlink(pathOf(newBase).c_str());
    m_stats.lastRewriteOk = false;
    ++m_stats.rewriteFailures;
    m_server.log(Server::LogWarning, "Background AOF rewrite terminated with error");
    return false;
}

bool AofLifecycle::autoRewriteDue() const
{
    const ServerConfig &config = m_server.config();
    if (m_state != State::On || config.autoAofRewritePercentage <= 0 ||
        m_stats.currentSize <= static_cast<uint64_t>(config.autoAofRewriteMinSize))
        return false;
    const uint64_t base = m_stats.baseSize ? m_stats.baseSize : 1;
    const int64_t growth = static_cast<int64_t>(m_stats.currentSize * 100 / base) - 100;
    if (growth < config.autoAofRewritePercentage) return false;
    m_server.log(Server::LogNotice,
                 "Starting automatic rewriting of AOF on " + std::to_string(growth) + "% growth");
    return true;
}

} // namespace redscope::engine
