// IntSet's block management, binary search, width upgrade and RDB blob conversion (see
// int_set.h for the layout and its costs).
#include "storage/int_set.h"

#include "util/strings.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace redscope::engine {

namespace {

void appendLittleEndian(std::string &out, uint64_t value, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; ++i)
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

uint64_t readLittleEndian(const unsigned char *p, unsigned bytes)
{
    uint64_t value = 0;
    for (unsigned i = 0; i < bytes; ++i)
        value |= uint64_t{p[i]} << (8 * i);
    return value;
}

int64_t signExtend(uint64_t raw, unsigned bytes)
{
    if (bytes == 8) return static_cast<int64_t>(raw);
    const uint64_t sign = uint64_t{1} << (bytes * 8 - 1);
    return static_cast<int64_t>((raw ^ sign) - sign);
}

} // namespace

void IntSet::store(unsigned char *p, unsigned width, int64_t value)
{
    if (width == 2) {
        const auto v = static_cast<int16_t>(value);
        std::memcpy(p, &v, sizeof v);
    } else if (width == 4) {
        const auto v = static_cast<int32_t>(value);
        std::memcpy(p, &v, sizeof v);
    } else {
        std::memcpy(p, &value, sizeof value);
    }
}

IntSet::~IntSet()
{
    std::free(m_data);
}

IntSet::IntSet(IntSet &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_count(std::exchange(other.m_count, 0))
    , m_width(std::exchange(other.m_width, 2))
{
}

IntSet &IntSet::operator=(IntSet &&other) noexcept
{
    if (this != &other) {
        std::free(m_data);
        m_data = std::exchange(other.m_data, nullptr);
        m_count = std::exchange(other.m_count, 0);
        m_width = std::exchange(other.m_width, 2);
    }
    return *this;
}

IntSet IntSet::clone() const
{
    IntSet copy;
    copy.resize(m_width, m_count);
    if (m_count) std::memcpy(copy.m_data, m_data, allocatedBytes());
    copy.m_count = m_count;
    copy.m_width = m_width;
    return copy;
}

unsigned IntSet::widthFor(int64_t value)
{
    if (value >= INT16_MIN && value <= INT16_MAX) return 2;
    if (value >= INT32_MIN && value <= INT32_MAX) return 4;
    return 8;
}

bool IntSet::parseMember(std::string_view text, int64_t *out)
{
    // parseInt64 accepts exactly the canonical texts (Redis's string2ll rules).
    return parseInt64(text, out);
}

bool IntSet::search(int64_t value, size_t *index) const
{
    size_t lo = 0;
    size_t hi = m_count;
    while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        const int64_t v = at(mid);
        if (v < value) {
            lo = mid + 1;
        } else if (v > value) {
            hi = mid;
        } else {
            *index = mid;
            return true;
        }
    }
    *index = lo;
    return false;
}

bool IntSet::contains(int64_t value) const
{
    if (widthFor(value) > m_width) return false;
    size_t index;
    return search(value, &index);
}

void IntSet::resize(unsigned width, size_t count)
{
    if (count == 0) {
        std::free(m_data);
        m_data = nullptr;
        return;
    }
    void *block = std::realloc(m_data, size_t{width} * count);
    if (!block) throw std::bad_alloc();
    m_data = static_cast<unsigned char *>(block);
}

void IntSet::upgradeAndInsert(int64_t value)
{
    const unsigned from = m_width;
    const unsigned to = widthFor(value);
    resize(to, m_count + size_t{1});
    // A value too wide for the old width lies beyond every member: below all of them when
    // negative, above all when positive. Widen from the back so nothing is overwritten
    // before it was read.
    const size_t shift = value < 0 ? 1 : 0;
    for (size_t i = m_count; i-- > 0;)
        store(m_data + (i + shift) * to, to, load(m_data + i * from, from));
    store(m_data + (shift ? 0 : m_count) * to, to, value);
    m_width = to;
    ++m_count;
}

bool IntSet::insert(int64_t value)
{
    if (m_count == 0) {
        // An empty set keeps its width (Redis's does too), unless value needs more.
        m_width = std::max<unsigned>(m_width, widthFor(value));
        resize(m_width, 1);
        store(m_data, m_width, value);
        m_count = 1;
        return true;
    }
    if (widthFor(value) > m_width) {
        upgradeAndInsert(value);
        return true;
    }
    size_t index;
    if (search(value, &index)) return false;
    resize(m_width, m_count + size_t{1});
    unsigned char *at = m_data + index * m_width;
    std::memmove(at + m_width, at, (m_count - index) * m_width);
    store(at, m_width, value);
    ++m_count;
    return true;
}

bool IntSet::erase(int64_t value)
{
    if (widthFor(value) > m_width) return false;
    size_t index;
    if (!search(value, &index)) return false;
    unsigned char *at = m_data + index * m_width;
    std::memmove(at, at + m_width, (m_count - index - 1) * m_width);
    --m_count;
    resize(m_width, m_count); // shrinking: realloc keeps the contents
    return true;
}

std::string IntSet::toBlob() const
{
    std::string blob;
    blob.reserve(kBlobHeaderBytes + allocatedBytes());
    appendLittleEndian(blob, m_width, 4);
    appendLittleEndian(blob, m_count, 4);
    for (size_t i = 0; i < m_count; ++i)
        appendLittleEndian(blob, static_cast<uint64_t>(at(i)), m_width);
    return blob;
}

bool IntSet::fromBlob(std::string_view blob, IntSet *out, std::string *error)
{
    const auto *p = reinterpret_cast<const unsigned char *>(blob.data());
    if (blob.size() < kBlobHeaderBytes) {
        *error = "intset shorter than its header";
        return false;
    }
    const auto width = static_cast<unsigned>(readLittleEndian(p, 4));
    const uint64_t count = readLittleEndian(p + 4, 4);
    if (width != 2 && width != 4 && width != 8) {
        *error = "invalid intset encoding";
        return false;
    }
    if (kBlobHeaderBytes + width * count != blob.size()) {
        *error = "intset size does not match its count";
        return false;
    }
    IntSet result;
    result.resize(width, count);
    result.m_width = width;
    for (uint64_t i = 0; i < count; ++i) {
        const int64_t v =
            signExtend(readLittleEndian(p + kBlobHeaderBytes + i * width, width), width);
        if (i > 0 && v <= result.at(i - 1)) {
            *error = "intset members not strictly ascending";
            return false;
        }
        store(result.m_data + i * width, width, v);
        result.m_count = static_cast<uint32_t>(i + 1);
    }
    *out = std::move(result);
    return true;
}

} // namespace redscope::engine
