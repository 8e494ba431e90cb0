// hiredis_link: the plumbing shared by Redscope's dedicated hiredis connections that run on a
// worker thread (Subscriber for SUBSCRIBE, MonitorSession for MONITOR). Both own a stream of
// pushes that a normal RedisConnection must refuse, so each has its own context; what they have
// in common (opening a context, attaching hiredis' Qt adapter safely, choosing an address,
// sending an argv, the AUTH command) lives here once. Internal: only app/*.cpp include it,
// because it pulls in hiredis headers, which the UI must never see.
#pragma once

#include "connection_settings.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <hiredis/adapters/qt.h>
#include <hiredis/async.h>

class QHostInfo;

namespace redscope::Internal {

// The Qt adapter's destructor writes to its context, so before the real context is freed the
// adapter is re-attached to a private "parking" context that outlives it.
struct AdapterBinding
{
    redisAsyncContext parking{}; // only ever handed to RedisQtAdapter::setContext
    RedisQtAdapter adapter;      // declared last: destroyed first, while parking still exists

    void park() { adapter.setContext(&parking); }
};

// Opens a non-blocking context to ipAddress:port, or to the settings' Unix socket when one is
// set. Returns nullptr with a readable *error when hiredis fails right away.
redisAsyncContext *openAsyncContext(const ConnectionSettings &settings, const QString &ipAddress,
                                    QString *error);

// The address to connect to from a finished lookup: the first IPv4 one, else the first one.
QString preferredAddress(const QHostInfo &info);

void sendArgv(redisAsyncContext *context, const QList<QByteArray> &args,
              redisCallbackFn *callback, void *privateData);

// AUTH [username] password, or an empty list when the settings carry no password.
QList<QByteArray> authCommand(const ConnectionSettings &settings);

} // namespace redscope::Internal
