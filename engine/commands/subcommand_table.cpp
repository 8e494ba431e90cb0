// The subcommands of container commands (CONFIG GET, CLIENT LIST, OBJECT ENCODING, ...), with
// the arity of each, as data next to the command table. Redis 7.0 resolves a subcommand when
// it looks the command up, so an unknown subcommand or a wrong argument count is refused at
// dispatch: before the handler runs, and before MULTI queues it (EXEC then aborts). The
// handlers keep their own checks for direct calls; this table only has to know every name.
//
// Names and arities are Redis 7.0.15's (COMMAND INFO); CLIENT SETINFO is served beyond 7.0
// (as in Redis 7.2), so it is listed too. DEBUG is not a container in Redis 7.0: it stays out.
#include "commands/command_table.h"

#include "util/strings.h"

#include <cstring>

namespace redscope::engine {

namespace {

struct Container
{
    const char *command;
    std::vector<SubcommandSpec> subcommands;
};

// clang-format off
const std::vector<Container> &containers()
{
    static const std::vector<Container> table = {
        {"client", {{"caching", 3}, {"getname", 2}, {"getredir", 2}, {"help", 2}, {"id", 2},
                    {"info", 2}, {"kill", -3}, {"list", -2}, {"no-evict", 3}, {"pause", -3},
                    {"reply", 3}, {"setinfo", 4}, {"setname", 3}, {"tracking", -3},
                    {"trackinginfo", 2}, {"unblock", -3}, {"unpause", 2}}},
        {"command", {{"count", 2}, {"docs", -2}, {"getkeys", -4}, {"getkeysandflags", -4},
                     {"help", 2}, {"info", -2}, {"list", -2}}},
        {"config", {{"get", -3}, {"help", 2}, {"resetstat", 2}, {"rewrite", 2}, {"set", -4}}},
        {"latency", {{"doctor", 2}, {"graph", 3}, {"help", 2}, {"histogram", -2},
                     {"history", 3}, {"latest", 2}, {"reset", -2}}},
        {"memory", {{"doctor", 2}, {"help", 2}, {"malloc-stats", 2}, {"purge", 2}, {"stats", 2},
                    {"usage", -3}}},
        {"object", {{"encoding", 3}, {"freq", 3}, {"help", 2}, {"idletime", 3}, {"refcount", 3}}},
        {"pubsub", {{"channels", -2}, {"help", 2}, {"numpat", 2}, {"numsub", -2},
                    {"shardchannels", -2}, {"shardnumsub", -2}}},
        {"slowlog", {{"get", -2}, {"help", 2}, {"len", 2}, {"reset", 2}}},
    };
    return table;
}
// clang-format on

} // namespace

const std::vector<SubcommandSpec> *CommandTable::subcommands(const CommandSpec &spec)
{
    // Resolved once per row: dispatch asks this for every command it runs.
    static const std::vector<const std::vector<SubcommandSpec> *> byRow = [] {
        const std::vector<CommandSpec> &rows = instance().all();
        std::vector<const std::vector<SubcommandSpec> *> result(rows.size(), nullptr);
        for (size_t i = 0; i < rows.size(); ++i)
            for (const Container &container : containers())
                if (std::strcmp(container.command, rows[i].name) == 0)
                    result[i] = &container.subcommands;
        return result;
    }();
    return byRow[instance().indexOf(&spec)];
}

const SubcommandSpec *CommandTable::findSubcommand(const CommandSpec &spec, std::string_view name)
{
    const std::vector<SubcommandSpec> *list = subcommands(spec);
    if (!list) return nullptr;
    for (const SubcommandSpec &sub : *list)
        if (equalsIgnoreCase(name, sub.name)) return &sub;
    return nullptr;
}

} // namespace redscope::engine
