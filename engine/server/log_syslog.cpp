// The syslog(3) side of the server log (log_syslog.h). openlog keeps the ident pointer, so
// the ident lives in a static string for the life of the process.
#include "server/log_syslog.h"

#include "server/config.h"

#include <string>
#include <syslog.h>

namespace redscope::engine {

namespace {
std::string g_ident;
}

int syslogFacility(std::string_view name)
{
    static const std::pair<std::string_view, int> facilities[] = {
        {"user", LOG_USER},     {"local0", LOG_LOCAL0}, {"local1", LOG_LOCAL1},
        {"local2", LOG_LOCAL2}, {"local3", LOG_LOCAL3}, {"local4", LOG_LOCAL4},
        {"local5", LOG_LOCAL5}, {"local6", LOG_LOCAL6}, {"local7", LOG_LOCAL7}};
    for (const auto &[facilityName, code] : facilities)
        if (name == facilityName) return code;
    return -1;
}

int syslogSeverity(int level)
{
    static const int severities[] = {LOG_DEBUG, LOG_INFO, LOG_NOTICE, LOG_WARNING};
    return severities[level < 0 ? 0 : level > 3 ? 3 : level];
}

void openSyslog(const ServerConfig &config)
{
    if (!config.syslogEnabled) return;
    g_ident = config.syslogIdent;
    const int facility = syslogFacility(config.syslogFacility);
    ::openlog(g_ident.c_str(), LOG_PID | LOG_NDELAY | LOG_NOWAIT,
              facility < 0 ? LOG_LOCAL0 : facility);
}

void sendToSyslog(int level, std::string_view message)
{
    ::syslog(syslogSeverity(level), "%.*s", static_cast<int>(message.size()), message.data());
}

} // namespace redscope::engine
