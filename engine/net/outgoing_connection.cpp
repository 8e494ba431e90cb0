// See outgoing_connection.h.
#include "net/outgoing_connection.h"

#include "net/event_loop.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

constexpr size_t kWriteChunk = 64 * 1024;
constexpr size_t kReadChunk = 16 * 1024;

} // namespace

int startTcpConnect(const std::string &host, int port, std::string *error)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *result = nullptr;
    const std::string service = std::to_string(port);
    if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &result) != 0 || !result) {
        *error = "can't resolve " + host;
        return -1;
    }
    int lastErrno = 0;
    for (addrinfo *at = result; at; at = at->ai_next) {
        const int fd = ::socket(at->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            lastErrno = errno;
            continue;
        }
        if (::connect(fd, at->ai_addr, at->ai_addrlen) == 0 || errno == EINPROGRESS) {
            ::freeaddrinfo(result);
            int yes = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
            return fd;
        }
        lastErrno = errno;
        ::close(fd);
    }
    ::freeaddrinfo(result);
    *error = std::strerror(lastErrno);
    return -1;
}

int tcpConnectError(int fd)
{
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) return errno;
    return error;
}

std::unique_ptr<SyncLink> SyncLink::open(const std::string &host, int port, SSL_CTX *tlsContext,
                                         int64_t timeoutMs, std::string *error)
{
    const int fd = startTcpConnect(host, port, error);
    if (fd < 0) return nullptr;
    std::unique_ptr<SyncLink> link(new SyncLink(fd));
    const bool writable = link->waitFor(POLLOUT, EventLoop::monotonicMs() + timeoutMs);
    if (!tlsContext) return link;
    if (!writable) {
        *error = link->m_error;
        return nullptr;
    }
    if (const int failed = tcpConnectError(fd)) {
        *error = std::strerror(failed);
        return nullptr;
    }
    link->m_tls = TlsConnection::create(tlsContext, fd, TlsConnection::Role::Connect);
    if (!link->m_tls) {
        *error = "no TLS session";
        return nullptr;
    }
    const int64_t deadline = EventLoop::monotonicMs() + timeoutMs;
    while (true) {
        switch (link->m_tls->handshake()) {
        case TlsConnection::Step::Done:
            return link;
        case TlsConnection::Step::Failed:
            *error = link->m_tls->lastError();
            return nullptr;
        case TlsConnection::Step::WouldBlock:
            if (!link->waitFor(link->tlsEvents(), deadline)) {
                *error = link->m_error;
                return nullptr;
            }
            break;
        }
    }
}

SyncLink::~SyncLink()
{
    if (m_tls) m_tls->shutdown();
    m_tls.reset();
    ::close(m_fd);
}

short SyncLink::tlsEvents() const
{
    return m_tls->wantMask() & EventLoop::Writable ? POLLOUT : POLLIN;
}

bool SyncLink::fail(std::string why)
{
    m_error = std::move(why);
    return false;
}

bool SyncLink::awaitRetry(ssize_t n, short events, int64_t deadlineMs)
{
    if (n == 0) return fail("connection closed");
    if (errno == EINTR) return true;
    if (errno != EAGAIN && errno != EWOULDBLOCK)
        return fail(m_tls && !m_tls->lastError().empty() ? m_tls->lastError()
                                                         : std::strerror(errno));
    return waitFor(m_tls ? tlsEvents() : events, deadlineMs);
}

bool SyncLink::waitFor(short events, int64_t deadlineMs)
{
    m_timedOut = false;
    while (true) {
        const int64_t left = deadlineMs - EventLoop::monotonicMs();
        if (left <= 0) {
            m_timedOut = true;
            return fail("timeout");
        }
        pollfd watched{m_fd, events, 0};
        const int ready = ::poll(&watched, 1, static_cast<int>(std::min<int64_t>(left, 1 << 30)));
        if (ready > 0) return true; // errors and hang-ups show in the next call
        if (ready < 0 && errno != EINTR) return fail(std::strerror(errno));
    }
}

bool SyncLink::writeAll(std::string_view bytes, int64_t timeoutMs)
{
    m_timedOut = false;
    while (!bytes.empty()) {
        const std::string_view chunk = bytes.substr(0, kWriteChunk);
        const int64_t deadline = EventLoop::monotonicMs() + timeoutMs;
        size_t done = 0;
        while (done < chunk.size()) {
            const ssize_t n =
                m_tls ? m_tls->write(chunk.data() + done, chunk.size() - done)
                      : ::send(m_fd, chunk.data() + done, chunk.size() - done, MSG_NOSIGNAL);
            if (n > 0) {
                done += static_cast<size_t>(n);
                continue;
            }
            if (!awaitRetry(n, POLLOUT, deadline)) return false;
        }
        bytes.remove_prefix(chunk.size());
    }
    return true;
}

bool SyncLink::readLine(std::string *line, int64_t timeoutMs)
{
    m_timedOut = false;
    const int64_t deadline = EventLoop::monotonicMs() + timeoutMs;
    size_t searched = 0;
    while (true) {
        const size_t end = m_input.find('\n', searched);
        if (end != std::string::npos) {
            line->assign(m_input, 0, end);
            if (!line->empty() && line->back() == '\r') line->pop_back();
            m_input.erase(0, end + 1);
            return true;
        }
        searched = m_input.size();
        char chunk[kReadChunk];
        const ssize_t n =
            m_tls ? m_tls->read(chunk, sizeof chunk) : ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n > 0) {
            m_input.append(chunk, static_cast<size_t>(n));
            continue;
        }
        if (!awaitRetry(n, POLLIN, deadline)) return false;
    }
}

} // namespace redscope::engine
