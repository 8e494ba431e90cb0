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

#include <functional>

#include <hiredis/adapters/qt.h>
#include <hiredis/async.h>

class QHostInfo;
class QObject;

namespace redscope {
class Tunnel;
}

namespace redscope::Internal {

// The Qt adapter's destructor writes to its context, so before the real context is freed the
// adapter is re-attached to a private "parking" context that outlives it.
struct AdapterBinding
{
    redisAsyncContext parking{}; // only ever handed to RedisQtAdapter::setContext
    RedisQtAdapter adapter;      // declared last: destroyed first, while parking still exists

    void park() { adapter.setContext(&parking); }
};

// Opens a non-blocking context to the tunnel's socket when there is one, else to
// ipAddress:port or the settings' Unix socket. Returns nullptr with a readable *error when
// hiredis fails right away.
redisAsyncContext *openAsyncContext(const ConnectionSettings &settings, const QString &ipAddress,
                                    QString *error, const Tunnel *tunnel = nullptr);

// For settings.needsTunnel(): a Tunnel owned by `owner`, already opening; onReady/onFailed run
// from the event loop. dropTunnel() disconnects and deletes it later (safe inside its signals).
Tunnel *startTunnel(const ConnectionSettings &settings, QObject *owner,
                    std::function<void()> onReady, std::function<void(const QString &)> onFailed);
void dropTunnel(Tunnel *&tunnel, QObject *owner);
// The tunnel's explanation of a closed connection when it has one, else hiredisError.
QString tunnelAwareError(const Tunnel *tunnel, const QString &hiredisError);

// The address to connect to from a finished lookup: the first IPv4 one, else the first one.
QString preferredAddress(const QHostInfo &info);

void sendArgv(redisAsyncContext *context, const QList<QByteArray> &args,
              redisCallbackFn *callback, void *privateData);

// AUTH [username] password, or an empty list when the settings carry no password.
QList<QByteArray> authCommand(const ConnectionSettings &settings);

} // namespace redscope::Internal
