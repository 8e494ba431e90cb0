// CollectionValueModel: a generation number ties every reply to the window it was asked for,
// so switching keys, patterns or positions mid-load never mixes rows of two windows, and a read
// number ties it to its page read (a read-ahead dropped when the window goes up). One page is
// read at a time: the view asks for the next one (fetchMore at the bottom, fetchPrevious at
// the top) as it scrolls, and while it walks down the page after is read ahead.
#include "values/collection_value_model.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace redscope {

CollectionValueModel::CollectionValueModel(RedisConnection *connection, QObject *parent)
    : QAbstractTableModel(parent)
    , m_values(connection)
{
}

CollectionValueModel::~CollectionValueModel() = default;

void CollectionValueModel::load(const QByteArray &key, Kind kind)
{
    if (key != m_key || kind != m_kind) {
        m_fromId.clear();
        m_match.clear();
        m_minScore.clear();
        m_maxScore.clear();
    }
    m_key = key;
    m_kind = kind;
    m_marks.clear();
    m_total = -1;
    m_pendingJump = -1;
    resetWindow(0);
    emit totalChanged(m_total);
    requestTotal();
}

void CollectionValueModel::reload()
{
    qint64 first = m_firstPage;
    if (isPositional() && m_total >= 0)
        first = std::min(first, std::max<qint64>(0, (m_total - 1) / kChunk));
    resetWindow(first);
    requestTotal();
}

bool CollectionValueModel::isScanWalk() const
{
    return m_kind == Kind::Hash || m_kind == Kind::Set ||
           (m_kind == Kind::SortedSet && !m_match.isEmpty());
}

bool CollectionValueModel::isPositional() const
{
    return m_kind == Kind::List || (m_kind == Kind::SortedSet && m_match.isEmpty());
}

bool CollectionValueModel::supportsMatch() const
{
    return m_kind == Kind::Hash || m_kind == Kind::Set || m_kind == Kind::SortedSet;
}

qint64 CollectionValueModel::firstOrdinal() const
{
    if (isPositional()) return m_firstPage * kChunk;
    return m_firstPage < qint64(m_marks.size()) ? m_marks[size_t(m_firstPage)].before : 0;
}

void CollectionValueModel::resetWindow(qint64 firstPage)
{
    beginResetModel();
    if (m_reader)
        m_reader->dispose(
            {std::make_move_iterator(m_rows.begin()), std::make_move_iterator(m_rows.end())});
    m_rows.clear();
    m_rowHashes.clear();
    m_pageSizes.clear();
    m_seen.clear();
    if (m_reader) m_reader->cancel();
    m_held.clear();
    m_reading = false;
    m_ahead = false;
    m_walking = false;
    m_walkCount = kChunk;
    ++m_read;
    m_firstPage = firstPage;
    if (!isPositional()) {
        if (m_marks.empty())
            m_marks.push_back({isIdWalk() ? QByteArray() : QByteArray("0"), 0, {}, 0});
        m_firstPage = std::min<qint64>(m_firstPage, qint64(m_marks.size()) - 1);
        m_marks.resize(size_t(m_firstPage) + 1);
    }
    m_lastPageFinal = false;
    // Loading already: a view that asks for more while it resets must not start a second read.
    m_loading = true;
    ++m_generation;
    endResetModel();
    if (!m_values.hasConnection() || m_key.isEmpty()) {
        m_loading = false;
        m_lastPageFinal = true;
        return;
    }
    requestPage(Direction::Append);
}

void CollectionValueModel::requestTotal()
{
    if (!m_values.hasConnection() || m_key.isEmpty()) return;
    const quint64 generation = m_generation;
    auto done = [this, generation](const Result<qint64> &length) {
        if (generation != m_generation) return;
        if (!length.ok()) {
            emit failed(length.error);
            return;
        }
        if (length.value == m_total) return;
        m_total = length.value;
        emit totalChanged(m_total);
    };
    if (m_kind == Kind::SortedSet && hasScoreRange())
        m_values.scoreCount(m_key, m_minScore, m_maxScore, this, std::move(done));
    else
        m_values.length(m_key, m_kind, this, std::move(done));
}

void CollectionValueModel::refreshTotal()
{
    requestTotal();
}

void CollectionValueModel::requestPage(Direction direction, bool ahead)
{
    m_reading = true;
    m_ahead = ahead;
    if (!ahead) {
        m_loading = true;
        emit loadingChanged(true);
    }
    m_direction = direction;
    m_page = direction == Direction::Append
                 ? m_firstPage + qint64(m_pageSizes.size()) + qint64(m_held.size())
                 : m_firstPage - 1;
    ++m_read;
    ValuePageReader::Read read;
    ValuePageRequest &request = read.request;
    request.count = kChunk;
    request.descending = m_descending;
    if (isScanWalk()) {
        Mark &mark = m_marks[size_t(m_page)];
        m_callCursor = mark.cursor;
        m_stopCursor = direction == Direction::Prepend && m_page + 1 < qint64(m_marks.size())
                           ? m_marks[size_t(m_page) + 1].cursor
                           : QByteArray();
        request.cursor = mark.cursor;
        request.match = m_match;
        request.scan = true;
        if (!mark.counts.empty()) { // read before: the same calls, to the same cursor
            read.counts = mark.counts;
            read.stopCursor = m_stopCursor;
            read.targetRows = size_t(mark.target);
        } else {
            // A new page: bigger as the walk goes on, with COUNTs tuned to the round trips;
            // the first page of a plain walk, and one read going up, stay small and quick.
            const bool walking = direction == Direction::Append && m_walking;
            read.tuned = walking || !m_match.isEmpty();
            request.count = m_match.isEmpty() ? kChunk : kMatchScanCount;
            read.targetRows = size_t(m_match.isEmpty() && walking ? m_walkCount : kChunk);
        }
    } else if (isIdWalk()) {
        request.afterId = m_marks[size_t(m_page)].cursor;
        if (request.afterId.isEmpty()) request.fromId = m_fromId;
    } else {
        request.start = m_page * kChunk;
        request.minScore = m_minScore;
        request.maxScore = m_maxScore;
    }
    const quint64 generation = m_generation;
    const quint64 readNumber = m_read;
    const size_t target = read.targetRows;
    reader()->read(m_key, m_kind, read,
                   [this, generation, readNumber, target](Result<ValuePageReader::Page> page) {
                       if (generation == m_generation && readNumber == m_read && page.ok() &&
                           isScanWalk()) {
                           Mark &mark = m_marks[size_t(m_page)];
                           if (mark.counts.empty()) {
                               mark.counts = page.value.counts;
                               mark.target = int(target);
                           }
                       }
                       onPage(generation, readNumber, std::move(page));
                   });
}

ValuePageReader *CollectionValueModel::reader()
{
    if (!m_reader) m_reader = new ValuePageReader(this);
    m_reader->open(m_values.settings(), m_values.currentDb());
    return m_reader;
}

int CollectionValueModel::tunedCount(bool match) const
{
    if (!m_reader) return match ? kMatchScanCount : kChunk;
    return m_reader->tunedCount(match);
}

bool CollectionValueModel::holds(const QByteArray &element, std::span<const ValueRow> page) const
{
    const auto same = [&element](const ValueRow &row) { return row.first == element; };
    if (std::any_of(m_rows.begin(), m_rows.end(), same)) return true;
    if (std::any_of(page.begin(), page.end(), same)) return true;
    for (const HeldPage &held : m_held) {
        if (std::any_of(held.rows.begin(), held.rows.end(), same)) return true;
    }
    return false;
}

bool CollectionValueModel::see(quint64 hash, const QByteArray &element,
                               std::span<const ValueRow> page)
{
    if (m_seen.add(hash) == 0 || !holds(element, page)) return true;
    m_seen.remove(hash); // a repeat: not counted twice
    return false;
}

void CollectionValueModel::unsee(quint64 hash)
{
    m_seen.remove(hash);
}

void CollectionValueModel::onPage(quint64 generation, quint64 read,
                                  Result<ValuePageReader::Page> page)
{
    if (generation != m_generation || read != m_read || !m_reading) return;
    if (!page.ok()) {
        m_reading = false;
        if (m_ahead) { // nobody waits: the view's fetchMore reads the page again, and says so
            cancelReadAhead();
            return;
        }
        m_loading = false;
        m_lastPageFinal = true;
        emit loadingChanged(false);
        emit failed(page.error);
        return;
    }
    ValuePage &value = page.value.page;
    std::vector<quint64> &hashes = page.value.hashes;
    if (!isScanWalk()) {
        // A full last page is the last one when the total says so (no empty read after it).
        const bool last = isPositional() && m_total >= 0 && (m_page + 1) * kChunk >= m_total;
        pageRead(std::move(value.rows), std::move(hashes), value.complete || last);
        return;
    }
    if (!value.cursor.isEmpty()) m_callCursor = value.cursor;
    // Rows move on as they are unless one repeats (the server rehashed meanwhile).
    size_t kept = 0;
    for (size_t i = 0; i < value.rows.size(); ++i) {
        // The rows kept so far are the page's part to compare with.
        if (!see(hashes[i], value.rows[i].first, {value.rows.data(), kept})) continue;
        if (kept != i) {
            value.rows[kept] = std::move(value.rows[i]);
            hashes[kept] = hashes[i];
        }
        ++kept;
    }
    value.rows.resize(kept);
    hashes.resize(kept);
    pageRead(std::move(value.rows), std::move(hashes), value.complete);
}

void CollectionValueModel::pageRead(std::vector<ValueRow> rows, std::vector<quint64> hashes,
                                    bool final)
{
    m_reading = false;
    // Where the next page starts is known now: a read-ahead can go on before this one is shown.
    if (m_direction == Direction::Append && !isPositional() && !final) {
        const Mark &mark = m_marks[size_t(m_page)];
        Mark next{isIdWalk() ? (rows.empty() ? mark.cursor : rows.back().first) : m_callCursor,
                  mark.before + qint64(rows.size()),
                  {},
                  0};
        if (m_marks.size() <= size_t(m_page) + 1) m_marks.resize(size_t(m_page) + 2);
        m_marks[size_t(m_page) + 1] = next;
    }
    if (m_ahead) { // read ahead: shown when the view asks for it
        m_ahead = false;
        m_held.push_back({std::move(rows), std::move(hashes), final});
        readAhead();
        return;
    }
    commitPage(std::move(rows), std::move(hashes), final, m_direction);
}

void CollectionValueModel::readAhead()
{
    const bool ended = m_held.empty() ? m_lastPageFinal : m_held.back().final;
    if (m_reading || ended || m_held.size() >= size_t(kReadAheadPages) || m_pendingJump >= 0 ||
        !m_walking || m_key.isEmpty() || !m_values.hasConnection())
        return;
    requestPage(Direction::Append, true);
}

void CollectionValueModel::cancelReadAhead()
{
    const bool reading = m_reading && m_ahead;
    if (!reading && m_held.empty()) return;
    if (isScanWalk()) { // their elements are not in the window
        for (const HeldPage &page : m_held) {
            for (quint64 hash : page.hashes)
                unsee(hash);
        }
    }
    m_held.clear();
    if (reading) {
        if (m_reader) m_reader->cancel();
        m_ahead = false;
        m_reading = false;
        ++m_read;
    }
}

void CollectionValueModel::trimWindow(Direction direction, int incoming)
{
    // Pages are dropped from the other end while the rest (with the `incoming` rows of a page
    // about to be added) still holds kWindowRows: made room for first, a page never lifts the
    // window above kWindowRows plus one page.
    const auto rows = [this, incoming] { return qint64(m_rows.size()) + incoming; };
    if (direction == Direction::Append) {
        while (m_pageSizes.size() > 1 && (m_pageSizes.size() > size_t(kWindowPages) ||
                                          rows() - m_pageSizes.front() >= kWindowRows))
            dropFirstPage();
    } else {
        while (m_pageSizes.size() > 1 && (m_pageSizes.size() > size_t(kWindowPages) ||
                                          rows() - m_pageSizes.back() >= kWindowRows)) {
            dropLastPage();
            m_lastPageFinal = false;
        }
    }
}

void CollectionValueModel::commitPage(std::vector<ValueRow> rows, std::vector<quint64> hashes,
                                      bool final, Direction direction)
{
    const int count = int(rows.size());
    // A view may ask for more from inside the insertion (resizing rows to contents): it must
    // wait until the page is in place.
    m_loading = true;
    if (direction == Direction::Append) {
        if (count > 0 || !final) {
            if (count > 0) {
                trimWindow(Direction::Append, count);
                const int first = int(m_rows.size());
                beginInsertRows({}, first, first + count - 1);
                for (auto &row : rows)
                    m_rows.push_back(std::move(row));
                m_rowHashes.insert(m_rowHashes.end(), hashes.begin(), hashes.end());
                m_pageSizes.push_back(count);
                endInsertRows();
            } else {
                m_pageSizes.push_back(0);
            }
        }
        m_lastPageFinal = final;
        trimWindow(Direction::Append);
    } else {
        if (count > 0) {
            trimWindow(Direction::Prepend, count);
            beginInsertRows({}, 0, count - 1);
            for (auto it = rows.rbegin(); it != rows.rend(); ++it)
                m_rows.push_front(std::move(*it));
            m_rowHashes.insert(m_rowHashes.begin(), hashes.begin(), hashes.end());
            m_pageSizes.push_front(count);
            --m_firstPage;
            endInsertRows();
            emit windowShifted(count);
        } else {
            m_pageSizes.push_front(0);
            --m_firstPage;
        }
        trimWindow(Direction::Prepend);
    }
    m_loading = false;
    emit loadingChanged(false);
    // Walking down: the next page is on its way while this one is shown.
    if (direction == Direction::Append) readAhead();
    if (m_pendingJump >= 0) {
        const qint64 row = m_pendingJump - firstOrdinal();
        if (row >= 0 && row < qint64(m_rows.size())) {
            // A jump near the end lands on a short last page: the page before it fills the
            // screen above, and is read before the jump is reported.
            if (direction == Direction::Append && !m_jumpFilledAbove && canFetchPrevious()) {
                m_jumpFilledAbove = true;
                fetchPrevious();
                return;
            }
            m_pendingJump = -1;
            emit jumped(int(row));
        } else if (direction == Direction::Append && !m_lastPageFinal) {
            fetchMore({});
        } else {
            m_pendingJump = -1;
        }
    }
}

void CollectionValueModel::dropFirstPage()
{
    const int count = m_pageSizes.front();
    if (count > 0) {
        beginRemoveRows({}, 0, count - 1);
        std::vector<ValueRow> dropped;
        dropped.reserve(size_t(count));
        for (int i = 0; i < count; ++i) {
            if (isScanWalk()) unsee(m_rowHashes.front());
            dropped.push_back(std::move(m_rows.front()));
            m_rows.pop_front();
            m_rowHashes.pop_front();
        }
        reader()->dispose(std::move(dropped));
    }
    m_pageSizes.pop_front();
    ++m_firstPage;
    if (count > 0) {
        endRemoveRows();
        emit windowShifted(-count);
    }
}

void CollectionValueModel::dropLastPage()
{
    const int count = m_pageSizes.back();
    if (count > 0) {
        const int first = int(m_rows.size()) - count;
        beginRemoveRows({}, first, first + count - 1);
        std::vector<ValueRow> dropped;
        dropped.reserve(size_t(count));
        for (int i = 0; i < count; ++i) {
            if (isScanWalk()) unsee(m_rowHashes.back());
            dropped.push_back(std::move(m_rows.back()));
            m_rows.pop_back();
            m_rowHashes.pop_back();
        }
        reader()->dispose(std::move(dropped));
    }
    m_pageSizes.pop_back();
    if (count > 0) endRemoveRows();
}

bool CollectionValueModel::canFetchPrevious() const
{
    return !m_loading && m_firstPage > 0 && !m_key.isEmpty() && m_values.hasConnection();
}

void CollectionValueModel::fetchPrevious()
{
    if (!canFetchPrevious()) return;
    cancelReadAhead();
    m_walking = false; // browsing up: small pages again
    m_walkCount = kChunk;
    requestPage(Direction::Prepend);
}

bool CollectionValueModel::jumpToIndex(qint64 index)
{
    if (!isPositional() || m_key.isEmpty()) return false;
    if (index < 0) {
        // From the end: the current length first.
        const quint64 generation = m_generation;
        auto done = [this, generation, index](const Result<qint64> &length) {
            if (generation != m_generation || !length.ok()) return;
            if (length.value != m_total) {
                m_total = length.value;
                emit totalChanged(m_total);
            }
            jumpToIndex(std::max<qint64>(0, length.value + index));
        };
        if (m_kind == Kind::SortedSet && hasScoreRange())
            m_values.scoreCount(m_key, m_minScore, m_maxScore, this, std::move(done));
        else
            m_values.length(m_key, m_kind, this, std::move(done));
        return true;
    }
    if (m_total >= 0 && index >= m_total) index = std::max<qint64>(0, m_total - 1);
    const qint64 row = index - firstOrdinal();
    if (!m_loading && row >= 0 && row < qint64(m_rows.size())) {
        emit jumped(int(row));
        return true;
    }
    m_pendingJump = index;
    m_jumpFilledAbove = false;
    resetWindow(index / kChunk);
    return true;
}

int CollectionValueModel::findLoaded(const QString &text, int from, bool forward) const
{
    const int rows = int(m_rows.size());
    if (text.isEmpty() || rows == 0) return -1;
    const QByteArray needle = text.toUtf8();
    const auto matches = [&needle, &text](const QByteArray &bytes) {
        // Bytes first (cheap, and exact for binary values), then case-insensitively as text.
        return bytes.contains(needle) ||
               QString::fromUtf8(bytes).contains(text, Qt::CaseInsensitive);
    };
    for (int step = 1; step <= rows; ++step) {
        const int row = ((forward ? from + step : from - step) % rows + rows) % rows;
        const ValueRow &r = m_rows[size_t(row)];
        if (matches(r.first) || matches(r.second)) return row;
    }
    return -1;
}

int CollectionValueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CollectionValueModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid()) return 0;
    return m_kind == Kind::Set ? 1 : m_kind == Kind::Stream ? 3 : 2;
}

int CollectionValueModel::valueColumn() const
{
    return m_kind == Kind::Set ? 0 : 1;
}

QVariant CollectionValueModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size())) return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole) return {};
    const auto &row = m_rows[size_t(index.row())];
    QString text;
    if (m_kind == Kind::List) {
        text = index.column() == 0 ? QString::number(ordinal(index.row()))
                                   : QString::fromUtf8(row.first);
    } else if (m_kind == Kind::Stream) {
        text = index.column() == 0   ? QString::fromUtf8(row.first)
               : index.column() == 1 ? streamIdTime(row.first)
                                     : QString::fromUtf8(row.second);
    } else {
        text = QString::fromUtf8(index.column() == 0 ? row.first : row.second);
    }
    if (role != Qt::EditRole && text.size() > 500) { // a table cell is no place for 1 MB
        text.truncate(500);
        text += QChar(0x2026);
    }
    return text;
}

Qt::ItemFlags CollectionValueModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (m_kind != Kind::Set && m_kind != Kind::Stream && index.column() == 1)
        result |= Qt::ItemIsEditable;
    return result;
}

bool CollectionValueModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable) ||
        !m_values.hasConnection())
        return false;
    const int row = index.row();
    const QByteArray newValue = value.toString().toUtf8();
    const ValueRow &current = m_rows[size_t(row)];
    if (m_kind == Kind::SortedSet) {
        bool ok = false;
        newValue.toDouble(&ok);
        if (!ok) {
            emit failed(tr("'%1' is not a number").arg(value.toString()));
            return false;
        }
    } else if (m_kind != Kind::Hash && m_kind != Kind::List) {
        return false;
    }
    if (m_kind == Kind::List)
        editElement(row, newValue, {});
    else
        editElement(row, current.first, newValue);
    return true;
}

int CollectionValueModel::rowOfOrdinal(qint64 ordinal, const QByteArray &element) const
{
    const qint64 row = ordinal - firstOrdinal();
    if (row >= 0 && row < qint64(m_rows.size()) && m_rows[size_t(row)].first == element)
        return int(row);
    if (m_kind == Kind::List) return -1; // positions matter: another element is not this one
    for (size_t r = 0; r < m_rows.size(); ++r) {
        if (m_rows[r].first == element) return int(r);
    }
    return -1;
}

void CollectionValueModel::editElement(int row, const QByteArray &element, const QByteArray &second,
                                       bool force)
{
    if (row < 0 || row >= int(m_rows.size()) || !m_values.hasConnection() || m_kind == Kind::Stream)
        return;
    if (m_kind == Kind::SortedSet) {
        bool ok = false;
        second.toDouble(&ok);
        if (!ok) {
            emit failed(tr("'%1' is not a number").arg(QString::fromUtf8(second)));
            return;
        }
    }
    const ValueRow &current = m_rows[size_t(row)];
    ElementEdit edit;
    edit.index = ordinal(row);
    edit.element = current.first;
    edit.second = current.second;
    edit.newElement = element;
    edit.newSecond = m_kind == Kind::List || m_kind == Kind::Set ? QByteArray() : second;
    const quint64 generation = m_generation;
    m_values.editElement(
        m_key, m_kind, edit, force, this,
        [this, generation, edit](const Result<EditOutcome> &outcome) {
            if (generation != m_generation) return;
            if (!outcome.ok()) {
                emit failed(outcome.error);
                return;
            }
            const int at = rowOfOrdinal(edit.index, edit.element);
            if (outcome.value.kind != EditOutcome::Kind::Written) {
                const bool gone = outcome.value.kind == EditOutcome::Kind::Gone;
                if (at < 0) {
                    emit failed(tr("The element changed on the server since it was read."));
                    return;
                }
                emit conflict(at, edit.newElement, edit.newSecond, outcome.value.current, gone);
                return;
            }
            if (at >= 0) {
                ValueRow &cell = m_rows[size_t(at)];
                if (isScanWalk() && cell.first != edit.newElement) {
                    unsee(m_rowHashes[size_t(at)]);
                    m_rowHashes[size_t(at)] = ValuePageReader::elementHash(edit.newElement);
                    m_seen.add(m_rowHashes[size_t(at)]);
                }
                cell.first = edit.newElement;
                if (m_kind != Kind::List && m_kind != Kind::Set) cell.second = edit.newSecond;
                emit dataChanged(index(at, 0), index(at, columnCount() - 1));
            }
            emit changed();
        });
}

QVariant CollectionValueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical) {
        // Hash, set and sorted set rows are numbered in the walk (rank, or scan order).
        if (m_kind == Kind::List || m_kind == Kind::Stream) return {};
        return QLocale().toString(ordinal(section) + 1);
    }
    switch (m_kind) {
    case Kind::Hash:
        return section == 0 ? tr("Field") : tr("Value");
    case Kind::List:
        return section == 0 ? tr("Index") : tr("Element");
    case Kind::Set:
        return tr("Member");
    case Kind::SortedSet:
        return section == 0 ? tr("Member") : tr("Score");
    case Kind::Stream:
        return section == 0 ? tr("Entry ID") : section == 1 ? tr("Time") : tr("Fields");
    default: // not a collection
        break;
    }
    return {};
}

bool CollectionValueModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_lastPageFinal && !m_loading && !m_key.isEmpty() &&
           m_values.hasConnection();
}

void CollectionValueModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) return;
    m_walking = true;
    if (m_walkCount < kMaxWalkChunk) m_walkCount = std::min(2 * m_walkCount, kMaxWalkChunk);
    if (!m_held.empty()) { // read ahead already: shown at once
        HeldPage page = std::move(m_held.front());
        m_held.pop_front();
        commitPage(std::move(page.rows), std::move(page.hashes), page.final, Direction::Append);
        return;
    }
    if (m_reading && m_ahead) { // on its way: shown when it arrives
        m_ahead = false;
        m_loading = true;
        emit loadingChanged(true);
        return;
    }
    requestPage(Direction::Append);
}

void CollectionValueModel::sort(int column, Qt::SortOrder order)
{
    if (m_kind != Kind::SortedSet || column != 1 || !m_match.isEmpty()) return;
    const bool descending = order == Qt::DescendingOrder;
    if (descending == m_descending) return;
    m_descending = descending;
    resetWindow(0);
}

void CollectionValueModel::setMatch(const QByteArray &pattern)
{
    if (!supportsMatch() || pattern == m_match) return;
    m_match = pattern == "*" ? QByteArray() : pattern;
    m_minScore.clear();
    m_maxScore.clear();
    m_marks.clear();
    m_pendingJump = -1;
    resetWindow(0);
    requestTotal();
}

void CollectionValueModel::setScoreRange(const QByteArray &min, const QByteArray &max)
{
    if (m_kind != Kind::SortedSet) return;
    const bool clear = min.isEmpty() && max.isEmpty();
    m_minScore = clear ? QByteArray() : min.isEmpty() ? QByteArray("-inf") : min;
    m_maxScore = clear ? QByteArray() : max.isEmpty() ? QByteArray("+inf") : max;
    m_match.clear();
    m_marks.clear();
    m_pendingJump = -1;
    m_total = -1;
    emit totalChanged(m_total);
    resetWindow(0);
    requestTotal();
}

void CollectionValueModel::setNewestFirst(bool newestFirst)
{
    if (m_kind != Kind::Stream || newestFirst == m_descending) return;
    m_descending = newestFirst;
    m_marks.clear();
    resetWindow(0);
}

void CollectionValueModel::jumpTo(const QByteArray &id)
{
    if (m_kind != Kind::Stream) return;
    m_fromId = id;
    m_marks.clear();
    resetWindow(0);
}

QString CollectionValueModel::streamIdTime(const QByteArray &id)
{
    const qsizetype dash = id.indexOf('-');
    bool ok = false;
    const qint64 ms = id.left(dash < 0 ? id.size() : dash).toLongLong(&ok);
    if (!ok) return {};
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

void CollectionValueModel::written(quint64 generation, const Status &status)
{
    if (generation != m_generation) return;
    reload();
    if (!status.ok())
        emit failed(status.error);
    else
        emit changed();
}

void CollectionValueModel::addElement(const QByteArray &element, const QByteArray &second)
{
    if (!m_values.hasConnection()) return;
    if (m_kind == Kind::SortedSet) {
        bool ok = false;
        second.toDouble(&ok);
        if (!ok) {
            emit failed(tr("'%1' is not a number").arg(QString::fromUtf8(second)));
            return;
        }
    }
    m_values.addElement(
        m_key, m_kind, element, second, this,
        [this, generation = m_generation](const Status &status) { written(generation, status); });
}

void CollectionValueModel::removeElements(const QList<int> &rows)
{
    if (rows.isEmpty() || !m_values.hasConnection()) return;
    QList<qint64> indexes;
    QList<QByteArray> elements;
    for (int row : rows) {
        if (row < 0 || row >= int(m_rows.size())) continue;
        indexes.append(ordinal(row));
        elements.append(m_rows[size_t(row)].first);
    }
    m_values.removeElements(
        m_key, m_kind, indexes, elements, this,
        [this, generation = m_generation](const Status &status) { written(generation, status); });
}

} // namespace redscope
