// KeyIndex: owns the KeyTree of one key browser and the worker thread that fills it, so that
// indexing a million SCAN results never runs on the GUI thread. Batches, re-indexing under
// another separator and sorting are queued to the worker in order; the GUI learns about the
// results through signals (coalesced: one keysAdded per event-loop turn at most).
//
// Concurrency: the worker is the only thread that writes into the tree it fills, and it does so
// under lock() for writing, kSliceKeys keys at a time, after looking them up under a read lock
// (KeyTree::prepare): a write-lock hold is then tens of microseconds. GUI-thread
// readers (KeyTreeModel) take lock() for reading around each look. Replacing the published tree
// (clear, new separator) and applying a sort order happen on the GUI thread between
// aboutTo*/done signals, so a model can reset or remap its indexes around them.
#pragma once

#include "keys/key_tree.h"

#include <QObject>
#include <QReadWriteLock>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace redscope {

class KeyIndex : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype kSliceKeys = 2048; // keys indexed per write-lock hold

    explicit KeyIndex(const QByteArray &separator = QByteArrayLiteral(":"),
                      QObject *parent = nullptr);
    ~KeyIndex() override;

    // Read tree() only while holding lock() for reading (QReadLocker), on the GUI thread.
    QReadWriteLock *lock() const { return &m_lock; }
    const KeyTree &tree() const { return *m_published; }
    // Write access for small GUI-thread edits (a deleted or renamed key); hold lock() for writing.
    KeyTree &mutableTree() { return *m_published; }
    QByteArray separator() const { return m_separator; }
    bool isIdle() const { return m_pendingJobs.load() == 0; }

    // Queued to the worker. `expected`: the keys the tree should hold once the scan is done
    // (DBSIZE), 0 if unknown; the store sizes its table for them at once.
    void addKeys(const QList<QByteArray> &names, quint64 expected = 0);
    void clear();                                   // immediate: an empty tree, queue dropped
    void setSeparator(const QByteArray &separator); // re-indexes on the worker, then replaces
    void sort();                                    // sorts on the worker, then reorders

signals:
    void keysAdded();
    void aboutToReplace();
    void replaced();
    void aboutToReorder();
    void reordered(bool changed);
    void idle(); // every queued job has finished

private:
    void post(std::function<void()> job);
    void lockForWriteWithoutQueueing(); // the worker's: tries until it has it
    void jobDone();

    QThread *m_thread;
    QObject *m_worker; // lives in m_thread; jobs run in its context
    mutable QReadWriteLock m_lock;
    std::shared_ptr<KeyTree> m_published; // what readers see (changed on the GUI thread)
    std::shared_ptr<KeyTree> m_current;   // what the worker fills (guarded by m_lock)
    QByteArray m_separator;
    std::atomic<quint64> m_epoch{0}; // bumped by clear(): queued batches of old epochs drop
    std::atomic<int> m_pendingJobs{0};
    std::atomic<bool> m_notifyQueued{false};
};

} // namespace redscope
