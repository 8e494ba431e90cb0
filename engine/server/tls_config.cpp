// See tls_config.h. The error texts are redis-server's log lines for the same failures.
#include "server/tls_config.h"

#include "server/config.h"
#include "util/strings.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>
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

// Hands OpenSSL the key's passphrase (tls-key-file-pass) while the key loads.
int passwordCallback(char *buf, int size, int, void *user)
{
    const auto *password = static_cast<const std::string *>(user);
    if (password->empty() || static_cast<int>(password->size()) >= size) return 0;
    std::memcpy(buf, password->data(), password->size());
    return static_cast<int>(password->size());
}

// tls-protocols: words among TLSv1 .. TLSv1.3 (any case); empty means TLSv1.2 and TLSv1.3.
// Returns the SSL_OP_NO_* options for the protocols not named.
bool protocolOptions(const std::string &text, uint64_t *options, std::string *why)
{
    bool v10 = false, v11 = false, v12 = false, v13 = false;
    std::istringstream in(text);
    std::string word;
    bool any = false;
    while (in >> word) {
        any = true;
        if (equalsIgnoreCase(word, "TLSv1"))
            v10 = true;
        else if (equalsIgnoreCase(word, "TLSv1.1"))
            v11 = true;
        else if (equalsIgnoreCase(word, "TLSv1.2"))
            v12 = true;
        else if (equalsIgnoreCase(word, "TLSv1.3"))
            v13 = true;
        else {
            *why = "Invalid tls-protocols specified. Use a combination of 'TLSv1', 'TLSv1.1', "
                   "'TLSv1.2' and 'TLSv1.3'.";
            return false;
        }
    }
    if (!any) v12 = v13 = true;
    *options = (v10 ? 0 : SSL_OP_NO_TLSv1) | (v11 ? 0 : SSL_OP_NO_TLSv1_1) |
               (v12 ? 0 : SSL_OP_NO_TLSv1_2) | (v13 ? 0 : SSL_OP_NO_TLSv1_3);
    return true;
}

using Context = std::unique_ptr<SSL_CTX, TlsContexts::Free>;

// One side's certificate and key (server, or the client side of outgoing links).
bool loadPair(SSL_CTX *ctx, const std::string &cert, const std::string &key,
              const std::string &password, std::string *why)
{
    // The passphrase is only read while the key loads, then the callback is removed.
    auto *copy = new std::string(password);
    SSL_CTX_set_default_passwd_cb(ctx, passwordCallback);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, copy);
    bool ok = true;
    if (SSL_CTX_use_certificate_chain_file(ctx, cert.c_str()) <= 0) {
        *why = "Failed to load certificate: " + cert + ": " + sslError();
        ok = false;
    } else if (SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) <= 0) {
        *why = "Failed to load private key: " + key + ": " + sslError();
        ok = false;
    }
    // Keys are loaded: the password is not needed any more.
    SSL_CTX_set_default_passwd_cb(ctx, nullptr);
    SSL_CTX_set_default_passwd_cb_userdata(ctx, nullptr);
    delete copy;
    return ok;
}

// What the two contexts share: protocols, options, CA, ciphers.
Context newContext(const ServerConfig &c, bool server, uint64_t protocolOpts, std::string *why)
{
    Context ctx(SSL_CTX_new(server ? TLS_server_method() : TLS_client_method()));
    if (!ctx) {
        *why = "Failed to create TLS context: " + sslError();
        return nullptr;
    }
    // OpenSSL 3 refuses client-initiated renegotiation by default, as Redis asks.
    SSL_CTX_set_options(ctx.get(), SSL_OP_NO_SSLv2 | SSL_OP_NO_SSLv3 | SSL_OP_NO_COMPRESSION |
                                       SSL_OP_IGNORE_UNEXPECTED_EOF | protocolOpts);
    if (c.tlsPreferServerCiphers) SSL_CTX_set_options(ctx.get(), SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_mode(ctx.get(),
                     SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // Release the 34 KB of buffers of an idle session, as Redis does.
    SSL_CTX_set_mode(ctx.get(), SSL_MODE_RELEASE_BUFFERS);
    if ((!c.tlsCaCertFile.empty() || !c.tlsCaCertDir.empty()) &&
        SSL_CTX_load_verify_locations(
            ctx.get(), c.tlsCaCertFile.empty() ? nullptr : c.tlsCaCertFile.c_str(),
            c.tlsCaCertDir.empty() ? nullptr : c.tlsCaCertDir.c_str()) <= 0) {
        *why = "Failed to configure CA certificate(s) file/directory: " + sslError();
        return nullptr;
    }
    if (!c.tlsCiphers.empty() && !SSL_CTX_set_cipher_list(ctx.get(), c.tlsCiphers.c_str())) {
        *why = "Failed to configure ciphers: " + c.tlsCiphers;
        return nullptr;
    }
    if (!c.tlsCiphersuites.empty() &&
        !SSL_CTX_set_ciphersuites(ctx.get(), c.tlsCiphersuites.c_str())) {
        *why = "Failed to configure ciphersuites: " + c.tlsCiphersuites;
        return nullptr;
    }
    return ctx;
}

bool loadDhParams(SSL_CTX *ctx, const std::string &path, std::string *why)
{
    if (path.empty()) {
        SSL_CTX_set_dh_auto(ctx, 1);
        return true;
    }
    BIO *file = BIO_new_file(path.c_str(), "r");
    if (!file) {
        *why = "Failed to load " + path + ": " + std::strerror(errno);
        ERR_clear_error();
        return false;
    }
    EVP_PKEY *params = PEM_read_bio_Parameters(file, nullptr);
    BIO_free(file);
    if (!params) {
        *why = "Failed to load " + path + ": " + sslError();
        return false;
    }
    if (SSL_CTX_set0_tmp_dh_pkey(ctx, params) <= 0) { // takes params on success
        EVP_PKEY_free(params);
        *why = "Failed to load DH params file: " + path + ": " + sslError();
        return false;
    }
    return true;
}

} // namespace

void TlsContexts::Free::operator()(SSL_CTX *ctx) const
{
    SSL_CTX_free(ctx);
}

bool buildTlsContexts(const ServerConfig &c, TlsContexts *out, std::string *why)
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
    uint64_t protocolOpts = 0;
    if (!protocolOptions(c.tlsProtocols, &protocolOpts, why)) return false;

    Context server = newContext(c, true, protocolOpts, why);
    if (!server) return false;
    if (!loadPair(server.get(), c.tlsCertFile, c.tlsKeyFile, c.tlsKeyFilePass, why)) return false;
    if (!loadDhParams(server.get(), c.tlsDhParamsFile, why)) return false;
    SSL_CTX_set_ecdh_auto(server.get(), 1);
    if (c.tlsSessionCaching) {
        SSL_CTX_set_session_cache_mode(server.get(), SSL_SESS_CACHE_SERVER);
        SSL_CTX_sess_set_cache_size(server.get(), c.tlsSessionCacheSize);
        SSL_CTX_set_timeout(server.get(), static_cast<long>(c.tlsSessionCacheTimeout));
        static const unsigned char kSessionContext[] = "redscope";
        SSL_CTX_set_session_id_context(server.get(), kSessionContext, sizeof kSessionContext - 1);
    } else {
        SSL_CTX_set_session_cache_mode(server.get(), SSL_SESS_CACHE_OFF);
        SSL_CTX_set_options(server.get(), SSL_OP_NO_TICKET);
    }
    // tls-auth-clients: yes needs a certificate the CA signed, optional checks one if sent.
    if (c.tlsAuthClients == "yes")
        SSL_CTX_set_verify(server.get(), SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT,
                           nullptr);
    else if (c.tlsAuthClients == "optional")
        SSL_CTX_set_verify(server.get(), SSL_VERIFY_PEER, nullptr);
    else
        SSL_CTX_set_verify(server.get(), SSL_VERIFY_NONE, nullptr);

    Context client = newContext(c, false, protocolOpts, why);
    if (!client) return false;
    const bool ownPair = !c.tlsClientCertFile.empty();
    if (!loadPair(client.get(), ownPair ? c.tlsClientCertFile : c.tlsCertFile,
                  ownPair ? c.tlsClientKeyFile : c.tlsKeyFile,
                  ownPair ? c.tlsClientKeyFilePass : c.tlsKeyFilePass, why))
        return false;
    // Our master must show a certificate our CA signed.
    SSL_CTX_set_verify(client.get(), SSL_VERIFY_PEER, nullptr);

    out->server = std::move(server);
    out->client = std::move(client);
    return true;
}

bool checkTlsConfig(const ServerConfig &config, std::string *why)
{
    TlsContexts probe;
    return buildTlsContexts(config, &probe, why);
}

} // namespace redscope::engine
