// JsonTreeModel: Item points into the JsonNode it shows (the model owns the document, so the
// pointers live as long as the items).
#include "values/decoders/json_tree_model.h"

namespace redscope {

struct JsonTreeModel::Item
{
    const JsonNode *node = nullptr;
    QString key;
    Item *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Item>> children; // made so far
};

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_top(std::make_unique<Item>())
{
}

JsonTreeModel::~JsonTreeModel() = default;

// Remove and insert rather than reset: a reset makes views (and QAbstractItemModelTester)
// fetch lazily loaded children while the reset is still being announced.
void JsonTreeModel::setDocument(const JsonNode &root)
{
    if (!m_top->children.empty()) {
        beginRemoveRows({}, 0, 0);
        m_top->children.clear();
        endRemoveRows();
    }
    m_changing = true;
    beginInsertRows({}, 0, 0);
    m_root = root;
    auto item = std::make_unique<Item>();
    item->node = &m_root;
    item->key = m_root.type == JsonNode::Type::Object  ? QStringLiteral("{…}")
                : m_root.type == JsonNode::Type::Array ? QStringLiteral("[…]")
                                                       : QStringLiteral("value");
    item->parent = m_top.get();
    m_top->children.push_back(std::move(item));
    endInsertRows();
    m_changing = false;
}

JsonTreeModel::Item *JsonTreeModel::itemFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Item *>(index.internalPointer()) : m_top.get();
}

size_t JsonTreeModel::childTotal(const JsonNode *node)
{
    if (!node) return 0;
    return node->type == JsonNode::Type::Array    ? node->items.size()
           : node->type == JsonNode::Type::Object ? node->members.size()
                                                  : 0;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) return {};
    Item *p = itemFor(parent);
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) return {};
    Item *p = itemFor(child)->parent;
    if (!p || p == m_top.get()) return {};
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0) return 0;
    return int(itemFor(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0) return false;
    const Item *item = itemFor(parent);
    return item == m_top.get() ? !item->children.empty() : childTotal(item->node) > 0;
}

bool JsonTreeModel::canFetchMore(const QModelIndex &parent) const
{
    // Not while an insertion is being announced: a view (or QAbstractItemModelTester)
    // that fetches from its rowsInserted handler would nest a second insertion in the first.
    if (parent.column() > 0 || m_changing) return false;
    const Item *item = itemFor(parent);
    return item != m_top.get() && item->children.size() < childTotal(item->node);
}

void JsonTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) return;
    Item *item = itemFor(parent);
    const size_t from = item->children.size();
    const size_t to = qMin(childTotal(item->node), from + size_t(kBatch));
    m_changing = true;
    beginInsertRows(parent, int(from), int(to - 1));
    for (size_t i = from; i < to; ++i) {
        auto child = std::make_unique<Item>();
        child->parent = item;
        child->row = int(i);
        if (item->node->type == JsonNode::Type::Array) {
            child->node = &item->node->items[i];
            child->key = QStringLiteral("[%1]").arg(i);
        } else {
            child->node = &item->node->members[i].second;
            child->key = item->node->members[i].first;
        }
        item->children.push_back(std::move(child));
    }
    endInsertRows();
    m_changing = false;
}

static QString typeName(JsonNode::Type type)
{
    switch (type) {
    case JsonNode::Type::Null:
        return QStringLiteral("null");
    case JsonNode::Type::Bool:
        return QStringLiteral("boolean");
    case JsonNode::Type::Integer:
    case JsonNode::Type::Unsigned:
        return QStringLiteral("integer");
    case JsonNode::Type::Double:
        return QStringLiteral("number");
    case JsonNode::Type::String:
        return QStringLiteral("string");
    case JsonNode::Type::Array:
        return QStringLiteral("array");
    case JsonNode::Type::Object:
        return QStringLiteral("object");
    }
    return {};
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) return {};
    const Item *item = itemFor(index);
    switch (index.column()) {
    case KeyColumn:
        return item->key;
    case ValueColumn: {
        if (item->node->isContainer())
            return tr("%n item(s)", nullptr, int(childTotal(item->node)));
        QString text = item->node->type == JsonNode::Type::String ? item->node->string
                                                                  : item->node->scalarText();
        if (role == Qt::DisplayRole && text.size() > 500) text = text.left(500) + u'…';
        return text;
    }
    case TypeColumn:
        return typeName(item->node->type);
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

} // namespace redscope
