// SlowlogModel: SLOWLOG GET entries as a table (newest first, as the server returns them).
// The slow log holds at most slowlog-max-len entries (128 by default), so no lazy fetching.
#pragma once

#include "server/server_replies.h"

#include <QAbstractTableModel>

namespace redscope {

class SlowlogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Time, Duration, Command, Client, ClientName, ColumnCount };

    explicit SlowlogModel(QObject *parent = nullptr);

    void setEntries(const QList<SlowlogEntry> &entries);
    const QList<SlowlogEntry> &entries() const { return m_entries; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<SlowlogEntry> m_entries;
};

} // namespace redscope
