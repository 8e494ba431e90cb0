// CLUSTER, ASKING, READONLY and READWRITE as redis-server answers them with
// `cluster-enabled no`. The engine is a standalone server, never a cluster node: users who
// outgrow one machine run real Redis Cluster, which the app manages. Clients and tools probe
// these commands (a cluster-aware client sends CLUSTER SLOTS or READONLY and falls back), so
// each answers Redis's own refusal; arity and unknown subcommands are refused at dispatch from
// the subcommand table, like any container.
#include "commands/command_context.h"
#include "commands/handlers.h"

namespace redscope::engine {

void cmdClusterDisabled(CommandContext &ctx)
{
    ctx.error("ERR This instance has cluster support disabled");
}

} // namespace redscope::engine
