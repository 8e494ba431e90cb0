// String commands (Redis's t_string.c). SET carries the option grammar of Redis 7 (EX PX
// EXAT PXAT NX XX KEEPTTL GET); relative expiries are propagated as absolute PXAT so an AOF
// replayed later keeps the original deadline. The same rule covers SETEX/PSETEX (sent as SET
// ... PXAT), GETEX (sent as PEXPIREAT, PERSIST or DEL) and INCRBYFLOAT (sent as SET ...
// KEEPTTL with the computed value, so replay does not depend on float rounding). LCS (issue
// 21) is at the end.
//
// Values are plain std::string: counters are parsed and re-printed on every INCR, which costs
// a few ns and keeps one representation (OBJECT ENCODING still says "int" by content).
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace redscope::engine {

void cmdGet(CommandContext &ctx)
{
    Value *value = ctx.lookupRead(ctx.arg(1), ValueType::String);
    if (ctx.wrongType()) return;
    if (!value)
        ctx.reply.nullBulk();
    else
        ctx.reply.bulk(value->string());
}

void cmdSet(CommandContext &ctx)
{
    enum { None = 0, NX = 1, XX = 2, KeepTtl = 4, Get = 8, EX = 16, PX = 32, EXAT = 64, PXAT = 128 };
    int flags = None;
    int64_t expireAmount = 0;
    size_t expireArg = 0;
    for (size_t i = 3; i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        bool hasNext = i + 1 < ctx.argc();
        const int expireMask = KeepTtl | EX | PX | EXAT | PXAT;
        if (equalsIgnoreCase(option, "NX") && !(flags & XX)) flags |= NX;
        else if (equalsIgnoreCase(option, "XX") && !(flags & NX)) flags |= XX;
        else if (equalsIgnoreCase(option, "GET")) flags |= Get;
        else if (equalsIgnoreCase(option, "KEEPTTL") && !(flags & expireMask & ~KeepTtl)) flags |= KeepTtl;
        else if (hasNext && (equalsIgnoreCase(option, "EX") || equalsIgnoreCase(option, "PX") ||
                             equalsIgnoreCase(option, "EXAT") || equalsIgnoreCase(option, "PXAT"))) {
            int which = equalsIgnoreCase(option, "EX")     ? EX
                        : equalsIgnoreCase(option, "PX")   ? PX
                        : equalsIgnoreCase(option, "EXAT") ? EXAT
                                                           : PXAT;
            // Like Redis, the same option may repeat (the last one wins); mixing is an error.
            if (flags & expireMask & ~which) return ctx.syntaxError();
            flags |= which;
            expireArg = ++i;
        } else {
            return ctx.syntaxError();
        }
    }
    int64_t whenMs = -1;
    if (expireArg) {
        if (!ctx.int64Arg(expireArg, &expireAmount)) return;
        const std::string invalid = "ERR invalid expire time in 'set' command";
        if (expireAmount <= 0) return ctx.error(invalid);
        bool seconds = flags & (EX | EXAT);
        if (seconds && expireAmount > INT64_MAX / 1000) return ctx.error(invalid);
        int64_t ms = seconds ? expireAmount * 1000 : expireAmount;
        if (flags & (EX | PX)) {
            if (ms > INT64_MAX - ctx.nowMs) return ctx.error(invalid);
            ms += ctx.nowMs;
        }
        whenMs = ms;
    }

    std::string_view key = ctx.arg(1);
    Value *existing = ctx.lookupWrite(key);
    if (flags & Get) {
        if (existing && existing->type() != ValueType::String) return ctx.error(errors::kWrongType);
        if (existing)
            ctx.reply.bulk(existing->string());
        else
            ctx.reply.nullBulk();
    }
    if ((flags & NX && existing) || (flags & XX && !existing)) {
        if (!(flags & Get)) ctx.reply.nullBulk();
        return;
    }
    ctx.db().set(key, Value(std::string(ctx.arg(2))), flags & KeepTtl);
    if (whenMs != -1) ctx.db().setExpireAt(key, whenMs);
    ctx.keyModified(key);
    ctx.notify(NotifyString, "set", key);
    if (whenMs != -1) ctx.notify(NotifyGeneric, "expire", key);
    ctx.addDirty();
    if (flags & (EX | PX | EXAT)) {
        std::vector<std::string> rewritten{"SET", std::string(key), std::string(ctx.arg(2)), "PXAT",
                                           formatInt64(whenMs)};
        if (flags & KeepTtl) rewritten.push_back("KEEPTTL");
        ctx.propagateAs(std::move(rewritten));
    }
    if (!(flags & Get)) ctx.reply.ok();
}

namespace {

// Looks up a string for reading; replies null when absent, WRONGTYPE when not a string.
Value *stringOrNull(CommandContext &ctx, std::string_view key)
{
    Value *value = ctx.lookupRead(key, ValueType::String);
    if (!value && !ctx.wrongType()) ctx.reply.nullBulk();
    return value;
}

// Redis refuses to grow a string past proto-max-bulk-len; replies the error.
bool checkStringLength(CommandContext &ctx, uint64_t total)
{
    if (total <= static_cast<uint64_t>(ctx.server.config().protoMaxBulkLen)) return true;
    ctx.error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    return false;
}

// Stores a plain string value and sends the write's side effects.
void storeString(CommandContext &ctx, std::string_view key, std::string text, bool keepTtl,
                 const char *event = "set")
{
    ctx.db().set(key, Value(std::move(text)), keepTtl);
    ctx.keyModified(key);
    ctx.notify(NotifyString, event, key);
    ctx.addDirty();
}

// Parses an expire argument in `unitMs` units into an absolute ms deadline the way SET,
// SETEX and GETEX do: positive, no overflow, relative ones added to now.
bool expireDeadlineArg(CommandContext &ctx, size_t index, int64_t unitMs, bool relative,
                       int64_t *whenMs)
{
    int64_t amount;
    if (!ctx.int64Arg(index, &amount)) return false;
    const std::string invalid =
        "ERR invalid expire time in '" + std::string(ctx.spec.name) + "' command";
    if (amount <= 0 || amount > INT64_MAX / unitMs) {
        ctx.error(invalid);
        return false;
    }
    int64_t ms = amount * unitMs;
    if (relative) {
        if (ms > INT64_MAX - ctx.nowMs) {
            ctx.error(invalid);
            return false;
        }
        ms += ctx.nowMs;
    }
    *whenMs = ms;
    return true;
}

// SETEX/PSETEX key amount value.
void setWithExpire(CommandContext &ctx, int64_t unitMs)
{
    int64_t whenMs;
    if (!expireDeadlineArg(ctx, 2, unitMs, true, &whenMs)) return;
    std::string_view key = ctx.arg(1);
    storeString(ctx, key, std::string(ctx.arg(3)), false);
    ctx.db().setExpireAt(key, whenMs);
    ctx.notify(NotifyGeneric, "expire", key);
    ctx.propagateAs(
        {"SET", std::string(key), std::string(ctx.arg(3)), "PXAT", formatInt64(whenMs)});
    ctx.reply.ok();
}

void incrDecr(CommandContext &ctx, int64_t delta)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::String);
    if (ctx.wrongType()) return;
    int64_t current = 0;
    if (value && !parseInt64(value->string(), &current)) return ctx.error(errors::kNotInteger);
    if ((delta < 0 && current < INT64_MIN - delta) || (delta > 0 && current > INT64_MAX - delta))
        return ctx.error(errors::kOverflow);
    current += delta;
    if (value) {
        value->replaceString(formatInt64(current));
        ctx.keyModified(key);
        ctx.notify(NotifyString, "incrby", key);
        ctx.addDirty();
    } else {
        storeString(ctx, key, formatInt64(current), false, "incrby");
    }
    ctx.reply.integer(current);
}

// strtold with Redis's rules for INCRBYFLOAT: whole text, no leading space, no NaN, no
// overflow to infinity (the literal "inf" is accepted).
bool parseLongDouble(std::string_view text, long double *out)
{
    if (text.empty() || text.size() > 5 * 1024) return false;
    if (std::isspace(static_cast<unsigned char>(text[0]))) return false;
    std::string buffer(text);
    char *end = nullptr;
    errno = 0;
    long double value = std::strtold(buffer.c_str(), &end);
    if (end != buffer.c_str() + buffer.size() || std::isnan(value)) return false;
    if (errno == ERANGE && (std::isinf(value) || value == 0)) return false;
    *out = value;
    return true;
}

} // namespace

void cmdMget(CommandContext &ctx)
{
    ctx.reply.arrayHeader(ctx.argc() - 1);
    for (size_t i = 1; i < ctx.argc(); ++i) {
        Value *value = ctx.lookupRead(ctx.arg(i));
        if (value && value->type() == ValueType::String)
            ctx.reply.bulk(value->string());
        else
            ctx.reply.nullBulk();
    }
}

static bool checkPairs(CommandContext &ctx)
{
    if (ctx.argc() % 2 == 1) return true;
    ctx.error("ERR wrong number of arguments for '" + std::string(ctx.spec.name) + "' command");
    return false;
}

void cmdMset(CommandContext &ctx)
{
    if (!checkPairs(ctx)) return;
    for (size_t i = 1; i < ctx.argc(); i += 2)
        storeString(ctx, ctx.arg(i), std::string(ctx.arg(i + 1)), false);
    ctx.reply.ok();
}

void cmdMsetnx(CommandContext &ctx)
{
    if (!checkPairs(ctx)) return;
    for (size_t i = 1; i < ctx.argc(); i += 2)
        if (ctx.lookupWrite(ctx.arg(i))) return ctx.reply.integer(0);
    for (size_t i = 1; i < ctx.argc(); i += 2)
        storeString(ctx, ctx.arg(i), std::string(ctx.arg(i + 1)), false);
    ctx.reply.integer(1);
}

void cmdSetnx(CommandContext &ctx)
{
    if (ctx.lookupWrite(ctx.arg(1))) return ctx.reply.integer(0);
    storeString(ctx, ctx.arg(1), std::string(ctx.arg(2)), false);
    ctx.reply.integer(1);
}

void cmdSetex(CommandContext &ctx)
{
    setWithExpire(ctx, 1000);
}
void cmdPsetex(CommandContext &ctx)
{
    setWithExpire(ctx, 1);
}

void cmdGetset(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::String);
    if (ctx.wrongType()) return;
    if (value)
        ctx.reply.bulk(value->string());
    else
        ctx.reply.nullBulk();
    storeString(ctx, key, std::string(ctx.arg(2)), false);
    ctx.propagateAs({"SET", std::string(key), std::string(ctx.arg(2))});
}

void cmdGetdel(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    Value *value = stringOrNull(ctx, key);
    if (!value) return;
    ctx.reply.bulk(value->string());
    ctx.db().remove(key);
    ctx.keyModified(key);
    ctx.notify(NotifyGeneric, "del", key);
    ctx.addDirty();
}

// GETEX key [EX seconds | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST].
void cmdGetex(CommandContext &ctx)
{
    enum Kind { None, EX, PX, EXAT, PXAT, Persist } kind = None;
    size_t valueIndex = 0;
    for (size_t i = 2; i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        bool hasNext = i + 1 < ctx.argc();
        Kind parsed = equalsIgnoreCase(option, "EX")        ? EX
                      : equalsIgnoreCase(option, "PX")      ? PX
                      : equalsIgnoreCase(option, "EXAT")    ? EXAT
                      : equalsIgnoreCase(option, "PXAT")    ? PXAT
                      : equalsIgnoreCase(option, "PERSIST") ? Persist
                                                            : None;
        // Like Redis, an option may repeat (the last value wins) but not mix with another.
        if (parsed == None || (kind != None && kind != parsed) || (parsed != Persist && !hasNext))
            return ctx.syntaxError();
        kind = parsed;
        if (parsed != Persist) valueIndex = ++i;
    }
    std::string_view key = ctx.arg(1);
    Value *value = stringOrNull(ctx, key);
    if (!value) return;
    int64_t whenMs = 0;
    if (kind != None && kind != Persist &&
        !expireDeadlineArg(ctx, valueIndex, kind == EX || kind == EXAT ? 1000 : 1, kind == EX || kind == PX,
                           &whenMs))
        return;
    ctx.reply.bulk(value->string());
    if (kind == Persist) {
        if (!ctx.db().clearExpire(key)) return;
        ctx.notify(NotifyGeneric, "persist", key);
        ctx.propagateAs({"PERSIST", std::string(key)});
    } else if (kind != None && whenMs <= ctx.nowMs) {
        ctx.db().remove(key);
        ctx.notify(NotifyGeneric, "del", key);
        ctx.propagateAs({"DEL", std::string(key)});
    } else if (kind != None) {
        ctx.db().setExpireAt(key, whenMs);
        ctx.notify(NotifyGeneric, "expire", key);
        ctx.propagateAs({"PEXPIREAT", std::string(key), formatInt64(whenMs)});
    } else {
        return;
    }
    ctx.keyModified(key);
    ctx.addDirty();
}

void cmdAppend(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::String);
    if (ctx.wrongType()) return;
    if (!value) {
        storeString(ctx, key, std::string(ctx.arg(2)), false, "append");
        return ctx.reply.integer(static_cast<int64_t>(ctx.arg(2).size()));
    }
    if (!checkStringLength(ctx, value->string().size() + ctx.arg(2).size())) return;
    std::string &text = value->editString();
    text.append(ctx.arg(2));
    ctx.keyModified(key);
    ctx.notify(NotifyString, "append", key);
    ctx.addDirty();
    ctx.reply.integer(static_cast<int64_t>(text.size()));
}

void cmdStrlen(CommandContext &ctx)
{
    Value *value = ctx.lookupRead(ctx.arg(1), ValueType::String);
    if (ctx.wrongType()) return;
    ctx.reply.integer(value ? static_cast<int64_t>(value->string().size()) : 0);
}

void cmdGetrange(CommandContext &ctx)
{
    int64_t start, end;
    if (!ctx.int64Arg(2, &start) || !ctx.int64Arg(3, &end)) return;
    Value *value = ctx.lookupRead(ctx.arg(1), ValueType::String);
    if (ctx.wrongType()) return;
    if (!value) return ctx.reply.bulk("");
    const std::string &text = value->string();
    int64_t length = static_cast<int64_t>(text.size());
    if (start < 0 && end < 0 && start > end) return ctx.reply.bulk("");
    if (start < 0) start = std::max<int64_t>(start + length, 0);
    if (end < 0) end = std::max<int64_t>(end + length, 0);
    if (end >= length) end = length - 1;
    if (start > end || length == 0) return ctx.reply.bulk("");
    ctx.reply.bulk(std::string_view(text).substr(static_cast<size_t>(start),
                                                 static_cast<size_t>(end - start + 1)));
}

void cmdSetrange(CommandContext &ctx)
{
    int64_t offset;
    if (!ctx.int64Arg(2, &offset)) return;
    if (offset < 0) return ctx.error("ERR offset is out of range");
    std::string_view key = ctx.arg(1);
    std::string_view patch = ctx.arg(3);
    Value *value = ctx.lookupWrite(key, ValueType::String);
    if (ctx.wrongType()) return;
    if (!value && patch.empty()) return ctx.reply.integer(0);
    if (value && patch.empty())
        return ctx.reply.integer(static_cast<int64_t>(value->string().size()));
    if (!checkStringLength(ctx, static_cast<uint64_t>(offset) + patch.size())) return;
    if (!value) value = &ctx.db().set(key, Value(std::string()));
    std::string &text = value->editString();
    size_t needed = static_cast<size_t>(offset) + patch.size();
    if (text.size() < needed) text.resize(needed, '\0');
    text.replace(static_cast<size_t>(offset), patch.size(), patch);
    ctx.keyModified(key);
    ctx.notify(NotifyString, "setrange", key);
    ctx.addDirty();
    ctx.reply.integer(static_cast<int64_t>(text.size()));
}

void cmdIncr(CommandContext &ctx)
{
    incrDecr(ctx, 1);
}
void cmdDecr(CommandContext &ctx)
{
    incrDecr(ctx, -1);
}

void cmdIncrby(CommandContext &ctx)
{
    int64_t delta;
    if (ctx.int64Arg(2, &delta)) incrDecr(ctx, delta);
}

void cmdDecrby(CommandContext &ctx)
{
    int64_t delta;
    if (!ctx.int64Arg(2, &delta)) return;
    if (delta == INT64_MIN) return ctx.error("ERR decrement would overflow");
    incrDecr(ctx, -delta);
}

void cmdIncrbyfloat(CommandContext &ctx)
{
    // Redis checks the key's type before it parses the increment (unlike INCRBY).
    long double increment, current = 0;
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::String);
    if (ctx.wrongType()) return;
    if (value && !parseLongDouble(value->string(), &current)) return ctx.error(errors::kNotFloat);
    if (!parseLongDouble(ctx.arg(2), &increment)) return ctx.error(errors::kNotFloat);
    long double result = current + increment;
    if (std::isnan(result) || std::isinf(result))
        return ctx.error("ERR increment would produce NaN or Infinity");
    std::string text = formatLongDouble(result);
    storeString(ctx, key, text, true, "incrbyfloat");
    ctx.propagateAs({"SET", std::string(key), text, "KEEPTTL"});
    ctx.reply.bulk(text);
}

// ---- LCS (issue 21)

// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]: the longest common subsequence
// by the textbook dynamic programme, O(N*M) time and a (N+1)*(M+1) table of 32-bit lengths,
// refused when the table would pass proto-max-bulk-len, as Redis refuses it. The table is
// walked back from the end, so the string is built backwards and IDX lists the matched
// ranges from the last to the first, Redis's order. Missing keys are empty strings.
void cmdLcs(CommandContext &ctx)
{
    Value *first = ctx.lookupRead(ctx.arg(1)), *second = ctx.lookupRead(ctx.arg(2));
    if ((first && first->type() != ValueType::String) ||
        (second && second->type() != ValueType::String))
        return ctx.error("ERR The specified keys must contain string values");
    const std::string a = first ? first->string() : std::string(),
                      b = second ? second->string() : std::string();
    bool wantLength = false, wantIndexes = false, withMatchLength = false;
    int64_t minMatchLength = 0;
    for (size_t i = 3; i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        if (equalsIgnoreCase(option, "IDX")) {
            wantIndexes = true;
        } else if (equalsIgnoreCase(option, "LEN")) {
            wantLength = true;
        } else if (equalsIgnoreCase(option, "WITHMATCHLEN")) {
            withMatchLength = true;
        } else if (equalsIgnoreCase(option, "MINMATCHLEN") && i + 1 < ctx.argc()) {
            if (!ctx.int64Arg(++i, &minMatchLength)) return;
            minMatchLength = std::max<int64_t>(minMatchLength, 0);
        } else {
            return ctx.syntaxError();
        }
    }
    if (wantIndexes && wantLength)
        return ctx.error("ERR If you want both the length and indexes, please just use IDX.");
    if (a.size() >= UINT32_MAX - 1 || b.size() >= UINT32_MAX - 1)
        return ctx.error("ERR String too long for LCS");
    const size_t alen = a.size(), blen = b.size();
    const unsigned long long cells = (alen + 1ULL) * (blen + 1ULL);
    if (cells * sizeof(uint32_t) >
        static_cast<unsigned long long>(ctx.server.config().protoMaxBulkLen))
        return ctx.error("ERR Insufficient memory, transient memory for LCS exceeds "
                         "proto-max-bulk-len");
    std::vector<uint32_t> table(cells, 0);
    auto at = [&](size_t i, size_t j) -> uint32_t & { return table[j + i * (blen + 1)]; };
    for (size_t i = 1; i <= alen; ++i)
        for (size_t j = 1; j <= blen; ++j)
            at(i, j) =
                a[i - 1] == b[j - 1] ? at(i - 1, j - 1) + 1 : std::max(at(i - 1, j), at(i, j - 1));
    const uint32_t length = at(alen, blen);
    if (wantLength) return ctx.reply.integer(length);

    // Walk back from (alen, blen), collecting the string and the contiguous matched ranges.
    struct Match
    {
        size_t aStart, aEnd, bStart, bEnd;
    };
    std::vector<Match> matches;
    std::string common(length, '\0');
    size_t i = alen, j = blen, remaining = length;
    bool open = false;
    Match current{};
    while (i > 0 && j > 0) {
        bool emit = false;
        if (a[i - 1] == b[j - 1]) {
            common[--remaining] = a[i - 1];
            if (!open) {
                current = {i - 1, i - 1, j - 1, j - 1};
                open = true;
            } else if (current.aStart == i && current.bStart == j) {
                --current.aStart;
                --current.bStart;
            } else {
                emit = true;
            }
            if (current.aStart == 0 || current.bStart == 0) emit = true;
            --i;
            --j;
        } else {
            if (at(i - 1, j) > at(i, j - 1))
                --i;
            else
                --j;
            emit = open;
        }
        if (emit) {
            const size_t matchLength = current.aEnd - current.aStart + 1;
            if (minMatchLength == 0 || matchLength >= static_cast<size_t>(minMatchLength))
                matches.push_back(current);
            open = false;
        }
    }
    if (!wantIndexes) return ctx.reply.bulk(common);
    // Redis 7.0 writes the matches with a deferred length, set once "len" is written too.
    ctx.reply.mapHeader(2);
    ctx.reply.bulk("matches");
    const size_t slot = ctx.reply.beginDeferredArray();
    for (const Match &match : matches) {
        ctx.reply.arrayHeader(withMatchLength ? 3 : 2);
        ctx.reply.arrayHeader(2);
        ctx.reply.integer(static_cast<int64_t>(match.aStart));
        ctx.reply.integer(static_cast<int64_t>(match.aEnd));
        ctx.reply.arrayHeader(2);
        ctx.reply.integer(static_cast<int64_t>(match.bStart));
        ctx.reply.integer(static_cast<int64_t>(match.bEnd));
        if (withMatchLength) ctx.reply.integer(static_cast<int64_t>(match.aEnd - match.aStart + 1));
    }
    ctx.reply.bulk("len");
    ctx.reply.integer(length);
    ctx.reply.endDeferredArray(slot, matches.size());
}

} // namespace redscope::engine
