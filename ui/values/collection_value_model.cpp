// CollectionValueModel: a generation number ties every reply to the load() that asked for it,
// so switching keys mid-load never mixes elements of two keys.
#include "values/collection_value_model.h"

#include <QLocale>
#include <QUuid>

#include <algorithm>

namespace redscope {

// The smallest stream id after `id` ("ms-seq"): XRANGE's start is inclusive, and the
// exclusive "(" form needs Redis 6.2.
static QByteArray nextStreamId(const QByteArray &id)
{
    const qsizetype dash = id.indexOf('-');
    if (dash < 0) return id;
    const qulonglong ms = id.left(dash).toULongLong();
    const qulonglong seq = id.mid(dash + 1).toULongLong();
    if (seq == ~0ULL) return QByteArray::number(ms + 1) + "-0";
    return QByteArray::number(ms) + '-' + QByteArray::number(seq + 1);
}

CollectionValueModel::CollectionValueModel(RedisConnection *connection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_connection(connection)
{}

CollectionValueModel::~CollectionValueModel() = default;

void CollectionValueModel::load(const QByteArray &key, Kind kind)
{
    beginResetModel();
    m_key = key;
    m_kind = kind;
    m_rows.clear();
    m_seen.clear();
    m_cursor = "0";
    m_total = -1;
    m_done = false;
    m_loading = false;
    const quint64 generation = ++m_generation;
    endResetModel();
    emit totalChanged(m_total);
    if (!m_connection) return;
    const char *size = kind == Kind::Hash        ? "HLEN"
                       : kind == Kind::List      ? "LLEN"
                       : kind == Kind::Set       ? "SCARD"
                       : kind == Kind::SortedSet ? "ZCARD"
                                                 : "XLEN";
    m_connection->send({size, key}, [this, generation](const RedisValue &reply) {
        if (generation != m_generation) return;
        if (reply.isError()) {
            emit failed(reply.text());
            return;
        }
        m_total = reply.toInteger();
        emit totalChanged(m_total);
    });
    m_wanted = kChunk;
    requestChunk();
}

void CollectionValueModel::requestChunk()
{
    if (!m_connection || m_done || m_loading) return;
    m_loading = true;
    emit loadingChanged(true);
    const QByteArray count = QByteArray::number(kChunk);
    const QByteArray start = QByteArray::number(qulonglong(m_rows.size()));
    const QByteArray stop = QByteArray::number(qulonglong(m_rows.size() + kChunk - 1));
    QList<QByteArray> args;
    switch (m_kind) {
    case Kind::Hash:
        args = {"HSCAN", m_key, m_cursor, "COUNT", count};
        break;
    case Kind::Set:
        args = {"SSCAN", m_key, m_cursor, "COUNT", count};
        break;
    case Kind::List:
        args = {"LRANGE", m_key, start, stop};
        break;
    case Kind::SortedSet:
        args = {m_descending ? "ZREVRANGE" : "ZRANGE", m_key, start, stop, "WITHSCORES"};
        break;
    case Kind::Stream:
        args = {"XRANGE", m_key,
                m_rows.empty() ? QByteArray("-") : nextStreamId(m_rows.back().first), "+",
                "COUNT", count};
        break;
    }
    const quint64 generation = m_generation;
    m_connection->send(args, [this, generation](const RedisValue &reply) {
        onChunk(generation, reply);
    });
}

void CollectionValueModel::onChunk(quint64 generation, const RedisValue &reply)
{
    if (generation != m_generation) return;
    m_loading = false;
    if (reply.isError()) {
        m_done = true;
        emit loadingChanged(false);
        emit failed(reply.text());
        return;
    }
    std::vector<std::pair<QByteArray, QByteArray>> fresh;
    if (m_kind == Kind::Stream) {
        for (const RedisValue &entry : reply.elements()) {
            if (entry.elements().size() != 2) continue;
            QByteArray fields;
            const RedisValue::List &pairs = entry.elements()[1].elements();
            for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
                if (!fields.isEmpty()) fields += '\n';
                fields += pairs[i].bytes() + ": " + pairs[i + 1].bytes();
            }
            fresh.emplace_back(entry.elements()[0].bytes(), fields);
        }
        m_done = reply.elements().size() < size_t(kChunk);
        if (!fresh.empty()) {
            // A view may ask for more from inside the insertion (resizing rows to contents):
            // the next page's start is the last id, which is only known after it.
            m_loading = true;
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(fresh.size()) - 1);
            for (auto &row : fresh) m_rows.push_back(std::move(row));
            endInsertRows();
            m_loading = false;
        }
        emit loadingChanged(false);
        return;
    }
    const bool scan = m_kind == Kind::Hash || m_kind == Kind::Set;
    const RedisValue::List &items = scan ? (reply.elements().size() == 2
                                                ? reply.elements()[1].elements()
                                                : reply.elements())
                                         : reply.elements();
    if (scan && reply.elements().size() == 2) m_cursor = reply.elements()[0].bytes();
    const bool pairs = m_kind == Kind::Hash || m_kind == Kind::SortedSet;
    for (size_t i = 0; i < items.size(); i += pairs ? 2 : 1) {
        const QByteArray first = items[i].bytes();
        const QByteArray second = pairs && i + 1 < items.size() ? items[i + 1].bytes()
                                                                : QByteArray();
        if (scan) {
            if (m_seen.contains(first)) continue;
            m_seen.insert(first);
        }
        fresh.emplace_back(first, second);
    }
    if (scan)
        m_done = m_cursor == "0";
    else
        m_done = items.size() < size_t(pairs ? 2 * kChunk : kChunk);
    if (!fresh.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (auto &row : fresh) m_rows.push_back(std::move(row));
        endInsertRows();
    }
    m_wanted -= int(fresh.size());
    // SCAN may answer with few elements: keep going until a page's worth has arrived.
    if (!m_done && m_wanted > 0) {
        requestChunk();
        return;
    }
    emit loadingChanged(false);
}

int CollectionValueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CollectionValueModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid()) return 0;
    return m_kind == Kind::Set ? 1 : 2;
}

int CollectionValueModel::valueColumn() const
{
    return m_kind == Kind::Set ? 0 : 1;
}

QVariant CollectionValueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size())) return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole) return {};
    const auto &row = m_rows[size_t(index.row())];
    QString text;
    if (m_kind == Kind::List) {
        text = index.column() == 0 ? QString::number(index.row()) : QString::fromUtf8(row.first);
    } else {
        text = QString::fromUtf8(index.column() == 0 ? row.first : row.second);
    }
    if (role == Qt::DisplayRole && text.size() > 500) { // a table cell is no place for 1 MB
        text.truncate(500);
        text += QChar(0x2026);
    }
    return text;
}

Qt::ItemFlags CollectionValueModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (m_kind != Kind::Set && m_kind != Kind::Stream && index.column() == 1)
        result |= Qt::ItemIsEditable;
    return result;
}

bool CollectionValueModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable) ||
        !m_connection)
        return false;
    const int row = index.row();
    const QByteArray newValue = value.toString().toUtf8();
    QList<QByteArray> command;
    switch (m_kind) {
    case Kind::Hash:
        command = {"HSET", m_key, m_rows[size_t(row)].first, newValue};
        break;
    case Kind::List:
        command = {"LSET", m_key, QByteArray::number(row), newValue};
        break;
    case Kind::SortedSet: {
        bool ok = false;
        newValue.toDouble(&ok);
        if (!ok) {
            emit failed(tr("'%1' is not a number").arg(value.toString()));
            return false;
        }
        command = {"ZADD", m_key, "XX", newValue, m_rows[size_t(row)].first};
        break;
    }
    case Kind::Set:
    case Kind::Stream:
        return false;
    }
    auto &cell = m_kind == Kind::List ? m_rows[size_t(row)].first : m_rows[size_t(row)].second;
    const QByteArray oldValue = cell;
    cell = newValue;
    emit dataChanged(index, index);
    const quint64 generation = m_generation;
    m_connection->send(command, [this, generation, row, oldValue, index = QPersistentModelIndex(
                                                                       index)](const RedisValue &reply) {
        if (generation != m_generation) return;
        if (reply.isError()) {
            if (index.isValid()) {
                auto &cell = m_kind == Kind::List ? m_rows[size_t(row)].first
                                                  : m_rows[size_t(row)].second;
                cell = oldValue;
                emit dataChanged(index, index);
            }
            emit failed(reply.text());
            return;
        }
        emit changed();
    });
    return true;
}

QVariant CollectionValueModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const
{
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical) return {};
    switch (m_kind) {
    case Kind::Hash:
        return section == 0 ? tr("Field") : tr("Value");
    case Kind::List:
        return section == 0 ? tr("Index") : tr("Element");
    case Kind::Set:
        return tr("Member");
    case Kind::SortedSet:
        return section == 0 ? tr("Member") : tr("Score");
    case Kind::Stream:
        return section == 0 ? tr("Entry ID") : tr("Fields");
    }
    return {};
}

bool CollectionValueModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_done && !m_loading;
}

void CollectionValueModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) return;
    m_wanted = kChunk;
    requestChunk();
}

void CollectionValueModel::sort(int column, Qt::SortOrder order)
{
    if (m_kind != Kind::SortedSet || column != 1) return;
    const bool descending = order == Qt::DescendingOrder;
    if (descending == m_descending) return;
    m_descending = descending;
    reload();
}

void CollectionValueModel::write(const QList<QList<QByteArray>> &commands)
{
    if (!m_connection || commands.isEmpty()) return;
    const quint64 generation = m_generation;
    auto remaining = std::make_shared<int>(int(commands.size()));
    auto error = std::make_shared<QString>();
    for (const QList<QByteArray> &command : commands) {
        m_connection->send(command, [this, generation, remaining, error](const RedisValue &reply) {
            if (reply.isError() && error->isEmpty()) *error = reply.text();
            if (--*remaining > 0 || generation != m_generation) return;
            reload();
            if (!error->isEmpty())
                emit failed(*error);
            else
                emit changed();
        });
    }
}

void CollectionValueModel::addElement(const QByteArray &element, const QByteArray &second)
{
    switch (m_kind) {
    case Kind::Hash:
        write({{"HSET", m_key, element, second}});
        break;
    case Kind::List:
        write({{"RPUSH", m_key, element}});
        break;
    case Kind::Set:
        write({{"SADD", m_key, element}});
        break;
    case Kind::SortedSet: {
        bool ok = false;
        second.toDouble(&ok);
        if (!ok) {
            emit failed(tr("'%1' is not a number").arg(QString::fromUtf8(second)));
            return;
        }
        write({{"ZADD", m_key, second, element}});
        break;
    }
    case Kind::Stream:
        write({{"XADD", m_key, "*", element, second}});
        break;
    }
}

void CollectionValueModel::removeElements(const QList<int> &rows)
{
    if (rows.isEmpty()) return;
    QList<QList<QByteArray>> commands;
    if (m_kind == Kind::List) {
        // Lists have no "remove at index": mark the elements with a unique token, then LREM it.
        const QByteArray token = "__redscope_deleted_" + QUuid::createUuid().toByteArray();
        for (int row : rows) commands.append({"LSET", m_key, QByteArray::number(row), token});
        commands.append({"LREM", m_key, "0", token});
    } else {
        QList<QByteArray> command{m_kind == Kind::Hash        ? "HDEL"
                                  : m_kind == Kind::Set       ? "SREM"
                                  : m_kind == Kind::SortedSet ? "ZREM"
                                                              : "XDEL",
                                  m_key};
        for (int row : rows) command.append(m_rows[size_t(row)].first);
        commands.append(command);
    }
    write(commands);
}

} // namespace redscope
