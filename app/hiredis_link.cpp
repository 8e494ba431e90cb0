// hiredis_link implementation: thin wrappers, kept out of the header so only one file per
// dedicated connection needs to know the details of hiredis' argv API.
#include "hiredis_link.h"

#include "tunnel.h"

#include <QFile>
#include <QHostAddress>
#include <QHostInfo>

#include <vector>

namespace redscope::Internal {

redisAsyncContext *openAsyncContext(const ConnectionSettings &settings, const QString &ipAddress,
                                    QString *error, const Tunnel *tunnel)
{
    const QString unixPath = tunnel ? tunnel->localPath() : settings.unixSocket;
    redisAsyncContext *context =
        unixPath.isEmpty() ? redisAsyncConnect(ipAddress.toLatin1().constData(), settings.port)
                           : redisAsyncConnectUnix(QFile::encodeName(unixPath).constData());
    if (!context) {
        *error = QStringLiteral("out of memory");
        return nullptr;
    }
    if (context->err) {
        *error = QString::fromLocal8Bit(context->errstr);
        redisAsyncFree(context);
        return nullptr;
    }
    return context;
}

Tunnel *startTunnel(const ConnectionSettings &settings, QObject *owner,
                    std::function<void()> onReady, std::function<void(const QString &)> onFailed)
{
    auto *tunnel = new Tunnel(settings, owner);
    QObject::connect(tunnel, &Tunnel::ready, owner, std::move(onReady));
    QObject::connect(tunnel, &Tunnel::failed, owner,
                     [onFailed = std::move(onFailed)](const QString &message, bool) {
                         onFailed(message);
                     });
    tunnel->open();
    return tunnel;
}

void dropTunnel(Tunnel *&tunnel, QObject *owner)
{
    if (!tunnel) return;
    tunnel->disconnect(owner);
    tunnel->deleteLater();
    tunnel = nullptr;
}

QString tunnelAwareError(const Tunnel *tunnel, const QString &hiredisError)
{
    return tunnel && !tunnel->errorText().isEmpty() ? tunnel->errorText() : hiredisError;
}

QString preferredAddress(const QHostInfo &info)
{
    const QList<QHostAddress> addresses = info.addresses();
    for (const QHostAddress &address : addresses) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol) return address.toString();
    }
    return addresses.isEmpty() ? QString() : addresses.first().toString();
}

void sendArgv(redisAsyncContext *context, const QList<QByteArray> &args,
              redisCallbackFn *callback, void *privateData)
{
    if (!context) return;
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(args.size()));
    lengths.reserve(size_t(args.size()));
    for (const QByteArray &arg : args) {
        argv.push_back(arg.constData());
        lengths.push_back(size_t(arg.size()));
    }
    redisAsyncCommandArgv(context, callback, privateData, int(argv.size()), argv.data(),
                          lengths.data());
}

QList<QByteArray> authCommand(const ConnectionSettings &settings)
{
    if (settings.password.isEmpty()) return {};
    QList<QByteArray> auth{"AUTH"};
    if (!settings.username.isEmpty()) auth.append(settings.username.toUtf8());
    auth.append(settings.password.toUtf8());
    return auth;
}

} // namespace redscope::Internal
