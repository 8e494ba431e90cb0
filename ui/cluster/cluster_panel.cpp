// ClusterPanel: wiring only; the numbers come from ClusterRouter's topology.
#include "cluster/cluster_panel.h"

#include "cluster/cluster_router.h"
#include "cluster/cluster_topology_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace redscope {

ClusterPanel::ClusterPanel(ClusterRouter *router, QWidget *parent)
    : QWidget(parent)
    , m_router(router)
    , m_model(new ClusterTopologyModel(router, this))
    , m_summary(new QLabel(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("clusterPanel"));
    m_summary->setObjectName(QStringLiteral("clusterSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refresh->setObjectName(QStringLiteral("clusterRefresh"));
    m_view->setObjectName(QStringLiteral("clusterNodes"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ClusterTopologyModel::SlotsColumn,
                                                     QHeaderView::Stretch);

    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    if (router) {
        connect(m_refresh, &QPushButton::clicked, router, &ClusterRouter::refresh);
        connect(router, &ClusterRouter::topologyChanged, this, &ClusterPanel::updateSummary);
        connect(router, &ClusterRouter::linkStateChanged, this, &ClusterPanel::updateSummary);
    }
    updateSummary();
}

QString ClusterPanel::summaryText() const
{
    return m_summary->text();
}

void ClusterPanel::updateSummary()
{
    if (!m_router || m_router->topology().isEmpty()) {
        m_summary->setText(tr("Loading the cluster topology…"));
        return;
    }
    const ClusterTopology &topology = m_router->topology();
    int masters = 0;
    int replicas = 0;
    int covered = 0;
    int down = 0;
    for (const ClusterNode &node : topology.nodes) {
        (node.master ? masters : replicas) += 1;
        if (node.master && !node.failing) covered += node.slotCount();
        if (node.failing) ++down;
    }
    const QLocale locale;
    QString text = tr("%1 masters, %2 replicas · %3 of 16,384 slots served")
                       .arg(masters)
                       .arg(replicas)
                       .arg(locale.toString(covered));
    if (down > 0) text += tr(" · %n node(s) down", nullptr, down);
    if (m_router->redirectsFollowed() > 0)
        text += tr(" · %1 redirections followed").arg(m_router->redirectsFollowed());
    m_summary->setText(text);
    m_summary->setStyleSheet(
        down > 0 || covered < 16384 ? QStringLiteral("QLabel { color: #c62828; }") : QString());
}

} // namespace redscope
