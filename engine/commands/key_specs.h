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

// The keys of a call as Redis 7.0 finds them (getKeysFromCommandWithSpecs): the key specs'
// walk when every spec can be walked and none has variable flags, otherwise the command's own
// key finder (SORT's STORE, MIGRATE's KEYS, SET's GET, BITFIELD, a key count that is not a
// plain number...), in Redis's order and with Redis's flags (0 where Redis's finder gives
// none). name: "get", or "object|encoding" for a subcommand; argv from the command's name.
// Used by COMMAND GETKEYS/GETKEYSANDFLAGS and ACL key checks.
std::vector<KeyWithFlags> commandKeys(std::string_view name,
                                      std::span<const std::string_view> argv);
// Whether Redis 7.0 declares key arguments for the command, by a key spec or a key finder
// ("object|encoding" yes, "ping" and the sharded pub/sub commands, whose channels are no
// keys, not).
bool commandHasKeys(std::string_view name);
// Where each key spec of "sort" or "object|encoding" starts looking for its keys, in spec
// order: an argument index, a keyword, or unknown (the keys come from elsewhere). COMMAND
// DOCS ties each key argument to its spec with these (key_spec_index).
struct KeySpecStart
{
    enum Kind : uint8_t { Index, Keyword, Unknown } kind;
    std::string_view keyword; // Keyword only
};
std::vector<KeySpecStart> keySpecStarts(std::string_view name);
// "RW", "access", ... in Redis's order.
std::vector<std::string_view> keyFlagNames(uint32_t flags);
// COMMAND INFO's key specifications of "get" or "object|encoding": flags, begin_search and
// find_keys of each spec, as Redis 7.0 writes them, with Redis's "notes" where it has any.
void writeKeySpecs(ReplyWriter &reply, std::string_view name);

} // namespace redscope::engine
