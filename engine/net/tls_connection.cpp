// See tls_connection.h. The session talks to its socket through a small BIO of our own
// rather than OpenSSL's socket BIO, which writes with write(2): a peer that hung up would
// raise SIGPIPE, and the embedded engine cannot count on its host process ignoring it. Ours
// sends with MSG_NOSIGNAL, as the plain path does.
#include "net/tls_connection.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace redscope::engine {

namespace {

// One TLS record is at most 16 KB; 1 MB per call keeps a big reply at a few calls, and being
// a constant it never makes a retry shorter than the call that asked for it.
constexpr size_t kMaxWriteCall = 1024 * 1024;

int socketFd(BIO *bio)
{
    return static_cast<int>(reinterpret_cast<intptr_t>(BIO_get_data(bio)));
}

int bioWrite(BIO *bio, const char *data, int size)
{
    BIO_clear_retry_flags(bio);
    const ssize_t n = ::send(socketFd(bio), data, static_cast<size_t>(size), MSG_NOSIGNAL);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) BIO_set_retry_write(bio);
    return static_cast<int>(n);
}

int bioRead(BIO *bio, char *buffer, int size)
{
    BIO_clear_retry_flags(bio);
    const ssize_t n = ::recv(socketFd(bio), buffer, static_cast<size_t>(size), 0);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) BIO_set_retry_read(bio);
    return static_cast<int>(n);
}

long bioCtrl(BIO *, int command, long, void *)
{
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

int bioCreate(BIO *bio)
{
    BIO_set_init(bio, 1);
    return 1;
}

BIO_METHOD *socketMethod()
{
    static BIO_METHOD *method = [] {
        BIO_METHOD *m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "redscope-sock");
        BIO_meth_set_write(m, bioWrite);
        BIO_meth_set_read(m, bioRead);
        BIO_meth_set_ctrl(m, bioCtrl);
        BIO_meth_set_create(m, bioCreate);
        return m;
    }();
    return method;
}

std::string queuedError()
{
    std::string text;
    while (unsigned long code = ERR_get_error()) {
        char line[256];
        ERR_error_string_n(code, line, sizeof line);
        text = line; // the last one is the most specific
    }
    return text;
}

} // namespace

std::unique_ptr<TlsConnection> TlsConnection::create(SSL_CTX *ctx, int fd, Role role)
{
    if (!ctx) return nullptr;
    SSL *ssl = SSL_new(ctx);
    if (!ssl) {
        ERR_clear_error();
        return nullptr;
    }
    BIO *bio = BIO_new(socketMethod());
    if (!bio) {
        SSL_free(ssl);
        return nullptr;
    }
    BIO_set_data(bio, reinterpret_cast<void *>(static_cast<intptr_t>(fd)));
    SSL_set_bio(ssl, bio, bio); // the session owns the BIO; the fd stays the caller's
    if (role == Role::Accept)
        SSL_set_accept_state(ssl);
    else
        SSL_set_connect_state(ssl);
    return std::unique_ptr<TlsConnection>(new TlsConnection(ssl));
}

TlsConnection::~TlsConnection()
{
    SSL_free(m_ssl);
}

TlsConnection::Step TlsConnection::handshake()
{
    if (m_established) return Step::Done;
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl);
    if (result == 1) {
        m_established = true;
        m_want = 1;
        return Step::Done;
    }
    const int error = SSL_get_error(m_ssl, result);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
        m_want = error == SSL_ERROR_WANT_READ ? 1 : 2;
        return Step::WouldBlock;
    }
    m_broken = true;
    m_error = queuedError();
    if (m_error.empty())
        m_error = error == SSL_ERROR_SYSCALL && errno ? std::strerror(errno)
                                                      : "connection closed during the handshake";
    return Step::Failed;
}

ssize_t TlsConnection::fail(int result, bool reading)
{
    const int savedErrno = errno;
    const int error = SSL_get_error(m_ssl, result);
    switch (error) {
    case SSL_ERROR_WANT_READ:
    case SSL_ERROR_WANT_WRITE: {
        const bool wantsWrite = error == SSL_ERROR_WANT_WRITE;
        m_want = wantsWrite ? 2 : 1;
        if (reading)
            m_readWantsWrite = wantsWrite;
        else
            m_writeWantsRead = !wantsWrite;
        errno = EAGAIN;
        return -1;
    }
    case SSL_ERROR_ZERO_RETURN: // close_notify
        return 0;
    case SSL_ERROR_SYSCALL:
        m_broken = true;
        m_error = queuedError();
        if (savedErrno == 0 || savedErrno == EAGAIN || savedErrno == EINTR) return 0; // EOF
        if (m_error.empty()) m_error = std::strerror(savedErrno);
        errno = savedErrno;
        return -1;
    default:
        m_broken = true;
        m_error = queuedError();
        errno = EPROTO;
        return -1;
    }
}

ssize_t TlsConnection::read(char *buffer, size_t size)
{
    ERR_clear_error();
    errno = 0;
    const int result = SSL_read(m_ssl, buffer, static_cast<int>(std::min<size_t>(size, INT32_MAX)));
    if (result > 0) {
        m_readWantsWrite = false;
        return result;
    }
    return fail(result, true);
}

ssize_t TlsConnection::write(const char *data, size_t size)
{
    ERR_clear_error();
    errno = 0;
    const int result = SSL_write(m_ssl, data, static_cast<int>(std::min(size, kMaxWriteCall)));
    if (result > 0) {
        m_writeWantsRead = false;
        return result;
    }
    return fail(result, false);
}

size_t TlsConnection::pending() const
{
    return static_cast<size_t>(std::max(0, SSL_pending(m_ssl)));
}

void TlsConnection::shutdown()
{
    if (!m_established || m_broken) return;
    m_broken = true; // once
    ERR_clear_error();
    SSL_shutdown(m_ssl);
    ERR_clear_error();
}

std::string TlsConnection::protocol() const
{
    return m_established ? SSL_get_version(m_ssl) : "";
}

} // namespace redscope::engine
