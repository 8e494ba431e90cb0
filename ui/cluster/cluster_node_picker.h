// ClusterNodePicker: the "Node:" drop-down with which a panel of a Cluster connection picks one
// node: the Server tab picks the server its views talk to, the dashboard one node's series or
// (offered first, address "") the aggregate of all nodes. One widget, so both panels list the
// nodes alike: "host:port (master)", "(replica)", ", failing", in the topology's order (masters
// by slot, each followed by its replicas), from the ClusterRouter the connection keeps current.
//
// The list is rebuilt only when the nodes or their roles change (the router refreshes every few
// seconds), so an open drop-down is not reset under the user's mouse, and a selected node that
// left the topology stays listed ("not in the cluster") so a choice never changes behind the
// user's back. The picker only reports the user's choice (nodeActivated); the panel decides what
// selecting means and tells the picker with setSelectedNode().
#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QComboBox;

namespace redscope {

class ClusterRouter;

class ClusterNodePicker : public QWidget
{
    Q_OBJECT

public:
    enum class Aggregate { NotOffered, Offered }; // "All nodes (aggregated)" as the first item

    // comboName: the drop-down's objectName (tests and style sheets find it by name).
    ClusterNodePicker(ClusterRouter *router, Aggregate aggregate, const QString &comboName,
                      QWidget *parent = nullptr);

    QComboBox *comboBox() const { return m_box; }
    // "host:port", or "" for the aggregate (when offered) and before anything was selected.
    QString selectedNode() const { return m_selected; }
    // Shows address as the current item (listing it if the topology does not); no signal.
    void setSelectedNode(const QString &address);
    QStringList nodeAddresses() const; // the listed nodes, the aggregate left out

signals:
    void nodeActivated(const QString &address); // the user picked an item
    // The router's topology changed what the list shows (also emitted for the first topology).
    void nodesChanged();

private:
    void rebuild();

    QPointer<ClusterRouter> m_router;
    Aggregate m_aggregate;
    QComboBox *m_box;
    QString m_selected;
};

} // namespace redscope
