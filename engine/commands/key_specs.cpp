// Key specifications: the access flags Redis 7.0 declares for each key argument of a command
// (RW/RO/OW/RM and access/update/insert/delete), and where those keys sit (an index or a
// keyword to search for, then a range or a key count). COMMAND GETKEYS/GETKEYSANDFLAGS and
// ACL key checks and CLIENT TRACKING find keys from these rows as Redis 7.0 does, falling back
// to per-command finders (Redis's getkeys_proc) where a spec cannot be walked. One row per
// key spec, in the command's spec order; containers' subcommands are named "object|encoding".
#include "commands/key_specs.h"

#include "commands/command_table.h"
#include "protocol/reply_writer.h"
#include "util/strings.h"

#include <algorithm>
#include <string>

namespace redscope::engine {

namespace {

enum KsBegin : uint8_t { KsBeginIndex, KsBeginKeyword, KsBeginUnknown };
enum KsFind : uint8_t { KsFindRange, KsFindKeynum, KsFindUnknown };

struct KeySpecRow
{
    const char *command;
    uint32_t flags;
    KsBegin begin;
    int beginArg; // index, or where the keyword search starts (negative: from the end)
    const char *keyword;
    KsFind find;
    int a; // range: lastkey;  keynum: keynumidx
    int b; // range: keystep;  keynum: firstkey
    int c; // range: limit;    keynum: keystep
};

constexpr uint32_t KsRw = KeyFlagRW, KsRo = KeyFlagRO, KsOw = KeyFlagOW, KsRm = KeyFlagRM,
                   KsAccess = KeyFlagAccess, KsUpdate = KeyFlagUpdate, KsInsert = KeyFlagInsert,
                   KsDelete = KeyFlagDelete, KsNotKey = KeyFlagNotKey,
                   KsIncomplete = KeyFlagIncomplete, KsVariableFlags = KeyFlagVariableFlags;

// clang-format off
const KeySpecRow kKeySpecs[] = {
    {"append", KsRw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"bitcount", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"bitfield", KsRw|KsAccess|KsUpdate|KsVariableFlags, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"bitfield_ro", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"bitop", KsOw|KsUpdate, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"bitop", KsRo|KsAccess, KsBeginIndex, 3, nullptr, KsFindRange, -1, 1, 0},
    {"bitpos", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"blmove", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"blmove", KsRw|KsInsert, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"blmpop", KsRw|KsAccess|KsDelete, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
    {"blpop", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, -2, 1, 0},
    {"brpop", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, -2, 1, 0},
    {"brpoplpush", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"brpoplpush", KsRw|KsInsert, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"bzmpop", KsRw|KsAccess|KsDelete, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
    {"bzpopmax", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, -2, 1, 0},
    {"bzpopmin", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, -2, 1, 0},
    {"copy", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"copy", KsOw|KsUpdate, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"decr", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"decrby", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"del", KsRm|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"dump", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"eval", KsRw|KsAccess|KsUpdate, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
    {"eval_ro", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
    {"evalsha", KsRw|KsAccess|KsUpdate, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
    {"evalsha_ro", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
    {"exists", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"expire", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"expireat", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"expiretime", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"fcall", KsRw|KsAccess|KsUpdate, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
    {"fcall_ro", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
    {"geoadd", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"geodist", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"geohash", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"geopos", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"georadius", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"georadius", KsOw|KsUpdate, KsBeginKeyword, 6, "STORE", KsFindRange, 0, 1, 0},
    {"georadius", KsOw|KsUpdate, KsBeginKeyword, 6, "STOREDIST", KsFindRange, 0, 1, 0},
    {"georadius_ro", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"georadiusbymember", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"georadiusbymember", KsOw|KsUpdate, KsBeginKeyword, 5, "STORE", KsFindRange, 0, 1, 0},
    {"georadiusbymember", KsOw|KsUpdate, KsBeginKeyword, 5, "STOREDIST", KsFindRange, 0, 1, 0},
    {"georadiusbymember_ro", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"geosearch", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"geosearchstore", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"geosearchstore", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"get", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"getbit", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"getdel", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"getex", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"getrange", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"getset", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hdel", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hexists", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hget", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hgetall", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hincrby", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hincrbyfloat", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hkeys", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hlen", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hmget", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hmset", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hrandfield", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hscan", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hset", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hsetnx", KsRw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hstrlen", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"hvals", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"incr", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"incrby", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"incrbyfloat", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"lcs", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 1, 1, 0},
    {"lindex", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"linsert", KsRw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"llen", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"lmove", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"lmove", KsRw|KsInsert, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"lmpop", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindKeynum, 0, 1, 1},
    {"lpop", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"lpos", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"lpush", KsRw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"lpushx", KsRw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"lrange", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"lrem", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"lset", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"ltrim", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"memory|usage", KsRo, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"mget", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"migrate", KsRw|KsAccess|KsDelete, KsBeginIndex, 3, nullptr, KsFindRange, 0, 1, 0},
    {"migrate", KsRw|KsAccess|KsDelete|KsIncomplete, KsBeginKeyword, -2, "KEYS", KsFindRange, -1, 1, 0},
    {"move", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"mset", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, -1, 2, 0},
    {"msetnx", KsOw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, -1, 2, 0},
    {"object|encoding", KsRo, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"object|freq", KsRo, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"object|idletime", KsRo, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"object|refcount", KsRo, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"persist", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"pexpire", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"pexpireat", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"pexpiretime", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"pfadd", KsRw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"pfcount", KsRw|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"pfdebug", KsRw|KsAccess, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"pfmerge", KsRw|KsAccess|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"pfmerge", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindRange, -1, 1, 0},
    {"psetex", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"pttl", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"rename", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"rename", KsOw|KsUpdate, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"renamenx", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"renamenx", KsOw|KsInsert, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"restore", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"restore-asking", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"rpop", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"rpoplpush", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"rpoplpush", KsRw|KsInsert, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"rpush", KsRw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"rpushx", KsRw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"sadd", KsRw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"scard", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"sdiff", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"sdiffstore", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"sdiffstore", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindRange, -1, 1, 0},
    {"set", KsRw|KsAccess|KsUpdate|KsVariableFlags, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"setbit", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"setex", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"setnx", KsOw|KsInsert, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"setrange", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"sinter", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"sintercard", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindKeynum, 0, 1, 1},
    {"sinterstore", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"sinterstore", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindRange, -1, 1, 0},
    {"sismember", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"smembers", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"smismember", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"smove", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"smove", KsRw|KsInsert, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"sort", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"sort", KsRo|KsAccess, KsBeginUnknown, 0, nullptr, KsFindUnknown, 0, 0, 0},
    {"sort", KsOw|KsUpdate, KsBeginUnknown, 0, nullptr, KsFindUnknown, 0, 0, 0},
    {"sort_ro", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"sort_ro", KsRo|KsAccess, KsBeginUnknown, 0, nullptr, KsFindUnknown, 0, 0, 0},
    {"spop", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"spublish", KsNotKey, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"srandmember", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"srem", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"sscan", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"ssubscribe", KsNotKey, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"strlen", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"substr", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"sunion", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"sunionstore", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"sunionstore", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindRange, -1, 1, 0},
    {"sunsubscribe", KsNotKey, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"touch", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"ttl", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"type", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"unlink", KsRm|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"watch", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, -1, 1, 0},
    {"xack", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"xadd", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"xautoclaim", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"xclaim", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"xdel", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"xgroup|destroy", KsRw|KsDelete, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"xgroup|createconsumer", KsRw|KsInsert, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"xgroup|delconsumer", KsRw|KsDelete, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"xgroup|create", KsRw|KsInsert, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"xgroup|setid", KsRw|KsUpdate, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"xinfo|groups", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"xinfo|stream", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"xinfo|consumers", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"xlen", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"xpending", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"xrange", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"xread", KsRo|KsAccess, KsBeginKeyword, 1, "STREAMS", KsFindRange, -1, 1, 2},
    {"xreadgroup", KsRo|KsAccess, KsBeginKeyword, 4, "STREAMS", KsFindRange, -1, 1, 2},
    {"xrevrange", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"xsetid", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"xtrim", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zadd", KsRw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zcard", KsRo, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zcount", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zdiff", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindKeynum, 0, 1, 1},
    {"zdiffstore", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zdiffstore", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
    {"zincrby", KsRw|KsAccess|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zinter", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindKeynum, 0, 1, 1},
    {"zintercard", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindKeynum, 0, 1, 1},
    {"zinterstore", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zinterstore", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
    {"zlexcount", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zmpop", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindKeynum, 0, 1, 1},
    {"zmscore", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zpopmax", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zpopmin", KsRw|KsAccess|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrandmember", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrange", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrangebylex", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrangebyscore", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrangestore", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrangestore", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindRange, 0, 1, 0},
    {"zrank", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrem", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zremrangebylex", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zremrangebyrank", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zremrangebyscore", KsRw|KsDelete, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrevrange", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrevrangebylex", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrevrangebyscore", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zrevrank", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zscan", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zscore", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zunion", KsRo|KsAccess, KsBeginIndex, 1, nullptr, KsFindKeynum, 0, 1, 1},
    {"zunionstore", KsOw|KsUpdate, KsBeginIndex, 1, nullptr, KsFindRange, 0, 1, 0},
    {"zunionstore", KsRo|KsAccess, KsBeginIndex, 2, nullptr, KsFindKeynum, 0, 1, 1},
};
// clang-format on

std::span<const KeySpecRow> specsOf(std::string_view name)
{
    const KeySpecRow *begin =
        std::find_if(std::begin(kKeySpecs), std::end(kKeySpecs),
                     [&](const KeySpecRow &row) { return name == row.command; });
    const KeySpecRow *end = begin;
    while (end != std::end(kKeySpecs) && name == end->command)
        ++end;
    return {begin, end};
}

} // namespace

namespace {

// The specs' own walk (Redis's getKeysUsingKeySpecs): every spec not marked not_key, in spec
// order, each key with its spec's flags. False when a spec cannot be walked (an unknown
// begin_search or find_keys, a key count that is no number or is out of range, an incomplete
// spec): the command's own key finder decides then, as in Redis.
bool walkSpecs(std::span<const KeySpecRow> specs, std::span<const std::string_view> argv,
               std::vector<KeyWithFlags> &keys)
{
    const int argc = static_cast<int>(argv.size());
    for (const KeySpecRow &spec : specs) {
        if (spec.flags & KsNotKey) continue;
        int first = 0;
        if (spec.begin == KsBeginIndex) {
            first = spec.beginArg;
        } else if (spec.begin == KsBeginKeyword) {
            // Forward from startfrom up to the next-to-last argument, or backward from
            // argc+startfrom down to argument 2: a keyword never is the last argument.
            const bool forward = spec.beginArg > 0;
            const int from = forward ? spec.beginArg : argc + spec.beginArg;
            const int to = forward ? argc - 1 : 1;
            for (int i = from; i != to; i += from <= to ? 1 : -1) {
                if (i >= argc || i < 1) break;
                if (equalsIgnoreCase(argv[static_cast<size_t>(i)], spec.keyword)) {
                    first = i + 1;
                    break;
                }
            }
            if (first == 0) continue; // no such keyword: this spec finds no key
        } else {
            return false;
        }
        int last = 0, step = 1;
        if (spec.find == KsFindRange) {
            step = spec.b;
            if (spec.a >= 0)
                last = first + spec.a;
            else if (spec.c == 0)
                last = argc + spec.a;
            else
                last = first + ((argc - first) / spec.c + spec.a);
        } else if (spec.find == KsFindKeynum) {
            const int countAt = first + spec.a;
            int64_t count = 0;
            if (countAt >= argc || !parseInt64(argv[static_cast<size_t>(countAt)], &count) ||
                count < 0 || count > argc)
                return false;
            step = spec.c;
            first += spec.b;
            last = first + static_cast<int>(count) - 1;
        } else {
            return false;
        }
        if (last >= argc || last < first || first >= argc) return false;
        for (int i = first; i <= last; i += std::max(step, 1))
            keys.push_back({i, spec.flags});
        if (spec.flags & KsIncomplete) return false;
    }
    return true;
}

// C's atoi, which Redis's key-count finders use: leading blanks, a sign, digits up to the
// first non-digit ("2x" is 2, "x" is 0).
int atoiLike(std::string_view text)
{
    size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r')))
        ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
    int64_t value = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && value < INT32_MAX; ++i)
        value = value * 10 + (text[i] - '0');
    value = std::min<int64_t>(value, INT32_MAX);
    return static_cast<int>(negative ? -value : value);
}

// "store dst numkeys key ..." (store 0: none): keys after the count, then the store key, all
// without flags (Redis's own finder relies on the specs for those).
std::vector<KeyWithFlags> countedKeys(int store, int countAt, int firstKey,
                                      std::span<const std::string_view> argv)
{
    const int argc = static_cast<int>(argv.size());
    if (countAt >= argc) return {};
    const int count = atoiLike(argv[static_cast<size_t>(countAt)]);
    if (count < 1 || count > argc - firstKey) return {};
    std::vector<KeyWithFlags> keys;
    for (int i = 0; i < count; ++i)
        keys.push_back({firstKey + i, 0});
    if (store) keys.push_back({store, 0});
    return keys;
}

// SORT key ... STORE dst: the last STORE wins; LIMIT, GET and BY skip their arguments.
std::vector<KeyWithFlags> sortKeys(std::span<const std::string_view> argv)
{
    std::vector<KeyWithFlags> keys = {{1, KsRo | KsAccess}};
    const int argc = static_cast<int>(argv.size());
    int store = 0;
    for (int i = 2; i < argc; ++i) {
        const std::string_view word = argv[static_cast<size_t>(i)];
        if (equalsIgnoreCase(word, "limit"))
            i += 2;
        else if (equalsIgnoreCase(word, "get") || equalsIgnoreCase(word, "by"))
            i += 1;
        else if (equalsIgnoreCase(word, "store") && i + 1 < argc)
            store = i + 1; // the key itself is read as an option next, as Redis does
    }
    if (store) keys.push_back({store, KsOw | KsUpdate});
    return keys;
}

// MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH pw] [AUTH2 user pw] [KEYS k...]
std::vector<KeyWithFlags> migrateKeys(std::span<const std::string_view> argv)
{
    const int argc = static_cast<int>(argv.size());
    int first = 3, count = 1;
    for (int i = 6; i < argc; ++i) {
        const std::string_view word = argv[static_cast<size_t>(i)];
        if (equalsIgnoreCase(word, "keys")) {
            // KEYS with a key argument is a syntax error for MIGRATE itself: no keys.
            if (!argv[3].empty())
                count = 0;
            else
                first = i + 1, count = argc - first;
            break;
        }
        if (equalsIgnoreCase(word, "auth"))
            i += 1;
        else if (equalsIgnoreCase(word, "auth2"))
            i += 2;
    }
    std::vector<KeyWithFlags> keys;
    for (int i = 0; i < count; ++i)
        keys.push_back({first + i, KsRw | KsAccess | KsDelete});
    return keys;
}

// BITFIELD key: read-only while every operation is a complete GET (OVERFLOW allowed).
std::vector<KeyWithFlags> bitfieldKeys(std::span<const std::string_view> argv)
{
    const int argc = static_cast<int>(argv.size());
    bool readOnly = true;
    for (int i = 2; i < argc; ++i) {
        const int left = argc - i - 1;
        const std::string_view word = argv[static_cast<size_t>(i)];
        if (equalsIgnoreCase(word, "get") && left >= 2) {
            i += 2;
        } else if (equalsIgnoreCase(word, "overflow") && left >= 1) {
            i += 1;
        } else {
            readOnly = false; // SET, INCRBY, or a syntax error: assume a write
            break;
        }
    }
    return {{1, readOnly ? KsRo | KsAccess : KsRw | KsAccess | KsUpdate}};
}

// Redis's per-command key finders (getkeys_proc), asked when the specs cannot be walked or
// their flags depend on the arguments. has: whether the command has one; keys: what it finds.
bool commandKeyFinder(std::string_view name, std::span<const std::string_view> argv,
                      std::vector<KeyWithFlags> *keys)
{
    struct Counted
    {
        const char *name;
        int store, countAt, firstKey;
    };
    static const Counted kCounted[] = {
        {"zunion", 0, 1, 2},      {"zinter", 0, 1, 2},      {"zdiff", 0, 1, 2},
        {"zintercard", 0, 1, 2},  {"sintercard", 0, 1, 2},  {"lmpop", 0, 1, 2},
        {"zmpop", 0, 1, 2},       {"blmpop", 0, 2, 3},      {"bzmpop", 0, 2, 3},
        {"zunionstore", 1, 2, 3}, {"zinterstore", 1, 2, 3}, {"zdiffstore", 1, 2, 3},
        {"eval", 0, 2, 3},        {"evalsha", 0, 2, 3},     {"eval_ro", 0, 2, 3},
        {"evalsha_ro", 0, 2, 3},  {"fcall", 0, 2, 3},       {"fcall_ro", 0, 2, 3}};
    for (const Counted &row : kCounted)
        if (name == row.name) {
            if (keys) *keys = countedKeys(row.store, row.countAt, row.firstKey, argv);
            return true;
        }
    std::vector<KeyWithFlags> found;
    const int argc = static_cast<int>(argv.size());
    if (name == "sort") {
        found = sortKeys(argv);
    } else if (name == "sort_ro") {
        found = {{1, KsRo | KsAccess}};
    } else if (name == "migrate") {
        found = migrateKeys(argv);
    } else if (name == "bitfield") {
        found = bitfieldKeys(argv);
    } else if (name == "set") {
        bool get = false;
        for (size_t i = 3; i < argv.size(); ++i)
            get = get || equalsIgnoreCase(argv[i], "GET");
        found = {{1, get ? KsRw | KsAccess | KsUpdate : KsOw | KsUpdate}};
    } else if (name == "georadius" || name == "georadiusbymember") {
        // The last STORE or STOREDIST names the destination.
        int store = 0;
        for (int i = 5; i + 1 < argc; ++i)
            if (equalsIgnoreCase(argv[static_cast<size_t>(i)], "store") ||
                equalsIgnoreCase(argv[static_cast<size_t>(i)], "storedist"))
                store = ++i;
        found = {{1, 0}};
        if (store) found.push_back({store, 0});
    } else if (name == "xread" || name == "xreadgroup") {
        // Options up to STREAMS, then as many keys as IDs.
        int streams = -1;
        for (int i = 1; i < argc; ++i) {
            const std::string_view word = argv[static_cast<size_t>(i)];
            if (equalsIgnoreCase(word, "block") || equalsIgnoreCase(word, "count"))
                i += 1;
            else if (equalsIgnoreCase(word, "group"))
                i += 2;
            else if (equalsIgnoreCase(word, "noack"))
                continue;
            else {
                if (equalsIgnoreCase(word, "streams")) streams = i;
                break;
            }
        }
        const int rest = streams < 0 ? 0 : argc - streams - 1;
        if (rest > 0 && rest % 2 == 0)
            for (int i = 0; i < rest / 2; ++i)
                found.push_back({streams + 1 + i, 0});
    } else {
        return false;
    }
    if (keys) *keys = std::move(found);
    return true;
}

} // namespace

std::vector<KeyWithFlags> commandKeys(std::string_view name, std::span<const std::string_view> argv)
{
    const std::span<const KeySpecRow> specs = specsOf(name);
    bool hasKeySpec = false, variableFlags = false;
    for (const KeySpecRow &spec : specs) {
        hasKeySpec = hasKeySpec || !(spec.flags & KsNotKey);
        variableFlags = variableFlags || (spec.flags & KsVariableFlags);
    }
    std::vector<KeyWithFlags> keys;
    if (hasKeySpec && !variableFlags && walkSpecs(specs, argv, keys)) return keys;
    keys.clear();
    commandKeyFinder(name, argv, &keys);
    return keys;
}

bool commandHasKeys(std::string_view name)
{
    if (commandKeyFinder(name, {}, nullptr)) return true;
    for (const KeySpecRow &spec : specsOf(name))
        if (!(spec.flags & KsNotKey)) return true;
    return false;
}

std::vector<KeySpecStart> keySpecStarts(std::string_view name)
{
    std::vector<KeySpecStart> starts;
    for (const KeySpecRow &spec : specsOf(name)) {
        if (spec.begin == KsBeginIndex)
            starts.push_back({KeySpecStart::Index, {}});
        else if (spec.begin == KsBeginKeyword)
            starts.push_back({KeySpecStart::Keyword, spec.keyword});
        else
            starts.push_back({KeySpecStart::Unknown, {}});
    }
    return starts;
}

std::vector<std::string_view> keyFlagNames(uint32_t flags)
{
    static const std::pair<uint32_t, std::string_view> kNames[] = {
        {KeyFlagRW, "RW"},
        {KeyFlagRO, "RO"},
        {KeyFlagOW, "OW"},
        {KeyFlagRM, "RM"},
        {KeyFlagAccess, "access"},
        {KeyFlagUpdate, "update"},
        {KeyFlagInsert, "insert"},
        {KeyFlagDelete, "delete"},
        {KeyFlagNotKey, "not_key"},
        {KeyFlagIncomplete, "incomplete"},
        {KeyFlagVariableFlags, "variable_flags"},
    };
    std::vector<std::string_view> names;
    for (const auto &[bit, text] : kNames)
        if (flags & bit) names.push_back(text);
    return names;
}

namespace {

// Redis's free-text notes on some key specs (COMMAND INFO shows them first in the spec).
struct KeySpecNote
{
    const char *command;
    size_t spec; // index among the command's specs
    const char *text;
};

// clang-format off
const KeySpecNote kKeySpecNotes[] = {
    {"bitfield", 0, "This command allows both access and modification of the key"},
    {"eval", 0, "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE"},
    {"eval_ro", 0, "We cannot tell how the keys will be used so we assume the worst, RO and ACCESS"},
    {"fcall", 0, "We cannot tell how the keys will be used so we assume the worst, RW and UPDATE"},
    {"fcall_ro", 0, "We cannot tell how the keys will be used so we assume the worst, RO and ACCESS"},
    {"getex", 0, "RW and UPDATE because it changes the TTL"},
    {"pfcount", 0, "RW because it may change the internal representation of the key, and propagate to replicas"},
    {"set", 0, "RW and ACCESS due to the optional `GET` argument"},
    {"sort", 1, "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort"},
    {"sort", 2, "For the optional STORE keyword. It is marked 'unknown' because the keyword can appear anywhere in the argument array"},
    {"sort_ro", 1, "For the optional BY/GET keyword. It is marked 'unknown' because the key names derive from the content of the key we sort"},
    {"xadd", 0, "UPDATE instead of INSERT because of the optional trimming feature"},
};
// clang-format on

const char *noteOf(std::string_view name, size_t spec)
{
    for (const KeySpecNote &note : kKeySpecNotes)
        if (name == note.command && spec == note.spec) return note.text;
    return nullptr;
}

} // namespace

void writeKeySpecs(ReplyWriter &r, std::string_view name)
{
    const std::span<const KeySpecRow> specs = specsOf(name);
    r.arrayHeader(specs.size());
    for (size_t index = 0; index < specs.size(); ++index) {
        const KeySpecRow &spec = specs[index];
        const char *note = noteOf(name, index);
        r.mapHeader(note ? 4 : 3);
        if (note) {
            r.bulk("notes");
            r.bulk(note);
        }
        r.bulk("flags");
        const std::vector<std::string_view> flags = keyFlagNames(spec.flags);
        r.setHeader(flags.size());
        for (std::string_view flag : flags)
            r.status(flag);
        r.bulk("begin_search");
        r.mapHeader(2);
        r.bulk("type");
        if (spec.begin == KsBeginIndex) {
            r.bulk("index");
            r.bulk("spec");
            r.mapHeader(1);
            r.bulk("index");
            r.integer(spec.beginArg);
        } else if (spec.begin == KsBeginKeyword) {
            r.bulk("keyword");
            r.bulk("spec");
            r.mapHeader(2);
            r.bulk("keyword");
            r.bulk(spec.keyword);
            r.bulk("startfrom");
            r.integer(spec.beginArg);
        } else {
            r.bulk("unknown");
            r.bulk("spec");
            r.mapHeader(0);
        }
        r.bulk("find_keys");
        r.mapHeader(2);
        r.bulk("type");
        if (spec.find == KsFindRange) {
            r.bulk("range");
            r.bulk("spec");
            r.mapHeader(3);
            r.bulk("lastkey");
            r.integer(spec.a);
            r.bulk("keystep");
            r.integer(spec.b);
            r.bulk("limit");
            r.integer(spec.c);
        } else if (spec.find == KsFindKeynum) {
            r.bulk("keynum");
            r.bulk("spec");
            r.mapHeader(3);
            r.bulk("keynumidx");
            r.integer(spec.a);
            r.bulk("firstkey");
            r.integer(spec.b);
            r.bulk("keystep");
            r.integer(spec.c);
        } else {
            r.bulk("unknown");
            r.bulk("spec");
            r.mapHeader(0);
        }
    }
}

} // namespace redscope::engine
