// The master's side of replication (see replication.h): replicas attach with SYNC or PSYNC,
// resume from the backlog when their replication id and offset allow (+CONTINUE), otherwise
// get a full copy (+FULLRESYNC <replid> <offset>, then the RDB). REPLCONF carries their
// listening port, capabilities and ACKs; WAIT blocks until enough ACKs arrived.
//
// A full sync has two targets, as in Redis. With repl-diskless-sync and replicas that
// announced `capa eof`, a child writes the RDB into a pipe and the parent forwards it at once
// as `$EOF:<mark>` ... `<mark>` (the replica goes online at its first ACK, as in Redis 7.0).
// Otherwise the snapshot is an ordinary BGSAVE of Persistence into dump.rdb (so INFO
// persistence shows it, and it counts as a save), and once it is on disk the file is sent as
// `$<len>` and its bytes, a megabyte at a time as each replica's socket drains (never the
// whole file in memory). With rdb-del-sync-files and no persistence configured, the file is
// removed once every replica got it. A replica asking while a disk BGSAVE for replicas runs
// attaches to it: it gets the same file and, from a replica already waiting on it, the
// stream since the fork. While an `$EOF:` child runs, newcomers wait for the next one (that
// stream has started). Newlines keep waiting replicas' links alive.
//
// `REPLCONF rdb-only 1` (redis-cli --rdb) asks for the snapshot alone: such a replica gets no
// command stream (nothing collects for it while the RDB goes out) and its link is closed once
// the RDB is written, as Redis 7.0 does.
#include "replication/replication.h"

#include "commands/command_context.h"
#include "persistence/aof.h"
#include "persistence/persistence.h"
#include "persistence/persistence_io.h"
#include "persistence/rdb_writer.h"
#include "server/process_settings.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

constexpr size_t kPipeReadChunk = 64 * 1024;
constexpr size_t kPipeReadPerEvent = 4 * 1024 * 1024;
constexpr size_t kFileChunk = 1024 * 1024; // dump.rdb bytes queued per replica at a time

} // namespace

size_t Replication::connectedReplicas() const
{
    size_t count = 0;
    for (uint64_t id : m_replicaIds)
        if (m_server.clientById(id)) ++count;
    return count;
}

int Replication::goodReplicas() const
{
    const int64_t now = Server::wallClockMs();
    int good = 0;
    for (uint64_t id : m_replicaIds) {
        const Client *client = m_server.clientById(id);
        if (client && client->replState == Client::ReplState::Online &&
            (now - client->replAckTimeMs) / 1000 <= m_server.config().minReplicasMaxLag)
            ++good;
    }
    return good;
}

int Replication::acknowledged(int64_t offset) const
{
    int count = 0;
    for (uint64_t id : m_replicaIds) {
        const Client *client = m_server.clientById(id);
        if (client && client->replState == Client::ReplState::Online &&
            client->replAckOffset >= offset)
            ++count;
    }
    return count;
}

// ---------------------------------------------------------------------------------------
// SYNC / PSYNC

void Replication::syncCommand(CommandContext &ctx, bool psync)
{
    Client &client = ctx.client;
    if (client.replState != Client::ReplState::None) return; // already a replica: ignored
    // PSYNC <replid> <offset> FAILOVER: our master hands over (its FAILOVER command); we
    // become a master first, and its history, now our replid2, lets the PSYNC continue.
    if (psync && ctx.argc() > 3 && equalsIgnoreCase(ctx.arg(3), "failover")) {
        if (ctx.arg(1) != m_replid)
            return ctx.error("ERR PSYNC FAILOVER replid must match my replid.");
        unsetMaster();
        m_server.log(Server::LogNotice,
                     "MASTER MODE enabled (failover request from '" + client.peerAddress + "')");
    }
    if (isReplica() && !masterLinkUp())
        return ctx.error("NOMASTERLINK Can't SYNC while not connected with my master");
    if (client.output.size() > client.outputSent)
        return ctx.error("ERR SYNC and PSYNC are invalid with pending output");
    if (m_server.config().replDisableTcpNodelay && !client.isUnixSocket) {
        // Nagle from now on: fewer, bigger packets to this replica, at some lag (best effort).
        int no = 0;
        ::setsockopt(client.fd, IPPROTO_TCP, TCP_NODELAY, &no, sizeof no);
    }
    const int64_t now = Server::wallClockMs();
    if (psync) {
        int64_t psyncOffset = 0;
        if (!parseInt64(ctx.arg(2), &psyncOffset))
            return ctx.error("ERR value is not an integer or out of range");
        if (tryPartialResync(client, ctx.arg(1), psyncOffset)) {
            ++m_partialOk;
            m_server.log(Server::LogNotice, "Partial resynchronization request from " +
                                                client.peerAddress + " accepted. Sending " +
                                                std::to_string(m_offset - psyncOffset + 1) +
                                                " bytes of backlog starting from offset " +
                                                std::to_string(psyncOffset) + ".");
            return;
        }
        if (ctx.arg(1) != "?") ++m_partialErr;
    } else {
        client.replOldSync = true;
    }
    m_server.log(Server::LogNotice, "Replica " + client.peerAddress + " asks for synchronization");
    ++m_fullSyncs;
    if (!m_backlog) {
        // The first replica: history starts now, under a fresh id (as Redis does).
        newReplid();
        m_replid2 = std::string(40, '0');
        m_secondOffset = -1;
        ensureBacklog();
    }
    client.replState = Client::ReplState::WaitBgsave;
    client.replAckTimeMs = now;
    m_replicaIds.push_back(client.id);
    m_noReplicasSinceMs = 0;
    if (attachToRunningChild(client)) return;
    if (m_syncWaitSinceMs == 0) m_syncWaitSinceMs = now;
    if (m_childPid < 0 && !m_diskBgsave &&
        (!m_server.config().replDisklessSync || m_server.config().replDisklessSyncDelay == 0))
        startFullSyncChild();
}

bool Replication::attachToRunningChild(Client &client)
{
    if (m_childPid >= 0) {
        m_server.log(Server::LogNotice, "Current BGSAVE has socket target. Waiting for next "
                                        "BGSAVE for SYNC");
        return false;
    }
    if (!m_diskBgsave) return false;
    const Client *donor = nullptr;
    for (uint64_t id : m_replicaIds) {
        const Client *other = m_server.clientById(id);
        if (other && other != &client && other->replState == Client::ReplState::SendingRdb &&
            !sendingFile(id) && !other->replRdbOnly) {
            donor = other;
            break;
        }
    }
    if (!donor) {
        m_server.log(Server::LogNotice, "Can't attach the replica to the current BGSAVE. "
                                        "Waiting for next BGSAVE for SYNC");
        return false;
    }
    client.replState = Client::ReplState::SendingRdb;
    if (!client.replRdbOnly) client.replPending = donor->replPending;
    client.replAckOffset = m_childOffset;
    if (!client.replOldSync)
        client.output += "+FULLRESYNC " + m_replid + " " + std::to_string(m_childOffset) + "\r\n";
    m_server.queueWrite(client);
    m_server.log(Server::LogNotice, "Waiting for end of BGSAVE for SYNC (replica " +
                                        client.peerAddress + " attached to the running one)");
    return true;
}

bool Replication::tryPartialResync(Client &client, std::string_view replid, int64_t psyncOffset)
{
    if (!m_backlog) return false;
    const bool idKnown =
        replid == m_replid || (replid == m_replid2 && psyncOffset <= m_secondOffset);
    if (!idKnown) return false;
    std::string missing;
    if (!m_backlog->copyFrom(psyncOffset - 1, &missing)) return false;
    client.replState = Client::ReplState::Online;
    client.replAckTimeMs = Server::wallClockMs();
    client.replAckOffset = psyncOffset - 1;
    m_replicaIds.push_back(client.id);
    m_noReplicasSinceMs = 0;
    client.output += client.replCapaPsync2 ? "+CONTINUE " + m_replid + "\r\n" : "+CONTINUE\r\n";
    client.output += missing;
    m_server.queueWrite(client);
    return true;
}

void Replication::startFullSyncChild()
{
    std::vector<Client *> waiting;
    bool allEof = m_server.config().replDisklessSync;
    for (uint64_t id : m_replicaIds) {
        Client *client = m_server.clientById(id);
        if (!client || client->replState != Client::ReplState::WaitBgsave) continue;
        waiting.push_back(client);
        // redis-cli --rdb sends capa eof, then SYNC: it reads `$EOF:` as Redis sends it.
        if (!client->replCapaEof || (client->replOldSync && !client->replRdbOnly)) allEof = false;
    }
    if (waiting.empty()) {
        m_syncWaitSinceMs = 0;
        return;
    }
    if (!allEof) return startDiskSync(waiting);
    m_syncWaitSinceMs = 0;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        m_server.log(Server::LogWarning,
                     std::string("Can't create the replication pipe: ") + std::strerror(errno));
        return;
    }
    RdbSaveOptions options;
    options.compression = m_server.config().rdbCompression;
    options.checksum = m_server.config().rdbChecksum;
    options.keyDelayUs = m_server.config().rdbKeySaveDelay;
    const auto forkStarted = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid > 0) m_server.noteFork(forkStarted);
    if (pid == 0) {
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        setupForkChild(m_server.config(), ForkChild::RdbToReplicas);
        ::close(fds[0]);
        std::string why;
        const bool ok = writeRdb(m_server, fds[1], options, &why);
        ::close(fds[1]);
        ::_exit(ok ? 0 : 1);
    }
    ::close(fds[1]);
    if (pid < 0) {
        ::close(fds[0]);
        m_server.log(Server::LogWarning,
                     std::string("Can't fork for the replication sync: ") + std::strerror(errno));
        for (Client *client : waiting) {
            client->closeNow = true;
            m_server.scheduleClose(*client);
        }
        return;
    }
    m_childPid = pid;
    m_pipeFd = fds[0];
    ::fcntl(m_pipeFd, F_SETFL, ::fcntl(m_pipeFd, F_GETFL) | O_NONBLOCK);
    m_server.loop().watch(m_pipeFd, EventLoop::Readable, &Replication::onRdbPipe, this);
    m_childOffset = m_offset;
    static const char hex[] = "0123456789abcdef";
    m_eofMark.clear();
    for (int i = 0; i < 40; ++i)
        m_eofMark += hex[m_server.random()() % 16];
    // The stream after the snapshot starts with a SELECT, whatever db it was on.
    m_streamDb = -1;
    m_server.log(Server::LogNotice, std::string("Starting BGSAVE for SYNC with target: ") +
                                        "replicas sockets (child pid " + std::to_string(pid) + ")");
    for (Client *client : waiting) {
        announceFullSync(*client);
        client->output += "$EOF:" + m_eofMark + "\r\n";
        m_server.queueWrite(*client);
    }
}

// A waiting replica's full sync begins: +FULLRESYNC (unless it sent the old SYNC), and what
// is written from now on collects for it until the snapshot is out.
void Replication::announceFullSync(Client &client)
{
    client.replState = Client::ReplState::SendingRdb;
    client.replPending.clear();
    client.replAckOffset = m_offset;
    if (!client.replOldSync)
        client.output += "+FULLRESYNC " + m_replid + " " + std::to_string(m_offset) + "\r\n";
}

// The disk target: Persistence's BGSAVE writes dump.rdb; bgsaveDone() sends it. It waits
// while another child (a BGSAVE of the user's, an AOF rewrite) runs: the cron tries again.
void Replication::startDiskSync(const std::vector<Client *> &waiting)
{
    Persistence &persistence = m_server.persistence();
    if (persistence.bgsaveInProgress() || persistence.rewriteInProgress()) return;
    m_syncWaitSinceMs = 0;
    m_server.log(Server::LogNotice, "Starting BGSAVE for SYNC with target: disk");
    std::string error;
    if (persistence.bgsave(false, &error) != Persistence::Start::Started) {
        m_server.log(Server::LogWarning, "BGSAVE for replication failed: " + error);
        for (Client *client : waiting) {
            client->closeNow = true;
            m_server.scheduleClose(*client);
        }
        return;
    }
    m_diskBgsave = true;
    m_childOffset = m_offset;
    m_streamDb = -1; // the stream after the snapshot starts with a SELECT
    for (Client *client : waiting) {
        announceFullSync(*client);
        m_server.queueWrite(*client);
    }
}

void Replication::bgsaveDone(bool ok)
{
    if (!m_diskBgsave) return;
    m_diskBgsave = false;
    std::vector<Client *> waiting;
    for (uint64_t id : m_replicaIds)
        if (Client *client = m_server.clientById(id);
            client && client->replState == Client::ReplState::SendingRdb && !sendingFile(id))
            waiting.push_back(client);
    const std::string path = pathInDir(m_server.config().dir, m_server.config().dbFilename);
    int fd = -1;
    struct stat st
    {
    };
    if (ok) {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0 && ::fstat(fd, &st) != 0) {
            ::close(fd);
            fd = -1;
        }
        if (fd < 0)
            m_server.log(Server::LogWarning, "SYNC failed. Can't open/stat DB after BGSAVE: " +
                                                 std::string(std::strerror(errno)));
    } else {
        m_server.log(Server::LogWarning, "SYNC failed. BGSAVE child returned an error");
    }
    if (fd < 0) {
        for (Client *client : waiting) {
            client->closeNow = true;
            m_server.scheduleClose(*client);
        }
        return;
    }
    m_rdbFromSync = true;
    // Each send reads its own descriptor of this file: a later BGSAVE renames a new one over
    // the name while earlier sends go on with the image they started.
    const int64_t size = static_cast<int64_t>(st.st_size);
    for (Client *client : waiting) {
        const int own = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
        if (own < 0) {
            client->closeNow = true;
            m_server.scheduleClose(*client);
            continue;
        }
        client->output += "$" + std::to_string(size) + "\r\n";
        m_fileSends.push_back({client->id, 0, own, size});
        m_server.queueWrite(*client);
    }
    ::close(fd);
    sendSyncFile();
}

void Replication::endFileSend(size_t index)
{
    ::close(m_fileSends[index].fd);
    m_fileSends.erase(m_fileSends.begin() + static_cast<std::ptrdiff_t>(index));
}

bool Replication::sendingFile(uint64_t clientId) const
{
    return std::any_of(m_fileSends.begin(), m_fileSends.end(),
                       [clientId](const FileSend &send) { return send.clientId == clientId; });
}

// Tops up each receiving replica's output with the next chunk of the file while what it
// holds is under a chunk: memory per replica stays bounded whatever the file's size.
void Replication::sendSyncFile()
{
    for (size_t i = 0; i < m_fileSends.size();) {
        FileSend &send = m_fileSends[i];
        Client *client = m_server.clientById(send.clientId);
        if (!client || client->closeNow) {
            endFileSend(i);
            continue;
        }
        if (client->output.size() - client->outputSent < kFileChunk && send.offset < send.size) {
            const size_t want =
                static_cast<size_t>(std::min<int64_t>(kFileChunk, send.size - send.offset));
            const size_t at = client->output.size();
            client->output.resize(at + want);
            const ssize_t n = ::pread(send.fd, client->output.data() + at, want, send.offset);
            if (n <= 0) {
                client->output.resize(at);
                m_server.log(Server::LogWarning,
                             "Read error sending DB to replica: " +
                                 std::string(n < 0 ? std::strerror(errno) : "premature EOF"));
                client->closeNow = true;
                m_server.scheduleClose(*client);
                endFileSend(i);
                continue;
            }
            client->output.resize(at + static_cast<size_t>(n));
            send.offset += n;
            m_server.queueWrite(*client);
        }
        if (send.offset >= send.size) {
            if (client->replRdbOnly)
                closeRdbOnly(*client);
            else
                putOnline(*client);
            endFileSend(i);
            continue;
        }
        ++i;
    }
}

// rdb-del-sync-files: a file written only to feed replicas does not outlive the transfer on
// a server with no persistence (no save points, no AOF), as in Redis.
void Replication::removeSyncFileIfUnwanted()
{
    const ServerConfig &config = m_server.config();
    if (!m_rdbFromSync || !config.rdbDelSyncFiles || !config.savePoints.empty() ||
        config.appendOnly || m_diskBgsave || !m_fileSends.empty() ||
        m_server.persistence().bgsaveInProgress())
        return;
    for (uint64_t id : m_replicaIds)
        if (const Client *client = m_server.clientById(id);
            client && client->replState == Client::ReplState::WaitBgsave)
            return;
    m_rdbFromSync = false;
    m_server.log(Server::LogNotice, "Removing the RDB file used to feed replicas in a "
                                    "persistence-less instance");
    ::unlink(pathInDir(config.dir, config.dbFilename).c_str());
}

void Replication::onRdbPipe(EventLoop &, int, void *context, uint32_t)
{
    static_cast<Replication *>(context)->readRdbPipe();
}

void Replication::readRdbPipe()
{
    char chunk[kPipeReadChunk];
    size_t readThisEvent = 0;
    while (readThisEvent < kPipeReadPerEvent) {
        const ssize_t n = ::read(m_pipeFd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EAGAIN) return;
        if (n <= 0) return finishRdbChild();
        readThisEvent += static_cast<size_t>(n);
        const std::string_view bytes(chunk, static_cast<size_t>(n));
        for (uint64_t id : m_replicaIds) {
            Client *client = m_server.clientById(id);
            if (!client || client->replState != Client::ReplState::SendingRdb) continue;
            client->output.append(bytes);
            m_server.queueWrite(*client);
        }
    }
}

void Replication::finishRdbChild()
{
    m_server.loop().unwatch(m_pipeFd);
    ::close(m_pipeFd);
    m_pipeFd = -1;
    int status = 0;
    const bool ok = ::waitpid(m_childPid, &status, 0) == m_childPid && WIFEXITED(status) &&
                    WEXITSTATUS(status) == 0;
    m_childPid = -1;
    m_server.log(ok ? Server::LogNotice : Server::LogWarning,
                 ok ? "Background RDB transfer terminated with success"
                    : "Background transfer error");
    for (uint64_t id : m_replicaIds) {
        Client *client = m_server.clientById(id);
        if (!client || client->replState != Client::ReplState::SendingRdb) continue;
        if (!ok) {
            client->closeNow = true;
            m_server.scheduleClose(*client);
            continue;
        }
        client->output += m_eofMark;
        if (client->replRdbOnly) {
            closeRdbOnly(*client);
            continue;
        }
        client->replState = Client::ReplState::WaitAck;
        m_server.queueWrite(*client);
    }
}

// The snapshot is all an rdb-only replica asked for: its link closes once the RDB is out.
void Replication::closeRdbOnly(Client &client)
{
    m_server.log(Server::LogNotice, "RDB transfer completed, rdb only replica (" +
                                        client.peerAddress + ") should be disconnected asap");
    client.closeAfterReply = true;
    m_server.queueWrite(client);
}

void Replication::putOnline(Client &client)
{
    client.replState = Client::ReplState::Online;
    client.replAckTimeMs = Server::wallClockMs();
    client.output += client.replPending;
    client.replPending.clear();
    client.replPending.shrink_to_fit();
    m_server.queueWrite(client);
    m_server.log(Server::LogNotice,
                 "Synchronization with replica " + client.peerAddress + " succeeded");
}

void Replication::replicaGone(Client &client)
{
    std::erase(m_replicaIds, client.id);
    m_server.log(Server::LogNotice, "Connection with replica " + client.peerAddress + " lost.");
    if (m_replicaIds.empty()) m_noReplicasSinceMs = Server::wallClockMs();
}

void Replication::disconnectReplicas()
{
    for (uint64_t id : m_replicaIds) {
        if (Client *client = m_server.clientById(id)) {
            client->closeNow = true;
            m_server.scheduleClose(*client);
        }
    }
}

// ---------------------------------------------------------------------------------------
// REPLCONF

void Replication::replconfCommand(CommandContext &ctx)
{
    Client &client = ctx.client;
    if (ctx.argc() % 2 == 0) return ctx.syntaxError();
    for (size_t i = 1; i < ctx.argc(); i += 2) {
        const std::string_view option = ctx.arg(i), value = ctx.arg(i + 1);
        if (equalsIgnoreCase(option, "listening-port")) {
            int64_t port;
            if (!parseInt64(value, &port))
                return ctx.error("ERR value is not an integer or out of range");
            client.replListeningPort = port;
        } else if (equalsIgnoreCase(option, "ip-address")) {
            client.replIpAddress = std::string(value);
        } else if (equalsIgnoreCase(option, "capa")) {
            if (equalsIgnoreCase(value, "eof")) client.replCapaEof = true;
            if (equalsIgnoreCase(value, "psync2")) client.replCapaPsync2 = true;
        } else if (equalsIgnoreCase(option, "rdb-only")) {
            int64_t rdbOnly;
            if (!parseInt64(value, &rdbOnly))
                return ctx.error("ERR value is not an integer or out of range");
            if (rdbOnly < 0 || rdbOnly > 1)
                return ctx.error("ERR value is out of range, value must between 0 and 1");
            client.replRdbOnly = rdbOnly == 1;
        } else if (equalsIgnoreCase(option, "ack")) {
            // From a replica only, and never answered.
            if (client.replState == Client::ReplState::None) return;
            int64_t offset;
            if (!parseInt64(value, &offset)) return;
            if (offset > client.replAckOffset) client.replAckOffset = offset;
            client.replAckTimeMs = Server::wallClockMs();
            if (client.replState == Client::ReplState::WaitAck) putOnline(client);
            return;
        } else if (equalsIgnoreCase(option, "getack")) {
            // From our master: the ACK goes out before the loop sleeps.
            if (client.isMaster) ackRequested();
            return;
        } else {
            return ctx.error("ERR Unrecognized REPLCONF option: " + std::string(option));
        }
    }
    ctx.reply.ok();
}

// ---------------------------------------------------------------------------------------
// WAIT

void Replication::waitCommand(CommandContext &ctx)
{
    if (isReplica())
        return ctx.error("ERR WAIT cannot be used with replica instances. Please also note that "
                         "since Redis 4.0 if a replica is configured to be writable (which is "
                         "not the default) writes to replicas are just local and are not "
                         "propagated.");
    int64_t needed, timeoutMs;
    if (!parseInt64(ctx.arg(1), &needed))
        return ctx.error("ERR value is not an integer or out of range");
    if (!parseInt64(ctx.arg(2), &timeoutMs))
        return ctx.error("ERR timeout is not an integer or out of range");
    if (timeoutMs < 0) return ctx.error("ERR timeout is negative");
    Client &client = ctx.client;
    const int acks = acknowledged(client.replWriteOffset);
    if (acks >= needed || client.inMulti) return ctx.reply.integer(acks);
    client.blocked = true;
    client.blockTimeoutMs = 0; // our deadline, not the key-waiters' (their timeout replies nil)
    m_waiters.push_back(
        {client.id, client.replWriteOffset, needed, timeoutMs ? ctx.nowMs + timeoutMs : 0});
    m_getAckPending = true;
    // Timeouts to the millisecond, as Redis 7.0 keeps them (the cron only ticks at hz).
    if (!m_waitTimer) m_waitTimer = m_server.loop().addTimer(1, &Replication::onWaitTimer, this);
}

void Replication::serveWaiters(int64_t nowMs)
{
    if (m_getAckPending) {
        m_getAckPending = false;
        if (!m_replicaIds.empty()) {
            std::string bytes;
            aof::appendCommand(bytes, {"REPLCONF", "GETACK", "*"});
            feedBytes(bytes);
        }
    }
    std::vector<Waiter> waiters;
    waiters.swap(m_waiters);
    std::vector<Client *> unblocked;
    for (const Waiter &waiter : waiters) {
        Client *client = m_server.clientById(waiter.clientId);
        if (!client || !client->blocked) continue;
        const int acks = acknowledged(waiter.offset);
        if (acks < waiter.needed && (waiter.deadlineMs == 0 || nowMs < waiter.deadlineMs)) {
            m_waiters.push_back(waiter);
            continue;
        }
        client->blocked = false;
        client->reply.setProtocol(client->protocol);
        client->reply.integer(acks);
        m_server.queueWrite(*client);
        unblocked.push_back(client);
    }
    // Their pipelined requests, now that they may go on (a new WAIT joins m_waiters).
    for (Client *client : unblocked)
        m_server.processInput(*client);
}

bool Replication::answerWaitNow(Client &client)
{
    for (auto it = m_waiters.begin(); it != m_waiters.end(); ++it) {
        if (it->clientId != client.id) continue;
        client.reply.integer(acknowledged(it->offset));
        m_waiters.erase(it);
        m_server.queueWrite(client);
        return true;
    }
    return false;
}

void Replication::onWaitTimer(EventLoop &, void *context)
{
    auto *replication = static_cast<Replication *>(context);
    replication->serveWaiters(Server::wallClockMs());
    if (replication->m_waiters.empty() && replication->m_waitTimer) {
        replication->m_server.loop().removeTimer(replication->m_waitTimer);
        replication->m_waitTimer = 0;
    }
}

void Replication::serveWaitersNow()
{
    m_getAckPending = false;
    for (Waiter &waiter : m_waiters)
        waiter.deadlineMs = 1;
    serveWaiters(Server::wallClockMs());
}

// ---------------------------------------------------------------------------------------
// Cron

void Replication::masterCron(int64_t nowMs)
{
    const ServerConfig &config = m_server.config();
    if (m_backlog && static_cast<size_t>(config.replBacklogSize) != m_backlog->capacity() &&
        config.replBacklogSize >= 16 * 1024)
        m_backlog->resize(static_cast<size_t>(config.replBacklogSize));

    size_t waiting = 0;
    for (uint64_t id : m_replicaIds)
        if (Client *client = m_server.clientById(id);
            client && client->replState == Client::ReplState::WaitBgsave)
            ++waiting;
    if (waiting && m_childPid < 0 && !m_diskBgsave) {
        if (m_syncWaitSinceMs == 0) m_syncWaitSinceMs = nowMs;
        const bool delayOver =
            !config.replDisklessSync ||
            nowMs - m_syncWaitSinceMs >= config.replDisklessSyncDelay * 1000 ||
            (config.replDisklessSyncMaxReplicas > 0 &&
             static_cast<int64_t>(waiting) >= config.replDisklessSyncMaxReplicas);
        if (delayOver) startFullSyncChild();
    }

    removeSyncFileIfUnwanted();

    // Once a second: keepalives, PING, timeouts, the backlog's time to live.
    if (nowMs / 1000 == m_lastPingMs / 1000 && m_lastPingMs != 0) return;
    const bool pingDue = (nowMs / 1000) % config.replPingReplicaPeriod == 0;
    m_lastPingMs = nowMs;
    for (uint64_t id : m_replicaIds) {
        Client *client = m_server.clientById(id);
        if (!client) continue;
        const bool waitingForRdb = client->replState == Client::ReplState::WaitBgsave ||
                                   (client->replState == Client::ReplState::SendingRdb &&
                                    m_diskBgsave && !sendingFile(id));
        if (waitingForRdb) {
            client->output += "\n";
            m_server.queueWrite(*client);
        }
        if (client->replState == Client::ReplState::Online &&
            nowMs - client->replAckTimeMs > config.replTimeout * 1000) {
            m_server.log(Server::LogWarning,
                         "Disconnecting timedout replica (streaming sync): " + client->peerAddress);
            client->closeNow = true;
            m_server.scheduleClose(*client);
        }
    }
    // No PING while a failover holds writes: the target must be able to catch up exactly.
    if (pingDue && !isReplica() && !m_replicaIds.empty() &&
        m_failoverState == FailoverState::None) {
        std::string bytes;
        aof::appendCommand(bytes, {"PING"});
        feedBytes(bytes);
    }
    if (m_backlog && !isReplica() && m_replicaIds.empty() && config.replBacklogTtl > 0) {
        if (m_noReplicasSinceMs == 0) m_noReplicasSinceMs = nowMs;
        if (nowMs - m_noReplicasSinceMs > config.replBacklogTtl * 1000) {
            // Like Redis: no replica can continue this history any more; start a new one.
            newReplid();
            m_replid2 = std::string(40, '0');
            m_secondOffset = -1;
            m_backlog.reset();
            m_server.log(Server::LogNotice, "Replication backlog freed after " +
                                                std::to_string(config.replBacklogTtl) +
                                                " seconds without connected replicas.");
        }
    }
}

} // namespace redscope::engine
