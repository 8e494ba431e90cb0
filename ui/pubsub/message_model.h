// MessageModel: the pub/sub message table. A bounded ring buffer (default 100k messages) keeps
// memory flat however long the viewer runs; rows are appended in batches, and the oldest rows
// are removed with one beginRemoveRows per batch, so a view sees a few signals per second
// instead of one per message. Filtering (channel or payload text) lives here rather than in a
// QSortFilterProxyModel: a proxy over a 100k-row ring that rotates ten times a second spends its
// time remapping, while this model only keeps a deque of the matching sequence numbers.
// While paused, batches are held (bounded by the capacity) and appended on resume.
// enqueue() is what the live viewer uses: batches are queued and appended over the next
// event-loop turns, at most kRowsPerTurn rows per turn, so a 20k-message burst never holds the
// GUI thread for more than a few milliseconds (views repaint between turns). An eviction that
// removes every current row is reported as a reset rather than a remove storm. Messages that
// never became rows (the queue or the held backlog outgrew the capacity) are counted in
// droppedCount(), which the panel shows as "N dropped from view".
#pragma once

#include "pubsub/pubsub_message.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <deque>
#include <vector>

namespace redscope {

class MessageModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        ChannelColumn,
        PatternColumn,
        FormatColumn,
        PayloadColumn,
        SizeColumn,
        ColumnCount
    };
    enum Role { PayloadRole = Qt::UserRole + 1, TimestampRole, ChannelRole, PatternRole };
    enum class FilterField { Channel, Payload, Both };

    static constexpr qsizetype kDefaultCapacity = 100000;
    static constexpr qsizetype kRowsPerTurn = 4096;

    explicit MessageModel(QObject *parent = nullptr);

    qsizetype capacity() const { return m_capacity; }
    void setCapacity(qsizetype capacity); // keeps the newest messages

    void append(const PubSubBatch &batch); // synchronous
    // Queues the batch; it is appended in slices of kRowsPerTurn on later event-loop turns.
    void enqueue(const PubSubBatch &batch);
    qsizetype queuedCount() const { return m_queuedCount; }
    void appendQueued(); // appends everything queued right now
    void clear();        // also drops held and queued messages

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    qsizetype heldCount() const { return m_held.size(); }

    void setFilter(const QString &text, FilterField field);
    QString filterText() const { return m_filterText; }
    FilterField filterField() const { return m_filterField; }

    const PubSubMessage &message(int row) const;
    PubSubBatch visibleMessages() const; // the rows, oldest first (what an export writes)
    qsizetype storedCount() const { return qsizetype(m_next - m_first); }
    quint64 appendedCount() const { return m_appended; } // ever appended, evicted included
    // Of those, the messages that never became rows: more arrived (or waited while paused)
    // than the capacity holds, so the oldest were dropped before the table showed them.
    quint64 droppedCount() const { return m_dropped; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void heldCountChanged(qsizetype held);
    void queueDrained(); // the last queued slice was appended

private:
    bool filtering() const { return !m_filterText.isEmpty(); }
    bool matches(const PubSubMessage &message) const;
    quint64 seqOfRow(int row) const;
    PubSubMessage &slot(quint64 seq) { return m_ring[size_t(seq % quint64(m_capacity))]; }
    const PubSubMessage &slot(quint64 seq) const
    {
        return m_ring[size_t(seq % quint64(m_capacity))];
    }
    void rebuildVisible();
    void appendRange(const PubSubMessage *begin, qsizetype size);
    void appendSlice(qsizetype maxRows);
    void trimQueue();

    qsizetype m_capacity = kDefaultCapacity;
    std::vector<PubSubMessage> m_ring; // grows up to m_capacity
    quint64 m_first = 0;               // sequence number of the oldest stored message
    quint64 m_next = 0;                // sequence number the next message gets
    quint64 m_appended = 0;
    quint64 m_dropped = 0;
    QString m_filterText;
    QByteArray m_filterLatin1;
    FilterField m_filterField = FilterField::Both;
    std::deque<quint64> m_visible; // matching sequence numbers while filtering
    bool m_paused = false;
    std::deque<PubSubMessage> m_held;
    std::deque<PubSubBatch> m_queue; // enqueued batches; m_queueOffset rows of the first are done
    qsizetype m_queueOffset = 0;
    qsizetype m_queuedCount = 0;
    QTimer m_drainTimer;
    mutable qint64 m_timeTextMs = -1; // the last time cell formatted, see data()
    mutable QString m_timeText;
};

} // namespace redscope
