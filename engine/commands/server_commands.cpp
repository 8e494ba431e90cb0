// Server introspection: INFO (the sections a dashboard reads, with Redis's field names) and
// COMMAND (COUNT, INFO, DOCS, LIST, GETKEYS), which serve the command table to clients and
// to the GUI's autocomplete.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "redscope/engine.h"
#include "server/server.h"
#include "util/strings.h"

#include <fstream>
#include <sstream>
#include <sys/resource.h>
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
        << "used_memory_dataset:" << used << "\r\n"
        << "maxmemory:" << maxMemory << "\r\n"
        << "maxmemory_human:" << humanBytes(static_cast<double>(maxMemory)) << "\r\n"
        << "maxmemory_policy:" << server.config().maxMemoryPolicy << "\r\n"
        << "mem_fragmentation_ratio:"
        << (used ? static_cast<double>(rss) / static_cast<double>(used) : 0.0) << "\r\n"
        << "mem_allocator:libc\r\n";
}

void sectionPersistence(Server &server, std::ostringstream &out)
{
    out << "# Persistence\r\n"
        << "loading:0\r\n"
        << "rdb_changes_since_last_save:" << server.stats().dirty << "\r\n"
        << "rdb_last_save_time:" << server.lastSaveTime << "\r\n"
        << "aof_enabled:" << (server.config().appendOnly ? 1 : 0) << "\r\n";
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

void replyCommandInfo(CommandContext &ctx, const CommandSpec &spec)
{
    ReplyWriter &r = ctx.reply;
    r.arrayHeader(10);
    r.bulk(spec.name);
    r.integer(spec.arity);
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
    r.integer(spec.firstKey);
    r.integer(spec.lastKey);
    r.integer(spec.keyStep);
    std::vector<std::string_view> categories = CommandTable::categories(spec);
    r.setHeader(categories.size());
    for (std::string_view c : categories) r.status("@" + std::string(c));
    r.setHeader(0); // tips
    r.arrayHeader(0); // key specs
    r.arrayHeader(0); // subcommands
}

void replyCommandDocs(CommandContext &ctx, const CommandSpec &spec)
{
    ReplyWriter &r = ctx.reply;
    r.bulk(spec.name);
    r.mapHeader(4);
    r.bulk("summary");
    r.bulk(spec.summary ? spec.summary : "");
    r.bulk("since");
    r.bulk(spec.since ? spec.since : "");
    r.bulk("group");
    r.bulk(spec.group);
    r.bulk("complexity");
    r.bulk(spec.complexity ? spec.complexity : "");
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
    if (equalsIgnoreCase(sub, "COUNT") && ctx.argc() == 2) {
        ctx.reply.integer(static_cast<int64_t>(table.all().size()));
    } else if (equalsIgnoreCase(sub, "INFO")) {
        if (ctx.argc() == 2) {
            ctx.reply.arrayHeader(table.all().size());
            for (const CommandSpec &spec : table.all()) replyCommandInfo(ctx, spec);
            return;
        }
        ctx.reply.arrayHeader(ctx.argc() - 2);
        for (size_t i = 2; i < ctx.argc(); ++i) {
            const CommandSpec *spec = table.find(ctx.arg(i));
            if (spec)
                replyCommandInfo(ctx, *spec);
            else
                ctx.reply.nullArray();
        }
    } else if (equalsIgnoreCase(sub, "DOCS")) {
        std::vector<const CommandSpec *> specs;
        if (ctx.argc() == 2) {
            for (const CommandSpec &spec : table.all()) specs.push_back(&spec);
        } else {
            for (size_t i = 2; i < ctx.argc(); ++i)
                if (const CommandSpec *spec = table.find(ctx.arg(i))) specs.push_back(spec);
        }
        ctx.reply.mapHeader(specs.size());
        for (const CommandSpec *spec : specs) replyCommandDocs(ctx, *spec);
    } else if (equalsIgnoreCase(sub, "LIST")) {
        ctx.reply.arrayHeader(table.all().size());
        for (const CommandSpec &spec : table.all()) ctx.reply.bulk(spec.name);
    } else if (equalsIgnoreCase(sub, "GETKEYS") && ctx.argc() >= 3) {
        const CommandSpec *spec = table.find(ctx.arg(2));
        if (!spec) return ctx.error("ERR Invalid command specified");
        int argc = static_cast<int>(ctx.argc()) - 2;
        if ((spec->arity > 0 && argc != spec->arity) || argc < -spec->arity)
            return ctx.error("ERR Invalid number of arguments specified for command");
        std::vector<int> positions = CommandTable::keyPositions(*spec, argc);
        if (positions.empty()) return ctx.error("ERR The command has no key arguments");
        ctx.reply.arrayHeader(positions.size());
        for (int p : positions) ctx.reply.bulk(ctx.arg(static_cast<size_t>(p) + 2));
    } else {
        ctx.error("ERR unknown subcommand '" + std::string(sub) + "'. Try COMMAND HELP.");
    }
}

} // namespace redscope::engine
