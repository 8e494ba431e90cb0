// RDB loading. A bounds-checked cursor (rdb_cursor.h, shared with the streaming reader behind
// redscope/rdb.h) walks the image, held in memory or streamed from a source (a replica's
// diskless load parses the master's socket as the bytes arrive): every length is
// checked against the bytes left before anything is allocated or copied, so truncated or
// corrupt input (including fuzzed input) ends in an error naming the offset, never in an
// out-of-bounds read or a giant allocation. Compact encodings (listpack, ziplist, quicklist
// nodes) are decoded to elements and rebuilt into the engine's own structures. Intsets,
// which the engine keeps too (storage/int_set.h), load as they are, and a plain set of few
// integers becomes one, as Redis does on load; hashes and sorted sets load packed or as a
// table/skiplist by the rules Redis 7.0 applies (see plainZSet and packedZSet).
//
// Refused with a clear message rather than skipped, because skipping would lose data:
// module values and module aux data, functions (FUNCTION2).
#include "persistence/rdb_loader.h"

#include "persistence/compact_encodings.h"
#include "persistence/crc64.h"
#include "persistence/lzf.h"
#include "persistence/rdb_cursor.h"
#include "persistence/rdb_format.h"
#include "storage/zset.h"
#include "util/debug_delay.h"
#include "util/strings.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace redscope::engine {

namespace {

using rdb::Cursor;
using rdb::readHeader;

bool parseScore(std::string_view text, double *out)
{
    std::string copy(text);
    char *end = nullptr;
    errno = 0;
    *out = std::strtod(copy.c_str(), &end);
    return !copy.empty() && end == copy.c_str() + copy.size() && !std::isnan(*out);
}

class ValueLoader
{
public:
    ValueLoader(Cursor &c, const RdbLoadOptions &options)
        : m_c(c)
        , m_options(options)
    {
    }

    bool load(uint8_t type, Value *out)
    {
        m_start = m_c.offset();
        switch (type) {
        case rdb::kTypeString: {
            std::string s;
            if (!m_c.string(&s)) return false;
            *out = Value(std::move(s));
            return true;
        }
        case rdb::kTypeList:
            return plainList(out);
        case rdb::kTypeSet:
            return plainSet(out);
        case rdb::kTypeZSet:
        case rdb::kTypeZSet2:
            return plainZSet(type == rdb::kTypeZSet2, out);
        case rdb::kTypeHash:
            return plainHash(out);
        case rdb::kTypeListZiplist:
            return packed(&rdb::decodeZiplist, type, out);
        case rdb::kTypeSetIntset:
            return intset(out);
        case rdb::kTypeZSetZiplist:
        case rdb::kTypeHashZiplist:
            return packed(&rdb::decodeZiplist, type, out);
        case rdb::kTypeHashListpack:
        case rdb::kTypeZSetListpack:
            return packed(&rdb::decodeListpack, type, out);
        case rdb::kTypeListQuicklist:
        case rdb::kTypeListQuicklist2:
            return quicklist(type == rdb::kTypeListQuicklist2, out);
        case rdb::kTypeModule:
        case rdb::kTypeModule2:
            return fail("module value (RDB type " + std::to_string(type) +
                        "): modules are not supported");
        case rdb::kTypeStreamListpacks:
        case rdb::kTypeStreamListpacks2:
            return stream(type == rdb::kTypeStreamListpacks2, out);
        case rdb::kTypeHashZipmap:
            return packed(&rdb::decodeZipmap, type, out);
        default:
            return fail("unknown RDB value type " + std::to_string(type));
        }
    }

private:
    void countSanitization()
    {
        if (m_options.deepSanitizations) ++*m_options.deepSanitizations;
    }

    bool fail(const std::string &what)
    {
        m_c.setErrorPos(m_start);
        return m_c.fail(what);
    }

    bool plainList(Value *out)
    {
        uint64_t n;
        if (!m_c.length(&n)) return false;
        *out = Value::newList(m_options.listFill, m_options.listCompressDepth);
        for (uint64_t i = 0; i < n; ++i) {
            std::string s;
            if (!m_c.string(&s)) return false;
            out->list().pushBack(s);
        }
        return true;
    }

    bool plainSet(Value *out)
    {
        uint64_t n;
        if (!m_c.length(&n)) return false;
        *out = Value(SetValue::withExpectedSize(n, m_options.maxIntsetEntries));
        for (uint64_t i = 0; i < n; ++i) {
            std::string s;
            if (!m_c.string(&s)) return false;
            if (!out->set().add(s, m_options.maxIntsetEntries)) return fail("duplicate set member");
        }
        return true;
    }

    // Kept as an IntSet, converted only when it exceeds this server's limit.
    bool intset(Value *out)
    {
        std::string blob;
        if (!m_c.string(&blob)) return false;
        countSanitization();
        IntSet ints;
        std::string why;
        if (!IntSet::fromBlob(blob, &ints, &why))
            return fail("corrupt compact encoding (RDB type " +
                        std::to_string(rdb::kTypeSetIntset) + "): " + why);
        const size_t size = ints.size();
        *out = Value(SetValue(std::move(ints)));
        if (size > std::min(m_options.maxIntsetEntries, SetValue::kIntsetHardLimit))
            out->set().convertToTable();
        return true;
    }

    bool plainHash(Value *out)
    {
        uint64_t n;
        if (!m_c.length(&n)) return false;
        *out = Value::newHash();
        // As Redis: packed unless there are too many fields or one field or value is too
        // long (HashValue::set converts on the way).
        HashValue &hash = out->hash();
        if (n > m_options.hashLimits.maxEntries) hash.convertToTable();
        for (uint64_t i = 0; i < n; ++i) {
            std::string field, value;
            if (!m_c.string(&field) || !m_c.string(&value)) return false;
            if (!hash.set(field, value, m_options.hashLimits)) return fail("duplicate hash field");
        }
        return true;
    }

    // Like Redis, a plain zset is loaded as a skiplist and packed afterwards when it fits the
    // limits (its elements come in any order).
    bool plainZSet(bool binaryScores, Value *out)
    {
        uint64_t n;
        if (!m_c.length(&n)) return false;
        *out = Value::newSortedSet();
        out->zset().convertToSkiplist();
        for (uint64_t i = 0; i < n; ++i) {
            std::string member;
            if (!m_c.string(&member)) return false;
            double score;
            if (binaryScores) {
                uint64_t bits;
                if (!m_c.littleEndian(8, &bits)) return false;
                std::memcpy(&score, &bits, sizeof score);
            } else {
                uint8_t len;
                if (!m_c.byte(&len)) return false;
                if (len == 253) {
                    score = NAN;
                } else if (len == 254 || len == 255) {
                    score = len == 254 ? INFINITY : -INFINITY;
                } else {
                    std::string_view text;
                    if (!m_c.bytes(len, &text)) return false;
                    if (!parseScore(text, &score)) return fail("invalid sorted set score");
                }
            }
            if (std::isnan(score)) return fail("NaN score in sorted set");
            if (out->zset().add(member, score) != SortedSet::AddResult::Added)
                return fail("duplicate sorted set member");
        }
        out->zset().packIfSmall(m_options.zsetLimits);
        return true;
    }

    using Decoder = bool (*)(std::string_view, std::vector<std::string> *, std::string *);

    bool packed(Decoder decode, uint8_t type, Value *out)
    {
        std::string blob;
        if (!m_c.string(&blob)) return false;
        if (type == rdb::kTypeHashListpack || type == rdb::kTypeZSetListpack) countSanitization();
        std::vector<std::string> items;
        std::string why;
        if (!decode(blob, &items, &why))
            return fail("corrupt compact encoding (RDB type " + std::to_string(type) + "): " + why);
        switch (type) {
        case rdb::kTypeListZiplist:
            *out = Value::newList(m_options.listFill, m_options.listCompressDepth);
            for (auto &s : items)
                out->list().pushBack(s);
            return true;
        case rdb::kTypeHashZipmap: // Redis 7.0 checks lengths for these, counts for the rest
        case rdb::kTypeHashZiplist:
        case rdb::kTypeHashListpack: {
            if (items.size() % 2) return fail("odd number of elements in a packed hash");
            // Straight into the packed form unless there are too many fields. Redis 7.0
            // checks only the count here, not lengths: a listpack written under a larger
            // hash-max-listpack-value stays a listpack, so lengths are not limited below.
            *out = Value::newHash();
            HashValue &hash = out->hash();
            const HashLimits limits{m_options.hashLimits.maxEntries,
                                    type == rdb::kTypeHashZipmap ? m_options.hashLimits.maxValue
                                                                 : SIZE_MAX};
            if (items.size() / 2 > limits.maxEntries) hash.convertToTable();
            for (size_t i = 0; i < items.size(); i += 2)
                if (!hash.set(items[i], items[i + 1], limits)) return fail("duplicate hash field");
            return true;
        }
        default:
            return packedZSet(items, out);
        }
    }

    // A ziplist or listpack zset: member, score pairs. Redis 7.0 keeps it packed unless it
    // has more than zset-max-listpack-entries members (the member lengths are not checked,
    // so a file written under a larger zset-max-listpack-value loads packed). The pairs are
    // sorted here rather than trusted: the packed form's walks depend on the order.
    bool packedZSet(std::vector<std::string> &items, Value *out)
    {
        if (items.size() % 2) return fail("odd number of elements in a packed sorted set");
        std::vector<std::pair<std::string, double>> pairs;
        pairs.reserve(items.size() / 2);
        for (size_t i = 0; i < items.size(); i += 2) {
            double score;
            if (!parseScore(items[i + 1], &score))
                return fail("invalid score in a packed sorted set");
            pairs.emplace_back(std::move(items[i]), score);
        }
        std::sort(pairs.begin(), pairs.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        for (size_t i = 1; i < pairs.size(); ++i)
            if (pairs[i].first == pairs[i - 1].first) return fail("duplicate sorted set member");
        std::sort(pairs.begin(), pairs.end(), [](const auto &a, const auto &b) {
            return a.second < b.second || (a.second == b.second && a.first < b.first);
        });
        size_t bytes = 0;
        for (const auto &pair : pairs)
            bytes += pair.first.size() + 32;
        const bool packed =
            pairs.size() <= m_options.zsetLimits.maxEntries && bytes <= SortedSet::kMaxPackedBytes;
        *out = Value(SortedSet::fromSorted(pairs, packed));
        return true;
    }

    bool quicklist(bool version2, Value *out)
    {
        uint64_t nodes;
        if (!m_c.length(&nodes)) return false;
        *out = Value::newList(m_options.listFill, m_options.listCompressDepth);
        std::vector<std::string> items;
        for (uint64_t i = 0; i < nodes; ++i) {
            uint64_t container = rdb::kQuicklistNodePacked;
            if (version2 && !m_c.length(&container)) return false;
            std::string blob;
            if (!m_c.string(&blob)) return false;
            if (container == rdb::kQuicklistNodePlain) {
                out->list().appendPlainNode(blob);
                continue;
            }
            if (container != rdb::kQuicklistNodePacked)
                return fail("invalid quicklist node container " + std::to_string(container));
            items.clear();
            std::string why;
            if (version2) countSanitization();
            const bool ok = version2 ? rdb::decodeListpack(blob, &items, &why)
                                     : rdb::decodeZiplist(blob, &items, &why);
            if (!ok) return fail("corrupt quicklist node: " + why);
            // A listpack node stays one node, as Redis loads it (a ziplist one too).
            out->list().appendNode(items);
        }
        return true;
    }

    bool rawId(StreamId *id)
    {
        std::string_view raw;
        if (!m_c.bytes(16, &raw)) return false;
        id->ms = id->seq = 0;
        for (int i = 0; i < 8; ++i)
            id->ms = (id->ms << 8) | static_cast<uint8_t>(raw[static_cast<size_t>(i)]);
        for (int i = 8; i < 16; ++i)
            id->seq = (id->seq << 8) | static_cast<uint8_t>(raw[static_cast<size_t>(i)]);
        return true;
    }

    bool lengthId(StreamId *id) { return m_c.length(&id->ms) && m_c.length(&id->seq); }

    static bool listpackInt(const std::vector<std::string> &items, size_t i, int64_t *out)
    {
        return i < items.size() && parseInt64(items[i], out);
    }

    // One node's listpack: the master entry, then entries flagged, delta-coded and
    // terminated by their lp-count (see rdb_writer.cpp). Deleted entries are dropped.
    bool streamNode(StreamId master, const std::vector<std::string> &items, Stream &stream,
                    StreamId *previous, bool *any)
    {
        int64_t count, deleted, masterFields, zero;
        if (!listpackInt(items, 0, &count) || !listpackInt(items, 1, &deleted) ||
            !listpackInt(items, 2, &masterFields) || masterFields < 0 ||
            static_cast<uint64_t>(masterFields) > items.size() ||
            !listpackInt(items, 3 + static_cast<size_t>(masterFields), &zero) || zero != 0)
            return fail("corrupt stream node master entry");
        size_t at = 4 + static_cast<size_t>(masterFields);
        std::vector<std::string_view> fv;
        bool startedNode = false;
        while (at < items.size()) {
            int64_t flags, msDelta, seqDelta, fieldCount = masterFields, lpCount;
            if (!listpackInt(items, at, &flags) || !listpackInt(items, at + 1, &msDelta) ||
                !listpackInt(items, at + 2, &seqDelta))
                return fail("corrupt stream entry");
            at += 3;
            const bool same = flags & 2;
            if (!same && (!listpackInt(items, at++, &fieldCount) || fieldCount < 0 ||
                          static_cast<uint64_t>(fieldCount) > items.size()))
                return fail("corrupt stream entry field count");
            const size_t strings = static_cast<size_t>(fieldCount) * (same ? 1 : 2);
            if (strings > items.size() - std::min(at, items.size()))
                return fail("corrupt stream entry");
            fv.clear();
            for (size_t i = 0; i < static_cast<size_t>(fieldCount); ++i) {
                if (same) {
                    fv.push_back(items[3 + i]);
                    fv.push_back(items[at + i]);
                } else {
                    fv.push_back(items[at + 2 * i]);
                    fv.push_back(items[at + 2 * i + 1]);
                }
            }
            at += strings;
            if (!listpackInt(items, at++, &lpCount)) return fail("corrupt stream entry lp-count");
            StreamId id{master.ms + static_cast<uint64_t>(msDelta),
                        master.seq + static_cast<uint64_t>(seqDelta)};
            if (flags & 1) continue;
            if (*any && id <= *previous) return fail("stream entries out of order");
            if (fv.empty()) return fail("stream entry without fields");
            // The file's nodes are kept as they are, as Redis keeps its listpacks.
            stream.append(id, fv, StreamLimits{0, 0}, !startedNode);
            startedNode = true;
            *previous = id;
            *any = true;
        }
        return true;
    }

    // STREAM_LISTPACKS (Redis 5-6.2) and STREAM_LISTPACKS_2 (7.0): nodes, IDs and counters,
    // groups with their PEL and consumers. Type 15 lacks the 7.0 counters: they are derived
    // as Redis derives them when it loads such a file.
    bool stream(bool version2, Value *out)
    {
        *out = Value::newStream();
        Stream &s = out->stream();
        uint64_t nodes;
        if (!m_c.length(&nodes)) return false;
        StreamId previous;
        bool any = false;
        std::vector<std::string> items;
        for (uint64_t n = 0; n < nodes; ++n) {
            std::string key, blob;
            if (!m_c.string(&key)) return false;
            if (key.size() != 16) return fail("stream node key is not a 128-bit ID");
            StreamId master;
            for (int i = 0; i < 8; ++i)
                master.ms = (master.ms << 8) | static_cast<uint8_t>(key[static_cast<size_t>(i)]);
            for (int i = 8; i < 16; ++i)
                master.seq = (master.seq << 8) | static_cast<uint8_t>(key[static_cast<size_t>(i)]);
            if (!m_c.string(&blob)) return false;
            items.clear();
            std::string why;
            countSanitization();
            if (!rdb::decodeListpack(blob, &items, &why))
                return fail("corrupt stream listpack: " + why);
            if (items.empty()) return fail("empty listpack inside stream");
            if (!streamNode(master, items, s, &previous, &any)) return false;
        }
        uint64_t length;
        StreamId lastId, firstId, maxDeleted;
        if (!m_c.length(&length) || !lengthId(&lastId)) return false;
        uint64_t entriesAdded = s.length();
        if (version2) {
            if (!lengthId(&firstId) || !lengthId(&maxDeleted) || !m_c.length(&entriesAdded))
                return false;
        }
        if (length != s.length()) return fail("stream length does not match its entries");
        if (any && previous > lastId) return fail("stream entry beyond the last ID");
        s.lastId = lastId;
        s.maxDeletedId = maxDeleted;
        s.entriesAdded = entriesAdded;
        uint64_t groups;
        if (!m_c.length(&groups)) return false;
        for (uint64_t g = 0; g < groups; ++g) {
            std::string name;
            StreamId groupLast;
            if (!m_c.string(&name) || !lengthId(&groupLast)) return false;
            int64_t entriesRead;
            if (version2) {
                uint64_t raw;
                if (!m_c.length(&raw)) return false;
                entriesRead = static_cast<int64_t>(raw);
            } else {
                entriesRead = s.estimateDistanceFromFirstEver(groupLast);
            }
            if (s.groups.count(name)) return fail("duplicate stream consumer group");
            StreamGroup &group = s.groups[name];
            group.lastId = groupLast;
            group.entriesRead = entriesRead;
            uint64_t pel;
            if (!m_c.length(&pel)) return false;
            for (uint64_t i = 0; i < pel; ++i) {
                StreamId id;
                uint64_t time, deliveries;
                if (!rawId(&id) || !m_c.littleEndian(8, &time) || !m_c.length(&deliveries))
                    return false;
                StreamNack &nack = group.pel[id];
                nack.deliveryTime = static_cast<int64_t>(time);
                nack.deliveryCount = deliveries;
            }
            uint64_t consumers;
            if (!m_c.length(&consumers)) return false;
            for (uint64_t c = 0; c < consumers; ++c) {
                std::string consumerName;
                uint64_t seen, owned;
                if (!m_c.string(&consumerName) || !m_c.littleEndian(8, &seen) ||
                    !m_c.length(&owned))
                    return false;
                StreamConsumer *consumer = group.createConsumer(consumerName, 0);
                if (!consumer) return fail("duplicate stream consumer");
                consumer->seenTime = static_cast<int64_t>(seen);
                for (uint64_t i = 0; i < owned; ++i) {
                    StreamId id;
                    if (!rawId(&id)) return false;
                    auto it = group.pel.find(id);
                    if (it == group.pel.end() || it->second.consumer)
                        return fail("consumer PEL entry not found in the group PEL");
                    it->second.consumer = consumer;
                    consumer->pel.insert(id);
                }
            }
            for (const auto &[id, nack] : group.pel)
                if (!nack.consumer) return fail("group PEL entry without a consumer");
        }
        return true;
    }

    Cursor &m_c;
    const RdbLoadOptions &m_options; // the server's encoding limits
    size_t m_start = 0;
};

} // namespace

bool loadRdb(std::string_view data, std::vector<std::unique_ptr<Database>> &dbs,
             const RdbLoadOptions &options, RdbLoadStats *stats, std::string *error)
{
    Cursor c(data);
    return loadRdb(c, dbs, options, stats, error);
}

bool loadRdb(rdb::Cursor &c, std::vector<std::unique_ptr<Database>> &dbs,
             const RdbLoadOptions &options, RdbLoadStats *stats, std::string *error)
{
    ValueLoader values(c, options);
    int version = 0;
    auto finish = [&](bool ok) {
        if (!ok) *error = c.error();
        return ok;
    };
    if (!readHeader(c, &version)) return finish(false);

    Database *db = dbs.empty() ? nullptr : dbs[0].get();
    int64_t expireAt = -1;
    size_t nextProgress = options.progressEveryBytes;
    while (true) {
        const size_t opStart = c.offset();
        if (options.progress && opStart >= nextProgress) {
            options.progress(opStart);
            nextProgress = opStart + options.progressEveryBytes;
        }
        uint8_t type;
        if (!c.byte(&type)) return finish(false);
        switch (type) {
        case rdb::kOpEof: {
            const size_t eofEnd = c.offset();
            const uint64_t computed = c.checksum();
            if (version >= 5) {
                uint64_t stored;
                if (!c.littleEndian(8, &stored)) return finish(false);
                if (stored != 0 && stored != computed) {
                    c.setErrorPos(eofEnd);
                    return finish(c.fail("RDB checksum mismatch (wrong CRC-64)"));
                }
            }
            stats->bytesConsumed = c.offset();
            return true;
        }
        case rdb::kOpSelectDb: {
            uint64_t index;
            if (!c.length(&index)) return finish(false);
            if (index >= dbs.size()) {
                c.setErrorPos(opStart);
                return finish(c.fail("SELECTDB " + std::to_string(index) +
                                     " out of range (databases " + std::to_string(dbs.size()) +
                                     ")"));
            }
            db = dbs[index].get();
            continue;
        }
        case rdb::kOpResizeDb: {
            uint64_t keys, expires;
            if (!c.length(&keys) || !c.length(&expires)) return finish(false);
            continue;
        }
        case rdb::kOpExpireTime: {
            uint64_t seconds;
            if (!c.littleEndian(4, &seconds)) return finish(false);
            expireAt = static_cast<int64_t>(seconds) * 1000;
            continue;
        }
        case rdb::kOpExpireTimeMs: {
            uint64_t ms;
            if (!c.littleEndian(8, &ms)) return finish(false);
            expireAt = static_cast<int64_t>(ms);
            continue;
        }
        case rdb::kOpIdle: {
            uint64_t idle;
            if (!c.length(&idle)) return finish(false);
            continue;
        }
        case rdb::kOpFreq: {
            uint8_t freq;
            if (!c.byte(&freq)) return finish(false);
            continue;
        }
        case rdb::kOpAux: {
            std::string key, value;
            if (!c.string(&key) || !c.string(&value)) return finish(false);
            if (key == "redis-ver")
                stats->redisVersion = value;
            else if (key == "aof-base")
                stats->aofBase = value == "1";
            else if (key == "used-mem")
                stats->rdbUsedMem = std::strtoull(value.c_str(), nullptr, 10);
            continue;
        }
        case rdb::kOpModuleAux:
            c.setErrorPos(opStart);
            return finish(c.fail("module auxiliary data (MODULE_AUX): modules are not supported"));
        case rdb::kOpFunction2: {
            std::string code;
            if (!c.string(&code)) return finish(false);
            stats->functionLibraries.push_back(std::move(code));
            continue;
        }
        case rdb::kOpFunction:
            c.setErrorPos(opStart);
            return finish(c.fail("function library of a 7.0 release candidate (FUNCTION): "
                                 "not supported"));
        default:
            break;
        }
        // A key-value pair of the given type.
        const size_t keyStart = c.offset();
        std::string key;
        if (!c.string(&key)) return finish(false);
        Value value;
        if (!values.load(type, &value)) return finish(false);
        const int64_t when = expireAt;
        expireAt = -1;
        if (!db) {
            c.setErrorPos(keyStart);
            return finish(c.fail("key outside any database"));
        }
        if (value.type() != ValueType::String && value.isEmptyCollection()) {
            ++stats->emptyKeysSkipped;
            continue;
        }
        if (options.skipExpired && when != -1 && when < options.nowMs) {
            ++stats->keysExpired;
        } else {
            if (!db->add(key, std::move(value))) {
                c.setErrorPos(keyStart);
                return finish(c.fail("duplicate key '" + key.substr(0, 64) + "'"));
            }
            if (when != -1) db->setExpireAt(key, when);
            ++stats->keysLoaded;
        }
        if (options.keyDelayUs) debugDelay(options.keyDelayUs);
    }
}

bool loadRdbValue(std::string_view data, const RdbLoadOptions &options, Value *out,
                  size_t *consumed, std::string *error)
{
    Cursor c(data);
    ValueLoader values(c, options);
    uint8_t type;
    if (!c.byte(&type) || !values.load(type, out)) {
        *error = c.error();
        return false;
    }
    *consumed = c.offset();
    return true;
}

bool loadRdbValueAt(rdb::Cursor &cursor, uint8_t type, const RdbLoadOptions &options, Value *out)
{
    ValueLoader values(cursor, options);
    return values.load(type, out);
}

} // namespace redscope::engine
