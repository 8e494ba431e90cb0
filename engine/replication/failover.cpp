// FAILOVER [TO host port [FORCE]] [TIMEOUT ms] [ABORT]: a coordinated switch of roles between
// this master and one of its replicas, as Redis 7.0 does it. Writes are paused (CLIENT PAUSE
// WRITE) so the stream stops growing; once the target has acknowledged the whole stream
// (or at the timeout with FORCE) this server becomes a replica of the target and asks it
// with `PSYNC <replid> <offset> FAILOVER`, which tells the target to promote itself first.
// The promoted target keeps our id as its replid2, so the PSYNC continues without a full
// sync. The failover ends when the target answers the PSYNC; a refusal, or a timeout while
// waiting for the target to catch up, aborts it and we stay (or become again) a master.
#include "replication/replication.h"

#include "commands/command_context.h"
#include "persistence/aof.h"
#include "server/server.h"
#include "util/strings.h"

#include <climits>

namespace redscope::engine {

const char *Replication::failoverStateName() const
{
    switch (m_failoverState) {
    case FailoverState::WaitForSync:
        return "waiting-for-sync";
    case FailoverState::InProgress:
        return "failover-in-progress";
    case FailoverState::None:
        break;
    }
    return "no-failover";
}

void Replication::failoverCommand(CommandContext &ctx)
{
    std::string host;
    int64_t port = 0, timeoutMs = 0;
    bool force = false, abort = false;
    for (size_t i = 1; i < ctx.argc();) {
        const std::string_view option = ctx.arg(i);
        if (equalsIgnoreCase(option, "TO") && i + 2 < ctx.argc()) {
            host = std::string(ctx.arg(i + 1));
            if (!parseInt64(ctx.arg(i + 2), &port))
                return ctx.error("ERR value is not an integer or out of range");
            i += 3;
        } else if (equalsIgnoreCase(option, "TIMEOUT") && i + 1 < ctx.argc()) {
            if (!parseInt64(ctx.arg(i + 1), &timeoutMs))
                return ctx.error("ERR value is not an integer or out of range");
            if (timeoutMs <= 0) return ctx.error("ERR FAILOVER timeout must be greater than 0");
            i += 2;
        } else if (equalsIgnoreCase(option, "FORCE")) {
            force = true;
            ++i;
        } else if (equalsIgnoreCase(option, "ABORT")) {
            abort = true;
            ++i;
        } else {
            return ctx.syntaxError();
        }
    }
    if (abort) {
        if (force || timeoutMs || !host.empty())
            return ctx.error("ERR FAILOVER abort cannot be used with other arguments.");
        if (m_failoverState == FailoverState::None)
            return ctx.error("ERR No failover in progress.");
        abortFailover("Failover manually aborted");
        return ctx.reply.ok();
    }
    // In Redis 7.0's order.
    if (m_failoverState != FailoverState::None)
        return ctx.error("ERR FAILOVER already in progress.");
    if (isReplica()) return ctx.error("ERR FAILOVER is not valid when server is a replica.");
    if (connectedReplicas() == 0) return ctx.error("ERR FAILOVER requires connected replicas.");
    if (force && (!timeoutMs || host.empty()))
        return ctx.error("ERR FAILOVER with force option requires both a timeout and target "
                         "HOST and IP.");
    if (!host.empty()) {
        const Client *target = nullptr;
        for (uint64_t id : m_replicaIds) {
            const Client *client = m_server.clientById(id);
            if (!client) continue;
            std::string ip = client->replIpAddress;
            if (ip.empty()) ip = client->peerAddress.substr(0, client->peerAddress.rfind(':'));
            if (equalsIgnoreCase(ip, host) && client->replListeningPort == port) target = client;
        }
        if (!target) return ctx.error("ERR FAILOVER target HOST and PORT is not a replica.");
        if (target->replState != Client::ReplState::Online)
            return ctx.error("ERR FAILOVER target replica is not online.");
    }
    m_failoverHost = host;
    m_failoverPort = static_cast<int>(port);
    m_failoverForce = force;
    m_failoverDeadlineMs = timeoutMs ? ctx.nowMs + timeoutMs : 0;
    m_failoverState = FailoverState::WaitForSync;
    m_server.log(
        Server::LogNotice,
        "FAILOVER requested to " +
            (host.empty() ? std::string("any replica") : host + ":" + std::to_string(port)) + ".");
    m_server.pauseClients(INT64_MAX, true);
    m_getAckPending = true; // the replicas say where they are (beforeSleep sends it)
    ctx.reply.ok();
}

void Replication::abortFailover(const std::string &why)
{
    if (m_failoverState == FailoverState::None) return;
    m_server.log(Server::LogNotice, "FAILOVER aborted: " + why);
    if (m_failoverState == FailoverState::InProgress && isReplica()) unsetMaster();
    clearFailover();
}

void Replication::clearFailover()
{
    m_failoverState = FailoverState::None;
    m_failoverHost.clear();
    m_failoverPort = 0;
    m_failoverForce = false;
    m_failoverDeadlineMs = 0;
    m_server.unpauseClients();
}

// From the cron and before each sleep while waiting for the target to catch up.
void Replication::failoverCron(int64_t nowMs)
{
    if (m_failoverState != FailoverState::WaitForSync) return;
    if (m_failoverDeadlineMs && nowMs >= m_failoverDeadlineMs) {
        if (!m_failoverForce) return abortFailover("Replica never caught up before timeout");
        m_server.log(Server::LogNotice, "FAILOVER timeout reached: forcing the failover.");
    } else {
        // The first replica (or the named one) that acknowledged the whole stream.
        const Client *caughtUp = nullptr;
        for (uint64_t id : m_replicaIds) {
            const Client *client = m_server.clientById(id);
            if (!client || client->replState != Client::ReplState::Online ||
                client->replAckOffset != m_offset)
                continue;
            std::string ip = client->replIpAddress;
            if (ip.empty()) ip = client->peerAddress.substr(0, client->peerAddress.rfind(':'));
            if (!m_failoverHost.empty() && (!equalsIgnoreCase(ip, m_failoverHost) ||
                                            client->replListeningPort != m_failoverPort))
                continue;
            caughtUp = client;
            m_failoverHost = ip;
            m_failoverPort = static_cast<int>(client->replListeningPort);
            break;
        }
        if (!caughtUp) return;
    }
    m_server.log(Server::LogNotice, "Failover target " + m_failoverHost + ":" +
                                        std::to_string(m_failoverPort) +
                                        " is synced, failing over.");
    m_failoverState = FailoverState::InProgress;
    const std::string host = m_failoverHost;
    const int port = m_failoverPort;
    setMaster(host, port); // the handshake's PSYNC carries FAILOVER
}

} // namespace redscope::engine
