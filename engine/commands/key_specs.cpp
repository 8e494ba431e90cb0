// Key specifications: the access flags Redis 7.0 declares for each key argument of a command
// (RW/RO/OW/RM and access/update/insert/delete), and where those keys sit (an index or a
// keyword to search for, then a range or a key count). COMMAND GETKEYSANDFLAGS answers from
// these rows; key positions themselves stay with CommandTable::keyPositions, which dispatch,
// ACL and tracking already use. One row per key spec, in the command's spec order; containers'
// subcommands are named "object|encoding".
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

// The positions one spec finds in argv (Redis's key-spec walk); empty when it finds none.
std::vector<int> positionsOf(const KeySpecRow &spec, std::span<const std::string_view> argv)
{
    const int argc = static_cast<int>(argv.size());
    int first = 0;
    if (spec.begin == KsBeginIndex) {
        first = spec.beginArg;
    } else if (spec.begin == KsBeginKeyword) {
        const int start = spec.beginArg >= 0 ? spec.beginArg : argc + spec.beginArg;
        const int step = spec.beginArg >= 0 ? 1 : -1;
        for (int i = start; i > 0 && i < argc; i += step)
            if (equalsIgnoreCase(argv[static_cast<size_t>(i)], spec.keyword)) {
                first = i + 1;
                break;
            }
        if (first == 0) return {};
    } else {
        return {};
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
            count <= 0 || count > argc)
            return {};
        first += spec.b;
        step = spec.c;
        last = first + static_cast<int>(count - 1) * step;
    } else {
        return {};
    }
    std::vector<int> result;
    for (int i = first; i <= last && i < argc; i += std::max(step, 1))
        result.push_back(i);
    return result;
}

} // namespace

std::vector<KeyWithFlags> keysWithFlags(std::string_view name, std::span<const int> positions,
                                        std::span<const std::string_view> argv)
{
    std::span<const KeySpecRow> specs = specsOf(name);
    std::vector<KeyWithFlags> result;
    if (specs.empty()) {
        for (int p : positions)
            result.push_back({p, 0});
        return result;
    }
    // Commands whose flags depend on the arguments (Redis's VARIABLE_FLAGS specs).
    if (name == "set") {
        bool get = false;
        for (size_t i = 3; i < argv.size(); ++i)
            get = get || equalsIgnoreCase(argv[i], "GET");
        for (int p : positions)
            result.push_back({p, get ? KsRw | KsAccess | KsUpdate : KsOw | KsUpdate});
        return result;
    }
    if (name == "bitfield") {
        const CommandSpec *spec = CommandTable::instance().find("bitfield");
        const bool reads = spec && spec->onlyReadsKeys && spec->onlyReadsKeys(argv);
        for (int p : positions)
            result.push_back({p, reads ? KsRo | KsAccess : KsRw | KsAccess | KsUpdate});
        return result;
    }
    // The specs' own walk, in spec order as Redis lists the keys, when it finds exactly the
    // keys the command table does; otherwise (SORT's STORE, MIGRATE's KEYS, ...) the table's
    // positions, each with the flags of the first spec that finds it, else the last spec's.
    std::vector<KeyWithFlags> walked;
    for (const KeySpecRow &spec : specs) {
        if (spec.flags & KsNotKey) continue;
        for (int p : positionsOf(spec, argv))
            walked.push_back({p, spec.flags});
    }
    std::vector<int> walkedPositions, tablePositions(positions.begin(), positions.end());
    for (const KeyWithFlags &k : walked)
        walkedPositions.push_back(k.position);
    std::sort(walkedPositions.begin(), walkedPositions.end());
    std::sort(tablePositions.begin(), tablePositions.end());
    if (walkedPositions == tablePositions) return walked;
    for (int p : positions) {
        uint32_t flags = specs.back().flags;
        for (const KeyWithFlags &k : walked)
            if (k.position == p) {
                flags = k.flags;
                break;
            }
        // MIGRATE's KEYS spec is incomplete; its keys are plain RW access delete in Redis.
        result.push_back({p, flags & ~KsIncomplete});
    }
    return result;
}

bool commandHasKeys(std::string_view name)
{
    for (const KeySpecRow &spec : specsOf(name))
        if (!(spec.flags & KsNotKey)) return true;
    return false;
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

void writeKeySpecs(ReplyWriter &r, std::string_view name)
{
    const std::span<const KeySpecRow> specs = specsOf(name);
    r.arrayHeader(specs.size());
    for (const KeySpecRow &spec : specs) {
        r.mapHeader(3);
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
