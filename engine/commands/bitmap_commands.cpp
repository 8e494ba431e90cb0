// Bitmap commands (Redis's bitops.c): SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and
// BITFIELD_RO. A bitmap is an ordinary string value, so these interoperate with GET, SET,
// APPEND and SETRANGE; the bit arithmetic lives in storage/bitmap_ops.cpp, and this file
// holds what Redis 7.0 says about arguments, order of checks, errors and side effects.
//
// Two Redis details shape the writes: a command that writes bits makes the string "raw"
// (it is edited in place) even when no bit changes, and the key is reported modified (event
// "setbit", dirty counter) only when a bit changed or the string was created or grown.
// Offsets are limited by proto-max-bulk-len (512 MB by default), as in Redis.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "storage/bitmap_ops.h"
#include "util/strings.h"

#include <algorithm>

namespace redscope::engine {

namespace {

constexpr std::string_view kBadOffset = "ERR bit offset is not an integer or out of range";
constexpr std::string_view kBadBit = "ERR bit is not an integer or out of range";
constexpr std::string_view kBadFieldType = "ERR Invalid bitfield type. Use something like i16 "
                                           "u8. Note that u64 is not supported but i64 is.";

// A bit offset argument. With fieldBits > 0 (BITFIELD), "#N" means N fields of that width.
bool bitOffsetArg(CommandContext &ctx, size_t index, unsigned fieldBits, uint64_t *out)
{
    std::string_view text = ctx.arg(index);
    bool inFields = fieldBits > 0 && text.starts_with('#');
    if (inFields) text.remove_prefix(1);
    int64_t offset;
    bool ok = parseInt64(text, &offset) && offset >= 0;
    if (ok && inFields) ok = !__builtin_mul_overflow(offset, int64_t(fieldBits), &offset);
    if (!ok || (offset >> 3) >= ctx.server.config().protoMaxBulkLen) {
        ctx.error(kBadOffset);
        return false;
    }
    *out = static_cast<uint64_t>(offset);
    return true;
}

// The string a bit write goes to, created or zero-padded to hold bit `lastBit`. `grown` says
// whether that changed the value. nullptr after a WRONGTYPE reply.
std::string *stringForBitWrite(CommandContext &ctx, uint64_t lastBit, bool *grown)
{
    std::string_view key = ctx.arg(1);
    Value *value = ctx.lookupWrite(key, ValueType::String);
    if (ctx.wrongType()) return nullptr;
    const size_t needed = static_cast<size_t>(lastBit >> 3) + 1;
    if (!value) value = &ctx.db().set(key, Value(std::string()));
    std::string &text = value->editString();
    *grown = text.size() < needed;
    if (*grown) text.resize(needed, '\0');
    return &text;
}

void bitsWritten(CommandContext &ctx, uint64_t changes)
{
    if (!changes) return;
    ctx.keyModified(ctx.arg(1));
    ctx.notify(NotifyString, "setbit", ctx.arg(1));
    ctx.addDirty(changes);
}

// Resolves BITCOUNT/BITPOS's start and end (bytes, or bits with BIT) over a string of
// `length` bytes into an inclusive bit range: negative indexes count from the end, and both
// are clamped to the string. False when the range is empty.
bool resolveRange(int64_t start, int64_t end, bool inBits, size_t length, uint64_t *firstBit,
                  uint64_t *lastBit)
{
    const int64_t total = static_cast<int64_t>(length) * (inBits ? 8 : 1);
    if (start < 0) start = std::max<int64_t>(start + total, 0);
    if (end < 0) end = std::max<int64_t>(end + total, 0);
    end = std::min(end, total - 1);
    if (start > end) return false;
    *firstBit = static_cast<uint64_t>(inBits ? start : start * 8);
    *lastBit = static_cast<uint64_t>(inBits ? end : end * 8 + 7);
    return true;
}

// BYTE or BIT at argv[index]; replies a syntax error for anything else.
bool rangeUnitArg(CommandContext &ctx, size_t index, bool *inBits)
{
    if (index >= ctx.argc()) return *inBits = false, true;
    std::string_view unit = ctx.arg(index);
    *inBits = equalsIgnoreCase(unit, "BIT");
    if (*inBits || equalsIgnoreCase(unit, "BYTE")) return true;
    ctx.syntaxError();
    return false;
}

} // namespace

void cmdSetbit(CommandContext &ctx)
{
    uint64_t offset;
    if (!bitOffsetArg(ctx, 2, 0, &offset)) return;
    int64_t bit;
    if (!parseInt64(ctx.arg(3), &bit) || (bit != 0 && bit != 1)) return ctx.error(kBadBit);
    bool grown;
    std::string *text = stringForBitWrite(ctx, offset, &grown);
    if (!text) return;
    const int64_t old = static_cast<int64_t>(bitmap::readField(*text, offset, 1));
    if (old != bit) bitmap::writeField(*text, offset, 1, static_cast<uint64_t>(bit));
    bitsWritten(ctx, grown || old != bit);
    ctx.reply.integer(old);
}

void cmdGetbit(CommandContext &ctx)
{
    uint64_t offset;
    if (!bitOffsetArg(ctx, 2, 0, &offset)) return;
    Value *value = ctx.lookupRead(ctx.arg(1), ValueType::String);
    if (ctx.wrongType()) return;
    ctx.reply.integer(value ? static_cast<int64_t>(bitmap::readField(value->string(), offset, 1))
                            : 0);
}

// Redis 7.0 looks the key up before parsing the range: a missing key answers 0 whatever
// follows it, and a wrong type wins over a bad range.
void cmdBitcount(CommandContext &ctx)
{
    Value *value = ctx.lookupRead(ctx.arg(1), ValueType::String);
    if (ctx.wrongType()) return;
    if (!value) return ctx.reply.integer(0);
    const std::string &text = value->string();
    if (ctx.argc() == 2)
        return ctx.reply.integer(
            text.empty() ? 0
                         : static_cast<int64_t>(bitmap::countOnes(text, 0, text.size() * 8 - 1)));
    if (ctx.argc() > 5 || ctx.argc() == 3) return ctx.syntaxError();
    int64_t start, end;
    if (!ctx.int64Arg(2, &start) || !ctx.int64Arg(3, &end)) return;
    // Both negative and reversed: 0 at once, before the unit is even looked at.
    if (start < 0 && end < 0 && start > end) return ctx.reply.integer(0);
    bool inBits;
    if (!rangeUnitArg(ctx, 4, &inBits)) return;
    uint64_t firstBit, lastBit;
    if (!resolveRange(start, end, inBits, text.size(), &firstBit, &lastBit))
        return ctx.reply.integer(0);
    ctx.reply.integer(static_cast<int64_t>(bitmap::countOnes(text, firstBit, lastBit)));
}

// When no bit matches: -1, except that a search for 0 with no end given answers the first
// bit past the string (the string is taken as padded with zeros on the right).
void cmdBitpos(CommandContext &ctx)
{
    int64_t bit;
    if (!ctx.int64Arg(2, &bit)) return;
    if (bit != 0 && bit != 1) return ctx.error("ERR The bit argument must be 1 or 0.");
    Value *value = ctx.lookupRead(ctx.arg(1), ValueType::String);
    if (ctx.wrongType()) return;
    if (!value) return ctx.reply.integer(bit ? -1 : 0);
    if (ctx.argc() > 6) return ctx.syntaxError();
    const std::string &text = value->string();
    int64_t start = 0, end = -1;
    bool inBits = false;
    if (ctx.argc() >= 4 && !ctx.int64Arg(3, &start)) return;
    if (!rangeUnitArg(ctx, 5, &inBits)) return;
    const bool endGiven = ctx.argc() >= 5;
    if (endGiven && !ctx.int64Arg(4, &end)) return;
    uint64_t firstBit, lastBit;
    if (!resolveRange(start, end, inBits, text.size(), &firstBit, &lastBit))
        return ctx.reply.integer(-1);
    int64_t found = bitmap::findBit(text, bit == 1, firstBit, lastBit);
    if (found < 0 && bit == 0 && !endGiven) found = static_cast<int64_t>(text.size()) * 8;
    ctx.reply.integer(found);
}

void cmdBitop(CommandContext &ctx)
{
    std::string_view name = ctx.arg(1);
    bitmap::BitOp op;
    if (equalsIgnoreCase(name, "AND"))
        op = bitmap::BitOp::And;
    else if (equalsIgnoreCase(name, "OR"))
        op = bitmap::BitOp::Or;
    else if (equalsIgnoreCase(name, "XOR"))
        op = bitmap::BitOp::Xor;
    else if (equalsIgnoreCase(name, "NOT"))
        op = bitmap::BitOp::Not;
    else
        return ctx.syntaxError();
    if (op == bitmap::BitOp::Not && ctx.argc() != 4)
        return ctx.error("ERR BITOP NOT must be called with a single source key.");

    std::vector<std::string_view> sources;
    for (size_t i = 3; i < ctx.argc(); ++i) {
        Value *value = ctx.lookupRead(ctx.arg(i), ValueType::String);
        if (ctx.wrongType()) return;
        sources.push_back(value ? std::string_view(value->string()) : std::string_view());
    }
    std::string result = bitmap::combine(op, sources);
    std::string_view destination = ctx.arg(2);
    if (result.empty()) return ctx.storeEmptyResult(destination);
    const auto length = static_cast<int64_t>(result.size());
    ctx.db().set(destination, Value(std::move(result))).editString();
    ctx.keyModified(destination);
    ctx.notify(NotifyString, "set", destination);
    ctx.addDirty();
    ctx.reply.integer(length);
}

namespace {

struct FieldOp
{
    enum Kind { Get, Set, Incrby } kind;
    bool isSigned;
    unsigned bits;
    uint64_t offset;
    int64_t argument; // SET's value or INCRBY's increment
    bitmap::Overflow overflow;
};

// "i1".."i64" or "u1".."u63".
bool fieldTypeArg(CommandContext &ctx, size_t index, bool *isSigned, unsigned *bits)
{
    std::string_view text = ctx.arg(index);
    int64_t width = 0;
    bool ok =
        !text.empty() && (text[0] == 'i' || text[0] == 'u') && parseInt64(text.substr(1), &width);
    *isSigned = ok && text[0] == 'i';
    if (!ok || width < 1 || width > (*isSigned ? 64 : 63)) {
        ctx.error(kBadFieldType);
        return false;
    }
    *bits = static_cast<unsigned>(width);
    return true;
}

// Parses every operation (all errors come before any work, as in Redis).
bool parseFieldOps(CommandContext &ctx, std::vector<FieldOp> *ops)
{
    bitmap::Overflow overflow = bitmap::Overflow::Wrap;
    for (size_t i = 2; i < ctx.argc();) {
        std::string_view name = ctx.arg(i);
        const size_t left = ctx.argc() - i - 1;
        if (equalsIgnoreCase(name, "OVERFLOW") && left >= 1) {
            std::string_view policy = ctx.arg(i + 1);
            if (equalsIgnoreCase(policy, "WRAP"))
                overflow = bitmap::Overflow::Wrap;
            else if (equalsIgnoreCase(policy, "SAT"))
                overflow = bitmap::Overflow::Sat;
            else if (equalsIgnoreCase(policy, "FAIL"))
                overflow = bitmap::Overflow::Fail;
            else
                return ctx.error("ERR Invalid OVERFLOW type specified"), false;
            i += 2;
            continue;
        }
        FieldOp op{};
        if (equalsIgnoreCase(name, "GET") && left >= 2)
            op.kind = FieldOp::Get;
        else if (equalsIgnoreCase(name, "SET") && left >= 3)
            op.kind = FieldOp::Set;
        else if (equalsIgnoreCase(name, "INCRBY") && left >= 3)
            op.kind = FieldOp::Incrby;
        else
            return ctx.syntaxError(), false;
        if (!fieldTypeArg(ctx, i + 1, &op.isSigned, &op.bits)) return false;
        if (!bitOffsetArg(ctx, i + 2, op.bits, &op.offset)) return false;
        if (op.kind != FieldOp::Get && !ctx.int64Arg(i + 3, &op.argument)) return false;
        op.overflow = overflow;
        ops->push_back(op);
        i += op.kind == FieldOp::Get ? 3 : 4;
    }
    return true;
}

int64_t readOne(std::string_view text, const FieldOp &op)
{
    return op.isSigned ? bitmap::readSignedField(text, op.offset, op.bits)
                       : static_cast<int64_t>(bitmap::readField(text, op.offset, op.bits));
}

// The GET-only form: the key is only read, and a missing key reads as zeros.
void readFields(CommandContext &ctx, const std::vector<FieldOp> &ops)
{
    Value *value = ctx.lookupRead(ctx.arg(1), ValueType::String);
    if (ctx.wrongType()) return;
    std::string_view text = value ? std::string_view(value->string()) : std::string_view();
    ctx.reply.arrayHeader(ops.size());
    for (const FieldOp &op : ops)
        ctx.reply.integer(readOne(text, op));
}

// Redis's signed range check subtracts the value from the field's maximum in 64 bits, so a
// SET within that maximum of INT64_MIN (i5: below INT64_MIN + 16) counts as too big, and SAT
// stores the maximum, not the minimum. Kept for reply-for-reply compatibility.
bool saturatesUpwards(const FieldOp &op)
{
    if (op.kind != FieldOp::Set || !op.isSigned || op.bits == 64) return false;
    const int64_t fieldMax = (int64_t(1) << (op.bits - 1)) - 1;
    return op.overflow == bitmap::Overflow::Sat && op.argument < fieldMax - INT64_MAX;
}

// SET replies the old value, INCRBY the new one; an overflow under FAIL writes nothing and
// replies nil.
void writeFields(CommandContext &ctx, const std::vector<FieldOp> &ops)
{
    uint64_t lastBit = 0;
    for (const FieldOp &op : ops)
        if (op.kind != FieldOp::Get) lastBit = std::max(lastBit, op.offset + op.bits - 1);
    bool grown;
    std::string *text = stringForBitWrite(ctx, lastBit, &grown);
    if (!text) return;
    uint64_t changes = 0;
    ctx.reply.arrayHeader(ops.size());
    for (const FieldOp &op : ops) {
        const int64_t old = readOne(*text, op);
        if (op.kind == FieldOp::Get) {
            ctx.reply.integer(old);
            continue;
        }
        __int128 wanted = op.kind == FieldOp::Incrby ? __int128(old) + op.argument
                          : op.isSigned              ? __int128(op.argument)
                                                     : __int128(static_cast<uint64_t>(op.argument));
        if (saturatesUpwards(op)) wanted = __int128(1) << 64;
        int64_t stored;
        if (!bitmap::fitField(wanted, op.bits, op.isSigned, op.overflow, &stored)) {
            ctx.reply.nullBulk();
            continue;
        }
        bitmap::writeField(*text, op.offset, op.bits, static_cast<uint64_t>(stored));
        if (grown || stored != old) ++changes;
        ctx.reply.integer(op.kind == FieldOp::Set ? old : stored);
    }
    bitsWritten(ctx, changes);
}

void bitfield(CommandContext &ctx, bool readOnlyCommand)
{
    std::vector<FieldOp> ops;
    if (!parseFieldOps(ctx, &ops)) return;
    bool writes = std::any_of(ops.begin(), ops.end(),
                              [](const FieldOp &op) { return op.kind != FieldOp::Get; });
    if (!writes) return readFields(ctx, ops);
    if (readOnlyCommand) return ctx.error("ERR BITFIELD_RO only supports the GET subcommand");
    writeFields(ctx, ops);
}

} // namespace

void cmdBitfield(CommandContext &ctx)
{
    bitfield(ctx, false);
}

void cmdBitfieldRo(CommandContext &ctx)
{
    bitfield(ctx, true);
}

// Redis's reading of the arguments for key access: GET and OVERFLOW skip their operands; a
// SET, an INCRBY or anything it cannot parse means a write.
bool bitfieldOnlyReads(std::span<const std::string_view> argv)
{
    for (size_t i = 2; i < argv.size(); ++i) {
        const size_t left = argv.size() - i - 1;
        if (equalsIgnoreCase(argv[i], "GET") && left >= 2)
            i += 2;
        else if (equalsIgnoreCase(argv[i], "OVERFLOW") && left >= 1)
            i += 1;
        else
            return false;
    }
    return true;
}

} // namespace redscope::engine
