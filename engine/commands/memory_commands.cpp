// MEMORY (USAGE, STATS, DOCTOR, MALLOC-STATS, PURGE): the memory estimates of keys and of
// the whole server. The figures are the same estimates maxmemory and INFO memory use
// (Value::memoryUsage, Server::usedMemoryEstimate), not the allocator's: the engine runs on
// libc malloc, so MALLOC-STATS and PURGE have nothing to report or do. MEMORY STATS reads the
// running totals (O(databases)); MEMORY USAGE samples a value's elements as Redis does.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "server/client.h"
#include "server/memory_overhead.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>

namespace redscope::engine {

namespace {

// Bytes a key costs: its value, the key text, and the table entry that holds them (the same
// estimate usedMemoryEstimate sums over the whole keyspace).
size_t keyMemoryUsage(std::string_view key, const Value &value, size_t samples)
{
    return 32 + key.size() + value.memoryUsage(samples);
}

} // namespace

void cmdMemoryUsage(CommandContext &ctx)
{
    int64_t samples = 5; // Redis's default; SAMPLES 0 measures every element
    for (size_t i = 3; i < ctx.argc(); ++i) {
        if (equalsIgnoreCase(ctx.arg(i), "SAMPLES") && i + 1 < ctx.argc()) {
            if (!ctx.int64Arg(++i, &samples)) return;
            if (samples < 0) return ctx.syntaxError();
        } else {
            return ctx.syntaxError();
        }
    }
    Value *value = ctx.db().lookup(ctx.arg(2), ctx.nowMs);
    if (!value) return ctx.reply.nullBulk();
    ctx.reply.integer(
        static_cast<int64_t>(keyMemoryUsage(ctx.arg(2), *value, static_cast<size_t>(samples))));
}

// MEMORY STATS: Redis 7.0.15's fields in its order, from the figures INFO memory reports
// (server/memory_overhead.h), a db.N map for each database holding keys. Ratios are single
// precision in Redis (its figures are floats), so they are rounded to float here too and read
// the same way ("1.2304140329360962"). O(databases + clients).
void cmdMemoryStats(CommandContext &ctx)
{
    const MemoryOverhead m = memoryOverhead(ctx.server);
    ReplyWriter &r = ctx.reply;
    auto integer = [&r](const char *name, size_t value) {
        r.bulk(name);
        r.integer(static_cast<int64_t>(value));
    };
    auto difference = [&r](const char *name, size_t a, size_t b) {
        r.bulk(name);
        r.integer(static_cast<int64_t>(a) - static_cast<int64_t>(b));
    };
    auto ratio = [&r](const char *name, double a, double b) {
        r.bulk(name);
        r.doubleValue(static_cast<double>(static_cast<float>(b != 0 ? a / b : 0)));
    };
    r.mapHeader(27 + m.databases.size());
    integer("peak.allocated", m.peak);
    integer("total.allocated", m.used);
    integer("startup.allocated", m.startup);
    integer("replication.backlog", m.replicationBacklog);
    integer("clients.slaves", m.clientsReplicas);
    integer("clients.normal", m.clientsNormal);
    integer("cluster.links", 0); // not a cluster node
    integer("aof.buffer", m.aofBuffer);
    integer("lua.caches", m.luaCaches);
    integer("functions.caches", m.functionsCaches);
    for (const MemoryOverhead::Database &db : m.databases) {
        r.bulk("db." + std::to_string(db.index));
        r.mapHeader(3);
        integer("overhead.hashtable.main", db.mainTable);
        integer("overhead.hashtable.expires", db.expiresTable);
        integer("overhead.hashtable.slot-to-keys", 0); // cluster mode only
    }
    integer("overhead.total", m.total);
    integer("keys.count", m.keys);
    integer("keys.bytes-per-key", m.keys ? m.netUsage / m.keys : 0);
    integer("dataset.bytes", m.dataset);
    ratio("dataset.percentage", static_cast<double>(m.dataset) * 100,
          static_cast<double>(m.netUsage));
    ratio("peak.percentage", static_cast<double>(m.used) * 100, static_cast<double>(m.peak));
    integer("allocator.allocated", m.allocatorAllocated);
    integer("allocator.active", m.allocatorActive);
    integer("allocator.resident", m.allocatorResident);
    ratio("allocator-fragmentation.ratio", static_cast<double>(m.allocatorActive),
          static_cast<double>(m.allocatorAllocated));
    difference("allocator-fragmentation.bytes", m.allocatorActive, m.allocatorAllocated);
    ratio("allocator-rss.ratio", static_cast<double>(m.allocatorResident),
          static_cast<double>(m.allocatorActive));
    difference("allocator-rss.bytes", m.allocatorResident, m.allocatorActive);
    ratio("rss-overhead.ratio", static_cast<double>(m.rss),
          static_cast<double>(m.allocatorResident));
    difference("rss-overhead.bytes", m.rss, m.allocatorResident);
    ratio("fragmentation", static_cast<double>(m.rss), static_cast<double>(m.used));
    difference("fragmentation.bytes", m.rss, m.used);
}

void cmdMemoryDoctor(CommandContext &ctx)
{
    if (ctx.server.usedMemoryEstimate() < 5 * 1024 * 1024)
        return ctx.reply.verbatim(
            "Hi Sam, this instance is empty or is using very little memory, my issues "
            "detector can't be used in these conditions. Please, leave for your mission on "
            "Earth and fill it with some data. The new Sam and I will be back to our "
            "programming as soon as I finished rebooting.\n");
    ctx.reply.verbatim("Hi Sam, I can't find any memory issue in your instance. I can only "
                       "account for what occurs on this base.\n");
}

void cmdMemoryMallocStats(CommandContext &ctx)
{
    ctx.reply.verbatim("Stats not supported for the current allocator\n");
}

void cmdMemoryPurge(CommandContext &ctx)
{
    ctx.reply.ok();
}

void cmdMemoryHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "DOCTOR",
        "    Return memory problems reports.",
        "MALLOC-STATS",
        "    Return internal statistics report from the memory allocator.",
        "PURGE",
        "    Attempt to purge dirty pages for reclamation by the allocator.",
        "STATS",
        "    Return information about the memory usage of the server.",
        "USAGE <key> [SAMPLES <count>]",
        "    Return memory in bytes used by <key> and its value. Nested values are",
        "    sampled up to <count> times (default: 5, 0 means sample all).",
    };
    replyHelp(ctx, "MEMORY", lines);
}

} // namespace redscope::engine
