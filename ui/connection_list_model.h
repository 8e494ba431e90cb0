// ConnectionListModel: the connections shown in the sidebar, as a flat QAbstractItemModel.
// It owns the RedisConnection objects (as QObject children) so a connection lives exactly as
// long as its row, and turns their state signals into dataChanged(). Row 0 is always the
// embedded "Local engine", even before (or when) the engine fails to start.
#pragma once

#include "connection_settings.h"

#include <QAbstractItemModel>

#include <vector>

namespace redscope {

class RedisConnection;

class ConnectionListModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        StateRole = Qt::UserRole + 1, // RedisConnection::State as int; -1 when no connection
        ErrorRole,
        AddressRole,
    };

    explicit ConnectionListModel(QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Points row 0 at the embedded engine; replaces an earlier local connection.
    RedisConnection *setLocalEngine(const ConnectionSettings &settings);
    void setLocalEngineError(const QString &error);
    RedisConnection *addConnection(const ConnectionSettings &settings);

    RedisConnection *connectionAt(int row) const;
    int rowOf(const RedisConnection *connection) const;

    static QString localEngineName();

private:
    struct Entry
    {
        QString name;
        RedisConnection *connection = nullptr; // child of this model
        QString setupError;                    // e.g. the engine did not start
    };

    RedisConnection *createConnection(const ConnectionSettings &settings);

    std::vector<Entry> m_entries;
};

} // namespace redscope
