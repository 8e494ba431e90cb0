// The server process's own commands: TIME, MONITOR and SHUTDOWN. Introspection and
// diagnostics live in their own files (info_command.cpp, command_introspection.cpp,
// slowlog_latency_commands.cpp, memory_commands.cpp, debug_commands.cpp); CONFIG is in
// config_commands.cpp and CLIENT in connection_commands.cpp.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "persistence/persistence.h"
#include "scripting/script_engine.h"
#include "server/server.h"
#include "util/strings.h"

#include <sys/time.h>

namespace redscope::engine {

void cmdTime(CommandContext &ctx)
{
    timeval now{};
    gettimeofday(&now, nullptr);
    ctx.reply.arrayHeader(2);
    ctx.reply.bulk(formatInt64(now.tv_sec));
    ctx.reply.bulk(formatInt64(now.tv_usec));
}

void cmdMonitor(CommandContext &ctx)
{
    if (ctx.client.monitor) return; // Redis ignores a second MONITOR without replying
    ctx.server.addMonitor(ctx.client);
    ctx.reply.ok();
}

// SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. The final save is the persistence layer's:
// it runs when the loop has stopped (Server::run -> Persistence::onShutdown), told here
// whether SAVE or NOSAVE overrides the save points. Before that, Server::beginShutdown asks
// persistence whether it may stop at all: while the AOF's first base is being written Redis
// 7.0 refuses unless FORCE is given. There is no shutdown grace period for replicas (the
// engine has none), so NOW changes nothing and ABORT has nothing to abort.
void cmdShutdown(CommandContext &ctx)
{
    bool save = false, nosave = false, abort = false, now = false, force = false;
    for (size_t i = 1; i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        if (equalsIgnoreCase(option, "SAVE"))
            save = true;
        else if (equalsIgnoreCase(option, "NOSAVE"))
            nosave = true;
        else if (equalsIgnoreCase(option, "ABORT"))
            abort = true;
        else if (equalsIgnoreCase(option, "NOW"))
            now = true;
        else if (equalsIgnoreCase(option, "FORCE"))
            force = true;
        else
            return ctx.syntaxError();
    }
    if ((save && nosave) || (abort && (save || nosave || now || force))) return ctx.syntaxError();
    if (abort) return ctx.error("ERR No shutdown in progress.");
    // During a busy script only SHUTDOWN NOSAVE goes through; it stops the script too.
    if (ScriptEngine *scripting = ctx.server.scriptingIfCreated(); scripting && scripting->busy()) {
        if (!nosave) return ctx.error(scripting->busyError());
        scripting->abortForShutdown();
    }
    int64_t flags = 0;
    if (save) flags |= ShutdownSave;
    if (nosave) flags |= ShutdownNoSave;
    if (now) flags |= ShutdownNow;
    if (force) flags |= ShutdownForce;
    if (!ctx.server.beginShutdown(flags))
        return ctx.error("ERR Errors trying to SHUTDOWN. Check logs.");
    ctx.server.endCause = Server::EndCause::Shutdown;
    ctx.server.endDetail = save ? "SHUTDOWN SAVE" : nosave ? "SHUTDOWN NOSAVE" : "SHUTDOWN";
    // No reply: like Redis, the client sees the connection close when the process exits.
}

} // namespace redscope::engine
