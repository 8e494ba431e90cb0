// StreamGroupsPane: widgets and wiring only; the tables are StreamGroupsModel,
// StreamConsumersModel and StreamPendingModel, and the writes StreamGroupService's.
#include "streams/stream_groups_pane.h"

#include "streams/stream_group_models.h"
#include "streams/stream_group_service.h"
#include "widgets/confirm.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace redscope {

namespace {

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->verticalHeader()->setVisible(false);
    table->verticalHeader()->setDefaultSectionSize(22);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QPushButton *makeButton(const QString &text, const QString &name, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    return button;
}

QLineEdit *makeEdit(const QString &placeholder, const QString &name, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

StreamGroupsPane::StreamGroupsPane(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_service(new StreamGroupService(connection))
    , m_groups(new StreamGroupsModel(connection, this))
    , m_consumers(new StreamConsumersModel(connection, this))
    , m_pending(new StreamPendingModel(connection, this))
    , m_groupsTable(makeTable(m_groups, QStringLiteral("streamGroupsTable"), this))
    , m_consumersTable(makeTable(m_consumers, QStringLiteral("streamConsumersTable"), this))
    , m_pendingTable(makeTable(m_pending, QStringLiteral("streamPendingTable"), this))
    , m_groupTitle(new QLabel(this))
    , m_groupName(makeEdit(tr("New group"), QStringLiteral("streamGroupName"), this))
    , m_groupId(makeEdit(tr("$ or id"), QStringLiteral("streamGroupId"), this))
    , m_createGroup(makeButton(tr("Create"), QStringLiteral("streamCreateGroup"), this))
    , m_deleteGroup(makeButton(tr("Delete"), QStringLiteral("streamDeleteGroup"), this))
    , m_setId(makeButton(tr("Set ID"), QStringLiteral("streamSetGroupId"), this))
    , m_consumerName(makeEdit(tr("New consumer"), QStringLiteral("streamConsumerName"), this))
    , m_createConsumer(makeButton(tr("Create"), QStringLiteral("streamCreateConsumer"), this))
    , m_deleteConsumer(makeButton(tr("Delete"), QStringLiteral("streamDeleteConsumer"), this))
    , m_ack(makeButton(tr("ACK"), QStringLiteral("streamAck"), this))
    , m_claimTo(new QComboBox(this))
    , m_claim(makeButton(tr("Claim to"), QStringLiteral("streamClaim"), this))
{
    m_groupId->setText(QStringLiteral("$"));
    m_claimTo->setObjectName(QStringLiteral("streamClaimTo"));
    m_claimTo->setMinimumContentsLength(6);
    m_claimTo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_createGroup->setToolTip(tr("Create a group named on the left, reading after the id"));
    m_deleteGroup->setToolTip(tr("Delete the selected group"));
    m_setId->setToolTip(tr("Set the selected group's last delivered id"));
    m_createConsumer->setToolTip(tr("Create a consumer in the selected group"));
    m_deleteConsumer->setToolTip(tr("Delete the selected consumer"));
    // The pane sits beside the entries: it may be narrower than its tables.
    setMinimumWidth(0);
    for (QLineEdit *edit : {m_groupName, m_groupId, m_consumerName})
        edit->setMinimumWidth(40);
    m_pendingTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_consumersTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupsTable->setSelectionMode(QAbstractItemView::SingleSelection);

    auto *groupsBox = new QWidget(this);
    auto *groupsLayout = new QVBoxLayout(groupsBox);
    groupsLayout->setContentsMargins(0, 0, 0, 0);
    groupsLayout->addWidget(new QLabel(tr("<b>Consumer groups</b>"), groupsBox));
    groupsLayout->addWidget(m_groupsTable, 1);
    auto *groupActions = new QGridLayout;
    groupActions->addWidget(m_groupName, 0, 0);
    groupActions->addWidget(m_groupId, 0, 1);
    groupActions->addWidget(m_createGroup, 0, 2);
    groupActions->addWidget(m_setId, 1, 1);
    groupActions->addWidget(m_deleteGroup, 1, 2);
    groupsLayout->addLayout(groupActions);

    auto *consumersBox = new QWidget(this);
    auto *consumersLayout = new QVBoxLayout(consumersBox);
    consumersLayout->setContentsMargins(0, 0, 0, 0);
    consumersLayout->addWidget(m_groupTitle);
    consumersLayout->addWidget(m_consumersTable, 1);
    auto *consumerActions = new QHBoxLayout;
    consumerActions->addWidget(m_consumerName, 1);
    consumerActions->addWidget(m_createConsumer);
    consumerActions->addWidget(m_deleteConsumer);
    consumersLayout->addLayout(consumerActions);

    auto *pendingBox = new QWidget(this);
    auto *pendingLayout = new QVBoxLayout(pendingBox);
    pendingLayout->setContentsMargins(0, 0, 0, 0);
    pendingLayout->addWidget(new QLabel(tr("<b>Pending entries</b>"), pendingBox));
    pendingLayout->addWidget(m_pendingTable, 1);
    auto *pendingActions = new QHBoxLayout;
    pendingActions->addWidget(m_ack);
    pendingActions->addStretch(1);
    pendingActions->addWidget(m_claim);
    pendingActions->addWidget(m_claimTo);
    pendingLayout->addLayout(pendingActions);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(groupsBox);
    splitter->addWidget(consumersBox);
    splitter->addWidget(pendingBox);
    // In a scroll area: the pane never makes the window wider than the screen; when it is
    // narrower than its tables and buttons, it scrolls.
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(splitter);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_groupsTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StreamGroupsPane::onGroupSelected);
    connect(m_consumersTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StreamGroupsPane::updateButtons);
    connect(m_pendingTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StreamGroupsPane::updateButtons);
    // A reload resets the table and its selection: select the group that was selected (or was
    // just created) again once the groups are back, if it still exists.
    connect(m_groups, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (m_reselect.isEmpty()) m_reselect = m_group;
    });
    connect(m_groups, &StreamGroupsModel::loaded, this, [this] {
        const QByteArray group = std::exchange(m_reselect, QByteArray());
        if (group.isEmpty() || !selectGroup(group)) onGroupSelected();
    });
    connect(m_consumers, &StreamConsumersModel::loaded, this, [this] {
        const QString current = m_claimTo->currentText();
        m_claimTo->clear();
        for (int row = 0; row < m_consumers->rowCount(); ++row)
            m_claimTo->addItem(QString::fromUtf8(m_consumers->consumer(row).name));
        if (const int index = m_claimTo->findText(current); index >= 0)
            m_claimTo->setCurrentIndex(index);
        updateButtons();
    });
    connect(m_groups, &StreamGroupsModel::failed, this, &StreamGroupsPane::failed);
    connect(m_consumers, &StreamConsumersModel::failed, this, &StreamGroupsPane::failed);
    connect(m_pending, &StreamPendingModel::failed, this, &StreamGroupsPane::failed);
    connect(m_createGroup, &QPushButton::clicked, this, &StreamGroupsPane::createGroup);
    connect(m_deleteGroup, &QPushButton::clicked, this, &StreamGroupsPane::deleteGroup);
    connect(m_setId, &QPushButton::clicked, this, &StreamGroupsPane::setGroupId);
    connect(m_createConsumer, &QPushButton::clicked, this, &StreamGroupsPane::createConsumer);
    connect(m_deleteConsumer, &QPushButton::clicked, this, &StreamGroupsPane::deleteConsumer);
    connect(m_ack, &QPushButton::clicked, this, &StreamGroupsPane::ackSelected);
    connect(m_claim, &QPushButton::clicked, this, &StreamGroupsPane::claimSelected);
    updateButtons();
}

StreamGroupsPane::~StreamGroupsPane() = default;

void StreamGroupsPane::load(const QByteArray &key)
{
    if (key != m_key) {
        m_group.clear();
        m_groups->clear();
        m_reselect.clear();
    }
    m_key = key;
    m_groups->load(key);
}

void StreamGroupsPane::reload()
{
    if (!m_key.isEmpty()) m_groups->load(m_key);
}

void StreamGroupsPane::clear()
{
    m_key.clear();
    m_group.clear();
    m_groups->clear();
    m_reselect.clear();
    onGroupSelected();
}

bool StreamGroupsPane::selectGroup(const QByteArray &name)
{
    const int row = m_groups->rowOf(name);
    if (row < 0) return false;
    m_groupsTable->selectRow(row); // onGroupSelected() follows
    return m_group == name;
}

void StreamGroupsPane::onGroupSelected()
{
    const QModelIndexList rows = m_groupsTable->selectionModel()->selectedRows();
    m_group = rows.isEmpty() ? QByteArray() : m_groups->group(rows.first().row()).name;
    if (m_group.isEmpty()) {
        m_groupTitle->setText(tr("<b>Consumers</b> (select a group)"));
        m_consumers->clear();
        m_pending->clear();
        m_claimTo->clear();
    } else {
        m_groupTitle->setText(tr("<b>Consumers of %1</b>").arg(QString::fromUtf8(m_group)));
        m_groupId->setText(QString::fromUtf8(m_groups->group(rows.first().row()).lastDeliveredId));
        m_consumers->load(m_key, m_group);
        m_pending->load(m_key, m_group);
    }
    updateButtons();
}

void StreamGroupsPane::updateButtons()
{
    const bool group = !m_group.isEmpty();
    const bool pending = m_pendingTable->selectionModel()->hasSelection();
    m_createGroup->setEnabled(!m_key.isEmpty());
    m_deleteGroup->setEnabled(group);
    m_setId->setEnabled(group);
    m_createConsumer->setEnabled(group);
    m_deleteConsumer->setEnabled(group && m_consumersTable->selectionModel()->hasSelection());
    m_ack->setEnabled(group && pending);
    m_claim->setEnabled(group && pending && m_claimTo->count() > 0);
}

void StreamGroupsPane::written(const Status &status)
{
    reload();
    if (!status.ok())
        emit failed(status.error);
    else
        emit changed();
}

QList<QByteArray> StreamGroupsPane::selectedPendingIds() const
{
    QModelIndexList rows = m_pendingTable->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QList<QByteArray> ids;
    for (const QModelIndex &row : rows)
        ids.append(m_pending->entry(row.row()).id);
    return ids;
}

QByteArray StreamGroupsPane::selectedConsumer() const
{
    const QModelIndexList rows = m_consumersTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? QByteArray() : m_consumers->consumer(rows.first().row()).name;
}

void StreamGroupsPane::createGroup()
{
    const QByteArray name = m_groupName->text().trimmed().toUtf8();
    QByteArray id = m_groupId->text().trimmed().toUtf8();
    if (name.isEmpty()) {
        emit failed(tr("Name the new group first"));
        return;
    }
    if (id.isEmpty()) id = "$";
    m_reselect = name; // selected once the groups reload
    m_service->createGroup(m_key, name, id, this, [this](const Status &status) {
        if (status.ok()) m_groupName->clear();
        written(status);
    });
}

void StreamGroupsPane::deleteGroup()
{
    if (m_group.isEmpty()) return;
    const QString name = QString::fromUtf8(m_group);
    if (!confirmAction(this, tr("Delete group"),
                       tr("Delete the consumer group %1 of %2, with its consumers and its pending "
                          "entries list?")
                           .arg(name, QString::fromUtf8(m_key))))
        return;
    m_service->deleteGroup(m_key, m_group, this, [this](const Status &status) { written(status); });
}

void StreamGroupsPane::setGroupId()
{
    const QByteArray id = m_groupId->text().trimmed().toUtf8();
    if (m_group.isEmpty() || id.isEmpty()) return;
    if (!confirmAction(this, tr("Set group ID"),
                       tr("Set the last delivered id of %1 to %2? Entries after it will be "
                          "delivered (again) to the group's readers.")
                           .arg(QString::fromUtf8(m_group), QString::fromUtf8(id))))
        return;
    m_service->setGroupId(m_key, m_group, id, this,
                          [this](const Status &status) { written(status); });
}

void StreamGroupsPane::createConsumer()
{
    const QByteArray name = m_consumerName->text().trimmed().toUtf8();
    if (m_group.isEmpty()) return;
    if (name.isEmpty()) {
        emit failed(tr("Name the new consumer first"));
        return;
    }
    m_service->createConsumer(m_key, m_group, name, this, [this](const Status &status) {
        if (status.ok()) m_consumerName->clear();
        written(status);
    });
}

void StreamGroupsPane::deleteConsumer()
{
    const QByteArray consumer = selectedConsumer();
    if (m_group.isEmpty() || consumer.isEmpty()) return;
    if (!confirmAction(this, tr("Delete consumer"),
                       tr("Delete the consumer %1 of %2? Its pending entries are dropped from "
                          "the group's pending entries list.")
                           .arg(QString::fromUtf8(consumer), QString::fromUtf8(m_group))))
        return;
    m_service->deleteConsumer(m_key, m_group, consumer, this,
                              [this](const Status &status) { written(status); });
}

void StreamGroupsPane::ackSelected()
{
    const QList<QByteArray> ids = selectedPendingIds();
    if (m_group.isEmpty() || ids.isEmpty()) return;
    if (!confirmAction(this, tr("Acknowledge entries"),
                       tr("Acknowledge %n pending entries of %1? They leave the pending entries "
                          "list without being processed.",
                          nullptr, int(ids.size()))
                           .arg(QString::fromUtf8(m_group))))
        return;
    m_service->ack(m_key, m_group, ids, this, [this](const Status &status) { written(status); });
}

void StreamGroupsPane::claimSelected()
{
    const QList<QByteArray> ids = selectedPendingIds();
    const QByteArray consumer = m_claimTo->currentText().toUtf8();
    if (m_group.isEmpty() || ids.isEmpty() || consumer.isEmpty()) return;
    m_service->claim(m_key, m_group, consumer, ids, this,
                     [this](const Status &status) { written(status); });
}

} // namespace redscope
