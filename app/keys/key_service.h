// KeyService: what the key browser, the key tree and the value panel's header ask about keys:
// type, TTL and memory (one pipelined batch for the rows on screen), existence, delete, rename,
// expiry, creating a key. Typed results; the commands (TYPE, PTTL, MEMORY USAGE, RENAMENX, ...)
// are spelled here only. Every call takes a receiver whose destruction cancels it (Service).
//
// MEMORY USAGE is optional: a server without it (or an ACL that forbids it) answers an error
// once, and this service stops asking (memory then stays kMemoryUnavailable).
#pragma once

#include "connection/service.h"
#include "keys/key_type.h"

#include <memory>

namespace redscope {

struct KeyMeta
{
    static constexpr qint64 kUnknown = -3;           // ttlMs/memory: no answer
    static constexpr qint64 kMissing = -2;           // ttlMs: no such key; memory: n/a
    static constexpr qint64 kMemoryUnavailable = -2; // memory: gone or not supported
    KeyType type = KeyType::None;
    QString typeName;         // TYPE's word as the server said it (module types too); "?" on error
    qint64 ttlMs = kUnknown;  // -1 no expiry
    qint64 memory = kUnknown; // bytes
};

class KeyService : public Service
{
public:
    explicit KeyService(RedisConnection *connection);

    // TYPE, PTTL and MEMORY USAGE of every key, pipelined; one answer, in the keys' order.
    void metadata(const QList<QByteArray> &keys, QObject *receiver,
                  std::function<void(const QList<KeyMeta> &)> done) const;
    void type(const QByteArray &key, QObject *receiver,
              std::function<void(const Result<KeyMeta> &)> done) const; // type and typeName
    void ttl(const QByteArray &key, QObject *receiver,
             std::function<void(const Result<qint64> &)> done) const; // ms, -1 none, -2 gone
    void exists(const QByteArray &key, QObject *receiver,
                std::function<void(const Result<bool> &)> done) const;
    void remove(const QByteArray &key, QObject *receiver,
                std::function<void(const Status &)> done) const;
    // RENAMENX: value false when a key named `to` exists already.
    void renameIfFree(const QByteArray &from, const QByteArray &to, QObject *receiver,
                      std::function<void(const Result<bool> &)> done) const;
    // EXPIRE: value false when the key no longer exists.
    void expire(const QByteArray &key, qint64 seconds, QObject *receiver,
                std::function<void(const Result<bool> &)> done) const;
    void persist(const QByteArray &key, QObject *receiver,
                 std::function<void(const Status &)> done) const;
    // Creates `key` with the writes the new-key dialog prepared, unless it exists already.
    // A nil reply (SET NX and the like) counts as "exists".
    void create(const QByteArray &key, const QList<QList<QByteArray>> &writes, QObject *receiver,
                std::function<void(const Status &)> done) const;

    // MEMORY USAGE failed once on this service: metadata() no longer asks for it.
    bool memoryUnavailable() const { return *m_memoryUnavailable; }

    // Cluster: the master ("host:port") that holds the key's slot; empty otherwise.
    QString nodeForKey(const QByteArray &key) const;

private:
    std::shared_ptr<bool> m_memoryUnavailable = std::make_shared<bool>(false);
};

} // namespace redscope
