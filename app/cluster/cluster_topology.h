// ClusterTopology: what a Redis Cluster looks like, as plain data parsed from the servers' own
// answers. CLUSTER NODES (one text line per node: id, address, flags, master, epochs, link
// state, slot ranges) gives everything the topology view shows; CLUSTER SLOTS (slot ranges
// with their master and replicas as a small array) gives the routing table, which is what the
// specification tells clients to use. Both parsers are pure so they are tested without servers.
#pragma once

#include "connection/redis_value.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace redscope {

struct ClusterNode
{
    QByteArray id;
    QString host;
    int port = 0;
    bool master = false;
    bool myself = false;
    bool failing = false;       // "fail" (agreed) or "fail?" (suspected by the node asked)
    QByteArray masterId;        // for replicas
    QStringList flags;          // as the server spells them
    bool linkConnected = false; // the cluster bus link, as seen by the node asked
    qint64 configEpoch = 0;
    QList<std::pair<int, int>> slotRanges; // inclusive ranges, masters only

    QString address() const; // "host:port"
    int slotCount() const;
    QString slotText() const; // "0-5460, 10923"
};

struct ClusterTopology
{
    std::vector<ClusterNode> nodes; // masters first (by first slot), each followed by replicas

    bool isEmpty() const { return nodes.empty(); }
    const ClusterNode *find(const QByteArray &id) const;
    const ClusterNode *findAddress(const QString &address) const;
    int masterCount() const;

    // Parses CLUSTER NODES. Returns false and *error on text that is not in that format.
    static bool fromNodesText(const QByteArray &text, ClusterTopology *topology, QString *error);
};

// One entry of CLUSTER SLOTS: a range and its master's address.
struct SlotRange
{
    int first = 0;
    int last = 0;
    QString master; // "host:port"
    QStringList replicas;
};

// Parses a CLUSTER SLOTS reply. An empty endpoint means "the node you asked" (askedHost).
bool parseClusterSlots(const RedisValue &reply, const QString &askedHost,
                       std::vector<SlotRange> *ranges, QString *error);

QString joinHostPort(const QString &host, int port);

} // namespace redscope
