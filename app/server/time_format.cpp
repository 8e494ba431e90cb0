// Durations keep three significant digits below a minute, which is what a glance needs;
// exact values stay available in tooltips where the views have them.
#include "server/time_format.h"

#include <QCoreApplication>

namespace redscope::TimeFormat {

QString clock(const QDateTime &when, const QDateTime &now, bool withMillis)
{
    const QDateTime local = when.toLocalTime();
    const QString time =
        local.toString(withMillis ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
    if (local.date() == now.toLocalTime().date()) return time;
    return local.toString(QStringLiteral("yyyy-MM-dd ")) + time;
}

QString duration(qint64 micros)
{
    if (micros < 0) micros = 0;
    if (micros < 1000)
        return QCoreApplication::translate("redscope::TimeFormat", "%1 µs").arg(micros);
    if (micros < 1000 * 1000) {
        const double ms = double(micros) / 1000.0;
        return QCoreApplication::translate("redscope::TimeFormat", "%1 ms")
            .arg(ms, 0, 'f',
                 ms < 10    ? 2
                 : ms < 100 ? 1
                            : 0);
    }
    if (micros < 60LL * 1000 * 1000) {
        const double s = double(micros) / 1e6;
        return QCoreApplication::translate("redscope::TimeFormat", "%1 s")
            .arg(s, 0, 'f', s < 10 ? 2 : 1);
    }
    const qint64 seconds = micros / 1000000;
    if (seconds < 3600)
        return QCoreApplication::translate("redscope::TimeFormat", "%1 min %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60);
    return QCoreApplication::translate("redscope::TimeFormat", "%1 h %2 min")
        .arg(seconds / 3600)
        .arg((seconds / 60) % 60);
}

QString ago(qint64 seconds)
{
    if (seconds < -5) return QCoreApplication::translate("redscope::TimeFormat", "in the future");
    if (seconds < 5) return QCoreApplication::translate("redscope::TimeFormat", "just now");
    if (seconds < 60)
        return QCoreApplication::translate("redscope::TimeFormat", "%1 s ago").arg(seconds);
    if (seconds < 3600)
        return QCoreApplication::translate("redscope::TimeFormat", "%1 min ago").arg(seconds / 60);
    if (seconds < 86400) {
        const qint64 minutes = (seconds / 60) % 60;
        return minutes ? QCoreApplication::translate("redscope::TimeFormat", "%1 h %2 min ago")
                             .arg(seconds / 3600)
                             .arg(minutes)
                       : QCoreApplication::translate("redscope::TimeFormat", "%1 h ago")
                             .arg(seconds / 3600);
    }
    const qint64 days = seconds / 86400;
    return days == 1 ? QCoreApplication::translate("redscope::TimeFormat", "1 day ago")
                     : QCoreApplication::translate("redscope::TimeFormat", "%1 days ago").arg(days);
}

} // namespace redscope::TimeFormat
