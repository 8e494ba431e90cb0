// FunctionLibraryModel: FUNCTION LIST WITHCODE as a two-level tree, libraries with their
// functions below. Libraries are plain structs (server/function_service.h); this model only
// adapts them. A library's function rows are inserted when the view first expands it
// (canFetchMore/fetchMore), so a server with many libraries costs one row each until looked at.
// FUNCTION LIST has no cursor, so the top level arrives whole.
#pragma once

#include "server/function_service.h"

#include <QAbstractItemModel>

namespace redscope {

class FunctionLibraryModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    // Library rows: name, engine, function count. Function rows: name, flags, description.
    enum Column { Name, Flags, Description, ColumnCount };
    enum Role { LibraryNameRole = Qt::UserRole + 1 };

    explicit FunctionLibraryModel(QObject *parent = nullptr);

    void setLibraries(const QList<FunctionLibrary> &libraries);
    const QList<FunctionLibrary> &libraries() const { return m_libraries; }
    int libraryRow(const QString &name) const;
    // The library of a library row or of one of its function rows; null for invalid indexes.
    const FunctionLibrary *libraryAt(const QModelIndex &index) const;
    bool isFunction(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // internalId: 0 for a library row, library row + 1 for its function rows.
    QList<FunctionLibrary> m_libraries;
    QList<bool> m_fetched; // per library: function rows inserted
    // Views and QAbstractItemModelTester may call fetchMore() from their modelReset handlers,
    // while the reset is still being announced; those inserts wait until it is over.
    bool m_resetting = false;
    bool m_inserting = false;
    QList<int> m_deferredFetches;
};

} // namespace redscope
