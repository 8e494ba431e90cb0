// The probe follows its connection's state: Ready asks INFO server, a failure ends the probe.
#include "connection/connection_probe.h"

#include "connection/redis_connection.h"
#include "server/server_admin.h"

namespace redscope {

namespace {

// The "redis_version:7.0.15" line of INFO server, or empty.
QString infoField(const QByteArray &info, const QByteArray &field)
{
    for (const QByteArray &line : info.split('\n')) {
        if (line.startsWith(field + ':'))
            return QString::fromUtf8(line.mid(field.size() + 1).trimmed());
    }
    return {};
}

} // namespace

ConnectionProbe::ConnectionProbe(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_connection(new RedisConnection(settings, this))
{
    m_connection->setAutoReconnect(false);
}

ConnectionProbe::~ConnectionProbe() = default;

void ConnectionProbe::start(std::function<void(const Outcome &)> done)
{
    m_done = std::move(done);
    m_clock.start();
    connect(m_connection, &RedisConnection::warning, this,
            [this](const QString &message) { m_warning = message; });
    connect(m_connection, &RedisConnection::stateChanged, this,
            [this](RedisConnection::State state, const QString &error) {
                switch (state) {
                case RedisConnection::State::Ready:
                    ServerAdmin(m_connection)
                        .info("server", this, [this](const Result<QByteArray> &info) {
                            Outcome outcome;
                            outcome.ok = true;
                            outcome.version = infoField(info.value, "redis_version");
                            outcome.mode = infoField(info.value, "redis_mode");
                            if (!info.ok()) outcome.infoError = info.error;
                            finish(std::move(outcome));
                        });
                    break;
                case RedisConnection::State::AuthFailed:
                case RedisConnection::State::Disconnected:
                case RedisConnection::State::Lost: {
                    Outcome outcome;
                    outcome.error = error.isEmpty() ? RedisConnection::stateName(state) : error;
                    finish(std::move(outcome));
                    break;
                }
                case RedisConnection::State::Connecting:
                    break;
                }
            });
    m_connection->connectToServer();
}

void ConnectionProbe::finish(Outcome outcome)
{
    if (m_finished) return;
    m_finished = true;
    outcome.elapsedMs = m_clock.elapsed();
    outcome.warning = m_warning;
    m_connection->disconnect(this); // no second outcome from a later state change
    if (m_done) m_done(outcome);
}

} // namespace redscope
