// What a command handler gets: the server, the calling client, the arguments and the reply
// writer, plus guard helpers in the style of Redis's lookupKeyReadOrReply: each helper sends
// the error itself and returns false/nullptr, so a handler reads top to bottom:
//
//     int64_t count;
//     if (!ctx.int64Arg(2, &count)) return;
//     Value *list = ctx.lookupRead(ctx.arg(1), ValueType::List);
//     if (ctx.replied()) return; // wrong type was already answered
//
// No exceptions cross this boundary.
#pragma once

#include "commands/command_table.h"
#include "protocol/reply_writer.h"
#include "storage/value.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

class Server;
class Database;
struct Client;

namespace errors {
inline constexpr std::string_view kWrongType =
    "WRONGTYPE Operation against a key holding the wrong kind of value";
inline constexpr std::string_view kNotInteger = "ERR value is not an integer or out of range";
inline constexpr std::string_view kNotFloat = "ERR value is not a valid float";
inline constexpr std::string_view kSyntax = "ERR syntax error";
inline constexpr std::string_view kNoSuchKey = "ERR no such key";
inline constexpr std::string_view kIndexOutOfRange = "ERR index out of range";
inline constexpr std::string_view kOverflow = "ERR increment or decrement would overflow";
inline constexpr std::string_view kDbIndexOutOfRange = "ERR DB index is out of range";
inline constexpr std::string_view kNotPositive = "ERR value is out of range, must be positive";
inline constexpr std::string_view kMinMaxNotFloat = "ERR min or max is not a float";
inline constexpr std::string_view kMinMaxNotLex = "ERR min or max not valid string range item";
inline constexpr std::string_view kTimeoutNotFloat = "ERR timeout is not a float or out of range";
inline constexpr std::string_view kTimeoutNegative = "ERR timeout is negative";
} // namespace errors

// Keyspace-event classes for notify-keyspace-events (the letters in Redis's config).
enum NotifyClass : int {
    NotifyKeyspace = 1 << 0,   // K
    NotifyKeyevent = 1 << 1,   // E
    NotifyGeneric = 1 << 2,    // g
    NotifyString = 1 << 3,     // $
    NotifyList = 1 << 4,       // l
    NotifySet = 1 << 5,        // s
    NotifyHash = 1 << 6,       // h
    NotifyZSet = 1 << 7,       // z
    NotifyExpired = 1 << 8,    // x
    NotifyEvicted = 1 << 9,    // e
    NotifyStream = 1 << 10,    // t
    NotifyKeyMiss = 1 << 11,   // m
    NotifyNew = 1 << 12,       // n
};

struct CommandContext
{
    Server &server;
    Client &client;
    const CommandSpec &spec;
    std::span<const std::string_view> argv;
    ReplyWriter &reply;
    int64_t nowMs; // wall clock in ms, fixed for the whole command (and a whole EXEC)

    size_t argc() const { return argv.size(); }
    std::string_view arg(size_t i) const { return argv[i]; }
    Database &db();

    // Guard helpers: on failure they reply with Redis's error and return false.
    bool int64Arg(size_t i, int64_t *out);
    bool doubleArg(size_t i, double *out);
    bool positiveInt64Arg(size_t i, int64_t *out); // > 0 or "must be positive"

    // Lookups with lazy expiry and keyspace hit/miss stats. With a wanted type, a key of
    // another type gets WRONGTYPE and nullptr; check wrongType() to tell it from "absent".
    Value *lookupRead(std::string_view key);
    Value *lookupRead(std::string_view key, ValueType wanted);
    // Same stats and keymiss event, but the key's LRU/LFU data is left alone (Redis's
    // LOOKUP_NOTOUCH): EXISTS, TYPE, TTL and friends do not make a key look used.
    Value *lookupReadNoTouch(std::string_view key);
    Value *lookupWrite(std::string_view key);
    Value *lookupWrite(std::string_view key, ValueType wanted);
    bool wrongType() const { return m_wrongType; }

    // After a write: WATCH invalidation, dirty counter for persistence, blocked clients.
    void keyModified(std::string_view key);
    // Deletes the key if it became an empty collection, notifying "del" like Redis.
    void deleteIfEmpty(std::string_view key, Value *value);
    // A *STORE command with an empty result: the destination is deleted (if it existed),
    // notifying "del", and the reply is 0, as in Redis.
    void storeEmptyResult(std::string_view destination);
    void notify(int eventClass, std::string_view event, std::string_view key);
    // Marks that the dataset changed by `changes` (for save points and INFO).
    void addDirty(uint64_t changes = 1);
    // Replaces what AOF/replication receives for this call (e.g. EXPIRE -> PEXPIREAT).
    void propagateAs(std::vector<std::string> argv);
    // Hides argument i (a password) from SLOWLOG, which then shows "(redacted)", as Redis 7.0
    // redacts CONFIG SET requirepass/masterauth values.
    void redactArgument(size_t i) { m_redactedArgs.push_back(i); }

    void error(std::string_view text) { reply.error(text); }
    void syntaxError() { reply.error(errors::kSyntax); }

    bool m_wrongType = false;
    bool m_propagationRewritten = false;
    std::vector<std::vector<std::string>> m_propagate;
    std::vector<size_t> m_redactedArgs;
};

// Parses a SCAN-family cursor (unsigned 64-bit decimal); replies "ERR invalid cursor".
bool parseScanCursor(CommandContext &ctx, size_t index, uint64_t *cursor);

// A blocking command's timeout (BLPOP, BZPOPMIN, ...): fractional seconds -> absolute deadline
// in ms, 0 to wait forever; replies Redis's "not a float" or "timeout is negative" errors.
bool blockingTimeoutArg(CommandContext &ctx, size_t index, int64_t *deadlineMs);

} // namespace redscope::engine
