// CollectionValueModel: the elements of one hash, list, set or sorted set as a table that loads
// a chunk at a time (HSCAN / LRANGE / SSCAN / ZRANGE WITHSCORES, 500 elements a call), so a
// collection of a million elements opens after one small round trip and grows as the view
// scrolls (canFetchMore/fetchMore). Edits are written to the server asynchronously: cells
// update at once and revert with failed() if the server refuses.
// Streams page with XRANGE from just after the last id shown, or newest first with XREVRANGE
// from just before it, optionally from a chosen id on (entry id, its ms part as a local
// date-time, then its fields as "field: value" lines); entries are appended (XADD *) or
// deleted (XDEL), never edited.
#pragma once

#include "values/value_service.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>

#include <vector>

namespace redscope {

class CollectionValueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using Kind = KeyType; // Hash, List, Set, SortedSet or Stream
    static constexpr int kChunk = 500;

    explicit CollectionValueModel(RedisConnection *connection, QObject *parent = nullptr);
    ~CollectionValueModel() override;

    void load(const QByteArray &key, Kind kind);
    void reload() { load(m_key, m_kind); }
    Kind kind() const { return m_kind; }
    QByteArray key() const { return m_key; }
    qint64 total() const { return m_total; } // -1 until HLEN/LLEN/SCARD/ZCARD answered
    bool isLoading() const { return m_loading; }
    bool isComplete() const { return m_done; }
    QByteArray element(int row) const { return m_rows[size_t(row)].first; } // field/member/value
    QByteArray second(int row) const { return m_rows[size_t(row)].second; } // value/score/fields

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

signals:
    void loadingChanged(bool loading);
    void totalChanged(qint64 total);
    void failed(const QString &error);
    void changed(); // the server accepted an edit

private:
    void requestChunk();
    void onChunk(quint64 generation, const Result<ValuePage> &page);
    // After a write: reloads and reports the error, if any.
    void written(quint64 generation, const Status &status);
    int valueColumn() const;

    ValueService m_values;
    QByteArray m_key;
    Kind m_kind = Kind::Hash;
    std::vector<std::pair<QByteArray, QByteArray>> m_rows;
    QSet<QByteArray> m_seen; // HSCAN/SSCAN may repeat an element while the server rehashes
    QByteArray m_cursor = "0";
    QByteArray m_fromId; // streams: where the first page starts
    qint64 m_total = -1;
    int m_wanted = 0; // rows still to load for the current page
    bool m_loading = false;
    bool m_done = true;
    bool m_descending = false;
    quint64 m_generation = 0;
};

} // namespace redscope
