// RateTracker: live message rates for the pub/sub viewer: messages per second per channel
// (the last complete second) and the total rate of each of the last 60 seconds for the chart.
// It counts by the messages' own timestamps, so batching delays do not distort rates. Memory
// is bounded: channels silent for a minute are forgotten when many channels are tracked
// (keyspace notifications create one channel per key).
#pragma once

#include "pubsub/pubsub_message.h"

#include <QHash>
#include <QList>

#include <deque>

namespace redscope {

class RateTracker
{
public:
    struct ChannelRate
    {
        QByteArray channel;
        int perSecond = 0;
        qint64 total = 0;
    };

    void add(const PubSubBatch &batch);
    void clear();

    // Sorted by rate, then total, descending.
    QList<ChannelRate> channelRates(qint64 nowMs) const;
    int ratePerSecond(const QByteArray &channel, qint64 nowMs) const;
    int totalRate(qint64 nowMs) const; // all channels, last complete second
    // seconds values, oldest first: messages received in each of the last `seconds` seconds
    // before the current (incomplete) one.
    QList<int> history(qint64 nowMs, int seconds = 60) const;
    qsizetype channelCount() const { return m_channels.size(); }
    void prune(qint64 nowMs);

    static constexpr qsizetype kPruneAbove = 2000;

private:
    struct Counter
    {
        qint64 second = -1;
        int count = 0;
        qint64 previousSecond = -1;
        int previousCount = 0;
        qint64 total = 0;

        void add(qint64 atSecond);
        int completed(qint64 nowSecond) const;
    };

    QHash<QByteArray, Counter> m_channels;
    std::deque<std::pair<qint64, int>> m_seconds; // (second, count), oldest first, <= 61
};

} // namespace redscope
