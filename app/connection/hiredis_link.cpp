// hiredis_link implementation: one attempt at a time, from settings to a connected context.
// Every failure goes to the owner's failed() handler as a kind plus hiredis' or the tunnel's
// own words; the owner decides how to phrase it and whether to retry.
#include "connection/hiredis_link.h"

#include "connection/tunnel.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QHostInfo>

#include <hiredis/hiredis.h>

#include <csignal>
#include <mutex>
#include <vector>

namespace redscope::Internal {

namespace {
// hiredis 0.14 writes with plain write(): a write to a server that has just gone away would
// raise SIGPIPE and kill the whole app (or test) instead of reporting a lost connection. The
// process has no use for SIGPIPE, so the first link turns it off for everyone.
void ignoreBrokenPipeSignal()
{
    static std::once_flag once;
    std::call_once(once, [] { std::signal(SIGPIPE, SIG_IGN); });
}
} // namespace

HiredisLink::HiredisLink(QObject *owner, Handlers handlers)
    : QObject(owner)
    , m_owner(owner)
    , m_handlers(std::move(handlers))
    , m_connectTimer(this)
{
    ignoreBrokenPipeSignal();
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this,
            [this] { m_handlers.failed(Failure::TimedOut, {}, false); });
}

HiredisLink::~HiredisLink()
{
    close();
}

void HiredisLink::open(const ConnectionSettings &settings)
{
    close();
    m_settings = settings;
    m_connectTimer.start(settings.connectTimeoutMs);
    if (settings.needsTunnel()) {
        openTunnel();
        return;
    }
    if (!settings.unixSocket.isEmpty()) {
        openContext({});
        return;
    }
    QHostAddress literal;
    if (literal.setAddress(settings.host)) {
        openContext(literal.toString());
        return;
    }
    m_lookupId = QHostInfo::lookupHost(settings.host, this,
                                       [this](const QHostInfo &info) { onHostLookedUp(info); });
}

void HiredisLink::close()
{
    ++m_generation;
    m_connectTimer.stop();
    if (m_lookupId != -1) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    if (m_context) {
        redisAsyncContext *context = m_context;
        m_context = nullptr;
        context->data = nullptr;
        m_binding->park();
        redisAsyncFree(context); // calls the callbacks with no reply; they ignore it
    }
    m_binding.reset();
    dropTunnel();
}

QString HiredisLink::explain(const QString &hiredisError) const
{
    return m_tunnel && !m_tunnel->errorText().isEmpty() ? m_tunnel->errorText() : hiredisError;
}

void HiredisLink::post(std::function<void()> fn)
{
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, fn = std::move(fn)] {
            if (generation == m_generation) fn(); // last: fn may delete the owner and us
        },
        Qt::QueuedConnection);
}

void HiredisLink::onHostLookedUp(const QHostInfo &info)
{
    if (info.lookupId() != m_lookupId) return;
    m_lookupId = -1;
    const QList<QHostAddress> addresses = info.addresses();
    if (info.error() != QHostInfo::NoError || addresses.isEmpty()) {
        m_handlers.failed(Failure::UnknownHost, info.errorString(), false);
        return;
    }
    QHostAddress chosen = addresses.first();
    for (const QHostAddress &address : addresses) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol) {
            chosen = address; // servers bound to 127.0.0.1 only are the common case
            break;
        }
    }
    openContext(chosen.toString());
}

// TLS and/or SSH: hiredis talks to the tunnel's private Unix socket once it is ready.
void HiredisLink::openTunnel()
{
    m_tunnel = new Tunnel(m_settings, this);
    connect(m_tunnel, &Tunnel::ready, this, [this] { openContext({}); });
    connect(m_tunnel, &Tunnel::failed, this, [this](const QString &message, bool authProblem) {
        m_handlers.failed(Failure::Tunnel, message, authProblem);
    });
    connect(m_tunnel, &Tunnel::warning, this, [this](const QString &message) {
        if (m_handlers.tunnelWarning) m_handlers.tunnelWarning(message);
    });
    m_tunnel->open();
}

void HiredisLink::dropTunnel()
{
    if (!m_tunnel) return;
    m_tunnel->disconnect(this);
    m_tunnel->deleteLater(); // we may be inside one of its signals
    m_tunnel = nullptr;
}

void HiredisLink::openContext(const QString &ipAddress)
{
    const QString unixPath = m_tunnel ? m_tunnel->localPath() : m_settings.unixSocket;
    redisAsyncContext *context =
        unixPath.isEmpty() ? redisAsyncConnect(ipAddress.toLatin1().constData(), m_settings.port)
                           : redisAsyncConnectUnix(QFile::encodeName(unixPath).constData());
    if (!context) {
        m_handlers.failed(Failure::OutOfMemory, {}, false);
        return;
    }
    if (context->err) {
        const QString error = QString::fromLocal8Bit(context->errstr);
        redisAsyncFree(context);
        m_handlers.failed(Failure::CannotConnect, error, false);
        return;
    }
    m_binding = std::make_unique<AdapterBinding>();
    m_binding->adapter.setContext(context); // must precede the connect callback (first write)
    context->data = this;
    if (m_firstElement) watchFirstElements(context);
    redisAsyncSetConnectCallback(context, &HiredisLink::onHiredisConnect);
    redisAsyncSetDisconnectCallback(context, &HiredisLink::onHiredisDisconnect);
    m_context = context;
}

namespace {
// hiredis' own reply builders (the same for every context), and a copy of them whose
// createString also reports first elements. Filled once, by the first context watched.
redisReplyObjectFunctions g_watchedFunctions;
void *(*g_createString)(const redisReadTask *, char *, size_t) = nullptr;
std::once_flag g_watchedOnce;
} // namespace

// hiredis builds a reply bottom-up through its reader's object functions, element by element as
// the bytes arrive, and hands each task the reader's privdata: the context here. Replies are
// still built by hiredis' own functions; this only looks at the first string of an array.
void HiredisLink::watchFirstElements(redisAsyncContext *context)
{
    redisReader *reader = context->c.reader;
    if (!reader || !reader->fn) return;
    std::call_once(g_watchedOnce, [reader] {
        g_watchedFunctions = *reader->fn;
        g_createString = reader->fn->createString;
        g_watchedFunctions.createString = &HiredisLink::createStringWatched;
    });
    if (reader->fn->createString != g_createString || !g_createString) return;
    reader->fn = &g_watchedFunctions;
    reader->privdata = context;
}

void *HiredisLink::createStringWatched(const redisReadTask *task, char *data, size_t size)
{
    void *object = g_createString(task, data, size);
    const redisReadTask *parent = task->parent;
    if (!object || task->idx != 0 || !parent || parent->parent ||
        parent->type != REDIS_REPLY_ARRAY || !task->privdata)
        return object;
    const auto *context = static_cast<const redisAsyncContext *>(task->privdata);
    const auto *link = static_cast<const HiredisLink *>(context->data);
    if (link && link->m_firstElement) link->m_firstElement(context, data, size);
    return object;
}

// Called from inside hiredis right before it frees the context on its own.
void HiredisLink::contextFreedByHiredis()
{
    m_context = nullptr;
    if (m_binding) m_binding->park();
}

// ---- hiredis C callbacks (inside redisAsyncHandleRead/Write): copy, post, return ----------

void HiredisLink::onHiredisConnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<HiredisLink *>(context->data);
    if (!self) return;
    if (status == REDIS_OK) {
        self->post([self] {
            if (self->m_context) self->m_handlers.connected();
        });
        return;
    }
    const QString error = QString::fromLocal8Bit(context->errstr);
    self->contextFreedByHiredis(); // hiredis frees a context whose connect failed
    self->post([self, error] { self->m_handlers.failed(Failure::Gone, error, false); });
}

void HiredisLink::onHiredisDisconnect(const redisAsyncContext *context, int status)
{
    auto *self = static_cast<HiredisLink *>(context->data);
    if (!self) return;
    const QString error =
        status == REDIS_OK ? QStringLiteral("closed") : QString::fromLocal8Bit(context->errstr);
    self->contextFreedByHiredis();
    self->post([self, error] { self->m_handlers.failed(Failure::Gone, error, false); });
}

QString workerFailureText(HiredisLink::Failure failure, const QString &detail,
                          const ConnectionSettings &settings)
{
    using Failure = HiredisLink::Failure;
    switch (failure) {
    case Failure::UnknownHost:
        return QCoreApplication::translate("redscope::HiredisLink", "unknown host '%1': %2")
            .arg(settings.host, detail);
    case Failure::OutOfMemory:
        return QCoreApplication::translate("redscope::HiredisLink", "out of memory");
    case Failure::TimedOut:
        return QCoreApplication::translate("redscope::HiredisLink", "timed out after %1 ms")
            .arg(settings.connectTimeoutMs);
    case Failure::CannotConnect:
    case Failure::Tunnel:
    case Failure::Gone:
        break;
    }
    return detail;
}

// ---- commands ---------------------------------------------------------------------------

int sendArgv(redisAsyncContext *context, const QList<QByteArray> &args, redisCallbackFn *callback,
             void *privateData)
{
    if (!context) return REDIS_ERR;
    std::vector<const char *> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(args.size()));
    lengths.reserve(size_t(args.size()));
    for (const QByteArray &arg : args) {
        argv.push_back(arg.constData());
        lengths.push_back(size_t(arg.size()));
    }
    return redisAsyncCommandArgv(context, callback, privateData, int(argv.size()), argv.data(),
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
