// Type names, honest encoding names, deep copies and memory estimates for Value.
#include "storage/value.h"

#include "util/strings.h"

namespace redscope::engine {

const char *valueTypeName(ValueType type)
{
    switch (type) {
    case ValueType::String:
        return "string";
    case ValueType::List:
        return "list";
    case ValueType::Hash:
        return "hash";
    case ValueType::Set:
        return "set";
    case ValueType::ZSet:
        return "zset";
    case ValueType::Stream:
        return "stream";
    }
    return "none";
}

const char *Value::typeName() const
{
    return valueTypeName(type());
}

bool Value::isEmptyCollection() const
{
    switch (type()) {
    case ValueType::String:
        return false;
    case ValueType::List:
        return list().empty();
    case ValueType::Hash:
        return hash().size() == 0;
    case ValueType::Set:
        return set().size() == 0;
    case ValueType::ZSet:
        return zset().size() == 0;
    case ValueType::Stream:
        return false; // an empty stream is a key of its own, as in Redis
    }
    return false;
}

const char *Value::encodingName() const
{
    switch (type()) {
    case ValueType::String: {
        int64_t number;
        const std::string &text = string();
        if (m_rawString) return "raw";
        if (text.size() <= 20 && parseInt64(text, &number)) return "int";
        return text.size() <= 44 ? "embstr" : "raw";
    }
    case ValueType::List:
        return "quicklist";
    case ValueType::Hash:
        return hash().encodingName();
    case ValueType::Set:
        return set().encodingName();
    case ValueType::ZSet:
        return zset().encodingName();
    case ValueType::Stream:
        return "stream";
    }
    return "unknown";
}

Value Value::clone() const
{
    Value copy;
    switch (type()) {
    case ValueType::String:
        copy = Value(string());
        copy.m_rawString = m_rawString; // COPY duplicates a raw string as raw
        break;
    case ValueType::List:
        copy = Value(std::make_unique<ListValue>(list()));
        break;
    case ValueType::Hash:
        copy = Value(hash().clone()); // same encoding, as Redis's COPY
        break;
    case ValueType::Set:
        copy = Value(set().clone());
        break;
    case ValueType::ZSet:
        copy = Value(zset().clone()); // COPY keeps the encoding, as in Redis
        break;
    case ValueType::Stream:
        copy = Value(std::make_unique<Stream>(stream())); // groups and PELs included
        break;
    }
    // Like Redis's COPY, the copy is a new object: Database stamps its access data when it is
    // stored.
    return copy;
}

size_t Value::memoryUsage(size_t samples) const
{
    constexpr size_t kEntryOverhead = 48; // node, pointers and allocator rounding
    // Walks buckets from cursor 0 until `samples` elements were seen (0: all of them) and
    // scales their average up to the whole collection, as MEMORY USAGE's SAMPLES does in
    // Redis: the key browser asks it for every visible row, a 1M-field hash included.
    // Works on a Dict (scan passes key and value) and on a SetValue (member only).
    auto sampled = [samples](auto &dict, auto &&elementBytes) {
        size_t seen = 0, bytes = 0;
        uint64_t cursor = 0;
        int steps = 0;
        do {
            cursor = dict.scan(cursor, [&](std::string_view key, auto &...value) {
                bytes += kEntryOverhead + key.size() + (size_t{0} + ... + elementBytes(value));
                ++seen;
            });
            ++steps;
        } while (cursor != 0 && (samples == 0 || (seen < samples && steps < 1024)));
        return seen == 0 ? 0 : (seen >= dict.size() ? bytes : bytes / seen * dict.size());
    };
    switch (type()) {
    case ValueType::String: {
        size_t length = string().size();
        return sizeof(Value) + (length > 15 ? length + 1 : 0);
    }
    case ValueType::List:
        return sizeof(Value) + list().allocatedBytes();
    case ValueType::Hash:
        return sizeof(Value) + hash().memoryUsage(samples);
    case ValueType::Set:
        // An IntSet is one block, measured exactly; a hash table as a hash is.
        if (set().isIntSet()) return sizeof(Value) + set().heapBytes();
        return sizeof(Value) + sizeof(SetValue::Table) + set().bucketCount() * sizeof(void *) +
               sampled(const_cast<SetValue &>(set()), [](auto &) { return size_t{0}; });
    case ValueType::ZSet:
        return sizeof(Value) + zset().memoryUsage();
    case ValueType::Stream:
        return sizeof(Value) + sizeof(Stream) + stream().memoryUsage();
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

} // namespace

size_t Value::accountingBytes() const
{
    switch (type()) {
    case ValueType::String:
        return stringHeapBytes(string());
    case ValueType::List:
        return list().allocatedBytes(); // kept up to date: O(1)
    case ValueType::Hash:
        return hash().accountingBytes(); // O(1), see hash_value.h
    case ValueType::Set:
        return set().heapBytes(); // O(1) in both representations
    case ValueType::ZSet:
        return zset().memoryUsage();
    case ValueType::Stream:
        return sizeof(Stream) + stream().memoryUsage();
    }
    return 0;
}

} // namespace redscope::engine
