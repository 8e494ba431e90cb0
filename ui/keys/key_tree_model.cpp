// KeyTreeModel: every look at the tree holds KeyIndex's lock for reading, and no signal is
// emitted while holding it (a view reacting to a signal reads the model again). Published
// counts live here, on the GUI thread, so rowCount() needs no lock at all.
#include "keys/key_tree_model.h"

#include "keys/key_index.h"

#include <QApplication>
#include <QLocale>
#include <QReadLocker>
#include <QStyle>
#include <QWriteLocker>

#include <algorithm>

namespace redscope {

KeyTreeModel::KeyTreeModel(KeyIndex *index, RedisConnection *connection, QObject *parent)
    : QAbstractItemModel(parent)
    , m_index(index)
    , m_meta(new KeyMetaFetcher(connection, this))
{
    if (QApplication::style()) {
        m_folderIcon = QApplication::style()->standardIcon(QStyle::SP_DirIcon);
        m_keyIcon = QApplication::style()->standardIcon(QStyle::SP_FileIcon);
    }
    connect(m_meta, &KeyMetaFetcher::answered, this, [this] {
        keyColumnsChanged(TypeColumn, MemoryColumn, {Qt::DisplayRole, MemoryBytesRole});
    });
    // TTLs count down on screen: the views repaint the TTL cells they show, once a second.
    connect(m_meta, &KeyMetaFetcher::ticked, this,
            [this] { keyColumnsChanged(TtlColumn, TtlColumn, {Qt::DisplayRole}); });
    connect(index, &KeyIndex::keysAdded, this, &KeyTreeModel::publishAll);
    connect(index, &KeyIndex::aboutToReplace, this, &KeyTreeModel::onAboutToReplace);
    connect(index, &KeyIndex::replaced, this, &KeyTreeModel::onReplaced);
    connect(index, &KeyIndex::aboutToReorder, this, &KeyTreeModel::onAboutToReorder);
    connect(index, &KeyIndex::reordered, this, &KeyTreeModel::onReordered);
    fetchMore({}); // the root is always fetched
}

KeyTreeModel::~KeyTreeModel() = default;

KeyTreeModel::Published &KeyTreeModel::published(KeyTree::NodeId node) const
{
    if (node >= m_published.size()) m_published.resize(size_t(node) + 1);
    return m_published[node];
}

KeyTree::NodeId KeyTreeModel::nodeOf(const QModelIndex &parent) const
{
    if (!parent.isValid()) return KeyTree::kRoot;
    const auto owner = KeyTree::NodeId(parent.internalId());
    QReadLocker locker(m_index->lock());
    return m_index->tree().node(owner).children[size_t(parent.row())];
}

QModelIndex KeyTreeModel::indexOfNode(KeyTree::NodeId node) const
{
    if (node == KeyTree::kRoot) return {};
    QReadLocker locker(m_index->lock());
    const KeyTree::Node &n = m_index->tree().node(node);
    return createIndex(int(n.rowInParent), 0, quintptr(n.parent));
}

KeyTreeModel::RowKind KeyTreeModel::kind(const QModelIndex &index) const
{
    const Published &pub = published(KeyTree::NodeId(index.internalId()));
    if (index.row() < int(pub.namespaces)) return RowKind::Namespace;
    if (index.row() < int(pub.namespaces + pub.keys)) return RowKind::Key;
    return RowKind::LoadMore;
}

QModelIndex KeyTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount) return {};
    if (parent.isValid() && (parent.column() != 0 || kind(parent) != RowKind::Namespace)) return {};
    const KeyTree::NodeId node = nodeOf(parent);
    if (row >= published(node).rows()) return {};
    return createIndex(row, column, quintptr(node));
}

QModelIndex KeyTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) return {};
    return indexOfNode(KeyTree::NodeId(child.internalId()));
}

int KeyTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && (parent.column() != 0 || kind(parent) != RowKind::Namespace)) return 0;
    return published(nodeOf(parent)).rows();
}

int KeyTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool KeyTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && (parent.column() != 0 || kind(parent) != RowKind::Namespace))
        return false;
    const KeyTree::NodeId node = nodeOf(parent);
    if (published(node).rows() > 0) return true;
    QReadLocker locker(m_index->lock());
    const KeyTree::Node &n = m_index->tree().node(node);
    return !n.children.empty() || !n.keys.empty();
}

// fetchMore() only opens a namespace with its first page. QTreeView calls it again after
// every insertion under an expanded item, which would page through a million children on its
// own; further pages come from loadMore(), which the key browser calls when the "more" row
// scrolls into view (or is clicked).
bool KeyTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() && (parent.column() != 0 || kind(parent) != RowKind::Namespace))
        return false;
    const KeyTree::NodeId node = nodeOf(parent);
    if (published(node).fetched) return false;
    QReadLocker locker(m_index->lock());
    const KeyTree::Node &n = m_index->tree().node(node);
    return !n.children.empty() || !n.keys.empty();
}

void KeyTreeModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() && (parent.column() != 0 || kind(parent) != RowKind::Namespace)) return;
    const KeyTree::NodeId node = nodeOf(parent);
    Published &pub = published(node);
    if (pub.fetched) return;
    pub.fetched = true;
    m_fetchedNodes.push_back(node);
    pub.allowance = kPageSize;
    publish(node);
}

void KeyTreeModel::loadMore(const QModelIndex &parent)
{
    if (parent.isValid() && (parent.column() != 0 || kind(parent) != RowKind::Namespace)) return;
    const KeyTree::NodeId node = nodeOf(parent);
    Published &pub = published(node);
    if (!pub.fetched) {
        fetchMore(parent);
        return;
    }
    pub.allowance = std::max(pub.allowance, pub.namespaces + pub.keys) + kPageSize;
    publish(node);
}

// Views (and QAbstractItemModelTester) may call fetchMore() from inside a rowsInserted
// handler; such nested requests are queued and published after the current one.
void KeyTreeModel::publish(KeyTree::NodeId node)
{
    m_dirtyNodes.push_back(node);
    if (m_publishing || m_holdPublishing) return;
    m_publishing = true;
    while (!m_dirtyNodes.empty()) {
        const KeyTree::NodeId next = m_dirtyNodes.front();
        m_dirtyNodes.erase(m_dirtyNodes.begin());
        publishOne(next);
    }
    m_publishing = false;
}

void KeyTreeModel::publishOne(KeyTree::NodeId node)
{
    size_t nsTotal = 0;
    size_t keyTotal = 0;
    {
        QReadLocker locker(m_index->lock());
        const KeyTree::Node &n = m_index->tree().node(node);
        nsTotal = n.children.size();
        keyTotal = n.keys.size();
    }
    Published &pub = published(node); // a deque entry: stays put while views react
    const QModelIndex parentIndex = indexOfNode(node);
    const auto room = [&pub] {
        const quint32 shown = pub.namespaces + pub.keys;
        return pub.allowance > shown ? pub.allowance - shown : 0u;
    };

    const auto newNs = quint32(std::min<size_t>(nsTotal, pub.namespaces + size_t(room())));
    if (newNs > pub.namespaces) {
        beginInsertRows(parentIndex, int(pub.namespaces), int(newNs) - 1);
        pub.namespaces = newNs;
        endInsertRows();
    }
    const auto newKeys = quint32(std::min<size_t>(keyTotal, pub.keys + size_t(room())));
    if (newKeys > pub.keys) {
        const int first = int(pub.namespaces + pub.keys);
        beginInsertRows(parentIndex, first, first + int(newKeys - pub.keys) - 1);
        pub.keys = newKeys;
        endInsertRows();
    }
    const quint32 shown = pub.namespaces + pub.keys;
    const bool more = shown < nsTotal + keyTotal;
    if (more && !pub.moreRow) {
        beginInsertRows(parentIndex, int(shown), int(shown));
        pub.moreRow = true;
        endInsertRows();
    } else if (!more && pub.moreRow) {
        beginRemoveRows(parentIndex, int(shown), int(shown));
        pub.moreRow = false;
        endRemoveRows();
    } else if (more) {
        const QModelIndex moreIndex = index(int(shown), 0, parentIndex);
        emit dataChanged(moreIndex, moreIndex, {Qt::DisplayRole});
    }
}

bool KeyTreeModel::reachable(KeyTree::NodeId node) const
{
    while (node != KeyTree::kRoot) {
        KeyTree::NodeId parent = 0;
        quint32 row = 0;
        {
            QReadLocker locker(m_index->lock());
            const KeyTree::Node &n = m_index->tree().node(node);
            if (!n.attached) return false;
            parent = n.parent;
            row = n.rowInParent;
        }
        const Published &pub = published(parent);
        if (!pub.fetched || row >= pub.namespaces) return false;
        node = parent;
    }
    return true;
}

void KeyTreeModel::unfetch(KeyTree::NodeId node)
{
    published(node) = Published{};
    m_fetchedNodes.erase(std::remove(m_fetchedNodes.begin(), m_fetchedNodes.end(), node),
                         m_fetchedNodes.end());
}

void KeyTreeModel::publishAll()
{
    const std::vector<KeyTree::NodeId> nodes = m_fetchedNodes;
    for (KeyTree::NodeId node : nodes) {
        if (!reachable(node)) continue;
        publish(node);
        const Published &pub = published(node);
        if (pub.namespaces > 0) { // their key counts grew
            const QModelIndex parentIndex = indexOfNode(node);
            emit dataChanged(index(0, KeyColumn, parentIndex),
                             index(int(pub.namespaces) - 1, KeyColumn, parentIndex),
                             {Qt::DisplayRole, KeyCountRole});
        }
    }
}

void KeyTreeModel::onAboutToReplace()
{
    m_holdPublishing = true;
    beginResetModel();
}

void KeyTreeModel::onReplaced()
{
    m_published.clear();
    m_fetchedNodes.clear();
    m_dirtyNodes.clear();
    m_meta->clear();
    Published &root = published(KeyTree::kRoot);
    root.fetched = true;
    root.allowance = kPageSize;
    m_fetchedNodes.push_back(KeyTree::kRoot);
    endResetModel();
    m_holdPublishing = false;
    publish(KeyTree::kRoot);
}

void KeyTreeModel::onAboutToReorder()
{
    m_holdPublishing = true;
    emit layoutAboutToBeChanged();
    m_anchorIndexes = persistentIndexList();
    m_anchors.clear();
    m_anchors.reserve(size_t(m_anchorIndexes.size()));
    QReadLocker locker(m_index->lock());
    const KeyTree &tree = m_index->tree();
    for (const QModelIndex &index : std::as_const(m_anchorIndexes)) {
        const auto parent = KeyTree::NodeId(index.internalId());
        const Published &pub = published(parent);
        Anchor anchor{parent, false, 0xffffffffu, index.column()};
        if (index.row() < int(pub.namespaces)) {
            anchor.id = tree.node(parent).children[size_t(index.row())];
        } else if (index.row() < int(pub.namespaces + pub.keys)) {
            anchor.isKey = true;
            anchor.id = tree.node(parent).keys[size_t(index.row()) - pub.namespaces];
        }
        m_anchors.push_back(anchor);
    }
}

void KeyTreeModel::onReordered(bool)
{
    QModelIndexList newIndexes;
    newIndexes.reserve(m_anchorIndexes.size());
    std::vector<KeyTree::NodeId> lost;
    for (KeyTree::NodeId node : m_fetchedNodes) {
        if (!reachable(node)) lost.push_back(node);
    }
    for (size_t i = 0; i < m_anchors.size(); ++i) {
        const Anchor &anchor = m_anchors[i];
        const Published &pub = published(anchor.parent);
        int row = -1;
        if (reachable(anchor.parent)) {
            QReadLocker locker(m_index->lock());
            const KeyTree::Node &parent = m_index->tree().node(anchor.parent);
            if (anchor.id == 0xffffffffu) {
                if (pub.moreRow) row = int(pub.namespaces + pub.keys);
            } else if (anchor.isKey) {
                const auto end = parent.keys.begin() + pub.keys;
                const auto it = std::find(parent.keys.begin(), end, anchor.id);
                if (it != end) row = int(pub.namespaces) + int(it - parent.keys.begin());
            } else {
                const KeyTree::Node &node = m_index->tree().node(anchor.id);
                if (node.attached && node.parent == anchor.parent &&
                    node.rowInParent < pub.namespaces)
                    row = int(node.rowInParent);
            }
        }
        newIndexes.append(row < 0 ? QModelIndex()
                                  : createIndex(row, anchor.column, quintptr(anchor.parent)));
    }
    changePersistentIndexList(m_anchorIndexes, newIndexes);
    for (KeyTree::NodeId node : lost)
        unfetch(node);
    m_anchorIndexes.clear();
    m_anchors.clear();
    emit layoutChanged();
    m_holdPublishing = false;
    if (!m_dirtyNodes.empty()) publish(m_dirtyNodes.front());
}

QVariant KeyTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) return {};
    const auto parent = KeyTree::NodeId(index.internalId());
    const Published &pub = published(parent);
    if (role == KindRole) return int(kind(index));

    if (index.row() >= int(pub.namespaces + pub.keys)) { // the "load more" row
        if (index.column() != KeyColumn) return {};
        if (role == Qt::DisplayRole) return tr("Loading more…");
        if (role == Qt::ToolTipRole) {
            size_t total = 0;
            {
                QReadLocker locker(m_index->lock());
                const KeyTree::Node &n = m_index->tree().node(parent);
                total = n.children.size() + n.keys.size();
            }
            const size_t hidden = total - std::min<size_t>(total, pub.namespaces + pub.keys);
            return tr("%1 more not shown; loads %2 at a time")
                .arg(QLocale().toString(qulonglong(hidden)), QLocale().toString(kPageSize));
        }
        if (role == Qt::ForegroundRole) return QApplication::palette().color(QPalette::Link);
        return {};
    }

    if (index.row() < int(pub.namespaces)) {
        QReadLocker locker(m_index->lock());
        const KeyTree &tree = m_index->tree();
        const KeyTree::NodeId node = tree.node(parent).children[size_t(index.row())];
        const quint32 count = tree.node(node).keyCount;
        switch (role) {
        case Qt::DisplayRole:
            if (index.column() == KeyColumn) {
                return QStringLiteral("%1 (%2)").arg(QString::fromUtf8(tree.nodeLabel(node)),
                                                     QLocale().toString(count));
            }
            return {};
        case Qt::ToolTipRole:
            return tr("%1: %2 keys")
                .arg(QString::fromUtf8(tree.nodeName(node)), QLocale().toString(count));
        case Qt::DecorationRole:
            return index.column() == KeyColumn ? QVariant(m_folderIcon) : QVariant();
        case FullNameRole:
            return tree.nodeName(node).toByteArray();
        case KeyCountRole:
            return quint64(count);
        default:
            return {};
        }
    }

    KeyTree::KeyId key = 0;
    {
        QReadLocker locker(m_index->lock());
        key = m_index->tree().node(parent).keys[size_t(index.row()) - pub.namespaces];
    }
    return keyData(parent, key, index, role);
}

QVariant KeyTreeModel::keyData(KeyTree::NodeId parent, KeyTree::KeyId key, const QModelIndex &index,
                               int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == KeyColumn) {
            QReadLocker locker(m_index->lock());
            return QString::fromUtf8(m_index->tree().keyLabel(parent, key));
        }
        if (index.column() == NodeColumn) {
            if (!m_meta->service().cluster()) return {};
            QByteArray name;
            {
                QReadLocker locker(m_index->lock());
                name = m_index->tree().keyName(key).toByteArray();
            }
            return m_meta->service().nodeForKey(name);
        }
        if (const KeyMeta *meta = m_meta->cached(key)) {
            switch (index.column()) {
            case TypeColumn:
                return meta->typeName;
            case TtlColumn:
                return formatTtl(meta->ttl().remainingMs());
            default:
                if (meta->memory == KeyMeta::kMemoryUnavailable || m_meta->memoryUnavailable())
                    return tr("n/a");
                if (meta->memory < 0) return {};
                return QLocale().formattedDataSize(meta->memory, 1,
                                                   QLocale::DataSizeTraditionalFormat);
            }
        }
        if (!m_meta->isPending(key)) {
            QByteArray name;
            {
                QReadLocker locker(m_index->lock());
                name = m_index->tree().keyName(key).toByteArray();
            }
            m_meta->want(key, name);
        }
        return {};
    case MemoryBytesRole:
        if (const KeyMeta *meta = m_meta->cached(key))
            return meta->memory >= 0 ? meta->memory : qint64(-1);
        return qint64(-1);
    case Qt::TextAlignmentRole:
        if (index.column() == MemoryColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
    case FullNameRole: {
        QReadLocker locker(m_index->lock());
        const QByteArray name = m_index->tree().keyName(key).toByteArray();
        if (role == FullNameRole) return name;
        return QString::fromUtf8(name);
    }
    case Qt::DecorationRole:
        return index.column() == KeyColumn ? QVariant(m_keyIcon) : QVariant();
    default:
        return {};
    }
}

QVariant KeyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case TypeColumn:
        return tr("Type");
    case TtlColumn:
        return tr("TTL");
    case MemoryColumn:
        return tr("Memory");
    case NodeColumn:
        return tr("Node");
    default:
        return {};
    }
}

Qt::ItemFlags KeyTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (kind(index) != RowKind::Namespace) result |= Qt::ItemNeverHasChildren;
    return result;
}

QByteArray KeyTreeModel::keyName(const QModelIndex &index) const
{
    if (!index.isValid() || kind(index) != RowKind::Key) return {};
    return data(index, FullNameRole).toByteArray();
}

quint64 KeyTreeModel::keyCount() const
{
    QReadLocker locker(m_index->lock());
    return m_index->tree().keyCount();
}

QModelIndex KeyTreeModel::findKey(const QByteArray &name)
{
    std::vector<KeyTree::NodeId> path;
    {
        QReadLocker locker(m_index->lock());
        if (!m_index->tree().contains(name)) return {};
        path = m_index->tree().namespacePath(name);
    }
    // Publish each namespace on the way, then the key's row.
    for (size_t i = 0; i < path.size(); ++i) {
        const KeyTree::NodeId node = path[i];
        Published &pub = published(node);
        if (!pub.fetched) fetchMore(indexOfNode(node));
        size_t needed = 0;
        {
            QReadLocker locker(m_index->lock());
            const KeyTree &tree = m_index->tree();
            const KeyTree::Node &n = tree.node(node);
            if (i + 1 < path.size()) {
                needed = tree.node(path[i + 1]).rowInParent + 1;
            } else {
                const std::optional<KeyTree::KeyId> id = tree.store()->find(name);
                const auto it = std::find(n.keys.begin(), n.keys.end(), *id);
                needed = n.children.size() + size_t(it - n.keys.begin()) + 1;
            }
        }
        if (needed > pub.allowance) {
            pub.allowance = quint32(needed);
            publish(node);
        }
    }
    const KeyTree::NodeId home = path.back();
    const Published &pub = published(home);
    QReadLocker locker(m_index->lock());
    const KeyTree &tree = m_index->tree();
    const std::optional<KeyTree::KeyId> id = tree.store()->find(name);
    const KeyTree::Node &n = tree.node(home);
    const auto end = n.keys.begin() + pub.keys;
    const auto it = std::find(n.keys.begin(), end, *id);
    if (it == end) return {};
    return createIndex(int(pub.namespaces) + int(it - n.keys.begin()), 0, quintptr(home));
}

bool KeyTreeModel::removeKey(const QByteArray &name)
{
    std::vector<KeyTree::NodeId> path;
    size_t position = 0;
    {
        QReadLocker locker(m_index->lock());
        const KeyTree &tree = m_index->tree();
        if (!tree.contains(name)) return false;
        path = tree.namespacePath(name);
        const KeyTree::Node &home = tree.node(path.back());
        const KeyTree::KeyId id = *tree.store()->find(name);
        position = size_t(std::find(home.keys.begin(), home.keys.end(), id) - home.keys.begin());
    }
    const KeyTree::NodeId home = path.back();
    Published &pub = published(home);
    const bool shown = pub.fetched && reachable(home) && position < pub.keys;
    if (shown) {
        const int row = int(pub.namespaces + position);
        beginRemoveRows(indexOfNode(home), row, row);
    }
    {
        QWriteLocker locker(m_index->lock());
        m_index->mutableTree().removeKey(name);
    }
    if (shown) {
        --pub.keys;
        endRemoveRows();
    }
    // Namespaces left empty go too, deepest first.
    for (size_t i = path.size() - 1; i > 0; --i) {
        const KeyTree::NodeId node = path[i];
        KeyTree::NodeId parent = 0;
        quint32 row = 0;
        {
            QReadLocker locker(m_index->lock());
            const KeyTree::Node &n = m_index->tree().node(node);
            if (n.keyCount > 0) break;
            parent = n.parent;
            row = n.rowInParent;
        }
        Published &parentPub = published(parent);
        const bool nsShown = parentPub.fetched && reachable(parent) && row < parentPub.namespaces;
        if (nsShown) beginRemoveRows(indexOfNode(parent), int(row), int(row));
        {
            QWriteLocker locker(m_index->lock());
            m_index->mutableTree().pruneNamespace(node);
        }
        if (nsShown) {
            --parentPub.namespaces;
            endRemoveRows();
        }
        unfetch(node);
    }
    publishAll();
    return true;
}

void KeyTreeModel::addKey(const QByteArray &name)
{
    bool added = false;
    {
        QWriteLocker locker(m_index->lock());
        added = m_index->mutableTree().addKey(name);
    }
    if (added) publishAll();
}

void KeyTreeModel::applyChanges(const QList<QByteArray> &present, const QList<QByteArray> &removed)
{
    for (const QByteArray &name : removed)
        removeKey(name);
    bool added = false;
    {
        QWriteLocker locker(m_index->lock());
        KeyTree &tree = m_index->mutableTree();
        for (const QByteArray &name : present) {
            if (tree.addKey(name)) {
                added = true;
            } else if (const std::optional<KeyTree::KeyId> id = tree.store()->find(name)) {
                m_meta->forget(*id);
            }
        }
    }
    if (added) publishAll();
    // Cached metadata of the shown keys may be stale: views ask again for the rows on screen.
    keyColumnsChanged(TypeColumn, MemoryColumn, {});
}

void KeyTreeModel::forgetMetadata(const QByteArray &name)
{
    std::optional<KeyTree::KeyId> id;
    {
        QReadLocker locker(m_index->lock());
        id = m_index->tree().store()->find(name);
    }
    if (!id) return;
    m_meta->forget(*id);
    const QModelIndex found = findKey(name);
    if (found.isValid())
        emit dataChanged(found.siblingAtColumn(TypeColumn), found.siblingAtColumn(MemoryColumn));
}

// ---- lazy TYPE / TTL / MEMORY USAGE (KeyMetaFetcher asks, this model displays) ---------

// One dataChanged per fetched namespace with key rows: views repaint only what they show.
void KeyTreeModel::keyColumnsChanged(int first, int last, const QList<int> &roles)
{
    for (KeyTree::NodeId node : m_fetchedNodes) {
        const Published &pub = published(node);
        if (pub.keys == 0 || !reachable(node)) continue;
        const QModelIndex parentIndex = indexOfNode(node);
        emit dataChanged(index(int(pub.namespaces), first, parentIndex),
                         index(int(pub.namespaces + pub.keys) - 1, last, parentIndex), roles);
    }
}

} // namespace redscope
