// The software watchdog (see watchdog.h): its timer and signal handler. The report itself is
// crash_report.cpp's, which already writes stack traces from signal handlers.
#include "server/watchdog.h"

#include "server/crash_report.h"
#include "server/server.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <ctime>
#include <unistd.h>

namespace redscope::engine {

namespace {

std::atomic<Server *> g_watched{nullptr};
timer_t g_timer{};
bool g_timerCreated = false;
pid_t g_timerThread = 0;
bool g_handlerInstalled = false;
struct sigaction g_previousHandler = {};

void onWatchdogSignal(int, siginfo_t *, void *context)
{
    const int savedErrno = errno;
    if (Server *server = g_watched.load(std::memory_order_acquire))
        writeWatchdogReport(*server, context);
    errno = savedErrno;
}

void arm(int64_t periodMs)
{
    if (!g_timerCreated) return;
    itimerspec when{};
    when.it_value.tv_sec = static_cast<time_t>(periodMs / 1000);
    when.it_value.tv_nsec = static_cast<long>(periodMs % 1000) * 1000000;
    timer_settime(g_timer, 0, &when, nullptr); // a zero value disarms it
}

} // namespace

int64_t applyWatchdogPeriod(Server &server, int64_t periodMs)
{
    if (periodMs <= 0) {
        stopWatchdog();
        return 0;
    }
    // Two cron periods of the configured hz (CONFIG SET hz takes effect at once in Redis;
    // here the cron's own period follows at its next tick). Above 2000 clients dynamic-hz
    // raises Redis's hz, and with it this floor; not here.
    const int64_t hz = std::max<int64_t>(server.config().hz, 1);
    periodMs = std::max<int64_t>(periodMs, 1000 / hz * 2);
    prepareCrashReports(); // the unwinder loaded now, not in the handler
    if (!g_handlerInstalled) {
        struct sigaction action = {};
        action.sa_sigaction = onWatchdogSignal;
        action.sa_flags = SA_SIGINFO | SA_RESTART;
        sigemptyset(&action.sa_mask);
        sigaction(SIGALRM, &action, &g_previousHandler);
        g_handlerInstalled = true;
    }
    const pid_t thread = gettid();
    if (g_timerCreated && g_timerThread != thread) {
        timer_delete(g_timer);
        g_timerCreated = false;
    }
    if (!g_timerCreated) {
        sigevent event = {};
        event.sigev_notify = SIGEV_THREAD_ID;
        event.sigev_signo = SIGALRM;
        event._sigev_un._tid = thread; // sigev_notify_thread_id
        if (timer_create(CLOCK_MONOTONIC, &event, &g_timer) != 0) {
            server.log(Server::LogWarning, "watchdog-period: the watchdog timer could not be "
                                           "created; no watchdog");
            return periodMs;
        }
        g_timerCreated = true;
        g_timerThread = thread;
    }
    g_watched.store(&server, std::memory_order_release);
    arm(periodMs);
    return periodMs;
}

void rearmWatchdog(int64_t periodMs)
{
    if (g_watched.load(std::memory_order_relaxed)) arm(periodMs);
}

void stopWatchdog()
{
    arm(0);
    g_watched.store(nullptr, std::memory_order_release);
    if (g_handlerInstalled) {
        // As Redis: ignored from now on (an expiry already on its way is dropped), unless
        // the process had a handler of its own before.
        if (g_previousHandler.sa_handler == SIG_DFL) {
            struct sigaction ignore = {};
            ignore.sa_handler = SIG_IGN;
            sigemptyset(&ignore.sa_mask);
            sigaction(SIGALRM, &ignore, nullptr);
        } else {
            sigaction(SIGALRM, &g_previousHandler, nullptr);
        }
        g_handlerInstalled = false;
    }
}

} // namespace redscope::engine
