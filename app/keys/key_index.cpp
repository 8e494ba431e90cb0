// KeyIndex: jobs are lambdas posted to a QObject living in the worker thread, so they run in
// order; results come back as lambdas posted to this object on the GUI thread.
#include "keys/key_index.h"

#include "connection/background_priority.h"

#include <QReadLocker>
#include <QScopeGuard>
#include <QThread>
#include <QWriteLocker>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace redscope {

// Freeing a tree, or a sort's unsorted vectors (a million small ones at 10M keys), gives
// hundreds of MB back to malloc, which keeps most of it (in holes between live blocks, in
// the arenas of the threads that allocated): hand the free pages back to the system, on the
// worker, as someone watching the process's memory expects after a refresh or a sort.
static void releaseFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

KeyIndex::KeyIndex(const QByteArray &separator, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new QObject)
    , m_published(std::make_shared<KeyTree>(separator))
    , m_current(m_published)
    , m_separator(separator)
{
    m_thread->setObjectName(QStringLiteral("KeyIndex"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, [] { Internal::lowerThisThreadsPriority(); });
}

KeyIndex::~KeyIndex()
{
    m_epoch.fetch_add(1); // a running job stops caring about its result
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
}

void KeyIndex::post(std::function<void()> job)
{
    m_pendingJobs.fetch_add(1);
    QMetaObject::invokeMethod(
        m_worker,
        [this, job = std::move(job)] {
            job();
            jobDone();
        },
        Qt::QueuedConnection);
}

void KeyIndex::jobDone()
{
    if (m_pendingJobs.fetch_sub(1) == 1) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (isIdle()) emit idle();
            },
            Qt::QueuedConnection);
    }
}

void KeyIndex::lockForWriteWithoutQueueing()
{
    for (int attempt = 0; !m_lock.tryLockForWrite(); ++attempt) {
        if (attempt < 4)
            QThread::yieldCurrentThread();
        else
            QThread::usleep(50);
    }
}

void KeyIndex::addKeys(const QList<QByteArray> &names, quint64 expected)
{
    if (names.isEmpty()) return;
    const quint64 epoch = m_epoch.load();
    post([this, names, epoch, expected] {
        // Per slice: the lookups under a read lock (prepare: GUI readers go on), then the
        // writes under the write lock (addPrepared: a fraction of the work, in warm cache
        // lines). Arrays that must grow for a slice are grown beforehand under the read lock
        // too (KeyStore::prepareGrowth, KeyTree::prepare), so no write-lock hold includes a
        // rehash. The write lock is tried, never waited for: a writer queued on a
        // QReadWriteLock blocks new readers, and this thread, niced, may be woken late when
        // the GUI thread's read ends (see background_priority.h).
        int added = 0;
        KeyTree::Prepared prepared;
        for (qsizetype start = 0; start < names.size(); start += kSliceKeys) {
            const qsizetype end = qMin(names.size(), start + kSliceKeys);
            const std::span slice(names.constData() + start, size_t(end - start));
            KeyStore::Growth growth; // declared first: the old arrays are freed after unlocking
            {
                QReadLocker reader(&m_lock);
                if (epoch != m_epoch.load()) return;
                growth = m_current->store()->prepareGrowth(slice.size(), size_t(expected));
                m_current->prepare(slice, prepared);
            }
            lockForWriteWithoutQueueing();
            const auto unlock = qScopeGuard([this] { m_lock.unlock(); });
            if (epoch != m_epoch.load()) return;
            m_current->store()->adoptGrowth(growth);
            added += m_current->addPrepared(slice, prepared);
        }
        if (added > 0 && !m_notifyQueued.exchange(true)) {
            QMetaObject::invokeMethod(
                this,
                [this] {
                    m_notifyQueued.store(false);
                    emit keysAdded();
                },
                Qt::QueuedConnection);
        }
    });
}

void KeyIndex::clear()
{
    m_epoch.fetch_add(1);
    std::shared_ptr<KeyTree> fresh = std::make_shared<KeyTree>(m_separator);
    std::shared_ptr<KeyTree> oldPublished;
    std::shared_ptr<KeyTree> oldCurrent;
    emit aboutToReplace();
    {
        QWriteLocker locker(&m_lock);
        oldPublished = std::exchange(m_published, fresh);
        oldCurrent = std::exchange(m_current, fresh);
    }
    emit replaced();
    // Freeing millions of keys is the worker's job too.
    post([oldPublished = std::move(oldPublished), oldCurrent = std::move(oldCurrent)]() mutable {
        oldPublished.reset();
        oldCurrent.reset();
        releaseFreedMemory();
    });
}

void KeyIndex::setSeparator(const QByteArray &separator)
{
    if (separator == m_separator) return;
    m_separator = separator;
    const quint64 epoch = m_epoch.load();
    post([this, separator, epoch] {
        std::shared_ptr<KeyTree> rebuilt;
        {
            // Readers may keep reading; GUI-thread edits wait until the copy is made.
            QReadLocker locker(&m_lock);
            if (epoch != m_epoch.load()) return;
            rebuilt =
                std::make_shared<KeyTree>(m_current->store(), separator, m_current->removedKeys());
        }
        {
            QWriteLocker locker(&m_lock);
            if (epoch != m_epoch.load()) return;
            m_current = rebuilt; // later batches go into the new tree
        }
        QMetaObject::invokeMethod(
            this,
            [this, rebuilt, epoch] {
                if (epoch != m_epoch.load()) return;
                emit aboutToReplace();
                std::shared_ptr<KeyTree> old;
                {
                    QWriteLocker locker(&m_lock);
                    old = std::exchange(m_published, rebuilt);
                }
                emit replaced();
                post([old = std::move(old)]() mutable {
                    old.reset();
                    releaseFreedMemory();
                });
            },
            Qt::QueuedConnection);
    });
}

void KeyIndex::sort()
{
    const quint64 epoch = m_epoch.load();
    post([this, epoch] {
        std::shared_ptr<KeyTree> tree;
        auto order = std::make_shared<KeyTree::SortOrder>();
        {
            QReadLocker locker(&m_lock);
            if (epoch != m_epoch.load()) return;
            tree = m_current;
            *order = tree->sortOrder(); // only this thread writes `tree`: reading is safe
        }
        QMetaObject::invokeMethod(
            this,
            [this, tree, order, epoch]() mutable {
                if (epoch != m_epoch.load() || tree != m_published) return;
                {
                    QReadLocker locker(&m_lock);
                    if (order->generation != tree->generation()) return;
                }
                emit aboutToReorder();
                bool changed = false;
                {
                    QWriteLocker locker(&m_lock);
                    changed = tree->applySortOrder(*order);
                }
                // `order` now holds the unsorted vectors, one or two per namespace (a million
                // at 10M keys): freeing them is the worker's job, not a GUI-thread stall.
                post([old = std::move(order)]() mutable {
                    old.reset();
                    releaseFreedMemory();
                });
                emit reordered(changed);
            },
            Qt::QueuedConnection);
    });
}

} // namespace redscope
