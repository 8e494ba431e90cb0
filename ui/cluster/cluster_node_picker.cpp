// The items' data are the addresses; their texts are compared too, so a node that became a
// replica (a failover) is relabelled although its address stayed.
#include "cluster/cluster_node_picker.h"

#include "cluster/cluster_router.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace redscope {

ClusterNodePicker::ClusterNodePicker(ClusterRouter *router, Aggregate aggregate,
                                     const QString &comboName, QWidget *parent)
    : QWidget(parent)
    , m_router(router)
    , m_aggregate(aggregate)
    , m_box(new QComboBox(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Node:"), this));
    layout->addWidget(m_box);
    m_box->setObjectName(comboName);
    m_box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_box, &QComboBox::activated, this,
            [this] { emit nodeActivated(m_box->currentData().toString()); });
    if (router) {
        connect(router, &ClusterRouter::topologyChanged, this, &ClusterNodePicker::rebuild);
        connect(router, &ClusterRouter::ready, this, &ClusterNodePicker::rebuild);
    }
    rebuild();
}

QStringList ClusterNodePicker::nodeAddresses() const
{
    QStringList addresses;
    for (int i = 0; i < m_box->count(); ++i) {
        const QString address = m_box->itemData(i).toString();
        if (!address.isEmpty()) addresses.append(address);
    }
    return addresses;
}

void ClusterNodePicker::setSelectedNode(const QString &address)
{
    m_selected = address;
    if (m_box->findData(address) < 0) rebuild();
    const int index = m_box->findData(address);
    if (index >= 0 && index != m_box->currentIndex()) m_box->setCurrentIndex(index);
}

void ClusterNodePicker::rebuild()
{
    QStringList addresses;
    QStringList labels;
    if (m_aggregate == Aggregate::Offered) {
        addresses.append(QString());
        labels.append(tr("All nodes (aggregated)"));
    }
    if (m_router) {
        for (const ClusterNode &node : m_router->topology().nodes) {
            QString role = node.master ? tr("master") : tr("replica");
            if (node.failing) role += tr(", failing");
            addresses.append(node.address());
            labels.append(tr("%1 (%2)").arg(node.address(), role));
        }
    }
    if (!m_selected.isEmpty() && !addresses.contains(m_selected)) {
        addresses.append(m_selected);
        labels.append(tr("%1 (not in the cluster)").arg(m_selected));
    }
    bool same = m_box->count() == addresses.size();
    for (int i = 0; same && i < addresses.size(); ++i)
        same = m_box->itemData(i).toString() == addresses[i] && m_box->itemText(i) == labels[i];
    if (!same) {
        const QSignalBlocker blocker(m_box);
        m_box->clear();
        for (int i = 0; i < addresses.size(); ++i)
            m_box->addItem(labels[i], addresses[i]);
    }
    const int index = m_box->findData(m_selected);
    if (index >= 0 && index != m_box->currentIndex()) m_box->setCurrentIndex(index);
    if (!same) emit nodesChanged();
}

} // namespace redscope
