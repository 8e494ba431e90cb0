// Cluster key routing, as pure functions: the hash slot of a key (CRC16-XMODEM of the key, or
// of its {hash tag}, modulo 16384, as the Redis Cluster specification defines it) and which
// argument of a command is the key that decides the node. hiredis 0.14 has no cluster support,
// so ClusterRouter routes with these. The key position rules cover the command shapes the app
// and the console send (first key at 1, numkeys forms, STREAMS, subcommands with a key);
// commands with no key go to the router's default node. Multi-key commands that span slots are
// refused by the server itself with CROSSSLOT, which is the right message for the user.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace redscope {

inline constexpr int kClusterSlots = 16384;

quint16 crc16Xmodem(QByteArrayView bytes);
int clusterKeySlot(QByteArrayView key);

// The key that decides where args is sent; nullopt for keyless commands.
std::optional<QByteArray> clusterRoutingKey(const QList<QByteArray> &args);

} // namespace redscope
