// copyToRdbValue (rdb_value_copy.h): every element of a decoded value, in the order the
// value's own iteration gives it; scores as Redis formats them, stream ids as "ms-seq".
#include "persistence/rdb_value_copy.h"

#include "storage/value.h"
#include "util/strings.h"

namespace redscope::engine {

void copyToRdbValue(const Value &v, RdbValue *out)
{
    *out = RdbValue{};
    auto &items = out->items;
    switch (v.type()) {
    case ValueType::String:
        out->type = RdbType::String;
        items.push_back(v.string());
        break;
    case ValueType::List:
        out->type = RdbType::List;
        items.reserve(v.list().size());
        v.list().forEach([&items](std::string_view e) { items.emplace_back(e); });
        break;
    case ValueType::Set:
        out->type = RdbType::Set;
        items.reserve(v.set().size());
        v.set().forEach([&items](std::string_view e) { items.emplace_back(e); });
        break;
    case ValueType::Hash:
        out->type = RdbType::Hash;
        items.reserve(v.hash().size() * 2);
        v.hash().forEach([&items](std::string_view f, std::string_view value) {
            items.emplace_back(f);
            items.emplace_back(value);
        });
        break;
    case ValueType::ZSet:
        out->type = RdbType::ZSet;
        items.reserve(v.zset().size() * 2);
        v.zset().forEach([&items](std::string_view member, double score) {
            items.emplace_back(member);
            items.push_back(formatDouble(score));
        });
        break;
    case ValueType::Stream:
        out->type = RdbType::Stream;
        v.stream().range({}, StreamId::max(), false,
                         [out](StreamId id, const Stream::Fields &fields) {
                             RdbStreamEntry entry;
                             entry.id = id.toString();
                             entry.fields.assign(fields.begin(), fields.end());
                             out->streamEntries.push_back(std::move(entry));
                             return true;
                         });
        break;
    }
}

} // namespace redscope::engine
