// Transactions: MULTI EXEC DISCARD WATCH UNWATCH. Queueing happens in Server::processCommand
// (a rejected command flags the transaction, EXEC then answers EXECABORT); this file owns the
// client's MULTI state and EXEC itself, which runs the queue through Server::call with one
// clock reading so every command of the transaction sees the same "now", as in Redis.
//
// WATCH rides on the server's watch registry: every write signals the key and flags the
// watchers (Server::signalModifiedKey), including lazy and active expiry. Redis 7.0 also
// aborts when a watched key merely became logically expired since WATCH; that is checked at
// EXEC time, and WATCH first drops keys that were already expired so they do not count.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"

namespace redscope::engine {

namespace {

void resetMultiState(Client &client)
{
    client.inMulti = false;
    client.multiAborted = false;
    client.multiQueue.clear();
}

bool watchedKeyExpired(Server &server, const Client &client, int64_t nowMs)
{
    for (const auto &[dbIndex, key] : client.watchedKeys) {
        Database &db = server.db(dbIndex);
        int64_t when = db.expireAt(key);
        if (when != -1 && when <= nowMs && db.peek(key)) return true;
    }
    return false;
}

bool queueHasWrites(const std::vector<QueuedCommand> &queue)
{
    for (const QueuedCommand &queued : queue)
        if (queued.spec->flags & CmdWrite) return true;
    return false;
}

} // namespace

void cmdMulti(CommandContext &ctx)
{
    if (ctx.client.inMulti) return ctx.error("ERR MULTI calls can not be nested");
    ctx.client.inMulti = true;
    ctx.client.multiAborted = false;
    ctx.client.multiQueue.clear();
    ctx.reply.ok();
}

void cmdDiscard(CommandContext &ctx)
{
    if (!ctx.client.inMulti) return ctx.error("ERR DISCARD without MULTI");
    resetMultiState(ctx.client);
    ctx.server.unwatchAll(ctx.client);
    ctx.reply.ok();
}

// Like Redis 7.0, ACL rules are checked again at EXEC: they may have changed since the
// command was queued. A refused command gets its own error in the EXEC array.
static bool aclStillAllows(CommandContext &ctx, const QueuedCommand &queued,
                           std::span<const std::string_view> argv)
{
    const SubcommandSpec *sub = nullptr;
    if (argv.size() >= 2 && CommandTable::subcommands(*queued.spec))
        sub = CommandTable::findSubcommand(*queued.spec, argv[1]);
    std::string denial;
    AclDenial kind = AclDenial::None;
    if (ctx.server.aclAllows(ctx.client, *queued.spec, sub, argv, &denial, &kind)) return true;
    const char *reason = kind == AclDenial::Key ? "no permission to touch the specified keys"
                         : kind == AclDenial::Channel
                             ? "no permission to access one of the channels used as arguments"
                             : "no permission to execute the command or subcommand";
    ctx.error(std::string("NOPERM ACLs rules changed between the moment the transaction was "
                          "accumulated and the EXEC call. This command is no longer allowed "
                          "for the following reason: ") +
              reason);
    return false;
}

void cmdExec(CommandContext &ctx)
{
    Client &client = ctx.client;
    Server &server = ctx.server;
    if (!client.inMulti) return ctx.error("ERR EXEC without MULTI");
    if (client.multiAborted || client.watchDirty || watchedKeyExpired(server, client, ctx.nowMs)) {
        if (client.multiAborted)
            ctx.error("EXECABORT Transaction discarded because of previous errors.");
        else
            ctx.reply.nullArray();
        resetMultiState(client);
        server.unwatchAll(client);
        return;
    }
    // Unwatch first: the transaction's own writes must not flag this client.
    server.unwatchAll(client);
    std::vector<QueuedCommand> queue;
    queue.swap(client.multiQueue);

    // AOF sees the transaction as MULTI ... EXEC so it is replayed atomically. EXEC itself is
    // propagated by call() when the dataset changed; otherwise it is closed here.
    bool wrapped = queueHasWrites(queue);
    if (wrapped) server.propagate(client.dbIndex, {"MULTI"});
    uint64_t dirtyBefore = server.stats().dirty;

    // inMulti stays set while the queue runs: blocking commands check it and reply at once.
    ctx.reply.arrayHeader(queue.size());
    for (const QueuedCommand &queued : queue) {
        std::vector<std::string_view> argv(queued.argv.begin(), queued.argv.end());
        if (!aclStillAllows(ctx, queued, argv)) continue;
        server.call(client, *queued.spec, argv, ctx.nowMs);
    }
    resetMultiState(client);

    if (server.stats().dirty != dirtyBefore)
        ctx.propagateAs({"EXEC"});
    else if (wrapped)
        server.propagate(client.dbIndex, {"EXEC"});
}

void cmdWatch(CommandContext &ctx)
{
    if (ctx.client.inMulti) return ctx.error("ERR WATCH inside MULTI is not allowed");
    for (size_t i = 1; i < ctx.argc(); ++i) {
        std::string_view key = ctx.arg(i);
        // A key already past its deadline is removed now (lazy expiry), so that only keys
        // expiring after WATCH make EXEC fail.
        ctx.db().lookup(key, ctx.nowMs);
        ctx.server.watchKey(ctx.client, ctx.client.dbIndex, key);
    }
    ctx.reply.ok();
}

void cmdUnwatch(CommandContext &ctx)
{
    ctx.server.unwatchAll(ctx.client);
    ctx.reply.ok();
}

} // namespace redscope::engine
