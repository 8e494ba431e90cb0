// One request in flight at a time keeps the docs connection's load negligible (a console user
// types a command every few seconds) and makes "which request broke the connection" obvious.
#include "console/command_docs_provider.h"

#include "connection/redis_connection.h"

namespace redscope {

static constexpr int kIdleCloseMs = 10000;
static constexpr int kRequestTimeoutMs = 5000;

CommandDocsProvider::CommandDocsProvider(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
    m_settings.name += QStringLiteral(" (docs)");
    m_idle.setSingleShot(true);
    m_idle.setInterval(kIdleCloseMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (!m_busy) dropConnection();
    });
}

CommandDocsProvider::~CommandDocsProvider()
{
    delete m_connection; // pending callbacks are dropped, not called
}

const CommandDoc *CommandDocsProvider::doc(const QString &commandName)
{
    const QString key = CommandDocs::keyOf(commandName);
    const auto it = m_docs.constFind(key);
    if (it != m_docs.constEnd()) return &it.value();
    fetch(key);
    return nullptr;
}

bool CommandDocsProvider::isKnownMissing(const QString &commandName) const
{
    return m_missing.contains(CommandDocs::keyOf(commandName));
}

const CommandDoc *CommandDocsProvider::cached(const QString &commandName) const
{
    const auto it = m_docs.constFind(CommandDocs::keyOf(commandName));
    return it != m_docs.constEnd() ? &it.value() : nullptr;
}

void CommandDocsProvider::fetch(const QString &commandName)
{
    const QString key = CommandDocs::keyOf(commandName);
    if (key.isEmpty() || m_docs.contains(key) || m_missing.contains(key)) return;
    if (m_queued.contains(key)) { // a prefetch: move it to the front
        for (qsizetype i = 0; i < m_jobs.size(); ++i) {
            if (m_jobs[i].key == key && m_jobs[i].kind == Kind::Docs) {
                m_jobs.move(i, 0);
                break;
            }
        }
        return;
    }
    m_queued.insert(key);
    m_jobs.prepend({key, Kind::Docs});
    pump();
}

void CommandDocsProvider::prefetch(const QString &commandName)
{
    const QString key = CommandDocs::keyOf(commandName);
    if (key.isEmpty() || m_docs.contains(key) || m_missing.contains(key) || m_queued.contains(key))
        return;
    m_queued.insert(key);
    m_jobs.append({key, Kind::Docs});
    pump();
}

RedisConnection *CommandDocsProvider::ensureConnection()
{
    if (m_connection && m_connection->state() != RedisConnection::State::Disconnected &&
        m_connection->state() != RedisConnection::State::Lost &&
        m_connection->state() != RedisConnection::State::AuthFailed)
        return m_connection;
    dropConnection();
    m_connection = new RedisConnection(m_settings.named(QStringLiteral("redscope:docs")), this);
    m_connection->setAutoReconnect(false);
    m_connection->connectToServer();
    return m_connection;
}

void CommandDocsProvider::dropConnection()
{
    if (!m_connection) return;
    RedisConnection *old = m_connection;
    m_connection = nullptr;
    old->deleteLater(); // may be inside one of its own callbacks
}

void CommandDocsProvider::pump()
{
    if (m_busy || m_jobs.isEmpty()) return;
    const Job job = m_jobs.takeFirst();
    m_busy = true;
    m_idle.stop();
    RedisConnection *connection = ensureConnection();
    const QList<QByteArray> args{"COMMAND", job.kind == Kind::Docs ? "DOCS" : "INFO",
                                 job.key.toUtf8()};
    QPointer<RedisConnection> sentOn(connection);
    connection->send(
        args,
        [this, job, sentOn](const RedisValue &reply) {
            // hiredis' reader gave up on the reply: the connection is gone, not just the reply.
            const bool broke =
                reply.isError() && (!sentOn || sentOn->state() != RedisConnection::State::Ready);
            onReply(job, reply, broke);
        },
        kRequestTimeoutMs);
}

void CommandDocsProvider::onReply(const Job &job, const RedisValue &reply, bool connectionBroke)
{
    m_busy = false;
    if (connectionBroke) dropConnection();
    if (job.kind == Kind::Docs) {
        const QHash<QString, CommandDoc> docs = CommandDocs::parseDocs(reply);
        if (!reply.isError() && docs.contains(job.key)) {
            for (auto it = docs.constBegin(); it != docs.constEnd(); ++it)
                if (!m_docs.contains(it.key())) m_docs.insert(it.key(), it.value());
            finish(job.key);
        } else if (!reply.isError() && !connectionBroke) {
            // Not a command of this server (an empty DOCS map) or a name it leaves out.
            m_jobs.prepend({job.key, Kind::Info});
        } else {
            // Too deep for hiredis 0.14, or no COMMAND DOCS (Redis < 7): ask COMMAND INFO.
            m_fellBack.append(job.key);
            m_jobs.prepend({job.key, Kind::Info});
        }
    } else {
        // Only the asked name: a container's subcommands may still have readable DOCS.
        const QHash<QString, CommandDoc> docs = CommandDocs::parseInfo(reply);
        if (docs.contains(job.key))
            m_docs.insert(job.key, docs.value(job.key));
        else
            m_missing.insert(job.key);
        finish(job.key);
    }
    if (m_jobs.isEmpty()) m_idle.start();
    pump();
}

void CommandDocsProvider::finish(const QString &key)
{
    m_queued.remove(key);
    emit docReady(key);
}

} // namespace redscope
