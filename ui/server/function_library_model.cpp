// The tree is two levels deep, so an index's internal id is enough to find its parent: no
// node objects, no pointers into the list (which a reset would invalidate).
#include "server/function_library_model.h"

#include <QFont>

#include <utility>

namespace redscope {

FunctionLibraryModel::FunctionLibraryModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void FunctionLibraryModel::setLibraries(const QList<FunctionLibrary> &libraries)
{
    m_resetting = true;
    beginResetModel();
    m_libraries = libraries;
    m_fetched = QList<bool>(m_libraries.size(), false);
    endResetModel();
    m_resetting = false;
    const QList<int> deferred = std::exchange(m_deferredFetches, {});
    for (int row : deferred)
        fetchMore(index(row, 0));
}

int FunctionLibraryModel::libraryRow(const QString &name) const
{
    for (int row = 0; row < m_libraries.size(); ++row) {
        if (m_libraries[row].name == name) return row;
    }
    return -1;
}

const FunctionLibrary *FunctionLibraryModel::libraryAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this) return nullptr;
    const qsizetype row = index.internalId() == 0 ? index.row() : qsizetype(index.internalId()) - 1;
    return row >= 0 && row < m_libraries.size() ? &m_libraries[row] : nullptr;
}

bool FunctionLibraryModel::isFunction(const QModelIndex &index) const
{
    return index.isValid() && index.internalId() != 0;
}

QModelIndex FunctionLibraryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) return {};
    if (!parent.isValid()) return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex FunctionLibraryModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0) return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int FunctionLibraryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) return int(m_libraries.size());
    if (parent.column() != 0 || parent.internalId() != 0) return 0;
    return m_fetched.value(parent.row()) ? int(m_libraries[parent.row()].functions.size()) : 0;
}

int FunctionLibraryModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool FunctionLibraryModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid()) return !m_libraries.isEmpty();
    if (parent.column() != 0 || parent.internalId() != 0) return false;
    return !m_libraries[parent.row()].functions.isEmpty();
}

bool FunctionLibraryModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.column() != 0 || parent.internalId() != 0) return false;
    if (m_inserting) return false;
    return !m_fetched.value(parent.row()) && !m_libraries[parent.row()].functions.isEmpty();
}

void FunctionLibraryModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) return;
    if (m_resetting) { // asked from a modelReset handler: insert once the reset is over
        if (!m_deferredFetches.contains(parent.row())) m_deferredFetches.append(parent.row());
        return;
    }
    const int count = int(m_libraries[parent.row()].functions.size());
    m_inserting = true; // handlers of rowsAboutToBeInserted must not fetch it again
    beginInsertRows(parent, 0, count - 1);
    m_fetched[parent.row()] = true;
    endInsertRows();
    m_inserting = false;
}

QVariant FunctionLibraryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const FunctionLibrary *library = libraryAt(index);
    if (!library) return {};
    if (role == LibraryNameRole) return library->name;
    if (!isFunction(index)) {
        if (role == Qt::FontRole && index.column() == Name) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
        switch (Column(index.column())) {
        case Name:
            return library->name;
        case Flags:
            return library->engine;
        case Description:
            return library->functions.size() == 1
                       ? tr("1 function")
                       : tr("%1 functions").arg(library->functions.size());
        case ColumnCount:
            break;
        }
        return {};
    }
    const FunctionInfo &function = library->functions.at(index.row());
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (Column(index.column())) {
    case Name:
        return function.name;
    case Flags:
        return function.flags.isEmpty() && role == Qt::ToolTipRole
                   ? tr("No flags: the function may write and is refused when memory is full")
                   : function.flags.join(QStringLiteral(", "));
    case Description:
        return function.description;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FunctionLibraryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (Column(section)) {
    case Name:
        return tr("Library / function");
    case Flags:
        return tr("Engine / flags");
    case Description:
        return tr("Description");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace redscope
