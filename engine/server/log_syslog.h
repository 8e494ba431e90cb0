// syslog-enabled, syslog-ident and syslog-facility: with syslog-enabled yes the server's log
// lines also go to syslog(3), as redis-server sends them: opened once at start with the
// ident and facility (LOG_PID, connected at once), each line's message without the
// timestamp prefix, at the priority of its level. The three are start-up parameters only.
#pragma once

#include <string_view>

namespace redscope::engine {

struct ServerConfig;

// The LOG_* facility of a syslog-facility name ("user", "local0".."local7"); -1 if unknown.
int syslogFacility(std::string_view name);
// The syslog severity of an engine log level (Server::LogDebug..LogWarning): LOG_DEBUG,
// LOG_INFO (verbose), LOG_NOTICE, LOG_WARNING, as Redis maps its levels.
int syslogSeverity(int level);
// With syslog-enabled yes: openlog with syslog-ident and syslog-facility.
void openSyslog(const ServerConfig &config);
// One log message to syslog (after openSyslog).
void sendToSyslog(int level, std::string_view message);

} // namespace redscope::engine
