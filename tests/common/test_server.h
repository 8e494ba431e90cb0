// Starts a real server process for tests: the project's redscope-server or Debian's
// redis-server, on a free loopback port (and optionally a Unix socket in a private temp
// directory), waits until it answers PING, and stops it by PID (SIGTERM, then SIGKILL).
// No Qt and no hiredis here, so engine, app and benchmark code can all use it.
#pragma once

#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace redscope::test {

class TestServer
{
public:
    static std::unique_ptr<TestServer> startRedscope(const std::vector<std::string> &extraArgs = {});
    static std::unique_ptr<TestServer> startRedis(const std::vector<std::string> &extraArgs = {});
    // Any binary that takes redis-server's arguments; a configFile goes first, as
    // redis-server requires.
    static std::unique_ptr<TestServer> start(const std::string &binary,
                                             const std::vector<std::string> &extraArgs,
                                             const std::string &configFile = {},
                                             int port = 0); // 0: a free port

    ~TestServer();
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    bool ok() const { return m_ok; }
    const std::string &error() const { return m_error; }
    int port() const { return m_port; }
    const std::string &unixSocket() const { return m_unixSocket; }
    const std::string &directory() const { return m_dir; }
    int pid() const { return m_pid; }

    // Stops the process (SIGTERM, waits up to 10 s, then SIGKILL). Returns its exit status.
    int stop();
    // Sends a signal without waiting (kill -9 tests).
    void kill(int signal);

    // Leaves the directory (logs, nodes.conf) in place after the server stops, for a failed
    // test to be looked at.
    void keepDirectory() { m_keepDirectory = true; }

    static int freePort();
    static std::string redscopeServerPath();
    static std::string redisServerPath();
    // Call in a forked child before exec: the child gets SIGKILL when `parent` dies (strictly,
    // when the thread that forked it ends: start servers from the main thread).
    static void dieWithParent(pid_t parent);

private:
    TestServer() = default;
    bool waitUntilReady(int timeoutMs);

    bool m_ok = false;
    std::string m_error;
    int m_port = 0;
    int m_pid = -1;
    std::string m_dir;
    std::string m_unixSocket;
    bool m_keepDirectory = false;
};

// Minimal blocking RESP client over TCP for fixtures and smoke checks (no hiredis needed).
// Returns the raw reply bytes of one request, or an empty string on failure.
std::string sendRawCommand(int port, const std::vector<std::string> &args, int timeoutMs = 2000);

} // namespace redscope::test
