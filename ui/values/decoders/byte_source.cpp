// ByteSource implementations. find() reads 1 MB windows that overlap by the needle's length
// minus one, so a match across a window boundary is found once.
#include "values/decoders/byte_source.h"

#include <QPointer>

namespace redscope {

static constexpr qint64 kFindWindow = 1024 * 1024;

void ByteSource::find(const QByteArray &needle, qint64 from, bool backward,
                      std::function<void(qint64)> done)
{
    const quint64 generation = ++m_findGeneration;
    if (needle.isEmpty() || size() == 0) {
        done(-1);
        return;
    }
    findStep(needle, qBound<qint64>(0, from, size() - 1), backward, generation, std::move(done));
}

void ByteSource::findStep(const QByteArray &needle, qint64 pos, bool backward, quint64 generation,
                          std::function<void(qint64)> done)
{
    // Forward: the window [pos, pos + window + n - 1); backward: the window that ends at
    // pos + n (a match starting at pos counts).
    const qint64 n = needle.size();
    qint64 start = backward ? qMax<qint64>(0, pos + n - kFindWindow) : pos;
    qint64 end = backward ? qMin(size(), pos + n) : qMin(size(), pos + kFindWindow + n - 1);
    if (start >= end) {
        done(-1);
        return;
    }
    read(start, end - start,
         [this, needle, pos, backward, generation, done, start, end](const Result<QByteArray> &r) {
             if (generation != m_findGeneration) return;
             if (!r.ok()) {
                 done(-1);
                 return;
             }
             const qsizetype at =
                 backward ? r.value.lastIndexOf(needle, pos - start) : r.value.indexOf(needle);
             if (at >= 0) {
                 done(start + at);
                 return;
             }
             if (backward ? start == 0 : end >= size()) {
                 done(-1);
                 return;
             }
             const qint64 next = backward ? start - 1 : end - needle.size() + 1;
             findStep(needle, next, backward, generation, done);
         });
}

MemoryByteSource::MemoryByteSource(QByteArray bytes, QObject *parent)
    : ByteSource(parent)
    , m_bytes(std::move(bytes))
{
}

QByteArray MemoryByteSource::peek(qint64 offset, qint64 length)
{
    return m_bytes.mid(offset, length);
}

void MemoryByteSource::read(qint64 offset, qint64 length, Done done)
{
    done(Result<QByteArray>(m_bytes.mid(offset, length)));
}

void MemoryByteSource::apply(const QList<BytePatch> &patches)
{
    for (const BytePatch &patch : patches) {
        if (patch.offset + patch.after.size() <= m_bytes.size())
            m_bytes.replace(patch.offset, patch.after.size(), patch.after);
    }
    emit arrived();
}

RangedByteSource::RangedByteSource(qint64 size, Fetch fetch, QObject *parent)
    : ByteSource(parent)
    , m_size(size)
    , m_fetch(std::move(fetch))
{
}

void RangedByteSource::touch(qint64 page)
{
    m_lru.remove(page);
    m_lru.push_front(page);
    while (m_lru.size() > size_t(kMaxPages)) {
        m_pages.erase(m_lru.back());
        m_lru.pop_back();
    }
}

QByteArray RangedByteSource::peek(qint64 offset, qint64 length)
{
    length = qMin(length, m_size - offset);
    if (length <= 0) return {};
    const qint64 first = offset / kPageBytes;
    const qint64 last = (offset + length - 1) / kPageBytes;
    bool missing = false;
    for (qint64 page = first; page <= last; ++page) {
        if (!m_pages.count(page)) {
            request(page);
            missing = true;
        }
    }
    if (missing) return {};
    QByteArray out;
    out.reserve(length);
    for (qint64 page = first; page <= last; ++page) {
        const QByteArray &bytes = m_pages[page];
        const qint64 pageStart = page * kPageBytes;
        const qint64 from = qMax(offset, pageStart) - pageStart;
        const qint64 to = qMin(offset + length, pageStart + bytes.size()) - pageStart;
        if (to > from) out.append(bytes.constData() + from, to - from);
        touch(page);
    }
    return out;
}

void RangedByteSource::read(qint64 offset, qint64 length, Done done)
{
    length = qMin(length, m_size - offset);
    if (length <= 0) {
        done(Result<QByteArray>(QByteArray()));
        return;
    }
    // A large read (the search's 1 MB windows) is one GETRANGE, not cached page by page.
    if (length > 2 * kPageBytes) {
        m_fetch(offset, offset + length - 1, this, std::move(done));
        return;
    }
    const QByteArray here = peek(offset, length);
    if (!here.isEmpty()) {
        done(Result<QByteArray>(here));
        return;
    }
    m_pending.emplace_back(offset, length, std::move(done));
}

void RangedByteSource::request(qint64 page)
{
    if (m_inFlight.count(page)) return;
    m_inFlight.insert(page);
    const qint64 start = page * kPageBytes;
    const qint64 end = qMin(m_size, start + kPageBytes) - 1;
    m_fetch(start, end, this, [this, page](const Result<QByteArray> &bytes) {
        m_inFlight.erase(page);
        if (m_stale.erase(page)) { // read before a save that changed it
            request(page);
            return;
        }
        if (!bytes.ok()) {
            m_error = bytes.error;
            emit arrived();
            return;
        }
        m_pages[page] = bytes.value;
        touch(page);
        tryPending();
        emit arrived();
    });
}

void RangedByteSource::apply(const QList<BytePatch> &patches)
{
    for (const BytePatch &patch : patches) {
        for (qint64 i = 0; i < patch.after.size(); ++i) {
            const qint64 at = patch.offset + i;
            const qint64 page = at / kPageBytes;
            if (m_inFlight.count(page)) m_stale.insert(page);
            const auto it = m_pages.find(page);
            if (it != m_pages.end() && at - page * kPageBytes < it->second.size())
                it->second[at - page * kPageBytes] = patch.after[i];
        }
    }
    emit arrived();
}

void RangedByteSource::tryPending()
{
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto &[offset, length, done] : pending) {
        const QByteArray here = peek(offset, length);
        if (here.isEmpty())
            m_pending.emplace_back(offset, length, std::move(done));
        else
            done(Result<QByteArray>(here));
    }
}

} // namespace redscope
