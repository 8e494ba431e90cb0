// KeyType: a key's type as the server's TYPE names it, as an enum so code switches over it
// instead of comparing strings. Module types (ReJSON-RL, ...) are Other; their name is kept
// next to the enum where it is shown (KeyMeta::typeName).
#pragma once

#include <QByteArray>
#include <QString>

namespace redscope {

enum class KeyType { None, String, List, Set, SortedSet, Hash, Stream, Other };

KeyType keyTypeFromName(QByteArrayView name); // "zset" -> SortedSet; unknown -> Other
QString keyTypeName(KeyType type);            // TYPE's word ("zset"); "" for Other
bool isCollection(KeyType type);              // list, set, sorted set, hash, stream

} // namespace redscope
