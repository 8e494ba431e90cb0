// The command table: one row per command with its handler, arity, flags and key positions.
// Dispatch, arity errors, COMMAND INFO/DOCS/COUNT, ACL categories, read-only checks and the
// GUI's autocomplete all read these rows; nothing else lists commands.
//
// Arity follows Redis: N > 0 means exactly N arguments (name included), N < 0 at least -N.
#pragma once

#include "server/latency_histogram.h"

#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace redscope::engine {

struct CommandContext;
using CommandHandler = void (*)(CommandContext &ctx);

enum CommandFlag : uint32_t {
    CmdWrite = 1u << 0,
    CmdReadOnly = 1u << 1,
    CmdDenyOom = 1u << 2,
    CmdAdmin = 1u << 3,
    CmdPubSub = 1u << 4,
    CmdNoScript = 1u << 5,
    CmdBlocking = 1u << 6,
    CmdFast = 1u << 7,
    CmdNoAuth = 1u << 8,     // allowed before AUTH (AUTH, HELLO, QUIT)
    CmdLoading = 1u << 9,
    CmdStale = 1u << 10,
    CmdNoMulti = 1u << 11,   // refused inside MULTI (WATCH, ...)
    CmdSkipMonitor = 1u << 12,
    CmdSkipSlowlog = 1u << 13,
    CmdAllowInSubscribe = 1u << 14, // allowed in RESP2 subscriber context
    // Redis's MAY_REPLICATE (not shown by COMMAND INFO): a read that may still reach the AOF
    // or replicas (PFCOUNT's cache, PUBLISH), so read-only scripts refuse it like a write.
    CmdMayReplicate = 1u << 15,
    // Shown by COMMAND INFO only (Redis 7.0's flags of the same names): the keys are found by
    // reading the arguments (key_specs.cpp), not by first/last/step; runs while a script is
    // busy; may be called with no keys (EVAL, FCALL); refused during an async load; ASKING.
    CmdMovableKeys = 1u << 16,
    CmdAllowBusy = 1u << 17,
    CmdNoMandatoryKeys = 1u << 18,
    CmdNoAsyncLoading = 1u << 19,
    CmdAsking = 1u << 20,
};

// ACL categories (ACL CAT, +@category rules, COMMAND INFO), in Redis's ACL CAT order.
// A command's categories are implied by its flags (write, read, admin, pubsub, fast/slow,
// blocking), its group (keyspace, string, ...) and the row's aclCategories column.
enum AclCategory : uint32_t {
    AclKeyspace = 1u << 0,
    AclRead = 1u << 1,
    AclWrite = 1u << 2,
    AclSet = 1u << 3,
    AclSortedSet = 1u << 4,
    AclList = 1u << 5,
    AclHash = 1u << 6,
    AclString = 1u << 7,
    AclBitmap = 1u << 8,
    AclHyperLogLog = 1u << 9,
    AclGeo = 1u << 10,
    AclStream = 1u << 11,
    AclPubSub = 1u << 12,
    AclAdmin = 1u << 13,
    AclFast = 1u << 14,
    AclSlow = 1u << 15,
    AclBlocking = 1u << 16,
    AclDangerous = 1u << 17,
    AclConnection = 1u << 18,
    AclTransaction = 1u << 19,
    AclScripting = 1u << 20,
    // Not a category: the row's aclCategories is the complete set (SORT is "generic" in
    // COMMAND DOCS but not @keyspace).
    AclExactCategories = 1u << 31,
};
constexpr int kAclCategoryCount = 21;
// "keyspace", "read", ... indexed by bit number.
extern const char *const kAclCategoryNames[kAclCategoryCount];

struct CommandSpec
{
    const char *name;
    CommandHandler handler;
    int arity;
    uint32_t flags;
    int firstKey; // 0: no keys
    int lastKey;  // -1: last argument, -2: second last
    int keyStep;
    const char *group;   // "string", "list", "generic", "server", ... (COMMAND DOCS)
    const char *summary; // one line, for COMMAND DOCS and autocomplete
    const char *since;
    const char *complexity;
    uint32_t aclCategories = 0; // AclCategory bits beyond those the flags and group imply
    // For a write command whose key access depends on its arguments (Redis's VARIABLE_FLAGS
    // key spec): true when this call only reads its keys, so ACL asks for read access only.
    bool (*onlyReadsKeys)(std::span<const std::string_view> argv) = nullptr;
};

// A subcommand of a container command (CONFIG GET, ...): its handler, and its arity counted
// from the container's name as in Redis ("config|get" is -3). See subcommand_table.cpp.
struct SubcommandSpec
{
    const char *name;        // lowercase
    CommandHandler handler;  // nullptr: listed (COMMAND INFO, ACL) but not served
    int arity;
    uint32_t aclCategories = 0; // all of the subcommand's AclCategory bits (Redis 7.0's)
};

struct CommandStats
{
    uint64_t calls = 0;
    uint64_t microseconds = 0;
    uint64_t rejectedCalls = 0;
    uint64_t failedCalls = 0;
    LatencyHistogram latency; // LATENCY HISTOGRAM (containers: see Server::subcommandLatency)
};

class CommandTable
{
public:
    static const CommandTable &instance();

    // Case-insensitive; nullptr for unknown commands.
    const CommandSpec *find(std::string_view name) const;
    const std::vector<CommandSpec> &all() const { return m_commands; }
    size_t indexOf(const CommandSpec *spec) const { return static_cast<size_t>(spec - m_commands.data()); }

    // ACL category names ("write", "read", "fast", "slow", "keyspace", "string", ...).
    static std::vector<std::string_view> categories(const CommandSpec &spec);
    // The same as AclCategory bits. Container rows (CONFIG, CLIENT, ...) are only @slow, as
    // in Redis 7.0: their subcommands carry the real categories.
    static uint32_t aclCategoryBits(const CommandSpec &spec);
    // The subcommands of a container command, nullptr for a plain command.
    static const std::vector<SubcommandSpec> *subcommands(const CommandSpec &spec);
    // Case-insensitive; nullptr when unknown (or when spec is not a container).
    static const SubcommandSpec *findSubcommand(const CommandSpec &spec, std::string_view name);
    // The same over rows of one's own (DEBUG's, which Redis 7.0 does not list as subcommands).
    static const SubcommandSpec *findSubcommand(std::span<const SubcommandSpec> rows,
                                                std::string_view name);
    // Redis's arity rule: N > 0 exactly N arguments (name included), N < 0 at least -N.
    static bool arityFits(int arity, size_t argc)
    {
        const int count = static_cast<int>(argc);
        return arity > 0 ? count == arity : count >= -arity;
    }

private:
    CommandTable();
    std::vector<CommandSpec> m_commands;
    std::unordered_map<std::string_view, const CommandSpec *> m_byName;
};

} // namespace redscope::engine
