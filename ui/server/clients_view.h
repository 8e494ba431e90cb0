// ClientsView: the "Clients" sub-tab. CLIENT LIST in a table (the panel's own connection in
// bold), refreshed on demand, and CLIENT KILL ID for the selected rows after a confirmation.
#pragma once

#include "server/server_admin.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace redscope {

class ClientListModel;

class ClientsView : public QWidget
{
    Q_OBJECT

public:
    explicit ClientsView(RedisConnection *connection, QWidget *parent = nullptr);

    ClientListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString statusText() const;
    void refresh();
    // Sends to another server from now on (a cluster node picked in the Server panel): what
    // is pending is dropped, and the view reloads now if shown, else when next shown.
    void setConnection(RedisConnection *connection);
    void killSelected(); // asks first

protected:
    void showEvent(QShowEvent *event) override;

private:
    ServerAdmin m_admin;
    ClientListModel *m_model;
    QTableView *m_view;
    QPushButton *m_killButton;
    QLabel *m_status;
    bool m_loadedOnce = false;
};

} // namespace redscope
