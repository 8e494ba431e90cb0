// DiffModel: Compare's differences as a table (key, what differs, type in A, type in B), read
// lazily from the CompareResult the job fills on its thread: rows are taken in pages of 500
// through canFetchMore/fetchMore, so a million differences never become a million rows at once.
#pragma once

#include "transfer/compare_result.h"

#include <QAbstractTableModel>

namespace redscope {

class DiffModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, KindColumn, TypeAColumn, TypeBColumn, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1, KindRole };
    static constexpr int kPage = 500;

    explicit DiffModel(QObject *parent = nullptr);

    void setResult(CompareResultPtr result); // resets
    // More rows arrived in the result: shows the first page if nothing is shown yet.
    void resultGrew();
    DiffEntry entry(int row) const { return m_rows.value(row); }
    CompareResultPtr result() const { return m_result; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    static QString kindText(const DiffEntry &entry);

private:
    CompareResultPtr m_result;
    QList<DiffEntry> m_rows;
    bool m_inserting = false;
};

} // namespace redscope
