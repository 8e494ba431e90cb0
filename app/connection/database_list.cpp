// DatabaseList: two cheap requests per refresh at most (INFO keyspace is a few lines; CONFIG GET
// databases only until it has answered once), never more than one refresh in flight, so a slow
// server is not flooded by the timer.
#include "connection/database_list.h"

#include "connection/redis_connection.h"
#include "monitoring/info_snapshot.h"

namespace redscope {

DatabaseList::DatabaseList(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_requests(connection)
{
    m_timer.setInterval(3000);
    connect(&m_timer, &QTimer::timeout, this, &DatabaseList::refresh);
    connect(connection, &RedisConnection::stateChanged, this, &DatabaseList::onStateChanged);
    connect(connection, &RedisConnection::currentDbChanged, this, &DatabaseList::changed);
    onStateChanged();
}

DatabaseList *DatabaseList::shared(RedisConnection *connection, QObject *user)
{
    if (!connection) return nullptr;
    static const QString kName = QStringLiteral("redscope:sharedDatabaseList");
    auto *list = connection->findChild<DatabaseList *>(kName, Qt::FindDirectChildrenOnly);
    if (!list) {
        list = new DatabaseList(connection, connection);
        list->setObjectName(kName);
    }
    ++list->m_users;
    // Deleted at once with its last user: its RequestScope cancels what is still in flight.
    connect(user, &QObject::destroyed, list, [list] {
        if (--list->m_users == 0) delete list;
    });
    return list;
}

int DatabaseList::databaseCount() const
{
    int count = m_count;
    if (!m_keys.isEmpty()) count = qMax(count, m_keys.lastKey() + 1);
    return qMax(count, currentDb() + 1);
}

int DatabaseList::currentDb() const
{
    return m_requests.connection() ? m_requests.connection()->currentDb() : 0;
}

void DatabaseList::setRefreshInterval(int ms)
{
    m_timer.setInterval(qMax(ms, 0));
    if (ms <= 0)
        m_timer.stop();
    else
        onStateChanged();
}

void DatabaseList::onStateChanged()
{
    RedisConnection *connection = m_requests.connection();
    const bool ready = connection && connection->state() == RedisConnection::State::Ready;
    if (!ready) {
        m_timer.stop();
        return;
    }
    if (m_timer.interval() > 0 && !m_timer.isActive()) m_timer.start();
    refresh();
}

void DatabaseList::refresh()
{
    RedisConnection *connection = m_requests.connection();
    if (!connection || connection->state() != RedisConnection::State::Ready) return;
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    if (!m_countAsked) {
        m_countAsked = true;
        m_requests.send({"CONFIG", "GET", "databases"}, [this](const RedisValue &reply) {
            // [name, value] in RESP2, a map in RESP3 (flattened the same way).
            bool ok = false;
            const int count =
                reply.elements().size() >= 2 ? reply.elements().at(1).text().toInt(&ok) : 0;
            if (ok && count > 0) {
                m_count = count;
                m_countKnown = true;
            } else {
                m_count = kFallbackCount; // refused (ACL, renamed CONFIG) or not reported
            }
            emit changed();
        });
    }
    m_refreshing = true;
    m_requests.send({"INFO", "keyspace"}, [this](const RedisValue &reply) {
        m_refreshing = false;
        if (m_refreshAgain) {
            m_refreshAgain = false;
            QMetaObject::invokeMethod(this, &DatabaseList::refresh, Qt::QueuedConnection);
        }
        if (reply.isError()) return;
        const QMap<int, InfoSnapshot::DbKeys> perDb =
            InfoSnapshot::parse(reply.bytes()).keysPerDb();
        QMap<int, qint64> keys;
        QMap<int, qint64> expires;
        for (auto it = perDb.cbegin(); it != perDb.cend(); ++it) {
            keys.insert(it.key(), it.value().keys);
            expires.insert(it.key(), it.value().expires);
        }
        // Nothing to redraw unless the counts moved (the first answer always counts).
        if (m_keysAnswered && keys == m_keys && expires == m_expires) return;
        m_keysAnswered = true;
        m_keys = keys;
        m_expires = expires;
        emit changed();
    });
}

void DatabaseList::select(int db)
{
    RedisConnection *connection = m_requests.connection();
    if (!connection || db < 0) return;
    if (db == connection->currentDb()) {
        emit selected(db);
        return;
    }
    m_selecting = true;
    m_requests.send({"SELECT", QByteArray::number(db)}, [this, db](const RedisValue &reply) {
        m_selecting = false;
        if (reply.isError()) {
            emit selectFailed(db, reply.text());
            return;
        }
        emit selected(db);
        refresh();
    });
}

} // namespace redscope
