// DatabaseSelector: the "db3 · 1,204 keys" box in the corner of a connection's workspace, a view
// over DatabaseList. Choosing a database selects it for the whole connection (key browser,
// console); the box stays usable while SELECT is in flight and goes back to the previous
// database if the server refuses. Its menu refreshes the counts and flushes the current
// database (asked here on ordinary connections, by the production gate on production ones).
#pragma once

#include "connection/connection_lifecycle.h"

#include <QWidget>

class QComboBox;
class QToolButton;

namespace redscope {

class DatabaseList;
class RedisConnection;

class DatabaseSelector : public QWidget
{
    Q_OBJECT

public:
    explicit DatabaseSelector(RedisConnection *connection, QWidget *parent = nullptr);

    DatabaseList *databases() const { return m_list; }
    QComboBox *combo() const { return m_combo; }
    void flushCurrentDatabase();

signals:
    void message(const QString &text);

private:
    void rebuild();

    ConnectionLifecycle m_connection;
    DatabaseList *m_list;
    QComboBox *m_combo;
    QToolButton *m_menuButton;
};

} // namespace redscope
