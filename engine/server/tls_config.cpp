// See tls_config.h. The error texts are redis-server's log lines for the same failures.
#include "server/tls_config.h"

#include "server/config.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <sstream>

namespace redscope::engine {

namespace {

std::string sslError()
{
    const unsigned long code = ERR_peek_last_error();
    char text[256] = "unknown error";
    if (code) ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return text;
}

int passwordCallback(char *buf, int size, int, void *user)
{
    const auto *password = static_cast<const std::string *>(user);
    if (password->empty() || static_cast<int>(password->size()) >= size) return 0;
    std::memcpy(buf, password->data(), password->size());
    return static_cast<int>(password->size());
}

// tls-protocols: words among TLSv1 .. TLSv1.3; empty means TLSv1.2 and TLSv1.3.
bool protocolsValid(const std::string &text, std::string *why)
{
    std::istringstream in(text);
    std::string word;
    while (in >> word) {
        if (word != "TLSv1" && word != "TLSv1.1" && word != "TLSv1.2" && word != "TLSv1.3") {
            *why = "Invalid tls-protocols specified. Use a combination of 'TLSv1', 'TLSv1.1', "
                   "'TLSv1.2' and 'TLSv1.3'.";
            return false;
        }
    }
    return true;
}

using Context = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;

// One side's certificate and key (server, or the client side of outgoing links).
bool loadPair(SSL_CTX *ctx, const std::string &cert, const std::string &key,
              const std::string &password, std::string *why)
{
    SSL_CTX_set_default_passwd_cb(ctx, passwordCallback);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, const_cast<std::string *>(&password));
    if (SSL_CTX_use_certificate_chain_file(ctx, cert.c_str()) <= 0) {
        *why = "Failed to load certificate: " + cert + ": " + sslError();
        return false;
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) <= 0) {
        *why = "Failed to load private key: " + key + ": " + sslError();
        return false;
    }
    return true;
}

} // namespace

bool checkTlsConfig(const ServerConfig &c, std::string *why)
{
    if (c.tlsPort == 0 && !c.tlsReplication && !c.tlsCluster) return true;
    if (c.tlsCertFile.empty()) {
        *why = "No tls-cert-file configured!";
        return false;
    }
    if (c.tlsKeyFile.empty()) {
        *why = "No tls-key-file configured!";
        return false;
    }
    const bool verifiesPeers = c.tlsAuthClients != "no" || c.tlsCluster || c.tlsReplication;
    if (verifiesPeers && c.tlsCaCertFile.empty() && c.tlsCaCertDir.empty()) {
        *why = "Either tls-ca-cert-file or tls-ca-cert-dir must be specified when tls-cluster, "
               "tls-replication or tls-auth-clients are enabled!";
        return false;
    }
    if (!protocolsValid(c.tlsProtocols, why)) return false;
    Context ctx(SSL_CTX_new(TLS_method()), SSL_CTX_free);
    if (!ctx) {
        *why = "Failed to create TLS context: " + sslError();
        return false;
    }
    if (!loadPair(ctx.get(), c.tlsCertFile, c.tlsKeyFile, c.tlsKeyFilePass, why)) return false;
    if (!c.tlsClientCertFile.empty() &&
        !loadPair(ctx.get(), c.tlsClientCertFile, c.tlsClientKeyFile, c.tlsClientKeyFilePass, why))
        return false;
    if ((!c.tlsCaCertFile.empty() || !c.tlsCaCertDir.empty()) &&
        SSL_CTX_load_verify_locations(
            ctx.get(), c.tlsCaCertFile.empty() ? nullptr : c.tlsCaCertFile.c_str(),
            c.tlsCaCertDir.empty() ? nullptr : c.tlsCaCertDir.c_str()) <= 0) {
        *why = "Failed to configure CA certificate(s) file/directory: " + sslError();
        return false;
    }
    if (!c.tlsDhParamsFile.empty()) {
        BIO *file = BIO_new_file(c.tlsDhParamsFile.c_str(), "r");
        if (!file) {
            *why = "Failed to load " + c.tlsDhParamsFile + ": " + std::strerror(errno);
            return false;
        }
        EVP_PKEY *params = PEM_read_bio_Parameters(file, nullptr);
        BIO_free(file);
        if (!params) {
            *why = "Failed to load " + c.tlsDhParamsFile + ": " + sslError();
            return false;
        }
        EVP_PKEY_free(params);
    }
    if (!c.tlsCiphers.empty() && !SSL_CTX_set_cipher_list(ctx.get(), c.tlsCiphers.c_str())) {
        *why = "Failed to configure ciphers: " + c.tlsCiphers;
        return false;
    }
    if (!c.tlsCiphersuites.empty() &&
        !SSL_CTX_set_ciphersuites(ctx.get(), c.tlsCiphersuites.c_str())) {
        *why = "Failed to configure ciphersuites: " + c.tlsCiphersuites;
        return false;
    }
    if (c.tlsPort != 0 || c.tlsReplication) {
        *why = "The TLS settings load, but this server has no TLS listener and its replication "
               "links are plain TCP: tls-port must stay 0 and tls-replication no";
        return false;
    }
    return true;
}

} // namespace redscope::engine
