// Table models over an AnalysisReport (not owned; the view keeps the report alive while the
// models show it): the groups (types, encodings, databases), one level of the namespace tree
// (lazy: rows come in pages through canFetchMore/fetchMore, sortable by every column), and a
// top-keys list (lazy as well). Plain adapters: the report is already aggregated.
#pragma once

#include "analysis/analysis_report.h"

#include <QAbstractTableModel>

namespace redscope {

class GroupTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        KeysColumn,
        BytesColumn,
        ShareColumn,
        ElementsColumn,
        TtlColumn,
        ColumnCount
    };
    explicit GroupTableModel(QObject *parent = nullptr);
    void setGroups(const QList<AnalysisGroup> &groups, quint64 totalBytes, const QString &title);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<AnalysisGroup> m_groups;
    quint64 m_total = 0;
    QString m_title;
};

class NamespaceTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        KeysColumn,
        BytesColumn,
        ShareColumn,
        AverageColumn,
        TtlColumn,
        ColumnCount
    };
    static constexpr int kPage = 200;
    static constexpr int NodeRole = Qt::UserRole + 1;

    explicit NamespaceTableModel(QObject *parent = nullptr);
    void setReport(const AnalysisReport *report);
    void setRoot(int node);
    int root() const { return m_root; }
    int nodeAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

private:
    void reload();
    void sortNodes();
    const AnalysisReport *m_report = nullptr;
    int m_root = 0;
    QList<int> m_nodes; // the level's children, in the current order
    int m_loaded = 0;
    int m_sortColumn = BytesColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

class TopKeysModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        KeyColumn,
        TypeColumn,
        EncodingColumn,
        BytesColumn,
        ElementsColumn,
        TtlColumn,
        ColumnCount
    };
    static constexpr int kPage = 100;

    explicit TopKeysModel(QObject *parent = nullptr);
    void setKeys(const QList<AnalysisKey> &keys);
    const AnalysisKey *keyAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

private:
    QList<AnalysisKey> m_keys;
    int m_loaded = 0;
};

QString formatBytes(quint64 bytes);
QString analysisTtlText(qint64 ttlMs);

} // namespace redscope
