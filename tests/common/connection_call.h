// call(): one command on a RedisConnection, answered synchronously for a test. The event loop
// keeps running while it waits (QTest::qWaitFor), so the connection works exactly as it does in
// the app; a reply that never comes turns into an error value instead of hanging the suite.
// Header-only: it needs redscope_core and QtTest, which every app test links anyway.
#pragma once

#include "connection/redis_connection.h"
#include "connection/redis_value.h"

#include <QByteArray>
#include <QList>
#include <QTest>

namespace redscope::test {

inline RedisValue call(RedisConnection &connection, const QList<QByteArray> &args,
                       int timeoutMs = 10000)
{
    RedisValue result = RedisValue::error(QByteArray("test: no reply"));
    bool done = false;
    connection.send(args, [&](const RedisValue &reply) {
        result = reply;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, timeoutMs))
        return RedisValue::error(QByteArray("test: callback did not run"));
    return result;
}

} // namespace redscope::test
