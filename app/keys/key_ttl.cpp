// One clock for every countdown so the tree and the value pane agree to the second. Rounding
// is upwards (a key with 200 ms left shows "1 s", never "0 s" while it still exists).
#include "keys/key_ttl.h"

#include <QCoreApplication>
#include <QElapsedTimer>

namespace redscope {

static std::function<qint64()> &testClock()
{
    static std::function<qint64()> clock;
    return clock;
}

qint64 ttlClockMs()
{
    if (testClock()) return testClock()();
    static QElapsedTimer steady = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return steady.elapsed();
}

void setTtlClockForTests(std::function<qint64()> clock)
{
    testClock() = std::move(clock);
}

qint64 TtlCountdown::remainingMs(qint64 nowMs) const
{
    if (!counts()) return ttlMs;
    return qMax<qint64>(0, ttlMs - (nowMs - answeredAtMs));
}

QString formatTtl(qint64 ms)
{
    if (ms == -1) return QCoreApplication::translate("redscope::Ttl", "No limit");
    if (ms == -2) return QCoreApplication::translate("redscope::Ttl", "Gone");
    if (ms < 0) return {};
    if (ms == 0) return QCoreApplication::translate("redscope::Ttl", "Expired");
    const qint64 s = (ms + 999) / 1000;
    if (s < 60) return QCoreApplication::translate("redscope::Ttl", "%1 s").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("redscope::Ttl", "%1 min %2 s").arg(s / 60).arg(s % 60);
    if (s < 86400)
        return QCoreApplication::translate("redscope::Ttl", "%1 h %2 min")
            .arg(s / 3600)
            .arg((s % 3600) / 60);
    return QCoreApplication::translate("redscope::Ttl", "%1 d %2 h")
        .arg(s / 86400)
        .arg((s % 86400) / 3600);
}

} // namespace redscope
