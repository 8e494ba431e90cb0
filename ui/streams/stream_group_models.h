// The tables of the stream groups pane: a stream's consumer groups (XINFO GROUPS), one group's
// consumers (XINFO CONSUMERS) and its pending entries list (XPENDING, 200 entries a page through
// canFetchMore/fetchMore, since a group can hold millions). Three small adapters over plain
// rows from StreamGroupService, kept together because they are only ever used together; a
// generation number ties each reply to the load() that asked for it.
#pragma once

#include "streams/stream_group_service.h"

#include <QAbstractTableModel>

#include <vector>

namespace redscope {

// "850 ms", "12.4 s", "3 min 5 s", "2 h 10 min": an idle time for a table cell.
QString formatIdle(qint64 ms);

class StreamGroupsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Consumers, Pending, LastDelivered, EntriesRead, Lag, ColumnCount };

    explicit StreamGroupsModel(RedisConnection *connection, QObject *parent = nullptr);

    void load(const QByteArray &key);
    void reload() { load(m_key); }
    void clear();
    const StreamGroup &group(int row) const { return m_rows[size_t(row)]; }
    int rowOf(const QByteArray &name) const; // -1 if absent

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void loaded();
    void failed(const QString &error);

private:
    StreamGroupService m_service;
    QByteArray m_key;
    std::vector<StreamGroup> m_rows;
    quint64 m_generation = 0;
};

class StreamConsumersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Pending, Idle, ColumnCount };

    explicit StreamConsumersModel(RedisConnection *connection, QObject *parent = nullptr);

    void load(const QByteArray &key, const QByteArray &group);
    void clear();
    const StreamConsumer &consumer(int row) const { return m_rows[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void loaded();
    void failed(const QString &error);

private:
    StreamGroupService m_service;
    std::vector<StreamConsumer> m_rows;
    quint64 m_generation = 0;
};

class StreamPendingModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Consumer, Idle, Deliveries, ColumnCount };
    static constexpr int kChunk = 200;

    explicit StreamPendingModel(RedisConnection *connection, QObject *parent = nullptr);

    void load(const QByteArray &key, const QByteArray &group);
    void clear();
    bool isComplete() const { return m_done; }
    const StreamPendingEntry &entry(int row) const { return m_rows[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loaded();
    void failed(const QString &error);

private:
    void requestChunk();

    StreamGroupService m_service;
    QByteArray m_key;
    QByteArray m_group;
    std::vector<StreamPendingEntry> m_rows;
    bool m_loading = false;
    bool m_done = true;
    quint64 m_generation = 0;
};

} // namespace redscope
