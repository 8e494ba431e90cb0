// ValueService: reading and writing one key's value for the value views. Strings are read in
// ranges (GETRANGE chunks sent at once, so a 1 MB value is one round trip of small replies)
// and saved keeping their TTL. Collections are read a page at a time (HSCAN/SSCAN/ZSCAN with a
// cursor and an optional MATCH pattern, LRANGE/ZRANGE by position, ZRANGEBYSCORE by score
// range and offset, XRANGE after the last entry id or XREVRANGE before it, from a chosen id
// on) and edited element by element. Edits are checked before they are written
// (editElement): the element is read again and compared with what the user saw, so a change
// made on the server meanwhile is reported instead of overwritten. The check and the write are
// two round trips on the shared connection, not a WATCH/MULTI transaction (a MULTI there
// would swallow other panels' commands): a write landing in between is not caught.
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

struct EditOutcome
{
    enum class Kind {
        Written, // the server held what was read; the change is written
        Changed, // the server holds something else now (`current`); nothing written
        Gone,    // the element (or the key) is gone; nothing written
    };
    Kind kind = Kind::Written;
    QByteArray current; // Changed: the value, element or score the server holds now
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
    explicit ValueService(RedisConnection *connection);

    // Strings
    void stringLength(const QByteArray &key, QObject *receiver,
                      std::function<void(const Result<qint64> &)> done) const;
    // The bytes in [start, end] (inclusive), as GETRANGE; requests sent in a row are answered
    // in that order.
    void stringRange(const QByteArray &key, qint64 start, qint64 end, QObject *receiver,
                     std::function<void(const Result<QByteArray> &)> done) const;
    void setString(const QByteArray &key, const QByteArray &value, QObject *receiver,
                   std::function<void(const Status &)> done) const; // keeps the TTL

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
    // Reads the element again; when the server still holds what edit says was read (or when
    // force is set), writes the change: hash HSET (a renamed field: HSET the new, HDEL the
    // old), list LSET, set SADD + SREM, sorted set ZADD XX (a renamed member: ZADD + ZREM).
    void editElement(const QByteArray &key, KeyType type, const ElementEdit &edit, bool force,
                     QObject *receiver,
                     std::function<void(const Result<EditOutcome> &)> done) const;
    // Removes the rows (their first column; list rows by position, after checking that each
    // position still holds the element in `elements`: lists have no "remove at index").
    void removeElements(const QByteArray &key, KeyType type, const QList<qint64> &indexes,
                        const QList<QByteArray> &elements, QObject *receiver,
                        std::function<void(const Status &)> done) const;
};

} // namespace redscope
