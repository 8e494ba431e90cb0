// KeyType: a key's type as the server's TYPE names it, as an enum so code switches over it
// instead of comparing strings. Module types (ReJSON-RL, ...) are Other; their name is kept
// next to the enum where it is shown (KeyMeta::typeName).
#pragma once

#include <QByteArray>
#include <QString>

#include <array>

namespace redscope {

enum class KeyType { None, String, List, Set, SortedSet, Hash, Stream, Other };

KeyType keyTypeFromName(QByteArrayView name); // "zset" -> SortedSet; unknown -> Other
QString keyTypeName(KeyType type);            // TYPE's word ("zset"); "" for Other
bool isCollection(KeyType type);              // list, set, sorted set, hash, stream

// The types a user can create or filter a scan by, in the order the GUI lists them.
inline constexpr std::array<KeyType, 6> kBuiltInKeyTypes{KeyType::String,    KeyType::Hash,
                                                         KeyType::List,      KeyType::Set,
                                                         KeyType::SortedSet, KeyType::Stream};

} // namespace redscope
