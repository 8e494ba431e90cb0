// Dataset and value signatures as redis-server 7.0 computes them (see digest.h for the
// scheme). SHA-1 comes from OpenSSL's libcrypto, which the engine links for TLS already.
#include "storage/digest.h"

#include "server/server.h"
#include "storage/database.h"
#include "storage/value.h"
#include "util/sha1.h"

#include <cstdint>
#include <cstdio>

namespace redscope::engine {

namespace {

std::string_view bytesOf(const Digest &digest)
{
    return {reinterpret_cast<const char *>(digest.data()), digest.size()};
}

// D ^= H(data): the order-independent step.
void addTo(Digest &digest, std::string_view data)
{
    const Sha1 hash = sha1(data);
    for (size_t i = 0; i < digest.size(); ++i)
        digest[i] ^= hash[i];
}

// D = H(D ^ H(data)): the order-dependent step.
void mixInto(Digest &digest, std::string_view data)
{
    addTo(digest, data);
    digest = sha1(bytesOf(digest));
}

// Redis's object type numbers (OBJ_STRING ... OBJ_STREAM; 5 is a module type).
uint32_t redisTypeCode(ValueType type)
{
    switch (type) {
    case ValueType::String:
        return 0;
    case ValueType::List:
        return 1;
    case ValueType::Set:
        return 2;
    case ValueType::ZSet:
        return 3;
    case ValueType::Hash:
        return 4;
    case ValueType::Stream:
        return 6;
    }
    return 0;
}

// A hash field or sorted-set member: its own state, added to the value's.
void addPair(Digest &digest, std::string_view first, std::string_view second)
{
    Digest element{};
    mixInto(element, first);
    mixInto(element, second);
    addTo(digest, bytesOf(element));
}

// Continues `digest` (zero for DIGEST-VALUE, mix(0, key) for DIGEST) with the value.
void continueWithValue(Digest &digest, const Value &value, bool hasExpire)
{
    const uint32_t code = redisTypeCode(value.type());
    const unsigned char codeBytes[4] = {
        static_cast<unsigned char>(code >> 24), static_cast<unsigned char>(code >> 16),
        static_cast<unsigned char>(code >> 8), static_cast<unsigned char>(code)};
    mixInto(digest, {reinterpret_cast<const char *>(codeBytes), sizeof codeBytes});
    switch (value.type()) {
    case ValueType::String:
        mixInto(digest, value.string());
        break;
    case ValueType::List:
        value.list().forEach([&](std::string_view element) { mixInto(digest, element); });
        break;
    case ValueType::Set:
        value.set().forEach([&](std::string_view member) { addTo(digest, member); });
        break;
    case ValueType::Hash:
        value.hash().forEach(
            [&](std::string_view field, std::string_view text) { addPair(digest, field, text); });
        break;
    case ValueType::ZSet:
        value.zset().forEach([&](std::string_view member, double score) {
            char text[64];
            const int length = std::snprintf(text, sizeof text, "%.17g", score);
            addPair(digest, member, {text, static_cast<size_t>(length)});
        });
        break;
    case ValueType::Stream:
        // Entries only: consumer groups and the last ID are not part of the signature.
        value.stream().range(
            StreamId{0, 0}, StreamId::max(), false, [&](StreamId id, const Stream::Fields &fields) {
                mixInto(digest, std::to_string(id.ms) + "." + std::to_string(id.seq));
                for (std::string_view field : fields)
                    mixInto(digest, field);
                return true;
            });
        break;
    }
    if (hasExpire) addTo(digest, "!!expire!!");
}

} // namespace

Digest valueDigest(const Value &value, bool hasExpire)
{
    Digest digest{};
    continueWithValue(digest, value, hasExpire);
    return digest;
}

Digest datasetDigest(Server &server)
{
    Digest dataset{};
    for (int index = 0; index < server.dbCount(); ++index) {
        Database &db = server.db(index);
        if (db.size() == 0) continue;
        const uint32_t number = static_cast<uint32_t>(index);
        const unsigned char numberBytes[4] = {
            static_cast<unsigned char>(number >> 24), static_cast<unsigned char>(number >> 16),
            static_cast<unsigned char>(number >> 8), static_cast<unsigned char>(number)};
        mixInto(dataset, {reinterpret_cast<const char *>(numberBytes), sizeof numberBytes});
        db.keys().forEach([&](std::string_view key, Value &value) {
            Digest entry{};
            mixInto(entry, key);
            continueWithValue(entry, value, db.expireAt(key) >= 0);
            addTo(dataset, bytesOf(entry));
        });
    }
    return dataset;
}

std::string digestHex(const Digest &digest)
{
    return sha1Hex(digest);
}

} // namespace redscope::engine
