// Process management for TestServer (see test_server.h).
#include "test_server.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <netinet/in.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace redscope::test {

std::string TestServer::redscopeServerPath()
{
    if (const char *env = std::getenv("REDSCOPE_SERVER_BIN")) return env;
    return REDSCOPE_SERVER_BIN;
}

std::string TestServer::redisServerPath()
{
    if (const char *env = std::getenv("REDIS_SERVER_BIN")) return env;
    return "/usr/bin/redis-server";
}

int TestServer::freePort()
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    if (bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        close(fd);
        return 0;
    }
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    int port = ntohs(address.sin_port);
    close(fd);
    return port;
}

void TestServer::dieWithParent(pid_t parent)
{
    // A test that aborts (QtTest's watchdog, a crash) or is killed by ctest's timeout runs no
    // destructor: the kernel then kills its servers, so none is left running.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(1); // the parent died before prctl()
}

std::unique_ptr<TestServer> TestServer::startRedscope(const std::vector<std::string> &extraArgs)
{
    return start(redscopeServerPath(), extraArgs);
}

std::unique_ptr<TestServer> TestServer::startRedis(const std::vector<std::string> &extraArgs)
{
    return start(redisServerPath(), extraArgs);
}

std::unique_ptr<TestServer> TestServer::start(const std::string &binary,
                                              const std::vector<std::string> &extraArgs,
                                              const std::string &configFile, int port)
{
    std::unique_ptr<TestServer> server(new TestServer());
    if (access(binary.c_str(), X_OK) != 0) {
        server->m_error = "server binary not found: " + binary;
        return server;
    }
    char dirTemplate[] = "/tmp/redscope-test-XXXXXX";
    if (!mkdtemp(dirTemplate)) {
        server->m_error = "mkdtemp failed";
        return server;
    }
    server->m_dir = dirTemplate;
    server->m_unixSocket = server->m_dir + "/server.sock";
    // Several attempts: another process may grab the port between freePort() and bind().
    for (int attempt = 0; attempt < 5; ++attempt) {
        server->m_port = port > 0 ? port : freePort();
        std::vector<std::string> args{binary,
                                      "--port", std::to_string(server->m_port),
                                      "--bind", "127.0.0.1",
                                      "--unixsocket", server->m_unixSocket,
                                      "--dir", server->m_dir,
                                      "--save", "",
                                      "--appendonly", "no",
                                      "--daemonize", "no",
                                      "--logfile", server->m_dir + "/server.log"};
        // Extra args come last so they override the defaults above.
        args.insert(args.end(), extraArgs.begin(), extraArgs.end());
        if (!configFile.empty()) args.insert(args.begin() + 1, configFile);
        const pid_t parent = getpid();
        pid_t pid = fork();
        if (pid == 0) {
            dieWithParent(parent);
            std::vector<char *> argv;
            for (std::string &a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            int devnull = open("/dev/null", O_RDWR);
            dup2(devnull, STDIN_FILENO);
            execv(binary.c_str(), argv.data());
            _exit(127);
        }
        server->m_pid = pid;
        if (server->waitUntilReady(10000)) {
            server->m_ok = true;
            return server;
        }
        server->stop();
    }
    server->m_error = "server did not become ready: " + binary;
    return server;
}

bool TestServer::waitUntilReady(int timeoutMs)
{
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (std::chrono::steady_clock::now() < deadline) {
        int status = 0;
        if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            return false;
        }
        std::string reply = sendRawCommand(m_port, {"PING"}, 500);
        if (reply == "+PONG\r\n" || reply.rfind("-NOAUTH", 0) == 0) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

void TestServer::kill(int signal)
{
    if (m_pid > 0) ::kill(m_pid, signal);
}

int TestServer::stop()
{
    int status = 0;
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        bool exited = false;
        while (std::chrono::steady_clock::now() < deadline) {
            if (waitpid(m_pid, &status, WNOHANG) == m_pid) {
                exited = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (!exited) {
            ::kill(m_pid, SIGKILL);
            waitpid(m_pid, &status, 0);
        }
        m_pid = -1;
    }
    return status;
}

TestServer::~TestServer()
{
    stop();
    if (!m_dir.empty() && !m_keepDirectory) {
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }
}

std::string sendRawCommand(int port, const std::vector<std::string> &args, int timeoutMs)
{
    // Non-blocking, so neither connect() (a listener that does not accept: SYNs are dropped
    // and a blocking connect waits for minutes) nor write() can outlast timeoutMs.
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (fd < 0) return {};
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    if (connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        pollfd writable{fd, POLLOUT, 0};
        int error = 0;
        socklen_t length = sizeof error;
        if (errno != EINPROGRESS || poll(&writable, 1, timeoutMs) != 1 ||
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0 || error != 0) {
            close(fd);
            return {};
        }
    }
    // Appended piece by piece: "*" + std::string trips GCC 12's -Wrestrict false positive.
    std::string request = "*";
    request.append(std::to_string(args.size())).append("\r\n");
    for (const std::string &a : args) {
        request.append("$").append(std::to_string(a.size())).append("\r\n");
        request.append(a).append("\r\n");
    }
    for (size_t sent = 0; sent < request.size();) {
        const ssize_t n = write(fd, request.data() + sent, request.size() - sent);
        pollfd writable{fd, POLLOUT, 0};
        if (n > 0) {
            sent += size_t(n);
        } else if (n < 0 && errno == EAGAIN && poll(&writable, 1, timeoutMs) == 1) {
            continue;
        } else {
            close(fd);
            return {};
        }
    }
    std::string reply;
    pollfd p{fd, POLLIN, 0};
    // Reads until the first line ends; enough for simple/integer/error replies and PING.
    while (reply.find("\r\n") == std::string::npos && poll(&p, 1, timeoutMs) > 0) {
        char buffer[4096];
        ssize_t n = read(fd, buffer, sizeof buffer);
        if (n <= 0) break;
        reply.append(buffer, static_cast<size_t>(n));
    }
    close(fd);
    return reply;
}

} // namespace redscope::test
