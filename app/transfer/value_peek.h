// ValuePeek: one key's value as readable text, for Compare's side-by-side view. Asynchronous on
// a connection the GUI thread owns (PTTL + DUMP through the receiver's RequestScope, decoded
// here; never a blocking call), or from a dump.rdb on a worker thread. Sets and hashes are shown
// sorted, so the two sides line up whatever order the servers keep them in; big values are cut
// at maxItems elements with a note, so a huge key never floods the view.
#pragma once

#include "redscope/rdb.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace redscope {

class RedisConnection;

class ValuePeek
{
public:
    using Done = std::function<void(const QString &text)>;

    static void fetch(RedisConnection *connection, const QByteArray &key, QObject *receiver,
                      Done done, int maxItems = 1000);
    // Walks the file on a worker thread; done runs on receiver's thread.
    static void fetchFromRdb(const QString &path, int db, const QByteArray &key, QObject *receiver,
                             Done done, int maxItems = 1000);
    static QString format(const engine::RdbValue &value, qint64 pttlMs, int maxItems);
};

} // namespace redscope
