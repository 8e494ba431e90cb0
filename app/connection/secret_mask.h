// SecretMask: finds the passwords inside commands so they are never shown or written: AUTH
// [user] pass, HELLO ... AUTH user pass, MIGRATE ... AUTH pass / AUTH2 user pass, ACL SETUSER
// rules (>pass, <pass, #hash, !hash), CONFIG SET requirepass/masterauth/tls-*-pass values.
// Used by the console (echoed lines, history), the MONITOR stream (before any line reaches a
// view or an export) and the production confirmation (CONFIG SET requirepass ...).
// Pure functions on arguments and text, so each rule is tested without a server.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace redscope {

class SecretMask
{
public:
    static constexpr const char *kMask = "******";

    // requirepass, masterauth...: configuration parameters whose value is a password.
    static bool isSecretConfig(const QByteArray &name);
    // Indexes of the arguments that hold secrets (empty: nothing to hide).
    static QList<int> secretPositions(const QList<QByteArray> &args);
    static bool containsSecret(const QList<QByteArray> &args)
    {
        return !secretPositions(args).isEmpty();
    }
    // The same arguments with every secret replaced by kMask (ACL rules keep their > < # !).
    static QList<QByteArray> masked(const QList<QByteArray> &args);
    // A console line as typed: re-quoted from masked arguments when it holds a secret, the
    // command word plus kMask when it cannot be parsed but starts like a secret-bearing one.
    static QString maskLine(const QString &line);
    // One MONITOR line: `<time> [<db> <client>] "arg" "arg" ...`; secret arguments become
    // "(redacted)", the way Redis itself redacts AUTH in MONITOR.
    static QByteArray maskMonitorLine(const QByteArray &line);
};

} // namespace redscope
