// KeyspaceWatcher: a thin fold over Subscriber batches; see the header for the event rules.
#include "keys/keyspace_watcher.h"

#include "server/keyspace_events.h"

#include "cluster/cluster_router.h"
#include "pubsub/subscriber.h"

#include <QHash>

namespace redscope {

KeyspaceWatcher::KeyspaceWatcher(const ConnectionSettings &settings, int db, QObject *parent)
    : QObject(parent)
    , m_pattern("__keyspace@" + QByteArray::number(db) + "__:*")
    , m_prefix("__keyspace@" + QByteArray::number(db) + "__:")
{
    m_subscriber = addSubscriber(settings);
}

KeyspaceWatcher::KeyspaceWatcher(ClusterRouter *router, QObject *parent)
    : QObject(parent)
    , m_router(router)
    , m_pattern("__keyspace@0__:*")
    , m_prefix("__keyspace@0__:")
{
    connect(router, &ClusterRouter::topologyChanged, this, &KeyspaceWatcher::followMasters);
    followMasters();
}

KeyspaceWatcher::~KeyspaceWatcher() = default;

Subscriber *KeyspaceWatcher::addSubscriber(const ConnectionSettings &settings)
{
    auto *subscriber =
        new Subscriber(settings.named(QStringLiteral("redscope:keyspace-events")), this);
    subscriber->setBatchInterval(kBatchMs);
    connect(subscriber, &Subscriber::messagesReceived, this, &KeyspaceWatcher::onBatch);
    connect(subscriber, &Subscriber::subscriptionChanged, this, [this] {
        const bool listening = isListening();
        if (listening == m_listening) return;
        m_listening = listening;
        emit listeningChanged(listening);
    });
    subscriber->subscribe(Subscriber::Kind::Pattern, m_pattern);
    return subscriber;
}

void KeyspaceWatcher::followMasters()
{
    if (!m_router) return;
    const QStringList masters = m_router->masterAddresses();
    for (auto it = m_perMaster.begin(); it != m_perMaster.end();) {
        if (masters.contains(it->first)) {
            ++it;
            continue;
        }
        delete it->second; // a master no more: its keys are announced by the new owner
        it = m_perMaster.erase(it);
    }
    for (const QString &address : masters) {
        if (m_perMaster.find(address) == m_perMaster.end())
            m_perMaster.emplace(address, addSubscriber(m_router->settingsForNode(address)));
    }
    const bool listening = isListening();
    if (listening != m_listening) {
        m_listening = listening;
        emit listeningChanged(listening);
    }
}

bool KeyspaceWatcher::isListening() const
{
    if (m_subscriber) return m_subscriber->isConfirmed(Subscriber::Kind::Pattern, m_pattern);
    if (m_perMaster.empty()) return false;
    for (const auto &[address, subscriber] : m_perMaster) {
        if (!subscriber->isConfirmed(Subscriber::Kind::Pattern, m_pattern)) return false;
    }
    return true;
}

Subscriber *KeyspaceWatcher::subscriber() const
{
    if (m_subscriber || !m_router) return m_subscriber;
    const QStringList masters = m_router->masterAddresses();
    return masters.isEmpty() ? nullptr : nodeSubscriber(masters.first());
}

QStringList KeyspaceWatcher::nodes() const
{
    QStringList addresses;
    for (const auto &[address, subscriber] : m_perMaster)
        addresses.append(address);
    return addresses;
}

Subscriber *KeyspaceWatcher::nodeSubscriber(const QString &address) const
{
    const auto it = m_perMaster.find(address);
    return it == m_perMaster.end() ? nullptr : it->second;
}

bool KeyspaceWatcher::flagsSuffice(const QByteArray &flags)
{
    return KeyspaceEvents::parse(flags).followsEveryWrite();
}

void KeyspaceWatcher::onBatch(const PubSubBatch &batch)
{
    QHash<QByteArray, bool> last; // key -> exists after the batch
    QList<QByteArray> order;
    for (const PubSubMessage &message : batch) {
        if (!message.channel.startsWith(m_prefix)) continue;
        const QByteArray key = message.channel.mid(m_prefix.size());
        const QByteArray &event = message.payload;
        const bool gone = event == "del" || event == "expired" || event == "evicted" ||
                          event == "rename_from" || event == "move_from";
        const auto it = last.find(key);
        if (it == last.end()) {
            last.insert(key, !gone);
            order.append(key);
        } else {
            it.value() = !gone;
        }
    }
    if (order.isEmpty()) return;
    QList<QByteArray> present;
    QList<QByteArray> removed;
    for (const QByteArray &key : std::as_const(order))
        (last.value(key) ? present : removed).append(key);
    emit changes(present, removed);
}

} // namespace redscope
