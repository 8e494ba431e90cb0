// ValuePeek: one key's value as readable text, for Compare's side-by-side view. Asynchronous on
// a connection the GUI thread owns (PTTL + DUMP through the receiver's RequestScope, decoded
// here; never a blocking call), or from a dump.rdb on a worker thread. Sets and hashes are shown
// sorted, so the two sides line up whatever order the servers keep them in; big values are cut
// at maxItems elements with a note, so a huge key never floods the view.
#pragma once

#include "connection/connection_settings.h"

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

// The two sides of a comparison, for peeking at one key on both: owns a connection to each
// server side (a dump.rdb side is read from the file). Replies for an earlier key are dropped
// when the next peek starts.
class ValuePeeker : public QObject
{
    Q_OBJECT

public:
    // aRdbPath non-empty: side A is that file's database aRdbDb.
    ValuePeeker(const ConnectionSettings &a, const QString &aRdbPath, int aRdbDb,
                const ConnectionSettings &b, QObject *parent = nullptr);
    ~ValuePeeker() override;
    void peek(const QByteArray &key, ValuePeek::Done doneA, ValuePeek::Done doneB);

private:
    RedisConnection *m_a = nullptr;
    RedisConnection *m_b = nullptr;
    QString m_rdbPath;
    int m_rdbDb = 0;
    QObject *m_scope = nullptr;
};

} // namespace redscope
