// StreamGroupService: a stream's consumer groups for the groups pane, in the domain's words.
// Reads XINFO GROUPS / XINFO CONSUMERS and the extended XPENDING (paged by the last id shown,
// exclusive "(" start, Redis 6.2+); writes XACK, XCLAIM, XGROUP SETID/CREATE/DESTROY/
// CREATECONSUMER/DELCONSUMER. Typed results; the command strings are spelled here only, and
// every call belongs to its receiver's RequestScope (Service).
#pragma once

#include "connection/service.h"

#include <vector>

namespace redscope {

struct StreamGroup
{
    QByteArray name;
    qint64 consumers = 0;
    qint64 pending = 0;
    QByteArray lastDeliveredId;
    qint64 entriesRead = -1; // -1: the server does not know (nil) or is older than 7.0
    qint64 lag = -1;         // -1: unknown (nil), as after XGROUP SETID to an arbitrary id
};

struct StreamConsumer
{
    QByteArray name;
    qint64 pending = 0;
    qint64 idleMs = 0;
};

struct StreamPendingEntry
{
    QByteArray id;
    QByteArray consumer;
    qint64 idleMs = 0;
    qint64 deliveries = 0;
};

class StreamGroupService : public Service
{
public:
    explicit StreamGroupService(RedisConnection *connection);

    void groups(const QByteArray &key, QObject *receiver,
                std::function<void(const Result<std::vector<StreamGroup>> &)> done) const;
    void consumers(const QByteArray &key, const QByteArray &group, QObject *receiver,
                   std::function<void(const Result<std::vector<StreamConsumer>> &)> done) const;
    // Up to `count` pending entries after `afterId` (empty: from the first), oldest first.
    void pending(const QByteArray &key, const QByteArray &group, const QByteArray &afterId,
                 int count, QObject *receiver,
                 std::function<void(const Result<std::vector<StreamPendingEntry>> &)> done) const;

    void ack(const QByteArray &key, const QByteArray &group, const QList<QByteArray> &ids,
             QObject *receiver, std::function<void(const Status &)> done) const;
    // XCLAIM with min-idle-time 0: the entries move to `consumer` whatever their idle time.
    void claim(const QByteArray &key, const QByteArray &group, const QByteArray &consumer,
               const QList<QByteArray> &ids, QObject *receiver,
               std::function<void(const Status &)> done) const;
    // id: an entry id or "$" (the stream's last entry).
    void setGroupId(const QByteArray &key, const QByteArray &group, const QByteArray &id,
                    QObject *receiver, std::function<void(const Status &)> done) const;
    void createGroup(const QByteArray &key, const QByteArray &group, const QByteArray &id,
                     QObject *receiver, std::function<void(const Status &)> done) const;
    void deleteGroup(const QByteArray &key, const QByteArray &group, QObject *receiver,
                     std::function<void(const Status &)> done) const;
    void createConsumer(const QByteArray &key, const QByteArray &group, const QByteArray &consumer,
                        QObject *receiver, std::function<void(const Status &)> done) const;
    // Its pending entries are dropped with it (they stay unacknowledged nowhere).
    void deleteConsumer(const QByteArray &key, const QByteArray &group, const QByteArray &consumer,
                        QObject *receiver, std::function<void(const Status &)> done) const;
};

} // namespace redscope
