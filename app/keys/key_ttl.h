// Key TTLs as the user sees them: a PTTL answer is a snapshot, so it is kept with the moment it
// arrived and counted down from there on one monotonic clock (the process' steady clock; tests
// can replace it to make countdowns exact). The same words everywhere a TTL is shown: the key
// tree's column and the value pane's header.
#pragma once

#include <QString>
#include <QtGlobal>

#include <functional>

namespace redscope {

// Milliseconds on the countdown clock; only differences mean anything.
qint64 ttlClockMs();
// Tests: a clock of their own (an empty function restores the steady clock).
void setTtlClockForTests(std::function<qint64()> clock);

// A TTL answered at some moment: what is left now.
struct TtlCountdown
{
    qint64 ttlMs = -3;       // PTTL's answer: -1 no expiry, -2 no such key, -3 not known
    qint64 answeredAtMs = 0; // ttlClockMs() when it arrived
    bool counts() const { return ttlMs >= 0; }
    // Milliseconds left (0 once expired), or ttlMs itself when it does not count down.
    qint64 remainingMs(qint64 nowMs = ttlClockMs()) const;
    bool expired(qint64 nowMs = ttlClockMs()) const { return counts() && remainingMs(nowMs) == 0; }
};

// "No limit", "Expired", "42 s", "3 min 59 s", "5 h 12 min", "3 d 4 h"; empty when unknown.
// -2 (no such key) reads "Gone".
QString formatTtl(qint64 ms);

} // namespace redscope
