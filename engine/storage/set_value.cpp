// SetValue's conversions between its two representations, random picks and memory figures
// (see set_value.h).
#include "storage/set_value.h"

#include <algorithm>
#include <numeric>

namespace redscope::engine {

SetValue SetValue::withExpectedSize(size_t expected, size_t maxIntsetEntries)
{
    SetValue set;
    if (expected > std::min(maxIntsetEntries, kIntsetHardLimit))
        set.m_table = std::make_unique<Table>();
    return set;
}

SetValue SetValue::clone() const
{
    SetValue copy;
    if (!m_table) {
        copy.m_ints = m_ints.clone();
        return copy;
    }
    copy.m_table = std::make_unique<Table>();
    forEach([&](std::string_view member) { copy.m_table->tryEmplace(member); });
    return copy;
}

bool SetValue::contains(std::string_view member) const
{
    if (m_table) return m_table->contains(member);
    int64_t v;
    return IntSet::parseMember(member, &v) && m_ints.contains(v);
}

bool SetValue::add(std::string_view member, size_t maxIntsetEntries)
{
    if (!m_table) {
        int64_t v;
        if (IntSet::parseMember(member, &v)) {
            if (!m_ints.insert(v)) return false;
            if (m_ints.size() > std::min(maxIntsetEntries, kIntsetHardLimit)) convertToTable();
            return true;
        }
        convertToTable();
    }
    return m_table->tryEmplace(member).second;
}

bool SetValue::remove(std::string_view member)
{
    if (m_table) return m_table->erase(member);
    int64_t v;
    return IntSet::parseMember(member, &v) && m_ints.erase(v);
}

void SetValue::convertToTable()
{
    if (m_table) return;
    auto table = std::make_unique<Table>();
    char text[24];
    m_ints.forEach([&](int64_t v) { table->tryEmplace(format(v, text)); });
    m_table = std::move(table);
    m_ints = IntSet();
}

std::string SetValue::randomMember(std::mt19937_64 &rng) const
{
    if (m_table) return std::string(*m_table->uniformRandomEntry(rng).first);
    char text[24];
    const size_t index = std::uniform_int_distribution<size_t>(0, m_ints.size() - 1)(rng);
    return std::string(format(m_ints.at(index), text));
}

std::vector<std::string> SetValue::sampleDistinct(size_t count, std::mt19937_64 &rng) const
{
    std::vector<std::string> picked;
    picked.reserve(count);
    if (!m_table) {
        // At most set-max-intset-entries members: shuffling their indexes is cheap.
        std::vector<size_t> indexes(m_ints.size());
        std::iota(indexes.begin(), indexes.end(), size_t{0});
        std::shuffle(indexes.begin(), indexes.end(), rng);
        char text[24];
        for (size_t i = 0; i < count; ++i)
            picked.emplace_back(format(m_ints.at(indexes[i]), text));
        return picked;
    }
    for (auto [member, marker] : engine::sampleDistinct(*m_table, count, rng))
        picked.emplace_back(member);
    return picked;
}

} // namespace redscope::engine
