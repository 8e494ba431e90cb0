// Table models over an AnalysisReport (not owned; the view keeps the report alive while the
// models show it): the groups (types, encodings, databases), one level of the namespace tree
// (lazy: rows come in pages through canFetchMore/fetchMore, sortable by every column), and a
// top-keys list (lazy as well). Plain adapters: the report is already aggregated.
#pragma once

#include "analysis/analysis_report.h"

#include <QAbstractTableModel>

#include <algorithm>

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

// The rows of a table already in memory, handed to the view a page at a time
// (canFetchMore/fetchMore): a long table costs the view only what it has scrolled to.
// Subclasses say how many rows they hold (available()) and call showFirstPage() inside their
// model reset.
class PagedTableModel : public QAbstractTableModel
{
public:
    PagedTableModel(int page, QObject *parent);

    int rowCount(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

protected:
    virtual int available() const = 0;
    void showFirstPage() { m_loaded = std::min(m_page, available()); }
    int loaded() const { return m_loaded; }

private:
    int m_page;
    int m_loaded = 0;
};

class NamespaceTableModel : public PagedTableModel
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

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

private:
    int available() const override { return int(m_nodes.size()); }
    void reload();
    void sortNodes();
    const AnalysisReport *m_report = nullptr;
    int m_root = 0;
    QList<int> m_nodes; // the level's children, in the current order
    int m_sortColumn = BytesColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

class TopKeysModel : public PagedTableModel
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

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;

private:
    int available() const override { return int(m_keys.size()); }
    QList<AnalysisKey> m_keys;
};

QString formatBytes(quint64 bytes);
QString analysisTtlText(qint64 ttlMs);

} // namespace redscope
