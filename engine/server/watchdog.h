// The software watchdog (watchdog-period, a hidden parameter as in Redis 7.0): a one-shot
// timer that the cron re-arms on every tick, so it only expires when the event-loop thread
// has been stuck for longer than the period (a slow command, DEBUG SLEEP, a long load). Then
// the log gets "--- WATCHDOG TIMER EXPIRED ---" and the stuck thread's stack trace, in
// redis-server's format (written by crash_report.cpp), and the server carries on.
//
// The timer is a POSIX timer aimed at the loop's own thread (SIGEV_THREAD_ID) with SIGALRM,
// where Redis uses setitimer: inside the app the engine's loop is not the main thread, and
// redscope-server's I/O and lazy-free threads must not take the signal. As in Redis the
// signal interrupts a sleep in progress (DEBUG SLEEP then returns early). One process-wide
// watchdog: the last server to start one owns it.
#pragma once

#include <cstdint>

namespace redscope::engine {

class Server;

// watchdog-period set (start-up, CONFIG SET), on the loop thread: 0 stops the watchdog;
// otherwise the period is raised to two cron periods at least (2000 / hz ms), as Redis
// raises it, and the timer armed. Returns the period in force, for CONFIG GET.
int64_t applyWatchdogPeriod(Server &server, int64_t periodMs);
// From the cron: another period before the timer expires.
void rearmWatchdog(int64_t periodMs);
// The server stops (or crashes): no more expiries, the signal's old handler back.
void stopWatchdog();

} // namespace redscope::engine
