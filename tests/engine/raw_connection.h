// One connection that exchanges raw RESP bytes, for what Debian's hiredis 0.14 cannot read
// (RESP3 replies after HELLO 3, pushed messages): a test sends a command and compares the
// exact bytes that come back.
#pragma once

#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace redscope::test {

// A command as a RESP array of bulk strings, as clients send it.
inline std::string respCommand(const std::vector<std::string> &args)
{
    // Appended piece by piece: GCC 12 warns (-Wrestrict, wrongly) on "*" + std::string.
    std::string request = "*";
    request += std::to_string(args.size());
    request += "\r\n";
    for (const std::string &a : args) {
        request += '$';
        request += std::to_string(a.size());
        request += "\r\n";
        request += a;
        request += "\r\n";
    }
    return request;
}

// A TCP connection to 127.0.0.1:port (with SO_RCVBUF set first when receiveBuffer > 0, so a
// test can make a slow reader); -1 if it fails.
inline int connectLoopback(int port, int receiveBuffer = 0)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (receiveBuffer > 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) return fd;
    close(fd);
    return -1;
}

// Blocking reads and writes on fd give up after `seconds` (a test's hang becomes its failure),
// and small writes go out at once (TCP_NODELAY).
inline void setTimeoutsAndNoDelay(int fd, int seconds)
{
    timeval timeout{seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
}

// Raw bytes exchange on one connection (for RESP3, which Debian's hiredis cannot read).
class RawConnection
{
public:
    explicit RawConnection(int port)
        : m_fd(connectLoopback(port))
    {
    }
    ~RawConnection()
    {
        if (m_fd >= 0) close(m_fd);
    }
    // Sends a command and collects what arrives until `quietMs` pass without data.
    std::string send(const std::vector<std::string> &args, int quietMs = 200)
    {
        const std::string request = respCommand(args);
        [[maybe_unused]] ssize_t w = write(m_fd, request.data(), request.size());
        return drain(quietMs);
    }
    // Sends a command, waits (up to `timeoutMs`) until one whole reply has arrived, then
    // collects what follows until `quietMs` pass without data: a loaded machine may take
    // longer than any quiet window to answer, but a reply is never cut short.
    std::string sendForReply(const std::vector<std::string> &args, int quietMs = 50,
                             int timeoutMs = 10000)
    {
        return awaitReply(quietMs, timeoutMs, send(args, 0));
    }
    // Waits (up to `timeoutMs`) until one whole value has arrived (`reply`: what was read so
    // far), then collects what follows until `quietMs` pass without data: for a message that
    // the server sends on its own schedule (an expiry's invalidation, a timer's event).
    std::string awaitReply(int quietMs = 50, int timeoutMs = 10000, std::string reply = {})
    {
        pollfd p{m_fd, POLLIN, 0};
        for (int waited = 0; completeReplyLength(reply, 0) == 0 && waited < timeoutMs;
             waited += 10) {
            if (poll(&p, 1, 10) <= 0) continue;
            char buffer[4096];
            ssize_t n = read(m_fd, buffer, sizeof buffer);
            if (n <= 0) break;
            reply.append(buffer, static_cast<size_t>(n));
        }
        return reply + drain(quietMs);
    }

    // Everything the server has sent or queued for this connection so far, without a quiet
    // window's guess: a PING with a token goes out and the bytes before its reply come back
    // (the reply itself is dropped). A message that another client's command queued here
    // before that command's own reply arrived is always included. Up to `timeoutMs` on a slow
    // machine; without the fence's reply, what arrived is returned as it is (and will differ).
    // Not after CLIENT CACHING YES (the PING would use up its one command).
    std::string pending(int timeoutMs = 10000)
    {
        static const std::string token = "redscope-test-fence";
        static const std::string fence = respCommand({token}).substr(4);  // "$19\r\n…\r\n"
        static const std::string subscribedPong = "*2\r\n$4\r\npong\r\n"; // RESP2 subscriber
        std::string data = send({"PING", token}, 0);
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        pollfd p{m_fd, POLLIN, 0};
        while (!data.ends_with(fence) && std::chrono::steady_clock::now() < deadline) {
            if (poll(&p, 1, 10) <= 0) continue;
            char buffer[4096];
            ssize_t n = read(m_fd, buffer, sizeof buffer);
            if (n <= 0) break;
            data.append(buffer, static_cast<size_t>(n));
        }
        if (!data.ends_with(fence)) return data;
        data.resize(data.size() - fence.size());
        if (data.ends_with(subscribedPong)) data.resize(data.size() - subscribedPong.size());
        return data;
    }

    // The length of the RESP2/RESP3 value that starts at `at` in `bytes`, or 0 while it is
    // incomplete.
    static size_t completeReplyLength(const std::string &bytes, size_t at)
    {
        const size_t lineEnd = bytes.find("\r\n", at);
        if (at >= bytes.size() || lineEnd == std::string::npos) return 0;
        const char type = bytes[at];
        const size_t afterLine = lineEnd + 2;
        long long count = 0;
        if (lineEnd > at + 1) count = std::atoll(bytes.c_str() + at + 1);
        switch (type) {
        case '$':
        case '!':
        case '=': // length-prefixed
            if (count < 0) return afterLine - at;
            return bytes.size() >= afterLine + static_cast<size_t>(count) + 2
                       ? afterLine + static_cast<size_t>(count) + 2 - at
                       : 0;
        case '*':
        case '~':
        case '>':
        case '%':
        case '|': {
            if (count < 0) return afterLine - at;
            const long long elements = (type == '%' || type == '|') ? count * 2 : count;
            size_t position = afterLine;
            for (long long i = 0; i < elements; ++i) {
                const size_t length = completeReplyLength(bytes, position);
                if (length == 0) return 0;
                position += length;
            }
            if (type == '|') { // an attribute precedes the value it describes
                const size_t length = completeReplyLength(bytes, position);
                return length == 0 ? 0 : position + length - at;
            }
            return position - at;
        }
        default: // + - : _ , # ( one line
            return afterLine - at;
        }
    }

    std::string drain(int quietMs)
    {
        std::string reply;
        pollfd p{m_fd, POLLIN, 0};
        while (poll(&p, 1, quietMs) > 0) {
            char buffer[4096];
            ssize_t n = read(m_fd, buffer, sizeof buffer);
            if (n <= 0) break;
            reply.append(buffer, static_cast<size_t>(n));
        }
        return reply;
    }

private:
    int m_fd = -1;
};

} // namespace redscope::test
