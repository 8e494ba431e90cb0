// One DBSIZE in flight at most; a database switch resets the count so the next answer is
// reported even when both databases hold the same number of keys.
#include "keys/key_count_watcher.h"

#include "connection/redis_connection.h"

namespace redscope {

KeyCountWatcher::KeyCountWatcher(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_keys(connection)
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &KeyCountWatcher::refreshNow);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(200);
    connect(&m_debounce, &QTimer::timeout, this, &KeyCountWatcher::refreshNow);
    if (connection) {
        connect(connection, &RedisConnection::stateChanged, this, &KeyCountWatcher::onReady);
        m_keys.whenDbChanged(this, [this](int) {
            m_count = -1;
            refreshNow();
        });
    }
    onReady();
}

void KeyCountWatcher::setInterval(int ms)
{
    m_timer.setInterval(qMax(100, ms));
}

void KeyCountWatcher::onReady()
{
    if (!m_keys.isReady()) {
        m_timer.stop();
        m_asking = false;
        return;
    }
    if (!m_timer.isActive()) m_timer.start();
    refreshNow();
}

void KeyCountWatcher::poke()
{
    if (!m_debounce.isActive()) m_debounce.start();
}

void KeyCountWatcher::refreshNow()
{
    if (m_asking || !m_keys.isReady()) return;
    m_asking = true;
    m_keys.dbSize(this, [this](const Result<qint64> &size) {
        m_asking = false;
        if (!size.ok() || size.value == m_count) return;
        m_count = size.value;
        emit countChanged(m_count);
    });
}

} // namespace redscope
