// The command table itself (see command_table.h): every command the engine serves, one row
// each, grouped by family. Arity, flags and key positions are Redis 7.0's, so COMMAND INFO
// answers what clients expect. Lookup is a binary search over names lowercased once at
// start-up; the caller's name is lowercased into a stack buffer and looked up in a hash
// table keyed by views of the rows' names, so dispatch allocates nothing.
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
                   SUB = CmdAllowInSubscribe, MK = CmdMovableKeys, AB = CmdAllowBusy,
                   NMK = CmdNoMandatoryKeys, NAL = CmdNoAsyncLoading;

// clang-format off
const CommandSpec kCommands[] = {
    // name, handler, arity, flags, firstKey, lastKey, step, group, summary, since, complexity
    // [, extra ACL categories]
    // ---- connection
    {"ping", cmdPing, -1, F | SUB, 0, 0, 0, "connection", "Returns the server's liveliness response.", "1.0.0", "O(1)"},
    {"echo", cmdEcho, 2, F | L | S, 0, 0, 0, "connection", "Returns the given string.", "1.0.0", "O(1)"},
    {"select", cmdSelect, 2, F | L | S, 0, 0, 0, "connection", "Changes the selected database.", "1.0.0", "O(1)"},
    {"quit", cmdQuit, -1, N | L | S | F | SUB | CmdNoScript | AB, 0, 0, 0, "connection", "Closes the connection.", "1.0.0", "O(1)"},
    {"reset", cmdReset, 1, N | L | S | F | SUB | CmdNoScript | AB, 0, 0, 0, "connection", "Resets the connection.", "6.2.0", "O(1)"},
    {"auth", cmdAuth, -2, N | L | S | F | SM | SS | CmdNoScript | AB, 0, 0, 0, "connection", "Authenticates the connection.", "1.0.0", "O(N) where N is the number of passwords defined for the user"},
    {"hello", cmdHello, -1, N | L | S | F | SM | SS | CmdNoScript | AB, 0, 0, 0, "connection", "Handshakes with the server.", "6.0.0", "O(1)"},
    {"client", cmdSubcommand, -2, L | S | SS, 0, 0, 0, "connection", "Client connection management (SETNAME, GETNAME, ID, LIST, INFO, KILL, PAUSE, UNPAUSE, NO-EVICT).", "2.4.0", "Depends on subcommand."},

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
    {"keys", cmdKeys, 2, R, 0, 0, 0, "generic", "Returns all key names that match a pattern.", "1.0.0", "O(N)", AclDangerous},
    {"scan", cmdScan, -2, R, 0, 0, 0, "generic", "Iterates over the key names in the database.", "2.8.0", "O(1) for every call. O(N) for a complete iteration."},
    // -- keyspace family additions (issue 3) below this line --
    {"rename", cmdRename, 3, W, 1, 2, 1, "generic", "Renames a key and overwrites the destination.", "1.0.0", "O(1)"},
    {"renamenx", cmdRenamenx, 3, W | F, 1, 2, 1, "generic", "Renames a key only when the target key name doesn't exist.", "1.0.0", "O(1)"},
    {"copy", cmdCopy, -3, W | M, 1, 2, 1, "generic", "Copies the value of a key to a new key (DB, REPLACE).", "6.2.0", "O(N) worst case for collections, where N is the number of nested items. O(1) for string values."},
    {"move", cmdMove, 3, W | F, 1, 1, 1, "generic", "Moves a key to another database.", "1.0.0", "O(1)"},
    {"swapdb", cmdSwapdb, 3, W | F, 0, 0, 0, "server", "Swaps two Redis databases.", "4.0.0", "O(N) where N is the count of clients watching or blocking on keys from both databases.", AclKeyspace | AclDangerous},
    {"randomkey", cmdRandomkey, 1, R, 0, 0, 0, "generic", "Returns a random key name from the database.", "1.0.0", "O(1)"},
    {"expiretime", cmdExpiretime, 2, R | F, 1, 1, 1, "generic", "Returns the expiration time of a key as a Unix timestamp.", "7.0.0", "O(1)"},
    {"pexpiretime", cmdPexpiretime, 2, R | F, 1, 1, 1, "generic", "Returns the expiration time of a key as a Unix milliseconds timestamp.", "7.0.0", "O(1)"},
    {"touch", cmdTouch, -2, R | F, 1, -1, 1, "generic", "Returns the number of existing keys out of those specified after updating the time they were last accessed.", "3.2.1", "O(N) where N is the number of keys that will be touched."},
    {"sort", cmdSort, -2, W | M | MK, 1, 1, 1, "generic", "Sorts the elements in a list, a set, or a sorted set, optionally storing the result.", "1.0.0", "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).", AclExactCategories | AclWrite | AclSet | AclSortedSet | AclList | AclSlow | AclDangerous, sortStoresNothing},
    {"sort_ro", cmdSortRo, -2, R | MK, 1, 1, 1, "generic", "Returns the sorted elements of a list, a set, or a sorted set.", "7.0.0", "O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).", AclExactCategories | AclRead | AclSet | AclSortedSet | AclList | AclSlow | AclDangerous},
    {"dump", cmdDump, 2, R, 1, 1, 1, "generic", "Returns a serialized representation of the value stored at a key.", "2.6.0", "O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1)."},
    {"restore", cmdRestore, -4, W | M, 1, 1, 1, "generic", "Creates a key from the serialized representation of a value.", "2.6.0", "O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).", AclDangerous},
    {"restore-asking", cmdRestore, -4, W | M | CmdAsking, 1, 1, 1, "server", "An internal command for migrating keys in a cluster.", "3.0.0", "O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is the number of Redis objects composing the value and M their average size. For small string values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted sets is O(log(N)).", AclKeyspace | AclDangerous},
    {"migrate", cmdMigrate, -6, W | MK, 3, 3, 1, "generic", "Atomically transfers a key from one Redis instance to another.", "2.6.0", "This command actually executes a DUMP+DEL in the source instance, and a RESTORE in the target instance. See the pages of these commands for time complexity. Also an O(N) data transfer between the two instances is performed.", AclDangerous},
    {"object", cmdSubcommand, -2, R, 2, 2, 1, "generic", "Inspects the internals of Redis objects (ENCODING, REFCOUNT, IDLETIME, FREQ, HELP).", "2.2.3", "O(1)"},

    // ---- string
    {"get", cmdGet, 2, R | F, 1, 1, 1, "string", "Returns the string value of a key.", "1.0.0", "O(1)"},
    {"set", cmdSet, -3, W | M, 1, 1, 1, "string", "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.", "1.0.0", "O(1)"},
    // -- string family additions (issue 3) below this line --
    {"mget", cmdMget, -2, R | F, 1, -1, 1, "string", "Atomically returns the string values of one or more keys.", "1.0.0", "O(N) where N is the number of keys to retrieve."},
    {"mset", cmdMset, -3, W | M, 1, -1, 2, "string", "Atomically creates or modifies the string values of one or more keys.", "1.0.1", "O(N) where N is the number of keys to set."},
    {"msetnx", cmdMsetnx, -3, W | M, 1, -1, 2, "string", "Atomically modifies the string values of one or more keys only when all keys don't exist.", "1.0.1", "O(N) where N is the number of keys to set."},
    {"setnx", cmdSetnx, 3, W | M | F, 1, 1, 1, "string", "Set the string value of a key only when the key doesn't exist.", "1.0.0", "O(1)"},
    {"setex", cmdSetex, 4, W | M, 1, 1, 1, "string", "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.", "2.0.0", "O(1)"},
    {"psetex", cmdPsetex, 4, W | M, 1, 1, 1, "string", "Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist.", "2.6.0", "O(1)"},
    {"getset", cmdGetset, 3, W | M | F, 1, 1, 1, "string", "Returns the previous string value of a key after setting it to a new value.", "1.0.0", "O(1)"},
    {"getdel", cmdGetdel, 2, W | F, 1, 1, 1, "string", "Returns the string value of a key after deleting the key.", "6.2.0", "O(1)"},
    {"getex", cmdGetex, -2, W | F, 1, 1, 1, "string", "Returns the string value of a key after setting its expiration time (EX, PX, EXAT, PXAT, PERSIST).", "6.2.0", "O(1)"},
    {"append", cmdAppend, 3, W | M | F, 1, 1, 1, "string", "Appends a string to the value of a key. Creates the key if it doesn't exist.", "2.0.0", "O(1)"},
    {"strlen", cmdStrlen, 2, R | F, 1, 1, 1, "string", "Returns the length of a string value.", "2.2.0", "O(1)"},
    {"getrange", cmdGetrange, 4, R, 1, 1, 1, "string", "Returns a substring of the string stored at a key.", "2.4.0", "O(N) where N is the length of the returned string."},
    {"substr", cmdGetrange, 4, R, 1, 1, 1, "string", "Returns a substring from a string value.", "1.0.0", "O(N) where N is the length of the returned string."},
    {"setrange", cmdSetrange, 4, W | M, 1, 1, 1, "string", "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.", "2.2.0", "O(1), not counting the time taken to copy the new string in place."},
    {"incr", cmdIncr, 2, W | M | F, 1, 1, 1, "string", "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", "1.0.0", "O(1)"},
    {"decr", cmdDecr, 2, W | M | F, 1, 1, 1, "string", "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", "1.0.0", "O(1)"},
    {"incrby", cmdIncrby, 3, W | M | F, 1, 1, 1, "string", "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.", "1.0.0", "O(1)"},
    {"decrby", cmdDecrby, 3, W | M | F, 1, 1, 1, "string", "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.", "1.0.0", "O(1)"},
    {"incrbyfloat", cmdIncrbyfloat, 3, W | M | F, 1, 1, 1, "string", "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.", "2.6.0", "O(1)"},

    // ---- bitmap (strings addressed bit by bit; bitmap_commands.cpp)
    {"setbit", cmdSetbit, 4, W | M, 1, 1, 1, "bitmap", "Sets or clears the bit at offset in the string value stored at key", "2.2.0", "O(1)"},
    {"getbit", cmdGetbit, 3, R | F, 1, 1, 1, "bitmap", "Returns the bit value at offset in the string value stored at key", "2.2.0", "O(1)"},
    {"bitcount", cmdBitcount, -2, R, 1, 1, 1, "bitmap", "Count set bits in a string", "2.6.0", "O(N)"},
    {"bitpos", cmdBitpos, -3, R, 1, 1, 1, "bitmap", "Find first bit set or clear in a string", "2.8.7", "O(N)"},
    {"bitop", cmdBitop, -4, W | M, 2, -1, 1, "bitmap", "Perform bitwise operations between strings", "2.6.0", "O(N)"},
    {"bitfield", cmdBitfield, -2, W | M, 1, 1, 1, "bitmap", "Perform arbitrary bitfield integer operations on strings", "3.2.0", "O(1) for each subcommand specified", 0, bitfieldOnlyReads},
    {"bitfield_ro", cmdBitfieldRo, -2, R | F, 1, 1, 1, "bitmap", "Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD", "6.0.0", "O(1) for each subcommand specified"},

    // ---- list
    // -- list family (issue 3) below this line --
    {"lpush", cmdLpush, -3, W | M | F, 1, 1, 1, "list", "Prepends one or more elements to a list. Creates the key if it doesn't exist.", "1.0.0", "O(1) for each element added"},
    {"rpush", cmdRpush, -3, W | M | F, 1, 1, 1, "list", "Appends one or more elements to a list. Creates the key if it doesn't exist.", "1.0.0", "O(1) for each element added"},
    {"lpushx", cmdLpushx, -3, W | M | F, 1, 1, 1, "list", "Prepends one or more elements to a list only when the list exists.", "2.2.0", "O(1) for each element added"},
    {"rpushx", cmdRpushx, -3, W | M | F, 1, 1, 1, "list", "Appends an element to a list only when the list exists.", "2.2.0", "O(1) for each element added"},
    {"lpop", cmdLpop, -2, W | F, 1, 1, 1, "list", "Returns the first elements in a list after removing it. Deletes the list if the last element was popped.", "1.0.0", "O(N) where N is the number of elements returned"},
    {"rpop", cmdRpop, -2, W | F, 1, 1, 1, "list", "Returns and removes the last elements of a list. Deletes the list if the last element was popped.", "1.0.0", "O(N) where N is the number of elements returned"},
    {"lrange", cmdLrange, 4, R, 1, 1, 1, "list", "Returns a range of elements from a list.", "1.0.0", "O(S+N)"},
    {"llen", cmdLlen, 2, R | F, 1, 1, 1, "list", "Returns the length of a list.", "1.0.0", "O(1)"},
    {"lindex", cmdLindex, 3, R, 1, 1, 1, "list", "Returns an element from a list by its index.", "1.0.0", "O(N)"},
    {"lset", cmdLset, 4, W | M, 1, 1, 1, "list", "Sets the value of an element in a list by its index.", "1.0.0", "O(N)"},
    {"lrem", cmdLrem, 4, W, 1, 1, 1, "list", "Removes elements from a list. Deletes the list if the last element was removed.", "1.0.0", "O(N+M)"},
    {"ltrim", cmdLtrim, 4, W, 1, 1, 1, "list", "Removes elements from both ends a list. Deletes the list if all elements were trimmed.", "1.0.0", "O(N)"},
    {"linsert", cmdLinsert, 5, W | M, 1, 1, 1, "list", "Inserts an element before or after another element in a list.", "2.2.0", "O(N)"},
    {"lpos", cmdLpos, -3, R, 1, 1, 1, "list", "Returns the index of matching elements in a list (RANK, COUNT, MAXLEN).", "6.0.6", "O(N)"},
    {"lmove", cmdLmove, 5, W | M, 1, 2, 1, "list", "Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.", "6.2.0", "O(1)"},
    {"rpoplpush", cmdRpoplpush, 3, W | M, 1, 2, 1, "list", "Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.", "1.2.0", "O(1)"},
    {"blpop", cmdBlpop, -3, W | B | CmdNoScript, 1, -2, 1, "list", "Removes and returns the first element in a list. Blocks until an element is available otherwise.", "2.0.0", "O(N) where N is the number of provided keys."},
    {"brpop", cmdBrpop, -3, W | B | CmdNoScript, 1, -2, 1, "list", "Removes and returns the last element in a list. Blocks until an element is available otherwise.", "2.0.0", "O(N) where N is the number of provided keys."},
    {"blmove", cmdBlmove, 6, W | M | B | CmdNoScript, 1, 2, 1, "list", "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise.", "6.2.0", "O(1)"},
    {"brpoplpush", cmdBrpoplpush, 4, W | M | B | CmdNoScript, 1, 2, 1, "list", "Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise.", "2.2.0", "O(1)"},

    // ---- hash
    // -- hash family (issue 3) below this line --
    {"hset", cmdHset, -4, W | M | F, 1, 1, 1, "hash", "Creates or modifies the value of a field in a hash.", "2.0.0", "O(1) for each field/value pair added"},
    {"hsetnx", cmdHsetnx, 4, W | M | F, 1, 1, 1, "hash", "Sets the value of a field in a hash only when the field doesn't exist.", "2.0.0", "O(1)"},
    {"hget", cmdHget, 3, R | F, 1, 1, 1, "hash", "Returns the value of a field in a hash.", "2.0.0", "O(1)"},
    {"hmget", cmdHmget, -3, R | F, 1, 1, 1, "hash", "Returns the values of all fields in a hash.", "2.0.0", "O(N) where N is the number of fields being requested"},
    {"hmset", cmdHmset, -4, W | M | F, 1, 1, 1, "hash", "Sets the values of multiple fields.", "2.0.0", "O(N) where N is the number of fields being set"},
    {"hgetall", cmdHgetall, 2, R, 1, 1, 1, "hash", "Returns all fields and values in a hash.", "2.0.0", "O(N) where N is the size of the hash"},
    {"hdel", cmdHdel, -3, W | F, 1, 1, 1, "hash", "Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.", "2.0.0", "O(N) where N is the number of fields to be removed"},
    {"hexists", cmdHexists, 3, R | F, 1, 1, 1, "hash", "Determines whether a field exists in a hash.", "2.0.0", "O(1)"},
    {"hlen", cmdHlen, 2, R | F, 1, 1, 1, "hash", "Returns the number of fields in a hash.", "2.0.0", "O(1)"},
    {"hkeys", cmdHkeys, 2, R, 1, 1, 1, "hash", "Returns all fields in a hash.", "2.0.0", "O(N) where N is the size of the hash"},
    {"hvals", cmdHvals, 2, R, 1, 1, 1, "hash", "Returns all values in a hash.", "2.0.0", "O(N) where N is the size of the hash"},
    {"hstrlen", cmdHstrlen, 3, R | F, 1, 1, 1, "hash", "Returns the length of the value of a field.", "3.2.0", "O(1)"},
    {"hincrby", cmdHincrby, 4, W | M | F, 1, 1, 1, "hash", "Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.", "2.0.0", "O(1)"},
    {"hincrbyfloat", cmdHincrbyfloat, 4, W | M | F, 1, 1, 1, "hash", "Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.", "2.6.0", "O(1)"},
    {"hrandfield", cmdHrandfield, -2, R, 1, 1, 1, "hash", "Returns one or more random fields from a hash.", "6.2.0", "O(N) where N is the number of fields returned"},
    {"hscan", cmdHscan, -3, R, 1, 1, 1, "hash", "Iterates over fields and values of a hash.", "2.8.0", "O(1) for every call. O(N) for a complete iteration."},

    // ---- set
    // -- set family (issue 3) below this line --
    {"sadd", cmdSadd, -3, W | M | F, 1, 1, 1, "set", "Adds one or more members to a set. Creates the key if it doesn't exist.", "1.0.0", "O(1) for each element added"},
    {"srem", cmdSrem, -3, W | F, 1, 1, 1, "set", "Removes one or more members from a set. Deletes the set if the last member was removed.", "1.0.0", "O(N) where N is the number of members to be removed"},
    {"smembers", cmdSmembers, 2, R, 1, 1, 1, "set", "Returns all members of a set.", "1.0.0", "O(N) where N is the set cardinality"},
    {"sismember", cmdSismember, 3, R | F, 1, 1, 1, "set", "Determines whether a member belongs to a set.", "1.0.0", "O(1)"},
    {"smismember", cmdSmismember, -3, R | F, 1, 1, 1, "set", "Determines whether multiple members belong to a set.", "6.2.0", "O(N) where N is the number of elements being checked"},
    {"scard", cmdScard, 2, R | F, 1, 1, 1, "set", "Returns the number of members in a set.", "1.0.0", "O(1)"},
    {"spop", cmdSpop, -2, W | F, 1, 1, 1, "set", "Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.", "1.0.0", "O(N) where N is the value of the passed count"},
    {"srandmember", cmdSrandmember, -2, R, 1, 1, 1, "set", "Get one or multiple random members from a set.", "1.0.0", "O(N) where N is the absolute value of the passed count"},
    {"smove", cmdSmove, 4, W | F, 1, 2, 1, "set", "Moves a member from one set to another.", "1.0.0", "O(1)"},
    {"sinter", cmdSinter, -2, R, 1, -1, 1, "set", "Returns the intersect of multiple sets.", "1.0.0", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets"},
    {"sunion", cmdSunion, -2, R, 1, -1, 1, "set", "Returns the union of multiple sets.", "1.0.0", "O(N) where N is the total number of elements in all given sets"},
    {"sdiff", cmdSdiff, -2, R, 1, -1, 1, "set", "Returns the difference of multiple sets.", "1.0.0", "O(N) where N is the total number of elements in all given sets"},
    {"sinterstore", cmdSinterstore, -3, W | M, 1, -1, 1, "set", "Stores the intersect of multiple sets in a key.", "1.0.0", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets"},
    {"sunionstore", cmdSunionstore, -3, W | M, 1, -1, 1, "set", "Stores the union of multiple sets in a key.", "1.0.0", "O(N) where N is the total number of elements in all given sets"},
    {"sdiffstore", cmdSdiffstore, -3, W | M, 1, -1, 1, "set", "Stores the difference of multiple sets in a key.", "1.0.0", "O(N) where N is the total number of elements in all given sets"},
    {"sintercard", cmdSintercard, -3, R | MK, 0, 0, 0, "set", "Returns the number of members of the intersect of multiple sets.", "7.0.0", "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets"},
    {"sscan", cmdSscan, -3, R, 1, 1, 1, "set", "Iterates over members of a set.", "2.8.0", "O(1) for every call. O(N) for a complete iteration."},

    // ---- sorted set
    // -- sorted set family (issue 3) below this line --
    {"zadd", cmdZadd, -4, W | M | F, 1, 1, 1, "sorted-set", "Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.", "1.2.0", "O(log(N)) for each item added"},
    {"zincrby", cmdZincrby, 4, W | M | F, 1, 1, 1, "sorted-set", "Increments the score of a member in a sorted set.", "1.2.0", "O(log(N))"},
    {"zrem", cmdZrem, -3, W | F, 1, 1, 1, "sorted-set", "Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.", "1.2.0", "O(M*log(N))"},
    {"zscore", cmdZscore, 3, R | F, 1, 1, 1, "sorted-set", "Returns the score of a member in a sorted set.", "1.2.0", "O(1)"},
    {"zmscore", cmdZmscore, -3, R | F, 1, 1, 1, "sorted-set", "Returns the score of one or more members in a sorted set.", "6.2.0", "O(N) where N is the number of members being requested"},
    {"zcard", cmdZcard, 2, R | F, 1, 1, 1, "sorted-set", "Returns the number of members in a sorted set.", "1.2.0", "O(1)"},
    {"zcount", cmdZcount, 4, R | F, 1, 1, 1, "sorted-set", "Returns the count of members in a sorted set that have scores within a range.", "2.0.0", "O(log(N))"},
    {"zlexcount", cmdZlexcount, 4, R | F, 1, 1, 1, "sorted-set", "Returns the number of members in a sorted set within a lexicographical range.", "2.8.9", "O(log(N))"},
    {"zrange", cmdZrange, -4, R, 1, 1, 1, "sorted-set", "Returns members in a sorted set within a range of indexes, scores or names (BYSCORE, BYLEX, REV, LIMIT, WITHSCORES).", "1.2.0", "O(log(N)+M)"},
    {"zrangestore", cmdZrangestore, -5, W | M, 1, 2, 1, "sorted-set", "Stores a range of members from sorted set in a key.", "6.2.0", "O(log(N)+M)"},
    {"zrevrange", cmdZrevrange, -4, R, 1, 1, 1, "sorted-set", "Returns members in a sorted set within a range of indexes in reverse order.", "1.2.0", "O(log(N)+M)"},
    {"zrangebyscore", cmdZrangebyscore, -4, R, 1, 1, 1, "sorted-set", "Returns members in a sorted set within a range of scores.", "1.0.5", "O(log(N)+M)"},
    {"zrevrangebyscore", cmdZrevrangebyscore, -4, R, 1, 1, 1, "sorted-set", "Returns members in a sorted set within a range of scores in reverse order.", "2.2.0", "O(log(N)+M)"},
    {"zrangebylex", cmdZrangebylex, -4, R, 1, 1, 1, "sorted-set", "Returns members in a sorted set within a lexicographical range.", "2.8.9", "O(log(N)+M)"},
    {"zrevrangebylex", cmdZrevrangebylex, -4, R, 1, 1, 1, "sorted-set", "Returns members in a sorted set within a lexicographical range in reverse order.", "2.8.9", "O(log(N)+M)"},
    {"zrank", cmdZrank, 3, R | F, 1, 1, 1, "sorted-set", "Returns the index of a member in a sorted set ordered by ascending scores.", "2.0.0", "O(log(N))"},
    {"zrevrank", cmdZrevrank, 3, R | F, 1, 1, 1, "sorted-set", "Returns the index of a member in a sorted set ordered by descending scores.", "2.0.0", "O(log(N))"},
    {"zpopmin", cmdZpopmin, -2, W | F, 1, 1, 1, "sorted-set", "Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.", "5.0.0", "O(log(N)*M)"},
    {"zpopmax", cmdZpopmax, -2, W | F, 1, 1, 1, "sorted-set", "Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.", "5.0.0", "O(log(N)*M)"},
    {"bzpopmin", cmdBzpopmin, -3, W | F | B | CmdNoScript, 1, -2, 1, "sorted-set", "Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise.", "5.0.0", "O(log(N))"},
    {"bzpopmax", cmdBzpopmax, -3, W | F | B | CmdNoScript, 1, -2, 1, "sorted-set", "Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member available otherwise.", "5.0.0", "O(log(N))"},
    {"zremrangebyrank", cmdZremrangebyrank, 4, W, 1, 1, 1, "sorted-set", "Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.", "2.0.0", "O(log(N)+M)"},
    {"zremrangebyscore", cmdZremrangebyscore, 4, W, 1, 1, 1, "sorted-set", "Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.", "1.2.0", "O(log(N)+M)"},
    {"zremrangebylex", cmdZremrangebylex, 4, W, 1, 1, 1, "sorted-set", "Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.", "2.8.9", "O(log(N)+M)"},
    {"zunionstore", cmdZunionstore, -4, W | M | MK, 1, 1, 1, "sorted-set", "Stores the union of multiple sorted sets in a key.", "2.0.0", "O(N)+O(M log(M))"},
    {"zinterstore", cmdZinterstore, -4, W | M | MK, 1, 1, 1, "sorted-set", "Stores the intersect of multiple sorted sets in a key.", "2.0.0", "O(N*K)+O(M*log(M))"},
    {"zdiffstore", cmdZdiffstore, -4, W | M | MK, 1, 1, 1, "sorted-set", "Stores the difference of multiple sorted sets in a key.", "6.2.0", "O(L + (N-K)log(N))"},
    {"zunion", cmdZunion, -3, R | MK, 0, 0, 0, "sorted-set", "Returns the union of multiple sorted sets.", "6.2.0", "O(N)+O(M*log(M))"},
    {"zinter", cmdZinter, -3, R | MK, 0, 0, 0, "sorted-set", "Returns the intersect of multiple sorted sets.", "6.2.0", "O(N*K)+O(M*log(M))"},
    {"zdiff", cmdZdiff, -3, R | MK, 0, 0, 0, "sorted-set", "Returns the difference between multiple sorted sets.", "6.2.0", "O(L + (N-K)log(N))"},
    {"zrandmember", cmdZrandmember, -2, R, 1, 1, 1, "sorted-set", "Returns one or more random members from a sorted set.", "6.2.0", "O(N) where N is the number of members returned"},
    {"zscan", cmdZscan, -3, R, 1, 1, 1, "sorted-set", "Iterates over members and scores of a sorted set.", "2.8.0", "O(1) for every call. O(N) for a complete iteration."},

    // ---- stream (stream_commands.cpp)
    {"xadd", cmdXadd, -5, W | M | F, 1, 1, 1, "stream", "Appends a new message to a stream. Creates the key if it doesn't exist.", "5.0.0", "O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted."},
    {"xrange", cmdXrange, -4, R, 1, 1, 1, "stream", "Returns the messages from a stream within a range of IDs.", "5.0.0", "O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1)."},
    {"xrevrange", cmdXrevrange, -4, R, 1, 1, 1, "stream", "Returns the messages from a stream within a range of IDs in reverse order.", "5.0.0", "O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1)."},
    {"xlen", cmdXlen, 2, R | F, 1, 1, 1, "stream", "Return the number of messages in a stream.", "5.0.0", "O(1)"},
    {"xdel", cmdXdel, -3, W | F, 1, 1, 1, "stream", "Returns the number of messages after removing them from a stream.", "5.0.0", "O(1) for each single item to delete in the stream, regardless of the stream size."},
    {"xtrim", cmdXtrim, -4, W, 1, 1, 1, "stream", "Deletes messages from the beginning of a stream.", "5.0.0", "O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation."},
    {"xsetid", cmdXsetid, -3, W | M | F, 1, 1, 1, "stream", "An internal command for replicating stream values.", "5.0.0", "O(1)"},
    {"xgroup", cmdSubcommand, -2, W | M, 2, 2, 1, "stream", "A container for consumer groups commands (CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER, HELP).", "5.0.0", "Depends on subcommand."},
    {"xack", cmdXack, -4, W | F, 1, 1, 1, "stream", "Returns the number of messages that were successfully acknowledged by the consumer group member of a stream.", "5.0.0", "O(1) for each message ID processed."},
    {"xpending", cmdXpending, -3, R, 1, 1, 1, "stream", "Returns the information and entries from a stream consumer group's pending entries list.", "5.0.0", "O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer."},
    {"xclaim", cmdXclaim, -6, W | F, 1, 1, 1, "stream", "Changes, or acquires, ownership of a message in a consumer group, as if the message was delivered a consumer group member.", "5.0.0", "O(log N) with N being the number of messages in the PEL of the consumer group."},
    {"xautoclaim", cmdXautoclaim, -6, W | F, 1, 1, 1, "stream", "Changes, or acquires, ownership of messages in a consumer group, as if the messages were delivered to as consumer group member.", "6.2.0", "O(1) if COUNT is small."},
    {"xinfo", cmdSubcommand, -2, R, 2, 2, 1, "stream", "A container for stream introspection commands (STREAM, GROUPS, CONSUMERS, HELP).", "5.0.0", "Depends on subcommand."},
    {"xread", cmdXread, -4, R | B | MK, 0, 0, 0, "stream", "Returns messages from multiple streams with IDs greater than the ones requested. Blocks until a message is available otherwise.", "5.0.0", "For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data."},
    {"xreadgroup", cmdXreadgroup, -7, W | B | MK, 0, 0, 0, "stream", "Returns new or historical messages from a stream for a consumer in a group. Blocks until a message is available otherwise.", "5.0.0", "For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data."},

    // ---- pub/sub
    // -- pub/sub family (issue 3) below this line --
    {"subscribe", cmdSubscribe, -2, P | CmdNoScript | L | S | SUB, 0, 0, 0, "pubsub", "Listens for messages published to channels.", "2.0.0", "O(N) where N is the number of channels to subscribe to."},
    {"unsubscribe", cmdUnsubscribe, -1, P | CmdNoScript | L | S | SUB, 0, 0, 0, "pubsub", "Stops listening to messages posted to channels.", "2.0.0", "O(N) where N is the number of channels to unsubscribe."},
    {"psubscribe", cmdPsubscribe, -2, P | CmdNoScript | L | S | SUB, 0, 0, 0, "pubsub", "Listens for messages published to channels that match one or more patterns.", "2.0.0", "O(N) where N is the number of patterns to subscribe to."},
    {"punsubscribe", cmdPunsubscribe, -1, P | CmdNoScript | L | S | SUB, 0, 0, 0, "pubsub", "Stops listening to messages published to channels that match one or more patterns.", "2.0.0", "O(N) where N is the number of patterns to unsubscribe."},
    // Sharded pub/sub: the channels sit where keys do (cluster slots hash them), so COMMAND
    // GETKEYS names them; ACL checks them as channels (server/acl.cpp).
    {"ssubscribe", cmdSsubscribe, -2, P | CmdNoScript | L | S | SUB, 1, -1, 1, "pubsub", "Listens for messages published to shard channels.", "7.0.0", "O(N) where N is the number of shard channels to subscribe to."},
    {"sunsubscribe", cmdSunsubscribe, -1, P | CmdNoScript | L | S | SUB, 1, -1, 1, "pubsub", "Stops listening to messages posted to shard channels.", "7.0.0", "O(N) where N is the number of shard channels to unsubscribe."},
    {"spublish", cmdSpublish, 3, P | L | S | F | CmdMayReplicate, 1, 1, 1, "pubsub", "Post a message to a shard channel", "7.0.0", "O(N) where N is the number of clients subscribed to the receiving shard channel."},
    {"publish", cmdPublish, 3, P | L | S | F | CmdMayReplicate, 0, 0, 0, "pubsub", "Posts a message to a channel.", "2.0.0", "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client)."},
    {"pubsub", cmdSubcommand, -2, P | L | S, 0, 0, 0, "pubsub", "A container for Pub/Sub commands (CHANNELS, NUMSUB, NUMPAT, SHARDCHANNELS, SHARDNUMSUB, HELP).", "2.8.0", "Depends on subcommand."},

    // ---- transactions
    // -- transaction family (issue 3) below this line --
    {"multi", cmdMulti, 1, CmdNoScript | L | S | F | AB, 0, 0, 0, "transactions", "Starts a transaction.", "1.2.0", "O(1)"},
    {"exec", cmdExec, 1, CmdNoScript | L | S | SS, 0, 0, 0, "transactions", "Executes all commands in a transaction.", "1.2.0", "Depends on commands in the transaction"},
    {"discard", cmdDiscard, 1, CmdNoScript | L | S | F | AB, 0, 0, 0, "transactions", "Discards a transaction.", "2.0.0", "O(N), when N is the number of queued commands"},
    {"watch", cmdWatch, -2, CmdNoScript | L | S | F | AB, 1, -1, 1, "transactions", "Monitors changes to keys to determine the execution of a transaction.", "2.2.0", "O(1) for every key."},
    {"unwatch", cmdUnwatch, 1, CmdNoScript | L | S | F | AB, 0, 0, 0, "transactions", "Forgets about watched keys of a transaction.", "2.2.0", "O(1)"},

    // ---- cluster (answered as a server with cluster support disabled: cluster_commands.cpp)
    {"cluster", cmdSubcommand, -2, 0, 0, 0, 0, "cluster", "A container for Redis Cluster commands.", "3.0.0", "Depends on subcommand."},
    {"asking", cmdClusterDisabled, 1, F, 0, 0, 0, "cluster", "Signals that a cluster client is following an -ASK redirect.", "3.0.0", "O(1)", AclConnection},
    {"readonly", cmdClusterDisabled, 1, L | S | F, 0, 0, 0, "cluster", "Enables read-only queries for a connection to a Redis Cluster replica node.", "3.0.0", "O(1)", AclConnection},
    {"readwrite", cmdClusterDisabled, 1, L | S | F, 0, 0, 0, "cluster", "Enables read-write queries for a connection to a Reids Cluster replica node.", "3.0.0", "O(1)", AclConnection},

    // ---- server
    {"dbsize", cmdDbsize, 1, R | F, 0, 0, 0, "server", "Returns the number of keys in the database.", "1.0.0", "O(1)", AclKeyspace},
    {"flushdb", cmdFlushdb, -1, W, 0, 0, 0, "server", "Removes all keys from the current database.", "1.0.0", "O(N)", AclKeyspace | AclDangerous},
    {"flushall", cmdFlushall, -1, W, 0, 0, 0, "server", "Removes all keys from all databases.", "1.0.0", "O(N)", AclKeyspace | AclDangerous},
    {"info", cmdInfo, -1, L | S, 0, 0, 0, "server", "Returns information and statistics about the server.", "1.0.0", "O(1)", AclDangerous},
    {"command", cmdCommand, -1, L | S, 0, 0, 0, "server", "Returns detailed information about all commands (COUNT, INFO, DOCS, LIST, GETKEYS).", "2.8.13", "O(N)", AclConnection},
    // -- server family additions (issue 3) below this line --
    {"config", cmdSubcommand, -2, A | CmdNoScript | L | S, 0, 0, 0, "server", "A container for server configuration commands (GET, SET, RESETSTAT, REWRITE, HELP).", "2.0.0", "Depends on subcommand."},
    {"time", cmdTime, 1, L | S | F, 0, 0, 0, "server", "Returns the server time.", "2.6.0", "O(1)"},
    {"slowlog", cmdSubcommand, -2, A | L | S, 0, 0, 0, "server", "A container for slow log commands (GET, LEN, RESET, HELP).", "2.2.12", "Depends on subcommand."},
    {"acl", cmdSubcommand, -2, L | S | SM | SS, 0, 0, 0, "server", "A container for Access List Control commands.", "6.0.0", "Depends on subcommand."},
    {"latency", cmdSubcommand, -2, A | CmdNoScript | L | S, 0, 0, 0, "server", "A container for latency diagnostics commands (LATEST, HISTORY, RESET, DOCTOR, HELP).", "2.8.13", "Depends on subcommand."},
    {"memory", cmdSubcommand, -2, R, 0, 0, 0, "server", "A container for memory diagnostics commands (USAGE, STATS, DOCTOR, HELP).", "4.0.0", "Depends on subcommand."},
    {"monitor", cmdMonitor, 1, A | CmdNoScript | L | S, 0, 0, 0, "server", "Listens for all requests received by the server in real-time.", "1.0.0", "O(1)"},
    {"shutdown", cmdShutdown, -1, A | CmdNoScript | L | S | NM | AB, 0, 0, 0, "server", "Synchronously saves the database(s) to disk and shuts down the Redis server.", "1.0.0", "O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)"},
    {"debug", cmdDebug, -2, A | CmdNoScript | L | S, 0, 0, 0, "server", "A container for debugging commands", "1.0.0", "Depends on subcommand."},
    // -- issue 21: LOLWUT (lolwut_command.cpp); Redis documents no complexity for it
    {"lolwut", cmdLolwut, -1, R | F, 0, 0, 0, "server", "Display some computer art and the Redis version", "5.0.0", nullptr},

    // ---- persistence
    // -- persistence family (issue 4) below this line --
    {"save", cmdSave, 1, A | NM | CmdNoScript | NAL, 0, 0, 0, "server", "Synchronously saves the database(s) to disk.", "1.0.0", "O(N) where N is the total number of keys in all databases"},
    {"bgsave", cmdBgsave, -1, A | CmdNoScript | NAL, 0, 0, 0, "server", "Asynchronously saves the database(s) to disk.", "1.0.0", "O(1)"},
    {"lastsave", cmdLastsave, 1, L | S | F, 0, 0, 0, "server", "Returns the Unix timestamp of the last successful save to disk.", "1.0.0", "O(1)", AclAdmin | AclDangerous},
    {"bgrewriteaof", cmdBgrewriteaof, 1, A | CmdNoScript | NAL, 0, 0, 0, "server", "Asynchronously rewrites the append-only file to disk.", "1.0.0", "O(1)"},

    // ---- replication (issue 23; engine/replication/)
    {"replicaof", cmdReplicaof, 3, A | CmdNoScript | S | CmdNoAsyncLoading, 0, 0, 0, "server", "Make the server a replica of another instance, or promote it as master.", "5.0.0", "O(1)"},
    {"slaveof", cmdReplicaof, 3, A | CmdNoScript | S | CmdNoAsyncLoading, 0, 0, 0, "server", "Make the server a replica of another instance, or promote it as master.", "1.0.0", "O(1)"},
    {"role", cmdRole, 1, CmdNoScript | L | S | F, 0, 0, 0, "server", "Return the role of the instance in the context of replication", "2.8.12", "O(1)", AclAdmin | AclDangerous},
    {"sync", cmdSync, 1, A | CmdNoScript | NM | CmdNoAsyncLoading, 0, 0, 0, "server", "Internal command used for replication", "1.0.0", ""},
    {"psync", cmdPsync, -3, A | CmdNoScript | NM | CmdNoAsyncLoading, 0, 0, 0, "server", "Internal command used for replication", "2.8.0", ""},
    {"replconf", cmdReplconf, -1, A | CmdNoScript | L | S | CmdAllowBusy, 0, 0, 0, "server", "An internal command for configuring the replication stream", "3.0.0", "O(1)"},
    {"failover", cmdFailover, -1, A | CmdNoScript | S, 0, 0, 0, "server", "Start a coordinated failover between this server and one of its replicas.", "6.2.0", "O(1)"},
    {"wait", cmdWait, 3, CmdNoScript, 0, 0, 0, "generic", "Wait for the synchronous replication of all the write commands sent in the context of the current connection", "3.0.0", "O(1)", AclExactCategories | AclSlow | AclConnection},

    // ---- hyperloglog (strings in Redis's HLL format; hll_commands.cpp)
    {"pfadd", cmdPfadd, -2, W | M | F, 1, 1, 1, "hyperloglog", "Adds the specified elements to the specified HyperLogLog.", "2.8.9", "O(1) to add every element.", AclHyperLogLog},
    {"pfcount", cmdPfcount, -2, R | CmdMayReplicate, 1, -1, 1, "hyperloglog", "Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).", "2.8.9", "O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.", AclHyperLogLog},
    {"pfmerge", cmdPfmerge, -2, W | M, 1, -1, 1, "hyperloglog", "Merge N different HyperLogLogs into a single one.", "2.8.9", "O(N) to merge N HyperLogLogs, but with high constant times.", AclHyperLogLog},
    {"pfdebug", cmdPfdebug, 3, W | M | A, 2, 2, 1, "hyperloglog", "Internal commands for debugging HyperLogLog values", "2.8.9", "N/A", AclHyperLogLog},
    {"pfselftest", cmdPfselftest, 1, A, 0, 0, 0, "hyperloglog", "An internal command for testing HyperLogLog values", "2.8.9", "N/A", AclHyperLogLog},

    // ---- geo (sorted sets with geohash scores; geo_commands.cpp)
    {"geoadd", cmdGeoadd, -5, W | M, 1, 1, 1, "geo", "Add one or more geospatial items in the geospatial index represented using a sorted set", "3.2.0", "O(log(N)) for each item added, where N is the number of elements in the sorted set.", AclGeo},
    {"geodist", cmdGeodist, -4, R, 1, 1, 1, "geo", "Returns the distance between two members of a geospatial index", "3.2.0", "O(log(N))", AclGeo},
    {"geohash", cmdGeohash, -2, R, 1, 1, 1, "geo", "Returns members of a geospatial index as standard geohash strings", "3.2.0", "O(log(N)) for each member requested, where N is the number of elements in the sorted set.", AclGeo},
    {"geopos", cmdGeopos, -2, R, 1, 1, 1, "geo", "Returns longitude and latitude of members of a geospatial index", "3.2.0", "O(N) where N is the number of members requested.", AclGeo},
    {"geosearch", cmdGeosearch, -7, R, 1, 1, 1, "geo", "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle.", "6.2.0", "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape", AclGeo},
    {"geosearchstore", cmdGeosearchstore, -8, W | M, 1, 2, 1, "geo", "Query a sorted set representing a geospatial index to fetch members inside an area of a box or a circle, and store the result in another key.", "6.2.0", "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape", AclGeo},
    {"georadius", cmdGeoradius, -6, W | M | MK, 1, 1, 1, "geo", "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a point", "3.2.0", "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.", AclGeo},
    {"georadius_ro", cmdGeoradiusRo, -6, R, 1, 1, 1, "geo", "A read-only variant for GEORADIUS", "3.2.10", "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.", AclGeo},
    {"georadiusbymember", cmdGeoradiusbymember, -5, W | M | MK, 1, 1, 1, "geo", "Query a sorted set representing a geospatial index to fetch members matching a given maximum distance from a member", "3.2.0", "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.", AclGeo},
    {"georadiusbymember_ro", cmdGeoradiusbymemberRo, -5, R, 1, 1, 1, "geo", "A read-only variant for GEORADIUSBYMEMBER", "3.2.10", "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.", AclGeo},

    // ---- issue 21: multi-key pops, ZINTERCARD, LCS (in their families' files)
    {"lmpop", cmdLmpop, -4, W | MK, 0, 0, 0, "list", "Pop elements from a list", "7.0.0", "O(N+M) where N is the number of provided keys and M is the number of elements returned."},
    {"blmpop", cmdBlmpop, -5, W | B | MK, 0, 0, 0, "list", "Pop elements from a list, or block until one is available", "7.0.0", "O(N+M) where N is the number of provided keys and M is the number of elements returned."},
    {"zmpop", cmdZmpop, -4, W | MK, 0, 0, 0, "sorted-set", "Remove and return members with scores in a sorted set", "7.0.0", "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped."},
    {"bzmpop", cmdBzmpop, -5, W | B | MK, 0, 0, 0, "sorted-set", "Remove and return members with scores in a sorted set or block until one is available", "7.0.0", "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped."},
    {"zintercard", cmdZintercard, -3, R | MK, 0, 0, 0, "sorted-set", "Intersect multiple sorted sets and return the cardinality of the result", "7.0.0", "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets."},
    {"lcs", cmdLcs, -3, R, 1, 2, 1, "string", "Find longest common substring", "7.0.0", "O(N*M) where N and M are the lengths of s1 and s2, respectively"},

    // ---- scripting (scripting_commands.cpp); keys follow numkeys (key_specs.cpp)
    {"eval", cmdEval, -3, CmdNoScript | S | SM | MK | NMK, 0, 0, 0, "scripting", "Executes a server-side Lua script.", "2.6.0", "Depends on the script that is executed."},
    {"evalsha", cmdEvalsha, -3, CmdNoScript | S | SM | MK | NMK, 0, 0, 0, "scripting", "Executes a server-side Lua script by SHA1 digest.", "2.6.0", "Depends on the script that is executed."},
    {"eval_ro", cmdEvalRo, -3, R | CmdNoScript | S | SM | MK | NMK, 0, 0, 0, "scripting", "Executes a read-only server-side Lua script.", "7.0.0", "Depends on the script that is executed.", AclExactCategories | AclSlow | AclScripting},
    {"evalsha_ro", cmdEvalshaRo, -3, R | CmdNoScript | S | SM | MK | NMK, 0, 0, 0, "scripting", "Executes a read-only server-side Lua script by SHA1 digest.", "7.0.0", "Depends on the script that is executed.", AclExactCategories | AclSlow | AclScripting},
    {"fcall", cmdFcall, -3, CmdNoScript | S | SM | MK | NMK, 0, 0, 0, "scripting", "Invokes a function.", "7.0.0", "Depends on the function that is executed."},
    {"fcall_ro", cmdFcallRo, -3, R | CmdNoScript | S | SM | MK | NMK, 0, 0, 0, "scripting", "Invokes a read-only function.", "7.0.0", "Depends on the function that is executed.", AclExactCategories | AclSlow | AclScripting},
    {"script", cmdSubcommand, -2, 0, 0, 0, 0, "scripting", "A container for Lua scripts management commands (LOAD, EXISTS, FLUSH, KILL, DEBUG, HELP).", "2.6.0", "Depends on subcommand."},
    {"function", cmdSubcommand, -2, 0, 0, 0, 0, "scripting", "A container for function commands (LOAD, DELETE, LIST, DUMP, RESTORE, FLUSH, STATS, KILL, HELP).", "7.0.0", "Depends on subcommand."},
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
    m_byName.reserve(m_commands.size() * 2);
    for (const CommandSpec &spec : m_commands) m_byName.emplace(spec.name, &spec);
}

const CommandSpec *CommandTable::find(std::string_view name) const
{
    char lowered[32] = {}; // zeroed: GCC 12 sees the hash read the unwritten tail
    if (name.size() >= sizeof lowered) return nullptr;
    for (size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        lowered[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    std::string_view key(lowered, name.size());
    auto it = m_byName.find(key);
    if (it == m_byName.end()) return nullptr;
    return it->second;
}

const char *const kAclCategoryNames[kAclCategoryCount] = {
    "keyspace", "read", "write", "set", "sortedset", "list", "hash", "string", "bitmap",
    "hyperloglog", "geo", "stream", "pubsub", "admin", "fast", "slow", "blocking", "dangerous",
    "connection", "transaction", "scripting"};

uint32_t CommandTable::aclCategoryBits(const CommandSpec &spec)
{
    if (subcommands(spec)) return AclSlow | spec.aclCategories;
    if (spec.aclCategories & AclExactCategories) return spec.aclCategories & ~AclExactCategories;
    uint32_t bits = spec.aclCategories;
    if (spec.flags & CmdWrite) bits |= AclWrite;
    if (spec.flags & CmdReadOnly) bits |= AclRead;
    if (spec.flags & CmdAdmin) bits |= AclAdmin | AclDangerous;
    if (spec.flags & CmdPubSub) bits |= AclPubSub;
    bits |= (spec.flags & CmdFast) ? AclFast : AclSlow;
    if (spec.flags & CmdBlocking) bits |= AclBlocking;
    struct GroupCategory
    {
        const char *group;
        uint32_t bit;
    };
    static const GroupCategory kGroups[] = {
        {"generic", AclKeyspace},      {"string", AclString},
        {"list", AclList},             {"hash", AclHash},
        {"set", AclSet},               {"sorted-set", AclSortedSet},
        {"connection", AclConnection}, {"transactions", AclTransaction},
        {"bitmap", AclBitmap},         {"stream", AclStream},
        {"scripting", AclScripting}};
    for (const GroupCategory &entry : kGroups)
        if (std::strcmp(spec.group, entry.group) == 0) bits |= entry.bit;
    return bits;
}

std::vector<std::string_view> CommandTable::categories(const CommandSpec &spec)
{
    // In AclCategory bit order, which is also Redis's COMMAND INFO order.
    uint32_t bits = aclCategoryBits(spec);
    std::vector<std::string_view> result;
    for (int i = 0; i < kAclCategoryCount; ++i)
        if (bits & (1u << i)) result.push_back(kAclCategoryNames[i]);
    return result;
}

} // namespace redscope::engine
