// TimeFormat: how the server views write times and durations for people: local clock times
// ("14:03:21.512", with the date only when it is not today), durations in the unit that reads
// best ("850 µs", "12.3 ms", "1.25 s", "2 min 5 s") and relative times ("4 min ago"). The
// slow log, MONITOR and the persistence panel share these so the same quantity reads the same
// everywhere. "now" is a parameter, so tests are exact.
#pragma once

#include <QDateTime>
#include <QString>

namespace redscope::TimeFormat {

// A local clock time; milliseconds shown when withMillis. The date is added when the day is
// not now's day.
QString clock(const QDateTime &when, const QDateTime &now, bool withMillis);
QString duration(qint64 micros);
// "just now", "42 s ago", "4 min ago", "3 h 5 min ago", "2 days ago"; "in the future" for
// negative ages (a server clock ahead of ours).
QString ago(qint64 seconds);

} // namespace redscope::TimeFormat
