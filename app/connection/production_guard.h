// ProductionGuard: the policy for connections marked "production". It names the commands that
// must be confirmed before they are sent (FLUSHALL, FLUSHDB, deleting several keys at once,
// SHUTDOWN, CONFIG SET, REPLICAOF, SWAPDB, DEBUG, CLUSTER RESET, FUNCTION/SCRIPT FLUSH, and the
// FUNCTION calls that delete or overwrite libraries), says how
// to count the keys each would affect (DBSIZE, the INFO keyspace total, EXISTS on the named
// keys) and words the question. It is plain data plus one process-wide hook: the UI installs a
// Confirmer that shows a dialog; with none installed, dangerous commands are refused, so a
// production server is never flushed because nobody could be asked.
//
// RedisConnection applies it in send(), so every path (console, panels, bulk actions) goes
// through the same gate; widgets only supply the dialog (ui/widgets/confirm.h).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace redscope {

class RedisValue;
struct ConnectionSettings;

struct DangerousCommand
{
    enum class Kind {
        None,
        FlushAll,
        FlushDb,
        BulkDelete,
        Shutdown,
        ConfigSet,
        ReplicaOf,
        SwapDb,
        Debug,
        ClusterReset,
        ScriptFlush,
        FunctionChange, // FUNCTION DELETE, LOAD REPLACE, RESTORE REPLACE/FLUSH
    };
    // What to count before asking.
    enum class Scope { Nothing, CurrentDb, AllDbs, NamedKeys };

    Kind kind = Kind::None;
    Scope scope = Scope::Nothing;
    QString name;   // "FLUSHDB", "CONFIG SET"
    QString effect; // "deletes every key of database 3"

    explicit operator bool() const { return kind != Kind::None; }
};

struct ConfirmationRequest
{
    QString serverName;
    QString address;          // host:port or unix:path
    QString command;          // "FLUSHALL"
    QString effect;           // what it does, secrets masked
    qint64 affectedKeys = -1; // -1: nothing to count, or counting failed
    bool counted = false;     // the command affects keys (then affectedKeys may be -1: unknown)

    QString title() const;
    QString question() const; // names the server, the command and the count
};

class ProductionGuard
{
public:
    using Answer = std::function<void(bool confirmed)>;
    // Must call the answer exactly once, now or later (a modal dialog, a test stub).
    using Confirmer = std::function<void(const ConfirmationRequest &request, Answer answer)>;

    static DangerousCommand classify(const QList<QByteArray> &args, int db);
    // The read-only command that counts the affected keys; empty when nothing is counted.
    static QList<QByteArray> countCommand(const DangerousCommand &danger,
                                          const QList<QByteArray> &args);
    // The count from countCommand()'s reply; -1 when the reply is an error or unreadable.
    static qint64 countFrom(const DangerousCommand &danger, const RedisValue &reply);

    // The question for an operation of several commands (a bulk delete of the keys a preview
    // counted): ask() it once, then send the batches with RedisConnection::sendConfirmed().
    static ConfirmationRequest question(const ConnectionSettings &settings, const QString &command,
                                        const QString &effect, qint64 affectedKeys, bool counted);

    static void setConfirmer(Confirmer confirmer); // an empty function removes it
    static bool hasConfirmer();
    // Asks the installed confirmer; answers false at once when there is none.
    static void ask(const ConfirmationRequest &request, Answer answer);
};

} // namespace redscope
