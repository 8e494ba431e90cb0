// The argument docs (see command_docs.h). Each command has one synopsis line, in a notation
// close to redis.io's so it can be checked by eye against the Redis manual:
//
//   word            an argument; "word:k" key, ":i" integer, ":d" double, ":p" pattern,
//                   ":t" unix-time, no suffix: string
//   WORD            a literal token; "WORD word" is a value preceded by that token, and
//                   "WORD (...)" a block or oneof preceded by it
//   [ ... ]         optional;  ( ... ) required group;  a | b  one of;  x...  repeats
//   [TOKEN x]...    the token repeats with each value (multiple_token)
//   name=( ... )    names a group (Redis calls SET's NX | XX "condition")
//   name=TOKEN      a literal token under its own name (XADD's "equal" for "="; "" for
//                   MIGRATE's empty-string token)
//
// Writing the docs as lines instead of nested initializers keeps the table readable (one row
// per command, like command_table.cpp) at the cost of a small parser run once, on the first
// COMMAND DOCS. A malformed line is a programming error, caught by tst_server_commands.
//
// key_spec_index is not written here: it is derived from the key specs (key_specs.cpp) when
// the lines are parsed, so the two tables cannot disagree.
#include "commands/command_docs.h"

#include "commands/key_specs.h"
#include "protocol/reply_writer.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <unordered_map>

namespace redscope::engine {

namespace {

struct Synopsis
{
    const char *name;
    const char *line;
};

// clang-format off
const Synopsis kSynopses[] = {
    // ---- connection
    {"ping", "[message]"},
    {"echo", "message"},
    {"select", "index:i"},
    {"quit", ""},
    {"reset", ""},
    {"auth", "[username] password"},
    {"hello", "arguments=[protover:i [AUTH username_password=(username password)] [SETNAME clientname]]"},
    {"client", ""},
    {"client|caching", "mode=(YES | NO)"},
    {"client|getname", ""},
    {"client|getredir", ""},
    {"client|help", ""},
    {"client|id", ""},
    {"client|info", ""},
    {"client|kill", "filter=(ip:port | new-format=([ID client-id:i] | [TYPE normal_master_slave_pubsub=(NORMAL | MASTER | SLAVE | REPLICA | PUBSUB)] | [USER username] | [ADDR ip:port] | [LADDR ip:port] | [SKIPME yes/no])...)"},
    {"client|list", "[TYPE normal_master_replica_pubsub=(NORMAL | MASTER | REPLICA | PUBSUB)] [ID id=(client-id:i...)]"},
    {"client|no-evict", "enabled=(ON | OFF)"},
    {"client|pause", "timeout:i [mode=(WRITE | ALL)]"},
    {"client|reply", "on_off_skip=(ON | OFF | SKIP)"},
    {"client|setname", "connection-name"},
    {"client|tracking", "status=(ON | OFF) [REDIRECT client-id:i] [PREFIX prefix]... [BCAST] [OPTIN] [OPTOUT] [NOLOOP]"},
    {"client|trackinginfo", ""},
    {"client|unblock", "client-id:i [timeout_error=(TIMEOUT | ERROR)]"},
    {"client|unpause", ""},

    // ---- generic
    {"del", "key:k..."},
    {"unlink", "key:k..."},
    {"exists", "key:k..."},
    {"expire", "key:k seconds:i [condition=(NX | XX | GT | LT)]"},
    {"pexpire", "key:k milliseconds:i [condition=(NX | XX | GT | LT)]"},
    {"expireat", "key:k unix-time-seconds:t [condition=(NX | XX | GT | LT)]"},
    {"pexpireat", "key:k unix-time-milliseconds:t [condition=(NX | XX | GT | LT)]"},
    {"ttl", "key:k"},
    {"pttl", "key:k"},
    {"persist", "key:k"},
    {"type", "key:k"},
    {"keys", "pattern:p"},
    {"scan", "cursor:i [MATCH pattern:p] [COUNT count:i] [TYPE type]"},
    {"rename", "key:k newkey:k"},
    {"renamenx", "key:k newkey:k"},
    {"copy", "source:k destination:k [DB destination-db:i] [REPLACE]"},
    {"move", "key:k db:i"},
    {"swapdb", "index1:i index2:i"},
    {"randomkey", ""},
    {"expiretime", "key:k"},
    {"pexpiretime", "key:k"},
    {"touch", "key:k..."},
    {"sort", "key:k [BY pattern:p] [LIMIT offset_count=(offset:i count:i)] [GET pattern:p]... [order=(ASC | DESC)] [sorting=ALPHA] [STORE destination:k]"},
    {"sort_ro", "key:k [BY pattern:p] [LIMIT offset_count=(offset:i count:i)] [GET pattern:p]... [order=(ASC | DESC)] [sorting=ALPHA]"},
    {"dump", "key:k"},
    {"restore", "key:k ttl:i serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds:i] [FREQ frequency:i]"},
    {"restore-asking", "key:k ttl:i serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds:i] [FREQ frequency:i]"},
    {"migrate", "host port:i key_or_empty_string=(key:k | empty_string=\"\") destination-db:i timeout:i [COPY] [REPLACE] [authentication=([AUTH password] | [AUTH2 username_password=(username password)])] [KEYS key:k...]"},
    {"object", ""},
    {"object|encoding", "key:k"},
    {"object|freq", "key:k"},
    {"object|help", ""},
    {"object|idletime", "key:k"},
    {"object|refcount", "key:k"},

    // ---- string
    {"get", "key:k"},
    {"set", "key:k value [condition=(NX | XX)] [GET] [expiration=(EX seconds:i | PX milliseconds:i | EXAT unix-time-seconds:t | PXAT unix-time-milliseconds:t | KEEPTTL)]"},
    {"mget", "key:k..."},
    {"mset", "key_value=(key:k value)..."},
    {"msetnx", "key_value=(key:k value)..."},
    {"setnx", "key:k value"},
    {"setex", "key:k seconds:i value"},
    {"psetex", "key:k milliseconds:i value"},
    {"getset", "key:k value"},
    {"getdel", "key:k"},
    {"getex", "key:k [expiration=(EX seconds:i | PX milliseconds:i | EXAT unix-time-seconds:t | PXAT unix-time-milliseconds:t | PERSIST)]"},
    {"append", "key:k value"},
    {"strlen", "key:k"},
    {"getrange", "key:k start:i end:i"},
    {"substr", "key:k start:i end:i"},
    {"setrange", "key:k offset:i value"},
    {"incr", "key:k"},
    {"decr", "key:k"},
    {"incrby", "key:k increment:i"},
    {"decrby", "key:k decrement:i"},
    {"incrbyfloat", "key:k increment:d"},
    {"setbit", "key:k offset:i value:i"},
    {"getbit", "key:k offset:i"},
    {"bitcount", "key:k [index=(start:i end:i [index_unit=(BYTE | BIT)])]"},
    {"bitpos", "key:k bit:i [index=(start:i [end_index=(end:i [index_unit=(BYTE | BIT)])])]"},
    {"bitop", "operation destkey:k key:k..."},
    {"bitfield", "key:k [operation=(GET encoding_offset=(encoding offset:i) | write=([OVERFLOW wrap_sat_fail=(WRAP | SAT | FAIL)] write_operation=(SET encoding_offset_value=(encoding offset:i value:i) | INCRBY encoding_offset_increment=(encoding offset:i increment:i))))]..."},
    {"bitfield_ro", "key:k [GET encoding_offset=(encoding offset:i)]..."},

    // ---- list
    {"lpush", "key:k element..."},
    {"rpush", "key:k element..."},
    {"lpushx", "key:k element..."},
    {"rpushx", "key:k element..."},
    {"lpop", "key:k [count:i]"},
    {"rpop", "key:k [count:i]"},
    {"lrange", "key:k start:i stop:i"},
    {"llen", "key:k"},
    {"lindex", "key:k index:i"},
    {"lset", "key:k index:i element"},
    {"lrem", "key:k count:i element"},
    {"ltrim", "key:k start:i stop:i"},
    {"linsert", "key:k where=(BEFORE | AFTER) pivot element"},
    {"lpos", "key:k element [RANK rank:i] [COUNT num-matches:i] [MAXLEN len:i]"},
    {"lmove", "source:k destination:k wherefrom=(LEFT | RIGHT) whereto=(LEFT | RIGHT)"},
    {"rpoplpush", "source:k destination:k"},
    {"blpop", "key:k... timeout:d"},
    {"brpop", "key:k... timeout:d"},
    {"blmove", "source:k destination:k wherefrom=(LEFT | RIGHT) whereto=(LEFT | RIGHT) timeout:d"},
    {"brpoplpush", "source:k destination:k timeout:d"},

    // ---- hash
    {"hset", "key:k field_value=(field value)..."},
    {"hsetnx", "key:k field value"},
    {"hget", "key:k field"},
    {"hmget", "key:k field..."},
    {"hmset", "key:k field_value=(field value)..."},
    {"hgetall", "key:k"},
    {"hdel", "key:k field..."},
    {"hexists", "key:k field"},
    {"hlen", "key:k"},
    {"hkeys", "key:k"},
    {"hvals", "key:k"},
    {"hstrlen", "key:k field"},
    {"hincrby", "key:k field increment:i"},
    {"hincrbyfloat", "key:k field increment:d"},
    {"hrandfield", "key:k options=[count:i [WITHVALUES]]"},
    {"hscan", "key:k cursor:i [MATCH pattern:p] [COUNT count:i]"},

    // ---- set
    {"sadd", "key:k member..."},
    {"srem", "key:k member..."},
    {"smembers", "key:k"},
    {"sismember", "key:k member"},
    {"smismember", "key:k member..."},
    {"scard", "key:k"},
    {"spop", "key:k [count:i]"},
    {"srandmember", "key:k [count:i]"},
    {"smove", "source:k destination:k member"},
    {"sinter", "key:k..."},
    {"sunion", "key:k..."},
    {"sdiff", "key:k..."},
    {"sinterstore", "destination:k key:k..."},
    {"sunionstore", "destination:k key:k..."},
    {"sdiffstore", "destination:k key:k..."},
    {"sintercard", "numkeys:i key:k... [LIMIT limit:i]"},
    {"sscan", "key:k cursor:i [MATCH pattern:p] [COUNT count:i]"},

    // ---- sorted set
    {"zadd", "key:k [condition=(NX | XX)] [comparison=(GT | LT)] [change=CH] [increment=INCR] score_member=(score:d member)..."},
    {"zincrby", "key:k increment:i member"},
    {"zrem", "key:k member..."},
    {"zscore", "key:k member"},
    {"zmscore", "key:k member..."},
    {"zcard", "key:k"},
    {"zcount", "key:k min:d max:d"},
    {"zlexcount", "key:k min max"},
    {"zrange", "key:k start stop [sortby=(BYSCORE | BYLEX)] [REV] [LIMIT offset_count=(offset:i count:i)] [WITHSCORES]"},
    {"zrangestore", "dst:k src:k min max [sortby=(BYSCORE | BYLEX)] [REV] [LIMIT offset_count=(offset:i count:i)]"},
    {"zrevrange", "key:k start:i stop:i [WITHSCORES]"},
    {"zrangebyscore", "key:k min:d max:d [WITHSCORES] [LIMIT offset_count=(offset:i count:i)]"},
    {"zrevrangebyscore", "key:k max:d min:d [WITHSCORES] [LIMIT offset_count=(offset:i count:i)]"},
    {"zrangebylex", "key:k min max [LIMIT offset_count=(offset:i count:i)]"},
    {"zrevrangebylex", "key:k max min [LIMIT offset_count=(offset:i count:i)]"},
    {"zrank", "key:k member"},
    {"zrevrank", "key:k member"},
    {"zpopmin", "key:k [count:i]"},
    {"zpopmax", "key:k [count:i]"},
    {"bzpopmin", "key:k... timeout:d"},
    {"bzpopmax", "key:k... timeout:d"},
    {"zremrangebyrank", "key:k start:i stop:i"},
    {"zremrangebyscore", "key:k min:d max:d"},
    {"zremrangebylex", "key:k min max"},
    {"zunionstore", "destination:k numkeys:i key:k... [WEIGHTS weight:i...] [AGGREGATE aggregate=(SUM | MIN | MAX)]"},
    {"zinterstore", "destination:k numkeys:i key:k... [WEIGHTS weight:i...] [AGGREGATE aggregate=(SUM | MIN | MAX)]"},
    {"zdiffstore", "destination:k numkeys:i key:k..."},
    {"zunion", "numkeys:i key:k... [WEIGHTS weight:i...] [AGGREGATE aggregate=(SUM | MIN | MAX)] [WITHSCORES]"},
    {"zinter", "numkeys:i key:k... [WEIGHTS weight:i...] [AGGREGATE aggregate=(SUM | MIN | MAX)] [WITHSCORES]"},
    {"zdiff", "numkeys:i key:k... [WITHSCORES]"},
    {"zrandmember", "key:k options=[count:i [WITHSCORES]]"},
    {"zscan", "key:k cursor:i [MATCH pattern:p] [COUNT count:i]"},

    // ---- stream
    {"xadd", "key:k [NOMKSTREAM] [trim=(strategy=(MAXLEN | MINID) [operator=(equal== | approximately=~)] threshold [LIMIT count:i])] id_or_auto=(auto_id=* | id) field_value=(field value)..."},
    {"xrange", "key:k start end [COUNT count:i]"},
    {"xrevrange", "key:k end start [COUNT count:i]"},
    {"xlen", "key:k"},
    {"xdel", "key:k id..."},
    {"xtrim", "key:k trim=(strategy=(MAXLEN | MINID) [operator=(equal== | approximately=~)] threshold [LIMIT count:i])"},
    {"xsetid", "key:k last-id [ENTRIESADDED entries_added:i] [MAXDELETEDID max_deleted_entry_id]"},
    {"xgroup", ""},
    {"xgroup|create", "key:k groupname id=(id | new_id=$) [MKSTREAM] [ENTRIESREAD entries_read:i]"},
    {"xgroup|createconsumer", "key:k groupname consumername"},
    {"xgroup|delconsumer", "key:k groupname consumername"},
    {"xgroup|destroy", "key:k groupname"},
    {"xgroup|help", ""},
    {"xgroup|setid", "key:k groupname id=(id | new_id=$) [ENTRIESREAD entries_read:i]"},
    {"xack", "key:k group id..."},
    {"xpending", "key:k group [filters=([IDLE min-idle-time:i] start end count:i [consumer])]"},
    {"xclaim", "key:k group consumer min-idle-time id... [IDLE ms:i] [TIME unix-time-milliseconds:t] [RETRYCOUNT count:i] [FORCE] [JUSTID] [LASTID id]"},
    {"xautoclaim", "key:k group consumer min-idle-time start [COUNT count:i] [JUSTID]"},
    {"xinfo", ""},
    {"xinfo|consumers", "key:k groupname"},
    {"xinfo|groups", "key:k"},
    {"xinfo|help", ""},
    {"xinfo|stream", "key:k [FULL full=([COUNT count:i])]"},
    {"xread", "[COUNT count:i] [BLOCK milliseconds:i] STREAMS streams=(key:k... id...)"},
    {"xreadgroup", "GROUP group_consumer=(group consumer) [COUNT count:i] [BLOCK milliseconds:i] [NOACK] STREAMS streams=(key:k... id...)"},

    // ---- pub/sub
    {"subscribe", "channel..."},
    {"unsubscribe", "[channel...]"},
    {"psubscribe", "pattern=(pattern:p)..."},
    {"punsubscribe", "[pattern:p...]"},
    {"publish", "channel message"},
    {"ssubscribe", "shardchannel..."},
    {"sunsubscribe", "[shardchannel...]"},
    {"spublish", "shardchannel message"},
    {"pubsub", ""},
    {"pubsub|channels", "[pattern:p]"},
    {"pubsub|help", ""},
    {"pubsub|numpat", ""},
    {"pubsub|numsub", "[channel...]"},
    {"pubsub|shardchannels", "[pattern:p]"},
    {"pubsub|shardnumsub", "[shardchannel...]"},

    // ---- transactions
    {"multi", ""},
    {"exec", ""},
    {"discard", ""},
    {"watch", "key:k..."},
    {"unwatch", ""},

    // ---- server
    {"dbsize", ""},
    {"flushdb", "[async=(ASYNC | SYNC)]"},
    {"flushall", "[async=(ASYNC | SYNC)]"},
    {"info", "[section...]"},
    {"command", ""},
    {"command|count", ""},
    {"command|docs", "[command-name...]"},
    {"command|getkeys", ""},
    {"command|getkeysandflags", ""},
    {"command|help", ""},
    {"command|info", "[command-name...]"},
    {"command|list", "[FILTERBY filterby=(MODULE module-name | ACLCAT category | PATTERN pattern:p)]"},
    {"config", ""},
    {"config|get", "parameter=(parameter)..."},
    {"config|help", ""},
    {"config|resetstat", ""},
    {"config|rewrite", ""},
    {"config|set", "parameter_value=(parameter value)..."},
    {"time", ""},
    {"slowlog", ""},
    {"slowlog|get", "[count:i]"},
    {"slowlog|help", ""},
    {"slowlog|len", ""},
    {"slowlog|reset", ""},
    {"latency", ""},
    {"latency|doctor", ""},
    {"latency|graph", "event"},
    {"latency|help", ""},
    {"latency|histogram", "[command...]"},
    {"latency|history", "event"},
    {"latency|latest", ""},
    {"latency|reset", "[event...]"},
    {"memory", ""},
    {"memory|doctor", ""},
    {"memory|help", ""},
    {"memory|malloc-stats", ""},
    {"memory|purge", ""},
    {"memory|stats", ""},
    {"memory|usage", "key:k [SAMPLES count:i]"},
    {"monitor", ""},
    {"shutdown", "[nosave_save=(NOSAVE | SAVE)] [NOW] [FORCE] [ABORT]"},
    {"debug", ""}, // Redis 7.0 documents no arguments for the container
    {"lolwut", "[VERSION version:i]"},
    {"acl", ""},
    {"acl|cat", "[categoryname]"},
    {"acl|deluser", "username..."},
    {"acl|dryrun", "username command [arg...]"},
    {"acl|genpass", "[bits:i]"},
    {"acl|getuser", "username"},
    {"acl|help", ""},
    {"acl|list", ""},
    {"acl|load", ""},
    {"acl|log", "[operation=(count:i | RESET)]"},
    {"acl|save", ""},
    {"acl|setuser", "username [rule...]"},
    {"acl|users", ""},
    {"acl|whoami", ""},

    // ---- persistence
    {"save", ""},
    // replication
    {"replicaof", "args=(host-port=(host port:i) | no-one=(NO ONE))"},
    {"slaveof", "args=(host-port=(host port:i) | no-one=(NO ONE))"},
    {"role", ""},
    {"sync", ""},
    {"psync", "replicationid offset:i"},
    {"replconf", ""},
    {"wait", "numreplicas:i timeout:i"},
    {"failover", "[TO target=(host port:i [FORCE])] [ABORT] [TIMEOUT milliseconds:i]"},
    {"bgsave", "[SCHEDULE]"},
    {"cluster", ""},
    {"cluster|addslots", "slot:i..."},
    {"cluster|addslotsrange", "start-slot_end-slot=(start-slot:i end-slot:i)..."},
    {"cluster|bumpepoch", ""},
    {"cluster|count-failure-reports", "node-id"},
    {"cluster|countkeysinslot", "slot:i"},
    {"cluster|delslots", "slot:i..."},
    {"cluster|delslotsrange", "start-slot_end-slot=(start-slot:i end-slot:i)..."},
    {"cluster|failover", "[options=(FORCE | TAKEOVER)]"},
    {"cluster|flushslots", ""},
    {"cluster|forget", "node-id"},
    {"cluster|getkeysinslot", "slot:i count:i"},
    {"cluster|help", ""},
    {"cluster|info", ""},
    {"cluster|keyslot", "key"},
    {"cluster|links", ""},
    {"cluster|meet", "ip port:i [cluster_bus_port:i]"},
    {"cluster|myid", ""},
    {"cluster|nodes", ""},
    {"cluster|replicas", "node-id"},
    {"cluster|replicate", "node-id"},
    {"cluster|reset", "[hard_soft=(HARD | SOFT)]"},
    {"cluster|saveconfig", ""},
    {"cluster|set-config-epoch", "config-epoch:i"},
    {"cluster|setslot", "slot:i subcommand=(IMPORTING node-id | MIGRATING node-id | NODE node-id | STABLE)"},
    {"cluster|shards", ""},
    {"cluster|slaves", "node-id"},
    {"cluster|slots", ""},
    {"asking", ""},
    {"readonly", ""},
    {"readwrite", ""},
    {"lastsave", ""},
    {"bgrewriteaof", ""},

    // ---- hyperloglog
    {"pfadd", "key:k [element...]"},
    {"pfcount", "key:k..."},
    {"pfmerge", "destkey:k sourcekey:k..."},
    {"pfdebug", "subcommand key:k"},
    {"pfselftest", ""},

    // ---- geo
    {"geoadd", "key:k [condition=(NX | XX)] [change=CH] longitude_latitude_member=(longitude:d latitude:d member)..."},
    {"geodist", "key:k member1 member2 [unit=(M | KM | FT | MI)]"},
    {"geohash", "key:k member..."},
    {"geopos", "key:k member..."},
    {"geosearch", "key:k from=(FROMMEMBER member | FROMLONLAT longitude_latitude=(longitude:d latitude:d)) by=(circle=(BYRADIUS radius:d unit=(M | KM | FT | MI)) | box=(BYBOX width:d height:d unit=(M | KM | FT | MI))) [order=(ASC | DESC)] [count=(COUNT count:i [ANY])] [WITHCOORD] [WITHDIST] [WITHHASH]"},
    {"geosearchstore", "destination:k source:k from=(FROMMEMBER member | FROMLONLAT longitude_latitude=(longitude:d latitude:d)) by=(circle=(BYRADIUS radius:d unit=(M | KM | FT | MI)) | box=(BYBOX width:d height:d unit=(M | KM | FT | MI))) [order=(ASC | DESC)] [count=(COUNT count:i [ANY])] [STOREDIST]"},
    {"georadius", "key:k longitude:d latitude:d radius:d unit=(M | KM | FT | MI) [WITHCOORD] [WITHDIST] [WITHHASH] [count=(COUNT count:i [ANY])] [order=(ASC | DESC)] [STORE key:k] [STOREDIST key:k]"},
    {"georadius_ro", "key:k longitude:d latitude:d radius:d unit=(M | KM | FT | MI) [WITHCOORD] [WITHDIST] [WITHHASH] [count=(COUNT count:i [ANY])] [order=(ASC | DESC)]"},
    {"georadiusbymember", "key:k member radius:d unit=(M | KM | FT | MI) [WITHCOORD] [WITHDIST] [WITHHASH] [count=(COUNT count:i [ANY])] [order=(ASC | DESC)] [STORE key:k] [STOREDIST key:k]"},
    {"georadiusbymember_ro", "key:k member radius:d unit=(M | KM | FT | MI) [WITHCOORD] [WITHDIST] [WITHHASH] [count=(COUNT count:i [ANY])] [order=(ASC | DESC)]"},

    // ---- issue 21: multi-key pops, ZINTERCARD, LCS
    {"lmpop", "numkeys:i key:k... where=(LEFT | RIGHT) [COUNT count:i]"},
    {"blmpop", "timeout:d numkeys:i key:k... where=(LEFT | RIGHT) [COUNT count:i]"},
    {"zmpop", "numkeys:i key:k... where=(MIN | MAX) [COUNT count:i]"},
    {"bzmpop", "timeout:d numkeys:i key:k... where=(MIN | MAX) [COUNT count:i]"},
    {"zintercard", "numkeys:i key:k... [LIMIT limit:i]"},
    {"lcs", "key1:k key2:k [LEN] [IDX] [MINMATCHLEN len:i] [WITHMATCHLEN]"},
    // ---- scripting
    {"eval", "script numkeys:i [key:k...] [arg...]"},
    {"evalsha", "sha1 numkeys:i [key:k...] [arg...]"},
    {"eval_ro", "script numkeys:i [key:k...] [arg...]"},
    {"evalsha_ro", "sha1 numkeys:i [key:k...] [arg...]"},
    {"fcall", "function numkeys:i [key:k...] [arg...]"},
    {"fcall_ro", "function numkeys:i [key:k...] [arg...]"},
    {"script", ""},
    {"script|debug", "mode=(YES | SYNC | NO)"},
    {"script|exists", "sha1..."},
    {"script|flush", "[async=(ASYNC | SYNC)]"},
    {"script|help", ""},
    {"script|kill", ""},
    {"script|load", "script"},
    {"function", ""},
    {"function|delete", "library-name"},
    {"function|dump", ""},
    {"function|flush", "[async=(ASYNC | SYNC)]"},
    {"function|help", ""},
    {"function|kill", ""},
    {"function|list", "[LIBRARYNAME library-name-pattern] [WITHCODE]"},
    {"function|load", "[REPLACE] function-code"},
    {"function|restore", "serialized-value [policy=(FLUSH | APPEND | REPLACE)]"},
    {"function|stats", ""},
};
// clang-format on

// ---- the synopsis parser

struct Lexeme
{
    enum Kind { Word, Label, Open, Close, Bar, Ellipsis, End } kind;
    std::string text; // Word, Label (without '='); Open/Close: the bracket character
};

std::vector<Lexeme> lex(std::string_view line)
{
    std::vector<Lexeme> out;
    size_t i = 0;
    while (i < line.size()) {
        const char c = line[i];
        if (c == ' ') {
            ++i;
        } else if (c == '[' || c == '(') {
            out.push_back({Lexeme::Open, std::string(1, c)});
            ++i;
        } else if (c == ']' || c == ')') {
            out.push_back({Lexeme::Close, std::string(1, c)});
            ++i;
        } else if (c == '|') {
            out.push_back({Lexeme::Bar, {}});
            ++i;
        } else if (line.substr(i, 3) == "...") {
            out.push_back({Lexeme::Ellipsis, {}});
            i += 3;
        } else {
            size_t end = i;
            while (end < line.size() &&
                   std::string_view(" []()|").find(line[end]) == std::string_view::npos &&
                   line.substr(end, 3) != "...")
                ++end;
            std::string word(line.substr(i, end - i));
            // "name=" labels a group; a lone "=" is XADD's token, "equal==" a named one.
            if (word.size() > 1 && word.find('=') == word.size() - 1) {
                word.pop_back();
                out.push_back({Lexeme::Label, word});
            } else {
                out.push_back({Lexeme::Word, word});
            }
            i = end;
        }
    }
    out.push_back({Lexeme::End, {}});
    return out;
}

// An upper-case word, or a symbol standing alone (XADD's "*", "=" and "~", XGROUP's "$").
bool isToken(const std::string &word)
{
    bool letter = false, symbols = !word.empty();
    for (char c : word) {
        if (std::islower(static_cast<unsigned char>(c))) return false;
        letter = letter || std::isupper(static_cast<unsigned char>(c));
        symbols = symbols && std::ispunct(static_cast<unsigned char>(c));
    }
    return letter || symbols;
}

// "equal==", "auto_id=*", "empty_string=\"\"": a pure token under a name of its own.
bool isNamedToken(const std::string &word)
{
    const size_t equals = word.find('=');
    return equals != std::string::npos && equals > 0 && equals + 1 < word.size();
}

ArgumentDoc namedToken(const std::string &word)
{
    const size_t equals = word.find('=');
    ArgumentDoc doc;
    doc.name = word.substr(0, equals);
    doc.type = "pure-token";
    doc.token = word.substr(equals + 1);
    if (doc.token == "\"\"") doc.token.clear();
    return doc;
}

ArgumentDoc valueArgument(const std::string &word)
{
    ArgumentDoc doc;
    doc.name = word;
    doc.type = "string";
    const size_t colon = word.rfind(':');
    if (colon == std::string::npos || colon + 2 != word.size()) return doc;
    static const std::unordered_map<char, const char *> types = {
        {'k', "key"}, {'i', "integer"}, {'d', "double"}, {'p', "pattern"}, {'t', "unix-time"}};
    auto it = types.find(word.back());
    if (it == types.end()) return doc;
    doc.name = word.substr(0, colon);
    doc.type = it->second;
    return doc;
}

class Parser
{
public:
    explicit Parser(std::string_view line)
        : m_lexemes(lex(line))
    {
    }

    std::vector<ArgumentDoc> parseAll()
    {
        std::vector<std::vector<ArgumentDoc>> alternatives = parseAlternatives();
        if (alternatives.size() != 1 || peek().kind != Lexeme::End)
            throw std::runtime_error("unbalanced synopsis");
        return std::move(alternatives.front());
    }

private:
    const Lexeme &peek(size_t ahead = 0) const
    {
        return m_lexemes[std::min(m_pos + ahead, m_lexemes.size() - 1)];
    }
    const Lexeme &take() { return m_lexemes[std::min(m_pos++, m_lexemes.size() - 1)]; }

    // Items up to a closing bracket or the end, split at '|'.
    std::vector<std::vector<ArgumentDoc>> parseAlternatives()
    {
        std::vector<std::vector<ArgumentDoc>> alternatives(1);
        while (peek().kind != Lexeme::Close && peek().kind != Lexeme::End) {
            if (peek().kind == Lexeme::Bar) {
                take();
                alternatives.emplace_back();
                continue;
            }
            alternatives.back().push_back(parseItem());
        }
        return alternatives;
    }

    ArgumentDoc parseItem()
    {
        ArgumentDoc item;
        const Lexeme &first = peek();
        if (first.kind == Lexeme::Word && isNamedToken(first.text)) {
            item = namedToken(take().text);
        } else if (first.kind == Lexeme::Word && isToken(first.text)) {
            const std::string token = take().text;
            if (peek().kind == Lexeme::Word && !isToken(peek().text)) {
                item = valueArgument(take().text);
            } else if (peek().kind == Lexeme::Label ||
                       (peek().kind == Lexeme::Open && peek().text == "(")) {
                item = parseGroup(token);
            } else {
                item.name = toLower(token);
                item.type = "pure-token";
            }
            item.token = token;
        } else if (first.kind == Lexeme::Word) {
            item = valueArgument(take().text);
        } else if (first.kind == Lexeme::Label || first.kind == Lexeme::Open) {
            item = parseGroup({});
        } else {
            throw std::runtime_error("unexpected lexeme in synopsis");
        }
        if (peek().kind == Lexeme::Ellipsis) {
            take();
            item.multiple = true;
        }
        return item;
    }

    // [ ... ] or ( ... ), optionally labelled: a oneof when it has '|', a block when it has
    // several items, and the item itself (marked optional) for "[x]" or "[TOKEN x]".
    ArgumentDoc parseGroup(const std::string &token)
    {
        std::string label;
        if (peek().kind == Lexeme::Label) label = take().text;
        const Lexeme open = take();
        if (open.kind != Lexeme::Open) throw std::runtime_error("label without a group");
        std::vector<std::vector<ArgumentDoc>> alternatives = parseAlternatives();
        const Lexeme close = take();
        if (close.kind != Lexeme::Close || (open.text == "[") != (close.text == "]"))
            throw std::runtime_error("mismatched brackets in synopsis");
        const bool optional = open.text == "[";

        ArgumentDoc group;
        if (alternatives.size() > 1) {
            group.type = "oneof";
            for (std::vector<ArgumentDoc> &alternative : alternatives) {
                if (alternative.size() == 1) {
                    group.arguments.push_back(std::move(alternative.front()));
                } else {
                    ArgumentDoc block;
                    block.type = "block";
                    block.name = derivedName(alternative);
                    block.arguments = std::move(alternative);
                    group.arguments.push_back(std::move(block));
                }
            }
        } else if (alternatives.front().size() == 1 && label.empty() && token.empty()) {
            group = std::move(alternatives.front().front());
            if (optional && peek().kind == Lexeme::Ellipsis && !group.token.empty())
                group.multipleToken = true;
            group.optional = group.optional || optional;
            return group;
        } else {
            group.type = "block";
            group.arguments = std::move(alternatives.front());
        }
        group.name = label.empty() ? derivedName(group.arguments) : label;
        group.optional = optional;
        return group;
    }

    static std::string derivedName(const std::vector<ArgumentDoc> &items)
    {
        std::string name;
        for (const ArgumentDoc &item : items) {
            if (!name.empty()) name += '-';
            name += item.name;
        }
        return name;
    }

    std::vector<Lexeme> m_lexemes;
    size_t m_pos = 0;
};

// Ties each key argument of `name` to the key spec that finds it, as Redis's docs do, from
// where each spec starts (key_specs.h): a key under a token that a keyword spec searches
// for (STORE, KEYS, STREAMS) takes that spec; any other key the first index spec not taken
// yet, else the first unknown one not taken (SORT's STORE), else the index spec taken last
// (LCS's two keys, one range). A key pattern (SORT's BY and GET) takes the first unknown
// spec: the keys it names come from the values sorted. O(arguments x specs), once.
class KeySpecAssigner
{
public:
    explicit KeySpecAssigner(std::string_view name)
        : m_starts(keySpecStarts(name))
        , m_taken(m_starts.size(), false)
    {
    }

    void assign(std::vector<ArgumentDoc> &arguments)
    {
        for (ArgumentDoc &doc : arguments) {
            if (!doc.token.empty()) m_tokens.push_back(doc.token);
            if (doc.type == "key")
                doc.keySpecIndex = forKey();
            else if (doc.type == "pattern")
                doc.keySpecIndex = take(first(KeySpecStart::Unknown, false));
            assign(doc.arguments);
            if (!doc.token.empty()) m_tokens.pop_back();
        }
    }

private:
    int forKey()
    {
        for (size_t i = 0; i < m_starts.size(); ++i)
            if (m_starts[i].kind == KeySpecStart::Keyword &&
                std::find(m_tokens.begin(), m_tokens.end(), m_starts[i].keyword) != m_tokens.end())
                return take(static_cast<int>(i));
        int spec = first(KeySpecStart::Index, true);
        if (spec < 0) spec = first(KeySpecStart::Unknown, true);
        if (spec < 0) spec = m_lastIndexSpec;
        if (spec >= 0 && m_starts[static_cast<size_t>(spec)].kind == KeySpecStart::Index)
            m_lastIndexSpec = spec;
        return take(spec);
    }

    int first(KeySpecStart::Kind kind, bool untakenOnly) const
    {
        for (size_t i = 0; i < m_starts.size(); ++i)
            if (m_starts[i].kind == kind && !(untakenOnly && m_taken[i]))
                return static_cast<int>(i);
        return -1;
    }

    int take(int spec)
    {
        if (spec >= 0) m_taken[static_cast<size_t>(spec)] = true;
        return spec;
    }

    std::vector<KeySpecStart> m_starts;
    std::vector<bool> m_taken;
    std::vector<std::string_view> m_tokens; // of the argument and the groups around it
    int m_lastIndexSpec = -1;
};

struct Parsed
{
    std::string_view synopsis;
    std::vector<ArgumentDoc> arguments;
};

const std::unordered_map<std::string, Parsed> &parsedDocs()
{
    static const std::unordered_map<std::string, Parsed> docs = [] {
        std::unordered_map<std::string, Parsed> result;
        for (const Synopsis &row : kSynopses) {
            std::vector<ArgumentDoc> arguments;
            try {
                arguments = Parser(row.line).parseAll();
            } catch (const std::exception &) {
                arguments.clear(); // a bad row documents nothing; the test names it
                result.emplace(row.name, Parsed{"<malformed>", {}});
                continue;
            }
            KeySpecAssigner(row.name).assign(arguments);
            result.emplace(row.name, Parsed{row.line, std::move(arguments)});
        }
        return result;
    }();
    return docs;
}

void writeArgument(ReplyWriter &reply, const ArgumentDoc &doc)
{
    std::vector<std::string_view> flags;
    if (doc.optional) flags.push_back("optional");
    if (doc.multiple) flags.push_back("multiple");
    if (doc.multipleToken) flags.push_back("multiple_token");
    // A pure token always has one, even "" (MIGRATE's empty key name).
    const bool hasToken = !doc.token.empty() || doc.type == "pure-token";
    const size_t pairs =
        2 + (doc.keySpecIndex >= 0) + hasToken + !flags.empty() + !doc.arguments.empty();
    reply.mapHeader(pairs);
    reply.bulk("name");
    reply.bulk(doc.name);
    reply.bulk("type");
    reply.bulk(doc.type);
    if (doc.keySpecIndex >= 0) {
        reply.bulk("key_spec_index");
        reply.integer(doc.keySpecIndex);
    }
    if (hasToken) {
        reply.bulk("token");
        reply.bulk(doc.token);
    }
    if (!flags.empty()) {
        reply.bulk("flags");
        reply.setHeader(flags.size());
        for (std::string_view flag : flags)
            reply.status(flag);
    }
    if (!doc.arguments.empty()) {
        reply.bulk("arguments");
        CommandDocs::writeArguments(reply, doc.arguments);
    }
}

} // namespace

namespace CommandDocs {

const std::vector<ArgumentDoc> *arguments(std::string_view fullName)
{
    auto it = parsedDocs().find(toLower(fullName));
    return it == parsedDocs().end() ? nullptr : &it->second.arguments;
}

std::string_view synopsis(std::string_view fullName)
{
    auto it = parsedDocs().find(toLower(fullName));
    return it == parsedDocs().end() ? std::string_view() : it->second.synopsis;
}

std::vector<std::string_view> documentedNames()
{
    std::vector<std::string_view> names;
    for (const Synopsis &row : kSynopses)
        names.push_back(row.name);
    return names;
}

void writeArguments(ReplyWriter &reply, const std::vector<ArgumentDoc> &arguments)
{
    reply.arrayHeader(arguments.size());
    for (const ArgumentDoc &doc : arguments)
        writeArgument(reply, doc);
}

} // namespace CommandDocs

} // namespace redscope::engine
