// CSV numbers use the C locale with up to 10 significant digits, so files open the same way in
// every spreadsheet regardless of the desktop's decimal separator.
#include "monitoring/metric_history.h"

#include <QBuffer>
#include <QDateTime>
#include <QIODevice>

namespace redscope {

void MetricHistory::append(qint64 timeMs, const QHash<QString, double> &values)
{
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (!m_columns.contains(it.key())) m_columns.append(it.key());
    }
    m_rows.push_back({timeMs, values});
    while (!m_rows.empty() && m_rows.front().timeMs < timeMs - m_maxAgeMs)
        m_rows.pop_front();
}

bool MetricHistory::writeCsv(QIODevice *device, qint64 fromMs) const
{
    QByteArray header = "time";
    for (const QString &column : m_columns)
        header += ',' + column.toUtf8();
    header += '\n';
    if (device->write(header) != header.size()) return false;
    for (const Row &row : m_rows) {
        if (row.timeMs < fromMs) continue;
        QByteArray line = QDateTime::fromMSecsSinceEpoch(row.timeMs, Qt::UTC)
                              .toString(Qt::ISODateWithMs)
                              .toUtf8();
        for (const QString &column : m_columns) {
            line += ',';
            const auto it = row.values.constFind(column);
            if (it != row.values.constEnd()) line += QByteArray::number(*it, 'g', 10);
        }
        line += '\n';
        if (device->write(line) != line.size()) return false;
    }
    return true;
}

QByteArray MetricHistory::toCsv(qint64 fromMs) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    writeCsv(&buffer, fromMs);
    return bytes;
}

} // namespace redscope
