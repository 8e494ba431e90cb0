// PubSubService's command strings: PUBSUB CHANNELS then NUMSUB for the listed channels,
// PUBSUB NUMPAT, PUBLISH.
#include "pubsub/pubsub_service.h"

namespace redscope {

PubSubService::PubSubService(RedisConnection *connection)
    : Service(connection)
{
}

void PubSubService::channels(int maxChannels, QObject *receiver,
                             std::function<void(const Result<ChannelCounts> &)> done) const
{
    const PubSubService self = *this;
    request({"PUBSUB", "CHANNELS"}, receiver,
            [self, maxChannels, receiver, done = std::move(done)](const RedisValue &reply) {
                if (reply.isError()) return done(Result<ChannelCounts>::failure(reply.text()));
                QList<QByteArray> args{"PUBSUB", "NUMSUB"};
                for (const RedisValue &channel : reply.elements()) {
                    if (args.size() > maxChannels) break;
                    args.append(channel.bytes());
                }
                self.request(args, receiver, [done](const RedisValue &numsub) {
                    if (numsub.isError())
                        return done(Result<ChannelCounts>::failure(numsub.text()));
                    ChannelCounts counts;
                    const RedisValue::List &pairs = numsub.elements();
                    for (size_t i = 0; i + 1 < pairs.size(); i += 2)
                        counts.append({pairs[i].bytes(), pairs[i + 1].toInteger()});
                    done({counts});
                });
            });
}

void PubSubService::patternCount(QObject *receiver,
                                 std::function<void(const Result<qint64> &)> done) const
{
    request({"PUBSUB", "NUMPAT"}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<qint64>::failure(reply.text()));
        done({reply.toInteger()});
    });
}

void PubSubService::publish(const QByteArray &channel, const QByteArray &payload, QObject *receiver,
                            std::function<void(const Result<qint64> &)> done) const
{
    request({"PUBLISH", channel, payload}, receiver,
            [done = std::move(done)](const RedisValue &reply) {
                if (reply.isError()) return done(Result<qint64>::failure(reply.text()));
                done({reply.toInteger()});
            });
}

} // namespace redscope
