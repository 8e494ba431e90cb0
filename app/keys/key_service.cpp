#include "keys/key_service.h"

#include "cluster/cluster_router.h"

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

void KeyService::create(const QByteArray &key, const QList<QList<QByteArray>> &writes,
                        QObject *receiver, std::function<void(const Status &)> done) const
{
    if (writes.isEmpty()) return;
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

QString KeyService::nodeForKey(const QByteArray &key) const
{
    ClusterRouter *router = cluster();
    return router ? router->nodeForKey(key) : QString();
}

} // namespace redscope
