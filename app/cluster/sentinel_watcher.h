// SentinelWatcher: finds a Sentinel-managed master and follows its failovers. resolve() asks
// the sentinels in their configured order (SENTINEL GET-MASTER-ADDR-BY-NAME), skipping any that
// is down or does not know the name, as the Sentinel client guidelines describe; watch()
// subscribes to +switch-master on every sentinel (one Subscriber each: any of them may be the
// one that survives) and emits masterSwitched() for the watched name. RedisConnection in
// Sentinel mode resolves before each connection attempt and reconnects on masterSwitched(),
// so a workspace follows a failover without the user doing anything.
#pragma once

#include "connection/connection_settings.h"
#include "pubsub/pubsub_message.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <map>
#include <vector>

namespace redscope {

class RedisConnection;
class Subscriber;

class SentinelWatcher : public QObject
{
    Q_OBJECT

public:
    using Resolved = std::function<void(const QString &host, int port, const QString &error)>;

    explicit SentinelWatcher(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~SentinelWatcher() override;

    // done runs exactly once, later, from the event loop (unless this object is destroyed).
    void resolve(Resolved done);
    void watch();
    void stop(); // closes the sentinel links and subscriptions
    QString lastSentinel() const { return m_lastSentinel; } // the one that answered last

    // The sentinel connection settings for one "host:port" entry.
    static ConnectionSettings sentinelSettings(const ConnectionSettings &settings,
                                               const QString &address);

signals:
    void masterSwitched(const QString &host, int port);

private:
    void ask(quint64 generation, int index, QStringList errors);
    void onMessages(const PubSubBatch &batch);
    RedisConnection *link(const QString &address);

    ConnectionSettings m_settings;
    std::map<QString, RedisConnection *> m_links;
    std::vector<Subscriber *> m_subscribers;
    quint64 m_generation = 0;
    std::map<quint64, Resolved> m_waiting;
    QString m_lastSentinel;
};

} // namespace redscope
