// ValueService: reading and writing one key's value for the value views. Strings are read in
// ranges (GETRANGE chunks sent at once, so a 1 MB value is one round trip of small replies)
// and saved keeping their TTL. Collections are read a page at a time (HSCAN/SSCAN/ZSCAN with a
// cursor and an optional MATCH pattern, LRANGE/ZRANGE by position, ZRANGEBYSCORE by score
// range and offset, XRANGE after the last entry id or XREVRANGE before it, from a chosen id
// on) and edited element by element. Edits are optimistic transactions (Service::transaction,
// on the receiver's own connection, since WATCH and MULTI belong to a connection): WATCH the
// key, read the element again and compare it with what the user saw, then MULTI, the write,
// EXEC. A change made before the WATCH is seen by the compare (Changed, with what the server
// holds now); one made between the WATCH and the EXEC makes EXEC answer nil, and the edit is
// checked again from the start (the change may have been to another field of the same key), at
// most kAttempts times. Strings the same way: a whole value compared with GET and written with
// SET KEEPTTL, or byte patches (hex and bits edits) compared and written range by range with
// GETRANGE and SETRANGE, so saving three bytes of a 512 MB string moves three bytes.
// Typed results; the command strings are spelled here only. Every call takes a receiver
// whose destruction cancels it (Service).
#pragma once

#include "connection/service.h"
#include "keys/key_type.h"

#include <utility>
#include <vector>

namespace redscope {

// One element of a collection: hash field + value, list element, set member, sorted set member
// + score, stream entry id + its fields as "field: value" lines.
using ValueRow = std::pair<QByteArray, QByteArray>;

struct ValuePageRequest
{
    QByteArray cursor = "0"; // hash and set: the SCAN cursor
    qint64 start = 0;        // list and sorted set: the first position
    QByteArray afterId;      // stream: the last entry id shown; empty from the start
    QByteArray fromId;       // stream, first page: start at this id (inclusive), not at an end
    bool descending = false; // sorted set: highest score first; stream: newest entry first
    int count = 500;
    QByteArray match;    // hash, set, sorted set by SCAN: the MATCH pattern
    bool scan = false;   // sorted set: ZSCAN (by cursor) instead of ZRANGE (by rank)
    QByteArray minScore; // sorted set: when set, the scores in [minScore, maxScore] as
    QByteArray maxScore; // ZRANGEBYSCORE takes them ("-inf", "(1.5"), from offset `start`
};

// A change to one element, with what the user saw when it was read.
struct ElementEdit
{
    qint64 index = -1;     // list: the element's position
    QByteArray element;    // as read: hash field, list element, set or sorted set member
    QByteArray second;     // as read: hash value, sorted set score
    QByteArray newElement; // hash field, list element, set or sorted set member (a rename)
    QByteArray newSecond;  // hash value, sorted set score
};

// Bytes overwritten in place at offset (a hex or bits edit): before is what the user saw there.
struct BytePatch
{
    qint64 offset = 0;
    QByteArray before;
    QByteArray after; // as long as before
};

struct EditOutcome
{
    enum class Kind {
        Written, // the server held what was read; the change is written
        Changed, // the server holds something else now (`current`); nothing written
        Gone,    // the element (or the key) is gone; nothing written
    };
    Kind kind = Kind::Written;
    QByteArray current; // Changed: the value, element or score the server holds now
    qint64 offset = -1; // Changed, byte patches: where the first changed range starts
};

struct ValuePage
{
    std::vector<ValueRow> rows; // hash and set may repeat rows while the server rehashes
    QByteArray cursor;          // hash and set: the next cursor
    bool complete = false;      // nothing after this page
};

class ValueService : public Service
{
public:
    static constexpr int kAttempts = 3; // EXEC answered nil this often: the key keeps changing
    explicit ValueService(RedisConnection *connection);

    // Strings
    void stringLength(const QByteArray &key, QObject *receiver,
                      std::function<void(const Result<qint64> &)> done) const;
    // The bytes in [start, end] (inclusive), as GETRANGE; requests sent in a row are answered
    // in that order.
    void stringRange(const QByteArray &key, qint64 start, qint64 end, QObject *receiver,
                     std::function<void(const Result<QByteArray> &)> done) const;
    // The optimistic write of a whole value: when the server still holds `seen` (or force),
    // SET value KEEPTTL in the same transaction; else Changed with what it holds, or Gone.
    void replaceString(const QByteArray &key, const QByteArray &seen, const QByteArray &value,
                       bool force, QObject *receiver,
                       std::function<void(const Result<EditOutcome> &)> done) const;
    // The optimistic write of byte patches: each range must still hold its `before` bytes (or
    // force); then one SETRANGE per patch, all in one transaction. Changed names the first
    // range that differs (offset, and the bytes there now); Gone when the key is.
    void patchString(const QByteArray &key, const QList<BytePatch> &patches, bool force,
                     QObject *receiver,
                     std::function<void(const Result<EditOutcome> &)> done) const;

    // Collections (type is a collection type, see isCollection())
    void length(const QByteArray &key, KeyType type, QObject *receiver,
                std::function<void(const Result<qint64> &)> done) const;
    // Sorted set: how many scores lie in [min, max] (ZCOUNT).
    void scoreCount(const QByteArray &key, const QByteArray &min, const QByteArray &max,
                    QObject *receiver, std::function<void(const Result<qint64> &)> done) const;
    void page(const QByteArray &key, KeyType type, const ValuePageRequest &request,
              QObject *receiver, std::function<void(const Result<ValuePage> &)> done) const;
    // Hash: field + value; list: value (appended); set: member; sorted set: member + score;
    // stream: field + value of a new entry (id chosen by the server).
    void addElement(const QByteArray &key, KeyType type, const QByteArray &element,
                    const QByteArray &second, QObject *receiver,
                    std::function<void(const Status &)> done) const;
    // Hash: the field's value; list: the element at `index`; sorted set: the member's score.
    void setElement(const QByteArray &key, KeyType type, qint64 index, const QByteArray &element,
                    const QByteArray &value, QObject *receiver,
                    std::function<void(const Status &)> done) const;
    // Under WATCH, reads the element again; when the server still holds what edit says was
    // read (or when force is set), writes the change in MULTI/EXEC: hash HSET (a renamed
    // field: HSET the new, HDEL the old), list LSET at the index, set SADD + SREM, sorted set
    // ZADD (a renamed member: ZADD + ZREM).
    void editElement(const QByteArray &key, KeyType type, const ElementEdit &edit, bool force,
                     QObject *receiver,
                     std::function<void(const Result<EditOutcome> &)> done) const;
    // Removes the rows (their first column; list rows by position, after checking that each
    // position still holds the element in `elements`: lists have no "remove at index").
    void removeElements(const QByteArray &key, KeyType type, const QList<qint64> &indexes,
                        const QList<QByteArray> &elements, QObject *receiver,
                        std::function<void(const Status &)> done) const;

private:
    using Check = std::function<Result<EditOutcome>(const QList<RedisValue> &reads)>;
    using EditDone = std::function<void(const Result<EditOutcome> &)>;
    // WATCH key, the reads, check(replies): Written goes on to MULTI writes EXEC (so does
    // anything else when force is set); an EXEC answering nil starts over, kAttempts at most.
    void optimisticWrite(const QByteArray &key, const QList<QList<QByteArray>> &reads, Check check,
                         const QList<QList<QByteArray>> &writes, bool force, QObject *receiver,
                         EditDone done, int attempt = 1) const;
};

} // namespace redscope
