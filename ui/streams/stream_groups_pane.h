// StreamGroupsPane: the consumer groups of the open stream, beside its entries. Top: the groups
// (consumers, pending, last-delivered id, entries read, lag) with create, delete and set-ID;
// selecting one shows its consumers (pending, idle; create, delete) and its pending entries
// (paged), which can be acknowledged or claimed to another consumer. Deleting a group or a
// consumer, setting an ID and acknowledging ask first (confirmAction), and every write goes
// through StreamGroupService, so read-only and production connections guard it as any other.
#pragma once

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace redscope {

class RedisConnection;
class StreamConsumersModel;
class StreamGroupService;
class StreamGroupsModel;
class StreamPendingModel;
struct Status;

class StreamGroupsPane : public QWidget
{
    Q_OBJECT

public:
    explicit StreamGroupsPane(RedisConnection *connection, QWidget *parent = nullptr);
    ~StreamGroupsPane() override;

    void load(const QByteArray &key);
    void reload(); // keeps the selected group
    void clear();
    QByteArray selectedGroup() const { return m_group; }
    bool selectGroup(const QByteArray &name);

    StreamGroupsModel *groupsModel() const { return m_groups; }
    StreamConsumersModel *consumersModel() const { return m_consumers; }
    StreamPendingModel *pendingModel() const { return m_pending; }
    QTableView *groupsTable() const { return m_groupsTable; }
    QTableView *consumersTable() const { return m_consumersTable; }
    QTableView *pendingTable() const { return m_pendingTable; }

signals:
    void failed(const QString &error);
    void changed(); // the server accepted a write

private:
    void onGroupSelected();
    void updateButtons();
    void written(const Status &status);
    QList<QByteArray> selectedPendingIds() const;
    QByteArray selectedConsumer() const;

    void createGroup();
    void deleteGroup();
    void setGroupId();
    void createConsumer();
    void deleteConsumer();
    void ackSelected();
    void claimSelected();

    std::unique_ptr<StreamGroupService> m_service;
    QByteArray m_key;
    QByteArray m_group;
    QByteArray m_reselect; // the group to select after the groups reload
    StreamGroupsModel *m_groups;
    StreamConsumersModel *m_consumers;
    StreamPendingModel *m_pending;
    QTableView *m_groupsTable;
    QTableView *m_consumersTable;
    QTableView *m_pendingTable;
    QLabel *m_groupTitle;
    QLineEdit *m_groupName;
    QLineEdit *m_groupId;
    QPushButton *m_createGroup;
    QPushButton *m_deleteGroup;
    QPushButton *m_setId;
    QLineEdit *m_consumerName;
    QPushButton *m_createConsumer;
    QPushButton *m_deleteConsumer;
    QPushButton *m_ack;
    QComboBox *m_claimTo;
    QPushButton *m_claim;
};

} // namespace redscope
