// The replication backlog's ring buffer (see replication_backlog.h).
#include "replication/replication_backlog.h"

#include <algorithm>
#include <cstring>

namespace redscope::engine {

ReplicationBacklog::ReplicationBacklog(size_t capacity, int64_t endOffset)
    : m_buffer(std::max<size_t>(capacity, 16 * 1024), '\0')
    , m_endOffset(endOffset)
{
}

void ReplicationBacklog::append(std::string_view bytes)
{
    m_endOffset += static_cast<int64_t>(bytes.size());
    const size_t cap = m_buffer.size();
    if (bytes.size() >= cap) { // only the tail survives
        bytes.remove_prefix(bytes.size() - cap);
        std::memcpy(m_buffer.data(), bytes.data(), cap);
        m_writePos = 0;
        m_length = cap;
        return;
    }
    const size_t first = std::min(bytes.size(), cap - m_writePos);
    std::memcpy(m_buffer.data() + m_writePos, bytes.data(), first);
    std::memcpy(m_buffer.data(), bytes.data() + first, bytes.size() - first);
    m_writePos = (m_writePos + bytes.size()) % cap;
    m_length = std::min(cap, m_length + bytes.size());
}

bool ReplicationBacklog::copyFrom(int64_t offset, std::string *out) const
{
    const int64_t startOffset = m_endOffset - static_cast<int64_t>(m_length);
    if (offset < startOffset || offset > m_endOffset) return false;
    const size_t wanted = static_cast<size_t>(m_endOffset - offset);
    const size_t cap = m_buffer.size();
    const size_t begin = (m_writePos + cap - wanted) % cap;
    out->clear();
    out->reserve(wanted);
    const size_t first = std::min(wanted, cap - begin);
    out->append(m_buffer.data() + begin, first);
    out->append(m_buffer.data(), wanted - first);
    return true;
}

void ReplicationBacklog::resize(size_t capacity)
{
    capacity = std::max<size_t>(capacity, 16 * 1024);
    if (capacity == m_buffer.size()) return;
    std::string held;
    copyFrom(m_endOffset - static_cast<int64_t>(m_length), &held);
    const int64_t end = m_endOffset;
    m_buffer.assign(capacity, '\0');
    m_writePos = 0;
    m_length = 0;
    m_endOffset = end - static_cast<int64_t>(held.size());
    append(held);
}

} // namespace redscope::engine
