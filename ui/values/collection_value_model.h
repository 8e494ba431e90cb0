// CollectionValueModel: the elements of one hash, list, set, sorted set or stream as a table
// over a bounded window of pages, so memory stays flat whatever the value's size (a 5M-field
// hash, a 10M-element list): about kWindowRows rows (at most kWindowPages pages) are held;
// scrolling down appends a page (canFetchMore/fetchMore) and drops the first ones, scrolling
// back up (fetchPrevious) re-reads the page before the window and drops the last ones.
//
// Walking down is pipelined: once the view has asked for a page (fetchMore), the pages after it
// (kReadAheadPages) are read ahead while the GUI shows this one, and held until the view asks:
// the server is never idle waiting for the GUI, nor the GUI for the server. Pages are read by
// a ValuePageReader: its own connection on its own thread, where the replies are parsed and
// turned into rows and a page's SCAN calls follow each other; the GUI thread gets a ready page
// and appends it at once. Walks also read bigger pages as they go on (doubling up to
// kMaxWalkChunk rows), with SCAN COUNTs tuned to the round trips: a user holding the scroll bar
// at the bottom of a 5M-field hash costs about 1,250 GUI updates instead of 10,000. The first
// page stays kChunk rows, so the first screen is quick.
//
// How a page is read depends on the walk:
//  - by cursor (hash HSCAN, set SSCAN, sorted set ZSCAN when a MATCH pattern is set): a page is
//    one or more SCAN calls, until a page's worth of rows arrived. The cursor each page starts
//    at is saved (a few bytes a page: 10,000 cursors for 5M fields), so a page is read again
//    from its cursor with the same COUNTs and ends at the next page's. SCAN may repeat
//    elements while the server rehashes; repeats inside the window are dropped (a set of
//    64-bit hashes, checked against the rows on a hit), a repeat across the window cannot be.
//  - by position (list LRANGE, sorted set ZRANGE by rank or ZRANGEBYSCORE in a score range):
//    page p starts at p * kChunk, so jumpToIndex() opens the window anywhere at once.
//  - by id (stream XRANGE after the last id shown, or XREVRANGE before it, from a chosen id on;
//    entry id, its ms part as a local date-time, then its fields as "field: value" lines):
//    the id each page starts after is saved like a cursor. Entries are appended (XADD *) or
//    deleted (XDEL), never edited.
// The total (HLEN/LLEN/SCARD/ZCARD/XLEN, ZCOUNT in a score range) is asked first and again by
// refreshTotal(). Edits are checked against the server first (ValueService::editElement): a
// change made meanwhile comes back as conflict() for the view to ask about.
#pragma once

#include "values/element_hash_counts.h"
#include "values/value_page_reader.h"
#include "values/value_service.h"

#include <QAbstractTableModel>

#include <deque>
#include <span>
#include <vector>

namespace redscope {

class CollectionValueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using Kind = KeyType;                     // Hash, List, Set, SortedSet or Stream
    static constexpr int kChunk = 500;        // rows a page (the first page of every walk)
    static constexpr int kWindowPages = 20;   // pages held at most
    static constexpr int kWindowRows = 10000; // rows held, plus at most one page
    // Walks: the most rows a new page asks for, and scan walks' largest COUNT of a call.
    static constexpr int kMaxWalkChunk = ValuePageReader::kMaxPlainCount;
    static constexpr int kMatchScanCount = 2000; // MATCH: the first call's COUNT
    static constexpr int kMaxMatchCount = ValuePageReader::kMaxMatchCount; // ... the largest
    static constexpr int kReadAheadPages = 2; // pages read ahead while walking down

    explicit CollectionValueModel(RedisConnection *connection, QObject *parent = nullptr);
    ~CollectionValueModel() override;

    // Opens a key from its start; a new key also clears the MATCH pattern and score range.
    void load(const QByteArray &key, Kind kind);
    // Reads the window again from its first page (after a write, or on the user's request).
    void reload();
    Kind kind() const { return m_kind; }
    QByteArray key() const { return m_key; }
    ConnectionSettings settings() const { return m_values.settings(); } // production or not
    qint64 total() const { return m_total; } // -1 until HLEN/LLEN/SCARD/ZCARD answered
    void refreshTotal();                     // asks again; totalChanged() when it moved
    bool isLoading() const { return m_loading; }
    // Scan walks: the COUNT the next call of a walk (plain or MATCH) would use, as the round
    // trips have tuned it so far (ValuePageReader's CountTuner).
    int tunedCount(bool match) const;
    bool isComplete() const { return m_lastPageFinal; }       // the window reaches the end
    int pagesReadAhead() const { return int(m_held.size()); } // held for the next fetchMore
    QByteArray element(int row) const { return m_rows[size_t(row)].first; } // field/member/value
    QByteArray second(int row) const { return m_rows[size_t(row)].second; } // value/score/fields
    // The row's place in the whole value: list index, rank, or how many were scanned before.
    qint64 ordinal(int row) const { return firstOrdinal() + row; }
    qint64 firstOrdinal() const;

    // Server-side search (HSCAN/SSCAN/ZSCAN MATCH, glob-style); empty shows everything.
    bool supportsMatch() const;
    void setMatch(const QByteArray &pattern);
    QByteArray match() const { return m_match; }
    // Sorted sets: the scores in [min, max] as ZRANGEBYSCORE takes them ("-inf", "(2.5");
    // both empty: by rank again.
    void setScoreRange(const QByteArray &min, const QByteArray &max);
    bool hasScoreRange() const { return !m_minScore.isEmpty(); }
    // Lists, and sorted sets by rank or score range: rows can be opened at any position.
    bool isPositional() const;
    // Positional walks: opens the window at `index` (negative counts from the end, -1 is the
    // last); jumped(row) says which row holds it once loaded. False when not positional.
    bool jumpToIndex(qint64 index);
    bool canFetchPrevious() const;
    void fetchPrevious(); // the page before the window, which then drops its last page
    // Text search in the rows held (either column, case-insensitive): the next row after
    // `from` (or before it), wrapping around; -1 when none.
    int findLoaded(const QString &text, int from, bool forward) const;

    // Streams: newest entry first (XREVRANGE) or oldest first; both reload.
    void setNewestFirst(bool newestFirst);
    bool isNewestFirst() const { return m_descending; }
    // Streams: reload starting at `id` (inclusive) in the current order; empty: from the end.
    void jumpTo(const QByteArray &id);
    QByteArray jumpedTo() const { return m_fromId; }
    // The local date-time of a stream id's ms part, e.g. "2026-12-07 01:02:03.004".
    static QString streamIdTime(const QByteArray &id);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override; // sorted sets: by score, server-side

    // Hash: field + value; list: value (appended); set: member; sorted set: member + score.
    void addElement(const QByteArray &element, const QByteArray &second = {});
    void removeElements(const QList<int> &rows);
    // Writes a row's new element and second column (hash field + value, list element, set
    // member, sorted set member + score) after checking that the server still holds what the
    // row shows; force skips the check (the user chose to overwrite after conflict()).
    void editElement(int row, const QByteArray &element, const QByteArray &second,
                     bool force = false);

signals:
    void loadingChanged(bool loading);
    void totalChanged(qint64 total);
    void failed(const QString &error);
    void changed(); // the server accepted an edit
    // Rows were inserted at (positive) or removed from (negative) the top of the window: a
    // view keeps its place by scrolling as many rows.
    void windowShifted(int rows);
    void jumped(int row);
    // editElement() found the element changed (current: what the server holds) or gone.
    void conflict(int row, const QByteArray &element, const QByteArray &second,
                  const QByteArray &current, bool gone);

private:
    enum class Direction { Append, Prepend };
    struct Mark // where a page of a cursor or id walk starts
    {
        QByteArray cursor;       // SCAN cursor; stream: the id the page starts after
        qint64 before = 0;       // rows of the walk before the page
        std::vector<int> counts; // scan walks: the COUNT of each call of the page (empty: not
                                 // read yet); a page is read again with the same COUNTs, so it
        int target = 0;          // ends at the same cursor (or at as many rows as its target)
    };

    bool isScanWalk() const;
    bool isIdWalk() const { return m_kind == Kind::Stream; }
    void resetWindow(qint64 firstPage);
    void requestPage(Direction direction, bool ahead = false);
    void onPage(quint64 generation, quint64 read, Result<ValuePageReader::Page> page);
    // Scan walks: SCAN may repeat an element while the server rehashes; the window holds each
    // once. A compact count of 64-bit hashes of the elements held; a hash seen already is
    // checked against the rows themselves (rare: a real repeat, or a collision).
    bool see(quint64 hash, const QByteArray &element, std::span<const ValueRow> page);
    void unsee(quint64 hash);
    bool holds(const QByteArray &element, std::span<const ValueRow> page) const;
    ValuePageReader *reader();
    void pageRead(std::vector<ValueRow> rows, std::vector<quint64> hashes, bool final);
    void readAhead();
    void cancelReadAhead(); // the window moves another way: the page read ahead is not next
    void trimWindow(Direction direction, int incoming = 0);
    void commitPage(std::vector<ValueRow> rows, std::vector<quint64> hashes, bool final,
                    Direction direction);
    void dropFirstPage();
    void dropLastPage();
    void requestTotal();
    // After a write: reloads and reports the error, if any.
    void written(quint64 generation, const Status &status);
    int valueColumn() const;
    int rowOfOrdinal(qint64 ordinal, const QByteArray &element) const;

    ValueService m_values;
    QByteArray m_key;
    Kind m_kind = Kind::Hash;
    std::deque<ValueRow> m_rows;         // the window's rows
    std::deque<quint64> m_rowHashes;     // ... the hash of each one's element (see())
    std::deque<int> m_pageSizes;         // rows of each page of the window
    qint64 m_firstPage = 0;              // the walk's page number of the window's first page
    std::vector<Mark> m_marks;           // cursor and id walks: where each page seen so far starts
    ElementHashCounts m_seen;            // scan walks: hashes of the elements held (see())
    ValuePageReader *m_reader = nullptr; // a child, created by the first page read
    bool m_lastPageFinal = true;         // the window's last page ends the walk
    QByteArray m_match;
    QByteArray m_minScore;
    QByteArray m_maxScore;
    QByteArray m_fromId; // streams: where the first page starts
    qint64 m_total = -1;
    qint64 m_pendingJump = -1;      // ordinal to report with jumped() once its page is in
    bool m_jumpFilledAbove = false; // the page above the jump's was asked for
    bool m_loading = false;
    bool m_descending = false;
    quint64 m_generation = 0;

    // The page being read: its direction, number, and for scan walks the calls so far.
    Direction m_direction = Direction::Append;
    qint64 m_page = 0;
    QByteArray m_callCursor; // scan walks: where the page read last ended
    QByteArray m_stopCursor; // prepend: the cursor the page ended at when first read
    quint64 m_read = 0;      // ties a reply to the page read it belongs to
    bool m_reading = false;  // a page read is in flight (m_loading: and the view waits)
    bool m_ahead = false;    // ... a read-ahead nobody asked for yet: held when it arrives
    struct HeldPage          // read ahead, after the window's last page
    {
        std::vector<ValueRow> rows;
        std::vector<quint64> hashes;
        bool final = false;
    };
    std::deque<HeldPage> m_held; // waiting for fetchMore, in order
    bool m_walking = false;      // fetchMore asked since the window was (re)opened or went up
    int m_walkCount = kChunk;    // scan walks: COUNT of the next new page
};

} // namespace redscope
