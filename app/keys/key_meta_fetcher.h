// KeyMetaFetcher: TYPE, TTL and MEMORY USAGE of the keys a view shows, fetched lazily and
// throttled, cached per KeyId. The key tree's model asks for the rows it paints (want()); this
// class batches those wishes (one KeyService::metadata call per event-loop turn, at most
// kPerTick keys), keeps no more than kMaxInFlight keys unanswered, forgets the oldest wishes
// when the view scrolled past them (a queue of kMaxQueue) and serves the newest first, since
// those are on screen. Answers of a generation the caller reset (clear()) are dropped.
//
// TTLs count down: while any cached key has a finite TTL, ticked() fires once a second so the
// view can repaint its TTL column; the timer stops when nothing counts down (an idle tree costs
// nothing).
#pragma once

#include "keys/key_service.h"
#include "keys/key_tree.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <deque>
#include <unordered_map>
#include <unordered_set>

namespace redscope {

class KeyMetaFetcher : public QObject
{
    Q_OBJECT

public:
    static constexpr size_t kMaxQueue = 400;
    static constexpr int kPerTick = 100;
    static constexpr int kMaxInFlight = 300;

    explicit KeyMetaFetcher(RedisConnection *connection, QObject *parent = nullptr);

    const KeyService &service() const { return m_keys; }
    // The cached answer for key, or null (then want() it).
    const KeyMeta *cached(KeyTree::KeyId key) const;
    // Asks for key's metadata soon, unless cached or already asked.
    void want(KeyTree::KeyId key, const QByteArray &name);
    bool isPending(KeyTree::KeyId key) const { return m_pending.count(key) > 0; }
    void forget(KeyTree::KeyId key); // asked again on the next want()
    void clear();                    // everything; answers still on their way are dropped
    bool memoryUnavailable() const { return m_keys.memoryUnavailable(); }
    int countingDown() const { return m_countingDown; }
    int inFlight() const { return m_inFlight; }

signals:
    void answered(const QList<quint32> &keys); // KeyIds whose metadata arrived
    void ticked();                             // a second passed; some TTL counts down

private:
    void send();
    void onAnswered(quint64 generation, const QList<quint32> &keys, const QList<KeyMeta> &metas);
    void store(KeyTree::KeyId key, const KeyMeta &meta);
    void erase(KeyTree::KeyId key);

    KeyService m_keys;
    std::unordered_map<KeyTree::KeyId, KeyMeta> m_cache;
    std::unordered_set<KeyTree::KeyId> m_pending;
    std::deque<std::pair<KeyTree::KeyId, QByteArray>> m_queue;
    QTimer m_sendTimer;
    QTimer m_tickTimer;
    int m_inFlight = 0;
    int m_countingDown = 0; // cached keys with ttlMs >= 0
    quint64 m_generation = 0;
};

} // namespace redscope
