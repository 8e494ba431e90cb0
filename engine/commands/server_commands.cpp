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
// whether SAVE or NOSAVE overrides the save points. There is no shutdown grace period for
// replicas (the engine has none), so NOW and FORCE change nothing and ABORT has nothing to
// abort.
void cmdShutdown(CommandContext &ctx)
{
    bool save = false, nosave = false, abort = false, other = false;
    for (size_t i = 1; i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        if (equalsIgnoreCase(option, "SAVE"))
            save = true;
        else if (equalsIgnoreCase(option, "NOSAVE"))
            nosave = true;
        else if (equalsIgnoreCase(option, "ABORT"))
            abort = true;
        else if (equalsIgnoreCase(option, "NOW") || equalsIgnoreCase(option, "FORCE"))
            other = true;
        else
            return ctx.syntaxError();
    }
    if ((save && nosave) || (abort && (save || nosave || other))) return ctx.syntaxError();
    if (abort) return ctx.error("ERR No shutdown in progress.");
    // During a busy script only SHUTDOWN NOSAVE goes through; it stops the script too.
    if (ScriptEngine *scripting = ctx.server.scriptingIfCreated(); scripting && scripting->busy()) {
        if (!nosave) return ctx.error(scripting->busyError());
        scripting->abortForShutdown();
    }
    using Mode = Persistence::ShutdownSave;
    ctx.server.persistence().setShutdownSave(save     ? Mode::Save
                                             : nosave ? Mode::NoSave
                                                      : Mode::Default);
    ctx.server.endCause = Server::EndCause::Shutdown;
    ctx.server.endDetail = save ? "SHUTDOWN SAVE" : nosave ? "SHUTDOWN NOSAVE" : "SHUTDOWN";
    ctx.server.log(Server::LogWarning, "User requested shutdown...");
    ctx.server.requestShutdown();
    // No reply: like Redis, the client sees the connection close when the process exits.
}

} // namespace redscope::engine
