// DUMP and RESTORE (and RESTORE-ASKING, which is RESTORE on a server that is not a cluster
// node); MIGRATE, which sends these payloads to another server, is migrate_command.cpp.
// Payloads are Redis's (persistence/dump_payload.h), so a key dumped here restores into
// redis-server 7.0 and the reverse.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "persistence/dump_payload.h"
#include "persistence/persistence_io.h"
#include "persistence/rdb_loader.h"
#include "server/acl.h"
#include "server/eviction.h"
#include "server/server.h"
#include "storage/database.h"
#include "util/strings.h"

#include <cstring>
#include <memory>

namespace redscope::engine {

void cmdDump(CommandContext &ctx)
{
    Value *value = ctx.lookupRead(ctx.arg(1));
    if (!value) return ctx.reply.nullBulk();
    ctx.reply.bulk(makeDumpPayload(*value, ctx.server.config().rdbCompression));
}

namespace {

struct RestoreOptions
{
    bool replace = false;
    bool absoluteTtl = false;
    int64_t idleSeconds = -1;
    int64_t frequency = -1;
};

// Options after the payload; replies Redis's errors. IDLETIME and FREQ exclude each other
// (the second one is a syntax error, as in Redis).
bool parseRestoreOptions(CommandContext &ctx, RestoreOptions *options)
{
    for (size_t i = 4; i < ctx.argc(); ++i) {
        const bool hasValue = i + 1 < ctx.argc();
        if (equalsIgnoreCase(ctx.arg(i), "REPLACE")) {
            options->replace = true;
        } else if (equalsIgnoreCase(ctx.arg(i), "ABSTTL")) {
            options->absoluteTtl = true;
        } else if (equalsIgnoreCase(ctx.arg(i), "IDLETIME") && hasValue &&
                   options->frequency == -1) {
            if (!ctx.int64Arg(++i, &options->idleSeconds)) return false;
            if (options->idleSeconds < 0)
                return ctx.error("ERR Invalid IDLETIME value, must be >= 0"), false;
        } else if (equalsIgnoreCase(ctx.arg(i), "FREQ") && hasValue && options->idleSeconds == -1) {
            if (!ctx.int64Arg(++i, &options->frequency)) return false;
            if (options->frequency < 0 || options->frequency > 255)
                return ctx.error("ERR Invalid FREQ value, must be >= 0 and <= 255"), false;
        } else {
            return ctx.syntaxError(), false;
        }
    }
    return true;
}

bool lfuPolicySelected(CommandContext &ctx)
{
    return ctx.server.config().maxMemoryPolicy.find("lfu") != std::string::npos;
}

// IDLETIME sets the LRU clock back under an LRU (or no) policy, FREQ the LFU counter under
// an LFU policy; each is ignored under the other policy, as in Redis.
void applyAccessHints(CommandContext &ctx, Value &value, const RestoreOptions &options)
{
    if (lfuPolicySelected(ctx)) {
        if (options.frequency >= 0) {
            value.lfuCounter = static_cast<uint32_t>(options.frequency);
            value.lfuDecayTime = Value::lfuMinutesAt(ctx.nowMs);
        }
    } else if (options.idleSeconds >= 0) {
        const uint32_t now = Value::lruClockAt(ctx.nowMs);
        value.lruClock = (now - static_cast<uint32_t>(options.idleSeconds)) & 0xFFFFFF;
    }
}

} // namespace

void cmdRestore(CommandContext &ctx)
{
    RestoreOptions options;
    if (!parseRestoreOptions(ctx, &options)) return;
    const std::string_view key = ctx.arg(1);
    if (!options.replace && ctx.lookupWrite(key))
        return ctx.error("BUSYKEY Target key name already exists.");
    int64_t ttl;
    if (!ctx.int64Arg(2, &ttl)) return;
    if (ttl < 0) return ctx.error("ERR Invalid TTL value, must be >= 0");
    const std::string_view payload = ctx.arg(3);
    if (!dumpPayloadFooterValid(payload))
        return ctx.error("ERR DUMP payload version or checksum are wrong");
    Value value;
    std::string why;
    RdbLoadOptions loadOptions = rdbLoadOptionsFor(ctx.server);
    // sanitize-dump-payload clients: payloads from clients, not from our master nor from a
    // user marked skip-sanitize-payload.
    if (ctx.server.config().sanitizeDumpPayload == "clients" && !ctx.client.isMaster) {
        const AclUser *user = ctx.server.acl().find(ctx.client.user);
        if (!user || user->sanitizePayload != 2)
            loadOptions.deepSanitizations = &ctx.server.stats().dumpPayloadSanitizations;
    }
    if (!decodeDumpPayload(payload, loadOptions, &value, &why))
        return ctx.error("ERR Bad data format");

    bool deleted = false;
    if (options.replace && ctx.lookupWrite(key)) deleted = ctx.db().remove(key);
    if (ttl && !options.absoluteTtl) ttl += ctx.nowMs;
    if (ttl && ttl <= ctx.nowMs) {
        // Already expired: nothing is stored; a replaced key is gone, propagated as DEL.
        if (deleted) {
            ctx.keyModified(key);
            ctx.notify(NotifyGeneric, "del", key);
            ctx.propagateAs({"DEL", std::string(key)});
            ctx.addDirty();
        }
        return ctx.reply.ok();
    }
    Value &stored = ctx.db().set(key, std::move(value));
    applyAccessHints(ctx, stored, options);
    if (ttl) {
        ctx.db().setExpireAt(key, ttl);
        // The deadline travels as an absolute time, so a replay later restores the same one.
        std::vector<std::string> argv;
        for (std::string_view arg : ctx.argv)
            argv.emplace_back(arg);
        argv[2] = formatInt64(ttl);
        if (!options.absoluteTtl) argv.push_back("ABSTTL");
        ctx.propagateAs(std::move(argv));
    }
    ctx.keyModified(key);
    ctx.notify(NotifyGeneric, "restore", key);
    ctx.addDirty();
    ctx.reply.ok();
}

} // namespace redscope::engine
