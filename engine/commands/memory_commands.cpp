// MEMORY (USAGE, STATS, DOCTOR, MALLOC-STATS, PURGE): the memory estimates of keys and of
// the whole server. The figures are the same estimates maxmemory and INFO memory use
// (Value::memoryUsage, Server::usedMemoryEstimate), not the allocator's: the engine runs on
// libc malloc, so MALLOC-STATS and PURGE have nothing to report or do. MEMORY STATS walks
// every key (O(keys)); MEMORY USAGE samples a value's elements as Redis does.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "server/client.h"
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

void cmdMemoryStats(CommandContext &ctx)
{
    Server &server = ctx.server;
    size_t keys = 0, dataset = 0;
    for (int i = 0; i < server.dbCount(); ++i) {
        keys += server.db(i).size();
        server.db(i).keys().forEach(
            [&](std::string_view key, Value &value) { dataset += keyMemoryUsage(key, value, 5); });
    }
    size_t total = server.usedMemoryEstimate();
    size_t clients = 0;
    for (const auto &entry : server.clients())
        clients += Server::clientMemory(*entry.second);
    size_t rss = Server::residentSetBytes();
    ctx.reply.mapHeader(8);
    ctx.reply.bulk("total.allocated");
    ctx.reply.integer(static_cast<int64_t>(total));
    ctx.reply.bulk("clients.normal");
    ctx.reply.integer(static_cast<int64_t>(clients));
    ctx.reply.bulk("overhead.total");
    ctx.reply.integer(static_cast<int64_t>(total - std::min(total, dataset)));
    ctx.reply.bulk("keys.count");
    ctx.reply.integer(static_cast<int64_t>(keys));
    ctx.reply.bulk("keys.bytes-per-key");
    ctx.reply.integer(keys ? static_cast<int64_t>(total / keys) : 0);
    ctx.reply.bulk("dataset.bytes");
    ctx.reply.integer(static_cast<int64_t>(dataset));
    ctx.reply.bulk("dataset.percentage");
    ctx.reply.doubleValue(total ? 100.0 * static_cast<double>(dataset) / static_cast<double>(total)
                                : 0.0);
    ctx.reply.bulk("fragmentation");
    ctx.reply.doubleValue(total ? static_cast<double>(rss) / static_cast<double>(total) : 0.0);
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
