// The subcommands of container commands (CONFIG GET, CLIENT LIST, OBJECT ENCODING, ...), with
// the handler, arity and ACL categories of each, as data next to the command table. Redis 7.0
// resolves a subcommand when it looks the command up, so an unknown subcommand or a wrong
// argument count is refused at dispatch: before the handler runs, and before MULTI queues it
// (EXEC then aborts). The container's own row then only hands over to the subcommand's row
// (cmdSubcommand below). ACL rules name subcommands ("+config|get"), so each carries its
// categories (Redis 7.0.15's).
//
// Names and arities are Redis 7.0.15's (COMMAND INFO), and only its rows: CLIENT SETINFO is
// 7.2's, and 7.0 answers it "unknown subcommand" (client libraries ignore that). A row
// without a handler is one the engine does not serve:
// COMMAND INFO and ACL still list it, as Redis does. DEBUG is not a container in Redis 7.0: it stays out (debug_commands.cpp has its own
// rows).
#include "commands/command_table.h"

#include "commands/handlers.h"
#include "commands/subcommands.h"
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
constexpr uint32_t kScript = AclSlow | AclScripting;

const std::vector<Container> &containers()
{
    static const std::vector<Container> table = {
        {"client", {{"caching", cmdClientCaching, 3, kConn},
                    {"getname", cmdClientGetname, 2, kConn},
                    {"getredir", cmdClientGetredir, 2, kConn},
                    {"help", cmdClientHelp, 2, kConn},
                    {"id", cmdClientId, 2, kConn},
                    {"info", cmdClientInfo, 2, kConn},
                    {"kill", cmdClientKill, -3, kAdmConn},
                    {"list", cmdClientList, -2, kAdmConn},
                    {"no-evict", cmdClientNoEvict, 3, kAdmConn},
                    {"pause", cmdClientPause, -3, kAdmConn},
                    {"reply", cmdClientReply, 3, kConn},
                    {"setname", cmdClientSetname, 3, kConn},
                    {"tracking", cmdClientTracking, -3, kConn},
                    {"trackinginfo", cmdClientTrackinginfo, 2, kConn},
                    {"unblock", cmdClientUnblock, -3, kAdmConn},
                    {"unpause", cmdClientUnpause, 2, kAdmConn}}},
        {"cluster", {{"addslots", cmdClusterDisabled, -3, kAdm},
                     {"addslotsrange", cmdClusterDisabled, -4, kAdm},
                     {"bumpepoch", cmdClusterDisabled, 2, kAdm},
                     {"count-failure-reports", cmdClusterDisabled, 3, kAdm},
                     {"countkeysinslot", cmdClusterDisabled, 3, AclSlow},
                     {"delslots", cmdClusterDisabled, -3, kAdm},
                     {"delslotsrange", cmdClusterDisabled, -4, kAdm},
                     {"failover", cmdClusterDisabled, -2, kAdm},
                     {"flushslots", cmdClusterDisabled, 2, kAdm},
                     {"forget", cmdClusterDisabled, 3, kAdm},
                     {"getkeysinslot", cmdClusterDisabled, 4, AclSlow},
                     {"help", cmdClusterDisabled, 2, AclSlow},
                     {"info", cmdClusterDisabled, 2, AclSlow},
                     {"keyslot", cmdClusterDisabled, 3, AclSlow},
                     {"links", cmdClusterDisabled, 2, AclSlow},
                     {"meet", cmdClusterDisabled, -4, kAdm},
                     {"myid", cmdClusterDisabled, 2, AclSlow},
                     {"nodes", cmdClusterDisabled, 2, AclSlow},
                     {"replicas", cmdClusterDisabled, 3, kAdm},
                     {"replicate", cmdClusterDisabled, 3, kAdm},
                     {"reset", cmdClusterDisabled, -2, kAdm},
                     {"saveconfig", cmdClusterDisabled, 2, kAdm},
                     {"set-config-epoch", cmdClusterDisabled, 3, kAdm},
                     {"setslot", cmdClusterDisabled, -4, kAdm},
                     {"shards", cmdClusterDisabled, 2, AclSlow},
                     {"slaves", cmdClusterDisabled, 3, kAdm},
                     {"slots", cmdClusterDisabled, 2, AclSlow}}},
        {"command", {{"count", cmdCommandCount, 2, kConn},
                     {"docs", cmdCommandDocs, -2, kConn},
                     {"getkeys", cmdCommandGetkeys, -4, kConn},
                     {"getkeysandflags", cmdCommandGetkeysandflags, -4, kConn},
                     {"help", cmdCommandHelp, 2, kConn},
                     {"info", cmdCommandInfo, -2, kConn},
                     {"list", cmdCommandList, -2, kConn}}},
        {"config", {{"get", cmdConfigGet, -3, kAdm},
                    {"help", cmdConfigHelp, 2, AclSlow},
                    {"resetstat", cmdConfigResetstat, 2, kAdm},
                    {"rewrite", cmdConfigRewrite, 2, kAdm},
                    {"set", cmdConfigSet, -4, kAdm}}},
        {"latency", {{"doctor", cmdLatencyDoctor, 2, kAdm},
                     {"graph", cmdLatencyGraph, 3, kAdm},
                     {"help", cmdLatencyHelp, 2, AclSlow},
                     {"histogram", cmdLatencyHistogram, -2, kAdm},
                     {"history", cmdLatencyHistory, 3, kAdm},
                     {"latest", cmdLatencyLatest, 2, kAdm},
                     {"reset", cmdLatencyReset, -2, kAdm}}},
        {"memory", {{"doctor", cmdMemoryDoctor, 2, AclSlow},
                    {"help", cmdMemoryHelp, 2, AclSlow},
                    {"malloc-stats", cmdMemoryMallocStats, 2, AclSlow},
                    {"purge", cmdMemoryPurge, 2, AclSlow},
                    {"stats", cmdMemoryStats, 2, AclSlow},
                    {"usage", cmdMemoryUsage, -3, AclRead | AclSlow}}},
        {"object", {{"encoding", cmdObjectEncoding, 3, kKeyRead},
                    {"freq", cmdObjectFreq, 3, kKeyRead},
                    {"help", cmdObjectHelp, 2, AclKeyspace | AclSlow},
                    {"idletime", cmdObjectIdletime, 3, kKeyRead},
                    {"refcount", cmdObjectRefcount, 3, kKeyRead}}},
        {"pubsub", {{"channels", cmdPubsubChannels, -2, kPubSub},
                    {"help", cmdPubsubHelp, 2, AclSlow},
                    {"numpat", cmdPubsubNumpat, 2, kPubSub},
                    {"numsub", cmdPubsubNumsub, -2, kPubSub},
                    {"shardchannels", cmdPubsubShardchannels, -2, kPubSub},
                    {"shardnumsub", cmdPubsubShardnumsub, -2, kPubSub}}},
        {"slowlog", {{"get", cmdSlowlogGet, -2, kAdm},
                     {"help", cmdSlowlogHelp, 2, AclSlow},
                     {"len", cmdSlowlogLen, 2, kAdm},
                     {"reset", cmdSlowlogReset, 2, kAdm}}},
        {"xgroup", {{"create", cmdXgroupGeneric, -5, AclWrite | AclStream | AclSlow},
                    {"createconsumer", cmdXgroupGeneric, 5, AclWrite | AclStream | AclSlow},
                    {"delconsumer", cmdXgroupGeneric, 5, AclWrite | AclStream | AclSlow},
                    {"destroy", cmdXgroupGeneric, 4, AclWrite | AclStream | AclSlow},
                    {"help", cmdXgroupHelp, 2, AclStream | AclSlow},
                    {"setid", cmdXgroupGeneric, -5, AclWrite | AclStream | AclSlow}}},
        {"xinfo", {{"consumers", cmdXinfoConsumers, 4, AclRead | AclStream | AclSlow},
                   {"groups", cmdXinfoGroups, 3, AclRead | AclStream | AclSlow},
                   {"help", cmdXinfoHelp, 2, AclStream | AclSlow},
                   {"stream", cmdXinfoStream, -3, AclRead | AclStream | AclSlow}}},
        {"script", {{"debug", cmdScriptDebug, 3, kScript},
                    {"exists", cmdScriptExists, -3, kScript},
                    {"flush", cmdScriptFlush, -2, kScript},
                    {"help", cmdScriptHelp, 2, kScript},
                    {"kill", cmdScriptKill, 2, kScript},
                    {"load", cmdScriptLoad, 3, kScript}}},
        {"function", {{"delete", cmdFunctionDelete, 3, kScript | AclWrite},
                      {"dump", cmdFunctionDump, 2, kScript},
                      {"flush", cmdFunctionFlush, -2, kScript | AclWrite},
                      {"help", cmdFunctionHelp, 2, kScript},
                      {"kill", cmdFunctionKill, 2, kScript},
                      {"list", cmdFunctionList, -2, kScript},
                      {"load", cmdFunctionLoad, -3, kScript | AclWrite},
                      {"restore", cmdFunctionRestore, -3, kScript | AclWrite},
                      {"stats", cmdFunctionStats, 2, kScript}}},
        {"acl", {{"cat", cmdAclCat, -2, AclSlow},
                 {"deluser", cmdAclDeluser, -3, kAdm},
                 {"dryrun", cmdAclDryrun, -4, kAdm},
                 {"genpass", cmdAclGenpass, -2, AclSlow},
                 {"getuser", cmdAclGetuser, 3, kAdm},
                 {"help", cmdAclHelp, 2, AclSlow},
                 {"list", cmdAclList, 2, kAdm},
                 {"load", cmdAclLoad, 2, kAdm},
                 {"log", cmdAclLog, -2, kAdm},
                 {"save", cmdAclSave, 2, kAdm},
                 {"setuser", cmdAclSetuser, -3, kAdm},
                 {"users", cmdAclUsers, 2, kAdm},
                 {"whoami", cmdAclWhoami, 2, AclSlow}}},
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
    return list ? findSubcommand(*list, name) : nullptr;
}

const SubcommandSpec *CommandTable::findSubcommand(std::span<const SubcommandSpec> rows,
                                                   std::string_view name)
{
    for (const SubcommandSpec &sub : rows)
        if (equalsIgnoreCase(name, sub.name)) return &sub;
    return nullptr;
}

// The handler of every container's row but COMMAND's (which also answers with no
// subcommand): dispatch has already found the subcommand's row and checked its arity, so
// this only finds the row again (a few string compares) and runs it. A row without a
// handler answers as an unknown subcommand, as before the engine served it.
void cmdSubcommand(CommandContext &ctx)
{
    const SubcommandSpec *sub = CommandTable::findSubcommand(ctx.spec, ctx.arg(1));
    if (sub && sub->handler) return sub->handler(ctx);
    unknownSubcommand(ctx, toUpper(ctx.spec.name));
}

} // namespace redscope::engine
