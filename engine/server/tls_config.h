// The tls-* parameters checked the way redis-server checks them when TLS is switched on
// (tls-port, tls-replication or tls-cluster): certificate and key load, the CA is there when
// peers must be verified, protocols, ciphers and DH parameters are valid. OpenSSL does the
// loading, into a context that is thrown away: the engine has no TLS listener and its
// replication links are plain TCP, so a valid configuration that would need one (tls-port
// not 0, tls-replication yes) is still refused, with that reason in the log.
#pragma once

#include <string>

namespace redscope::engine {

struct ServerConfig;

// True when TLS is off or its settings load; otherwise false with the reason (for the log;
// CONFIG SET answers Redis's "Unable to update TLS configuration. Check server logs.").
bool checkTlsConfig(const ServerConfig &config, std::string *why);

} // namespace redscope::engine
