// TYPE's names to KeyType and back; the one place those strings are spelled.
#include "keys/key_type.h"

namespace redscope {

KeyType keyTypeFromName(QByteArrayView name)
{
    if (name == "none") return KeyType::None;
    if (name == "string") return KeyType::String;
    if (name == "list") return KeyType::List;
    if (name == "set") return KeyType::Set;
    if (name == "zset") return KeyType::SortedSet;
    if (name == "hash") return KeyType::Hash;
    if (name == "stream") return KeyType::Stream;
    return KeyType::Other;
}

QString keyTypeName(KeyType type)
{
    switch (type) {
    case KeyType::None:
        return QStringLiteral("none");
    case KeyType::String:
        return QStringLiteral("string");
    case KeyType::List:
        return QStringLiteral("list");
    case KeyType::Set:
        return QStringLiteral("set");
    case KeyType::SortedSet:
        return QStringLiteral("zset");
    case KeyType::Hash:
        return QStringLiteral("hash");
    case KeyType::Stream:
        return QStringLiteral("stream");
    case KeyType::Other:
        break;
    }
    return {};
}

bool isCollection(KeyType type)
{
    return type == KeyType::List || type == KeyType::Set || type == KeyType::SortedSet ||
           type == KeyType::Hash || type == KeyType::Stream;
}

} // namespace redscope
