// CompareResult: what a CompareJob found, shared between the job (appending on its thread)
// and the diff view's lazy model (reading on the GUI thread). Only differences are kept
// (keys only in A, only in B, or with different values), a few tens of bytes each, so even a
// million differences fit; equal keys are only counted.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>

#include <memory>

namespace redscope {

struct DiffEntry
{
    enum class Kind { OnlyInA, OnlyInB, Different };
    Kind kind = Kind::Different;
    QByteArray key;
    QByteArray typeA, typeB; // "hash"...; empty on the side that lacks the key
    bool ttlDiffers = false; // one side has a TTL and the other not
};

class CompareResult
{
public:
    void append(const QList<DiffEntry> &entries)
    {
        QMutexLocker lock(&m_mutex);
        m_entries.append(entries);
    }
    qsizetype size() const
    {
        QMutexLocker lock(&m_mutex);
        return m_entries.size();
    }
    DiffEntry at(qsizetype row) const
    {
        QMutexLocker lock(&m_mutex);
        return m_entries.value(row);
    }
    QList<DiffEntry> mid(qsizetype from, qsizetype count) const
    {
        QMutexLocker lock(&m_mutex);
        return m_entries.mid(from, count);
    }

private:
    mutable QMutex m_mutex;
    QList<DiffEntry> m_entries;
};

using CompareResultPtr = std::shared_ptr<CompareResult>;

} // namespace redscope
