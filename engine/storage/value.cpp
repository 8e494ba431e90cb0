// Type names, honest encoding names, deep copies and memory estimates for Value.
#include "storage/value.h"

#include "storage/zset.h"
#include "util/strings.h"

namespace redscope::engine {

void SortedSetDeleter::operator()(SortedSet *set) const { delete set; }

Value Value::newSortedSet() { return Value(SortedSetPtr(new SortedSet())); }

const char *valueTypeName(ValueType type)
{
    switch (type) {
    case ValueType::String: return "string";
    case ValueType::List: return "list";
    case ValueType::Hash: return "hash";
    case ValueType::Set: return "set";
    case ValueType::ZSet: return "zset";
    }
    return "none";
}

const char *Value::typeName() const { return valueTypeName(type()); }

bool Value::isEmptyCollection() const
{
    switch (type()) {
    case ValueType::String: return false;
    case ValueType::List: return list().empty();
    case ValueType::Hash: return hash().size() == 0;
    case ValueType::Set: return set().size() == 0;
    case ValueType::ZSet: return zset().size() == 0;
    }
    return false;
}

const char *Value::encodingName() const
{
    switch (type()) {
    case ValueType::String: {
        int64_t number;
        const std::string &text = string();
        if (text.size() <= 20 && parseInt64(text, &number)) return "int";
        return text.size() <= 44 ? "embstr" : "raw";
    }
    case ValueType::List: return "quicklist";
    case ValueType::Hash: return "hashtable";
    case ValueType::Set: return "hashtable";
    case ValueType::ZSet: return "skiplist";
    }
    return "unknown";
}

Value Value::clone() const
{
    Value copy;
    switch (type()) {
    case ValueType::String: copy = Value(string()); break;
    case ValueType::List: copy = Value(std::make_unique<ListValue>(list())); break;
    case ValueType::Hash: {
        auto hashCopy = std::make_unique<HashValue>();
        const_cast<HashValue &>(hash()).forEach([&](const std::string &field, std::string &v) {
            hashCopy->tryEmplace(field, v);
        });
        copy = Value(std::move(hashCopy));
        break;
    }
    case ValueType::Set: {
        auto setCopy = std::make_unique<SetValue>();
        const_cast<SetValue &>(set()).forEach(
            [&](const std::string &member, SetMarker &) { setCopy->tryEmplace(member); });
        copy = Value(std::move(setCopy));
        break;
    }
    case ValueType::ZSet: {
        SortedSetPtr zsetCopy(new SortedSet());
        zset().forRange(0, zset().size() ? zset().size() - 1 : 0, false,
                        [&](const std::string &member, double score) {
                            zsetCopy->add(member, score);
                        });
        zsetCopy->setPacked(zset().packed()); // COPY keeps the encoding, as in Redis
        copy = Value(std::move(zsetCopy));
        break;
    }
    }
    // Like Redis's COPY, the copy is a new object: Database stamps its access data when it is
    // stored.
    return copy;
}

size_t Value::memoryUsage() const
{
    constexpr size_t kEntryOverhead = 48; // node, pointers and allocator rounding
    switch (type()) {
    case ValueType::String: {
        size_t length = string().size();
        return sizeof(Value) + (length > 15 ? length + 1 : 0);
    }
    case ValueType::List: {
        size_t bytes = sizeof(Value) + sizeof(ListValue);
        for (const std::string &item : list())
            bytes += sizeof(std::string) + (item.size() > 15 ? item.size() + 1 : 0);
        return bytes;
    }
    case ValueType::Hash: {
        size_t bytes = sizeof(Value) + sizeof(HashValue) + hash().bucketCount() * sizeof(void *);
        const_cast<HashValue &>(hash()).forEach([&](const std::string &f, std::string &v) {
            bytes += kEntryOverhead + f.size() + v.size();
        });
        return bytes;
    }
    case ValueType::Set: {
        size_t bytes = sizeof(Value) + sizeof(SetValue) + set().bucketCount() * sizeof(void *);
        const_cast<SetValue &>(set()).forEach(
            [&](const std::string &m, SetMarker &) { bytes += kEntryOverhead + m.size(); });
        return bytes;
    }
    case ValueType::ZSet: return sizeof(Value) + zset().memoryUsage();
    }
    return sizeof(Value);
}

int64_t Value::idleMs(int64_t nowMs) const
{
    uint32_t now = lruClockAt(nowMs);
    uint32_t then = lruClock;
    uint32_t seconds = now >= then ? now - then : (0xFFFFFF - then) + now;
    return static_cast<int64_t>(seconds) * 1000;
}

namespace {

size_t stringHeapBytes(const std::string &text)
{
    return text.capacity() > 15 ? text.capacity() + 1 : 0; // beyond the small-string buffer
}

// Collections up to kExactElements are measured exactly; bigger ones from kSampledElements
// elements (a hash looks at no more than kMaxScanSteps buckets): this runs after every write
// to the key, so it must stay O(1).
constexpr size_t kExactElements = 32;
constexpr size_t kSampledElements = 4;
constexpr int kMaxScanSteps = 8;

} // namespace

size_t Value::accountingBytes() const
{
    switch (type()) {
    case ValueType::String: return stringHeapBytes(string());
    case ValueType::List: {
        const ListValue &items = list();
        // libstdc++'s deque: 512-byte blocks of 16 strings plus the block map.
        size_t bytes = sizeof(ListValue) + (items.size() / 16 + 1) * (512 + sizeof(void *)) + 64;
        if (items.size() <= kExactElements) {
            for (const std::string &item : items) bytes += stringHeapBytes(item);
            return bytes;
        }
        size_t sampled = 0;
        size_t stride = items.size() / kSampledElements;
        for (size_t i = 0; i < kSampledElements; ++i)
            sampled += stringHeapBytes(items[i * stride]);
        return bytes + sampled * items.size() / kSampledElements;
    }
    case ValueType::Hash: {
        HashValue &fields = const_cast<HashValue &>(hash());
        size_t bytes = fields.memoryUsage(); // nodes, buckets and field bytes: O(1)
        size_t seen = 0, valueBytes = 0;
        uint64_t cursor = 0;
        int steps = 0;
        bool exact = fields.size() <= kExactElements;
        // The first buckets hold fields in hash order, which is as good as a random sample.
        do {
            cursor = fields.scan(cursor, [&](const std::string &, std::string &v) {
                valueBytes += stringHeapBytes(v);
                ++seen;
            });
            ++steps;
        } while (cursor != 0 && (exact || (seen < kSampledElements && steps < kMaxScanSteps)));
        if (seen == 0) return bytes;
        return bytes + valueBytes * fields.size() / seen;
    }
    case ValueType::Set: return set().memoryUsage();
    case ValueType::ZSet: return zset().memoryUsage();
    }
    return 0;
}

} // namespace redscope::engine
