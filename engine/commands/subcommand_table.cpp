// The subcommands of container commands (CONFIG GET, CLIENT LIST, OBJECT ENCODING, ...), with
// the arity and ACL categories of each, as data next to the command table. Redis 7.0
// resolves a subcommand when it looks the command up, so an unknown subcommand or a wrong
// argument count is refused at dispatch: before the handler runs, and before MULTI queues it
// (EXEC then aborts). ACL rules name subcommands ("+config|get"), so each carries its
// categories (Redis 7.0.15's). The handlers keep their own checks for direct calls; this
// table only has to know every name.
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
// ACL category sets that many subcommands share.
constexpr uint32_t kAdm = AclAdmin | AclSlow | AclDangerous;
constexpr uint32_t kAdmConn = kAdm | AclConnection;
constexpr uint32_t kConn = AclSlow | AclConnection;
constexpr uint32_t kKeyRead = AclKeyspace | AclRead | AclSlow;
constexpr uint32_t kPubSub = AclPubSub | AclSlow;

const std::vector<Container> &containers()
{
    static const std::vector<Container> table = {
        {"client", {{"caching", 3, kConn}, {"getname", 2, kConn}, {"getredir", 2, kConn},
                    {"help", 2, kConn}, {"id", 2, kConn}, {"info", 2, kConn},
                    {"kill", -3, kAdmConn}, {"list", -2, kAdmConn}, {"no-evict", 3, kAdmConn},
                    {"pause", -3, kAdmConn}, {"reply", 3, kConn}, {"setinfo", 4, kConn},
                    {"setname", 3, kConn}, {"tracking", -3, kConn}, {"trackinginfo", 2, kConn},
                    {"unblock", -3, kAdmConn}, {"unpause", 2, kAdmConn}}},
        {"command", {{"count", 2, kConn}, {"docs", -2, kConn}, {"getkeys", -4, kConn},
                     {"getkeysandflags", -4, kConn}, {"help", 2, kConn}, {"info", -2, kConn},
                     {"list", -2, kConn}}},
        {"config", {{"get", -3, kAdm}, {"help", 2, AclSlow}, {"resetstat", 2, kAdm},
                    {"rewrite", 2, kAdm}, {"set", -4, kAdm}}},
        {"latency", {{"doctor", 2, kAdm}, {"graph", 3, kAdm}, {"help", 2, AclSlow},
                     {"histogram", -2, kAdm}, {"history", 3, kAdm}, {"latest", 2, kAdm},
                     {"reset", -2, kAdm}}},
        {"memory", {{"doctor", 2, AclSlow}, {"help", 2, AclSlow}, {"malloc-stats", 2, AclSlow},
                    {"purge", 2, AclSlow}, {"stats", 2, AclSlow},
                    {"usage", -3, AclRead | AclSlow}}},
        {"object", {{"encoding", 3, kKeyRead}, {"freq", 3, kKeyRead},
                    {"help", 2, AclKeyspace | AclSlow}, {"idletime", 3, kKeyRead},
                    {"refcount", 3, kKeyRead}}},
        {"pubsub", {{"channels", -2, kPubSub}, {"help", 2, AclSlow}, {"numpat", 2, kPubSub},
                    {"numsub", -2, kPubSub}, {"shardchannels", -2, kPubSub},
                    {"shardnumsub", -2, kPubSub}}},
        {"slowlog", {{"get", -2, kAdm}, {"help", 2, AclSlow}, {"len", 2, kAdm},
                     {"reset", 2, kAdm}}},
        {"acl", {{"cat", -2, AclSlow}, {"deluser", -3, kAdm}, {"dryrun", -4, kAdm},
                 {"genpass", -2, AclSlow}, {"getuser", 3, kAdm}, {"help", 2, AclSlow},
                 {"list", 2, kAdm}, {"load", 2, kAdm}, {"log", -2, kAdm}, {"save", 2, kAdm},
                 {"setuser", -3, kAdm}, {"users", 2, kAdm}, {"whoami", 2, AclSlow}}},
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
