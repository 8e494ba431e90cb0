// Guard helpers shared by all command handlers (see command_context.h).
#include "commands/command_context.h"

#include "server/eviction.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace redscope::engine {

Database &CommandContext::db() { return server.db(client.dbIndex); }

bool CommandContext::int64Arg(size_t i, int64_t *out)
{
    if (parseInt64(argv[i], out)) return true;
    reply.error(errors::kNotInteger);
    return false;
}

bool CommandContext::positiveInt64Arg(size_t i, int64_t *out)
{
    if (!int64Arg(i, out)) return false;
    if (*out > 0) return true;
    reply.error(errors::kNotPositive);
    return false;
}

bool CommandContext::doubleArg(size_t i, double *out)
{
    if (parseDouble(argv[i], out)) return true;
    reply.error(errors::kNotFloat);
    return false;
}

Value *CommandContext::lookupRead(std::string_view key)
{
    Value *value = lookupReadNoTouch(key);
    if (value) server.evictor().touch(*value, nowMs);
    return value;
}

Value *CommandContext::lookupReadNoTouch(std::string_view key)
{
    m_wrongType = false;
    Value *value = db().lookup(key, nowMs);
    if (value) {
        ++server.stats().keyspaceHits;
    } else {
        ++server.stats().keyspaceMisses;
        notify(NotifyKeyMiss, "keymiss", key);
    }
    return value;
}

Value *CommandContext::lookupRead(std::string_view key, ValueType wanted)
{
    Value *value = lookupRead(key);
    if (value && value->type() != wanted) {
        m_wrongType = true;
        reply.error(errors::kWrongType);
        return nullptr;
    }
    return value;
}

Value *CommandContext::lookupWrite(std::string_view key)
{
    m_wrongType = false;
    Value *value = db().lookup(key, nowMs);
    if (value) server.evictor().touch(*value, nowMs);
    return value;
}

Value *CommandContext::lookupWrite(std::string_view key, ValueType wanted)
{
    Value *value = lookupWrite(key);
    if (value && value->type() != wanted) {
        m_wrongType = true;
        reply.error(errors::kWrongType);
        return nullptr;
    }
    return value;
}

void CommandContext::keyModified(std::string_view key)
{
    server.signalModifiedKey(client.dbIndex, key);
    server.signalKeyAsReady(client.dbIndex, key);
}

void CommandContext::storeEmptyResult(std::string_view destination)
{
    if (lookupWrite(destination)) {
        db().remove(destination);
        keyModified(destination);
        notify(NotifyGeneric, "del", destination);
        addDirty();
    }
    reply.integer(0);
}

void CommandContext::deleteIfEmpty(std::string_view key, Value *value)
{
    if (!value || !value->isEmptyCollection()) return;
    db().remove(key);
    notify(NotifyGeneric, "del", key);
}

void CommandContext::notify(int eventClass, std::string_view event, std::string_view key)
{
    server.notifyKeyspaceEvent(eventClass, event, key, client.dbIndex);
}

void CommandContext::addDirty(uint64_t changes) { server.stats().dirty += changes; }

void CommandContext::propagateAs(std::vector<std::string> rewritten)
{
    m_propagationRewritten = true;
    m_propagate.push_back(std::move(rewritten));
}

// Redis 7.0 reads the seconds as a long double (so 1e400 is a number) and converts the ms to
// a long long; what does not fit wraps negative there, so we answer "timeout is negative".
bool blockingTimeoutArg(CommandContext &ctx, size_t index, int64_t *deadlineMs)
{
    std::string_view text = ctx.arg(index);
    long double seconds = 0;
    bool ok =
        !text.empty() && text.size() < 256 && !std::isspace(static_cast<unsigned char>(text[0]));
    if (ok) {
        std::string buffer(text);
        char *end = nullptr;
        errno = 0;
        seconds = std::strtold(buffer.c_str(), &end);
        ok = end == buffer.c_str() + buffer.size() && !std::isnan(seconds) &&
             !(errno == ERANGE && (std::isinf(seconds) || seconds == 0));
    }
    if (!ok) {
        ctx.error(errors::kTimeoutNotFloat);
        return false;
    }
    long double ms = std::ceil(seconds * 1000.0L);
    if (ms < 0 || !(ms < 9223372036854775807.0L)) {
        ctx.error(errors::kTimeoutNegative);
        return false;
    }
    int64_t relative = static_cast<int64_t>(ms);
    *deadlineMs = relative > 0 ? ctx.nowMs + std::min(relative, INT64_MAX - ctx.nowMs) : 0;
    return true;
}

} // namespace redscope::engine
