// KeyTree: placing a key walks its separator-delimited segments, creating namespaces on the
// way (one IdTable probe per segment), and bumps keyCount along the path. O(length) per key.
#include "key_tree.h"

#include <algorithm>
#include <cstring>

namespace redscope {

// Natural order: runs of digits compare by value ("user:2" < "user:10"), everything else by
// byte; equal numbers with more leading zeros sort after ("7" < "07"). A strict weak order,
// as std::sort needs.
bool naturalLess(QByteArrayView a, QByteArrayView b)
{
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        if (digit(a[i]) && digit(b[j])) {
            qsizetype ia = i;
            qsizetype jb = j;
            while (ia < a.size() && a[ia] == '0') ++ia;
            while (jb < b.size() && b[jb] == '0') ++jb;
            qsizetype ie = ia;
            qsizetype je = jb;
            while (ie < a.size() && digit(a[ie])) ++ie;
            while (je < b.size() && digit(b[je])) ++je;
            if (ie - ia != je - jb) return ie - ia < je - jb;
            const int order = std::memcmp(a.data() + ia, b.data() + jb, size_t(ie - ia));
            if (order != 0) return order < 0;
            if (ie - i != je - j) return ie - i < je - j;
            i = ie;
            j = je;
            continue;
        }
        if (a[i] != b[j]) return quint8(a[i]) < quint8(b[j]);
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

static quint32 childHash(KeyTree::NodeId parent, QByteArrayView segment)
{
    return Internal::hashBytes(segment) ^ (parent * 0x9e3779b1u);
}

KeyTree::KeyTree(const QByteArray &separator)
    : m_separator(separator)
    , m_store(std::make_shared<KeyStore>())
{
    m_nodes.emplace_back(); // the root
}

KeyTree::KeyTree(std::shared_ptr<KeyStore> store, const QByteArray &separator,
                 const std::unordered_set<KeyId> &removed)
    : m_separator(separator)
    , m_store(std::move(store))
    , m_removed(removed)
{
    m_nodes.emplace_back();
    const size_t count = m_store->size();
    for (KeyId id = 0; id < count; ++id) {
        if (!m_removed.count(id)) place(id, m_store->name(id));
    }
}

int KeyTree::addKeys(const QList<QByteArray> &names)
{
    int added = 0;
    for (const QByteArray &name : names) {
        if (addKey(name)) ++added;
    }
    return added;
}

bool KeyTree::addKey(QByteArrayView name)
{
    const auto [id, isNew] = m_store->insert(name);
    if (!isNew) {
        if (m_removed.erase(id) == 0) return false; // already in the tree
    }
    place(id, m_store->name(id));
    return true;
}

void KeyTree::place(KeyId id, QByteArrayView name)
{
    ++m_generation;
    NodeId current = kRoot;
    ++m_nodes[kRoot].keyCount;
    const qsizetype sepLength = m_separator.size();
    if (sepLength > 0) {
        qsizetype start = 0;
        while (true) {
            const qsizetype end = name.indexOf(QByteArrayView(m_separator), start);
            if (end < 0) break;
            const QByteArrayView segment = name.sliced(start, end - start);
            NodeId child = findChild(current, segment);
            if (child == Internal::IdTable::kEmpty) {
                child = addChild(current, id, quint32(end));
            } else if (!m_nodes[child].attached) {
                Node &parent = m_nodes[current];
                m_nodes[child].attached = true;
                m_nodes[child].sampleKey = id;
                m_nodes[child].rowInParent = quint32(parent.children.size());
                parent.children.push_back(child);
            }
            current = child;
            ++m_nodes[current].keyCount;
            start = end + sepLength;
        }
    }
    m_nodes[current].keys.push_back(id);
}

KeyTree::NodeId KeyTree::findChild(NodeId parent, QByteArrayView segment) const
{
    return m_children.find(childHash(parent, segment), [&](quint32 id) {
        return m_nodes[id].parent == parent && nodeLabel(id) == segment;
    });
}

KeyTree::NodeId KeyTree::addChild(NodeId parent, KeyId sample, quint32 nameLength)
{
    const NodeId id = NodeId(m_nodes.size());
    Node node;
    node.sampleKey = sample;
    node.nameLength = nameLength;
    node.childPrefix = nameLength + quint32(m_separator.size());
    node.parent = parent;
    node.rowInParent = quint32(m_nodes[parent].children.size());
    m_nodes.push_back(std::move(node));
    m_nodes[parent].children.push_back(id);
    m_children.insert(childHash(parent, nodeLabel(id)), id);
    return id;
}

bool KeyTree::removeKey(QByteArrayView name)
{
    const std::optional<KeyId> id = m_store->find(name);
    if (!id || m_removed.count(*id)) return false;
    const std::vector<NodeId> path = namespacePath(name);
    Node &home = m_nodes[path.back()];
    const auto it = std::find(home.keys.begin(), home.keys.end(), *id);
    if (it == home.keys.end()) return false;
    home.keys.erase(it);
    for (NodeId node : path) --m_nodes[node].keyCount;
    m_removed.insert(*id);
    ++m_generation;
    return true;
}

void KeyTree::pruneNamespace(NodeId id)
{
    Node &node = m_nodes[id];
    if (id == kRoot || !node.attached || node.keyCount > 0) return;
    Node &parent = m_nodes[node.parent];
    parent.children.erase(parent.children.begin() + node.rowInParent);
    for (size_t row = node.rowInParent; row < parent.children.size(); ++row)
        m_nodes[parent.children[row]].rowInParent = quint32(row);
    node.attached = false;
    node.children.clear();
    node.keys.clear();
    ++m_generation;
}

QByteArrayView KeyTree::nodeName(NodeId id) const
{
    const Node &node = m_nodes[id];
    return keyName(node.sampleKey).first(node.nameLength);
}

QByteArrayView KeyTree::nodeLabel(NodeId id) const
{
    const Node &node = m_nodes[id];
    const quint32 skip = m_nodes[node.parent].childPrefix;
    return keyName(node.sampleKey).sliced(skip, node.nameLength - skip);
}

QByteArrayView KeyTree::keyLabel(NodeId parent, KeyId key) const
{
    return keyName(key).sliced(m_nodes[parent].childPrefix);
}

std::vector<KeyTree::NodeId> KeyTree::namespacePath(QByteArrayView name) const
{
    std::vector<NodeId> path{kRoot};
    const qsizetype sepLength = m_separator.size();
    if (sepLength == 0) return path;
    qsizetype start = 0;
    while (true) {
        const qsizetype end = name.indexOf(QByteArrayView(m_separator), start);
        if (end < 0) break;
        const NodeId child = findChild(path.back(), name.sliced(start, end - start));
        if (child == Internal::IdTable::kEmpty || !m_nodes[child].attached) break;
        path.push_back(child);
        start = end + sepLength;
    }
    return path;
}

bool KeyTree::contains(QByteArrayView name) const
{
    const std::optional<KeyId> id = m_store->find(name);
    return id && !m_removed.count(*id);
}

size_t KeyTree::memoryBytes() const
{
    size_t total = m_nodes.capacity() * sizeof(Node) + m_children.memoryBytes();
    for (const Node &node : m_nodes)
        total += (node.children.capacity() + node.keys.capacity()) * sizeof(quint32);
    return total;
}

// Each name is decoded once per sort, not twice per comparison: the comparisons then read
// views into the store's blocks (stable: blocks are never moved or freed while the tree lives).
KeyTree::SortOrder KeyTree::sortOrder() const
{
    SortOrder order;
    order.generation = m_generation;
    order.children.resize(m_nodes.size());
    order.keys.resize(m_nodes.size());
    std::vector<std::pair<QByteArrayView, quint32>> named;
    const auto byName = [](const std::pair<QByteArrayView, quint32> &a,
                           const std::pair<QByteArrayView, quint32> &b) {
        return naturalLess(a.first, b.first);
    };
    for (NodeId id = 0; id < m_nodes.size(); ++id) {
        const Node &node = m_nodes[id];
        if (!node.attached) continue;
        named.clear();
        for (NodeId child : node.children) named.emplace_back(nodeLabel(child), child);
        std::sort(named.begin(), named.end(), byName);
        std::vector<NodeId> children;
        children.reserve(named.size());
        for (const auto &entry : named) children.push_back(entry.second);
        named.clear();
        const quint32 skip = node.childPrefix;
        for (KeyId key : node.keys) named.emplace_back(keyName(key).sliced(skip), key);
        std::sort(named.begin(), named.end(), byName);
        std::vector<KeyId> keys;
        keys.reserve(named.size());
        for (const auto &entry : named) keys.push_back(entry.second);
        order.children[id] = std::move(children);
        order.keys[id] = std::move(keys);
    }
    return order;
}

bool KeyTree::applySortOrder(SortOrder &order)
{
    if (order.generation != m_generation || order.children.size() != m_nodes.size())
        return false;
    for (NodeId id = 0; id < m_nodes.size(); ++id) {
        Node &node = m_nodes[id];
        if (!node.attached) continue;
        node.children.swap(order.children[id]);
        node.keys.swap(order.keys[id]);
        for (size_t row = 0; row < node.children.size(); ++row)
            m_nodes[node.children[row]].rowInParent = quint32(row);
    }
    return true;
}

} // namespace redscope
