// An order-independent, type-aware digest of a value, for Compare when two DUMP payloads
// differ in bytes: a hash or set serialized from a table comes out in table order, and packed
// and table encodings of the same value differ, so bytes alone cannot say "different".
// Unordered collections (sets, hashes) add up per-element hashes (a multiset sum, so order
// does not matter); lists, streams and strings chain in order; zsets pair member and score
// (scores as the engine formats them, which is canonical). 128 bits from two 64-bit lanes.
#pragma once

#include "redscope/rdb.h"

#include <QByteArray>

namespace redscope {

struct ValueDigest
{
    quint64 a = 0, b = 0;
    bool operator==(const ValueDigest &) const = default;
    QByteArray hex() const;
};

ValueDigest digestOf(const engine::RdbValue &value);

} // namespace redscope
