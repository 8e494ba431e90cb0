// The server a GUI suite runs against: Debian's redis-server on a free loopback port, or the
// Local engine exactly as `make run` shows it (EngineHost in this process, on its private Unix
// socket). Suites that must work on both are registered twice in ctest (app.tst_x and
// app.tst_x.local, see redscope_add_app_test's BOTH_BACKENDS); the REDSCOPE_TEST_BACKEND
// environment variable picks one: "redis" (the default) or "local".
#pragma once

#include "connection/connection_settings.h"
#include "redis_test_client.h"
#include "test_server.h"

#include <QTemporaryDir>

#include <memory>
#include <string>
#include <vector>

namespace redscope {
class EngineHost;
class RedisConnection;
} // namespace redscope

namespace redscope::test {

class TestBackend
{
public:
    enum class Kind { Redis, Local };

    // redisArgs go to redis-server only; the Local engine runs with the app's defaults.
    static std::unique_ptr<TestBackend> start(const std::vector<std::string> &redisArgs = {});
    static Kind kindFromEnvironment();
    ~TestBackend();

    bool ok() const { return m_error.empty(); }
    const std::string &error() const { return m_error; }
    Kind kind() const { return m_kind; }
    bool isLocal() const { return m_kind == Kind::Local; }
    const char *name() const { return isLocal() ? "Local engine" : "redis-server"; }

    // What the app connects with (host/port, or the engine's Unix socket).
    ConnectionSettings settings() const;
    // A separate synchronous client, for a test to set up data or check the server.
    std::unique_ptr<RedisTestClient> client() const;
    // One command on a fresh connection; the reply as redis_test_client.h's canonical text.
    std::string run(const std::vector<std::string> &args) const;
    // The app's own connection to this server, once Ready; null when it is not Ready within
    // timeoutMs (the test then fails on the null).
    std::unique_ptr<RedisConnection> connectReady(int timeoutMs = 20000) const;

private:
    TestBackend() = default;

    Kind m_kind = Kind::Redis;
    std::string m_error;
    std::unique_ptr<TestServer> m_redis;
    std::unique_ptr<QTemporaryDir> m_engineDirs;
    std::unique_ptr<EngineHost> m_engine;
};

} // namespace redscope::test
