// ClusterPanel: the "Cluster" tab of a workspace whose connection is a Redis Cluster. A summary
// line (masters, replicas, slot coverage, nodes down, redirections followed) over the
// ClusterTopologyModel table, and a Refresh button that asks the router for CLUSTER SLOTS and
// CLUSTER NODES at once (it also refreshes on its own every few seconds).
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace redscope {

class ClusterRouter;
class ClusterTopologyModel;

class ClusterPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ClusterPanel(ClusterRouter *router, QWidget *parent = nullptr);

    ClusterTopologyModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString summaryText() const;

private:
    void updateSummary();

    QPointer<ClusterRouter> m_router;
    ClusterTopologyModel *m_model;
    QLabel *m_summary;
    QPushButton *m_refresh;
    QTableView *m_view;
};

} // namespace redscope
