// HyperLogLog commands (Redis's hyperloglog.c command half): PFADD, PFCOUNT, PFMERGE,
// PFDEBUG and PFSELFTEST. A sketch is an ordinary string in Redis's format
// (storage/hyperloglog.h), so GET/SET/RDB carry it and redis-server reads ours.
//
// What this file keeps of Redis 7.0's behaviour: a string that is not a sketch by its header
// is "WRONGTYPE Key is not a valid HyperLogLog string value.", registers that do not add up
// are "INVALIDOBJ Corrupted HLL object detected"; any command that touches an existing sketch
// makes the string "raw" (it is edited in place), even PFDEBUG ENCODING; PFCOUNT of one key
// answers from the cached cardinality in the header when it is valid and otherwise stores the
// new count there, which is a write (dirty, WATCH) although PFCOUNT is a read-only command;
// PFCOUNT of several keys merges into a scratch register array and caches nothing; PFMERGE
// includes the destination's own registers and goes dense when any input is dense.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "storage/database.h"
#include "storage/hyperloglog.h"
#include "util/strings.h"

#include <vector>

namespace redscope::engine {

namespace {

constexpr std::string_view kNotHll = "WRONGTYPE Key is not a valid HyperLogLog string value.";
constexpr std::string_view kCorrupt = "INVALIDOBJ Corrupted HLL object detected";

size_t sparseMaxBytes(CommandContext &ctx)
{
    return static_cast<size_t>(ctx.server.config().hllSparseMaxBytes);
}

// The value as a sketch: nullptr after replying WRONGTYPE (another type, or a string that is
// not a sketch). `value` may be null (absent key): then nullptr without a reply.
Value *sketchOrReply(CommandContext &ctx, Value *value)
{
    if (!value) return nullptr;
    if (value->type() != ValueType::String) {
        ctx.error(errors::kWrongType);
        return nullptr;
    }
    if (!hll::looksValid(value->string())) {
        ctx.error(kNotHll);
        return nullptr;
    }
    return value;
}

void sketchWritten(CommandContext &ctx, std::string_view key, uint64_t dirty)
{
    ctx.keyModified(key);
    ctx.notify(NotifyString, "pfadd", key);
    ctx.addDirty(dirty);
}

} // namespace

void cmdPfadd(CommandContext &ctx)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key);
    uint64_t updated = 0;
    if (!value) {
        value = &ctx.db().set(key, Value(hll::newSketch()));
        updated = 1;
    } else if (!sketchOrReply(ctx, value)) {
        return;
    }
    std::string &sketch = value->editString();
    for (size_t i = 2; i < ctx.argc(); ++i) {
        int changed = hll::add(sketch, ctx.arg(i), sparseMaxBytes(ctx));
        if (changed < 0) return ctx.error(kCorrupt);
        updated += static_cast<uint64_t>(changed);
    }
    if (updated) {
        hll::invalidateCount(sketch);
        sketchWritten(ctx, key, updated);
    }
    ctx.reply.integer(updated ? 1 : 0);
}

void cmdPfcount(CommandContext &ctx)
{
    if (ctx.argc() > 2) {
        std::vector<uint8_t> max(hll::kRegisters, 0);
        for (size_t i = 1; i < ctx.argc(); ++i) {
            Value *value = ctx.lookupRead(ctx.arg(i));
            if (!value) continue;
            if (!sketchOrReply(ctx, value)) return;
            if (!hll::mergeInto(value->string(), max.data())) return ctx.error(kCorrupt);
        }
        return ctx.reply.integer(static_cast<int64_t>(hll::countRegisters(max.data())));
    }
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupRead(key);
    if (!value) return ctx.reply.integer(0);
    if (!sketchOrReply(ctx, value)) return;
    std::string &sketch = value->editString();
    if (std::optional<uint64_t> cached = hll::cachedCount(sketch))
        return ctx.reply.integer(static_cast<int64_t>(*cached));
    std::optional<uint64_t> counted = hll::count(sketch);
    if (!counted) return ctx.error(kCorrupt);
    hll::storeCount(sketch, *counted);
    ctx.keyModified(key);
    ctx.addDirty();
    ctx.reply.integer(static_cast<int64_t>(*counted));
}

void cmdPfmerge(CommandContext &ctx)
{
    std::vector<uint8_t> max(hll::kRegisters, 0);
    bool anyDense = false;
    for (size_t i = 1; i < ctx.argc(); ++i) {
        Value *value = ctx.lookupRead(ctx.arg(i));
        if (!value) continue;
        if (!sketchOrReply(ctx, value)) return;
        anyDense |= !hll::isSparse(value->string());
        if (!hll::mergeInto(value->string(), max.data())) return ctx.error(kCorrupt);
    }
    std::string_view destination = ctx.arg(1);
    Value *value = ctx.lookupWrite(destination);
    if (!value) value = &ctx.db().set(destination, Value(hll::newSketch()));
    std::string &sketch = value->editString();
    if (anyDense && !hll::toDense(sketch)) return ctx.error(kCorrupt);
    for (uint32_t i = 0; i < hll::kRegisters; ++i)
        if (max[i]) hll::raiseRegister(sketch, i, max[i], sparseMaxBytes(ctx));
    hll::invalidateCount(sketch);
    sketchWritten(ctx, destination, 1);
    ctx.reply.ok();
}

// PFDEBUG GETREG|DECODE|ENCODING|TODENSE key (arity 3 in the table, as in Redis 7.0).
void cmdPfdebug(CommandContext &ctx)
{
    std::string_view subcommand = ctx.arg(1), key = ctx.arg(2);
    Value *value = ctx.lookupWrite(key);
    if (!value) return ctx.error("ERR The specified key does not exist");
    if (!sketchOrReply(ctx, value)) return;
    std::string &sketch = value->editString();
    // An encoding change is not a keyspace change (no WATCH, no event), only a dirty write.
    auto convert = [&] {
        if (!hll::toDense(sketch)) return ctx.error(kCorrupt), false;
        ctx.db().account(key);
        ctx.addDirty();
        return true;
    };
    if (equalsIgnoreCase(subcommand, "GETREG")) {
        if (hll::isSparse(sketch) && !convert()) return;
        std::vector<uint8_t> registers(hll::kRegisters);
        hll::denseRegisters(sketch, registers.data());
        ctx.reply.arrayHeader(registers.size());
        for (uint8_t reg : registers)
            ctx.reply.integer(reg);
    } else if (equalsIgnoreCase(subcommand, "DECODE")) {
        if (!hll::isSparse(sketch)) return ctx.error("ERR HLL encoding is not sparse");
        ctx.reply.bulk(hll::describeSparse(sketch));
    } else if (equalsIgnoreCase(subcommand, "ENCODING")) {
        ctx.reply.status(hll::isSparse(sketch) ? "sparse" : "dense");
    } else if (equalsIgnoreCase(subcommand, "TODENSE")) {
        bool sparse = hll::isSparse(sketch);
        if (sparse && !convert()) return;
        ctx.reply.integer(sparse ? 1 : 0);
    } else {
        ctx.error("ERR Unknown PFDEBUG subcommand '" + std::string(subcommand) + "'");
    }
}

void cmdPfselftest(CommandContext &ctx)
{
    std::string failure = hll::selfTest();
    if (!failure.empty()) return ctx.error(failure);
    ctx.reply.ok();
}

} // namespace redscope::engine
