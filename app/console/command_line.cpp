// Console line splitting. A small hand-written state machine over bytes: the rules are few and
// an error must say where the line went wrong, which a regex split could not do.
#include "console/command_line.h"

#include "connection/cli_escapes.h"

#include <QCoreApplication>

namespace redscope {

static bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int hexValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static CommandLine::Result failure(const QString &message, int position)
{
    CommandLine::Result result;
    result.error = message;
    result.errorPosition = position;
    return result;
}

CommandLine::Result CommandLine::split(const QString &line)
{
    return split(line.toUtf8());
}

CommandLine::Result CommandLine::split(const QByteArray &line)
{
    Result result;
    const int n = int(line.size());
    int i = 0;
    while (true) {
        while (i < n && isSpace(line[i]))
            ++i;
        if (i >= n) return result;

        QByteArray arg;
        char quote = 0; // the quote character we are inside, or 0
        int quoteStart = -1;
        bool done = false;
        while (!done) {
            if (i >= n) {
                if (quote) {
                    return failure(
                        QCoreApplication::translate("redscope::CommandLine",
                                                    "Unbalanced quotes: the %1 quote at column "
                                                    "%2 is never closed")
                            .arg(quote == '"' ? u"double" : u"single")
                            .arg(quoteStart + 1),
                        quoteStart);
                }
                break;
            }
            const char c = line[i];
            if (quote == '"') {
                if (c == '\\' && i + 3 < n && line[i + 1] == 'x' && hexValue(line[i + 2]) >= 0 &&
                    hexValue(line[i + 3]) >= 0) {
                    arg.append(char(hexValue(line[i + 2]) * 16 + hexValue(line[i + 3])));
                    i += 4;
                    continue;
                }
                if (c == '\\' && i + 1 < n) {
                    arg.append(unescapedByte(line[i + 1]));
                    i += 2;
                    continue;
                }
            } else if (quote == '\'') {
                if (c == '\\' && i + 1 < n && line[i + 1] == '\'') {
                    arg.append('\'');
                    i += 2;
                    continue;
                }
            }

            if (quote && c == quote) {
                // A closing quote ends the argument; gluing text to it is almost always a typo.
                if (i + 1 < n && !isSpace(line[i + 1])) {
                    return failure(
                        QCoreApplication::translate("redscope::CommandLine",
                                                    "Closing quote at column %1 must be followed "
                                                    "by a space or the end of the line")
                            .arg(i + 1),
                        i);
                }
                ++i;
                done = true;
            } else if (quote) {
                arg.append(c);
                ++i;
            } else if (isSpace(c)) {
                done = true;
            } else if (c == '"' || c == '\'') {
                quote = c;
                quoteStart = i;
                ++i;
            } else {
                arg.append(c);
                ++i;
            }
        }
        result.args.append(arg);
    }
}

} // namespace redscope
