// KeyTreeModel: a thin QAbstractItemModel over KeyIndex's tree. Rows of a namespace are its
// child namespaces, then its keys, then (while some are not shown yet) one "load more" row.
// Children are published lazily, a page at a time: a namespace shows nothing until the view
// fetches it (canFetchMore/fetchMore on expand), then up to kPageSize rows; more come with
// loadMore(), which the key browser calls as the "more" row scrolls into view. While a scan runs,
// new keys flow into the rows of fetched namespaces up to their page allowance.
//
// An index's internal id is its parent namespace's NodeId; a namespace row's own node is
// parent.children[row], a key row's KeyId is parent.keys[row - shown namespaces]. Type, TTL
// and memory come from a KeyMetaFetcher (app/keys), which batches and throttles the requests
// for the rows the view paints and caches the answers; this model only displays them, with
// TTLs counting down (the fetcher ticks once a second while some key expires). A server
// without MEMORY USAGE (or an ACL that forbids it) shows "n/a" and is not asked again.
#pragma once

#include "keys/key_meta_fetcher.h"
#include "keys/key_tree.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace redscope {

class KeyIndex;
class RedisConnection;

class KeyTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    // NodeColumn: the cluster node that holds the key (its slot's master); empty otherwise.
    enum Column { KeyColumn, TypeColumn, TtlColumn, MemoryColumn, NodeColumn, ColumnCount };
    enum class RowKind { Namespace, Key, LoadMore };
    enum Role {
        KindRole = Qt::UserRole + 1, // RowKind as int
        FullNameRole,                // QByteArray: the key's or namespace's full name
        KeyCountRole,                // quint64: keys in a namespace's subtree
        MemoryBytesRole,             // qint64: MEMORY USAGE of a key, -1 while unknown
    };
    static constexpr int kPageSize = 1000;

    // connection may be null: then Type and TTL stay empty.
    explicit KeyTreeModel(KeyIndex *index, RedisConnection *connection = nullptr,
                          QObject *parent = nullptr);
    ~KeyTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Shows the next kPageSize rows of a namespace (what the "load more" row does).
    void loadMore(const QModelIndex &parent);

    RowKind kind(const QModelIndex &index) const;
    QByteArray keyName(const QModelIndex &index) const; // empty unless a key row
    quint64 keyCount() const;                           // keys in the whole tree

    // Publishes rows down to the key if it is in the tree; an invalid index otherwise.
    QModelIndex findKey(const QByteArray &name);
    // Edits that the value panel made on the server, mirrored without a rescan.
    bool removeKey(const QByteArray &name);
    void addKey(const QByteArray &name);
    void forgetMetadata(const QByteArray &name); // TYPE/TTL are fetched again when shown
    // Live updates (keyspace notifications): keys that now exist are added if new and their
    // TYPE/TTL/Memory fetched again when shown; removed keys leave the tree. One publish for
    // the whole batch.
    void applyChanges(const QList<QByteArray> &present, const QList<QByteArray> &removed);

private:
    struct Published
    {
        bool fetched = false;
        quint32 allowance = 0; // rows (namespaces + keys) this node may show
        quint32 namespaces = 0;
        quint32 keys = 0;
        bool moreRow = false;
        int rows() const { return int(namespaces + keys + (moreRow ? 1 : 0)); }
    };

    KeyTree::NodeId nodeOf(const QModelIndex &parent) const; // a namespace row or the root
    QModelIndex indexOfNode(KeyTree::NodeId node) const;
    Published &published(KeyTree::NodeId node) const;
    void publish(KeyTree::NodeId node);
    void publishOne(KeyTree::NodeId node);
    void publishAll();
    bool reachable(KeyTree::NodeId node) const;
    void unfetch(KeyTree::NodeId node);
    void onAboutToReplace();
    void onReplaced();
    void onAboutToReorder();
    void onReordered(bool changed);
    void keyColumnsChanged(int first, int last, const QList<int> &roles);
    QVariant keyData(KeyTree::NodeId parent, KeyTree::KeyId key, const QModelIndex &index,
                     int role) const;

    KeyIndex *m_index;
    mutable std::deque<Published> m_published; // per NodeId; grows without moving entries
    std::vector<KeyTree::NodeId> m_fetchedNodes;
    std::vector<KeyTree::NodeId> m_dirtyNodes; // waiting for publishOne()
    bool m_publishing = false;
    bool m_holdPublishing = false; // inside a reset or a layout change
    QIcon m_folderIcon;
    QIcon m_keyIcon;

    KeyMetaFetcher *m_meta; // lazy TYPE/TTL/memory, throttled and cached; TTL ticks

    // Reordering: what persistent indexes pointed at, captured before the sort applies.
    struct Anchor
    {
        KeyTree::NodeId parent;
        bool isKey;
        quint32 id; // NodeId or KeyId
        int column;
    };
    QModelIndexList m_anchorIndexes;
    std::vector<Anchor> m_anchors;
};

} // namespace redscope
