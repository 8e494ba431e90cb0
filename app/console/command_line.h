// CommandLine: turns one line typed in the console into command arguments, the way redis-cli
// reads its prompt: spaces separate arguments, "double quotes" understand \n \r \t \b \a \xHH and
// \<char>, 'single quotes' only understand \'. Arguments are bytes (UTF-8 of what was typed plus
// whatever \xHH produced), because keys and values are binary-safe.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace redscope {

class CommandLine
{
public:
    struct Result
    {
        QList<QByteArray> args;
        QString error;          // empty on success
        int errorPosition = -1; // byte offset into the UTF-8 line where parsing stopped
        bool ok() const { return error.isEmpty(); }
    };

    static Result split(const QString &line);
    static Result split(const QByteArray &utf8Line);
};

} // namespace redscope
