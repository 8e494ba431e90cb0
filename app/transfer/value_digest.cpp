// Value digests for Compare (see value_digest.h): FNV-1a lanes finished with a SplitMix64
// mixer, so summing element hashes does not let structured inputs cancel out.
#include "transfer/value_digest.h"

namespace redscope {

namespace {

quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

struct Lanes
{
    quint64 a, b;
};

Lanes hashBytes(const std::string &s, quint64 seed)
{
    quint64 a = 0xcbf29ce484222325ULL ^ seed, b = 0x84222325cbf29ce4ULL ^ mix(seed);
    for (unsigned char c : s) {
        a = (a ^ c) * 0x100000001b3ULL;
        b = (b ^ c) * 0x00000100000001b3ULL + 0x7f4a7c15;
    }
    a ^= s.size();
    b ^= s.size() << 1;
    return {mix(a), mix(b ^ 0x5bd1e995)};
}

} // namespace

QByteArray ValueDigest::hex() const
{
    return QByteArray::number(a, 16).rightJustified(16, '0') +
           QByteArray::number(b, 16).rightJustified(16, '0');
}

ValueDigest digestOf(const engine::RdbValue &value)
{
    using engine::RdbType;
    const auto &items = value.items;
    ValueDigest d{mix(quint64(value.type) + 1), mix(quint64(value.type) + 101)};
    auto chain = [&d](const Lanes &l) {
        d.a = mix(d.a ^ l.a);
        d.b = mix(d.b + l.b);
    };
    switch (value.type) {
    case RdbType::String:
    case RdbType::List:
        for (const auto &e : items)
            chain(hashBytes(e, 1));
        break;
    case RdbType::Set:
        for (const auto &e : items) {
            const Lanes l = hashBytes(e, 2);
            d.a += l.a;
            d.b += l.b;
        }
        break;
    case RdbType::Hash:
    case RdbType::ZSet:
        for (size_t i = 0; i + 1 < items.size(); i += 2) {
            const Lanes k = hashBytes(items[i], 3), v = hashBytes(items[i + 1], 4);
            d.a += mix(k.a ^ mix(v.a));
            d.b += mix(k.b + mix(v.b ^ 0x1234567));
        }
        break;
    case RdbType::Stream:
        for (const auto &entry : value.streamEntries) {
            chain(hashBytes(entry.id, 5));
            for (const auto &f : entry.fields)
                chain(hashBytes(f, 6));
        }
        break;
    case RdbType::Module:
        break;
    }
    d.a = mix(d.a ^ items.size());
    d.b = mix(d.b + value.streamEntries.size());
    return d;
}

} // namespace redscope
