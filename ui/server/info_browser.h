// InfoBrowser: the "Info" sub-tab of the server views. It asks for INFO everything on demand
// (Refresh, or the first time it is shown) and shows all sections in a searchable tree; the
// search matches field names and values and keeps the sections of matching fields.
#pragma once

#include "server/server_view.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace redscope {

class InfoTreeModel;

class InfoBrowser : public ServerView
{
    Q_OBJECT

public:
    explicit InfoBrowser(RedisConnection *connection, QWidget *parent = nullptr);

    InfoTreeModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    void setFilter(const QString &text);

protected:
    void load() override;

private:
    InfoTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_search;
    QLabel *m_status;
};

} // namespace redscope
