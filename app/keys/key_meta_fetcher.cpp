// KeyMetaFetcher: the queue is LIFO for sending (the newest wishes are the rows on screen) and
// FIFO for forgetting (the oldest wishes were scrolled past). A wish costs one name copy; the
// cache is per KeyId, so a renamed or removed key is forget()-ed by the caller.
#include "keys/key_meta_fetcher.h"

namespace redscope {

KeyMetaFetcher::KeyMetaFetcher(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_keys(connection)
{
    m_sendTimer.setSingleShot(true);
    m_sendTimer.setInterval(0);
    connect(&m_sendTimer, &QTimer::timeout, this, &KeyMetaFetcher::send);
    m_tickTimer.setInterval(1000);
    connect(&m_tickTimer, &QTimer::timeout, this, &KeyMetaFetcher::ticked);
}

const KeyMeta *KeyMetaFetcher::cached(KeyTree::KeyId key) const
{
    const auto it = m_cache.find(key);
    return it == m_cache.end() ? nullptr : &it->second;
}

void KeyMetaFetcher::want(KeyTree::KeyId key, const QByteArray &name)
{
    if (!m_keys.hasConnection() || m_pending.count(key) || m_cache.count(key)) return;
    m_pending.insert(key);
    m_queue.emplace_back(key, name);
    while (m_queue.size() > kMaxQueue) { // scrolled past: forget the oldest wishes
        m_pending.erase(m_queue.front().first);
        m_queue.pop_front();
    }
    if (!m_sendTimer.isActive()) m_sendTimer.start();
}

void KeyMetaFetcher::store(KeyTree::KeyId key, const KeyMeta &meta)
{
    erase(key);
    m_cache[key] = meta;
    if (meta.ttlMs >= 0 && ++m_countingDown == 1) m_tickTimer.start();
}

void KeyMetaFetcher::erase(KeyTree::KeyId key)
{
    const auto it = m_cache.find(key);
    if (it == m_cache.end()) return;
    if (it->second.ttlMs >= 0 && --m_countingDown == 0) m_tickTimer.stop();
    m_cache.erase(it);
}

void KeyMetaFetcher::forget(KeyTree::KeyId key)
{
    erase(key);
}

void KeyMetaFetcher::clear()
{
    ++m_generation;
    m_cache.clear();
    m_pending.clear();
    m_queue.clear();
    m_inFlight = 0;
    m_countingDown = 0;
    m_tickTimer.stop();
}

void KeyMetaFetcher::send()
{
    if (!m_keys.hasConnection()) return;
    QList<quint32> keys;
    QList<QByteArray> names;
    while (keys.size() < kPerTick && !m_queue.empty() &&
           m_inFlight + int(keys.size()) < kMaxInFlight) {
        auto [key, name] = std::move(m_queue.back());
        m_queue.pop_back();
        keys.append(key);
        names.append(name);
    }
    if (!keys.isEmpty()) {
        m_inFlight += int(keys.size());
        m_keys.metadata(names, this,
                        [this, generation = m_generation, keys](const QList<KeyMeta> &metas) {
                            onAnswered(generation, keys, metas);
                        });
    }
    if (!m_queue.empty() && !m_sendTimer.isActive() && m_inFlight < kMaxInFlight)
        m_sendTimer.start();
}

void KeyMetaFetcher::onAnswered(quint64 generation, const QList<quint32> &keys,
                                const QList<KeyMeta> &metas)
{
    if (generation != m_generation) return;
    m_inFlight = qMax(0, m_inFlight - int(keys.size()));
    for (qsizetype i = 0; i < keys.size(); ++i) {
        m_pending.erase(keys[i]);
        store(keys[i], metas[i]);
    }
    emit answered(keys);
    if (!m_queue.empty() && !m_sendTimer.isActive()) m_sendTimer.start();
}

} // namespace redscope
