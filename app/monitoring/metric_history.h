// MetricHistory: the dashboard's time series as plain data, one row per sample time with named
// columns (used_memory, ops_per_sec, keys_db0, ...). Rows older than the maximum age (1 h, the
// largest chart window) are dropped as new ones arrive. Kept apart from the charts so CSV export
// is a pure function of this data, testable without widgets or file dialogs.
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <deque>

class QIODevice;

namespace redscope {

class MetricHistory
{
public:
    struct Row
    {
        qint64 timeMs = 0; // ms since the epoch
        QHash<QString, double> values;
    };

    void setMaxAgeMs(qint64 ms) { m_maxAgeMs = ms; }
    qint64 maxAgeMs() const { return m_maxAgeMs; }

    // Appends a row (times are expected to grow) and drops rows older than the maximum age.
    void append(qint64 timeMs, const QHash<QString, double> &values);
    void clear() { m_rows.clear(); }

    const std::deque<Row> &rows() const { return m_rows; }
    const QStringList &columns() const { return m_columns; } // in first-seen order
    int size() const { return int(m_rows.size()); }

    // "time,<columns...>" then one line per row with time >= fromMs; ISO-8601 UTC times with
    // milliseconds; a column missing in a row is an empty cell. Returns false on write errors.
    bool writeCsv(QIODevice *device, qint64 fromMs = 0) const;
    QByteArray toCsv(qint64 fromMs = 0) const;

private:
    std::deque<Row> m_rows;
    QStringList m_columns;
    qint64 m_maxAgeMs = 3600 * 1000;
};

} // namespace redscope
