// IdVector: the id lists of KeyTree's namespaces (their child namespaces, their keys). Most
// namespaces of a real keyspace hold one or two entries ("user:42" holding only
// "user:42:friends": half a million such at 10M keys): a std::vector costs 24 bytes plus a heap
// block of at least 32 for each of them. This costs 16 bytes and keeps up to two ids inline,
// without an allocation; longer lists live in a malloc'd array grown by half (realloc, as ids
// are plain integers), and reserve() sizes it exactly (a sort builds its lists that way).
// Only the part of std::vector's interface KeyTree and its model use, with pointer iterators.
#pragma once

#include <QtGlobal>

#include <cstdlib>
#include <cstring>
#include <new>

namespace redscope {

class IdVector
{
public:
    using value_type = quint32;
    using iterator = quint32 *;
    using const_iterator = const quint32 *;

    IdVector() = default;
    IdVector(const IdVector &other) { copyFrom(other); }
    IdVector(IdVector &&other) noexcept { take(other); }
    IdVector &operator=(const IdVector &other)
    {
        if (this != &other) {
            release();
            copyFrom(other);
        }
        return *this;
    }
    IdVector &operator=(IdVector &&other) noexcept
    {
        if (this != &other) {
            release();
            take(other);
        }
        return *this;
    }
    ~IdVector() { release(); }

    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    size_t capacity() const { return m_capacity; }
    // Bytes of the heap array, none while the ids fit inline.
    size_t heapBytes() const { return onHeap() ? size_t(m_capacity) * sizeof(quint32) : 0; }

    quint32 *data() { return onHeap() ? m_heap : m_inline; }
    const quint32 *data() const { return onHeap() ? m_heap : m_inline; }
    iterator begin() { return data(); }
    iterator end() { return data() + m_size; }
    const_iterator begin() const { return data(); }
    const_iterator end() const { return data() + m_size; }
    quint32 &operator[](size_t i) { return data()[i]; }
    quint32 operator[](size_t i) const { return data()[i]; }
    quint32 back() const { return data()[m_size - 1]; }

    void push_back(quint32 id)
    {
        if (m_size == m_capacity) resize(m_capacity + m_capacity / 2);
        data()[m_size++] = id;
    }
    void reserve(size_t n) // exactly n, if more than the capacity
    {
        if (n > m_capacity) resize(n);
    }
    iterator erase(const_iterator at)
    {
        const size_t i = size_t(at - data());
        std::memmove(data() + i, data() + i + 1, (m_size - i - 1) * sizeof(quint32));
        --m_size;
        return data() + i;
    }
    void clear() // frees the array, as assigning an empty std::vector would
    {
        release();
        m_size = 0;
        m_capacity = kInline;
    }
    void swap(IdVector &other) noexcept
    {
        IdVector held(static_cast<IdVector &&>(other));
        other = static_cast<IdVector &&>(*this);
        *this = static_cast<IdVector &&>(held);
    }

private:
    static constexpr quint32 kInline = 2;

    bool onHeap() const { return m_capacity > kInline; }
    void resize(size_t capacity)
    {
        if (capacity <= kInline) return;
        const size_t bytes = capacity * sizeof(quint32);
        quint32 *array = nullptr;
        if (onHeap()) {
            array = static_cast<quint32 *>(std::realloc(m_heap, bytes));
        } else {
            array = static_cast<quint32 *>(std::malloc(bytes));
            if (array) std::memcpy(array, m_inline, m_size * sizeof(quint32));
        }
        if (!array) throw std::bad_alloc();
        m_heap = array;
        m_capacity = quint32(capacity);
    }
    void release()
    {
        if (onHeap()) std::free(m_heap);
    }
    void take(IdVector &other)
    {
        m_size = other.m_size;
        m_capacity = other.m_capacity;
        std::memcpy(m_inline, other.m_inline, sizeof m_inline); // the pointer or the ids
        other.m_size = 0;
        other.m_capacity = kInline;
    }
    void copyFrom(const IdVector &other)
    {
        m_size = 0;
        m_capacity = kInline;
        reserve(other.m_size);
        if (other.m_size) std::memcpy(data(), other.data(), other.m_size * sizeof(quint32));
        m_size = other.m_size;
    }

    quint32 m_size = 0;
    quint32 m_capacity = kInline;
    union {
        quint32 m_inline[kInline] = {0, 0};
        quint32 *m_heap;
    };
};

} // namespace redscope
