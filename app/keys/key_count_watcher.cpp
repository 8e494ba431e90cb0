// The count is the current database's entry in INFO keyspace (a database INFO does not list is
// empty: 0). A database switch resets the count so the next figure is reported even when both
// databases hold the same number of keys.
#include "keys/key_count_watcher.h"

#include "connection/database_list.h"
#include "connection/redis_connection.h"

namespace redscope {

KeyCountWatcher::KeyCountWatcher(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_list(DatabaseList::shared(connection, this))
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(200);
    connect(&m_debounce, &QTimer::timeout, this, &KeyCountWatcher::refreshNow);
    if (!m_list) return;
    connect(m_list, &DatabaseList::changed, this, &KeyCountWatcher::update);
    connect(connection, &RedisConnection::currentDbChanged, this, [this] {
        m_count = -1;
        update(); // INFO keyspace lists every database: the new one's figure is known already
        refreshNow();
    });
    update();
}

void KeyCountWatcher::setInterval(int ms)
{
    if (m_list) m_list->setRefreshInterval(qMax(100, ms));
}

int KeyCountWatcher::interval() const
{
    return m_list ? m_list->refreshInterval() : kDefaultIntervalMs;
}

void KeyCountWatcher::poke()
{
    if (!m_debounce.isActive()) m_debounce.start();
}

void KeyCountWatcher::refreshNow()
{
    if (m_list) m_list->refresh();
}

void KeyCountWatcher::update()
{
    if (!m_list || !m_list->keysKnown()) return;
    const qint64 count = m_list->keys(m_list->currentDb());
    if (count == m_count) return;
    m_count = count;
    emit countChanged(m_count);
}

} // namespace redscope
