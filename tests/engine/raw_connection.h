// One connection that exchanges raw RESP bytes, for what Debian's hiredis 0.14 cannot read
// (RESP3 replies after HELLO 3, pushed messages): a test sends a command and compares the
// exact bytes that come back.
#pragma once

#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace redscope::test {

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
        [[maybe_unused]] ssize_t w = write(m_fd, request.data(), request.size());
        return drain(quietMs);
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
