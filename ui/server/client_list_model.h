// ClientListModel: CLIENT LIST as a table. Busy servers have thousands of clients, so the parsed
// list is kept whole but rows are exposed in batches through canFetchMore()/fetchMore(): the
// view only builds what is scrolled to. The row of the panel's own connection is marked.
#pragma once

#include "server/server_replies.h"

#include <QAbstractTableModel>

namespace redscope {

class ClientListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Address, Name, Age, Idle, Db, Flags, LastCommand, User, ColumnCount };
    static constexpr int kBatch = 200;

    explicit ClientListModel(QObject *parent = nullptr);

    void setClients(const QList<ClientEntry> &clients, qint64 ownId);
    const QList<ClientEntry> &clients() const { return m_clients; }
    const ClientEntry &clientAt(int row) const { return m_clients.at(row); }
    qint64 ownId() const { return m_ownId; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    QList<ClientEntry> m_clients;
    int m_shown = 0;
    qint64 m_ownId = -1;
};

} // namespace redscope
