// The replication commands: REPLICAOF/SLAVEOF, ROLE, SYNC, PSYNC, REPLCONF, WAIT, FAILOVER. They
// parse arguments and shape replies as Redis 7.0 does; the work is Replication's
// (replication.h).
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "replication/replication.h"
#include "server/server.h"
#include "util/strings.h"

namespace redscope::engine {

void cmdReplicaof(CommandContext &ctx)
{
    Replication &replication = ctx.server.replication();
    if (equalsIgnoreCase(ctx.arg(1), "no") && equalsIgnoreCase(ctx.arg(2), "one")) {
        if (replication.isReplica()) {
            replication.unsetMaster();
            ctx.server.log(Server::LogNotice,
                           "MASTER MODE enabled (user request from '" +
                               describeClient(ctx.server, ctx.client, ctx.nowMs) + "')");
        }
        return ctx.reply.ok();
    }
    if (ctx.client.replState != Client::ReplState::None)
        return ctx.error("ERR Command is not valid when client is a replica.");
    int64_t port;
    if (!parseInt64(ctx.arg(2), &port) || port < 0 || port > 65535)
        return ctx.error("ERR Invalid master port");
    const std::string host(ctx.arg(1));
    if (replication.isReplica() && equalsIgnoreCase(replication.masterHost(), host) &&
        replication.masterPort() == port) {
        ctx.server.log(Server::LogNotice, "REPLICAOF would result into synchronization with the "
                                          "master we are already connected with. No operation "
                                          "performed.");
        return ctx.reply.status("OK Already connected to specified master");
    }
    replication.setMaster(host, static_cast<int>(port));
    ctx.server.log(Server::LogNotice, "REPLICAOF " + host + ":" + std::to_string(port) +
                                          " enabled (user request from '" +
                                          describeClient(ctx.server, ctx.client, ctx.nowMs) + "')");
    ctx.reply.ok();
}

void cmdRole(CommandContext &ctx)
{
    ctx.server.replication().replyRole(ctx);
}

void cmdSync(CommandContext &ctx)
{
    ctx.server.replication().syncCommand(ctx, false);
}

void cmdPsync(CommandContext &ctx)
{
    ctx.server.replication().syncCommand(ctx, true);
}

void cmdReplconf(CommandContext &ctx)
{
    ctx.server.replication().replconfCommand(ctx);
}

void cmdWait(CommandContext &ctx)
{
    ctx.server.replication().waitCommand(ctx);
}

void cmdFailover(CommandContext &ctx)
{
    ctx.server.replication().failoverCommand(ctx);
}

} // namespace redscope::engine
