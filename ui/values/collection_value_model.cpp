// CollectionValueModel: a generation number ties every reply to the load() that asked for it,
// so switching keys mid-load never mixes elements of two keys.
#include "values/collection_value_model.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace redscope {

CollectionValueModel::CollectionValueModel(RedisConnection *connection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_values(connection)
{}

CollectionValueModel::~CollectionValueModel() = default;

void CollectionValueModel::load(const QByteArray &key, Kind kind)
{
    beginResetModel();
    if (key != m_key || kind != m_kind) m_fromId.clear();
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
    if (!m_values.hasConnection()) return;
    m_values.length(key, kind, this, [this, generation](const Result<qint64> &length) {
        if (generation != m_generation) return;
        if (!length.ok()) {
            emit failed(length.error);
            return;
        }
        m_total = length.value;
        emit totalChanged(m_total);
    });
    m_wanted = kChunk;
    requestChunk();
}

void CollectionValueModel::requestChunk()
{
    if (!m_values.hasConnection() || m_done || m_loading) return;
    m_loading = true;
    emit loadingChanged(true);
    ValuePageRequest request;
    request.cursor = m_cursor;
    request.start = qint64(m_rows.size());
    request.afterId =
        m_kind == Kind::Stream && !m_rows.empty() ? m_rows.back().first : QByteArray();
    request.fromId = m_fromId;
    request.descending = m_descending;
    request.count = kChunk;
    const quint64 generation = m_generation;
    m_values.page(m_key, m_kind, request, this,
                  [this, generation](const Result<ValuePage> &page) { onChunk(generation, page); });
}

void CollectionValueModel::onChunk(quint64 generation, const Result<ValuePage> &page)
{
    if (generation != m_generation) return;
    m_loading = false;
    if (!page.ok()) {
        m_done = true;
        emit loadingChanged(false);
        emit failed(page.error);
        return;
    }
    std::vector<std::pair<QByteArray, QByteArray>> fresh;
    if (m_kind == Kind::Stream) {
        fresh = page.value.rows;
        m_done = page.value.complete;
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
    if (scan && !page.value.cursor.isEmpty()) m_cursor = page.value.cursor;
    for (const auto &row : page.value.rows) {
        if (scan) {
            if (m_seen.contains(row.first)) continue;
            m_seen.insert(row.first);
        }
        fresh.push_back(row);
    }
    m_done = page.value.complete;
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
    return m_kind == Kind::Set ? 1 : m_kind == Kind::Stream ? 3 : 2;
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
    } else if (m_kind == Kind::Stream) {
        text = index.column() == 0   ? QString::fromUtf8(row.first)
               : index.column() == 1 ? streamIdTime(row.first)
                                     : QString::fromUtf8(row.second);
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
        !m_values.hasConnection())
        return false;
    const int row = index.row();
    const QByteArray newValue = value.toString().toUtf8();
    if (m_kind == Kind::SortedSet) {
        bool ok = false;
        newValue.toDouble(&ok);
        if (!ok) {
            emit failed(tr("'%1' is not a number").arg(value.toString()));
            return false;
        }
    } else if (m_kind != Kind::Hash && m_kind != Kind::List) {
        return false;
    }
    auto &cell = m_kind == Kind::List ? m_rows[size_t(row)].first : m_rows[size_t(row)].second;
    const QByteArray oldValue = cell;
    const QByteArray element = m_rows[size_t(row)].first;
    cell = newValue;
    emit dataChanged(index, index);
    const quint64 generation = m_generation;
    m_values.setElement(m_key, m_kind, row, element, newValue, this,
                        [this, generation, row, oldValue,
                         index = QPersistentModelIndex(index)](const Status &status) {
                            if (generation != m_generation) return;
                            if (!status.ok()) {
                                if (index.isValid()) {
                                    auto &cell = m_kind == Kind::List ? m_rows[size_t(row)].first
                                                                      : m_rows[size_t(row)].second;
                                    cell = oldValue;
                                    emit dataChanged(index, index);
                                }
                                emit failed(status.error);
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
        return section == 0 ? tr("Entry ID") : section == 1 ? tr("Time") : tr("Fields");
    default: // not a collection
        break;
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

void CollectionValueModel::setNewestFirst(bool newestFirst)
{
    if (m_kind != Kind::Stream || newestFirst == m_descending) return;
    m_descending = newestFirst;
    reload();
}

void CollectionValueModel::jumpTo(const QByteArray &id)
{
    if (m_kind != Kind::Stream) return;
    m_fromId = id;
    reload();
}

QString CollectionValueModel::streamIdTime(const QByteArray &id)
{
    const qsizetype dash = id.indexOf('-');
    bool ok = false;
    const qint64 ms = id.left(dash < 0 ? id.size() : dash).toLongLong(&ok);
    if (!ok) return {};
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

void CollectionValueModel::written(quint64 generation, const Status &status)
{
    if (generation != m_generation) return;
    reload();
    if (!status.ok())
        emit failed(status.error);
    else
        emit changed();
}

void CollectionValueModel::addElement(const QByteArray &element, const QByteArray &second)
{
    if (!m_values.hasConnection()) return;
    if (m_kind == Kind::SortedSet) {
        bool ok = false;
        second.toDouble(&ok);
        if (!ok) {
            emit failed(tr("'%1' is not a number").arg(QString::fromUtf8(second)));
            return;
        }
    }
    m_values.addElement(
        m_key, m_kind, element, second, this,
        [this, generation = m_generation](const Status &status) { written(generation, status); });
}

void CollectionValueModel::removeElements(const QList<int> &rows)
{
    if (rows.isEmpty() || !m_values.hasConnection()) return;
    QList<qint64> indexes;
    QList<QByteArray> elements;
    for (int row : rows) {
        indexes.append(row);
        elements.append(m_rows[size_t(row)].first);
    }
    m_values.removeElements(
        m_key, m_kind, indexes, elements, this,
        [this, generation = m_generation](const Status &status) { written(generation, status); });
}

} // namespace redscope
