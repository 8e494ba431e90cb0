// The replication backlog's ring buffer (see replication_backlog.h).
#include "replication/replication_backlog.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace redscope::engine {

namespace {

constexpr size_t kMinCapacity = 16 * 1024;
constexpr size_t kMinGrowth = 16 * 1024;

} // namespace

ReplicationBacklog::ReplicationBacklog(size_t capacity, int64_t endOffset)
    : m_capacity(std::max(capacity, kMinCapacity))
    , m_endOffset(endOffset)
{
}

size_t ReplicationBacklog::allocatedBytes() const
{
    return m_buffer.capacity();
}

void ReplicationBacklog::append(std::string_view bytes)
{
    m_endOffset += static_cast<int64_t>(bytes.size());
    if (bytes.size() >= m_capacity) { // only the tail survives
        bytes.remove_prefix(bytes.size() - m_capacity);
        m_buffer.assign(bytes.begin(), bytes.end());
        m_writePos = 0;
        m_length = m_capacity;
        return;
    }
    if (m_buffer.size() < m_capacity) {
        // Still growing: the history is the buffer, in order.
        const size_t grow = std::min(bytes.size(), m_capacity - m_buffer.size());
        const size_t needed = m_buffer.size() + grow;
        if (needed > m_buffer.capacity()) {
            const size_t step = std::max(kMinGrowth, m_buffer.size() / 8);
            m_buffer.reserve(std::min(m_capacity, std::max(needed, m_buffer.size() + step)));
        }
        m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(grow));
        m_length = m_buffer.size();
        m_writePos = m_buffer.size() == m_capacity ? 0 : m_buffer.size();
        bytes.remove_prefix(grow);
        if (bytes.empty()) return;
    }
    const size_t first = std::min(bytes.size(), m_capacity - m_writePos);
    std::memcpy(m_buffer.data() + m_writePos, bytes.data(), first);
    std::memcpy(m_buffer.data(), bytes.data() + first, bytes.size() - first);
    m_writePos = (m_writePos + bytes.size()) % m_capacity;
    m_length = std::min(m_capacity, m_length + bytes.size());
}

bool ReplicationBacklog::copyFrom(int64_t offset, std::string *out) const
{
    const int64_t startOffset = m_endOffset - static_cast<int64_t>(m_length);
    if (offset < startOffset || offset > m_endOffset) return false;
    const size_t wanted = static_cast<size_t>(m_endOffset - offset);
    out->clear();
    if (wanted == 0) return true;
    out->reserve(wanted);
    if (m_buffer.size() < m_capacity) { // growing: in order
        out->append(m_buffer.data() + m_buffer.size() - wanted, wanted);
        return true;
    }
    const size_t begin = (m_writePos + m_capacity - wanted) % m_capacity;
    const size_t first = std::min(wanted, m_capacity - begin);
    out->append(m_buffer.data() + begin, first);
    out->append(m_buffer.data(), wanted - first);
    return true;
}

void ReplicationBacklog::resize(size_t capacity)
{
    capacity = std::max(capacity, kMinCapacity);
    if (capacity == m_capacity) return;
    std::string held;
    copyFrom(m_endOffset - static_cast<int64_t>(m_length), &held);
    const int64_t end = m_endOffset;
    m_capacity = capacity;
    m_buffer = std::vector<char>();
    m_writePos = 0;
    m_length = 0;
    m_endOffset = end - static_cast<int64_t>(held.size());
    append(held);
}

} // namespace redscope::engine
