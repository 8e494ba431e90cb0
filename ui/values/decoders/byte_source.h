// ByteSource: where the decoder pane's byte views get their bytes. MemoryByteSource holds a
// whole value; RangedByteSource reads a big one in pages through a fetch function the owner
// gives (the string view passes ValueService::stringRange, i.e. GETRANGE), keeps at most
// kMaxPages pages (LRU), and says arrived() when a page it was asked for comes in. So a 512 MB
// string costs a few MB however far the view scrolls. find() searches forward or backward
// page by page, asynchronously, for the text search.
#pragma once

#include "connection/service.h"
#include "values/value_service.h"

#include <QByteArray>
#include <QObject>

#include <functional>
#include <list>
#include <map>
#include <set>

namespace redscope {

class ByteSource : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const Result<QByteArray> &)>;

    using QObject::QObject;
    virtual qint64 size() const = 0;
    // The bytes in [offset, offset + length) when all are here; otherwise an empty array, and
    // arrived() follows once they are (the view repaints then).
    virtual QByteArray peek(qint64 offset, qint64 length) = 0;
    // The bytes in [offset, offset + length), now or later; done is owned by this source.
    virtual void read(qint64 offset, qint64 length, Done done) = 0;

    // The first offset of needle at or after from (backward: at or before from), -1 when
    // none; reads page by page, and stops when the source or the returned cancel token dies.
    void find(const QByteArray &needle, qint64 from, bool backward,
              std::function<void(qint64)> done);
    void cancelFind() { ++m_findGeneration; }
    // The patches were written to the value: what is held here shows them from now on.
    virtual void apply(const QList<BytePatch> &patches) = 0;

signals:
    void arrived();

private:
    void findStep(const QByteArray &needle, qint64 pos, bool backward, quint64 generation,
                  std::function<void(qint64)> done);
    quint64 m_findGeneration = 0;
};

class MemoryByteSource : public ByteSource
{
    Q_OBJECT

public:
    explicit MemoryByteSource(QByteArray bytes, QObject *parent = nullptr);
    qint64 size() const override { return m_bytes.size(); }
    QByteArray peek(qint64 offset, qint64 length) override;
    void read(qint64 offset, qint64 length, Done done) override;
    void apply(const QList<BytePatch> &patches) override;
    QByteArray bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
};

class RangedByteSource : public ByteSource
{
    Q_OBJECT

public:
    static constexpr qint64 kPageBytes = 64 * 1024;
    static constexpr int kMaxPages = 64; // 4 MB

    // Reads [start, end] inclusive; the callback belongs to receiver (cancelled with it).
    using Fetch = std::function<void(qint64 start, qint64 end, QObject *receiver, Done done)>;

    RangedByteSource(qint64 size, Fetch fetch, QObject *parent = nullptr);
    qint64 size() const override { return m_size; }
    QByteArray peek(qint64 offset, qint64 length) override;
    void read(qint64 offset, qint64 length, Done done) override;
    void apply(const QList<BytePatch> &patches) override; // cached pages; in flight: read again
    int cachedPages() const { return int(m_pages.size()); }
    QString error() const { return m_error; }

private:
    void request(qint64 page);
    void touch(qint64 page);
    void tryPending();

    qint64 m_size;
    Fetch m_fetch;
    std::map<qint64, QByteArray> m_pages;
    std::list<qint64> m_lru; // most recent first
    std::set<qint64> m_inFlight;
    std::set<qint64> m_stale; // in flight while a patch was applied: read again on arrival
    std::vector<std::tuple<qint64, qint64, Done>> m_pending;
    QString m_error;
};

} // namespace redscope
