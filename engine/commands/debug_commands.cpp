// DEBUG (OBJECT, SLEEP, RELOAD, SET-ACTIVE-EXPIRE): the subcommands tests and tools rely on,
// kept apart from the user-facing commands because they reach into internals (a value's
// address and encoding, a blocking sleep, a save-and-reload of the whole dataset).
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "persistence/compact_encodings.h"
#include "persistence/persistence.h"
#include "server/server.h"
#include "util/strings.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <unistd.h>

namespace redscope::engine {

namespace {

void debugObject(CommandContext &ctx)
{
    Value *value = ctx.db().lookup(ctx.arg(2), ctx.nowMs);
    if (!value) return ctx.error(errors::kNoSuchKey);
    char address[32];
    std::snprintf(address, sizeof address, "%p", static_cast<void *>(value));
    std::ostringstream out;
    out << "Value at:" << address << " refcount:1 encoding:" << value->encodingName()
        << " serializedlength:" << value->memoryUsage(5) << " lru:" << value->lruClock
        << " lru_seconds_idle:" << value->idleMs(ctx.nowMs) / 1000;
    if (value->type() == ValueType::List) {
        // Redis's quicklist figures: nodes, average elements per node, the fill, whether
        // list-compress-depth is set (the engine reads the setting; its nodes stay
        // uncompressed), and the nodes' listpack bytes (built here: DEBUG may be O(N)).
        const ListValue &list = value->list();
        const std::vector<uint32_t> counts = list.nodeCounts();
        size_t listpackBytes = 0, node = 0;
        rdb::ListpackBuilder builder;
        list.forEach([&](std::string_view element) {
            builder.addElement(element);
            if (builder.count() < counts[node]) return;
            listpackBytes += builder.finish().size();
            ++node;
        });
        char figures[160];
        std::snprintf(figures, sizeof figures,
                      " ql_nodes:%zu ql_avg_node:%.2f ql_listpack_max:%d ql_compressed:%d"
                      " ql_uncompressed_size:%zu",
                      counts.size(), static_cast<double>(list.size()) / counts.size(), list.fill(),
                      ctx.server.config().listCompressDepth != 0 ? 1 : 0, listpackBytes);
        out << figures;
    }
    ctx.reply.status(out.str());
}

void debugSleep(CommandContext &ctx)
{
    // Like Redis (strtod): text that is not a number sleeps 0 s.
    std::string text(ctx.arg(2));
    double seconds = std::strtod(text.c_str(), nullptr);
    if (seconds > 0) usleep(static_cast<useconds_t>(seconds * 1e6));
    ctx.reply.ok();
}

void debugReload(CommandContext &ctx)
{
    std::string error;
    if (!ctx.server.persistence().saveAndReload(&error)) return ctx.error("ERR " + error);
    ctx.reply.ok();
}

void debugSetActiveExpire(CommandContext &ctx)
{
    std::string text(ctx.arg(2));
    ctx.server.activeExpireEnabled = std::atoi(text.c_str()) != 0;
    ctx.reply.ok();
}

void debugHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "OBJECT <key>",
        "    Show low level info about `key` and associated value.",
        "RELOAD",
        "    Save the RDB on disk and reload it back to memory.",
        "SET-ACTIVE-EXPIRE <0|1>",
        "    Setting it to 0 disables expiring keys in background when they are not",
        "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
        "    default.",
        "SLEEP <seconds>",
        "    Stop the server for <seconds>. Decimals allowed.",
    };
    replyHelp(ctx, "DEBUG", lines);
}

// DEBUG is not a container in Redis 7.0 (COMMAND INFO lists no subcommands for it), so its
// rows stay here rather than in subcommand_table.cpp. HELP takes any arguments.
const SubcommandSpec kDebugSubcommands[] = {
    {"object", debugObject, 3}, {"sleep", debugSleep, 3},
    {"reload", debugReload, 2}, {"set-active-expire", debugSetActiveExpire, 3},
    {"help", debugHelp, -2},
};

} // namespace

// DEBUG: the subcommands tests and tools rely on. As in redis-server 7.0 it runs only when
// enable-debug-command allows it (Server::processCommand checks, before authentication); the
// embedded engine starts with "local", test fixtures pass "yes". An unknown subcommand and a
// wrong count share one error, as in Redis.
void cmdDebug(CommandContext &ctx)
{
    const SubcommandSpec *sub = CommandTable::findSubcommand(kDebugSubcommands, ctx.arg(1));
    if (!sub || !CommandTable::arityFits(sub->arity, ctx.argc()))
        return badSubcommandUsage(ctx, "DEBUG");
    sub->handler(ctx);
}

} // namespace redscope::engine
