// KeyTree: placing a key walks its separator-delimited segments, creating namespaces on the
// way (one IdTable probe per segment), and bumps keyCount along the path. O(length) per key.
#include "keys/key_tree.h"

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
            while (ia < a.size() && a[ia] == '0')
                ++ia;
            while (jb < b.size() && b[jb] == '0')
                ++jb;
            qsizetype ie = ia;
            qsizetype je = jb;
            while (ie < a.size() && digit(a[ie]))
                ++ie;
            while (je < b.size() && digit(b[je]))
                ++je;
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

// The first 8 bytes of a string that orders like naturalLess, packed big-endian: a byte
// outside a digit run is itself; a digit run is one byte '0' + its significant length (leading
// zeros dropped; any byte in '0'..'9' compares with a non-digit as a digit does), then its
// significant digits, then its count of leading zeros (the tie-break). A run of 9 or more
// significant digits ends the prefix at a '9' byte, which sorts after every shorter run, so
// the prefix never claims an order naturalLess does not have; ties are left to naturalLess.
quint64 naturalSortPrefix(QByteArrayView name)
{
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    quint64 prefix = 0;
    int filled = 0;
    const auto put = [&](quint8 byte) {
        if (filled == 8) return false;
        prefix |= quint64(byte) << (8 * (7 - filled++));
        return true;
    };
    qsizetype i = 0;
    while (i < name.size()) {
        if (!digit(name[i])) {
            if (!put(quint8(name[i++]))) break;
            continue;
        }
        qsizetype first = i;
        while (first < name.size() && name[first] == '0')
            ++first;
        qsizetype end = first;
        while (end < name.size() && digit(name[end]))
            ++end;
        const qsizetype significant = end - first;
        if (significant > 8) {
            put('9');
            break;
        }
        if (!put(quint8('0' + significant))) break;
        bool full = false;
        for (qsizetype d = first; d < end && !full; ++d)
            full = !put(quint8(name[d]));
        if (full || first - i > 255 || !put(quint8(first - i))) break;
        i = end;
    }
    return prefix;
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
    m_store->forEach([this](KeyId id, QByteArrayView name) {
        if (!m_removed.count(id)) place(id, name);
    });
}

// Hashes and prefetches a group of names' hash slots first, then inserts them: the slot loads,
// random over a table of millions, then overlap instead of stalling one insert after another.
int KeyTree::addKeys(std::span<const QByteArray> names)
{
    constexpr size_t kGroup = 32;
    quint32 hashes[kGroup];
    int added = 0;
    for (size_t start = 0; start < names.size(); start += kGroup) {
        const size_t count = std::min(kGroup, names.size() - start);
        for (size_t i = 0; i < count; ++i) {
            hashes[i] = KeyStore::hash(names[start + i]);
            m_store->prefetch(hashes[i]);
        }
        for (size_t i = 0; i < count; ++i) {
            if (addKey(names[start + i], hashes[i])) ++added;
        }
    }
    return added;
}

bool KeyTree::addKey(QByteArrayView name)
{
    return addKey(name, KeyStore::hash(name));
}

bool KeyTree::addKey(QByteArrayView name, quint32 hash)
{
    const auto [id, isNew] = m_store->insert(name, hash);
    if (id == KeyStore::kNoKey) return false; // the store is full
    if (!isNew) {
        if (m_removed.erase(id) == 0) return false; // already in the tree
    }
    place(id, name);
    return true;
}

void KeyTree::placeFrom(KeyId id, QByteArrayView name, std::span<const NodeId> path,
                        qsizetype resumeAt)
{
    ++m_generation;
    ++m_nodes[kRoot].keyCount;
    for (NodeId node : path)
        ++m_nodes[node].keyCount;
    NodeId current = path.empty() ? kRoot : path.back();
    const qsizetype sepLength = m_separator.size();
    if (sepLength > 0) {
        qsizetype start = resumeAt;
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

void KeyTree::prepare(std::span<const QByteArray> names, Prepared &out) const
{
    out.generation = m_generation;
    out.keys.clear();
    out.keys.reserve(names.size());
    out.path.clear();
    constexpr size_t kGroup = 32;
    const qsizetype sepLength = m_separator.size();
    size_t missing = 0; // namespaces the slice may add at most
    for (size_t start = 0; start < names.size(); start += kGroup) {
        const size_t count = std::min(kGroup, names.size() - start);
        const size_t first = out.keys.size();
        for (size_t i = 0; i < count; ++i) {
            Prepared::Key key;
            key.hash = KeyStore::hash(names[start + i]);
            m_store->prefetch(key.hash);
            out.keys.push_back(key);
        }
        for (size_t i = 0; i < count; ++i) {
            Prepared::Key &key = out.keys[first + i];
            const QByteArray &name = names[start + i];
            key.known = m_store->contains(name, key.hash);
            qsizetype from = 0;
            if (!key.known && sepLength > 0) {
                NodeId current = kRoot;
                while (true) {
                    const qsizetype end = name.indexOf(m_separator, from);
                    if (end < 0) break;
                    const NodeId child =
                        findChild(current, QByteArrayView(name).sliced(from, end - from));
                    if (child == Internal::IdTable::kEmpty || !m_nodes[child].attached) {
                        for (qsizetype at = end; at >= 0; at = name.indexOf(m_separator, at + 1))
                            ++missing;
                        break;
                    }
                    out.path.push_back(child);
                    current = child;
                    from = end + sepLength;
                }
            }
            key.resumeAt = quint32(from);
            key.pathEnd = quint32(out.path.size());
        }
    }
    out.hasChildTable = m_children.needsGrowthFor(missing);
    if (out.hasChildTable) out.childTable = m_children.grownFor(missing);
}

int KeyTree::addPrepared(std::span<const QByteArray> names, Prepared &prepared)
{
    if (prepared.generation != m_generation || prepared.keys.size() != names.size()) {
        prepared.hasChildTable = false; // it may miss a namespace added since
        return addKeys(names);
    }
    if (prepared.hasChildTable) {
        m_children.swap(prepared.childTable);
        prepared.hasChildTable = false;
    }
    int added = 0;
    quint32 pathBegin = 0;
    for (size_t i = 0; i < names.size(); ++i) {
        const Prepared::Key &key = prepared.keys[i];
        const std::span<const NodeId> path(prepared.path.data() + pathBegin,
                                           key.pathEnd - pathBegin);
        pathBegin = key.pathEnd;
        if (key.known) { // already in the tree, or a removed key coming back: the slow way
            if (addKey(names[i], key.hash)) ++added;
            continue;
        }
        const auto [id, isNew] = m_store->insert(names[i], key.hash);
        if (id == KeyStore::kNoKey || !isNew) continue; // full, or twice in this slice
        placeFrom(id, names[i], path, key.resumeAt);
        ++added;
    }
    return added;
}

// A label's first 8 bytes, zero-padded, as one integer.
static quint64 labelHead(QByteArrayView label)
{
    quint64 head = 0;
    if (label.size() >= qsizetype(sizeof head)) { // one 8-byte load, not a memcpy call
        std::memcpy(&head, label.data(), sizeof head);
    } else {
        for (qsizetype i = 0; i < label.size(); ++i)
            head |= quint64(quint8(label[i])) << (8 * i);
    }
    return head;
}

KeyTree::NodeId KeyTree::findChild(NodeId parent, QByteArrayView segment) const
{
    const quint64 head = labelHead(segment);
    const quint32 prefix = childPrefix(parent);
    return m_children.find(childHash(parent, segment), [&](quint32 id) {
        const Node &node = m_nodes[id];
        if (node.parent != parent || node.labelHead != head ||
            node.nameLength - prefix != quint64(segment.size()))
            return false;
        return segment.size() <= qsizetype(sizeof head) || nodeLabel(id) == segment;
    });
}

KeyTree::NodeId KeyTree::addChild(NodeId parent, KeyId sample, quint32 nameLength)
{
    const NodeId id = NodeId(m_nodes.size());
    Node &node = m_nodes.emplace_back();
    node.sampleKey = sample;
    node.nameLength = nameLength;
    node.parent = parent;
    node.rowInParent = quint32(m_nodes[parent].children.size());
    m_nodes[parent].children.push_back(id);
    const QByteArrayView label = nodeLabel(id);
    m_nodes[id].labelHead = labelHead(label);
    m_children.insert(childHash(parent, label), id);
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
    for (NodeId node : path)
        --m_nodes[node].keyCount;
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
    const quint32 skip = childPrefix(node.parent);
    return keyName(node.sampleKey).sliced(skip, node.nameLength - skip);
}

QByteArrayView KeyTree::keyLabel(NodeId parent, KeyId key) const
{
    return keyName(key).sliced(childPrefix(parent));
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
    for (NodeId id = 0; id < m_nodes.size(); ++id)
        total += m_nodes[id].children.heapBytes() + m_nodes[id].keys.heapBytes();
    return total;
}

// Each name is decoded once per sort, not twice per comparison, and turned into a 64-bit
// naturalSortPrefix(): most comparisons are then one integer compare, and only equal prefixes
// read the names again. A namespace's keys were appended in arrival order, which is id order,
// which is where their names lie in the store: decoding them in that order walks the store's
// blocks forwards rather than jumping around them.
KeyTree::SortOrder KeyTree::sortOrder() const
{
    SortOrder order;
    order.generation = m_generation;
    order.children.resize(m_nodes.size());
    order.keys.resize(m_nodes.size());
    const auto nodes = NodeId(m_nodes.size());
    // The helper takes the nodes after `split`, where about half the entries to sort lie.
    constexpr size_t kSortAlone = 200000;
    const size_t total = size_t(m_nodes[kRoot].keyCount) + m_nodes.size();
    if (total < kSortAlone) {
        sortNodes(order, 0, nodes);
        return order;
    }
    NodeId split = 0;
    for (size_t before = 0; split < nodes && before < total / 2; ++split)
        before += m_nodes[split].children.size() + m_nodes[split].keys.size();
    std::thread helper([this, &order, split, nodes] { sortNodes(order, split, nodes); });
    sortNodes(order, 0, split);
    helper.join();
    return order;
}

void KeyTree::sortNodes(SortOrder &order, NodeId first, NodeId last) const
{
    struct Entry
    {
        quint64 prefix;
        quint32 id;
    };
    std::vector<Entry> entries;
    const auto sorted = [&entries](auto labelOf) {
        std::sort(entries.begin(), entries.end(), [&](const Entry &a, const Entry &b) {
            if (a.prefix != b.prefix) return a.prefix < b.prefix;
            return naturalLess(labelOf(a.id), labelOf(b.id));
        });
        IdVector ids;
        ids.reserve(entries.size());
        for (const Entry &entry : entries)
            ids.push_back(entry.id);
        return ids;
    };
    for (NodeId id = first; id < last; ++id) {
        const Node &node = m_nodes[id];
        if (!node.attached) continue;
        entries.clear();
        for (NodeId child : node.children)
            entries.push_back({naturalSortPrefix(nodeLabel(child)), child});
        order.children[id] = sorted([this](NodeId child) { return nodeLabel(child); });
        entries.clear();
        const qsizetype skip = childPrefix(id);
        for (KeyId key : node.keys)
            entries.push_back({naturalSortPrefix(keyName(key).sliced(skip)), key});
        order.keys[id] = sorted([this, skip](KeyId key) { return keyName(key).sliced(skip); });
    }
}

bool KeyTree::applySortOrder(SortOrder &order)
{
    if (order.generation != m_generation || order.children.size() != m_nodes.size()) return false;
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
