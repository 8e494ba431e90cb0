// The state both sides of replication share (see replication.h): replication ids, the
// stream encoder that turns propagated commands into the RESP bytes replicas apply (with a
// SELECT whenever the database changes, as Redis 7.0 sends it), the cron, INFO replication
// and ROLE.
#include "replication/replication.h"

#include "commands/command_context.h"
#include "persistence/aof.h"
#include "server/server.h"

#include <charconv>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

namespace redscope::engine {

Replication::Replication(Server &server)
    : m_server(server)
{
    newReplid();
}

Replication::~Replication()
{
    if (m_childPid > 0) {
        ::kill(m_childPid, SIGKILL);
        int status;
        ::waitpid(m_childPid, &status, 0);
    }
    if (m_pipeFd >= 0) ::close(m_pipeFd);
    for (const FileSend &send : m_fileSends)
        ::close(send.fd);
    if (m_linkFd >= 0) ::close(m_linkFd);
    if (m_payloadFileFd >= 0) {
        ::close(m_payloadFileFd);
        ::unlink(m_payloadTempPath.c_str());
    }
}

void Replication::newReplid()
{
    static const char hex[] = "0123456789abcdef";
    m_replid.clear();
    for (int i = 0; i < 40; ++i)
        m_replid += hex[m_server.random()() % 16];
}

void Replication::changeReplicationId()
{
    newReplid();
    m_replid2 = std::string(40, '0');
    m_secondOffset = -1;
}

// Like Redis's shiftReplicationId: the history so far stays reachable under replid2, so
// replicas that followed the old id up to here can still PSYNC.
void Replication::shiftReplid()
{
    m_replid2 = m_replid;
    m_secondOffset = m_offset + 1;
    newReplid();
}

void Replication::ensureBacklog()
{
    if (m_backlog) return;
    m_backlog = std::make_unique<ReplicationBacklog>(
        static_cast<size_t>(m_server.config().replBacklogSize), m_offset);
    m_streamDb = -1;
}

void Replication::start()
{
    const ServerConfig &config = m_server.config();
    if (!config.replicaOfHost.empty())
        setMaster(config.replicaOfHost, static_cast<int>(config.replicaOfPort));
}

// ---------------------------------------------------------------------------------------
// The stream

// Encodes into one buffer kept across commands (its capacity stays), then the backlog and
// every online replica's output get a memcpy each: a propagated command costs no allocation.
template <typename Args> void Replication::encodeAndFeed(int dbIndex, const Args &argv)
{
    // A replica produces no stream of its own: its replicas get the master's bytes
    // (masterStreamApplied), and writes to a writable replica stay local, as in Redis.
    if (!m_backlog || isReplica()) return;
    m_encoded.clear();
    // std::to_chars rather than snprintf: four headers per SET, and the format parsing was a
    // twentieth of a busy master's CPU.
    char digits[24];
    const auto appendLength = [&](char prefix, size_t n) {
        digits[0] = prefix;
        char *end = std::to_chars(digits + 1, digits + sizeof digits - 2, n).ptr;
        *end++ = '\r';
        *end++ = '\n';
        m_encoded.append(digits, static_cast<size_t>(end - digits));
    };
    const auto appendArray = [&](const auto &args) {
        appendLength('*', std::size(args));
        for (const auto &arg : args) {
            appendLength('$', arg.size());
            m_encoded.append(arg.data(), arg.size());
            m_encoded.append("\r\n", 2);
        }
    };
    if (dbIndex >= 0 && dbIndex != m_streamDb) {
        const std::string db = std::to_string(dbIndex);
        const std::string_view select[] = {"SELECT", db};
        appendArray(select);
        m_streamDb = dbIndex;
    }
    appendArray(argv);
    feedBytes(m_encoded);
    if (m_encoded.capacity() > 1024 * 1024) std::string().swap(m_encoded); // a huge value
}

void Replication::feed(int dbIndex, const std::vector<std::string> &argv)
{
    encodeAndFeed(dbIndex, argv);
}

void Replication::feed(int dbIndex, std::span<const std::string_view> argv)
{
    encodeAndFeed(dbIndex, argv);
}

void Replication::feedBytes(std::string_view bytes)
{
    m_offset += static_cast<int64_t>(bytes.size());
    if (!m_backlog) return;
    m_backlog->append(bytes);
    for (size_t i = 0; i < m_replicaIds.size(); ++i) {
        Client *client = m_server.clientById(m_replicaIds[i]);
        if (!client || client->replRdbOnly) continue; // it wants the snapshot alone
        switch (client->replState) {
        case Client::ReplState::Online:
            client->output.append(bytes);
            m_server.queueWrite(*client);
            break;
        case Client::ReplState::SendingRdb:
        case Client::ReplState::WaitAck:
            client->replPending.append(bytes);
            break;
        default:
            break; // its snapshot is not taken yet: the stream it needs starts later
        }
    }
}

// ---------------------------------------------------------------------------------------
// Cron

void Replication::cron()
{
    const int64_t now = Server::wallClockMs();
    if (isReplica()) replicaCron(now);
    masterCron(now);
    failoverCron(now);
}

void Replication::beforeSleep()
{
    if (m_ackRequested) {
        m_ackRequested = false;
        sendAck();
    }
    if (!m_fileSends.empty()) sendSyncFile();
    if (!m_waiters.empty() || m_getAckPending) serveWaiters(m_server.loopTimeMs());
    if (m_failoverState == FailoverState::WaitForSync) failoverCron(m_server.loopTimeMs());
}

// ---------------------------------------------------------------------------------------
// Write checks

std::string Replication::refusal(const Client &client, uint32_t commandFlags, bool isWrite) const
{
    if (client.isMaster) return {};
    const ServerConfig &config = m_server.config();
    if (!isReplica()) {
        if (isWrite && config.minReplicasToWrite > 0 && goodReplicas() < config.minReplicasToWrite)
            return "NOREPLICAS Not enough good replicas to write.";
        return {};
    }
    if (isWrite && config.replicaReadOnly)
        return "READONLY You can't write against a read only replica.";
    if (!masterLinkUp() && !config.replicaServeStaleData && !(commandFlags & CmdStale))
        return "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
    return {};
}

// ---------------------------------------------------------------------------------------
// INFO replication and ROLE

namespace {

const char *linkStateName(int state)
{
    static const char *names[] = {"none",      "connect", "connecting",
                                  "handshake", "sync",    "connected"};
    return names[state];
}

} // namespace

std::string Replication::infoFields()
{
    const ServerConfig &config = m_server.config();
    const int64_t now = Server::wallClockMs();
    std::string out;
    auto line = [&out](const std::string &key, const std::string &value) {
        out += key + ":" + value + "\r\n";
    };
    auto n = [](auto v) { return std::to_string(v); };
    if (!isReplica()) {
        line("role", "master");
    } else {
        line("role", "slave");
        line("master_host", m_masterHost);
        line("master_port", n(m_masterPort));
        line("master_link_status", masterLinkUp() ? "up" : "down");
        Client *master = m_server.clientById(m_masterClientId);
        line("master_last_io_seconds_ago",
             master ? n((now - master->lastInteractionMs) / 1000) : std::string("-1"));
        const bool syncing = m_linkState == LinkState::Transfer;
        line("master_sync_in_progress", syncing ? "1" : "0");
        int64_t readOffset = m_offset;
        if (master) readOffset += static_cast<int64_t>(master->input.size() - master->inputPos);
        line("slave_read_repl_offset", n(readOffset));
        line("slave_repl_offset", n(m_offset));
        if (syncing) {
            const int64_t read = m_payloadRead;
            line("master_sync_total_bytes", n(m_payloadSize));
            line("master_sync_read_bytes", n(read));
            line("master_sync_left_bytes", n(m_payloadSize >= 0 ? m_payloadSize - read : -1));
            char perc[32];
            std::snprintf(perc, sizeof perc, "%.2f",
                          m_payloadSize > 0 ? 100.0 * static_cast<double>(read) /
                                                  static_cast<double>(m_payloadSize)
                                            : 0.0);
            line("master_sync_perc", perc);
            line("master_sync_last_io_seconds_ago", n((now - m_lastIoMs) / 1000));
        }
        if (!masterLinkUp())
            line("master_link_down_since_seconds",
                 m_linkDownSinceMs ? n((now - m_linkDownSinceMs) / 1000) : std::string("-1"));
        line("slave_priority", n(config.replicaPriority));
        line("slave_read_only", config.replicaReadOnly ? "1" : "0");
        line("replica_announced", config.replicaAnnounced ? "1" : "0");
    }
    line("connected_slaves", n(connectedReplicas()));
    if (!isReplica() && config.minReplicasToWrite > 0)
        line("min_slaves_good_slaves", n(goodReplicas()));
    int index = 0;
    for (uint64_t id : m_replicaIds) {
        const Client *client = m_server.clientById(id);
        if (!client) continue;
        const char *state = "wait_bgsave";
        if (sendingFile(id)) state = "send_bulk";
        if (client->replState == Client::ReplState::Online) state = "online";
        std::string ip = client->replIpAddress;
        if (ip.empty()) ip = client->peerAddress.substr(0, client->peerAddress.rfind(':'));
        line("slave" + n(index++), "ip=" + ip + ",port=" + n(client->replListeningPort) +
                                       ",state=" + state + ",offset=" + n(client->replAckOffset) +
                                       ",lag=" + n((now - client->replAckTimeMs) / 1000));
    }
    line("master_failover_state", failoverStateName());
    line("master_replid", m_replid);
    line("master_replid2", m_replid2);
    line("master_repl_offset", n(m_offset));
    line("second_repl_offset", n(m_secondOffset));
    line("repl_backlog_active", m_backlog ? "1" : "0");
    line("repl_backlog_size", n(config.replBacklogSize));
    line("repl_backlog_first_byte_offset", n(m_backlog ? m_backlog->firstByteOffset() : 0));
    line("repl_backlog_histlen", n(m_backlog ? m_backlog->historyLength() : 0));
    return out;
}

void Replication::replyRole(CommandContext &ctx)
{
    if (!isReplica()) {
        ctx.reply.arrayHeader(3);
        ctx.reply.bulk("master");
        ctx.reply.integer(m_offset);
        std::vector<const Client *> online;
        for (uint64_t id : m_replicaIds)
            if (const Client *client = m_server.clientById(id);
                client && client->replState == Client::ReplState::Online)
                online.push_back(client);
        // Redis 7.0 counts the replicas as it lists them: a deferred length.
        const size_t slot = ctx.reply.beginDeferredArray();
        for (const Client *client : online) {
            std::string ip = client->replIpAddress;
            if (ip.empty()) ip = client->peerAddress.substr(0, client->peerAddress.rfind(':'));
            ctx.reply.arrayHeader(3);
            ctx.reply.bulk(ip);
            ctx.reply.bulk(std::to_string(client->replListeningPort));
            ctx.reply.bulk(std::to_string(client->replAckOffset));
        }
        ctx.reply.endDeferredArray(slot, online.size());
        return;
    }
    ctx.reply.arrayHeader(5);
    ctx.reply.bulk("slave");
    ctx.reply.bulk(m_masterHost);
    ctx.reply.integer(m_masterPort);
    ctx.reply.bulk(linkStateName(static_cast<int>(m_linkState)));
    ctx.reply.integer(m_server.clientById(m_masterClientId) ? m_offset : -1);
}

} // namespace redscope::engine
