// SentinelWatcher implementation. Sentinel links do not reconnect on their own (a sentinel
// that is down answers "not connected" at once and the next one is asked); each resolve()
// reconnects the links it needs. The +switch-master payload is
// "<name> <old-ip> <old-port> <new-ip> <new-port>".
#include "cluster/sentinel_watcher.h"

#include "connection/redis_connection.h"
#include "pubsub/subscriber.h"

namespace redscope {

SentinelWatcher::SentinelWatcher(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
}

SentinelWatcher::~SentinelWatcher() = default;

ConnectionSettings SentinelWatcher::sentinelSettings(const ConnectionSettings &settings,
                                                     const QString &address)
{
    ConnectionSettings sentinel;
    sentinel.name = address;
    const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
    sentinel.host = colon > 0 ? address.left(colon) : address;
    if (sentinel.host.startsWith(QLatin1Char('[')) && sentinel.host.endsWith(QLatin1Char(']')))
        sentinel.host = sentinel.host.mid(1, sentinel.host.size() - 2);
    sentinel.port = colon > 0 ? address.mid(colon + 1).toInt() : 26379;
    if (sentinel.port <= 0) sentinel.port = 26379;
    sentinel.password = settings.sentinelPassword;
    sentinel.connectTimeoutMs = qMin(settings.connectTimeoutMs, 3000);
    sentinel.commandTimeoutMs = qMin(settings.commandTimeoutMs, 5000);
    return sentinel;
}

RedisConnection *SentinelWatcher::link(const QString &address)
{
    const auto it = m_links.find(address);
    if (it != m_links.end()) return it->second;
    auto *connection = new RedisConnection(sentinelSettings(m_settings, address), this);
    connection->setAutoReconnect(false);
    m_links.emplace(address, connection);
    return connection;
}

void SentinelWatcher::resolve(Resolved done)
{
    const quint64 generation = ++m_generation;
    m_waiting.emplace(generation, std::move(done));
    if (m_settings.sentinels.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, generation] { ask(generation, 0, {tr("no sentinel address given")}); },
            Qt::QueuedConnection);
        return;
    }
    ask(generation, 0, {});
}

void SentinelWatcher::ask(quint64 generation, int index, QStringList errors)
{
    if (index >= m_settings.sentinels.size()) {
        const auto it = m_waiting.find(generation);
        if (it == m_waiting.end()) return;
        Resolved done = std::move(it->second);
        m_waiting.erase(it);
        done({}, 0,
             tr("No sentinel could name master '%1': %2")
                 .arg(m_settings.sentinelMaster, errors.join(QStringLiteral("; "))));
        return;
    }
    const QString address = m_settings.sentinels.at(index).trimmed();
    RedisConnection *connection = link(address);
    if (connection->state() == RedisConnection::State::Disconnected ||
        connection->state() == RedisConnection::State::Lost) {
        connection->connectToServer();
    }
    connection->send({"SENTINEL", "GET-MASTER-ADDR-BY-NAME", m_settings.sentinelMaster.toUtf8()},
                     [this, generation, index, errors, address](const RedisValue &reply) mutable {
                         const RedisValue::List &parts = reply.elements();
                         if (reply.type() == RedisValue::Type::Array && parts.size() == 2) {
                             const auto it = m_waiting.find(generation);
                             if (it == m_waiting.end()) return;
                             Resolved done = std::move(it->second);
                             m_waiting.erase(it);
                             m_lastSentinel = address;
                             done(QString::fromUtf8(parts[0].bytes()), parts[1].bytes().toInt(),
                                  {});
                             return;
                         }
                         errors.append(QStringLiteral("%1: %2").arg(
                             address, reply.isNil() ? tr("unknown master name") : reply.text()));
                         ask(generation, index + 1, errors);
                     });
}

void SentinelWatcher::watch()
{
    if (!m_subscribers.empty()) return;
    for (const QString &address : std::as_const(m_settings.sentinels)) {
        auto *subscriber = new Subscriber(sentinelSettings(m_settings, address.trimmed()), this);
        subscriber->setBatchInterval(20);
        connect(subscriber, &Subscriber::messagesReceived, this, &SentinelWatcher::onMessages);
        subscriber->subscribe(Subscriber::Kind::Channel, QByteArrayLiteral("+switch-master"));
        m_subscribers.push_back(subscriber);
    }
}

void SentinelWatcher::stop()
{
    ++m_generation;
    m_waiting.clear();
    for (Subscriber *subscriber : m_subscribers)
        subscriber->deleteLater();
    m_subscribers.clear();
    for (auto &[address, connection] : m_links)
        connection->disconnectFromServer();
}

void SentinelWatcher::onMessages(const PubSubBatch &batch)
{
    for (const PubSubMessage &message : batch) {
        const QList<QByteArray> parts = message.payload.split(' ');
        if (parts.size() != 5 || parts[0] != m_settings.sentinelMaster.toUtf8()) continue;
        emit masterSwitched(QString::fromUtf8(parts[3]), parts[4].toInt());
    }
}

} // namespace redscope
