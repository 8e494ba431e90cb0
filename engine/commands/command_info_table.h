// COMMAND INFO's columns that Redis 7.0 keeps per subcommand or as hints: a subcommand's own
// flags and key positions ("xgroup|create" writes the key at 2, "config|get" is admin and
// noscript), and each command's tips (nondeterministic_output, request_policy:all_shards,
// ...), which cluster clients read to route and merge replies. Data only; COMMAND INFO
// (command_introspection.cpp) reads it. See command_info_table.cpp.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace redscope::engine {

struct SubcommandInfo
{
    const char *name; // "xgroup|create"
    uint32_t flags;   // CommandFlag bits
    int firstKey, lastKey, keyStep;
};

// null when Redis 7.0 has no such subcommand.
const SubcommandInfo *subcommandInfo(std::string_view fullName);
// The tips of "get" or "client|list", in Redis's order (empty for most commands).
std::vector<std::string_view> commandTips(std::string_view fullName);

} // namespace redscope::engine
