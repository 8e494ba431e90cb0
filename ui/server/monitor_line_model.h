// MonitorLineModel: the lines of a MONITOR session as a flat list, bounded (default 50,000
// lines) so a session left running for hours holds a fixed amount of memory: when a batch
// would go over the bound, the oldest rows are removed first. Lines are kept as the server's
// raw bytes and decoded only when a row is painted.
#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QList>

namespace redscope {

class MonitorLineModel : public QAbstractListModel
{
    Q_OBJECT

public:
    static constexpr int kDefaultCapacity = 50000;

    explicit MonitorLineModel(QObject *parent = nullptr);

    void setCapacity(int lines); // trims right away when lowered
    int capacity() const { return m_capacity; }
    void appendLines(const QList<QByteArray> &lines);
    void clear();
    QByteArray line(int row) const { return m_lines.value(row); }
    quint64 droppedCount() const { return m_dropped; } // removed to stay under the bound

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // The line's timestamp in microseconds and where the text after it starts; -1 for a line
    // without one.
    static qsizetype timestampOf(const QByteArray &line, qint64 *micros);

private:
    void trimFront(int count);

    QList<QByteArray> m_lines;
    int m_capacity = kDefaultCapacity;
    quint64 m_dropped = 0;
};

} // namespace redscope
