// DatabaseList: the numbered databases of one connection (db0..dbN-1) with their key counts,
// for the database selector. N comes from CONFIG GET databases, asked once per connection
// (16, Redis' default, when the server refuses or hides CONFIG); the counts from INFO keyspace,
// re-read on demand and every 3 s while the connection is Ready (one tiny INFO keyspace, so the
// counts follow writes from the console or other clients; changed() only when they moved). select()
// sends SELECT on the shared connection, so the key browser and the console of that connection
// follow (they listen to RedisConnection::currentDbChanged). Everything is asynchronous through
// RequestScope. One list per connection is shared (shared()): the database selector and the key
// browser's header count (KeyCountWatcher) read the same INFO keyspace poll, not one each; it
// lives while one of its users does, so a connection whose tabs are closed polls nothing.
#pragma once

#include "connection/request_scope.h"

#include <QMap>
#include <QObject>
#include <QTimer>

namespace redscope {

class DatabaseList : public QObject
{
    Q_OBJECT

public:
    static constexpr int kFallbackCount = 16;

    explicit DatabaseList(RedisConnection *connection, QObject *parent = nullptr);
    // The connection's shared list (a child of it, made on first use, deleted with its last
    // user and its requests); null for a null connection.
    static DatabaseList *shared(RedisConnection *connection, QObject *user);

    int databaseCount() const; // never fewer than the highest db seen + 1
    qint64 keys(int db) const { return m_keys.value(db, 0); }
    bool keysKnown() const { return m_keysAnswered; } // INFO keyspace answered once
    qint64 expires(int db) const { return m_expires.value(db, 0); }
    int currentDb() const;
    bool countKnown() const { return m_countKnown; } // CONFIG GET databases answered
    bool selecting() const { return m_selecting; }

    void refresh();                  // INFO keyspace (and CONFIG GET databases the first time)
    void select(int db);             // async SELECT; selected() or selectFailed() follows
    void setRefreshInterval(int ms); // 0 stops the timer; default 3 s
    int refreshInterval() const { return m_timer.interval(); }

signals:
    void changed(); // count or key counts updated
    void selected(int db);
    void selectFailed(int db, const QString &error);

private:
    void onStateChanged();

    RequestScope m_requests;
    QTimer m_timer;
    int m_count = kFallbackCount;
    bool m_countKnown = false;
    bool m_countAsked = false;
    bool m_selecting = false;
    bool m_refreshing = false;
    bool m_refreshAgain = false; // asked while a refresh was in flight: its answer may be older
    int m_users = 0;             // shared(): the objects using this list
    bool m_keysAnswered = false; // INFO keyspace answered once
    QMap<int, qint64> m_keys;
    QMap<int, qint64> m_expires;
};

} // namespace redscope
