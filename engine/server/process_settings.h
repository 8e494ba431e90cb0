// What Redis does to its own process on Linux, from its configuration: oom-score-adj and
// oom-score-adj-values (the kernel's OOM-killer preference, /proc/self/oom_score_adj) and
// set-proc-title with proc-title-template (the command line `ps` shows), the titles of fork
// children, and the CPU lists (server_cpulist, bio_cpulist, aof_rewrite_cpulist,
// bgsave_cpulist). See process_settings.cpp.
#pragma once

#include <sched.h>
#include <string>
#include <string_view>

namespace redscope::engine {

struct ServerConfig;

// Index into oom-score-adj-values.
enum class OomClass { Master = 0, Replica = 1, BackgroundChild = 2 };

// Applies oom-score-adj for a process of that class: "no" leaves the score alone (or puts
// back the one the process started with, if it was changed), "absolute" writes the class's
// value, "yes"/"relative" add it to the starting score; clamped to -1000..1000. False with
// a message when /proc/self/oom_score_adj cannot be read or written (lowering it needs
// CAP_SYS_RESOURCE).
bool applyOomScoreAdj(const ServerConfig &config, OomClass processClass, std::string *error);

// The standalone server hands over argv: the title is written over the memory of its
// strings, where /proc/<pid>/cmdline reads it. Without it (the embedded engine, whose
// process is the app's) applyProcTitle does nothing.
void setProcessTitleArea(int argc, char **argv);
// proc-title-template with its variables filled in ({title} is `title`), trimmed of spaces.
std::string expandProcTitle(const ServerConfig &config, std::string_view title);
// With set-proc-title yes: the expanded template (with argv[0] as {title}) becomes the title.
void applyProcTitle(const ServerConfig &config);

// What a fork child does, for its title and CPU list.
enum class ForkChild { RdbBgsave, AofRewrite, RdbToReplicas };

// In a fork child, first thing: the title Redis 7.0 gives it ("redis-rdb-bgsave",
// "redis-aof-rewrite", "redis-rdb-to-slaves" as the template's {title}; set whatever
// set-proc-title says, as Redis does), oom-score-adj's background-child value, and
// bgsave_cpulist (snapshots, disk or socket) or aof_rewrite_cpulist.
void setupForkChild(const ServerConfig &config, ForkChild kind);

// Redis's CPU list syntax, as taskset's: comma-separated CPUs "3", ranges "0-3" and strided
// ranges "0-10:2". False (set untouched) for anything else: an empty item, a range that
// runs backwards, a stride of 0, trailing text.
bool parseCpuList(std::string_view text, cpu_set_t *set);
// Pins the calling thread to the list. An empty list leaves it alone, and so does one that
// does not parse: redis-server accepts any text for these parameters and silently skips a
// list it cannot read.
void applyCpuList(std::string_view list);
// The standalone server, before it applies server_cpulist: the CPUs the process started on.
void rememberStartupCpus();
// bio_cpulist for a background thread (the lazy-free thread), applied by that thread: the
// list when it parses, otherwise the start-up mask (when remembered), as Redis's bio threads,
// started before the main thread pins itself, keep it.
void applyBackgroundCpuList(std::string_view list);

} // namespace redscope::engine
