// KeyCountWatcher: how many keys the current database holds, kept current. The key browser's
// header shows the scan's count, which goes stale as soon as the console or another client
// writes. The figure comes from the connection's shared DatabaseList, whose INFO keyspace poll
// (every few seconds while the connection is Ready, one tiny reply) also feeds the database
// selector: one poll for both, not a DBSIZE of our own beside it. poke() (keyspace events
// arrived, a write of ours) asks for a fresh INFO keyspace at once, debounced; only changes are
// reported. With the connection down the list stays silent and costs nothing.
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace redscope {

class DatabaseList;
class RedisConnection;

class KeyCountWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 3000;

    explicit KeyCountWatcher(RedisConnection *connection, QObject *parent = nullptr);

    qint64 count() const { return m_count; } // -1 until INFO keyspace answered
    // The shared poll's interval: the database selector of the connection follows it too.
    void setInterval(int ms);
    int interval() const;
    // Something changed the keyspace: ask soon (debounced, so a burst costs one INFO keyspace).
    void poke();
    void refreshNow();

signals:
    void countChanged(qint64 count);

private:
    void update();

    QPointer<DatabaseList> m_list;
    QTimer m_debounce;
    qint64 m_count = -1;
};

} // namespace redscope
