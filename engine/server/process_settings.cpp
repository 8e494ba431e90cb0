// oom-score-adj and the process title (process_settings.h).
//
// The OOM score: the first time the engine takes control it reads the score the process
// started with, so that "relative" adds to it and "no" can put it back. Raising the score
// is allowed to anyone; lowering it below the starting value needs CAP_SYS_RESOURCE, and
// then CONFIG SET fails as Redis's does.
//
// The title: like Redis's setproctitle, the bytes of argv's strings are overwritten with
// the title and NUL padding; /proc/<pid>/cmdline shows it. Unlike Redis, the environment
// that follows argv is not moved away to make room, so a title longer than the original
// command line is cut to its length (the usual "redscope-server --port N ..." is longer than
// "redscope-server 127.0.0.1:N").
//
// CPU lists: sched_setaffinity(0, ...) pins only the calling thread, so each list is applied
// by the thread it is for (the main thread at start-up, the lazy-free thread when it starts,
// a fork child before it works); threads and children started later inherit the mask.
// Redis starts its bio threads before the main thread applies server_cpulist, so with an
// empty (or unreadable) bio_cpulist they keep the mask the process started with; our
// lazy-free thread starts later, at its first job, and so puts that start-up mask back on
// itself (rememberStartupCpus keeps it) rather than inherit server_cpulist.
#include "server/process_settings.h"

#include "server/config.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

constexpr const char *kOomScorePath = "/proc/self/oom_score_adj";

bool g_oomAdjusted = false; // we wrote the score; g_oomBase is what it was before
int g_oomBase = 0;

bool g_haveStartupCpus = false; // rememberStartupCpus ran: g_startupCpus holds the mask
cpu_set_t g_startupCpus;

char *g_titleArea = nullptr; // argv[0]'s first byte
size_t g_titleAreaSize = 0;  // up to the end of the last argument's NUL
std::string g_executable;    // argv[0], the template's {title}

bool readOomScore(int *score, std::string *error)
{
    const int fd = open(kOomScorePath, O_RDONLY | O_CLOEXEC);
    char text[32] = {};
    const ssize_t n = fd < 0 ? -1 : read(fd, text, sizeof text - 1);
    const int saved = errno;
    if (fd >= 0) close(fd);
    if (n < 0) {
        *error = std::string("Unable to read oom_score_adj: ") + std::strerror(saved);
        return false;
    }
    *score = std::atoi(text);
    return true;
}

bool writeOomScore(int score, std::string *error)
{
    const std::string text = std::to_string(score) + "\n";
    const int fd = open(kOomScorePath, O_WRONLY | O_CLOEXEC);
    const ssize_t n = fd < 0 ? -1 : write(fd, text.data(), text.size());
    const int saved = errno;
    if (fd >= 0) close(fd);
    if (n < 0) {
        *error = std::string("Unable to write oom_score_adj: ") + std::strerror(saved);
        return false;
    }
    return true;
}

} // namespace

bool applyOomScoreAdj(const ServerConfig &config, OomClass processClass, std::string *error)
{
    if (config.oomScoreAdj == "no") {
        if (!g_oomAdjusted) return true;
        g_oomAdjusted = false;
        return writeOomScore(g_oomBase, error);
    }
    if (!g_oomAdjusted) {
        if (!readOomScore(&g_oomBase, error)) return false;
        g_oomAdjusted = true;
    }
    int64_t score = config.oomScoreAdjValues[static_cast<int>(processClass)];
    if (config.oomScoreAdj != "absolute") score += g_oomBase; // "yes" is "relative"
    score = std::clamp<int64_t>(score, -1000, 1000);
    return writeOomScore(static_cast<int>(score), error);
}

void setProcessTitleArea(int argc, char **argv)
{
    if (argc < 1 || !argv[0]) return;
    g_executable = argv[0];
    g_titleArea = argv[0];
    // Only the contiguous run of strings starting at argv[0].
    char *end = argv[0] + std::strlen(argv[0]) + 1;
    for (int i = 1; i < argc && argv[i] == end; ++i)
        end = argv[i] + std::strlen(argv[i]) + 1;
    g_titleAreaSize = static_cast<size_t>(end - g_titleArea);
}

std::string expandProcTitle(const ServerConfig &config, std::string_view title)
{
    const std::string &text = config.procTitleTemplate;
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
        if (close == std::string::npos) {
            out += text[i];
            continue;
        }
        const std::string name = text.substr(i + 1, close - i - 1);
        i = close;
        if (name == "title") {
            out += title;
        } else if (name == "listen-addr") {
            if (config.port || config.tlsPort)
                out += (config.bind.empty() ? std::string("*") : config.bind[0]) + ":" +
                       std::to_string(config.port ? config.port : config.tlsPort);
            else
                out += "unixsocket:" + config.unixSocket;
        } else if (name == "server-mode") {
            // A standalone server: neither "[cluster]" nor "[sentinel]".
        } else if (name == "port") {
            out += std::to_string(config.port);
        } else if (name == "tls-port") {
            out += std::to_string(config.tlsPort);
        } else if (name == "unixsocket") {
            out += config.unixSocket;
        } else if (name == "config-file") {
            out += config.configFile;
        }
    }
    const size_t first = out.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

namespace {

void writeTitle(const std::string &title)
{
    if (!g_titleArea) return;
    const size_t length = std::min(title.size(), g_titleAreaSize - 1);
    std::memcpy(g_titleArea, title.data(), length);
    std::memset(g_titleArea + length, 0, g_titleAreaSize - length);
}

// "12" at text[*at]: digits only, no sign or spaces.
bool readCpuNumber(std::string_view text, size_t *at, int *number)
{
    size_t i = *at;
    int64_t value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && value <= 1000000)
        value = value * 10 + (text[i++] - '0');
    if (i == *at || value > 1000000) return false;
    *at = i;
    *number = static_cast<int>(value);
    return true;
}

} // namespace

void applyProcTitle(const ServerConfig &config)
{
    if (config.setProcTitle) writeTitle(expandProcTitle(config, g_executable));
}

void setupForkChild(const ServerConfig &config, ForkChild kind)
{
    static const char *const titles[] = {"redis-rdb-bgsave", "redis-aof-rewrite",
                                         "redis-rdb-to-slaves"};
    writeTitle(expandProcTitle(config, titles[static_cast<int>(kind)]));
    applyCpuList(kind == ForkChild::AofRewrite ? config.aofRewriteCpulist : config.bgsaveCpulist);
    std::string ignored; // a child has no one to tell
    applyOomScoreAdj(config, OomClass::BackgroundChild, &ignored);
}

bool parseCpuList(std::string_view text, cpu_set_t *set)
{
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    size_t at = 0;
    while (true) {
        int first = 0, last = 0, stride = 1;
        if (!readCpuNumber(text, &at, &first)) return false;
        last = first;
        if (at < text.size() && text[at] == '-') {
            ++at;
            if (!readCpuNumber(text, &at, &last)) return false;
            if (at < text.size() && text[at] == ':') {
                ++at;
                if (!readCpuNumber(text, &at, &stride) || stride == 0) return false;
            }
        }
        if (first > last) return false;
        for (int cpu = first; cpu <= last && cpu < CPU_SETSIZE; cpu += stride)
            CPU_SET(cpu, &cpus);
        if (at == text.size()) break;
        if (text[at++] != ',') return false;
    }
    *set = cpus;
    return true;
}

void applyCpuList(std::string_view list)
{
    cpu_set_t cpus;
    if (list.empty() || !parseCpuList(list, &cpus)) return;
    sched_setaffinity(0, sizeof cpus, &cpus); // CPUs that do not exist: the kernel refuses
}

void rememberStartupCpus()
{
    g_haveStartupCpus = sched_getaffinity(0, sizeof g_startupCpus, &g_startupCpus) == 0;
}

void applyBackgroundCpuList(std::string_view list)
{
    cpu_set_t cpus;
    if (!list.empty() && parseCpuList(list, &cpus))
        sched_setaffinity(0, sizeof cpus, &cpus);
    else if (g_haveStartupCpus)
        sched_setaffinity(0, sizeof g_startupCpus, &g_startupCpus);
}

} // namespace redscope::engine
