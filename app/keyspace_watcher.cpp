// KeyspaceWatcher: a thin fold over Subscriber batches; see the header for the event rules.
#include "keyspace_watcher.h"

#include "subscriber.h"

#include <QHash>

namespace redscope {

KeyspaceWatcher::KeyspaceWatcher(const ConnectionSettings &settings, int db, QObject *parent)
    : QObject(parent)
    , m_subscriber(new Subscriber(settings, this))
    , m_pattern("__keyspace@" + QByteArray::number(db) + "__:*")
    , m_prefix("__keyspace@" + QByteArray::number(db) + "__:")
{
    m_subscriber->setBatchInterval(kBatchMs);
    connect(m_subscriber, &Subscriber::messagesReceived, this, &KeyspaceWatcher::onBatch);
    connect(m_subscriber, &Subscriber::subscriptionChanged, this,
            [this](Subscriber::Kind, const QByteArray &, bool subscribed) {
                emit listeningChanged(subscribed);
            });
    m_subscriber->subscribe(Subscriber::Kind::Pattern, m_pattern);
}

KeyspaceWatcher::~KeyspaceWatcher() = default;

bool KeyspaceWatcher::isListening() const
{
    return m_subscriber->isConfirmed(Subscriber::Kind::Pattern, m_pattern);
}

bool KeyspaceWatcher::flagsSuffice(const QByteArray &flags)
{
    if (!flags.contains('K')) return false;
    return flags.contains('A') || (flags.contains('g') && flags.contains('$'));
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
