// ValueService: reading and writing one key's value for the value views. Strings are read in
// ranges (GETRANGE chunks sent at once, so a 1 MB value is one round trip of small replies)
// and saved keeping their TTL. Collections are read a page at a time (HSCAN/SSCAN with a
// cursor, LRANGE/ZRANGE by position, XRANGE after the last entry id or XREVRANGE before it,
// from a chosen id on) and edited element by element. Typed results; the command strings are
// spelled here only. Every call takes a receiver whose destruction cancels it (Service).
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
    // Removes the rows (their first column; list rows by position).
    void removeElements(const QByteArray &key, KeyType type, const QList<qint64> &indexes,
                        const QList<QByteArray> &elements, QObject *receiver,
                        std::function<void(const Status &)> done) const;
};

} // namespace redscope
