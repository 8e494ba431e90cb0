// What Redis does to its own process on Linux, from its configuration: oom-score-adj and
// oom-score-adj-values (the kernel's OOM-killer preference, /proc/self/oom_score_adj) and
// set-proc-title with proc-title-template (the command line `ps` shows). See
// process_settings.cpp.
#pragma once

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

} // namespace redscope::engine
