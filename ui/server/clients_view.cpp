// CLIENT ID is asked together with CLIENT LIST (pipelined on the same connection), so the own
// row can be marked; servers without CLIENT ID just get no bold row.
#include "server/clients_view.h"

#include "server/client_list_model.h"
#include "widgets/confirm.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace redscope {

ClientsView::ClientsView(RedisConnection *connection, QWidget *parent)
    : ServerView(connection, parent)
    , m_model(new ClientListModel(this))
    , m_view(new QTableView(this))
    , m_killButton(new QPushButton(tr("Kill selected…"), this))
    , m_status(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("clientsTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_killButton->setObjectName(QStringLiteral("clientsKill"));
    m_killButton->setEnabled(false);
    m_status->setObjectName(QStringLiteral("clientsStatus"));
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("clientsRefresh"));
    connect(refreshButton, &QPushButton::clicked, this, &ClientsView::refresh);
    connect(m_killButton, &QPushButton::clicked, this, &ClientsView::killSelected);
    const bool readOnly = m_admin.settings().readOnly;
    if (readOnly) m_killButton->setToolTip(tr("Disabled: this connection is read-only"));
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [=, this] {
        m_killButton->setEnabled(!readOnly && m_view->selectionModel()->hasSelection());
    });

    auto *bar = new QHBoxLayout;
    bar->addWidget(refreshButton);
    bar->addWidget(m_killButton);
    bar->addStretch(1);
    bar->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
}

QString ClientsView::statusText() const
{
    return m_status->text();
}

void ClientsView::load()
{
    m_admin.clients(this, [this](const Result<ServerAdmin::Clients> &clients) {
        if (!clients.ok()) {
            m_status->setText(clients.error);
            return;
        }
        m_model->setClients(clients.value.clients, clients.value.ownId);
        m_view->resizeColumnsToContents();
        m_killButton->setEnabled(false);
        m_status->setText(tr("%n client(s)", nullptr, int(m_model->clients().size())));
    });
}

void ClientsView::killSelected()
{
    QList<qint64> ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids.append(m_model->clientAt(row.row()).id);
    if (ids.isEmpty()) return;
    QStringList names;
    for (qint64 id : std::as_const(ids))
        names.append(QString::number(id));
    const bool includesOwn = ids.contains(m_model->ownId());
    QString question = tr("Disconnect %n client(s) (id %1)?", nullptr, int(ids.size()))
                           .arg(names.join(QStringLiteral(", ")));
    if (includesOwn) question += tr("\nThis includes this panel's own connection.");
    if (!confirmAction(this, tr("Kill clients"), question)) return;
    m_admin.killClients(ids, this, [this](const QStringList &errors) {
        if (!errors.isEmpty()) {
            m_status->setText(errors.join(QStringLiteral("; ")));
            return;
        }
        refresh();
    });
}

} // namespace redscope
