// HashValue (see hash_value.h): lookups and updates in both representations, the one-way
// conversion to a table, copies and memory figures.
#include "storage/hash_value.h"

namespace redscope::engine {

namespace {

size_t stringHeapBytes(const std::string &text)
{
    return text.capacity() > 15 ? text.capacity() + 1 : 0; // beyond the small-string buffer
}

} // namespace

HashValue HashValue::clone() const
{
    HashValue copy;
    if (!m_table) {
        copy.m_packed = PackedEntries(m_packed);
        return copy;
    }
    copy.m_table = std::make_unique<Table>();
    forEach([&](std::string_view field, std::string_view value) {
        copy.m_table->tryEmplace(field, value);
    });
    return copy;
}

std::optional<std::string_view> HashValue::get(std::string_view field) const
{
    if (m_table) {
        const std::string *value = std::as_const(*m_table).find(field);
        if (!value) return std::nullopt;
        return std::string_view(*value);
    }
    size_t at = m_packed.find(field, 2);
    if (at == PackedEntries::npos) return std::nullopt;
    return pairAt(at).second;
}

bool HashValue::set(std::string_view field, std::string_view value, const HashLimits &limits)
{
    if (!m_table && (field.size() > limits.maxValue || value.size() > limits.maxValue))
        convertToTable();
    if (m_table) {
        auto [slot, inserted] = m_table->tryEmplace(field, value);
        if (!inserted) slot->assign(value);
        return inserted;
    }
    size_t at = m_packed.find(field, 2);
    if (at != PackedEntries::npos) {
        m_packed.replace(m_packed.skip(at, 1), value);
        return false;
    }
    m_packed.append(field);
    m_packed.append(value);
    if (size() > limits.maxEntries) convertToTable();
    return true;
}

bool HashValue::erase(std::string_view field)
{
    if (m_table) return m_table->erase(field);
    size_t at = m_packed.find(field, 2);
    if (at == PackedEntries::npos) return false;
    m_packed.erase(at, 2);
    return true;
}

void HashValue::convertToTable()
{
    if (m_table) return;
    auto table = std::make_unique<Table>();
    forEach(
        [&](std::string_view field, std::string_view value) { table->tryEmplace(field, value); });
    m_table = std::move(table);
    m_packed.clear();
}

size_t HashValue::memoryUsage(size_t samples) const
{
    if (!m_table) return m_packed.allocatedBytes();
    constexpr size_t kEntryOverhead = 48; // node, pointers and allocator rounding
    // Walks buckets from cursor 0 until `samples` fields were seen (0: all of them) and
    // scales their average up to the whole hash, as MEMORY USAGE's SAMPLES does in Redis:
    // the key browser asks it for every visible row, a 1M-field hash included.
    size_t seen = 0, bytes = 0;
    uint64_t cursor = 0;
    int steps = 0;
    do {
        cursor = m_table->scan(cursor, [&](std::string_view field, std::string &value) {
            bytes += kEntryOverhead + field.size() + value.size();
            ++seen;
        });
        ++steps;
    } while (cursor != 0 && (samples == 0 || (seen < samples && steps < 1024)));
    size_t elements = seen == 0 ? 0 : (seen >= size() ? bytes : bytes / seen * size());
    return sizeof(Table) + m_table->bucketCount() * sizeof(void *) + elements;
}

size_t HashValue::accountingBytes() const
{
    if (!m_table) return m_packed.allocatedBytes(); // kept exact by every update: O(1)
    // Tables up to kExactElements are measured exactly; bigger ones from kSampledElements
    // values (looking at no more than kMaxScanSteps buckets): this runs after every write
    // to the key, so it must stay O(1).
    constexpr size_t kExactElements = 32;
    constexpr size_t kSampledElements = 4;
    constexpr int kMaxScanSteps = 8;
    size_t bytes = m_table->memoryUsage(); // nodes, buckets and field bytes: O(1)
    size_t seen = 0, valueBytes = 0;
    uint64_t cursor = 0;
    int steps = 0;
    bool exact = size() <= kExactElements;
    // The first buckets hold fields in hash order, which is as good as a random sample.
    do {
        cursor = m_table->scan(cursor, [&](std::string_view, std::string &value) {
            valueBytes += stringHeapBytes(value);
            ++seen;
        });
        ++steps;
    } while (cursor != 0 && (exact || (seen < kSampledElements && steps < kMaxScanSteps)));
    if (seen == 0) return bytes;
    return bytes + valueBytes * size() / seen;
}

} // namespace redscope::engine
