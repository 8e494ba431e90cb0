// URL parsing and display for ConnectionSettings. QUrl does the percent-decoding; the checks
// here turn its silent failures (no host, port out of range) into messages a user can act on.
#include "connection/connection_settings.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

namespace redscope {

QString ConnectionSettings::address() const
{
    if (!unixSocket.isEmpty()) return QStringLiteral("unix:") + unixSocket;
    const QString shownHost =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("%1:%2").arg(shownHost).arg(port);
}

QString SshSettings::address() const
{
    const QString shownHost =
        host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("%1@%2:%3").arg(user, shownHost).arg(port);
}

// The URL as error messages show it: the password of redis://user:password@host (or the
// lone secret of redis://secret@host) replaced, since errors reach the screen and stderr.
static QString withoutPassword(const QString &text)
{
    const qsizetype at = text.indexOf(QLatin1Char('@'));
    const qsizetype start = text.indexOf(QLatin1String("://"));
    if (at < 0 || start < 0 || at < start) return text;
    const qsizetype colon = text.indexOf(QLatin1Char(':'), start + 3);
    const qsizetype from = (colon >= 0 && colon < at) ? colon + 1 : start + 3;
    return text.left(from) + QLatin1String("******") + text.mid(at);
}

static bool parseDb(const QString &text, int *db, QString *error)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 0) {
        *error = QCoreApplication::translate("redscope::ConnectionSettings",
                                             "Invalid database number '%1'")
                     .arg(text);
        return false;
    }
    *db = value;
    return true;
}

bool ConnectionSettings::fromUrl(const QString &text, ConnectionSettings *settings, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        *error =
            QCoreApplication::translate("redscope::ConnectionSettings", "Invalid URL '%1': %2")
                .arg(withoutPassword(text), url.errorString().replace(text, withoutPassword(text)));
        return false;
    }
    ConnectionSettings result;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("unix")) {
        if (url.path().isEmpty() || !url.host().isEmpty()) {
            *error = QCoreApplication::translate("redscope::ConnectionSettings",
                                                 "A unix URL needs an absolute socket path, as in "
                                                 "unix:///run/redis.sock");
            return false;
        }
        result.unixSocket = url.path();
        const QUrlQuery query(url);
        if (query.hasQueryItem(QStringLiteral("db")) &&
            !parseDb(query.queryItemValue(QStringLiteral("db")), &result.db, error)) {
            return false;
        }
    } else if (scheme == QLatin1String("redis") || scheme == QLatin1String("rediss")) {
        if (url.host().isEmpty()) {
            *error = QCoreApplication::translate("redscope::ConnectionSettings",
                                                 "The URL '%1' names no host")
                         .arg(withoutPassword(text));
            return false;
        }
        result.host = url.host();
        result.port = url.port(6379);
        if (result.port <= 0 || result.port > 65535) {
            *error = QCoreApplication::translate("redscope::ConnectionSettings",
                                                 "Port out of range in '%1'")
                         .arg(withoutPassword(text));
            return false;
        }
        const QString path = url.path();
        if (path.size() > 1 && !parseDb(path.mid(1), &result.db, error)) return false;
        result.tls.enabled = scheme == QLatin1String("rediss");
    } else {
        *error = QCoreApplication::translate(
                     "redscope::ConnectionSettings",
                     "Unsupported URL scheme '%1': use redis://, rediss:// or unix://")
                     .arg(url.scheme());
        return false;
    }
    result.username = url.userName();
    result.password = url.password();
    if (result.password.isEmpty() && !result.username.isEmpty()) {
        // redis://secret@host: a lone user-info part is the password, as redis-cli reads it.
        result.password = result.username;
        result.username.clear();
    }
    result.name = result.address();
    *settings = result;
    return true;
}

} // namespace redscope
