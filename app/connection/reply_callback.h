// The two types every asynchronous request carries, apart from RedisConnection: a request's id
// and the callback that gets its reply. Headers of services and scopes name them through this
// file, so that including a service never brings in redis_connection.h (whose send() only
// app/ and the console may call); RedisConnection::RequestId and ::Callback are these types.
//
// Outside app/ a RedisConnection * is an opaque handle: widgets pass it to services and carry it
// in signals (ConnectionManager::workspaceRequested) without the class's definition. Qt's
// meta-type system would need the definition to ask whether the pointer is a QObject's, so the
// pointer is declared opaque here, in the one header every user of the handle includes before
// the class (redis_connection.h includes it too): signals queue it as a plain pointer.
#pragma once

#include "connection/redis_value.h"

#include <QList>
#include <QMetaType>
#include <QtGlobal>

#include <functional>

namespace redscope {

class RedisConnection; // opaque outside app/: widgets hand it to services, never send on it

using RequestId = quint64;
using ReplyCallback = std::function<void(const RedisValue &reply)>;
// A batch's replies in order, and how many of them the server sent (the rest carry the
// error that ended the batch: connection lost, timeout).
using BatchCallback = std::function<void(QList<RedisValue> &replies, qsizetype answered)>;

} // namespace redscope

Q_DECLARE_OPAQUE_POINTER(redscope::RedisConnection *)
