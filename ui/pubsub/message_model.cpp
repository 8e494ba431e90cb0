// Ring buffer bookkeeping: message number `seq` lives in m_ring[seq % capacity] while
// m_first <= seq < m_next. Eviction first removes rows (advancing m_first), then the new
// messages overwrite the freed slots inside begin/endInsertRows, so no row ever shows data
// that is being replaced.
// enqueue() keeps batches as they arrived (implicitly shared, nothing copied) and a zero-interval
// single-shot timer appends one slice per event-loop turn until the queue is empty.
#include "pubsub/message_model.h"

#include <QDateTime>
#include <QLatin1StringView>

namespace redscope {

MessageModel::MessageModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_drainTimer.setSingleShot(true);
    m_drainTimer.setInterval(0);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] { appendSlice(kRowsPerTurn); });
}

void MessageModel::enqueue(const PubSubBatch &batch)
{
    if (batch.isEmpty()) return;
    m_queue.push_back(batch);
    m_queuedCount += batch.size();
    trimQueue();
    if (!m_drainTimer.isActive()) m_drainTimer.start();
}

// Queued messages beyond the capacity would be evicted by the same append: drop them now
// (counted as appended, like the part of a batch larger than the capacity).
void MessageModel::trimQueue()
{
    if (m_paused) return; // while paused the held deque applies the same bound
    while (m_queuedCount > m_capacity) {
        const qsizetype inFront = m_queue.front().size() - m_queueOffset;
        const qsizetype drop = qMin(inFront, m_queuedCount - m_capacity);
        m_appended += quint64(drop);
        m_dropped += quint64(drop);
        m_queuedCount -= drop;
        m_queueOffset += drop;
        if (m_queueOffset == m_queue.front().size()) {
            m_queue.pop_front();
            m_queueOffset = 0;
        }
    }
}

void MessageModel::appendQueued()
{
    m_drainTimer.stop();
    appendSlice(m_queuedCount);
}

// Appends up to maxRows queued messages as one insert (and at most one remove or reset).
void MessageModel::appendSlice(qsizetype maxRows)
{
    trimQueue();
    PubSubBatch slice;
    slice.reserve(qMin(maxRows, m_queuedCount));
    while (!m_queue.empty() && slice.size() < maxRows) {
        const PubSubBatch &front = m_queue.front();
        const qsizetype take = qMin(front.size() - m_queueOffset, maxRows - slice.size());
        if (m_queueOffset == 0 && take == front.size() && slice.isEmpty()) {
            slice = front; // the common case: a whole batch, shared
        } else {
            slice.append(front.constBegin() + m_queueOffset,
                         front.constBegin() + m_queueOffset + take);
        }
        m_queueOffset += take;
        m_queuedCount -= take;
        if (m_queueOffset == front.size()) {
            m_queue.pop_front();
            m_queueOffset = 0;
        }
    }
    appendRange(slice.constData(), slice.size());
    if (m_queuedCount > 0)
        m_drainTimer.start();
    else
        emit queueDrained();
}

void MessageModel::setCapacity(qsizetype capacity)
{
    capacity = qMax<qsizetype>(1, capacity);
    if (capacity == m_capacity) return;
    beginResetModel();
    std::vector<PubSubMessage> ring;
    const quint64 keep = qMin<quint64>(m_next - m_first, quint64(capacity));
    ring.reserve(size_t(keep));
    for (quint64 seq = m_next - keep; seq < m_next; ++seq)
        ring.push_back(std::move(slot(seq)));
    m_ring = std::move(ring);
    m_capacity = capacity;
    m_first = 0;
    m_next = keep;
    while (qsizetype(m_held.size()) > m_capacity)
        m_held.pop_front();
    rebuildVisible();
    endResetModel();
}

void MessageModel::append(const PubSubBatch &batch)
{
    appendRange(batch.constData(), batch.size());
}

void MessageModel::appendRange(const PubSubMessage *begin, qsizetype size)
{
    if (size <= 0) return;
    if (m_paused) {
        for (qsizetype i = 0; i < size; ++i)
            m_held.push_back(begin[i]);
        while (qsizetype(m_held.size()) > m_capacity) {
            m_held.pop_front();
            ++m_dropped;
        }
        emit heldCountChanged(qsizetype(m_held.size()));
        return;
    }
    m_appended += quint64(size);
    // Messages that would be evicted by the same batch are never stored.
    const qsizetype skip = qMax<qsizetype>(0, size - m_capacity);
    m_dropped += quint64(skip);
    const quint64 count = quint64(size - skip);

    const quint64 stored = m_next - m_first;
    const quint64 evict =
        stored + count > quint64(m_capacity) ? stored + count - quint64(m_capacity) : 0;
    bool resetting = false;
    if (evict > 0) {
        const quint64 newFirst = m_first + evict;
        qsizetype rows = 0;
        if (filtering()) {
            while (rows < qsizetype(m_visible.size()) && m_visible[size_t(rows)] < newFirst)
                ++rows;
        }
        if (rowCount() > 0 && (filtering() ? rows : qsizetype(evict)) >= rowCount()) {
            // Every current row goes: a reset costs a view far less than removing them all.
            resetting = true;
            beginResetModel();
            m_visible.clear();
        } else if (filtering()) {
            if (rows > 0) {
                beginRemoveRows({}, 0, int(rows - 1));
                m_visible.erase(m_visible.begin(), m_visible.begin() + rows);
                m_first = newFirst;
                endRemoveRows();
            }
        } else {
            beginRemoveRows({}, 0, int(evict - 1));
            m_first = newFirst;
            endRemoveRows();
        }
        m_first = newFirst;
    }

    if (!filtering() && !resetting) {
        const int row = rowCount();
        beginInsertRows({}, row, row + int(count) - 1);
    }
    std::vector<quint64> matching;
    for (qsizetype i = skip; i < size; ++i) {
        const quint64 seq = m_next++;
        if (qsizetype(m_ring.size()) < m_capacity)
            m_ring.push_back(begin[i]);
        else
            slot(seq) = begin[i];
        if (filtering() && matches(begin[i])) matching.push_back(seq);
    }
    if (resetting) {
        m_visible.insert(m_visible.end(), matching.begin(), matching.end());
        endResetModel();
    } else if (!filtering()) {
        endInsertRows();
    } else if (!matching.empty()) {
        const int row = rowCount();
        beginInsertRows({}, row, row + int(matching.size()) - 1);
        m_visible.insert(m_visible.end(), matching.begin(), matching.end());
        endInsertRows();
    }
}

void MessageModel::clear()
{
    beginResetModel();
    m_ring.clear();
    m_first = m_next = 0;
    m_dropped = 0;
    m_visible.clear();
    m_held.clear();
    m_queue.clear();
    m_queueOffset = 0;
    m_queuedCount = 0;
    m_drainTimer.stop();
    endResetModel();
    emit heldCountChanged(0);
}

void MessageModel::setPaused(bool paused)
{
    if (paused == m_paused) return;
    m_paused = paused;
    if (paused) return;
    PubSubBatch held;
    held.reserve(qsizetype(m_held.size()));
    for (PubSubMessage &message : m_held)
        held.append(std::move(message));
    m_held.clear();
    emit heldCountChanged(0);
    append(held);
}

void MessageModel::setFilter(const QString &text, FilterField field)
{
    if (text == m_filterText && field == m_filterField) return;
    beginResetModel();
    m_filterText = text;
    m_filterLatin1 = text.toUtf8();
    m_filterField = field;
    rebuildVisible();
    endResetModel();
}

void MessageModel::rebuildVisible()
{
    m_visible.clear();
    if (!filtering()) return;
    for (quint64 seq = m_first; seq < m_next; ++seq) {
        if (matches(slot(seq))) m_visible.push_back(seq);
    }
}

// ASCII case-insensitive substring search on raw bytes: no allocation per message.
bool MessageModel::matches(const PubSubMessage &message) const
{
    const QLatin1StringView needle(m_filterLatin1);
    const auto has = [&needle](const QByteArray &haystack) {
        return QLatin1StringView(haystack).contains(needle, Qt::CaseInsensitive);
    };
    switch (m_filterField) {
    case FilterField::Channel:
        return has(message.channel);
    case FilterField::Payload:
        return has(message.payload);
    case FilterField::Both:
        return has(message.channel) || has(message.payload);
    }
    return false;
}

quint64 MessageModel::seqOfRow(int row) const
{
    return filtering() ? m_visible[size_t(row)] : m_first + quint64(row);
}

const PubSubMessage &MessageModel::message(int row) const
{
    return slot(seqOfRow(row));
}

PubSubBatch MessageModel::visibleMessages() const
{
    PubSubBatch messages;
    const int rows = rowCount();
    messages.reserve(rows);
    for (int row = 0; row < rows; ++row)
        messages.append(message(row));
    return messages;
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid()) return 0;
    return filtering() ? int(m_visible.size()) : int(m_next - m_first);
}

int MessageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PubSubMessage &m = message(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            // A batch's messages share their millisecond, and every repaint asks again for
            // each visible row: converting to local time once per distinct value keeps the
            // table's repaint at 50k msg/s cheap.
            if (m.timestampMs != m_timeTextMs) {
                m_timeTextMs = m.timestampMs;
                m_timeText = QDateTime::fromMSecsSinceEpoch(m.timestampMs)
                                 .toString(QStringLiteral("HH:mm:ss.zzz"));
            }
            return m_timeText;
        case ChannelColumn:
            return QString::fromUtf8(m.channel);
        case PatternColumn:
            return QString::fromUtf8(m.pattern);
        case FormatColumn:
            return PayloadFormat::kindName(PayloadFormat::detect(
                m.payload.size() > 64 * 1024 ? m.payload.left(PayloadFormat::kPreviewSampleBytes)
                                             : m.payload,
                PayloadFormat::kMaxPreviewJsonBytes));
        case PayloadColumn:
            return PayloadFormat::preview(m.payload, 160);
        case SizeColumn:
            return m.payload.size();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(m.timestampMs).toString(Qt::ISODateWithMs);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PayloadRole:
        return m.payload;
    case TimestampRole:
        return m.timestampMs;
    case ChannelRole:
        return m.channel;
    case PatternRole:
        return m.pattern;
    }
    return {};
}

QVariant MessageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ChannelColumn:
        return tr("Channel");
    case PatternColumn:
        return tr("Pattern");
    case FormatColumn:
        return tr("Format");
    case PayloadColumn:
        return tr("Payload");
    case SizeColumn:
        return tr("Size");
    }
    return {};
}

} // namespace redscope
