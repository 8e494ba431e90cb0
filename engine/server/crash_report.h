// Crash reports: what the engine writes to its log when it panics (Server::panic: DEBUG
// PANIC, a replica that can no longer follow its master) or receives a fatal signal (SIGSEGV,
// SIGBUS, SIGFPE, SIGILL, SIGABRT; DEBUG SEGFAULT causes a real SIGSEGV). The report has the
// sections and titles of redis-server 7.0's bug report, which people paste into issues and
// tools grep for: the START line, the cause (the "Guru Meditation" line of a panic; the
// signal, its si_code, the faulting address or the sender, the instruction of a crash), STACK
// TRACE, REGISTERS (x86-64), INFO OUTPUT, CLIENT LIST OUTPUT, CURRENT CLIENT INFO with the
// running command's arguments, CONFIG DEBUG OUTPUT, FAST MEMORY TEST, then the END line.
// `crash-log-enabled no` leaves out everything but the cause (a signal then ends the process
// with no report at all, as in Redis); `crash-memcheck-enabled no` the memory test.
//
// Built to finish inside a signal handler: the report is written with write(2) from fixed
// buffers, the stack with backtrace_symbols_fd, the time stamp without localtime. What needs
// the heap (INFO, CLIENT LIST) comes after the stack trace, and an alarm ends the process by
// the crash's own signal if that part hangs (a crash inside malloc, holding its lock), so the
// report can be cut short but the process still dies as it should.
//
// Inside the desktop app (the embedded engine) nothing here is installed as a signal handler:
// the process is the app's. A panic there writes the report (without the memory test, which
// would test the app's memory) and the engine stops; the program lives on.
#pragma once

#include <string>

namespace redscope::engine {

class Server;

// Once per process before a report can be written: caches what a signal handler must not
// compute (the time zone's offset) and loads the unwinder backtrace() uses.
void prepareCrashReports();

// redscope-server only: the handlers for the fatal signals, reporting on `server` (whose
// crash-log-enabled is read at crash time).
void installCrashHandlers(Server &server);
// Before abort() on a panic, so the abort is not reported a second time.
void removeCrashHandlers();

// The report of a panic (why, at file:line). The caller ends the process or stops the engine.
void writePanicReport(Server &server, const std::string &why, const char *file, int line);
// The report of DEBUG SEGFAULT in the embedded engine, which stops instead of faulting.
void writeEmbeddedSegfaultReport(Server &server);

// The software watchdog's report (server/watchdog.h), from its signal handler on the stuck
// thread: redis-server's "--- WATCHDOG TIMER EXPIRED ---" lines and the stack trace from the
// signal's context. Async-signal-safe.
void writeWatchdogReport(Server &server, void *signalContext);

// INFO's text with every section (commands/info_command.cpp), for the report.
std::string infoAllSections(Server &server);

} // namespace redscope::engine
