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
    copy.accessClock = accessClock;
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

} // namespace redscope::engine
