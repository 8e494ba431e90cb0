// ClientsView: the "Clients" sub-tab. CLIENT LIST in a table (the panel's own connection in
// bold), refreshed on demand, and CLIENT KILL ID for the selected rows after a confirmation.
#pragma once

#include "server/server_view.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace redscope {

class ClientListModel;

class ClientsView : public ServerView
{
    Q_OBJECT

public:
    explicit ClientsView(RedisConnection *connection, QWidget *parent = nullptr);

    ClientListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString statusText() const;
    void killSelected(); // asks first

protected:
    void load() override;

private:
    ClientListModel *m_model;
    QTableView *m_view;
    QPushButton *m_killButton;
    QLabel *m_status;
};

} // namespace redscope
