// KeyTree: the namespace tree over a KeyStore for one separator ("user:42:name" sits in
// namespace "user" > "42" when the separator is ':'; an empty separator gives a flat list).
// Plain structs, no QObject per node: a namespace is a Node with vectors of child namespace
// ids and key ids (IdVector: two inline, so the many one-key namespaces allocate nothing); a
// key costs one KeyId in its namespace's list and nothing else. A node's
// name is not stored: it is the first nameLength bytes of one of its keys (sampleKey); only
// its label's first 8 bytes are kept inline. Child namespaces are found through one IdTable
// keyed by (parent, segment), checked against those bytes (the store is read for longer labels).
// Children appear in arrival order; sortOrder() computes sorted vectors in natural order
// (naturalLess: "2" before "10"; it compares precomputed 64-bit naturalSortPrefix() values
// first; still O(n log n): run it off the GUI thread) and applySortOrder() swaps them in
// cheaply if nothing changed since.
// Adding a slice of names comes in two steps for KeyIndex, whose GUI readers must not wait long:
// prepare() (const: under a read lock, while readers go on) hashes the names, looks them up in
// the store and walks their existing namespaces, taking the cache misses that are most of the
// cost, and grows the child table off-lock; addPrepared() (under the write lock) then only
// writes, mostly into cache lines prepare() just loaded. Nodes live in chunks that never move,
// so no write-lock hold copies the node array (32 MB at 10M keys) to grow it.
#pragma once

#include "keys/id_vector.h"
#include "keys/key_store.h"

#include <QByteArray>
#include <QList>

#include <memory>
#include <span>
#include <thread>
#include <unordered_set>
#include <vector>

namespace redscope {

namespace Internal {

// A growable array whose elements never move: chunks of 2^kChunkBits, only the small vector of
// chunk pointers is ever reallocated. Growing is then O(1) at any size (a std::vector of
// KeyTree's nodes copied 32 MB at 10M keys, under KeyIndex's write lock).
template <typename T, int kChunkBits = 12> class ChunkedArray
{
public:
    static constexpr size_t kChunk = size_t(1) << kChunkBits;

    T &operator[](size_t i) { return m_chunks[i >> kChunkBits][i & (kChunk - 1)]; }
    const T &operator[](size_t i) const { return m_chunks[i >> kChunkBits][i & (kChunk - 1)]; }
    size_t size() const { return m_size; }
    size_t capacity() const { return m_chunks.size() * kChunk; }
    T &emplace_back()
    {
        if (m_size == capacity()) m_chunks.push_back(std::make_unique<T[]>(kChunk));
        return (*this)[m_size++];
    }

private:
    std::vector<std::unique_ptr<T[]>> m_chunks;
    size_t m_size = 0;
};

} // namespace Internal

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
        quint64 labelHead = 0; // the label's first 8 bytes, zero-padded: what look-ups
                               // compare (they read the store only for longer labels)
        IdVector children;
        IdVector keys;
        KeyId sampleKey = 0;    // a key in this subtree; its first nameLength bytes name us
        quint32 nameLength = 0; // length of the full name ("a:b"); 0 for the root
        NodeId parent = kRoot;
        quint32 rowInParent = 0; // index in the parent's children
        quint32 keyCount = 0;    // keys in this subtree
        bool attached = true;    // false once pruned because it became empty
    };

    struct SortOrder
    {
        quint64 generation = 0;
        std::vector<IdVector> children; // per node
        std::vector<IdVector> keys;     // per node
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

    // A slice of names looked up against the tree as it is now (see the top of this file).
    struct Prepared
    {
        struct Key
        {
            quint32 hash = 0;
            quint32 pathEnd = 0;  // its existing namespaces: path[previous key's pathEnd, this)
            quint32 resumeAt = 0; // where in the name the first missing namespace starts
            bool known = false;   // the store had the name already
        };
        quint64 generation = 0; // of the tree when prepared: addPrepared() checks it
        std::vector<Key> keys;
        std::vector<NodeId> path;
        bool hasChildTable = false;
        Internal::IdTable childTable; // grown beforehand for the namespaces it may add
    };
    void prepare(std::span<const QByteArray> names, Prepared &out) const;
    // Adds names as addKeys() does, with what prepare() found if the tree did not change
    // since; `prepared` then holds the replaced child table, to be freed after unlocking.
    int addPrepared(std::span<const QByteArray> names, Prepared &prepared);

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

    // On two threads (this one and a helper) when the tree is big: after a scan, when the sort
    // runs, the server's core is free, and the sort is the whole wait between the scan's end
    // and a ready tree (~1 s at 10M keys on one thread).
    SortOrder sortOrder() const;
    bool applySortOrder(SortOrder &order); // false (nothing changed) if the tree changed since

private:
    // Bytes of a child's name that repeat this namespace's, separator included.
    quint32 childPrefix(NodeId id) const
    {
        return id == kRoot ? 0 : m_nodes[id].nameLength + quint32(m_separator.size());
    }
    void sortNodes(SortOrder &order, NodeId first, NodeId last) const;
    NodeId findChild(NodeId parent, QByteArrayView segment) const;
    NodeId addChild(NodeId parent, KeyId sample, quint32 nameLength);
    bool addKey(QByteArrayView name, quint32 hash);
    void place(KeyId id, QByteArrayView name) { placeFrom(id, name, {}, 0); }
    // Places a key whose existing namespaces down to `path` are known, the rest of its name
    // starting at `resumeAt`.
    void placeFrom(KeyId id, QByteArrayView name, std::span<const NodeId> path, qsizetype resumeAt);

    QByteArray m_separator;
    std::shared_ptr<KeyStore> m_store;
    Internal::ChunkedArray<Node> m_nodes;
    Internal::IdTable m_children;        // (parent, segment) -> node
    std::unordered_set<KeyId> m_removed; // in the store but deleted from the tree
    quint64 m_generation = 0;
};

} // namespace redscope
