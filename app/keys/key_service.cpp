// KeyService's command strings. The metadata batch sends TYPE, PTTL and MEMORY USAGE for every
// key back to back (pipelined) and answers once, when the last reply is in; creating a key checks
// EXISTS first, then sends its writes and answers with the first failure.
#include "keys/key_service.h"

#include "cluster/cluster_router.h"
#include "connection/redis_connection.h"

#include <QCoreApplication>

#include <memory>

namespace redscope {

KeyService::KeyService(RedisConnection *connection)
    : Service(connection)
{
}

void KeyService::metadata(const QList<QByteArray> &keys, QObject *receiver,
                          std::function<void(const QList<KeyMeta> &)> done) const
{
    if (keys.isEmpty() || !hasConnection()) return;
    struct Batch
    {
        QList<KeyMeta> metas;
        int left = 0;
        std::function<void(const QList<KeyMeta> &)> done;
        void answered()
        {
            if (--left == 0 && done) done(metas);
        }
    };
    auto batch = std::make_shared<Batch>();
    batch->metas.resize(keys.size());
    batch->done = std::move(done);
    const bool askMemory = !*m_memoryUnavailable;
    batch->left = int(keys.size()) * (askMemory ? 3 : 2);
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QByteArray &key = keys[i];
        if (!askMemory) batch->metas[i].memory = KeyMeta::kMemoryUnavailable;
        request({"TYPE", key}, receiver, [batch, i](const RedisValue &reply) {
            KeyMeta &meta = batch->metas[i];
            meta.typeName = reply.isError() ? QStringLiteral("?") : reply.text();
            meta.type = reply.isError() ? KeyType::Other : keyTypeFromName(reply.bytes());
            batch->answered();
        });
        request({"PTTL", key}, receiver, [batch, i](const RedisValue &reply) {
            batch->metas[i].ttlMs =
                reply.type() == RedisValue::Type::Integer ? reply.toInteger() : KeyMeta::kUnknown;
            batch->metas[i].ttlAnsweredAtMs = ttlClockMs();
            batch->answered();
        });
        if (!askMemory) continue;
        request({"MEMORY", "USAGE", key}, receiver,
                [batch, i, unavailable = m_memoryUnavailable](const RedisValue &reply) {
                    KeyMeta &meta = batch->metas[i];
                    if (reply.type() == RedisValue::Type::Integer) {
                        meta.memory = reply.toInteger();
                    } else {
                        meta.memory = KeyMeta::kMemoryUnavailable; // nil: the key is gone
                        if (reply.isError()) *unavailable = true;
                    }
                    batch->answered();
                });
    }
}

void KeyService::type(const QByteArray &key, QObject *receiver,
                      std::function<void(const Result<KeyMeta> &)> done) const
{
    request({"TYPE", key}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<KeyMeta>::failure(reply.text()));
        KeyMeta meta;
        meta.typeName = reply.text();
        meta.type = keyTypeFromName(reply.bytes());
        done({meta});
    });
}

void KeyService::ttl(const QByteArray &key, QObject *receiver,
                     std::function<void(const Result<qint64> &)> done) const
{
    request({"PTTL", key}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<qint64>::failure(reply.text()));
        done({reply.toInteger()});
    });
}

void KeyService::exists(const QByteArray &key, QObject *receiver,
                        std::function<void(const Result<bool> &)> done) const
{
    request({"EXISTS", key}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<bool>::failure(reply.text()));
        done({reply.toInteger() != 0});
    });
}

void KeyService::remove(const QByteArray &key, QObject *receiver,
                        std::function<void(const Status &)> done) const
{
    request({"DEL", key}, receiver,
            [done = std::move(done)](const RedisValue &reply) { done(Status::fromReply(reply)); });
}

void KeyService::renameIfFree(const QByteArray &from, const QByteArray &to, QObject *receiver,
                              std::function<void(const Result<bool> &)> done) const
{
    request({"RENAMENX", from, to}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<bool>::failure(reply.text()));
        done({reply.toInteger() != 0});
    });
}

void KeyService::expire(const QByteArray &key, qint64 seconds, QObject *receiver,
                        std::function<void(const Result<bool> &)> done) const
{
    request({"EXPIRE", key, QByteArray::number(seconds)}, receiver,
            [done = std::move(done)](const RedisValue &reply) {
                if (reply.isError()) return done(Result<bool>::failure(reply.text()));
                done({reply.toInteger() == 1});
            });
}

void KeyService::persist(const QByteArray &key, QObject *receiver,
                         std::function<void(const Status &)> done) const
{
    request({"PERSIST", key}, receiver,
            [done = std::move(done)](const RedisValue &reply) { done(Status::fromReply(reply)); });
}

bool NewKey::isComplete() const
{
    if (name.isEmpty()) return false;
    switch (type) {
    case KeyType::String:
    case KeyType::List:
    case KeyType::Set:
    case KeyType::SortedSet:
        return true;
    case KeyType::Hash:
    case KeyType::Stream:
        return !first.isEmpty();
    default:
        return false;
    }
}

void KeyService::createString(const QByteArray &key, const QByteArray &value, int ttlSeconds,
                              QObject *receiver, Done done) const
{
    QList<QByteArray> set{"SET", key, value, "NX"};
    if (ttlSeconds > 0) set << "EX" << QByteArray::number(ttlSeconds);
    createWith(key, {set}, 0, receiver, std::move(done));
}

void KeyService::createHash(const QByteArray &key, const QByteArray &field, const QByteArray &value,
                            int ttlSeconds, QObject *receiver, Done done) const
{
    createWith(key, {{"HSET", key, field, value}}, ttlSeconds, receiver, std::move(done));
}

void KeyService::createList(const QByteArray &key, const QByteArray &element, int ttlSeconds,
                            QObject *receiver, Done done) const
{
    createWith(key, {{"RPUSH", key, element}}, ttlSeconds, receiver, std::move(done));
}

void KeyService::createSet(const QByteArray &key, const QByteArray &member, int ttlSeconds,
                           QObject *receiver, Done done) const
{
    createWith(key, {{"SADD", key, member}}, ttlSeconds, receiver, std::move(done));
}

void KeyService::createSortedSet(const QByteArray &key, const QByteArray &member, double score,
                                 int ttlSeconds, QObject *receiver, Done done) const
{
    createWith(key, {{"ZADD", key, QByteArray::number(score, 'g', 17), member}}, ttlSeconds,
               receiver, std::move(done));
}

void KeyService::createStream(const QByteArray &key, const QByteArray &field,
                              const QByteArray &value, int ttlSeconds, QObject *receiver,
                              Done done) const
{
    createWith(key, {{"XADD", key, "*", field, value}}, ttlSeconds, receiver, std::move(done));
}

void KeyService::create(const NewKey &key, QObject *receiver, Done done) const
{
    if (!key.isComplete()) {
        done(Status::failure(QCoreApplication::translate("KeyService", "the form is incomplete")));
        return;
    }
    switch (key.type) {
    case KeyType::String:
        return createString(key.name, key.first, key.ttlSeconds, receiver, std::move(done));
    case KeyType::Hash:
        return createHash(key.name, key.first, key.second, key.ttlSeconds, receiver,
                          std::move(done));
    case KeyType::List:
        return createList(key.name, key.first, key.ttlSeconds, receiver, std::move(done));
    case KeyType::Set:
        return createSet(key.name, key.first, key.ttlSeconds, receiver, std::move(done));
    case KeyType::SortedSet:
        return createSortedSet(key.name, key.first, key.score, key.ttlSeconds, receiver,
                               std::move(done));
    case KeyType::Stream:
        return createStream(key.name, key.first, key.second, key.ttlSeconds, receiver,
                            std::move(done));
    default:
        return;
    }
}

void KeyService::createWith(const QByteArray &key, QList<QList<QByteArray>> writes, int ttlSeconds,
                            QObject *receiver, Done done) const
{
    if (ttlSeconds > 0) writes.append({"EXPIRE", key, QByteArray::number(ttlSeconds)});
    const KeyService self = *this;
    request({"EXISTS", key}, receiver,
            [self, key, writes, receiver, done = std::move(done)](const RedisValue &reply) {
                if (reply.isError()) return done(Status::fromReply(reply));
                if (reply.toInteger() != 0) {
                    return done(Status::failure(
                        QCoreApplication::translate("KeyService", "\"%1\" already exists")
                            .arg(QString::fromUtf8(key))));
                }
                auto left = std::make_shared<int>(int(writes.size()));
                auto status = std::make_shared<Status>();
                for (const QList<QByteArray> &write : writes) {
                    self.request(write, receiver, [left, status, done](const RedisValue &r) {
                        if ((r.isError() || r.isNil()) && status->ok()) {
                            *status = Status::failure(
                                r.isError() ? r.text()
                                            : QCoreApplication::translate(
                                                  "KeyService", "the key already exists"));
                        }
                        if (--*left == 0) done(*status);
                    });
                }
            });
}

void KeyService::dbSize(QObject *receiver, std::function<void(const Result<qint64> &)> done) const
{
    request({"DBSIZE"}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<qint64>::failure(reply.text()));
        done(Result<qint64>(reply.toInteger()));
    });
}

QString KeyService::nodeForKey(const QByteArray &key) const
{
    ClusterRouter *router = cluster();
    return router ? router->nodeForKey(key) : QString();
}

} // namespace redscope
