// Per-second counters. add() costs one hash lookup per message on the GUI thread (a few hundred
// microseconds for a 5000-message batch); reading rates is O(channels).
#include "pubsub/rate_tracker.h"

#include <algorithm>

namespace redscope {

void RateTracker::Counter::add(qint64 atSecond)
{
    ++total;
    if (atSecond == second) {
        ++count;
        return;
    }
    if (atSecond < second) return; // clock stepped back: counted in total only
    previousSecond = second;
    previousCount = count;
    second = atSecond;
    count = 1;
}

int RateTracker::Counter::completed(qint64 nowSecond) const
{
    if (second == nowSecond - 1) return count;
    if (previousSecond == nowSecond - 1) return previousCount;
    return 0;
}

void RateTracker::add(const PubSubBatch &batch)
{
    QByteArray lastChannel;
    Counter *last = nullptr;
    for (const PubSubMessage &message : batch) {
        const qint64 second = message.timestampMs / 1000;
        if (!last || message.channel != lastChannel) { // runs of one channel are common
            last = &m_channels[message.channel];
            lastChannel = message.channel;
        }
        last->add(second);
        if (m_seconds.empty() || m_seconds.back().first < second) m_seconds.emplace_back(second, 0);
        if (m_seconds.back().first == second) ++m_seconds.back().second;
        while (m_seconds.size() > 61)
            m_seconds.pop_front();
    }
}

void RateTracker::clear()
{
    m_channels.clear();
    m_seconds.clear();
}

QList<RateTracker::ChannelRate> RateTracker::channelRates(qint64 nowMs) const
{
    const qint64 nowSecond = nowMs / 1000;
    QList<ChannelRate> rates;
    rates.reserve(m_channels.size());
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it)
        rates.append({it.key(), it->completed(nowSecond), it->total});
    std::sort(rates.begin(), rates.end(), [](const ChannelRate &a, const ChannelRate &b) {
        if (a.perSecond != b.perSecond) return a.perSecond > b.perSecond;
        if (a.total != b.total) return a.total > b.total;
        return a.channel < b.channel;
    });
    return rates;
}

int RateTracker::ratePerSecond(const QByteArray &channel, qint64 nowMs) const
{
    const auto it = m_channels.constFind(channel);
    return it == m_channels.cend() ? 0 : it->completed(nowMs / 1000);
}

int RateTracker::totalRate(qint64 nowMs) const
{
    const QList<int> last = history(nowMs, 1);
    return last.isEmpty() ? 0 : last.first();
}

QList<int> RateTracker::history(qint64 nowMs, int seconds) const
{
    const qint64 nowSecond = nowMs / 1000;
    QList<int> values(seconds, 0);
    for (const auto &[second, count] : m_seconds) {
        const qint64 index = seconds - (nowSecond - second);
        if (index >= 0 && index < seconds) values[index] = count;
    }
    return values;
}

void RateTracker::prune(qint64 nowMs)
{
    if (m_channels.size() <= kPruneAbove) return;
    const qint64 oldest = nowMs / 1000 - 60;
    m_channels.removeIf([oldest](const auto &it) { return it.value().second < oldest; });
}

} // namespace redscope
