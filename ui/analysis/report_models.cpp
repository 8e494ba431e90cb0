#include "analysis/report_models.h"

#include <QLocale>

#include <algorithm>

namespace redscope {

QString formatBytes(quint64 bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeTraditionalFormat);
}

QString analysisTtlText(qint64 ttlMs)
{
    if (ttlMs < 0) return QObject::tr("No TTL");
    const qint64 s = ttlMs / 1000;
    if (s < 60) return QObject::tr("%1 s").arg(s);
    if (s < 3600) return QObject::tr("%1 min").arg(s / 60);
    if (s < 86400) return QObject::tr("%1 h").arg(s / 3600);
    return QObject::tr("%1 d").arg(s / 86400);
}

namespace {

QString percent(quint64 part, quint64 whole)
{
    if (!whole) return QStringLiteral("–");
    return QStringLiteral("%1%").arg(100.0 * double(part) / double(whole), 0, 'f', 1);
}

QVariant alignRight(int column, int textColumn)
{
    if (column == textColumn) return {};
    return QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
}

} // namespace

// -- GroupTableModel --

GroupTableModel::GroupTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void GroupTableModel::setGroups(const QList<AnalysisGroup> &groups, quint64 totalBytes,
                                const QString &title)
{
    beginResetModel();
    m_groups = groups;
    m_total = totalBytes;
    m_title = title;
    endResetModel();
}

int GroupTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int GroupTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_groups.size()) return {};
    const AnalysisGroup &g = m_groups[index.row()];
    const QLocale locale;
    if (role == Qt::TextAlignmentRole) return alignRight(index.column(), NameColumn);
    if (role == Qt::UserRole) { // sort key
        switch (index.column()) {
        case NameColumn:
            return g.name;
        case KeysColumn:
            return g.totals.keys;
        case BytesColumn:
        case ShareColumn:
            return g.totals.bytes;
        case ElementsColumn:
            return g.totals.elements;
        case TtlColumn:
            return g.totals.withExpiry;
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case NameColumn:
        return g.name;
    case KeysColumn:
        return locale.toString(g.totals.keys);
    case BytesColumn:
        return formatBytes(g.totals.bytes);
    case ShareColumn:
        return percent(g.totals.bytes, m_total);
    case ElementsColumn:
        return locale.toString(g.totals.elements);
    case TtlColumn:
        return percent(g.totals.withExpiry, g.totals.keys);
    }
    return {};
}

QVariant GroupTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn:
        return m_title;
    case KeysColumn:
        return tr("Keys");
    case BytesColumn:
        return tr("Memory");
    case ShareColumn:
        return tr("Share");
    case ElementsColumn:
        return tr("Elements");
    case TtlColumn:
        return tr("With TTL");
    }
    return {};
}

// -- PagedTableModel --

PagedTableModel::PagedTableModel(int page, QObject *parent)
    : QAbstractTableModel(parent)
    , m_page(page)
{
}

int PagedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_loaded;
}

bool PagedTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_loaded < available();
}

void PagedTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) return;
    const int more = std::min(m_page, available() - m_loaded);
    beginInsertRows({}, m_loaded, m_loaded + more - 1);
    m_loaded += more;
    endInsertRows();
}

// -- NamespaceTableModel --

NamespaceTableModel::NamespaceTableModel(QObject *parent)
    : PagedTableModel(kPage, parent)
{
}

void NamespaceTableModel::setReport(const AnalysisReport *report)
{
    m_report = report;
    m_root = 0;
    reload();
}

void NamespaceTableModel::setRoot(int node)
{
    if (!m_report || node < 0 || node >= m_report->namespaces.size()) return;
    m_root = node;
    reload();
}

void NamespaceTableModel::reload()
{
    beginResetModel();
    m_nodes.clear();
    if (m_report && m_root < m_report->namespaces.size())
        m_nodes = m_report->namespaces[m_root].children;
    sortNodes();
    showFirstPage();
    endResetModel();
}

int NamespaceTableModel::nodeAt(int row) const
{
    return row >= 0 && row < loaded() ? m_nodes[row] : -1;
}

int NamespaceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NamespaceTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_report || !index.isValid() || index.row() >= loaded()) return {};
    const NamespaceNode &n = m_report->namespaces[m_nodes[index.row()]];
    if (role == NodeRole) return m_nodes[index.row()];
    if (role == Qt::TextAlignmentRole) return alignRight(index.column(), NameColumn);
    if (role == Qt::ToolTipRole && index.column() == NameColumn) return n.path;
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case NameColumn:
        return n.children.isEmpty() ? n.name : n.name + m_report->separator + QStringLiteral("…");
    case KeysColumn:
        return QLocale().toString(n.keys);
    case BytesColumn:
        return formatBytes(n.bytes);
    case ShareColumn:
        return percent(n.bytes, m_report->totals.bytes);
    case AverageColumn:
        return formatBytes(n.keys ? n.bytes / n.keys : 0);
    case TtlColumn:
        return percent(n.withExpiry, n.keys);
    }
    return {};
}

QVariant NamespaceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn:
        return tr("Namespace");
    case KeysColumn:
        return tr("Keys");
    case BytesColumn:
        return tr("Memory");
    case ShareColumn:
        return tr("Share");
    case AverageColumn:
        return tr("Average");
    case TtlColumn:
        return tr("With TTL");
    }
    return {};
}

void NamespaceTableModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    // A reset rather than a layout change: rows may still be fetched after it, which a
    // layout change in flight does not allow. The loaded page count stays.
    beginResetModel();
    sortNodes();
    endResetModel();
}

void NamespaceTableModel::sortNodes()
{
    const int column = m_sortColumn;
    const Qt::SortOrder order = m_sortOrder;
    if (!m_report) return;
    const auto &ns = m_report->namespaces;
    auto key = [&](int node) -> double {
        const NamespaceNode &n = ns[node];
        switch (column) {
        case KeysColumn:
            return double(n.keys);
        case AverageColumn:
            return n.keys ? double(n.bytes) / double(n.keys) : 0.0;
        case TtlColumn:
            return n.keys ? double(n.withExpiry) / double(n.keys) : 0.0;
        default:
            return double(n.bytes);
        }
    };
    std::stable_sort(m_nodes.begin(), m_nodes.end(), [&](int a, int b) {
        if (column == NameColumn)
            return order == Qt::AscendingOrder ? ns[a].name < ns[b].name : ns[b].name < ns[a].name;
        return order == Qt::AscendingOrder ? key(a) < key(b) : key(b) < key(a);
    });
}

// -- TopKeysModel --

TopKeysModel::TopKeysModel(QObject *parent)
    : PagedTableModel(kPage, parent)
{
}

void TopKeysModel::setKeys(const QList<AnalysisKey> &keys)
{
    beginResetModel();
    m_keys = keys;
    showFirstPage();
    endResetModel();
}

const AnalysisKey *TopKeysModel::keyAt(int row) const
{
    return row >= 0 && row < loaded() ? &m_keys[row] : nullptr;
}

int TopKeysModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopKeysModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= loaded()) return {};
    const AnalysisKey &k = m_keys[index.row()];
    if (role == Qt::TextAlignmentRole) return alignRight(index.column(), KeyColumn);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
    case KeyColumn: {
        const QString name = QString::fromUtf8(k.key);
        return k.db ? QStringLiteral("db%1 %2").arg(k.db).arg(name) : name;
    }
    case TypeColumn:
        return k.typeName;
    case EncodingColumn:
        return k.encoding;
    case BytesColumn:
        if (!k.estimated) return formatBytes(k.bytes);
        if (role == Qt::ToolTipRole)
            return tr("%1, an estimate: MEMORY USAGE sampled part of its elements")
                .arg(formatBytes(k.bytes));
        return QStringLiteral("≈ ") + formatBytes(k.bytes);
    case ElementsColumn:
        return QLocale().toString(k.elements);
    case TtlColumn:
        return analysisTtlText(k.ttlMs);
    }
    return {};
}

QVariant TopKeysModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case TypeColumn:
        return tr("Type");
    case EncodingColumn:
        return tr("Encoding");
    case BytesColumn:
        return tr("Memory");
    case ElementsColumn:
        return tr("Elements");
    case TtlColumn:
        return tr("TTL");
    }
    return {};
}

void TopKeysModel::sort(int column, Qt::SortOrder order)
{
    beginResetModel(); // as NamespaceTableModel::sort
    std::stable_sort(m_keys.begin(), m_keys.end(), [&](const AnalysisKey &a, const AnalysisKey &b) {
        auto less = [&](const AnalysisKey &x, const AnalysisKey &y) {
            switch (column) {
            case KeyColumn:
                return x.key < y.key;
            case TypeColumn:
                return x.typeName < y.typeName;
            case EncodingColumn:
                return x.encoding < y.encoding;
            case ElementsColumn:
                return x.elements < y.elements;
            case TtlColumn:
                return x.ttlMs < y.ttlMs;
            default:
                return x.bytes < y.bytes;
            }
        };
        return order == Qt::AscendingOrder ? less(a, b) : less(b, a);
    });
    endResetModel();
}

} // namespace redscope
