// SLOWLOG and LATENCY: report what Server::call records about slow commands (slowlog
// entries, latency samples per event). Both only read or clear those records, never the
// keyspace, so they stay cheap on a loaded server; LATENCY DOCTOR's report is a summary of
// the samples kept, not an analysis of the dataset.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>
#include <sstream>

namespace redscope::engine {

namespace {

void replySlowlogEntry(CommandContext &ctx, const SlowlogEntry &entry)
{
    ctx.reply.arrayHeader(6);
    ctx.reply.integer(static_cast<int64_t>(entry.id));
    ctx.reply.integer(entry.timestamp);
    ctx.reply.integer(entry.durationUs);
    ctx.reply.arrayHeader(entry.argv.size());
    for (const std::string &arg : entry.argv)
        ctx.reply.bulk(arg);
    ctx.reply.bulk(entry.peer);
    ctx.reply.bulk(entry.clientName);
}

} // namespace

void cmdSlowlogGet(CommandContext &ctx)
{
    if (ctx.argc() > 3) return badSubcommandUsage(ctx, "SLOWLOG");
    std::deque<SlowlogEntry> &slowlog = ctx.server.slowlog();
    int64_t count = 10;
    if (ctx.argc() == 3 && (!parseInt64(ctx.arg(2), &count) || count < -1))
        return ctx.error("ERR count should be greater than or equal to -1");
    size_t n = count == -1 ? slowlog.size() : std::min(slowlog.size(), static_cast<size_t>(count));
    ctx.reply.arrayHeader(n);
    for (size_t i = 0; i < n; ++i)
        replySlowlogEntry(ctx, slowlog[i]);
}

void cmdSlowlogLen(CommandContext &ctx)
{
    ctx.reply.integer(static_cast<int64_t>(ctx.server.slowlog().size()));
}

void cmdSlowlogReset(CommandContext &ctx)
{
    ctx.server.slowlog().clear();
    ctx.reply.ok();
}

void cmdSlowlogHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "GET [<count>]",
        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
        "    Entries are made of:",
        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
        "    client name",
        "LEN",
        "    Return the length of the slowlog.",
        "RESET",
        "    Reset the slowlog.",
    };
    replyHelp(ctx, "SLOWLOG", lines);
}

namespace {

std::string latencyDoctor(Server &server)
{
    if (server.config().latencyMonitorThreshold == 0)
        return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis "
               "instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in "
               "order to enable it. If we weren't in a deep space mission I'd suggest to take a "
               "look at https://redis.io/topics/latency-monitor.\n";
    if (server.latencyEvents().empty())
        return "Dave, no latency spike was observed during the lifetime of this Redis instance, "
               "not in the slightest bit. I honestly think you ought to sleep tonight.\n";
    std::ostringstream out;
    out << "Dave, I have observed latency spikes in this Redis instance. You don't mind talking "
           "about it, do you Dave?\n\n";
    int index = 1;
    for (const auto &[event, data] : server.latencyEvents()) {
        int64_t sum = 0;
        for (const auto &sample : data.samples)
            sum += sample.second;
        int64_t average =
            data.samples.empty() ? 0 : sum / static_cast<int64_t>(data.samples.size());
        out << index++ << ". " << event << ": " << data.samples.size()
            << " latency spikes (average " << average << "ms, mean deviation 0ms, period 0 sec). "
            << "Worst all time event " << data.maxMs << "ms.\n";
    }
    out << "\nI have a few advices for you:\n\n- Check your commands' complexity and the size of "
           "the values they touch: SLOWLOG GET shows the slow ones.\n";
    return out.str();
}

} // namespace

void cmdLatencyLatest(CommandContext &ctx)
{
    const auto &events = ctx.server.latencyEvents();
    ctx.reply.arrayHeader(events.size());
    for (const auto &[event, data] : events) {
        ctx.reply.arrayHeader(4);
        ctx.reply.bulk(event);
        ctx.reply.integer(data.samples.empty() ? 0 : data.samples.back().first);
        ctx.reply.integer(data.samples.empty() ? 0 : data.samples.back().second);
        ctx.reply.integer(data.maxMs);
    }
}

void cmdLatencyHistory(CommandContext &ctx)
{
    const auto &events = ctx.server.latencyEvents();
    auto it = events.find(std::string(ctx.arg(2)));
    if (it == events.end()) return ctx.reply.arrayHeader(0);
    ctx.reply.arrayHeader(it->second.samples.size());
    for (const auto &[when, ms] : it->second.samples) {
        ctx.reply.arrayHeader(2);
        ctx.reply.integer(when);
        ctx.reply.integer(ms);
    }
}

void cmdLatencyReset(CommandContext &ctx)
{
    auto &events = ctx.server.latencyEvents();
    int64_t reset = 0;
    if (ctx.argc() == 2) {
        reset = static_cast<int64_t>(events.size());
        events.clear();
    } else {
        for (size_t i = 2; i < ctx.argc(); ++i)
            reset += static_cast<int64_t>(events.erase(std::string(ctx.arg(i))));
    }
    ctx.reply.integer(reset);
}

void cmdLatencyDoctor(CommandContext &ctx)
{
    ctx.reply.verbatim(latencyDoctor(ctx.server));
}

namespace {

// {calls: N, histogram_usec: {bucket µs: cumulative calls, ...}} for one command.
void replyHistogram(CommandContext &ctx, const LatencyHistogram &h)
{
    ctx.reply.mapHeader(2);
    ctx.reply.bulk("calls");
    ctx.reply.integer(static_cast<int64_t>(h.total));
    ctx.reply.bulk("histogram_usec");
    size_t buckets = 0;
    for (uint64_t count : h.counts)
        buckets += count ? 1 : 0;
    ctx.reply.mapHeader(buckets);
    uint64_t cumulative = 0;
    for (int k = 0; k < LatencyHistogram::kBuckets; ++k) {
        if (!h.counts[static_cast<size_t>(k)]) continue;
        cumulative += h.counts[static_cast<size_t>(k)];
        ctx.reply.integer(static_cast<int64_t>(LatencyHistogram::highestNs(k) / 1000));
        ctx.reply.integer(static_cast<int64_t>(cumulative));
    }
}

} // namespace

// LATENCY HISTOGRAM [command ...]: the commands named (a container: each of its subcommands
// called so far; "config|get" one subcommand), or every command called so far. Unknown names
// and commands never called are left out, as in Redis.
void cmdLatencyHistogram(CommandContext &ctx)
{
    const CommandTable &table = CommandTable::instance();
    std::vector<std::pair<std::string, const LatencyHistogram *>> entries;
    auto addCommand = [&](const CommandSpec &spec) {
        const LatencyHistogram &own = ctx.server.commandStats()[table.indexOf(&spec)].latency;
        if (own.total) entries.emplace_back(spec.name, &own);
        if (const std::vector<SubcommandSpec> *subs = CommandTable::subcommands(spec))
            for (const SubcommandSpec &sub : *subs) {
                auto it =
                    ctx.server.subcommandLatency().find(std::string(spec.name) + "|" + sub.name);
                if (it != ctx.server.subcommandLatency().end() && it->second.total)
                    entries.emplace_back(it->first, &it->second);
            }
    };
    if (ctx.argc() == 2) {
        for (const CommandSpec &spec : table.all())
            addCommand(spec);
    } else {
        for (size_t i = 2; i < ctx.argc(); ++i) {
            std::string_view name = ctx.arg(i);
            size_t bar = name.find('|');
            const CommandSpec *spec = table.find(name.substr(0, bar));
            if (!spec) continue;
            if (bar == std::string_view::npos) {
                addCommand(*spec);
                continue;
            }
            const SubcommandSpec *sub = CommandTable::findSubcommand(*spec, name.substr(bar + 1));
            if (!sub) continue;
            auto it =
                ctx.server.subcommandLatency().find(std::string(spec->name) + "|" + sub->name);
            if (it != ctx.server.subcommandLatency().end() && it->second.total)
                entries.emplace_back(it->first, &it->second);
        }
    }
    ctx.reply.mapHeader(entries.size());
    for (const auto &[name, histogram] : entries) {
        ctx.reply.bulk(name);
        replyHistogram(ctx, *histogram);
    }
}

void cmdLatencyHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "DOCTOR",
        "    Return a human readable latency analysis report.",
        "HISTORY <event>",
        "    Return time-latency samples for the <event> class.",
        "LATEST",
        "    Return the latest latency samples for all events.",
        "RESET [<event> ...]",
        "    Reset latency data of one or more <event> classes.",
        "    (default: reset all data for all event classes)",
        "HISTOGRAM [COMMAND ...]",
        "    Return a cumulative distribution of latencies in the format of a histogram for the "
        "specified command names.",
        "    If no commands are specified then all histograms are replied.",
    };
    replyHelp(ctx, "LATENCY", lines);
}

} // namespace redscope::engine
