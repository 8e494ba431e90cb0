// The rows of command_info_table.h, written from redis-server 7.0.15's COMMAND output (the
// reference this engine answers like): one row per subcommand with its flags and key
// positions, one per command or subcommand that has tips, each list sorted by name so a
// lookup is a binary search.
#include "commands/command_info_table.h"

#include "commands/command_table.h"

#include <algorithm>
#include <iterator>
#include <string>

namespace redscope::engine {

namespace {

struct TipsRow
{
    const char *name;
    const char *tips; // space-separated, in Redis's order
};

// clang-format off
const SubcommandInfo kSubcommands[] = {
    {"acl|cat", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|deluser", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|dryrun", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|genpass", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|getuser", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|help", CmdLoading|CmdStale, 0, 0, 0},
    {"acl|list", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|load", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|log", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|save", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|setuser", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|users", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"acl|whoami", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|caching", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|getname", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|getredir", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|help", CmdLoading|CmdStale, 0, 0, 0},
    {"client|id", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|info", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|kill", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|list", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|no-evict", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|pause", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|reply", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|setname", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|tracking", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|trackinginfo", CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|unblock", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"client|unpause", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"cluster|addslots", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|addslotsrange", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|bumpepoch", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|count-failure-reports", CmdAdmin|CmdStale, 0, 0, 0},
    {"cluster|countkeysinslot", CmdStale, 0, 0, 0},
    {"cluster|delslots", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|delslotsrange", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|failover", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|flushslots", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|forget", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|getkeysinslot", CmdStale, 0, 0, 0},
    {"cluster|help", CmdLoading|CmdStale, 0, 0, 0},
    {"cluster|info", CmdStale, 0, 0, 0},
    {"cluster|keyslot", CmdStale, 0, 0, 0},
    {"cluster|links", CmdStale, 0, 0, 0},
    {"cluster|meet", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|myid", CmdStale, 0, 0, 0},
    {"cluster|nodes", CmdStale, 0, 0, 0},
    {"cluster|replicas", CmdAdmin|CmdStale, 0, 0, 0},
    {"cluster|replicate", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|reset", CmdAdmin|CmdNoScript|CmdStale, 0, 0, 0},
    {"cluster|saveconfig", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|set-config-epoch", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|setslot", CmdAdmin|CmdStale|CmdNoAsyncLoading, 0, 0, 0},
    {"cluster|shards", CmdStale, 0, 0, 0},
    {"cluster|slaves", CmdAdmin|CmdStale, 0, 0, 0},
    {"cluster|slots", CmdStale, 0, 0, 0},
    {"command|count", CmdLoading|CmdStale, 0, 0, 0},
    {"command|docs", CmdLoading|CmdStale, 0, 0, 0},
    {"command|getkeys", CmdLoading|CmdStale, 0, 0, 0},
    {"command|getkeysandflags", CmdLoading|CmdStale, 0, 0, 0},
    {"command|help", CmdLoading|CmdStale, 0, 0, 0},
    {"command|info", CmdLoading|CmdStale, 0, 0, 0},
    {"command|list", CmdLoading|CmdStale, 0, 0, 0},
    {"config|get", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"config|help", CmdLoading|CmdStale, 0, 0, 0},
    {"config|resetstat", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"config|rewrite", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"config|set", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"function|delete", CmdWrite|CmdNoScript, 0, 0, 0},
    {"function|dump", CmdNoScript, 0, 0, 0},
    {"function|flush", CmdWrite|CmdNoScript, 0, 0, 0},
    {"function|help", CmdLoading|CmdStale, 0, 0, 0},
    {"function|kill", CmdNoScript|CmdAllowBusy, 0, 0, 0},
    {"function|list", CmdNoScript, 0, 0, 0},
    {"function|load", CmdWrite|CmdDenyOom|CmdNoScript, 0, 0, 0},
    {"function|restore", CmdWrite|CmdDenyOom|CmdNoScript, 0, 0, 0},
    {"function|stats", CmdNoScript|CmdAllowBusy, 0, 0, 0},
    {"latency|doctor", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"latency|graph", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"latency|help", CmdLoading|CmdStale, 0, 0, 0},
    {"latency|histogram", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"latency|history", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"latency|latest", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"latency|reset", CmdAdmin|CmdNoScript|CmdLoading|CmdStale, 0, 0, 0},
    {"memory|doctor", 0, 0, 0, 0},
    {"memory|help", CmdLoading|CmdStale, 0, 0, 0},
    {"memory|malloc-stats", 0, 0, 0, 0},
    {"memory|purge", 0, 0, 0, 0},
    {"memory|stats", 0, 0, 0, 0},
    {"memory|usage", CmdReadOnly, 2, 2, 1},
    {"module|help", CmdLoading|CmdStale, 0, 0, 0},
    {"module|list", CmdAdmin|CmdNoScript, 0, 0, 0},
    {"module|load", CmdAdmin|CmdNoScript|CmdNoAsyncLoading, 0, 0, 0},
    {"module|loadex", CmdAdmin|CmdNoScript|CmdNoAsyncLoading, 0, 0, 0},
    {"module|unload", CmdAdmin|CmdNoScript|CmdNoAsyncLoading, 0, 0, 0},
    {"object|encoding", CmdReadOnly, 2, 2, 1},
    {"object|freq", CmdReadOnly, 2, 2, 1},
    {"object|help", CmdLoading|CmdStale, 0, 0, 0},
    {"object|idletime", CmdReadOnly, 2, 2, 1},
    {"object|refcount", CmdReadOnly, 2, 2, 1},
    {"pubsub|channels", CmdPubSub|CmdLoading|CmdStale, 0, 0, 0},
    {"pubsub|help", CmdLoading|CmdStale, 0, 0, 0},
    {"pubsub|numpat", CmdPubSub|CmdLoading|CmdStale, 0, 0, 0},
    {"pubsub|numsub", CmdPubSub|CmdLoading|CmdStale, 0, 0, 0},
    {"pubsub|shardchannels", CmdPubSub|CmdLoading|CmdStale, 0, 0, 0},
    {"pubsub|shardnumsub", CmdPubSub|CmdLoading|CmdStale, 0, 0, 0},
    {"script|debug", CmdNoScript, 0, 0, 0},
    {"script|exists", CmdNoScript, 0, 0, 0},
    {"script|flush", CmdNoScript, 0, 0, 0},
    {"script|help", CmdLoading|CmdStale, 0, 0, 0},
    {"script|kill", CmdNoScript|CmdAllowBusy, 0, 0, 0},
    {"script|load", CmdNoScript|CmdStale, 0, 0, 0},
    {"slowlog|get", CmdAdmin|CmdLoading|CmdStale, 0, 0, 0},
    {"slowlog|help", CmdLoading|CmdStale, 0, 0, 0},
    {"slowlog|len", CmdAdmin|CmdLoading|CmdStale, 0, 0, 0},
    {"slowlog|reset", CmdAdmin|CmdLoading|CmdStale, 0, 0, 0},
    {"xgroup|create", CmdWrite|CmdDenyOom, 2, 2, 1},
    {"xgroup|createconsumer", CmdWrite|CmdDenyOom, 2, 2, 1},
    {"xgroup|delconsumer", CmdWrite, 2, 2, 1},
    {"xgroup|destroy", CmdWrite, 2, 2, 1},
    {"xgroup|help", CmdLoading|CmdStale, 0, 0, 0},
    {"xgroup|setid", CmdWrite, 2, 2, 1},
    {"xinfo|consumers", CmdReadOnly, 2, 2, 1},
    {"xinfo|groups", CmdReadOnly, 2, 2, 1},
    {"xinfo|help", CmdLoading|CmdStale, 0, 0, 0},
    {"xinfo|stream", CmdReadOnly, 2, 2, 1},
};

const TipsRow kTips[] = {
    {"client|info", "nondeterministic_output"},
    {"client|list", "nondeterministic_output"},
    {"cluster|bumpepoch", "nondeterministic_output"},
    {"cluster|count-failure-reports", "nondeterministic_output"},
    {"cluster|getkeysinslot", "nondeterministic_output"},
    {"cluster|info", "nondeterministic_output"},
    {"cluster|links", "nondeterministic_output"},
    {"cluster|nodes", "nondeterministic_output"},
    {"cluster|replicas", "nondeterministic_output"},
    {"cluster|shards", "nondeterministic_output"},
    {"cluster|slaves", "nondeterministic_output"},
    {"cluster|slots", "nondeterministic_output"},
    {"command", "nondeterministic_output_order"},
    {"command|docs", "nondeterministic_output_order"},
    {"command|info", "nondeterministic_output_order"},
    {"command|list", "nondeterministic_output_order"},
    {"config|set", "request_policy:all_nodes response_policy:all_succeeded"},
    {"dbsize", "request_policy:all_shards response_policy:agg_sum"},
    {"del", "request_policy:multi_shard response_policy:agg_sum"},
    {"dump", "nondeterministic_output"},
    {"exists", "request_policy:multi_shard response_policy:agg_sum"},
    {"flushall", "request_policy:all_shards response_policy:all_succeeded"},
    {"flushdb", "request_policy:all_shards response_policy:all_succeeded"},
    {"function|delete", "request_policy:all_shards response_policy:all_succeeded"},
    {"function|flush", "request_policy:all_shards response_policy:all_succeeded"},
    {"function|kill", "request_policy:all_shards response_policy:one_succeeded"},
    {"function|list", "nondeterministic_output_order"},
    {"function|load", "request_policy:all_shards response_policy:all_succeeded"},
    {"function|restore", "request_policy:all_shards response_policy:all_succeeded"},
    {"function|stats", "nondeterministic_output request_policy:all_shards response_policy:special"},
    {"hgetall", "nondeterministic_output_order"},
    {"hkeys", "nondeterministic_output_order"},
    {"hrandfield", "nondeterministic_output"},
    {"hscan", "nondeterministic_output"},
    {"hvals", "nondeterministic_output_order"},
    {"info", "nondeterministic_output request_policy:all_shards response_policy:special"},
    {"keys", "request_policy:all_shards nondeterministic_output_order"},
    {"lastsave", "nondeterministic_output"},
    {"latency|doctor", "nondeterministic_output request_policy:all_nodes response_policy:special"},
    {"latency|graph", "nondeterministic_output request_policy:all_nodes response_policy:special"},
    {"latency|histogram", "nondeterministic_output request_policy:all_nodes response_policy:special"},
    {"latency|history", "nondeterministic_output request_policy:all_nodes response_policy:special"},
    {"latency|latest", "nondeterministic_output request_policy:all_nodes response_policy:special"},
    {"latency|reset", "request_policy:all_nodes response_policy:all_succeeded"},
    {"memory|doctor", "nondeterministic_output request_policy:all_shards response_policy:special"},
    {"memory|malloc-stats", "nondeterministic_output request_policy:all_shards response_policy:special"},
    {"memory|purge", "request_policy:all_shards response_policy:all_succeeded"},
    {"memory|stats", "nondeterministic_output request_policy:all_shards response_policy:special"},
    {"mget", "request_policy:multi_shard"},
    {"migrate", "nondeterministic_output"},
    {"module|list", "nondeterministic_output_order"},
    {"mset", "request_policy:multi_shard response_policy:all_succeeded"},
    {"msetnx", "request_policy:multi_shard response_policy:agg_min"},
    {"object|encoding", "nondeterministic_output"},
    {"object|freq", "nondeterministic_output"},
    {"object|idletime", "nondeterministic_output"},
    {"object|refcount", "nondeterministic_output"},
    {"ping", "request_policy:all_shards response_policy:all_succeeded"},
    {"pttl", "nondeterministic_output"},
    {"randomkey", "request_policy:all_shards nondeterministic_output"},
    {"scan", "nondeterministic_output request_policy:special"},
    {"script|exists", "request_policy:all_shards response_policy:agg_logical_and"},
    {"script|flush", "request_policy:all_nodes response_policy:all_succeeded"},
    {"script|kill", "request_policy:all_shards response_policy:one_succeeded"},
    {"script|load", "request_policy:all_nodes response_policy:all_succeeded"},
    {"sdiff", "nondeterministic_output_order"},
    {"sinter", "nondeterministic_output_order"},
    {"slowlog|get", "request_policy:all_nodes nondeterministic_output"},
    {"slowlog|len", "request_policy:all_nodes response_policy:agg_sum nondeterministic_output"},
    {"slowlog|reset", "request_policy:all_nodes response_policy:all_succeeded"},
    {"smembers", "nondeterministic_output_order"},
    {"spop", "nondeterministic_output"},
    {"srandmember", "nondeterministic_output"},
    {"sscan", "nondeterministic_output"},
    {"sunion", "nondeterministic_output_order"},
    {"time", "nondeterministic_output"},
    {"touch", "request_policy:multi_shard response_policy:agg_sum"},
    {"ttl", "nondeterministic_output"},
    {"unlink", "request_policy:multi_shard response_policy:agg_sum"},
    {"wait", "request_policy:all_shards response_policy:agg_min"},
    {"xadd", "nondeterministic_output"},
    {"xautoclaim", "nondeterministic_output"},
    {"xclaim", "nondeterministic_output"},
    {"xinfo|consumers", "nondeterministic_output"},
    {"xpending", "nondeterministic_output"},
    {"xtrim", "nondeterministic_output"},
    {"zrandmember", "nondeterministic_output"},
    {"zscan", "nondeterministic_output"},
};
// clang-format on

template <typename Row> const Row *findRow(const Row *begin, const Row *end, std::string_view name)
{
    const Row *it = std::lower_bound(begin, end, name, [](const Row &row, std::string_view key) {
        return std::string_view(row.name) < key;
    });
    return it != end && name == it->name ? it : nullptr;
}

} // namespace

const SubcommandInfo *subcommandInfo(std::string_view fullName)
{
    return findRow(std::begin(kSubcommands), std::end(kSubcommands), fullName);
}

std::vector<std::string_view> commandTips(std::string_view fullName)
{
    std::vector<std::string_view> tips;
    const TipsRow *row = findRow(std::begin(kTips), std::end(kTips), fullName);
    if (!row) return tips;
    std::string_view text = row->tips;
    while (!text.empty()) {
        const size_t space = text.find(' ');
        tips.push_back(text.substr(0, space));
        text = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
    }
    return tips;
}

} // namespace redscope::engine
