// Crash reports (crash_report.h): the writer, the report's sections, the fatal-signal
// handler and the fast memory test.
//
// Everything a signal handler reaches before INFO OUTPUT is async-signal-safe: fixed buffers,
// write(2), open(2), clock_gettime, backtrace (its unwinder loaded beforehand by
// prepareCrashReports). INFO and CLIENT LIST need the heap, as Redis's do; a watchdog alarm
// bounds that part. The memory test writes patterns over the process's anonymous writable
// memory a chunk at a time, each chunk copied aside first and put back after, so the process
// is as it was (Redis's test preserves memory the same way); the chunk holding the handler's
// stack and this file's state are left out.
#include "server/crash_report.h"

#include "server/client.h"
#include "server/server.h"
#include "server/version.h"
#include "server/watchdog.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <execinfo.h>
#include <fcntl.h>
#include <string_view>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>
#include <vector>

namespace redscope::engine {

namespace {

constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
constexpr unsigned kWatchdogSeconds = 30;
constexpr size_t kTestChunkBytes = 64 * 1024;
constexpr size_t kMaxRegions = 4096;

struct Region
{
    uintptr_t start, end;
};

// The state the handler uses, in one object so that the memory test can leave it out.
struct CrashState
{
    Server *server = nullptr; // redscope-server's, while its handlers are installed
    long gmtOffset = 0;       // seconds east of UTC when prepared
    std::atomic<int> reporting{0};
    volatile sig_atomic_t crashSignal = 0;          // what the watchdog ends the process by
    alignas(64) unsigned char altStack[256 * 1024]; // the handler's stack (stack overflows)
    alignas(64) unsigned char backup[kTestChunkBytes];
    Region regions[kMaxRegions];
    char mapsBuffer[4096];
};
CrashState g_crash;

// Text into a fixed buffer, flushed to the log's fd with write(2): no allocation.
class LogWriter
{
public:
    explicit LogWriter(int fd)
        : m_fd(fd)
    {
    }
    ~LogWriter() { flush(); }
    LogWriter(const LogWriter &) = delete;
    LogWriter &operator=(const LogWriter &) = delete;

    int fd() const { return m_fd; }
    LogWriter &text(std::string_view s)
    {
        while (!s.empty()) {
            if (m_used == sizeof m_buffer) flush();
            const size_t take = std::min(s.size(), sizeof m_buffer - m_used);
            std::memcpy(m_buffer + m_used, s.data(), take);
            m_used += take;
            s.remove_prefix(take);
        }
        return *this;
    }
    LogWriter &number(int64_t value)
    {
        char digits[24];
        size_t n = 0;
        uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : value;
        do {
            digits[n++] = static_cast<char>('0' + magnitude % 10);
            magnitude /= 10;
        } while (magnitude);
        if (value < 0) digits[n++] = '-';
        while (n)
            text(std::string_view(&digits[--n], 1));
        return *this;
    }
    // Lower-case hex, at least `width` digits.
    LogWriter &hex(uint64_t value, int width = 1)
    {
        char digits[16];
        int n = 0;
        do {
            digits[n++] = "0123456789abcdef"[value & 15];
            value >>= 4;
        } while (value || n < width);
        while (n)
            text(std::string_view(&digits[--n], 1));
        return *this;
    }
    LogWriter &padded(int value, int width)
    {
        for (int limit = 10; --width > 0; limit *= 10)
            if (value < limit) text("0");
        return number(value);
    }
    void flush()
    {
        size_t done = 0;
        while (done < m_used) {
            const ssize_t n = ::write(m_fd, m_buffer + done, m_used - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        m_used = 0;
    }

private:
    int m_fd;
    size_t m_used = 0;
    char m_buffer[512];
};

// The log's fd as the server's own log lines go (logfile, or stderr when it is empty).
int openLog(const ServerConfig &config)
{
    if (config.logFile.empty()) return STDERR_FILENO;
    const int fd = ::open(config.logFile.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    return fd < 0 ? STDERR_FILENO : fd;
}

void closeLog(int fd)
{
    if (fd != STDERR_FILENO) ::close(fd);
}

// Server::log's prefix ("pid:M 07 Dec 2026 16:59:54.987 # "), the local time computed from
// the cached offset: localtime_r takes a lock a signal handler must not.
LogWriter &stamp(LogWriter &out)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    const int64_t local = static_cast<int64_t>(now.tv_sec) + g_crash.gmtOffset;
    int64_t days = local / 86400, second = local % 86400;
    if (second < 0) second += 86400, --days;
    // Days since 1970-01-01 to a civil date, counting in 400-year eras from 0000-03-01.
    const int64_t shifted = days + 719468;
    const int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
    const int64_t dayOfEra = shifted - era * 146097;
    const int64_t yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const int64_t monthFromMarch = (5 * dayOfYear + 2) / 153;
    const int day = static_cast<int>(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
    const int month =
        static_cast<int>(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
    const int64_t year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    out.number(getpid()).text(":M ").padded(day, 2).text(" ").text(months[month - 1]).text(" ");
    out.number(year).text(" ").padded(static_cast<int>(second / 3600), 2).text(":");
    out.padded(static_cast<int>(second / 60 % 60), 2).text(":");
    out.padded(static_cast<int>(second % 60), 2).text(".");
    return out.padded(static_cast<int>(now.tv_nsec / 1000000), 3).text(" # ");
}

void stampedLine(LogWriter &out, std::string_view message)
{
    stamp(out).text(message).text("\n");
}

void startReport(LogWriter &out)
{
    out.text("\n\n=== REDIS BUG REPORT START: Cut & paste starting from here ===\n");
}

void endReport(LogWriter &out)
{
    out.text("\n=== REDIS BUG REPORT END. Make sure to include from START to END. ===\n\n"
             "       Please report the crash to the Redscope project with the report above,\n"
             "       and say how the server was used when it happened.\n\n");
    out.flush();
}

// STACK TRACE: the instruction that faulted (a signal's context), then the frames.
void stackTrace(LogWriter &out, void *faultingInstruction)
{
    out.text("\n------ STACK TRACE ------\n");
    if (faultingInstruction) {
        out.text("EIP:\n").flush();
        backtrace_symbols_fd(&faultingInstruction, 1, out.fd());
    }
    out.text("\nBacktrace:\n").flush();
    void *frames[100];
    const int count = backtrace(frames, 100);
    backtrace_symbols_fd(frames, count, out.fd());
}

void registers([[maybe_unused]] LogWriter &out, [[maybe_unused]] const ucontext_t *context)
{
#if defined(__x86_64__)
    static const struct
    {
        const char *name;
        int index;
    } kRegisters[] = {{"RAX", REG_RAX}, {"RBX", REG_RBX}, {"RCX", REG_RCX}, {"RDX", REG_RDX},
                      {"RDI", REG_RDI}, {"RSI", REG_RSI}, {"RBP", REG_RBP}, {"RSP", REG_RSP},
                      {"R8 ", REG_R8},  {"R9 ", REG_R9},  {"R10", REG_R10}, {"R11", REG_R11},
                      {"R12", REG_R12}, {"R13", REG_R13}, {"R14", REG_R14}, {"R15", REG_R15},
                      {"RIP", REG_RIP}, {"EFL", REG_EFL}};
    out.text("\n------ REGISTERS ------\n");
    int column = 0;
    for (const auto &reg : kRegisters) {
        out.text(reg.name).text(":");
        out.hex(static_cast<uint64_t>(context->uc_mcontext.gregs[reg.index]), 16);
        out.text(++column % 2 ? " " : "\n");
    }
    out.text("CSGSFS:").hex(static_cast<uint64_t>(context->uc_mcontext.gregs[REG_CSGSFS]), 16);
    out.text("\n");
#endif
}

void *faultingInstruction([[maybe_unused]] const ucontext_t *context)
{
#if defined(__x86_64__)
    return reinterpret_cast<void *>(context->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
    return reinterpret_cast<void *>(context->uc_mcontext.pc);
#else
    return nullptr;
#endif
}

// An argument as redis-cli shows one: quoted, with escapes for what is not printable.
void quoted(LogWriter &out, std::string_view arg)
{
    out.text("\"");
    for (const unsigned char c : arg) {
        if (c == '"' || c == '\\')
            out.text("\\").text(std::string_view(reinterpret_cast<const char *>(&c), 1));
        else if (c == '\n')
            out.text("\\n");
        else if (c == '\r')
            out.text("\\r");
        else if (c == '\t')
            out.text("\\t");
        else if (c < 32 || c >= 127)
            out.text("\\x").hex(c, 2);
        else
            out.text(std::string_view(reinterpret_cast<const char *>(&c), 1));
    }
    out.text("\"");
}

// INFO, CLIENT LIST, the current client and the configs that matter when debugging: what
// needs the heap, after everything that does not.
void serverState(LogWriter &out, Server &server)
{
    out.text("\n------ INFO OUTPUT ------\n");
    std::string info = infoAllSections(server);
    std::erase(info, '\r');
    out.text(info);
    const int64_t nowMs = Server::wallClockMs();
    std::vector<const Client *> clients;
    for (const auto &entry : server.clients())
        clients.push_back(entry.second.get());
    std::sort(clients.begin(), clients.end(),
              [](const Client *a, const Client *b) { return a->id < b->id; });
    out.text("\n------ CLIENT LIST OUTPUT ------\n");
    for (const Client *client : clients)
        out.text(describeClient(server, *client, nowMs)).text("\n");
    if (const Client *current = server.runningClient) {
        size_t argvBytes = 0;
        for (std::string_view arg : server.runningArgv)
            argvBytes += arg.size();
        out.text("\n------ CURRENT CLIENT INFO ------\n");
        out.text(describeClient(server, *current, nowMs, argvBytes)).text("\n");
        for (size_t i = 0; i < server.runningArgv.size(); ++i) {
            out.text("argv[").number(static_cast<int64_t>(i)).text("]: '");
            quoted(out, server.runningArgv[i]);
            out.text("'\n");
        }
    }
    out.text("\n------ CONFIG DEBUG OUTPUT ------\n");
    for (const char *name :
         {"lazyfree-lazy-eviction", "lazyfree-lazy-expire", "lazyfree-lazy-server-del",
          "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush", "io-threads", "io-threads-do-reads",
          "sanitize-dump-payload", "client-query-buffer-limit", "proto-max-bulk-len",
          "repl-diskless-sync", "repl-diskless-load", "replica-read-only", "list-compress-depth",
          "activedefrag"}) {
        if (const ConfigTable::Parameter *param = ConfigTable::find(name))
            out.text(name).text(" ").text(param->get(server.config())).text("\n");
    }
}

// The anonymous private writable mappings (and the heap), from /proc/self/maps.
size_t writableRegions()
{
    const int fd = ::open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    size_t count = 0, kept = 0;
    for (;;) {
        const ssize_t n = ::read(fd, g_crash.mapsBuffer + kept, sizeof g_crash.mapsBuffer - kept);
        if (n <= 0) break;
        const size_t filled = kept + static_cast<size_t>(n);
        size_t lineStart = 0;
        for (size_t i = 0; i < filled; ++i) {
            if (g_crash.mapsBuffer[i] != '\n') continue;
            // "start-end perms offset dev inode [path]"
            const std::string_view line(g_crash.mapsBuffer + lineStart, i - lineStart);
            lineStart = i + 1;
            uintptr_t start = 0, end = 0;
            size_t at = 0;
            for (; at < line.size() && line[at] != '-'; ++at)
                start = start * 16 + static_cast<uintptr_t>(line[at] <= '9' ? line[at] - '0'
                                                                            : line[at] - 'a' + 10);
            for (++at; at < line.size() && line[at] != ' '; ++at)
                end = end * 16 + static_cast<uintptr_t>(line[at] <= '9' ? line[at] - '0'
                                                                        : line[at] - 'a' + 10);
            const std::string_view perms = line.substr(at + 1, 4);
            int field = 0;
            size_t pathAt = at + 1;
            for (; pathAt < line.size() && field < 4; ++pathAt)
                if (line[pathAt] == ' ') ++field;
            while (pathAt < line.size() && line[pathAt] == ' ')
                ++pathAt;
            const std::string_view path = line.substr(std::min(pathAt, line.size()));
            if (perms != "rw-p" || !(path.empty() || path == "[heap]")) continue;
            if (count < kMaxRegions) g_crash.regions[count++] = {start, end};
        }
        kept = filled - lineStart;
        std::memmove(g_crash.mapsBuffer, g_crash.mapsBuffer + lineStart, kept);
        if (kept == sizeof g_crash.mapsBuffer) kept = 0; // a line longer than the buffer
    }
    ::close(fd);
    return count;
}

// Every word of a chunk set to its own address xor `flip`, then read back. Returns the words
// that did not keep what was written. No local arrays: nothing for a stack protector to check
// while the chunk under test may hold the thread's canary.
size_t testChunk(volatile uint64_t *words, size_t count, uint64_t flip)
{
    size_t errors = 0;
    for (size_t i = 0; i < count; ++i)
        words[i] = reinterpret_cast<uintptr_t>(&words[i]) ^ flip;
    for (size_t i = 0; i < count; ++i)
        if (words[i] != (reinterpret_cast<uintptr_t>(&words[i]) ^ flip)) ++errors;
    return errors;
}

void fastMemoryTest(LogWriter &out)
{
    out.text("\n------ FAST MEMORY TEST ------\n");
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer owns this process's memory: its shadow maps and the heap's redzones are
    // writable mappings that no test may read, so the sanitizer builds (make test) skip it.
    out.text("Fast memory test skipped: this build runs under AddressSanitizer.\n");
    return;
#endif
    const size_t regions = writableRegions();
    const uintptr_t stateStart = reinterpret_cast<uintptr_t>(&g_crash);
    const uintptr_t stateEnd = stateStart + sizeof g_crash;
    int onStack = 0;
    const uintptr_t stack = reinterpret_cast<uintptr_t>(&onStack);
    size_t tested = 0, bytes = 0, errors = 0;
    // No signal handler may run while a chunk holds patterns instead of its data.
    sigset_t all, before;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &before);
    for (size_t r = 0; r < regions; ++r) {
        const Region region = g_crash.regions[r];
        if (region.start < stateEnd && stateStart < region.end) continue;
        if (stack >= region.start && stack < region.end) continue;
        for (uintptr_t at = region.start; at < region.end; at += kTestChunkBytes) {
            const size_t length = std::min<uintptr_t>(kTestChunkBytes, region.end - at);
            auto *chunk = reinterpret_cast<unsigned char *>(at);
            std::memcpy(g_crash.backup, chunk, length);
            auto *words = reinterpret_cast<volatile uint64_t *>(chunk);
            errors += testChunk(words, length / 8, 0);
            errors += testChunk(words, length / 8, ~uint64_t{0});
            std::memcpy(chunk, g_crash.backup, length);
            if (std::memcmp(chunk, g_crash.backup, length) != 0) ++errors;
        }
        ++tested;
        bytes += region.end - region.start;
        out.text(".").flush();
    }
    sigprocmask(SIG_SETMASK, &before, nullptr);
    out.text("\nTested ").number(static_cast<int64_t>(tested)).text(" memory regions (");
    out.number(static_cast<int64_t>(bytes)).text(" bytes).\n");
    if (errors)
        out.text("Fast memory test FAILED: ")
            .number(static_cast<int64_t>(errors))
            .text(" word(s) did not keep what was written. Check this machine's RAM.\n");
    else
        out.text("Fast memory test PASSED, though only a long test (memtester) can show the "
                 "RAM is sound.\n");
}

// Ends the process by `signal`'s default action: a core dump where the system keeps them.
[[noreturn]] void dieBy(int signal)
{
    struct sigaction fallback = {};
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal, &fallback, nullptr);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, signal);
    sigprocmask(SIG_UNBLOCK, &only, nullptr);
    raise(signal);
    _exit(128 + signal); // a signal the process could not die by (never for these)
}

void onWatchdog(int)
{
    const char note[] = "\n(the crash report did not finish in time and was cut here)\n";
    if (g_crash.server) {
        const int fd = openLog(g_crash.server->config());
        [[maybe_unused]] ssize_t n = ::write(fd, note, sizeof note - 1);
        closeLog(fd);
    }
    dieBy(g_crash.crashSignal);
}

void onFatalSignal(int signal, siginfo_t *info, void *rawContext)
{
    stopWatchdog(); // its SIGALRM is the report's own time limit below
    // One report: a crash of another thread meanwhile waits for this one to end the process.
    if (g_crash.reporting.exchange(1)) {
        for (;;)
            pause();
    }
    Server *server = g_crash.server;
    if (!server || !server->config().crashLogEnabled) dieBy(signal);
    g_crash.crashSignal = signal;
    const auto *context = static_cast<const ucontext_t *>(rawContext);
    const int fd = openLog(server->config());
    {
        LogWriter out(fd);
        startReport(out);
        stamp(out).text("Redscope ").text(REDSCOPE_VERSION).text(" crashed by signal: ");
        out.number(signal).text(", si_code: ").number(info->si_code).text("\n");
        const bool sentByProcess = info->si_code <= 0; // SI_USER, SI_QUEUE, SI_TKILL
        if (!sentByProcess && signal != SIGABRT) {
            stamp(out).text("Accessing address: 0x");
            out.hex(reinterpret_cast<uintptr_t>(info->si_addr)).text("\n");
        }
        if (sentByProcess) {
            stamp(out).text("Killed by PID: ").number(info->si_pid).text(", UID: ");
            out.number(info->si_uid).text("\n");
        }
        if (void *at = faultingInstruction(context)) {
            stamp(out).text("Crashed running the instruction at: 0x");
            out.hex(reinterpret_cast<uintptr_t>(at)).text("\n");
        }
        stackTrace(out, faultingInstruction(context));
        registers(out, context);
        out.flush();
        // The part that needs the heap, bounded by the watchdog.
        struct sigaction watchdog = {};
        watchdog.sa_handler = onWatchdog;
        sigemptyset(&watchdog.sa_mask);
        sigaction(SIGALRM, &watchdog, nullptr);
        alarm(kWatchdogSeconds);
        serverState(out, *server);
        alarm(0);
        out.flush();
        if (server->config().crashMemcheckEnabled) fastMemoryTest(out);
        endReport(out);
    }
    closeLog(fd);
    dieBy(signal);
}

} // namespace

void prepareCrashReports()
{
    const time_t now = time(nullptr);
    tm local{};
    localtime_r(&now, &local);
    g_crash.gmtOffset = local.tm_gmtoff;
    void *frame = nullptr;
    backtrace(&frame, 1); // loads libgcc's unwinder now, not inside a handler
}

void installCrashHandlers(Server &server)
{
    prepareCrashReports();
    g_crash.server = &server;
    stack_t alt{};
    alt.ss_sp = g_crash.altStack;
    alt.ss_size = sizeof g_crash.altStack;
    sigaltstack(&alt, nullptr);
    struct sigaction action = {};
    action.sa_sigaction = onFatalSignal;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    // A second fault while reporting kills the process at once (a blocked synchronous signal
    // takes its default action) rather than entering the handler again.
    sigemptyset(&action.sa_mask);
    for (const int signal : kFatalSignals)
        sigaddset(&action.sa_mask, signal);
    for (const int signal : kFatalSignals)
        sigaction(signal, &action, nullptr);
}

void removeCrashHandlers()
{
    struct sigaction fallback = {};
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    for (const int signal : kFatalSignals)
        sigaction(signal, &fallback, nullptr);
}

void writePanicReport(Server &server, const std::string &why, const char *file, int line)
{
    if (!server.abortOnPanic) prepareCrashReports(); // the embedded engine installs nothing
    const int fd = openLog(server.config());
    {
        LogWriter out(fd);
        startReport(out);
        stampedLine(out, "------------------------------------------------");
        stampedLine(out, "!!! Software Failure: the server panicked and stops here");
        const std::string_view path(file);
        const std::string meditation = "Guru Meditation: " + why + " #" +
                                       std::string(path.substr(path.rfind('/') + 1)) + ":" +
                                       std::to_string(line);
        stampedLine(out, meditation);
        if (server.config().crashLogEnabled) {
            stackTrace(out, nullptr);
            serverState(out, server);
            // Not inside the app: that would test the app's memory, and nothing crashed.
            if (server.abortOnPanic && server.config().crashMemcheckEnabled) fastMemoryTest(out);
        }
        endReport(out);
    }
    closeLog(fd);
}

void writeWatchdogReport(Server &server, void *signalContext)
{
    // redis-server's serverLogFromHandler lines: "pid:signal-handler (unix time) message".
    auto handlerLine = [](LogWriter &out) -> LogWriter & {
        timespec now{};
        clock_gettime(CLOCK_REALTIME, &now);
        return out.number(getpid()).text(":signal-handler (").number(now.tv_sec).text(") ");
    };
    const int fd = openLog(server.config());
    {
        LogWriter out(fd);
        handlerLine(out).text("\n--- WATCHDOG TIMER EXPIRED ---\n");
        stackTrace(out, faultingInstruction(static_cast<const ucontext_t *>(signalContext)));
        handlerLine(out).text("--------\n\n");
    }
    closeLog(fd);
}

void writeEmbeddedSegfaultReport(Server &server)
{
    prepareCrashReports();
    const int fd = openLog(server.config());
    {
        LogWriter out(fd);
        startReport(out);
        stampedLine(out, std::string("Redscope ") + REDSCOPE_VERSION +
                             " crashed by signal: 11 (DEBUG SEGFAULT; inside the app the engine "
                             "stops instead of faulting)");
        stackTrace(out, nullptr);
        serverState(out, server);
        endReport(out);
    }
    closeLog(fd);
}

} // namespace redscope::engine
