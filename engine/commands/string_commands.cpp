// String commands. SET carries the option grammar of Redis 7 (EX PX EXAT PXAT NX XX KEEPTTL
// GET); relative expiries are propagated as absolute PXAT so an AOF replayed later keeps the
// original deadline.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "util/strings.h"

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
        else if (equalsIgnoreCase(option, "KEEPTTL") && !(flags & expireMask)) flags |= KeepTtl;
        else if (hasNext && !(flags & expireMask) &&
                 (equalsIgnoreCase(option, "EX") || equalsIgnoreCase(option, "PX") ||
                  equalsIgnoreCase(option, "EXAT") || equalsIgnoreCase(option, "PXAT"))) {
            flags |= equalsIgnoreCase(option, "EX")   ? EX
                     : equalsIgnoreCase(option, "PX") ? PX
                     : equalsIgnoreCase(option, "EXAT") ? EXAT
                                                        : PXAT;
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

} // namespace redscope::engine
