// INFO: the sections a dashboard reads (server, clients, memory, persistence, stats,
// replication, cpu, commandstats, errorstats, keyspace), with Redis's field names so that
// existing tools parse them. Each section is a function writing into one text buffer; the
// command only picks the sections asked for. Everything here reads counters the server
// already keeps: no section walks the keyspace, so INFO stays O(commands + clients).
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "persistence/persistence.h"
#include "redscope/engine.h"
#include "scripting/script_engine.h"
#include "server/eviction.h"
#include "server/server.h"
#include "server/version.h"
#include "util/strings.h"

#include <cstdio>
#include <sstream>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

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
    return ms <= 0
               ? 0
               : static_cast<double>(last.second - first.second) * 1000.0 / static_cast<double>(ms);
}

void sectionServer(Server &server, std::ostringstream &out)
{
    utsname names{};
    uname(&names);
    int64_t uptime = (Server::wallClockMs() - server.startTimeMs()) / 1000;
    out << "# Server\r\n"
        // Clients pick features by redis_version; the engine implements Redis 7.0's commands.
        << "redis_version:" << kRedisVersion << "\r\n"
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
        << "executable:"
        << "redscope-server"
        << "\r\n";
}

void sectionClients(Server &server, std::ostringstream &out)
{
    size_t pubsubClients = 0;
    size_t watching = 0;
    for (const auto &entry : server.clients()) {
        if (entry.second->inPubSubMode()) ++pubsubClients;
        if (!entry.second->watchedKeys.empty()) ++watching;
    }
    out << "# Clients\r\n"
        << "connected_clients:" << server.clients().size() << "\r\n"
        << "maxclients:" << server.config().maxClients << "\r\n"
        << "blocked_clients:" << server.blockedClientCount() << "\r\n"
        << "tracking_clients:" << server.tracking().trackingClients() << "\r\n"
        << "pubsub_clients:" << pubsubClients << "\r\n"
        << "watching_clients:" << watching << "\r\n"
        << "clients_in_timeout_table:" << server.blockedClientCount() << "\r\n";
}

void sectionMemory(Server &server, std::ostringstream &out)
{
    size_t used = server.usedMemoryEstimate();
    size_t rss = Server::residentSetBytes();
    int64_t maxMemory = server.config().maxMemory;
    out << "# Memory\r\n"
        << "used_memory:" << used << "\r\n"
        << "used_memory_human:" << humanBytes(static_cast<double>(used)) << "\r\n"
        << "used_memory_rss:" << rss << "\r\n"
        << "used_memory_rss_human:" << humanBytes(static_cast<double>(rss)) << "\r\n"
        << "used_memory_dataset:" << server.evictor().datasetMemory() << "\r\n";
    // Scripting (scripting/script_engine.h): zeros until the first script or library.
    const ScriptEngine *scripting = server.scriptingIfCreated();
    ScriptEngine::MemoryInfo lua = scripting ? scripting->memoryInfo() : ScriptEngine::MemoryInfo{};
    out << "used_memory_lua:" << lua.evalVm << "\r\n"
        << "used_memory_vm_eval:" << lua.evalVm << "\r\n"
        << "used_memory_lua_human:" << humanBytes(static_cast<double>(lua.evalVm)) << "\r\n"
        << "used_memory_scripts_eval:" << lua.scripts << "\r\n"
        << "number_of_cached_scripts:" << (scripting ? scripting->scriptCount() : 0) << "\r\n"
        << "number_of_functions:" << (scripting ? scripting->functionCount() : 0) << "\r\n"
        << "number_of_libraries:" << (scripting ? scripting->libraries().size() : 0) << "\r\n"
        << "used_memory_vm_functions:" << lua.functionsVm << "\r\n"
        << "used_memory_vm_total:" << lua.evalVm + lua.functionsVm << "\r\n"
        << "used_memory_vm_total_human:"
        << humanBytes(static_cast<double>(lua.evalVm + lua.functionsVm)) << "\r\n"
        << "used_memory_functions:" << lua.functions << "\r\n"
        << "used_memory_scripts:" << lua.scripts + lua.functions << "\r\n"
        << "used_memory_scripts_human:"
        << humanBytes(static_cast<double>(lua.scripts + lua.functions)) << "\r\n";
    out << "maxmemory:" << maxMemory << "\r\n"
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
        << "instantaneous_ops_per_sec:" << static_cast<int64_t>(instantaneous(stats.opsSamples))
        << "\r\n"
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
        << "pubsubshard_channels:" << server.shardChannelSubscribers().size() << "\r\n"
        << "tracking_total_keys:" << server.tracking().totalKeys() << "\r\n"
        << "tracking_total_items:" << server.tracking().totalItems() << "\r\n"
        << "tracking_total_prefixes:" << server.tracking().totalPrefixes() << "\r\n"
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

void sectionCpu(Server &, std::ostringstream &out)
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

// In INFO's order; inDefault: part of INFO with no argument (and of "default").
struct InfoSection
{
    const char *name;
    bool inDefault;
    void (*write)(Server &server, std::ostringstream &out);
};

const InfoSection kSections[] = {
    {"server", true, sectionServer},
    {"clients", true, sectionClients},
    {"memory", true, sectionMemory},
    {"persistence", true, sectionPersistence},
    {"stats", true, sectionStats},
    {"replication", true, sectionReplication},
    {"cpu", true, sectionCpu},
    {"commandstats", false, sectionCommandStats},
    {"errorstats", true, sectionErrorStats},
    {"keyspace", true, sectionKeyspace},
};

} // namespace

void cmdInfo(CommandContext &ctx)
{
    // Sections asked for; none, "default" or "all"/"everything" as in Redis.
    std::vector<std::string> wanted;
    for (size_t i = 1; i < ctx.argc(); ++i)
        wanted.push_back(toLower(ctx.arg(i)));
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
    bool first = true;
    for (const InfoSection &section : kSections) {
        if (!want(section.name, section.inDefault)) continue;
        if (!first) out << "\r\n";
        first = false;
        section.write(ctx.server, out);
    }
    ctx.reply.verbatim(out.str());
}
} // namespace redscope::engine
