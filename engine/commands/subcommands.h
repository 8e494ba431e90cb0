// Error and help replies shared by container commands (CONFIG, PUBSUB, SLOWLOG, LATENCY,
// MEMORY, DEBUG, ...). Redis 7.0 gives every subcommand its own arity ("config|set"), which
// dispatch checks from the subcommand table before a handler runs; what is left to handlers
// is the few checks narrower than that arity, whose texts clients match on. Header-only:
// tiny helpers.
#pragma once

#include "commands/command_context.h"
#include "util/strings.h"

#include <string>
#include <string_view>

namespace redscope::engine {

// "ERR unknown subcommand 'foo'. Try CONFIG HELP."
inline void unknownSubcommand(CommandContext &ctx, std::string_view parent)
{
    ctx.error("ERR unknown subcommand '" + std::string(ctx.arg(1).substr(0, 128)) + "'. Try " +
              std::string(parent) + " HELP.");
}

// "ERR unknown subcommand or wrong number of arguments for 'get'. Try SLOWLOG HELP."
inline void badSubcommandUsage(CommandContext &ctx, std::string_view parent)
{
    ctx.error("ERR unknown subcommand or wrong number of arguments for '" +
              std::string(ctx.arg(1).substr(0, 128)) + "'. Try " + std::string(parent) + " HELP.");
}

// HELP replies: the header line, the given lines, then "HELP / Prints this help." as Redis,
// whose count is a deferred length (the reply goes to the reply list: server/reply_buffer.h).
template <size_t N>
void replyHelp(CommandContext &ctx, std::string_view parent, const char *const (&lines)[N])
{
    const size_t slot = ctx.reply.beginDeferredArray();
    ctx.reply.status(std::string(parent) +
                     " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    for (const char *line : lines)
        ctx.reply.status(line);
    ctx.reply.status("HELP");
    ctx.reply.status("    Prints this help.");
    ctx.reply.endDeferredArray(slot, N + 3);
}

} // namespace redscope::engine
