// PubSubService: the pub/sub questions asked on a connection's normal (not subscribed) link:
// which channels have subscribers and how many (PUBSUB CHANNELS + NUMSUB), how many patterns
// are subscribed (NUMPAT), and publishing. Subscriptions themselves live on a Subscriber's own
// connection. Every call takes a receiver whose destruction cancels it (Service).
#pragma once

#include "connection/service.h"

#include <utility>

namespace redscope {

class PubSubService : public Service
{
public:
    explicit PubSubService(RedisConnection *connection);

    // Channels with at least one subscriber (up to maxChannels) and their subscriber counts.
    using ChannelCounts = QList<std::pair<QByteArray, qint64>>;
    void channels(int maxChannels, QObject *receiver,
                  std::function<void(const Result<ChannelCounts> &)> done) const;
    void patternCount(QObject *receiver, std::function<void(const Result<qint64> &)> done) const;
    // The number of subscribers that received the message.
    void publish(const QByteArray &channel, const QByteArray &payload, QObject *receiver,
                 std::function<void(const Result<qint64> &)> done) const;
};

} // namespace redscope
