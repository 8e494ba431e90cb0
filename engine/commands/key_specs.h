// Redis 7.0's key-spec access flags per key argument (COMMAND GETKEYSANDFLAGS). See
// key_specs.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace redscope::engine {

class ReplyWriter;

enum KeySpecFlag : uint32_t {
    KeyFlagRW = 1u << 0,
    KeyFlagRO = 1u << 1,
    KeyFlagOW = 1u << 2,
    KeyFlagRM = 1u << 3,
    KeyFlagAccess = 1u << 4,
    KeyFlagUpdate = 1u << 5,
    KeyFlagInsert = 1u << 6,
    KeyFlagDelete = 1u << 7,
    KeyFlagNotKey = 1u << 8,
    KeyFlagIncomplete = 1u << 9,
    KeyFlagVariableFlags = 1u << 10,
};

struct KeyWithFlags
{
    int position;
    uint32_t flags;
};

// name: "get", or "object|encoding" for a subcommand; positions: the command table's key
// positions in argv (CommandTable::keyPositions). In Redis's order, with Redis's flags.
std::vector<KeyWithFlags> keysWithFlags(std::string_view name, std::span<const int> positions,
                                        std::span<const std::string_view> argv);
// Whether Redis 7.0 declares key arguments for the command ("object|encoding" yes, "ping"
// and the sharded pub/sub commands, whose channels are no keys, not).
bool commandHasKeys(std::string_view name);
// "RW", "access", ... in Redis's order.
std::vector<std::string_view> keyFlagNames(uint32_t flags);
// COMMAND INFO's key specifications of "get" or "object|encoding": flags, begin_search and
// find_keys of each spec, as Redis 7.0 writes them (its free-text "notes" are left out).
void writeKeySpecs(ReplyWriter &reply, std::string_view name);

} // namespace redscope::engine
