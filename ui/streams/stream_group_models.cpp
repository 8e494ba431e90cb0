// Stream group models: each load() resets the table at once and fills it when the reply comes;
// a reply for an older load() is dropped.
#include "streams/stream_group_models.h"

#include "values/collection_value_model.h"

#include <QCoreApplication>

namespace redscope {

QString formatIdle(qint64 ms)
{
    if (ms < 1000) return QCoreApplication::translate("redscope", "%1 ms").arg(ms);
    if (ms < 60000)
        return QCoreApplication::translate("redscope", "%1 s").arg(double(ms) / 1000, 0, 'f', 1);
    const qint64 s = ms / 1000;
    if (s < 3600)
        return QCoreApplication::translate("redscope", "%1 min %2 s").arg(s / 60).arg(s % 60);
    return QCoreApplication::translate("redscope", "%1 h %2 min").arg(s / 3600).arg(s / 60 % 60);
}

// Groups

StreamGroupsModel::StreamGroupsModel(RedisConnection *connection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(connection)
{
}

void StreamGroupsModel::clear()
{
    beginResetModel();
    m_key.clear();
    m_rows.clear();
    ++m_generation;
    endResetModel();
}

void StreamGroupsModel::load(const QByteArray &key)
{
    const quint64 generation = ++m_generation;
    m_key = key;
    m_service.groups(key, this, [this, generation](const Result<std::vector<StreamGroup>> &groups) {
        if (generation != m_generation) return;
        beginResetModel();
        m_rows = groups.ok() ? groups.value : std::vector<StreamGroup>();
        endResetModel();
        if (!groups.ok()) emit failed(groups.error);
        emit loaded();
    });
}

int StreamGroupsModel::rowOf(const QByteArray &name) const
{
    for (size_t row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].name == name) return int(row);
    return -1;
}

int StreamGroupsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StreamGroupsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StreamGroupsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const StreamGroup &group = m_rows[size_t(index.row())];
    if (role == Qt::ToolTipRole && index.column() == LastDelivered)
        return CollectionValueModel::streamIdTime(group.lastDeliveredId);
    if (role == Qt::TextAlignmentRole && index.column() != Name && index.column() != LastDelivered)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    const auto known = [](qint64 value) {
        return value < 0 ? QStringLiteral("?") : QString::number(value);
    };
    switch (Column(index.column())) {
    case Name:
        return QString::fromUtf8(group.name);
    case Consumers:
        return group.consumers;
    case Pending:
        return group.pending;
    case LastDelivered:
        return QString::fromUtf8(group.lastDeliveredId);
    case EntriesRead:
        return known(group.entriesRead);
    case Lag:
        return known(group.lag);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant StreamGroupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (Column(section)) {
    case Name:
        return tr("Group");
    case Consumers:
        return tr("Consumers");
    case Pending:
        return tr("Pending");
    case LastDelivered:
        return tr("Last delivered");
    case EntriesRead:
        return tr("Entries read");
    case Lag:
        return tr("Lag");
    case ColumnCount:
        break;
    }
    return {};
}

// Consumers

StreamConsumersModel::StreamConsumersModel(RedisConnection *connection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(connection)
{
}

void StreamConsumersModel::clear()
{
    beginResetModel();
    m_rows.clear();
    ++m_generation;
    endResetModel();
}

void StreamConsumersModel::load(const QByteArray &key, const QByteArray &group)
{
    const quint64 generation = ++m_generation;
    m_service.consumers(key, group, this,
                        [this, generation](const Result<std::vector<StreamConsumer>> &rows) {
                            if (generation != m_generation) return;
                            beginResetModel();
                            m_rows = rows.ok() ? rows.value : std::vector<StreamConsumer>();
                            endResetModel();
                            if (!rows.ok()) emit failed(rows.error);
                            emit loaded();
                        });
}

int StreamConsumersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StreamConsumersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StreamConsumersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const StreamConsumer &consumer = m_rows[size_t(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() != Name)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (Column(index.column())) {
    case Name:
        return QString::fromUtf8(consumer.name);
    case Pending:
        return consumer.pending;
    case Idle:
        return formatIdle(consumer.idleMs);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant StreamConsumersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (Column(section)) {
    case Name:
        return tr("Consumer");
    case Pending:
        return tr("Pending");
    case Idle:
        return tr("Idle");
    case ColumnCount:
        break;
    }
    return {};
}

// Pending entries

StreamPendingModel::StreamPendingModel(RedisConnection *connection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(connection)
{
}

void StreamPendingModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_key.clear();
    m_group.clear();
    m_loading = false;
    m_done = true;
    ++m_generation;
    endResetModel();
}

void StreamPendingModel::load(const QByteArray &key, const QByteArray &group)
{
    clear();
    m_key = key;
    m_group = group;
    m_done = false;
    requestChunk();
}

void StreamPendingModel::requestChunk()
{
    if (m_done || m_loading || !m_service.hasConnection()) return;
    m_loading = true;
    const quint64 generation = m_generation;
    const QByteArray after = m_rows.empty() ? QByteArray() : m_rows.back().id;
    m_service.pending(m_key, m_group, after, kChunk, this,
                      [this, generation](const Result<std::vector<StreamPendingEntry>> &rows) {
                          if (generation != m_generation) return;
                          m_loading = false;
                          if (!rows.ok()) {
                              m_done = true;
                              emit failed(rows.error);
                              emit loaded();
                              return;
                          }
                          m_done = rows.value.size() < size_t(kChunk);
                          if (!rows.value.empty()) {
                              m_loading = true; // a view may ask for more from inside the insertion
                              const int first = int(m_rows.size());
                              beginInsertRows({}, first, first + int(rows.value.size()) - 1);
                              m_rows.insert(m_rows.end(), rows.value.begin(), rows.value.end());
                              endInsertRows();
                              m_loading = false;
                          }
                          emit loaded();
                      });
}

bool StreamPendingModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_done && !m_loading;
}

void StreamPendingModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent)) requestChunk();
}

int StreamPendingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StreamPendingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StreamPendingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const StreamPendingEntry &entry = m_rows[size_t(index.row())];
    if (role == Qt::ToolTipRole && index.column() == Id)
        return CollectionValueModel::streamIdTime(entry.id);
    if (role == Qt::TextAlignmentRole && (index.column() == Idle || index.column() == Deliveries))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (Column(index.column())) {
    case Id:
        return QString::fromUtf8(entry.id);
    case Consumer:
        return QString::fromUtf8(entry.consumer);
    case Idle:
        return formatIdle(entry.idleMs);
    case Deliveries:
        return entry.deliveries;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant StreamPendingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
    switch (Column(section)) {
    case Id:
        return tr("Pending entry");
    case Consumer:
        return tr("Consumer");
    case Idle:
        return tr("Idle");
    case Deliveries:
        return tr("Deliveries");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace redscope
