// ProductionGuard: the table of dangerous commands and the wording of the question. Counting
// uses the cheapest exact source: DBSIZE (O(1)) for one database, the INFO keyspace section for
// all of them, EXISTS on the named keys for multi-key deletes (what would really go).
#include "connection/production_guard.h"

#include "connection/connection_settings.h"
#include "connection/redis_value.h"
#include "connection/secret_mask.h"
#include "monitoring/info_snapshot.h"

#include <QLocale>
#include <QObject>

namespace redscope {

namespace {

bool is(const QByteArray &arg, const char *word)
{
    return arg.compare(word, Qt::CaseInsensitive) == 0;
}

ProductionGuard::Confirmer &installed()
{
    static ProductionGuard::Confirmer confirmer;
    return confirmer;
}

DangerousCommand make(DangerousCommand::Kind kind, DangerousCommand::Scope scope,
                      const QString &name, const QString &effect)
{
    DangerousCommand danger;
    danger.kind = kind;
    danger.scope = scope;
    danger.name = name;
    danger.effect = effect;
    return danger;
}

} // namespace

DangerousCommand ProductionGuard::classify(const QList<QByteArray> &args, int db)
{
    using Kind = DangerousCommand::Kind;
    using Scope = DangerousCommand::Scope;
    if (args.isEmpty()) return {};
    const QByteArray &command = args.first();
    const QByteArray sub = args.size() > 1 ? args.at(1) : QByteArray();
    if (is(command, "flushall")) {
        return make(Kind::FlushAll, Scope::AllDbs, QStringLiteral("FLUSHALL"),
                    QObject::tr("deletes every key in every database"));
    }
    if (is(command, "flushdb")) {
        return make(Kind::FlushDb, Scope::CurrentDb, QStringLiteral("FLUSHDB"),
                    QObject::tr("deletes every key of database %1").arg(db));
    }
    if ((is(command, "del") || is(command, "unlink")) && args.size() > 2) {
        return make(Kind::BulkDelete, Scope::NamedKeys, QString::fromUtf8(command.toUpper()),
                    QObject::tr("deletes %1 keys named in the command from database %2")
                        .arg(args.size() - 1)
                        .arg(db));
    }
    if (is(command, "shutdown")) {
        const bool nosave = args.size() > 1 && is(args.last(), "nosave");
        return make(Kind::Shutdown, Scope::AllDbs, QStringLiteral("SHUTDOWN"),
                    nosave ? QObject::tr("stops the server without saving its data")
                           : QObject::tr("stops the server"));
    }
    if (is(command, "config") && is(sub, "set")) {
        const QList<QByteArray> shown = SecretMask::masked(args);
        QStringList pairs;
        for (int i = 2; i + 1 < shown.size(); i += 2)
            pairs << QStringLiteral("%1 = %2").arg(QString::fromUtf8(shown[i]),
                                                   QString::fromUtf8(shown[i + 1]));
        return make(Kind::ConfigSet, Scope::Nothing, QStringLiteral("CONFIG SET"),
                    QObject::tr("changes the server's configuration: %1")
                        .arg(pairs.join(QStringLiteral(", "))));
    }
    if ((is(command, "replicaof") || is(command, "slaveof")) && args.size() > 2 &&
        !(is(args[1], "no") && is(args[2], "one"))) {
        return make(Kind::ReplicaOf, Scope::AllDbs, QString::fromUtf8(command.toUpper()),
                    QObject::tr("replaces all data with a copy of %1:%2")
                        .arg(QString::fromUtf8(args[1]), QString::fromUtf8(args[2])));
    }
    if (is(command, "swapdb")) {
        return make(Kind::SwapDb, Scope::Nothing, QStringLiteral("SWAPDB"),
                    QObject::tr("swaps the contents of two databases"));
    }
    if (is(command, "debug")) {
        return make(Kind::Debug, Scope::Nothing,
                    QStringLiteral("DEBUG %1").arg(QString::fromUtf8(sub.toUpper())),
                    QObject::tr("runs a debugging command that can block, crash or reload "
                                "the server"));
    }
    if (is(command, "cluster") && is(sub, "reset")) {
        return make(Kind::ClusterReset, Scope::AllDbs, QStringLiteral("CLUSTER RESET"),
                    QObject::tr("makes this node forget the cluster and deletes its keys"));
    }
    if ((is(command, "script") || is(command, "function")) && is(sub, "flush")) {
        return make(Kind::ScriptFlush, Scope::Nothing,
                    QStringLiteral("%1 FLUSH").arg(QString::fromUtf8(command.toUpper())),
                    QObject::tr("deletes every stored script or function"));
    }
    if (is(command, "function")) {
        const bool hasReplace = args.size() > 2 && (is(args[2], "replace"));
        const bool restoreOver =
            args.size() > 3 && (is(args[3], "replace") || is(args[3], "flush"));
        if (is(sub, "delete") && args.size() > 2) {
            return make(
                Kind::FunctionChange, Scope::Nothing, QStringLiteral("FUNCTION DELETE"),
                QObject::tr("deletes the function library %1").arg(QString::fromUtf8(args[2])));
        }
        if (is(sub, "load") && hasReplace) {
            return make(Kind::FunctionChange, Scope::Nothing,
                        QStringLiteral("FUNCTION LOAD REPLACE"),
                        QObject::tr("replaces a function library that may already exist"));
        }
        if (is(sub, "restore") && restoreOver) {
            const bool flush = is(args[3], "flush");
            return make(Kind::FunctionChange, Scope::Nothing,
                        QStringLiteral("FUNCTION RESTORE %1").arg(flush ? "FLUSH" : "REPLACE"),
                        flush ? QObject::tr("deletes every function library, then restores "
                                            "the dumped ones")
                              : QObject::tr("overwrites the function libraries of the same "
                                            "names with the dumped ones"));
        }
    }
    return {};
}

QList<QByteArray> ProductionGuard::countCommand(const DangerousCommand &danger,
                                                const QList<QByteArray> &args)
{
    switch (danger.scope) {
    case DangerousCommand::Scope::Nothing:
        return {};
    case DangerousCommand::Scope::CurrentDb:
        return {"DBSIZE"};
    case DangerousCommand::Scope::AllDbs:
        return {"INFO", "keyspace"};
    case DangerousCommand::Scope::NamedKeys:
        return QList<QByteArray>{"EXISTS"} + args.mid(1);
    }
    return {};
}

qint64 ProductionGuard::countFrom(const DangerousCommand &danger, const RedisValue &reply)
{
    if (reply.isError()) return -1;
    if (danger.scope == DangerousCommand::Scope::AllDbs) {
        if (reply.bytes().isEmpty()) return -1;
        return InfoSnapshot::parse(reply.bytes()).totalKeys();
    }
    if (reply.type() != RedisValue::Type::Integer) return -1;
    return reply.toInteger();
}

QString ConfirmationRequest::title() const
{
    return QObject::tr("%1 on production server %2").arg(command, serverName);
}

QString ConfirmationRequest::question() const
{
    QString text = QObject::tr("\"%1\" (%2) is marked as a production server.\n\n%3 %4.")
                       .arg(serverName, address, command, effect);
    if (counted) {
        text += QLatin1Char(' ');
        text += affectedKeys >= 0
                    ? QObject::tr("Keys affected: %1.").arg(QLocale().toString(affectedKeys))
                    : QObject::tr("The number of keys affected could not be read.");
    }
    text += QObject::tr("\n\nRun %1 on %2?").arg(command, serverName);
    return text;
}

ConfirmationRequest ProductionGuard::question(const ConnectionSettings &settings,
                                              const QString &command, const QString &effect,
                                              qint64 affectedKeys, bool counted)
{
    ConfirmationRequest request;
    request.serverName = settings.name.isEmpty() ? settings.address() : settings.name;
    request.address = settings.address();
    request.command = command;
    request.effect = effect;
    request.affectedKeys = affectedKeys;
    request.counted = counted;
    return request;
}

void ProductionGuard::setConfirmer(Confirmer confirmer)
{
    installed() = std::move(confirmer);
}

bool ProductionGuard::hasConfirmer()
{
    return bool(installed());
}

void ProductionGuard::ask(const ConfirmationRequest &request, Answer answer)
{
    if (!installed()) {
        answer(false);
        return;
    }
    installed()(request, std::move(answer));
}

} // namespace redscope
