// DiffModel (see diff_model.h).
#include "transfer/diff_model.h"

namespace redscope {

DiffModel::DiffModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void DiffModel::setResult(CompareResultPtr result)
{
    beginResetModel();
    m_result = std::move(result);
    m_rows.clear();
    endResetModel();
}

void DiffModel::resultGrew()
{
    if (m_rows.size() < kPage && canFetchMore({})) fetchMore({});
}

int DiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DiffModel::kindText(const DiffEntry &e)
{
    switch (e.kind) {
    case DiffEntry::Kind::OnlyInA:
        return tr("only in A");
    case DiffEntry::Kind::OnlyInB:
        return tr("only in B");
    case DiffEntry::Kind::Different:
        if (e.typeA != e.typeB) return tr("different type");
        return e.ttlDiffers ? tr("different (TTL)") : tr("different value");
    }
    return {};
}

QVariant DiffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) return {};
    const DiffEntry &e = m_rows[index.row()];
    if (role == KeyRole) return e.key;
    if (role == KindRole) return int(e.kind);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
    case KeyColumn:
        return QString::fromUtf8(e.key);
    case KindColumn:
        return kindText(e);
    case TypeAColumn:
        return QString::fromUtf8(e.typeA);
    case TypeBColumn:
        return QString::fromUtf8(e.typeB);
    default:
        return {};
    }
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case KindColumn:
        return tr("Difference");
    case TypeAColumn:
        return tr("Type in A");
    case TypeBColumn:
        return tr("Type in B");
    default:
        return {};
    }
}

bool DiffModel::canFetchMore(const QModelIndex &parent) const
{
    // Not while rows go in: views and testers may ask again from beginInsertRows().
    return !parent.isValid() && !m_inserting && m_result && m_rows.size() < m_result->size();
}

void DiffModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) return;
    const QList<DiffEntry> more = m_result->mid(m_rows.size(), kPage);
    if (more.isEmpty()) return;
    m_inserting = true;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size() - 1));
    m_rows.append(more);
    endInsertRows();
    m_inserting = false;
}

} // namespace redscope
