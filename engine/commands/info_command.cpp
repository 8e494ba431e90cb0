// INFO: the sections a dashboard reads (server, clients, memory, persistence, stats,
// replication, cpu, commandstats, errorstats, keyspace), with Redis's field names so that
// existing tools parse them. Each section is a function writing into one text buffer; the
// command only picks the sections asked for. Everything here reads counters the server
// already keeps: no section walks the keyspace, so INFO stays O(commands + clients).
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "persistence/persistence.h"
#include "redscope/engine.h"
#include "replication/replication.h"
#include "scripting/script_engine.h"
#include "server/crash_report.h"
#include "server/eviction.h"
#include "server/memory_overhead.h"
#include "server/migrate_cache.h"
#include "server/server.h"
#include "server/version.h"
#include "util/strings.h"

#include <algorithm>
#include <cstdio>
#include <functional>
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
    // A build id as Redis prints one (hex of a hash of what identifies the build).
    const std::string build = std::string(version()) + __VERSION__;
    char buildId[24];
    std::snprintf(buildId, sizeof buildId, "%llx",
                  static_cast<unsigned long long>(std::hash<std::string>{}(build)));
    char executable[4096] = {};
    if (readlink("/proc/self/exe", executable, sizeof executable - 1) < 0) executable[0] = 0;
    out << "# Server\r\n"
        // Clients pick features by redis_version; the engine implements Redis 7.0's commands.
        << "redis_version:" << kRedisVersion << "\r\n"
        << "redis_git_sha1:00000000\r\n"
        << "redis_git_dirty:0\r\n"
        << "redis_build_id:" << buildId << "\r\n"
        << "redscope_version:" << version() << "\r\n"
        << "redis_mode:standalone\r\n"
        << "os:" << names.sysname << " " << names.release << " " << names.machine << "\r\n"
        << "arch_bits:64\r\n"
        << "monotonic_clock:POSIX clock_gettime\r\n"
        << "multiplexing_api:epoll\r\n"
        << "atomicvar_api:c11-builtin\r\n"
        << "gcc_version:" << __GNUC__ << "." << __GNUC_MINOR__ << "." << __GNUC_PATCHLEVEL__
        << "\r\n"
        << "process_id:" << getpid() << "\r\n"
        << "process_supervised:no\r\n"
        << "run_id:" << server.runId() << "\r\n"
        << "tcp_port:" << server.boundTcpPort() << "\r\n"
        << "server_time_usec:" << Server::wallClockMs() * 1000 << "\r\n"
        << "uptime_in_seconds:" << uptime << "\r\n"
        << "uptime_in_days:" << uptime / 86400 << "\r\n"
        << "hz:" << server.effectiveHz() << "\r\n"
        << "configured_hz:" << server.config().hz << "\r\n"
        << "lru_clock:" << Value::lruClockAt(Server::wallClockMs()) << "\r\n"
        << "executable:" << executable << "\r\n"
        << "config_file:" << server.config().configFile << "\r\n"
        // io-threads > 1 with enough clients to write to (server/networking.cpp).
        << "io_threads_active:" << (server.ioThreadsActive() ? 1 : 0) << "\r\n";
}

void sectionClients(Server &server, std::ostringstream &out)
{
    // The largest query buffer and reply list (omem) the cron saw in the last 8 seconds.
    const size_t maxInput = server.recentMaxInputBuffer();
    const size_t maxOutput = server.recentMaxOutputBuffer();
    out << "# Clients\r\n"
        << "connected_clients:" << server.clients().size() << "\r\n"
        << "cluster_connections:0\r\n" // not a cluster node
        << "maxclients:" << server.config().maxClients << "\r\n"
        << "client_recent_max_input_buffer:" << maxInput << "\r\n"
        << "client_recent_max_output_buffer:" << maxOutput << "\r\n"
        << "blocked_clients:" << server.blockedClientCount() << "\r\n"
        << "tracking_clients:" << server.tracking().trackingClients() << "\r\n"
        << "clients_in_timeout_table:" << server.blockedClientCount() << "\r\n";
}

// INFO memory: Redis 7.0.15's fields in its order, from the figures MEMORY STATS reports too
// (server/memory_overhead.h): used_memory is the engine's own accounting, not an allocator's,
// and the allocator_* figures are glibc's, which Redis reads from jemalloc. Cluster buffers
// are 0: the engine is no cluster node; nothing defragments, so that counter is 0 as on a
// Redis that never did.
void sectionMemory(Server &server, std::ostringstream &out)
{
    const MemoryOverhead m = memoryOverhead(server);
    const size_t used = m.used, peak = m.peak, startup = m.startup, rss = m.rss;
    const size_t clients = m.clientsNormal, aofBuffer = m.aofBuffer;
    const ScriptEngine *scripting = server.scriptingIfCreated();
    ScriptEngine::MemoryInfo lua = scripting ? scripting->memoryInfo() : ScriptEngine::MemoryInfo{};
    const size_t overhead = m.total, dataset = m.dataset, netUsage = m.netUsage;
    const size_t allocated = m.allocatorAllocated, active = m.allocatorActive;
    const size_t resident = m.allocatorResident;
    const size_t systemMemory =
        static_cast<size_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<size_t>(sysconf(_SC_PAGESIZE));
    const int64_t maxMemory = server.config().maxMemory;
    auto ratio = [](size_t a, size_t b) {
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", b ? static_cast<double>(a) / b : 0.0);
        return std::string(text);
    };
    auto percent = [](size_t a, size_t b) {
        char text[32];
        std::snprintf(text, sizeof text, "%.2f%%", b ? static_cast<double>(a) * 100 / b : 0.0);
        return std::string(text);
    };
    auto human = [](size_t bytes) { return humanBytes(static_cast<double>(bytes)); };
    auto signedDiff = [](size_t a, size_t b) {
        return std::to_string(static_cast<int64_t>(a) - static_cast<int64_t>(b));
    };
    out << "# Memory\r\n"
        << "used_memory:" << used << "\r\n"
        << "used_memory_human:" << human(used) << "\r\n"
        << "used_memory_rss:" << rss << "\r\n"
        << "used_memory_rss_human:" << human(rss) << "\r\n"
        << "used_memory_peak:" << peak << "\r\n"
        << "used_memory_peak_human:" << human(peak) << "\r\n"
        << "used_memory_peak_perc:" << percent(used, peak) << "\r\n"
        << "used_memory_overhead:" << overhead << "\r\n"
        << "used_memory_startup:" << startup << "\r\n"
        << "used_memory_dataset:" << dataset << "\r\n"
        << "used_memory_dataset_perc:" << percent(dataset, netUsage) << "\r\n"
        << "allocator_allocated:" << allocated << "\r\n"
        << "allocator_active:" << active << "\r\n"
        << "allocator_resident:" << resident << "\r\n"
        << "total_system_memory:" << systemMemory << "\r\n"
        << "total_system_memory_human:" << human(systemMemory) << "\r\n";
    // Scripting (scripting/script_engine.h): zeros until the first script or library.
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
        << "allocator_frag_ratio:" << ratio(active, allocated) << "\r\n"
        << "allocator_frag_bytes:" << signedDiff(active, allocated) << "\r\n"
        << "allocator_rss_ratio:" << ratio(resident, active) << "\r\n"
        << "allocator_rss_bytes:" << signedDiff(resident, active) << "\r\n"
        << "rss_overhead_ratio:" << ratio(rss, resident) << "\r\n"
        << "rss_overhead_bytes:" << signedDiff(rss, resident) << "\r\n"
        << "mem_fragmentation_ratio:" << ratio(rss, used) << "\r\n"
        << "mem_fragmentation_bytes:" << signedDiff(rss, used) << "\r\n"
        << "mem_not_counted_for_evict:" << aofBuffer << "\r\n"
        << "mem_replication_backlog:" << m.replicationBacklog << "\r\n"
        << "mem_total_replication_buffers:0\r\n"
        << "mem_clients_slaves:" << m.clientsReplicas << "\r\n"
        << "mem_clients_normal:" << clients << "\r\n"
        << "mem_cluster_links:0\r\n"
        << "mem_aof_buffer:" << aofBuffer << "\r\n"
        << "mem_allocator:libc\r\n"
        << "active_defrag_running:0\r\n"
        << "lazyfree_pending_objects:" << server.lazyFree().pending() << "\r\n"
        << "lazyfreed_objects:" << server.lazyFree().freed() << "\r\n";
}

void sectionPersistence(Server &server, std::ostringstream &out)
{
    out << "# Persistence\r\n" << server.persistence().infoFields();
}

void sectionStats(Server &server, std::ostringstream &out)
{
    ServerStats &stats = server.stats();
    auto kbps = [](const std::vector<std::pair<int64_t, uint64_t>> &samples) {
        char text[32];
        std::snprintf(text, sizeof text, "%.2f", instantaneous(samples) / 1024);
        return std::string(text);
    };
    char stale[32];
    std::snprintf(stale, sizeof stale, "%.2f", stats.expiredStalePerc * 100);
    const int64_t nowUs = EventLoop::monotonicMs() * 1000;
    const uint64_t exceededNowUs =
        stats.evictionExceededSinceUs ? static_cast<uint64_t>(nowUs - stats.evictionExceededSinceUs)
                                      : 0;
    out << "# Stats\r\n"
        << "total_connections_received:" << stats.connectionsReceived << "\r\n"
        << "total_commands_processed:" << stats.commandsProcessed << "\r\n"
        << "instantaneous_ops_per_sec:" << static_cast<int64_t>(instantaneous(stats.opsSamples))
        << "\r\n"
        << "total_net_input_bytes:" << stats.netInputBytes << "\r\n"
        << "total_net_output_bytes:" << stats.netOutputBytes << "\r\n"
        << "total_net_repl_input_bytes:" << stats.netReplInputBytes << "\r\n"
        << "total_net_repl_output_bytes:" << stats.netReplOutputBytes << "\r\n"
        << "instantaneous_input_kbps:" << kbps(stats.netInSamples) << "\r\n"
        << "instantaneous_output_kbps:" << kbps(stats.netOutSamples) << "\r\n"
        << "instantaneous_input_repl_kbps:" << kbps(stats.netReplInSamples) << "\r\n"
        << "instantaneous_output_repl_kbps:" << kbps(stats.netReplOutSamples) << "\r\n"
        << "rejected_connections:" << stats.rejectedConnections << "\r\n"
        << "sync_full:" << server.replication().fullSyncs() << "\r\n"
        << "sync_partial_ok:" << server.replication().partialSyncsOk() << "\r\n"
        << "sync_partial_err:" << server.replication().partialSyncsRefused() << "\r\n"
        << "expired_keys:" << stats.expiredKeys << "\r\n"
        << "expired_stale_perc:" << stale << "\r\n"
        << "expired_time_cap_reached_count:" << stats.expiredTimeCapReached << "\r\n"
        << "expire_cycle_cpu_milliseconds:" << stats.expireCycleUs / 1000 << "\r\n"
        << "evicted_keys:" << stats.evictedKeys << "\r\n"
        << "evicted_clients:" << stats.evictedClients << "\r\n"
        << "total_eviction_exceeded_time:" << (stats.evictionExceededTotalUs + exceededNowUs) / 1000
        << "\r\n"
        << "current_eviction_exceeded_time:" << exceededNowUs / 1000 << "\r\n"
        << "keyspace_hits:" << stats.keyspaceHits << "\r\n"
        << "keyspace_misses:" << stats.keyspaceMisses << "\r\n"
        << "pubsub_channels:" << server.channelSubscribers().size() << "\r\n"
        << "pubsub_patterns:" << server.patternSubscribers().size() << "\r\n"
        << "pubsubshard_channels:" << server.shardChannelSubscribers().size() << "\r\n"
        << "latest_fork_usec:" << stats.latestForkUs << "\r\n"
        << "total_forks:" << stats.totalForks
        << "\r\n"
        << "migrate_cached_sockets:" << server.migrateSockets().size() << "\r\n"
        << "slave_expires_tracked_keys:0\r\n"
        // activedefrag cannot be switched on (server/config.h): nothing is ever defragmented.
        << "active_defrag_hits:0\r\n"
        << "active_defrag_misses:0\r\n"
        << "active_defrag_key_hits:0\r\n"
        << "active_defrag_key_misses:0\r\n"
        << "total_active_defrag_time:0\r\n"
        << "current_active_defrag_time:0\r\n"
        << "tracking_total_keys:" << server.tracking().totalKeys() << "\r\n"
        << "tracking_total_items:" << server.tracking().totalItems() << "\r\n"
        << "tracking_total_prefixes:" << server.tracking().totalPrefixes() << "\r\n"
        << "unexpected_error_replies:" << stats.unexpectedErrorReplies << "\r\n"
        << "total_error_replies:" << stats.totalErrorReplies << "\r\n"
        << "dump_payload_sanitizations:" << stats.dumpPayloadSanitizations << "\r\n"
        << "total_reads_processed:" << stats.readsProcessed << "\r\n"
        << "total_writes_processed:" << stats.writesProcessed
        << "\r\n"
        << "io_threaded_reads_processed:" << stats.ioThreadedReadsProcessed << "\r\n"
        << "io_threaded_writes_processed:" << stats.ioThreadedWritesProcessed << "\r\n"
        << "reply_buffer_shrinks:" << stats.replyBufferShrinks << "\r\n"
        << "reply_buffer_expands:" << stats.replyBufferExpands << "\r\n";
}

void sectionReplication(Server &server, std::ostringstream &out)
{
    out << "# Replication\r\n" << server.replication().infoFields();
}

// The process's, its children's (fork for BGSAVE/rewrites) and the event-loop thread's CPU
// time (INFO runs on that thread: inside the app it is the engine's own thread).
void sectionCpu(Server &, std::ostringstream &out)
{
    rusage self{}, children{}, thread{};
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &children);
    getrusage(RUSAGE_THREAD, &thread);
    auto seconds = [](const timeval &tv) {
        char text[48];
        std::snprintf(text, sizeof text, "%ld.%06ld", static_cast<long>(tv.tv_sec),
                      static_cast<long>(tv.tv_usec));
        return std::string(text);
    };
    out << "# CPU\r\n"
        << "used_cpu_sys:" << seconds(self.ru_stime) << "\r\n"
        << "used_cpu_user:" << seconds(self.ru_utime) << "\r\n"
        << "used_cpu_sys_children:" << seconds(children.ru_stime) << "\r\n"
        << "used_cpu_user_children:" << seconds(children.ru_utime) << "\r\n"
        << "used_cpu_sys_main_thread:" << seconds(thread.ru_stime) << "\r\n"
        << "used_cpu_user_main_thread:" << seconds(thread.ru_utime) << "\r\n";
}

// No modules are ever loaded.
void sectionModules(Server &, std::ostringstream &out)
{
    out << "# Modules\r\n";
}

// latency-tracking-info-percentiles (p50, p99, p99.9 by default) of each command called so
// far (containers per subcommand), in µs. The
// engine's histograms have power-of-two buckets (server/latency_histogram.h), so each
// percentile is its bucket's highest value: coarser than Redis's HdrHistogram figures.
void sectionLatencyStats(Server &server, std::ostringstream &out)
{
    out << "# Latencystats\r\n";
    if (!server.config().latencyTracking) return;
    auto line = [&](const std::string &name, const LatencyHistogram &h) {
        if (!h.total) return;
        auto percentile = [&](double p) {
            const double wanted = p / 100.0 * static_cast<double>(h.total);
            uint64_t cumulative = 0;
            for (int k = 0; k < LatencyHistogram::kBuckets; ++k) {
                cumulative += h.counts[static_cast<size_t>(k)];
                if (static_cast<double>(cumulative) >= wanted && cumulative)
                    return static_cast<double>(LatencyHistogram::highestNs(k)) / 1000.0;
            }
            return 0.0;
        };
        std::string text;
        for (double p : server.config().latencyTrackingPercentiles) {
            char item[64];
            std::snprintf(item, sizeof item, "p%g=%.3f", p, percentile(p));
            text += (text.empty() ? "" : ",") + std::string(item);
        }
        out << "latency_percentiles_usec_" << name << ":" << text << "\r\n";
    };
    const auto &commands = CommandTable::instance().all();
    for (size_t i = 0; i < commands.size(); ++i) {
        line(commands[i].name, server.commandStats()[i].latency);
        if (const std::vector<SubcommandSpec> *subs = CommandTable::subcommands(commands[i]))
            for (const SubcommandSpec &sub : *subs) {
                const std::string full = std::string(commands[i].name) + "|" + sub.name;
                auto it = server.subcommandLatency().find(full);
                if (it != server.subcommandLatency().end()) line(full, it->second);
            }
    }
}

// The engine is never a cluster node.
void sectionCluster(Server &, std::ostringstream &out)
{
    out << "# Cluster\r\ncluster_enabled:0\r\n";
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
    {"modules", true, sectionModules},
    {"commandstats", false, sectionCommandStats},
    {"errorstats", true, sectionErrorStats},
    {"latencystats", false, sectionLatencyStats},
    {"cluster", true, sectionCluster},
    {"keyspace", true, sectionKeyspace},
};

} // namespace

namespace {

// The sections asked for (lower case); none, "default" or "all"/"everything" as in Redis.
std::string infoText(Server &server, const std::vector<std::string> &wanted)
{
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
        section.write(server, out);
    }
    return out.str();
}

} // namespace

void cmdInfo(CommandContext &ctx)
{
    std::vector<std::string> wanted;
    for (size_t i = 1; i < ctx.argc(); ++i)
        wanted.push_back(toLower(ctx.arg(i)));
    ctx.reply.verbatim(infoText(ctx.server, wanted));
}

std::string infoAllSections(Server &server) { return infoText(server, {"all"}); }

} // namespace redscope::engine
