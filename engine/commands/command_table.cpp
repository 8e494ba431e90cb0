// The command table itself (see command_table.h): every command the engine serves, one row
// each, grouped by family. Arity, flags and key positions are Redis 7.0's, so COMMAND INFO
// answers what clients expect. Lookup is a binary search over names lowercased once at
// start-up; the caller's name is lowercased into a stack buffer, so dispatch allocates
// nothing.
#include "commands/command_table.h"

#include "commands/handlers.h"
#include "util/strings.h"

#include <algorithm>
#include <cstring>

namespace redscope::engine {

namespace {

constexpr uint32_t W = CmdWrite, R = CmdReadOnly, M = CmdDenyOom, A = CmdAdmin, P = CmdPubSub,
                   B = CmdBlocking, F = CmdFast, N = CmdNoAuth, L = CmdLoading, S = CmdStale,
                   NM = CmdNoMulti, SM = CmdSkipMonitor, SS = CmdSkipSlowlog,
                   SUB = CmdAllowInSubscribe;

// clang-format off
const CommandSpec kCommands[] = {
    // name, handler, arity, flags, firstKey, lastKey, step, group, summary, since, complexity
    // ---- connection
    {"ping", cmdPing, -1, F | SUB, 0, 0, 0, "connection", "Returns the server's liveliness response.", "1.0.0", "O(1)"},
    {"echo", cmdEcho, 2, F, 0, 0, 0, "connection", "Returns the given string.", "1.0.0", "O(1)"},
    {"select", cmdSelect, 2, F | L | S, 0, 0, 0, "connection", "Changes the selected database.", "1.0.0", "O(1)"},
    {"quit", cmdQuit, -1, N | L | S | F | SUB, 0, 0, 0, "connection", "Closes the connection.", "1.0.0", "O(1)"},
    {"reset", cmdReset, 1, N | L | S | F | SUB, 0, 0, 0, "connection", "Resets the connection.", "6.2.0", "O(1)"},
    {"auth", cmdAuth, -2, N | L | S | F | SM | SS, 0, 0, 0, "connection", "Authenticates the connection.", "1.0.0", "O(N) where N is the number of passwords defined for the user"},
    {"hello", cmdHello, -1, N | L | S | F | SM | SS, 0, 0, 0, "connection", "Handshakes with the server.", "6.0.0", "O(1)"},
    {"client", cmdClient, -2, L | S | SS, 0, 0, 0, "connection", "Client connection management (SETNAME, GETNAME, ID, LIST, INFO, KILL, PAUSE, UNPAUSE, NO-EVICT, SETINFO).", "2.4.0", "Depends on subcommand."},

    // ---- generic (keyspace)
    {"del", cmdDel, -2, W, 1, -1, 1, "generic", "Deletes one or more keys.", "1.0.0", "O(N)"},
    {"unlink", cmdUnlink, -2, W | F, 1, -1, 1, "generic", "Asynchronously deletes one or more keys.", "4.0.0", "O(1) for each key removed"},
    {"exists", cmdExists, -2, R | F, 1, -1, 1, "generic", "Determines whether one or more keys exist.", "1.0.0", "O(N)"},
    {"expire", cmdExpire, -3, W | F, 1, 1, 1, "generic", "Sets the expiration time of a key in seconds.", "1.0.0", "O(1)"},
    {"pexpire", cmdPexpire, -3, W | F, 1, 1, 1, "generic", "Sets the expiration time of a key in milliseconds.", "2.6.0", "O(1)"},
    {"expireat", cmdExpireat, -3, W | F, 1, 1, 1, "generic", "Sets the expiration time of a key to a Unix timestamp.", "1.2.0", "O(1)"},
    {"pexpireat", cmdPexpireat, -3, W | F, 1, 1, 1, "generic", "Sets the expiration time of a key to a Unix milliseconds timestamp.", "2.6.0", "O(1)"},
    {"ttl", cmdTtl, 2, R | F, 1, 1, 1, "generic", "Returns the expiration time in seconds of a key.", "1.0.0", "O(1)"},
    {"pttl", cmdPttl, 2, R | F, 1, 1, 1, "generic", "Returns the expiration time in milliseconds of a key.", "2.6.0", "O(1)"},
    {"persist", cmdPersist, 2, W | F, 1, 1, 1, "generic", "Removes the expiration time of a key.", "2.2.0", "O(1)"},
    {"type", cmdType, 2, R | F, 1, 1, 1, "generic", "Determines the type of value stored at a key.", "1.0.0", "O(1)"},
    {"keys", cmdKeys, 2, R, 0, 0, 0, "generic", "Returns all key names that match a pattern.", "1.0.0", "O(N)"},
    {"scan", cmdScan, -2, R, 0, 0, 0, "generic", "Iterates over the key names in the database.", "2.8.0", "O(1) for every call. O(N) for a complete iteration."},
    // -- keyspace family additions (issue 3) below this line --

    // ---- string
    {"get", cmdGet, 2, R | F, 1, 1, 1, "string", "Returns the string value of a key.", "1.0.0", "O(1)"},
    {"set", cmdSet, -3, W | M, 1, 1, 1, "string", "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.", "1.0.0", "O(1)"},
    // -- string family additions (issue 3) below this line --

    // ---- list
    // -- list family (issue 3) below this line --

    // ---- hash
    // -- hash family (issue 3) below this line --

    // ---- set
    // -- set family (issue 3) below this line --

    // ---- sorted set
    // -- sorted set family (issue 3) below this line --

    // ---- pub/sub
    // -- pub/sub family (issue 3) below this line --

    // ---- transactions
    // -- transaction family (issue 3) below this line --

    // ---- server
    {"dbsize", cmdDbsize, 1, R | F, 0, 0, 0, "server", "Returns the number of keys in the database.", "1.0.0", "O(1)"},
    {"flushdb", cmdFlushdb, -1, W, 0, 0, 0, "server", "Removes all keys from the current database.", "1.0.0", "O(N)"},
    {"flushall", cmdFlushall, -1, W, 0, 0, 0, "server", "Removes all keys from all databases.", "1.0.0", "O(N)"},
    {"info", cmdInfo, -1, L | S, 0, 0, 0, "server", "Returns information and statistics about the server.", "1.0.0", "O(1)"},
    {"command", cmdCommand, -1, L | S, 0, 0, 0, "server", "Returns detailed information about all commands (COUNT, INFO, DOCS, LIST, GETKEYS).", "2.8.13", "O(N)"},
    // -- server family additions (issue 3) below this line --

    // ---- persistence
    // -- persistence family (issue 4) below this line --
};
// clang-format on

} // namespace

const CommandTable &CommandTable::instance()
{
    static const CommandTable table;
    return table;
}

CommandTable::CommandTable() : m_commands(std::begin(kCommands), std::end(kCommands))
{
    for (const CommandSpec &spec : m_commands) m_sortedByName.emplace_back(spec.name, &spec);
    std::sort(m_sortedByName.begin(), m_sortedByName.end());
}

const CommandSpec *CommandTable::find(std::string_view name) const
{
    char lowered[32];
    if (name.size() >= sizeof lowered) return nullptr;
    for (size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        lowered[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    std::string_view key(lowered, name.size());
    auto it = std::lower_bound(m_sortedByName.begin(), m_sortedByName.end(), key,
                               [](const auto &entry, std::string_view k) { return entry.first < k; });
    if (it == m_sortedByName.end() || it->first != key) return nullptr;
    return it->second;
}

std::vector<std::string_view> CommandTable::categories(const CommandSpec &spec)
{
    std::vector<std::string_view> result;
    if (spec.flags & CmdWrite) result.push_back("write");
    if (spec.flags & CmdReadOnly) result.push_back("read");
    if (spec.flags & CmdAdmin) {
        result.push_back("admin");
        result.push_back("dangerous");
    }
    if (spec.flags & CmdPubSub) result.push_back("pubsub");
    if (spec.flags & CmdFast)
        result.push_back("fast");
    else
        result.push_back("slow");
    if (spec.flags & CmdBlocking) result.push_back("blocking");
    std::string_view group = spec.group;
    if (group == "generic") result.push_back("keyspace");
    else if (group == "string") result.push_back("string");
    else if (group == "list") result.push_back("list");
    else if (group == "hash") result.push_back("hash");
    else if (group == "set") result.push_back("set");
    else if (group == "sorted-set") result.push_back("sortedset");
    else if (group == "connection") result.push_back("connection");
    else if (group == "transactions") result.push_back("transaction");
    return result;
}

std::vector<int> CommandTable::keyPositions(const CommandSpec &spec, int argc)
{
    std::vector<int> positions;
    if (spec.firstKey <= 0) return positions;
    int last = spec.lastKey >= 0 ? spec.lastKey : argc + spec.lastKey;
    for (int i = spec.firstKey; i <= last && i < argc; i += std::max(spec.keyStep, 1))
        positions.push_back(i);
    return positions;
}

} // namespace redscope::engine
