// KeyService: what the key browser, the key tree and the value panel's header ask about keys:
// type, TTL and memory (one pipelined batch for the rows on screen), existence, delete, rename,
// expiry, creating a key. Typed results; the commands (TYPE, PTTL, MEMORY USAGE, RENAMENX, ...)
// are spelled here only. Every call takes a receiver whose destruction cancels it (Service).
//
// MEMORY USAGE is optional: a server without it (or an ACL that forbids it) answers an error
// once, and this service stops asking (memory then stays kMemoryUnavailable).
#pragma once

#include "connection/service.h"
#include "keys/key_ttl.h"
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
    qint64 ttlAnsweredAtMs = 0; // ttlClockMs() when PTTL answered: the TTL counts down from it
    TtlCountdown ttl() const { return {ttlMs, ttlAnsweredAtMs}; }
};

// What the new-key form describes: a name, a type, the first element and an optional TTL.
struct NewKey
{
    QByteArray name;
    KeyType type = KeyType::String;
    QByteArray first;   // string value; hash/stream field; list element; set/zset member
    QByteArray second;  // hash/stream value
    double score = 0;   // sorted sets
    int ttlSeconds = 0; // 0: no expiry
    // Enough to create the key (a name; a field for hashes and streams; a known type).
    bool isComplete() const;
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
    // Creating a key, one operation per type, never over an existing key ("already exists"
    // fails the Status). ttlSeconds > 0 makes it expire.
    using Done = std::function<void(const Status &)>;
    void createString(const QByteArray &key, const QByteArray &value, int ttlSeconds,
                      QObject *receiver, Done done) const;
    void createHash(const QByteArray &key, const QByteArray &field, const QByteArray &value,
                    int ttlSeconds, QObject *receiver, Done done) const;
    void createList(const QByteArray &key, const QByteArray &element, int ttlSeconds,
                    QObject *receiver, Done done) const;
    void createSet(const QByteArray &key, const QByteArray &member, int ttlSeconds,
                   QObject *receiver, Done done) const;
    void createSortedSet(const QByteArray &key, const QByteArray &member, double score,
                         int ttlSeconds, QObject *receiver, Done done) const;
    void createStream(const QByteArray &key, const QByteArray &field, const QByteArray &value,
                      int ttlSeconds, QObject *receiver, Done done) const;
    // The one above for the form's type; a failed Status for an incomplete form.
    void create(const NewKey &key, QObject *receiver, Done done) const;

    // DBSIZE: keys in the connection's current database (on a cluster, the router's answer).
    void dbSize(QObject *receiver, std::function<void(const Result<qint64> &)> done) const;

    // MEMORY USAGE failed once on this service: metadata() no longer asks for it.
    bool memoryUnavailable() const { return *m_memoryUnavailable; }

    // Cluster: the master ("host:port") that holds the key's slot; empty otherwise.
    QString nodeForKey(const QByteArray &key) const;

private:
    // Runs the writes unless `key` exists already; a nil reply (SET NX) counts as "exists".
    void createWith(const QByteArray &key, QList<QList<QByteArray>> writes, int ttlSeconds,
                    QObject *receiver, Done done) const;

    std::shared_ptr<bool> m_memoryUnavailable = std::make_shared<bool>(false);
};

} // namespace redscope
