// Persistence commands: SAVE, BGSAVE [SCHEDULE], LASTSAVE, BGREWRITEAOF. Thin wrappers over
// the Persistence subsystem (persistence/persistence.h), which owns the state and the child
// processes; these only parse arguments and turn outcomes into Redis 7.0's replies.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "persistence/persistence.h"
#include "server/server.h"
#include "util/strings.h"

namespace redscope::engine {

void cmdSave(CommandContext &ctx)
{
    std::string error;
    if (ctx.server.persistence().save(&error)) return ctx.reply.ok();
    // Redis answers a failed SAVE with a bare "-ERR"; the cause goes to the log.
    ctx.error(error.rfind("ERR ", 0) == 0 ? std::string_view(error) : std::string_view("ERR"));
}

void cmdBgsave(CommandContext &ctx)
{
    bool schedule = false;
    if (ctx.argc() > 1) {
        if (ctx.argc() != 2 || !equalsIgnoreCase(ctx.arg(1), "SCHEDULE")) return ctx.syntaxError();
        schedule = true;
    }
    std::string error;
    switch (ctx.server.persistence().bgsave(schedule, &error)) {
    case Persistence::Start::Started:
        return ctx.reply.status("Background saving started");
    case Persistence::Start::Scheduled:
        return ctx.reply.status("Background saving scheduled");
    default:
        return ctx.error(error);
    }
}

void cmdLastsave(CommandContext &ctx)
{
    ctx.reply.integer(static_cast<int64_t>(ctx.server.lastSaveTime));
}

void cmdBgrewriteaof(CommandContext &ctx)
{
    std::string error;
    switch (ctx.server.persistence().rewriteAof(&error)) {
    case Persistence::Start::Started:
        return ctx.reply.status("Background append only file rewriting started");
    case Persistence::Start::Scheduled:
        return ctx.reply.status("Background append only file rewriting scheduled");
    default:
        return ctx.error(error.rfind("ERR ", 0) == 0 ? error : "ERR " + error);
    }
}

} // namespace redscope::engine
