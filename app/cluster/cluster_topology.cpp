// Parsers for CLUSTER NODES and CLUSTER SLOTS. Migration markers in CLUSTER NODES
// ("[slot->-id]", "[slot-<-id]") describe resharding in progress, not ownership, and are
// skipped: the ASK redirections handle those keys while they move.
#include "cluster/cluster_topology.h"

#include <QCoreApplication>

#include <algorithm>

namespace redscope {

QString joinHostPort(const QString &host, int port)
{
    const QString shown =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("%1:%2").arg(shown).arg(port);
}

QString ClusterNode::address() const
{
    return joinHostPort(host, port);
}

int ClusterNode::slotCount() const
{
    int count = 0;
    for (const auto &[first, last] : slotRanges)
        count += last - first + 1;
    return count;
}

QString ClusterNode::slotText() const
{
    QStringList parts;
    for (const auto &[first, last] : slotRanges) {
        parts.append(first == last ? QString::number(first)
                                   : QStringLiteral("%1-%2").arg(first).arg(last));
    }
    return parts.join(QStringLiteral(", "));
}

const ClusterNode *ClusterTopology::find(const QByteArray &id) const
{
    for (const ClusterNode &node : nodes) {
        if (node.id == id) return &node;
    }
    return nullptr;
}

const ClusterNode *ClusterTopology::findAddress(const QString &address) const
{
    for (const ClusterNode &node : nodes) {
        if (node.address() == address) return &node;
    }
    return nullptr;
}

int ClusterTopology::masterCount() const
{
    return int(std::count_if(nodes.begin(), nodes.end(),
                             [](const ClusterNode &node) { return node.master; }));
}

// "ip:port@cport[,hostname]"; the IP may be empty (":0@0") for a node with no address yet.
static bool parseAddress(const QByteArray &field, ClusterNode *node)
{
    const qsizetype comma = field.indexOf(',');
    QByteArray address = comma < 0 ? field : field.left(comma);
    const qsizetype at = address.indexOf('@');
    if (at >= 0) address.truncate(at);
    const qsizetype colon = address.lastIndexOf(':');
    if (colon < 0) return false;
    bool ok = false;
    node->port = address.mid(colon + 1).toInt(&ok);
    QByteArray host = address.left(colon);
    if (host.startsWith('[') && host.endsWith(']')) host = host.mid(1, host.size() - 2);
    node->host = QString::fromUtf8(host);
    return ok;
}

bool ClusterTopology::fromNodesText(const QByteArray &text, ClusterTopology *topology,
                                    QString *error)
{
    std::vector<ClusterNode> all;
    for (const QByteArray &rawLine : text.split('\n')) {
        const QByteArray line = rawLine.trimmed();
        if (line.isEmpty()) continue;
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() < 8) {
            *error = QCoreApplication::translate("redscope::ClusterTopology",
                                                 "Unexpected CLUSTER NODES line: %1")
                         .arg(QString::fromUtf8(line.left(80)));
            return false;
        }
        ClusterNode node;
        node.id = fields[0];
        if (!parseAddress(fields[1], &node)) {
            *error = QCoreApplication::translate("redscope::ClusterTopology",
                                                 "Unexpected node address: %1")
                         .arg(QString::fromUtf8(fields[1]));
            return false;
        }
        for (const QByteArray &flag : fields[2].split(',')) {
            node.flags.append(QString::fromUtf8(flag));
            if (flag == "master") node.master = true;
            if (flag == "myself") node.myself = true;
            if (flag == "fail" || flag == "fail?") node.failing = true;
        }
        if (fields[3] != "-") node.masterId = fields[3];
        node.configEpoch = fields[6].toLongLong();
        node.linkConnected = fields[7] == "connected";
        for (qsizetype i = 8; i < fields.size(); ++i) {
            const QByteArray &slot = fields[i];
            if (slot.startsWith('[')) continue; // importing/migrating marker
            const qsizetype dash = slot.indexOf('-');
            bool ok1 = false;
            bool ok2 = false;
            const int first = (dash < 0 ? slot : slot.left(dash)).toInt(&ok1);
            const int last = dash < 0 ? first : slot.mid(dash + 1).toInt(&ok2);
            if (!ok1 || (dash >= 0 && !ok2)) continue;
            node.slotRanges.append({first, last});
        }
        all.push_back(std::move(node));
    }
    if (all.empty()) {
        *error = QCoreApplication::translate("redscope::ClusterTopology",
                                             "CLUSTER NODES returned no nodes");
        return false;
    }
    // Masters ordered by their first slot (slotless masters last), each followed by its
    // replicas by address; replicas of unknown masters at the end.
    std::vector<ClusterNode> masters;
    for (const ClusterNode &node : all) {
        if (node.master) masters.push_back(node);
    }
    auto firstSlot = [](const ClusterNode &node) {
        return node.slotRanges.isEmpty() ? 16384 : node.slotRanges.first().first;
    };
    std::sort(masters.begin(), masters.end(), [&](const ClusterNode &a, const ClusterNode &b) {
        return std::pair(firstSlot(a), a.address()) < std::pair(firstSlot(b), b.address());
    });
    std::vector<ClusterNode> ordered;
    std::vector<bool> placed(all.size(), false);
    for (const ClusterNode &master : masters) {
        ordered.push_back(master);
        std::vector<ClusterNode> replicas;
        for (size_t i = 0; i < all.size(); ++i) {
            if (!all[i].master && all[i].masterId == master.id) {
                replicas.push_back(all[i]);
                placed[i] = true;
            }
        }
        std::sort(replicas.begin(), replicas.end(), [](const ClusterNode &a, const ClusterNode &b) {
            return a.address() < b.address();
        });
        ordered.insert(ordered.end(), replicas.begin(), replicas.end());
    }
    for (size_t i = 0; i < all.size(); ++i) {
        if (!all[i].master && !placed[i]) ordered.push_back(all[i]);
    }
    topology->nodes = std::move(ordered);
    return true;
}

static QString endpoint(const RedisValue &entry, const QString &askedHost)
{
    const RedisValue::List &parts = entry.elements();
    if (parts.size() < 2 || parts[1].type() != RedisValue::Type::Integer) return {};
    QString host = QString::fromUtf8(parts[0].bytes());
    if (host == QLatin1String("?")) return {}; // unknown endpoint
    if (host.isEmpty()) host = askedHost;
    return joinHostPort(host, int(parts[1].toInteger()));
}

bool parseClusterSlots(const RedisValue &reply, const QString &askedHost,
                       std::vector<SlotRange> *ranges, QString *error)
{
    if (reply.isError()) {
        *error = reply.text();
        return false;
    }
    if (reply.type() != RedisValue::Type::Array) {
        *error = QCoreApplication::translate("redscope::ClusterTopology",
                                             "Unexpected CLUSTER SLOTS reply");
        return false;
    }
    ranges->clear();
    for (const RedisValue &entry : reply.elements()) {
        const RedisValue::List &parts = entry.elements();
        if (parts.size() < 3 || parts[0].type() != RedisValue::Type::Integer ||
            parts[1].type() != RedisValue::Type::Integer) {
            *error = QCoreApplication::translate("redscope::ClusterTopology",
                                                 "Unexpected CLUSTER SLOTS entry");
            return false;
        }
        SlotRange range;
        range.first = int(parts[0].toInteger());
        range.last = int(parts[1].toInteger());
        range.master = endpoint(parts[2], askedHost);
        if (range.first < 0 || range.last >= 16384 || range.first > range.last ||
            range.master.isEmpty()) {
            continue;
        }
        for (size_t i = 3; i < parts.size(); ++i) {
            const QString replica = endpoint(parts[i], askedHost);
            if (!replica.isEmpty()) range.replicas.append(replica);
        }
        ranges->push_back(range);
    }
    return true;
}

} // namespace redscope
