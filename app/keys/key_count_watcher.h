// KeyCountWatcher: how many keys the current database holds, kept current. The key browser's
// header shows the scan's count, which goes stale as soon as the console or another client
// writes; this asks DBSIZE (O(1) on the server, one tiny reply) every few seconds while the
// connection is Ready, and at once when poked (keyspace events arrived, a write of ours), and
// reports only changes. With the connection down it stays silent and costs nothing.
#pragma once

#include "keys/key_service.h"

#include <QObject>
#include <QTimer>

namespace redscope {

class KeyCountWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 3000;

    explicit KeyCountWatcher(RedisConnection *connection, QObject *parent = nullptr);

    qint64 count() const { return m_count; } // -1 until DBSIZE answered
    void setInterval(int ms);
    int interval() const { return m_timer.interval(); }
    // Something changed the keyspace: ask soon (debounced, so a burst costs one DBSIZE).
    void poke();
    void refreshNow();

signals:
    void countChanged(qint64 count);

private:
    void onReady();

    KeyService m_keys;
    QTimer m_timer;
    QTimer m_debounce;
    qint64 m_count = -1;
    bool m_asking = false;
};

} // namespace redscope
