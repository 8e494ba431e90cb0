// KeyTree: the namespace tree over a KeyStore for one separator ("user:42:name" sits in
// namespace "user" > "42" when the separator is ':'; an empty separator gives a flat list).
// Plain structs, no QObject per node: a namespace is a Node with vectors of child namespace
// ids and key ids; a key costs one KeyId in its namespace's vector and nothing else. A node's
// name is not stored: it is the first nameLength bytes of one of its keys (sampleKey); only
// its label's first 8 bytes are kept inline. Child namespaces are found through one IdTable
// keyed by (parent, segment), checked against those bytes (the store is read for longer labels).
// Children appear in arrival order; sortOrder() computes sorted vectors in natural order
// (naturalLess: "2" before "10"; it compares precomputed 64-bit naturalSortPrefix() values
// first; still O(n log n): run it off the GUI thread) and applySortOrder() swaps them in
// cheaply if nothing changed since.
#pragma once

#include "keys/key_store.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <span>
#include <unordered_set>
#include <vector>

namespace redscope {

bool naturalLess(QByteArrayView a, QByteArrayView b);
// A 64-bit summary of a name that orders like naturalLess without deciding ties:
// naturalLess(a, b) implies naturalSortPrefix(a) <= naturalSortPrefix(b).
quint64 naturalSortPrefix(QByteArrayView name);

class KeyTree
{
public:
    using KeyId = KeyStore::KeyId;
    using NodeId = quint32;
    static constexpr NodeId kRoot = 0;

    struct Node
    {
        KeyId sampleKey = 0;     // a key in this subtree; its first nameLength bytes name us
        quint32 nameLength = 0;  // length of the full name ("a:b"); 0 for the root
        quint32 childPrefix = 0; // bytes of a child's name that repeat ours, separator too
        NodeId parent = kRoot;
        quint32 rowInParent = 0; // index in the parent's children
        quint32 keyCount = 0;    // keys in this subtree
        bool attached = true;    // false once pruned because it became empty
        quint64 labelHead = 0;   // the label's first 8 bytes, zero-padded: what look-ups
                                 // compare (they read the store only for longer labels)
        std::vector<NodeId> children;
        std::vector<KeyId> keys;
    };

    struct SortOrder
    {
        quint64 generation = 0;
        std::vector<std::vector<NodeId>> children; // per node
        std::vector<std::vector<KeyId>> keys;      // per node
    };

    explicit KeyTree(const QByteArray &separator = QByteArrayLiteral(":"));
    // Indexes the keys of `store` again under another separator (same KeyIds).
    KeyTree(std::shared_ptr<KeyStore> store, const QByteArray &separator,
            const std::unordered_set<KeyId> &removed);
    KeyTree(const KeyTree &) = delete;
    KeyTree &operator=(const KeyTree &) = delete;

    const QByteArray &separator() const { return m_separator; }
    const std::shared_ptr<KeyStore> &store() const { return m_store; }
    const std::unordered_set<KeyId> &removedKeys() const { return m_removed; }
    quint64 generation() const { return m_generation; }

    // Adds names not in the tree yet; returns how many were new.
    int addKeys(std::span<const QByteArray> names);
    int addKeys(const QList<QByteArray> &names)
    {
        return addKeys(std::span(names.constData(), size_t(names.size())));
    }
    bool addKey(QByteArrayView name);
    // Takes a key out of its namespace and the counts; namespaces left empty stay until
    // pruneNamespace(). Returns false if the key is not in the tree.
    bool removeKey(QByteArrayView name);
    // Detaches an empty namespace from its parent (siblings after it move up one row).
    void pruneNamespace(NodeId id);

    size_t keyCount() const { return size_t(m_nodes[kRoot].keyCount); }
    size_t nodeCount() const { return m_nodes.size(); }
    const Node &node(NodeId id) const { return m_nodes[id]; }
    QByteArrayView keyName(KeyId id) const { return m_store->name(id); }
    QByteArrayView nodeName(NodeId id) const;                // full name, "a:b"
    QByteArrayView nodeLabel(NodeId id) const;               // last segment, "b"
    QByteArrayView keyLabel(NodeId parent, KeyId key) const; // the name after parent's prefix
    // Namespaces from the root to the one a key of this name belongs in (missing ones stop
    // the path early). The last element is the key's namespace when the key exists.
    std::vector<NodeId> namespacePath(QByteArrayView name) const;
    bool contains(QByteArrayView name) const;
    size_t memoryBytes() const; // tree only, not the shared store

    SortOrder sortOrder() const;
    bool applySortOrder(SortOrder &order); // false (nothing changed) if the tree changed since

private:
    NodeId findChild(NodeId parent, QByteArrayView segment) const;
    NodeId addChild(NodeId parent, KeyId sample, quint32 nameLength);
    bool addKey(QByteArrayView name, quint32 hash);
    void place(KeyId id, QByteArrayView name);

    QByteArray m_separator;
    std::shared_ptr<KeyStore> m_store;
    std::vector<Node> m_nodes;
    Internal::IdTable m_children;        // (parent, segment) -> node
    std::unordered_set<KeyId> m_removed; // in the store but deleted from the tree
    quint64 m_generation = 0;
};

} // namespace redscope
