// JsonTreeModel: a JsonNode shown as a collapsible tree (key, value, type). Items are plain
// C++ objects made lazily: a container's children are created by fetchMore when the view
// expands it, so a 100k-element array costs its top level only until it is opened.
#pragma once

#include "values/decoders/json_document.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace redscope {

class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    static constexpr int kBatch = 1000; // children made per fetchMore

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    void setDocument(const JsonNode &root);
    const JsonNode &document() const { return m_root; }

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
    struct Item;
    Item *itemFor(const QModelIndex &index) const;
    static size_t childTotal(const JsonNode *node);

    JsonNode m_root;
    bool m_changing = false;     // between begin and end of an insertion
    std::unique_ptr<Item> m_top; // the invisible root; its one child is the document
};

} // namespace redscope
