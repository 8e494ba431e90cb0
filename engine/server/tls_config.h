// The tls-* parameters turned into OpenSSL contexts, the way redis-server builds its own
// when TLS is switched on (tls-port, tls-replication or tls-cluster): certificate and key,
// the CA that verifies peers, protocols, ciphers, DH parameters, session cache. Two contexts:
// the server's, for the tls-port listener and the replicas that connect to it, and the
// client's, for our link to a master with tls-replication yes (tls-client-cert-file and
// -key-file when set, else the server's pair, as in Redis).
//
// CONFIG SET of any tls-* parameter builds a whole new pair first and only then replaces the
// old one, so a bad file is refused with the old context still serving; sessions already open
// keep the context they were made from (OpenSSL counts the references).
#pragma once

#include <memory>
#include <string>

typedef struct ssl_ctx_st SSL_CTX;

namespace redscope::engine {

struct ServerConfig;

struct TlsContexts
{
    struct Free
    {
        void operator()(SSL_CTX *ctx) const;
    };
    std::unique_ptr<SSL_CTX, Free> server;
    std::unique_ptr<SSL_CTX, Free> client;
};

// True when TLS is off (out left empty) or its settings load into `out`; otherwise false
// with redis-server's log line for the failure.
bool buildTlsContexts(const ServerConfig &config, TlsContexts *out, std::string *why);

// The same, keeping nothing: CONFIG SET's check (the reply is then Redis's "Unable to update
// TLS configuration. Check server logs.").
bool checkTlsConfig(const ServerConfig &config, std::string *why);

} // namespace redscope::engine
