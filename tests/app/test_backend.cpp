// TestBackend (see test_backend.h): starts redis-server through TestServer or the embedded
// engine through EngineHost, with its data and runtime directories in a private temp dir.
#include "test_backend.h"

#include "connection/redis_connection.h"
#include "local/engine_host.h"

#include <QByteArray>
#include <QDir>
#include <QTest>

namespace redscope::test {

TestBackend::Kind TestBackend::kindFromEnvironment()
{
    const QByteArray value = qgetenv("REDSCOPE_TEST_BACKEND");
    return value == "local" ? Kind::Local : Kind::Redis;
}

std::unique_ptr<TestBackend> TestBackend::start(const std::vector<std::string> &redisArgs)
{
    std::unique_ptr<TestBackend> backend(new TestBackend());
    backend->m_kind = kindFromEnvironment();
    if (backend->m_kind == Kind::Redis) {
        backend->m_redis = TestServer::startRedis(redisArgs);
        if (!backend->m_redis->ok()) backend->m_error = backend->m_redis->error();
        return backend;
    }
    backend->m_engineDirs = std::make_unique<QTemporaryDir>();
    if (!backend->m_engineDirs->isValid()) {
        backend->m_error = "cannot create a temporary directory for the Local engine";
        return backend;
    }
    const QDir root(backend->m_engineDirs->path());
    root.mkpath(QStringLiteral("data"));
    root.mkpath(QStringLiteral("run"));
    EngineHost::Options options;
    options.dataDir = root.filePath(QStringLiteral("data"));
    options.runtimeDir = root.filePath(QStringLiteral("run"));
    backend->m_engine = std::make_unique<EngineHost>(options);
    QString error;
    if (!backend->m_engine->start(&error))
        backend->m_error = "the Local engine did not start: " + error.toStdString();
    return backend;
}

TestBackend::~TestBackend() = default;

ConnectionSettings TestBackend::settings() const
{
    ConnectionSettings settings;
    if (m_engine) {
        settings.name = QStringLiteral("Local engine");
        settings.unixSocket = m_engine->socketPath();
    } else if (m_redis) {
        settings.port = m_redis->port();
    }
    return settings;
}

std::unique_ptr<RedisTestClient> TestBackend::client() const
{
    if (m_engine) return std::make_unique<RedisTestClient>(m_engine->socketPath().toStdString());
    return std::make_unique<RedisTestClient>("127.0.0.1", m_redis ? m_redis->port() : 0);
}

std::string TestBackend::run(const std::vector<std::string> &args) const
{
    return client()->run(args);
}

std::unique_ptr<RedisConnection> TestBackend::connectReady(int timeoutMs) const
{
    auto connection = std::make_unique<RedisConnection>(settings());
    connection->connectToServer();
    const bool ready = QTest::qWaitFor(
        [&] { return connection->state() == RedisConnection::State::Ready; }, timeoutMs);
    return ready ? std::move(connection) : nullptr;
}

} // namespace redscope::test
