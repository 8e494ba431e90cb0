// CommandDocsProvider: fetches CommandDocs lazily, one command at a time, when the console's
// user starts typing it, and keeps them for the session.
//
// It never uses the console's own connection: a reply nested deeper than Debian's hiredis 0.14
// can parse (8 levels: CLIENT KILL's docs, any container's docs) makes hiredis drop the
// connection it arrived on, which would lose the user's SELECT, MULTI or pending replies. So
// the provider opens its own short-lived connection with the same settings, sends one request
// at a time, and closes it after a few idle seconds. When a COMMAND DOCS request breaks or is
// refused, it asks COMMAND INFO (shallow: arity, flags, subcommand names) on a fresh connection
// instead, so every command still gets a hint.
#pragma once

#include "connection/connection_settings.h"
#include "console/command_docs.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

namespace redscope {

class RedisConnection;

class CommandDocsProvider : public QObject
{
    Q_OBJECT

public:
    explicit CommandDocsProvider(const ConnectionSettings &settings, QObject *parent = nullptr);
    ~CommandDocsProvider() override;

    // The doc of "SET" / "client kill" / "client|kill" if known, else nullptr and a fetch is
    // started (docReady follows). Unknown commands are remembered as unknown: one request each.
    const CommandDoc *doc(const QString &commandName);
    void fetch(const QString &commandName); // ahead of prefetches: the user waits for it
    // The doc if already known, without fetching (the completion popup's summaries).
    const CommandDoc *cached(const QString &commandName) const;
    // Fetches after everything else queued (summaries of the completion candidates).
    void prefetch(const QString &commandName);
    bool isKnownMissing(const QString &commandName) const;
    // Names whose COMMAND DOCS reply could not be read (the COMMAND INFO fallback was used).
    QStringList fellBack() const { return m_fellBack; }
    bool hasConnection() const { return m_connection != nullptr; }
    void setIdleTimeout(int ms) { m_idle.setInterval(ms); }

signals:
    void docReady(const QString &key); // CommandDocs::keyOf() of the name

private:
    enum class Kind { Docs, Info };
    struct Job
    {
        QString key;
        Kind kind;
    };

    void pump();
    RedisConnection *ensureConnection();
    void dropConnection();
    void onReply(const Job &job, const RedisValue &reply, bool connectionBroke);
    void finish(const QString &key);

    ConnectionSettings m_settings;
    QPointer<RedisConnection> m_connection;
    QHash<QString, CommandDoc> m_docs;
    QSet<QString> m_missing;
    QSet<QString> m_queued;
    QList<Job> m_jobs;
    bool m_busy = false;
    QStringList m_fellBack;
    QTimer m_idle;
};

} // namespace redscope
