// SLOWLOG and LATENCY: report what Server::call records about slow commands (slowlog
// entries, latency samples per event). Both only read or clear those records, never the
// keyspace, so they stay cheap on a loaded server. LATENCY DOCTOR and GRAPH word and draw
// their reports as Redis 7.0 does (average, mean deviation and period per event, the advices
// that apply; an 80-column sparkline with the samples' ages under it).
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "server/server.h"
#include "util/strings.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
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
    // Redis 7.0 counts the entries as it sends them: a deferred length.
    const size_t slot = ctx.reply.beginDeferredArray();
    for (size_t i = 0; i < n; ++i)
        replySlowlogEntry(ctx, slowlog[i]);
    ctx.reply.endDeferredArray(slot, n);
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

// What LATENCY DOCTOR says of one event's samples (Redis's analysis): the average, the mean
// absolute deviation from it, and the seconds since the oldest sample (at least 1).
struct LatencyStats
{
    int64_t samples = 0, average = 0, deviation = 0, period = 0;
};

LatencyStats analyse(const Server::LatencyEvent &event, int64_t nowSeconds)
{
    LatencyStats stats;
    if (event.samples.empty()) return stats;
    int64_t sum = 0, oldest = event.samples.front().first;
    for (const auto &[when, ms] : event.samples) {
        sum += ms;
        oldest = std::min(oldest, when);
    }
    stats.samples = static_cast<int64_t>(event.samples.size());
    stats.average = sum / stats.samples;
    stats.period = std::max<int64_t>(nowSeconds - oldest, 1);
    int64_t deviations = 0;
    for (const auto &sample : event.samples)
        deviations += std::abs(stats.average - sample.second);
    stats.deviation = deviations / stats.samples;
    return stats;
}

// Anonymous transparent huge pages held by this process, in kB (Redis advises turning THP
// off when there are any).
int64_t anonHugePagesKb()
{
    std::ifstream smaps("/proc/self/smaps_rollup");
    std::string word;
    while (smaps >> word) {
        if (word != "AnonHugePages:") continue;
        int64_t kb = 0;
        smaps >> kb;
        return kb;
    }
    return 0;
}

// LATENCY DOCTOR's report, in Redis 7.0's words. The engine records the "command" and
// "fast-command" events, so only their advices can come up (and THP's).
std::string latencyDoctor(Server &server)
{
    const ServerConfig &config = server.config();
    if (server.latencyEvents().empty() && config.latencyMonitorThreshold == 0)
        return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis "
               "instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in "
               "order to enable it. If we weren't in a deep space mission I'd suggest to take a "
               "look at https://redis.io/topics/latency-monitor.\n";
    std::string report;
    int events = 0, advices = 0;
    bool slowlogDisabled = false, slowlogTuning = false, slowlogInspect = false;
    bool scheduler = false, largeObjects = false;
    const bool hugePages = anonHugePagesKb() > 0;
    advices += hugePages;
    const int64_t now = Server::wallClockMs() / 1000;
    char line[512];
    for (const auto &[event, data] : server.latencyEvents()) {
        if (++events == 1)
            report += "Dave, I have observed latency spikes in this Redis instance. You don't "
                      "mind talking about it, do you Dave?\n\n";
        const LatencyStats stats = analyse(data, now);
        std::snprintf(line, sizeof line,
                      "%d. %s: %d latency spikes (average %lums, mean deviation %lums, period "
                      "%.2f sec). Worst all time event %lums.",
                      events, event.c_str(), static_cast<int>(stats.samples),
                      static_cast<unsigned long>(stats.average),
                      static_cast<unsigned long>(stats.deviation),
                      static_cast<double>(stats.period) / static_cast<double>(stats.samples),
                      static_cast<unsigned long>(data.maxMs));
        report += line;
        if (event == "command") {
            if (config.slowlogLogSlowerThan < 0 || config.slowlogMaxLen == 0) {
                slowlogDisabled = true;
                ++advices;
            } else if (config.slowlogLogSlowerThan / 1000 > config.latencyMonitorThreshold) {
                slowlogTuning = true;
                ++advices;
            }
            slowlogInspect = largeObjects = true;
            advices += 2;
        } else if (event == "fast-command") {
            scheduler = true;
            ++advices;
        }
        report += '\n';
    }
    if (events == 0 && advices == 0)
        return report + "Dave, no latency spike was observed during the lifetime of this Redis "
                        "instance, not in the slightest bit. I honestly think you ought to sit "
                        "down calmly, take a stress pill, and think things over.\n";
    if (advices == 0)
        return report + "\nWhile there are latency events logged, I'm not able to suggest any "
                        "easy fix. Please use the Redis community to get some help, providing "
                        "this report in your help request.\n";
    report += "\nI have a few advices for you:\n\n";
    const std::string threshold = std::to_string(config.latencyMonitorThreshold * 1000);
    if (slowlogDisabled)
        report += "- There are latency issues with potentially slow commands you are using. Try "
                  "to enable the Slow Log Redis feature using the command 'CONFIG SET "
                  "slowlog-log-slower-than " +
                  threshold +
                  "'. If the Slow log is disabled Redis is not able to log slow commands "
                  "execution for you.\n";
    if (slowlogTuning)
        report += "- Your current Slow Log configuration only logs events that are slower than "
                  "your configured latency monitor threshold. Please use 'CONFIG SET "
                  "slowlog-log-slower-than " +
                  threshold + "'.\n";
    if (slowlogInspect)
        report += "- Check your Slow Log to understand what are the commands you are running "
                  "which are too slow to execute. Please check https://redis.io/commands/slowlog "
                  "for more information.\n";
    if (scheduler)
        report += "- The system is slow to execute Redis code paths not containing system "
                  "calls. This usually means the system does not provide Redis CPU time to run "
                  "for long periods. You should try to:\n"
                  "  1) Lower the system load.\n"
                  "  2) Use a computer / VM just for Redis if you are running other software in "
                  "the same system.\n"
                  "  3) Check if you have a \"noisy neighbour\" problem.\n"
                  "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic "
                  "latency in your system.\n"
                  "  5) Check if the problem is allocator-related by recompiling Redis with "
                  "MALLOC=libc, if you are using Jemalloc. However this may create "
                  "fragmentation problems.\n";
    if (largeObjects)
        report += "- Deleting, expiring or evicting (because of maxmemory policy) large objects "
                  "is a blocking operation. If you have very large objects that are often "
                  "deleted, expired, or evicted, try to fragment those objects into multiple "
                  "smaller objects.\n";
    if (hugePages)
        report += "- I detected a non zero amount of anonymous huge pages used by your process. "
                  "This creates very serious latency events in different conditions, especially "
                  "when Redis is persisting on disk. To disable THP support use the command "
                  "'echo never > /sys/kernel/mm/transparent_hugepage/enabled', make sure to also "
                  "add it into /etc/rc.local so that the command will be executed again after a "
                  "reboot. Note that even if you have already disabled THP, you still need to "
                  "restart the Redis process to get rid of the huge pages already created.\n";
    return report;
}

// LATENCY GRAPH's sparkline: each sample is a column of `kRows` text rows, filled from the
// bottom ("_", "o", "#" for a third, two thirds, a whole row; "|" below the top), scaled
// between the lowest and highest sample shown. Under the columns, after one blank line, each
// sample's age ("12s", "3m", "2h", "1d") is written downwards. More samples than kColumns wrap
// into further blocks. O(samples x rows).
struct SparkSample
{
    int64_t value;
    std::string label;
};

std::string renderSparkline(const std::vector<SparkSample> &samples)
{
    constexpr int kColumns = 80, kRows = 4, kLevels = 3;
    static const char kFill[kLevels] = {'_', 'o', '#'};
    if (samples.empty()) return {};
    int64_t low = samples.front().value, high = low;
    for (const SparkSample &s : samples) {
        low = std::min(low, s.value);
        high = std::max(high, s.value);
    }
    const double range = high - low == 0 ? 1.0 : static_cast<double>(high - low);
    const int steps = kLevels * kRows;
    std::string out;
    for (size_t first = 0; first < samples.size(); first += kColumns) {
        if (first) out += '\n';
        const size_t count = std::min<size_t>(kColumns, samples.size() - first);
        std::vector<int> level(count);
        size_t longestLabel = 0;
        for (size_t i = 0; i < count; ++i) {
            const SparkSample &s = samples[first + i];
            // Truncated to an int before the division, as Redis's sparkline does.
            const int scaled = static_cast<int>(static_cast<double>(s.value - low) * steps);
            level[i] = std::clamp(static_cast<int>(scaled / range), 0, steps - 1);
            longestLabel = std::max(longestLabel, s.label.size());
        }
        for (int row = 0; row < kRows; ++row) {
            for (size_t i = 0; i < count; ++i) {
                const int within = level[i] - (kRows - row - 1) * kLevels;
                out += within < 0 ? ' ' : (within < kLevels ? kFill[within] : '|');
            }
            out += '\n';
        }
        out += std::string(count, ' ') + '\n';
        for (size_t c = 0; c < longestLabel; ++c) {
            for (size_t i = 0; i < count; ++i) {
                const std::string &label = samples[first + i].label;
                out += c < label.size() ? label[c] : ' ';
            }
            out += '\n';
        }
    }
    return out;
}

std::string ageLabel(int64_t seconds)
{
    if (seconds < 60) return std::to_string(seconds) + "s";
    if (seconds < 3600) return std::to_string(seconds / 60) + "m";
    if (seconds < 3600 * 24) return std::to_string(seconds / 3600) + "h";
    return std::to_string(seconds / (3600 * 24)) + "d";
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

// LATENCY GRAPH <event>: a header with the samples' range and the all-time high, a rule, and
// the sparkline of the samples kept (oldest first).
void cmdLatencyGraph(CommandContext &ctx)
{
    const auto &events = ctx.server.latencyEvents();
    const std::string event(ctx.arg(2));
    auto it = events.find(event);
    if (it == events.end() || it->second.samples.empty())
        return ctx.error("ERR No samples available for event '" + event + "'");
    const int64_t now = Server::wallClockMs() / 1000;
    std::vector<SparkSample> samples;
    int64_t low = it->second.samples.front().second, high = low;
    for (const auto &[when, ms] : it->second.samples) {
        low = std::min(low, ms);
        high = std::max(high, ms);
        samples.push_back({ms, ageLabel(now - when)});
    }
    std::string graph = event + " - high " + std::to_string(high) + " ms, low " +
                        std::to_string(low) + " ms (all time high " +
                        std::to_string(it->second.maxMs) + " ms)\n" + std::string(80, '-') + "\n" +
                        renderSparkline(samples);
    ctx.reply.verbatim(graph);
}

namespace {

// {calls: N, histogram_usec: {bucket µs: cumulative calls, ...}} for one command.
void replyHistogram(CommandContext &ctx, const LatencyHistogram &h)
{
    ctx.reply.mapHeader(2);
    ctx.reply.bulk("calls");
    ctx.reply.integer(static_cast<int64_t>(h.total));
    ctx.reply.bulk("histogram_usec");
    // Redis 7.0 counts the buckets as it walks them: a deferred length.
    const size_t slot = ctx.reply.beginDeferredMap();
    size_t buckets = 0;
    uint64_t cumulative = 0;
    for (int k = 0; k < LatencyHistogram::kBuckets; ++k) {
        if (!h.counts[static_cast<size_t>(k)]) continue;
        cumulative += h.counts[static_cast<size_t>(k)];
        ctx.reply.integer(static_cast<int64_t>(LatencyHistogram::highestNs(k) / 1000));
        ctx.reply.integer(static_cast<int64_t>(cumulative));
        ++buckets;
    }
    ctx.reply.endDeferredMap(slot, buckets);
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
    // A deferred length in Redis 7.0 (it counts the commands with calls as it goes).
    const size_t slot = ctx.reply.beginDeferredMap();
    for (const auto &[name, histogram] : entries) {
        ctx.reply.bulk(name);
        replyHistogram(ctx, *histogram);
    }
    ctx.reply.endDeferredMap(slot, entries.size());
}

void cmdLatencyHelp(CommandContext &ctx)
{
    static const char *const lines[] = {
        "DOCTOR",
        "    Return a human readable latency analysis report.",
        "GRAPH <event>",
        "    Return an ASCII latency graph for the <event> class.",
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
