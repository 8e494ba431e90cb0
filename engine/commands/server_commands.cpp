// Server introspection: INFO (the sections a dashboard reads, with Redis's field names) and
// COMMAND (COUNT, INFO, DOCS, LIST, GETKEYS), which serve the command table to clients and
// to the GUI's autocomplete.
#include "commands/command_context.h"
#include "commands/command_docs.h"
#include "commands/handlers.h"
#include "commands/subcommands.h"
#include "persistence/persistence.h"
#include "redscope/engine.h"
#include "server/eviction.h"
#include "server/server.h"
#include "util/strings.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

size_t residentSetBytes()
{
    std::ifstream statm("/proc/self/statm");
    size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

std::string humanBytes(double bytes)
{
    const char *units[] = {"B", "K", "M", "G", "T"};
    int unit = 0;
    while (bytes >= 1024 && unit < 4) {
        bytes /= 1024;
        ++unit;
    }
    char text[32];
    if (unit == 0)
        std::snprintf(text, sizeof text, "%.0fB", bytes);
    else
        std::snprintf(text, sizeof text, "%.2f%s", bytes, units[unit]);
    return text;
}

// Average rate per second over the cron's samples.
double instantaneous(const std::vector<std::pair<int64_t, uint64_t>> &samples)
{
    if (samples.size() < 2) return 0;
    const auto &first = samples.front();
    const auto &last = samples.back();
    int64_t ms = last.first - first.first;
    return ms <= 0 ? 0 : static_cast<double>(last.second - first.second) * 1000.0 / static_cast<double>(ms);
}

void sectionServer(Server &server, std::ostringstream &out)
{
    utsname names{};
    uname(&names);
    int64_t uptime = (Server::wallClockMs() - server.startTimeMs()) / 1000;
    out << "# Server\r\n"
        // Clients pick features by redis_version; the engine implements Redis 7.0's commands.
        << "redis_version:7.0.0\r\n"
        << "redscope_version:" << version() << "\r\n"
        << "redis_mode:standalone\r\n"
        << "os:" << names.sysname << " " << names.release << " " << names.machine << "\r\n"
        << "arch_bits:64\r\n"
        << "multiplexing_api:epoll\r\n"
        << "process_id:" << getpid() << "\r\n"
        << "run_id:" << server.runId() << "\r\n"
        << "tcp_port:" << server.boundTcpPort() << "\r\n"
        << "server_time_usec:" << Server::wallClockMs() * 1000 << "\r\n"
        << "uptime_in_seconds:" << uptime << "\r\n"
        << "uptime_in_days:" << uptime / 86400 << "\r\n"
        << "hz:" << server.config().hz << "\r\n"
        << "configured_hz:" << server.config().hz << "\r\n"
        << "executable:" << "redscope-server" << "\r\n";
}

void sectionClients(Server &server, std::ostringstream &out)
{
    size_t pubsubClients = 0;
    size_t watching = 0;
    for (const auto &entry : server.clients()) {
        if (entry.second->subscriptionCount()) ++pubsubClients;
        if (!entry.second->watchedKeys.empty()) ++watching;
    }
    out << "# Clients\r\n"
        << "connected_clients:" << server.clients().size() << "\r\n"
        << "maxclients:" << server.config().maxClients << "\r\n"
        << "blocked_clients:" << server.blockedClientCount() << "\r\n"
        << "tracking_clients:0\r\n"
        << "pubsub_clients:" << pubsubClients << "\r\n"
        << "watching_clients:" << watching << "\r\n"
        << "clients_in_timeout_table:" << server.blockedClientCount() << "\r\n";
}

void sectionMemory(Server &server, std::ostringstream &out)
{
    size_t used = server.usedMemoryEstimate();
    size_t rss = residentSetBytes();
    int64_t maxMemory = server.config().maxMemory;
    out << "# Memory\r\n"
        << "used_memory:" << used << "\r\n"
        << "used_memory_human:" << humanBytes(static_cast<double>(used)) << "\r\n"
        << "used_memory_rss:" << rss << "\r\n"
        << "used_memory_rss_human:" << humanBytes(static_cast<double>(rss)) << "\r\n"
        << "used_memory_dataset:" << server.evictor().datasetMemory() << "\r\n"
        << "maxmemory:" << maxMemory << "\r\n"
        << "maxmemory_human:" << humanBytes(static_cast<double>(maxMemory)) << "\r\n"
        << "maxmemory_policy:" << server.config().maxMemoryPolicy << "\r\n"
        << "mem_fragmentation_ratio:"
        << (used ? static_cast<double>(rss) / static_cast<double>(used) : 0.0) << "\r\n"
        << "mem_allocator:libc\r\n";
}

void sectionPersistence(Server &server, std::ostringstream &out)
{
    out << "# Persistence\r\n" << server.persistence().infoFields();
}

void sectionStats(Server &server, std::ostringstream &out)
{
    ServerStats &stats = server.stats();
    out << "# Stats\r\n"
        << "total_connections_received:" << stats.connectionsReceived << "\r\n"
        << "total_commands_processed:" << stats.commandsProcessed << "\r\n"
        << "instantaneous_ops_per_sec:" << static_cast<int64_t>(instantaneous(stats.opsSamples)) << "\r\n"
        << "total_net_input_bytes:" << stats.netInputBytes << "\r\n"
        << "total_net_output_bytes:" << stats.netOutputBytes << "\r\n"
        << "instantaneous_input_kbps:" << instantaneous(stats.netInSamples) / 1024 << "\r\n"
        << "instantaneous_output_kbps:" << instantaneous(stats.netOutSamples) / 1024 << "\r\n"
        << "rejected_connections:" << stats.rejectedConnections << "\r\n"
        << "expired_keys:" << stats.expiredKeys << "\r\n"
        << "evicted_keys:" << stats.evictedKeys << "\r\n"
        << "keyspace_hits:" << stats.keyspaceHits << "\r\n"
        << "keyspace_misses:" << stats.keyspaceMisses << "\r\n"
        << "pubsub_channels:" << server.channelSubscribers().size() << "\r\n"
        << "pubsub_patterns:" << server.patternSubscribers().size() << "\r\n"
        << "total_error_replies:" << stats.totalErrorReplies << "\r\n";
}

void sectionReplication(Server &server, std::ostringstream &out)
{
    out << "# Replication\r\n"
        << "role:master\r\n"
        << "connected_slaves:0\r\n"
        << "master_replid:" << server.runId() << "\r\n"
        << "master_repl_offset:0\r\n";
}

void sectionCpu(std::ostringstream &out)
{
    rusage self{};
    getrusage(RUSAGE_SELF, &self);
    auto seconds = [](const timeval &tv) {
        return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
    };
    out << "# CPU\r\n"
        << "used_cpu_sys:" << seconds(self.ru_stime) << "\r\n"
        << "used_cpu_user:" << seconds(self.ru_utime) << "\r\n";
}

void sectionCommandStats(Server &server, std::ostringstream &out)
{
    out << "# Commandstats\r\n";
    const auto &commands = CommandTable::instance().all();
    for (size_t i = 0; i < commands.size(); ++i) {
        const CommandStats &s = server.commandStats()[i];
        if (!s.calls && !s.rejectedCalls && !s.failedCalls) continue;
        out << "cmdstat_" << commands[i].name << ":calls=" << s.calls << ",usec=" << s.microseconds
            << ",usec_per_call="
            << (s.calls ? static_cast<double>(s.microseconds) / static_cast<double>(s.calls) : 0.0)
            << ",rejected_calls=" << s.rejectedCalls << ",failed_calls=" << s.failedCalls << "\r\n";
    }
}

void sectionErrorStats(Server &server, std::ostringstream &out)
{
    out << "# Errorstats\r\n";
    for (const auto &[code, count] : server.stats().errorCodes)
        out << "errorstat_" << code << ":count=" << count << "\r\n";
}

void sectionKeyspace(Server &server, std::ostringstream &out)
{
    out << "# Keyspace\r\n";
    for (int i = 0; i < server.dbCount(); ++i) {
        Database &db = server.db(i);
        if (db.size() == 0) continue;
        out << "db" << i << ":keys=" << db.size() << ",expires=" << db.expiresCount()
            << ",avg_ttl=0\r\n";
    }
}

} // namespace

void cmdInfo(CommandContext &ctx)
{
    // Sections asked for; none, "default" or "all"/"everything" as in Redis.
    std::vector<std::string> wanted;
    for (size_t i = 1; i < ctx.argc(); ++i) wanted.push_back(toLower(ctx.arg(i)));
    bool all = false, everything = false, defaults = wanted.empty();
    for (const std::string &w : wanted) {
        if (w == "all") all = true;
        if (w == "everything") everything = true;
        if (w == "default") defaults = true;
    }
    auto want = [&](const char *name, bool inDefault) {
        if (everything || (all && std::string_view(name) != "commandstats_off")) return true;
        if (defaults && inDefault) return true;
        for (const std::string &w : wanted)
            if (w == name) return true;
        return false;
    };
    std::ostringstream out;
    Server &server = ctx.server;
    bool first = true;
    auto separate = [&]() {
        if (!first) out << "\r\n";
        first = false;
    };
    if (want("server", true)) { separate(); sectionServer(server, out); }
    if (want("clients", true)) { separate(); sectionClients(server, out); }
    if (want("memory", true)) { separate(); sectionMemory(server, out); }
    if (want("persistence", true)) { separate(); sectionPersistence(server, out); }
    if (want("stats", true)) { separate(); sectionStats(server, out); }
    if (want("replication", true)) { separate(); sectionReplication(server, out); }
    if (want("cpu", true)) { separate(); sectionCpu(out); }
    if (want("commandstats", false)) { separate(); sectionCommandStats(server, out); }
    if (want("errorstats", true)) { separate(); sectionErrorStats(server, out); }
    if (want("keyspace", true)) { separate(); sectionKeyspace(server, out); }
    ctx.reply.verbatim(out.str());
}

namespace {

// sub non-null: the entry of one subcommand, listed under its container as Redis 7 does
// (name "config|get", its own arity, the container's flags; no key positions of its own).
void replyCommandInfo(CommandContext &ctx, const CommandSpec &spec,
                      const SubcommandSpec *sub = nullptr)
{
    ReplyWriter &r = ctx.reply;
    r.arrayHeader(10);
    if (sub)
        r.bulk(std::string(spec.name) + "|" + sub->name);
    else
        r.bulk(spec.name);
    r.integer(sub ? sub->arity : spec.arity);
    std::vector<std::string_view> flags;
    if (spec.flags & CmdWrite) flags.push_back("write");
    if (spec.flags & CmdReadOnly) flags.push_back("readonly");
    if (spec.flags & CmdDenyOom) flags.push_back("denyoom");
    if (spec.flags & CmdAdmin) flags.push_back("admin");
    if (spec.flags & CmdPubSub) flags.push_back("pubsub");
    if (spec.flags & CmdBlocking) flags.push_back("blocking");
    if (spec.flags & CmdFast) flags.push_back("fast");
    if (spec.flags & CmdNoAuth) flags.push_back("no_auth");
    if (spec.flags & CmdLoading) flags.push_back("loading");
    if (spec.flags & CmdStale) flags.push_back("stale");
    if (spec.flags & CmdNoMulti) flags.push_back("no_multi");
    r.setHeader(flags.size());
    for (std::string_view f : flags) r.status(f);
    r.integer(sub ? 0 : spec.firstKey);
    r.integer(sub ? 0 : spec.lastKey);
    r.integer(sub ? 0 : spec.keyStep);
    std::vector<std::string_view> categories = CommandTable::categories(spec);
    r.setHeader(categories.size());
    for (std::string_view c : categories) r.status("@" + std::string(c));
    r.setHeader(0); // tips
    r.arrayHeader(0); // key specs
    const std::vector<SubcommandSpec> *subs = sub ? nullptr : CommandTable::subcommands(spec);
    r.arrayHeader(subs ? subs->size() : 0);
    if (subs)
        for (const SubcommandSpec &each : *subs) replyCommandInfo(ctx, spec, &each);
}

// The docs map of a command or of one subcommand (sub non-null: fullName is "config|get").
// Arguments come from command_docs.cpp; a container lists its subcommands' docs, as Redis 7.
void replyDocsMap(CommandContext &ctx, const CommandSpec &spec, const SubcommandSpec *sub)
{
    ReplyWriter &r = ctx.reply;
    const std::string fullName =
        sub ? std::string(spec.name) + "|" + sub->name : std::string(spec.name);
    const std::vector<ArgumentDoc> *arguments = CommandDocs::arguments(fullName);
    const bool hasArguments = arguments && !arguments->empty();
    const std::vector<SubcommandSpec> *subs = sub ? nullptr : CommandTable::subcommands(spec);
    r.mapHeader(4 + hasArguments + (subs != nullptr));
    r.bulk("summary");
    r.bulk(sub ? std::string() : std::string(spec.summary ? spec.summary : ""));
    r.bulk("since");
    r.bulk(spec.since ? spec.since : "");
    r.bulk("group");
    r.bulk(spec.group);
    r.bulk("complexity");
    r.bulk(spec.complexity ? spec.complexity : "");
    if (hasArguments) {
        r.bulk("arguments");
        CommandDocs::writeArguments(r, *arguments);
    }
    if (subs) {
        r.bulk("subcommands");
        r.mapHeader(subs->size());
        for (const SubcommandSpec &each : *subs) {
            r.bulk(std::string(spec.name) + "|" + each.name);
            replyDocsMap(ctx, spec, &each);
        }
    }
}

void replyCommandDocs(CommandContext &ctx, const CommandSpec &spec, const SubcommandSpec *sub)
{
    ctx.reply.bulk(sub ? std::string(spec.name) + "|" + sub->name : std::string(spec.name));
    replyDocsMap(ctx, spec, sub);
}

} // namespace

void cmdCommand(CommandContext &ctx)
{
    const CommandTable &table = CommandTable::instance();
    if (ctx.argc() == 1) {
        ctx.reply.arrayHeader(table.all().size());
        for (const CommandSpec &spec : table.all()) replyCommandInfo(ctx, spec);
        return;
    }
    std::string_view sub = ctx.arg(1);
    // Redis 7 names a subcommand called with the wrong argument count as "command|sub".
    if ((equalsIgnoreCase(sub, "COUNT") || equalsIgnoreCase(sub, "HELP")) && ctx.argc() != 2)
        return ctx.error("ERR wrong number of arguments for 'command|" + toLower(sub) + "' command");
    if (equalsIgnoreCase(sub, "COUNT")) {
        ctx.reply.integer(static_cast<int64_t>(table.all().size()));
    } else if (equalsIgnoreCase(sub, "INFO")) {
        if (ctx.argc() == 2) {
            ctx.reply.arrayHeader(table.all().size());
            for (const CommandSpec &spec : table.all()) replyCommandInfo(ctx, spec);
            return;
        }
        // Names may be "container|sub", as in Redis 7.
        ctx.reply.arrayHeader(ctx.argc() - 2);
        for (size_t i = 2; i < ctx.argc(); ++i) {
            std::string_view name = ctx.arg(i);
            const size_t bar = name.find('|');
            const CommandSpec *spec = table.find(name.substr(0, bar));
            const SubcommandSpec *sub =
                spec && bar != std::string_view::npos
                    ? CommandTable::findSubcommand(*spec, name.substr(bar + 1))
                    : nullptr;
            if (spec && (bar == std::string_view::npos || sub))
                replyCommandInfo(ctx, *spec, sub);
            else
                ctx.reply.nullArray();
        }
    } else if (equalsIgnoreCase(sub, "DOCS")) {
        // Names may be "container|sub", as in Redis 7; unknown names are left out.
        std::vector<std::pair<const CommandSpec *, const SubcommandSpec *>> specs;
        if (ctx.argc() == 2) {
            for (const CommandSpec &spec : table.all()) specs.emplace_back(&spec, nullptr);
        } else {
            for (size_t i = 2; i < ctx.argc(); ++i) {
                std::string_view name = ctx.arg(i);
                const size_t bar = name.find('|');
                const CommandSpec *spec = table.find(name.substr(0, bar));
                if (!spec) continue;
                if (bar == std::string_view::npos) {
                    specs.emplace_back(spec, nullptr);
                } else if (const SubcommandSpec *sub =
                               CommandTable::findSubcommand(*spec, name.substr(bar + 1))) {
                    specs.emplace_back(spec, sub);
                }
            }
        }
        ctx.reply.mapHeader(specs.size());
        for (const auto &[spec, sub] : specs) replyCommandDocs(ctx, *spec, sub);
    } else if (equalsIgnoreCase(sub, "LIST")) {
        ctx.reply.arrayHeader(table.all().size());
        for (const CommandSpec &spec : table.all()) ctx.reply.bulk(spec.name);
    } else if (equalsIgnoreCase(sub, "GETKEYS")) {
        // Redis 7's COMMAND GETKEYS has arity -4: a command and at least one argument.
        if (ctx.argc() < 4) return ctx.error("ERR wrong number of arguments for 'command|getkeys' command");
        const CommandSpec *spec = table.find(ctx.arg(2));
        if (!spec) return ctx.error("ERR Invalid command specified");
        int argc = static_cast<int>(ctx.argc()) - 2;
        if ((spec->arity > 0 && argc != spec->arity) || argc < -spec->arity)
            return ctx.error("ERR Invalid number of arguments specified for command");
        std::vector<int> positions = CommandTable::keyPositions(*spec, ctx.argv.subspan(2));
        if (positions.empty()) return ctx.error("ERR The command has no key arguments");
        ctx.reply.arrayHeader(positions.size());
        for (int p : positions) ctx.reply.bulk(ctx.arg(static_cast<size_t>(p) + 2));
    } else {
        ctx.error("ERR unknown subcommand '" + std::string(sub) + "'. Try COMMAND HELP.");
    }
}

// ---------------------------------------------------------------------------------------
// Diagnostics and administration (issue 3): TIME, SLOWLOG, LATENCY, MEMORY, MONITOR,
// SHUTDOWN, DEBUG. They read what Server::call records (slowlog entries, latency samples)
// and never walk the keyspace except MEMORY STATS/DOCTOR, which are O(keys) like INFO
// memory. CONFIG lives in config_commands.cpp.

void cmdTime(CommandContext &ctx)
{
    timeval now{};
    gettimeofday(&now, nullptr);
    ctx.reply.arrayHeader(2);
    ctx.reply.bulk(formatInt64(now.tv_sec));
    ctx.reply.bulk(formatInt64(now.tv_usec));
}

namespace {

void replySlowlogEntry(CommandContext &ctx, const SlowlogEntry &entry)
{
    ctx.reply.arrayHeader(6);
    ctx.reply.integer(static_cast<int64_t>(entry.id));
    ctx.reply.integer(entry.timestamp);
    ctx.reply.integer(entry.durationUs);
    ctx.reply.arrayHeader(entry.argv.size());
    for (const std::string &arg : entry.argv) ctx.reply.bulk(arg);
    ctx.reply.bulk(entry.peer);
    ctx.reply.bulk(entry.clientName);
}

} // namespace

void cmdSlowlog(CommandContext &ctx)
{
    std::string_view sub = ctx.arg(1);
    std::deque<SlowlogEntry> &slowlog = ctx.server.slowlog();
    if (equalsIgnoreCase(sub, "GET")) {
        if (ctx.argc() > 3) return badSubcommandUsage(ctx, "SLOWLOG");
        int64_t count = 10;
        if (ctx.argc() == 3 && (!parseInt64(ctx.arg(2), &count) || count < -1))
            return ctx.error("ERR count should be greater than or equal to -1");
        size_t n = count == -1 ? slowlog.size()
                               : std::min(slowlog.size(), static_cast<size_t>(count));
        ctx.reply.arrayHeader(n);
        for (size_t i = 0; i < n; ++i) replySlowlogEntry(ctx, slowlog[i]);
    } else if (equalsIgnoreCase(sub, "LEN")) {
        if (!subcommandArity(ctx, 2)) return;
        ctx.reply.integer(static_cast<int64_t>(slowlog.size()));
    } else if (equalsIgnoreCase(sub, "RESET")) {
        if (!subcommandArity(ctx, 2)) return;
        slowlog.clear();
        ctx.reply.ok();
    } else if (equalsIgnoreCase(sub, "HELP")) {
        if (!subcommandArity(ctx, 2)) return;
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
    } else {
        unknownSubcommand(ctx, "SLOWLOG");
    }
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
        for (const auto &sample : data.samples) sum += sample.second;
        int64_t average = data.samples.empty() ? 0 : sum / static_cast<int64_t>(data.samples.size());
        out << index++ << ". " << event << ": " << data.samples.size()
            << " latency spikes (average " << average << "ms, mean deviation 0ms, period 0 sec). "
            << "Worst all time event " << data.maxMs << "ms.\n";
    }
    out << "\nI have a few advices for you:\n\n- Check your commands' complexity and the size of "
           "the values they touch: SLOWLOG GET shows the slow ones.\n";
    return out.str();
}

} // namespace

void cmdLatency(CommandContext &ctx)
{
    std::string_view sub = ctx.arg(1);
    auto &events = ctx.server.latencyEvents();
    if (equalsIgnoreCase(sub, "LATEST")) {
        if (!subcommandArity(ctx, 2)) return;
        ctx.reply.arrayHeader(events.size());
        for (const auto &[event, data] : events) {
            ctx.reply.arrayHeader(4);
            ctx.reply.bulk(event);
            ctx.reply.integer(data.samples.empty() ? 0 : data.samples.back().first);
            ctx.reply.integer(data.samples.empty() ? 0 : data.samples.back().second);
            ctx.reply.integer(data.maxMs);
        }
    } else if (equalsIgnoreCase(sub, "HISTORY")) {
        if (!subcommandArity(ctx, 3)) return;
        auto it = events.find(std::string(ctx.arg(2)));
        if (it == events.end()) return ctx.reply.arrayHeader(0);
        ctx.reply.arrayHeader(it->second.samples.size());
        for (const auto &[when, ms] : it->second.samples) {
            ctx.reply.arrayHeader(2);
            ctx.reply.integer(when);
            ctx.reply.integer(ms);
        }
    } else if (equalsIgnoreCase(sub, "RESET")) {
        int64_t reset = 0;
        if (ctx.argc() == 2) {
            reset = static_cast<int64_t>(events.size());
            events.clear();
        } else {
            for (size_t i = 2; i < ctx.argc(); ++i) reset += static_cast<int64_t>(events.erase(std::string(ctx.arg(i))));
        }
        ctx.reply.integer(reset);
    } else if (equalsIgnoreCase(sub, "DOCTOR")) {
        if (!subcommandArity(ctx, 2)) return;
        ctx.reply.verbatim(latencyDoctor(ctx.server));
    } else if (equalsIgnoreCase(sub, "HELP")) {
        if (!subcommandArity(ctx, 2)) return;
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
        };
        replyHelp(ctx, "LATENCY", lines);
    } else {
        unknownSubcommand(ctx, "LATENCY");
    }
}

namespace {

// Bytes a key costs: its value, the key text, and the table entry that holds them (the same
// estimate usedMemoryEstimate sums over the whole keyspace).
size_t keyMemoryUsage(std::string_view key, const Value &value, size_t samples)
{
    return 32 + key.size() + value.memoryUsage(samples);
}

void memoryUsage(CommandContext &ctx)
{
    if (!subcommandArity(ctx, -3)) return;
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

void memoryStats(CommandContext &ctx)
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
        clients += sizeof(Client) + entry.second->input.capacity() + entry.second->output.capacity();
    size_t rss = residentSetBytes();
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

} // namespace

void cmdMemory(CommandContext &ctx)
{
    std::string_view sub = ctx.arg(1);
    if (equalsIgnoreCase(sub, "USAGE")) {
        memoryUsage(ctx);
    } else if (equalsIgnoreCase(sub, "STATS")) {
        if (!subcommandArity(ctx, 2)) return;
        memoryStats(ctx);
    } else if (equalsIgnoreCase(sub, "DOCTOR")) {
        if (!subcommandArity(ctx, 2)) return;
        if (ctx.server.usedMemoryEstimate() < 5 * 1024 * 1024)
            return ctx.reply.verbatim(
                "Hi Sam, this instance is empty or is using very little memory, my issues "
                "detector can't be used in these conditions. Please, leave for your mission on "
                "Earth and fill it with some data. The new Sam and I will be back to our "
                "programming as soon as I finished rebooting.\n");
        ctx.reply.verbatim("Hi Sam, I can't find any memory issue in your instance. I can only "
                           "account for what occurs on this base.\n");
    } else if (equalsIgnoreCase(sub, "MALLOC-STATS")) {
        if (!subcommandArity(ctx, 2)) return;
        ctx.reply.verbatim("Stats not supported for the current allocator\n");
    } else if (equalsIgnoreCase(sub, "PURGE")) {
        if (!subcommandArity(ctx, 2)) return;
        ctx.reply.ok();
    } else if (equalsIgnoreCase(sub, "HELP")) {
        if (!subcommandArity(ctx, 2)) return;
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
    } else {
        unknownSubcommand(ctx, "MEMORY");
    }
}

void cmdMonitor(CommandContext &ctx)
{
    if (ctx.client.monitor) return; // Redis ignores a second MONITOR without replying
    ctx.server.addMonitor(ctx.client);
    ctx.reply.ok();
}

// SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. The final save is the persistence layer's:
// it runs when the loop has stopped (Server::run -> Persistence::onShutdown), told here
// whether SAVE or NOSAVE overrides the save points. There is no shutdown grace period for
// replicas (the engine has none), so NOW and FORCE change nothing and ABORT has nothing to
// abort.
void cmdShutdown(CommandContext &ctx)
{
    bool save = false, nosave = false, abort = false, other = false;
    for (size_t i = 1; i < ctx.argc(); ++i) {
        std::string_view option = ctx.arg(i);
        if (equalsIgnoreCase(option, "SAVE")) save = true;
        else if (equalsIgnoreCase(option, "NOSAVE")) nosave = true;
        else if (equalsIgnoreCase(option, "ABORT")) abort = true;
        else if (equalsIgnoreCase(option, "NOW") || equalsIgnoreCase(option, "FORCE")) other = true;
        else return ctx.syntaxError();
    }
    if ((save && nosave) || (abort && (save || nosave || other))) return ctx.syntaxError();
    if (abort) return ctx.error("ERR No shutdown in progress.");
    using Mode = Persistence::ShutdownSave;
    ctx.server.persistence().setShutdownSave(save ? Mode::Save : nosave ? Mode::NoSave : Mode::Default);
    ctx.server.log(Server::LogWarning, "User requested shutdown...");
    ctx.server.requestShutdown();
    // No reply: like Redis, the client sees the connection close when the process exits.
}

namespace {

void debugObject(CommandContext &ctx)
{
    Value *value = ctx.db().lookup(ctx.arg(2), ctx.nowMs);
    if (!value) return ctx.error(errors::kNoSuchKey);
    char address[32];
    std::snprintf(address, sizeof address, "%p", static_cast<void *>(value));
    std::ostringstream out;
    out << "Value at:" << address << " refcount:1 encoding:" << value->encodingName()
        << " serializedlength:" << value->memoryUsage(5) << " lru:" << value->lruClock
        << " lru_seconds_idle:" << value->idleMs(ctx.nowMs) / 1000;
    ctx.reply.status(out.str());
}

} // namespace

// DEBUG: the subcommands tests and tools rely on. Unlike redis-server 7.0 (where
// enable-debug-command defaults to "no") it is always available: the engine is a local,
// embedded server for a desktop tool and its test suites.
void cmdDebug(CommandContext &ctx)
{
    std::string_view sub = ctx.arg(1);
    if (equalsIgnoreCase(sub, "OBJECT") && ctx.argc() == 3) {
        debugObject(ctx);
    } else if (equalsIgnoreCase(sub, "SLEEP") && ctx.argc() == 3) {
        // Like Redis (strtod): text that is not a number sleeps 0 s.
        std::string text(ctx.arg(2));
        double seconds = std::strtod(text.c_str(), nullptr);
        if (seconds > 0) usleep(static_cast<useconds_t>(seconds * 1e6));
        ctx.reply.ok();
    } else if (equalsIgnoreCase(sub, "RELOAD") && ctx.argc() == 2) {
        std::string error;
        if (!ctx.server.persistence().saveAndReload(&error)) return ctx.error("ERR " + error);
        ctx.reply.ok();
    } else if (equalsIgnoreCase(sub, "SET-ACTIVE-EXPIRE") && ctx.argc() == 3) {
        std::string text(ctx.arg(2));
        ctx.server.activeExpireEnabled = std::atoi(text.c_str()) != 0;
        ctx.reply.ok();
    } else if (equalsIgnoreCase(sub, "HELP")) {
        static const char *const lines[] = {
            "OBJECT <key>",
            "    Show low level info about `key` and associated value.",
            "RELOAD",
            "    Save the RDB on disk and reload it back to memory.",
            "SET-ACTIVE-EXPIRE <0|1>",
            "    Setting it to 0 disables expiring keys in background when they are not",
            "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
            "    default.",
            "SLEEP <seconds>",
            "    Stop the server for <seconds>. Decimals allowed.",
        };
        replyHelp(ctx, "DEBUG", lines);
    } else {
        badSubcommandUsage(ctx, "DEBUG");
    }
}

} // namespace redscope::engine
