// SecretMask rules. Commands are matched case-insensitively on the decoded arguments; MONITOR
// lines are decoded token by token (the server quotes every argument) so that the tokens that
// are kept are copied byte for byte. Cost: one pass over the arguments, nothing cached.
#include "connection/secret_mask.h"

#include "connection/cli_escapes.h"

#include "console/command_line.h"

namespace redscope {

namespace {

bool is(const QByteArray &arg, const char *word)
{
    return arg.compare(word, Qt::CaseInsensitive) == 0;
}

bool isSecretConfigName(const QByteArray &name)
{
    static const char *const names[] = {"requirepass", "masterauth", "primaryauth",
                                        "tls-key-file-pass", "tls-client-key-file-pass"};
    for (const char *secret : names) {
        if (is(name, secret)) return true;
    }
    return false;
}

bool isAclPasswordRule(const QByteArray &rule)
{
    return !rule.isEmpty() &&
           (rule[0] == '>' || rule[0] == '<' || rule[0] == '#' || rule[0] == '!');
}

// The commands secretPositions() knows: a line of one of them that cannot be parsed is hidden.
bool isCarrier(const QByteArray &command)
{
    static const char *const carriers[] = {"auth", "hello", "migrate", "acl", "config"};
    for (const char *carrier : carriers) {
        if (is(command, carrier)) return true;
    }
    return false;
}

bool needsQuotes(const QByteArray &arg)
{
    if (arg.isEmpty()) return true;
    for (const char c : arg) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= ' ' || c == '"' || c == '\'' || c == '\\' || u >= 0x7f) return true;
    }
    return false;
}

QByteArray quoted(const QByteArray &arg)
{
    if (!needsQuotes(arg)) return arg;
    QByteArray out = "\"";
    for (const char c : arg) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (u < ' ' || u == 0x7f) {
            out += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += c; // UTF-8 bytes stay as they are
        }
    }
    return out + '"';
}

// Decodes one "..." token starting at `pos` (which holds the opening quote); returns the index
// after the closing quote, or -1 when the token is not closed.
int decodeQuoted(const QByteArray &line, int pos, QByteArray *value)
{
    value->clear();
    int i = pos + 1;
    while (i < line.size()) {
        const char c = line[i];
        if (c == '"') return i + 1;
        if (c == '\\' && i + 1 < line.size()) {
            const char e = line[i + 1];
            if (e == 'x' && i + 3 < line.size()) {
                bool ok = false;
                const int byte = line.mid(i + 2, 2).toInt(&ok, 16);
                if (ok) {
                    value->append(char(byte));
                    i += 4;
                    continue;
                }
            }
            value->append(unescapedByte(e));
            i += 2;
            continue;
        }
        value->append(c);
        ++i;
    }
    return -1;
}

} // namespace

bool SecretMask::isSecretConfig(const QByteArray &name)
{
    return isSecretConfigName(name);
}

QList<int> SecretMask::secretPositions(const QList<QByteArray> &args)
{
    QList<int> positions;
    if (args.isEmpty()) return positions;
    const QByteArray &command = args.first();
    const int n = int(args.size());
    if (is(command, "auth")) {
        // AUTH password, or AUTH username password: everything after the user name.
        for (int i = n >= 3 ? 2 : 1; i < n; ++i)
            positions.append(i);
    } else if (is(command, "hello")) {
        for (int i = 1; i < n; ++i) {
            if (is(args[i], "auth")) {
                if (i + 2 < n) positions.append(i + 2);
                i += 2;
            } else if (is(args[i], "setname")) {
                ++i;
            }
        }
    } else if (is(command, "migrate")) {
        for (int i = 6; i < n && !is(args[i], "keys"); ++i) {
            if (is(args[i], "auth") && i + 1 < n) {
                positions.append(++i);
            } else if (is(args[i], "auth2") && i + 2 < n) {
                positions.append(i + 2);
                i += 2;
            }
        }
    } else if (is(command, "acl") && n > 2 && is(args[1], "setuser")) {
        for (int i = 3; i < n; ++i) {
            if (isAclPasswordRule(args[i])) positions.append(i);
        }
    } else if (is(command, "config") && n > 3 && is(args[1], "set")) {
        for (int i = 2; i + 1 < n; i += 2) {
            if (isSecretConfigName(args[i])) positions.append(i + 1);
        }
    }
    return positions;
}

QList<QByteArray> SecretMask::masked(const QList<QByteArray> &args)
{
    QList<QByteArray> result = args;
    const bool acl = args.size() > 1 && is(args.first(), "acl");
    for (const int i : secretPositions(args)) {
        const bool keepPrefix = acl && isAclPasswordRule(args[i]);
        result[i] = keepPrefix ? args[i].left(1) + kMask : QByteArray(kMask);
    }
    return result;
}

QString SecretMask::maskLine(const QString &line)
{
    const CommandLine::Result parsed = CommandLine::split(line);
    if (parsed.ok()) {
        if (!containsSecret(parsed.args)) return line;
        QByteArray out;
        for (const QByteArray &arg : masked(parsed.args)) {
            if (!out.isEmpty()) out += ' ';
            out += arg == kMask ? arg : quoted(arg);
        }
        return QString::fromUtf8(out);
    }
    // Unbalanced quotes: keep only the command word of the commands that carry secrets.
    const QString word = line.trimmed().section(QLatin1Char(' '), 0, 0);
    if (isCarrier(word.toUtf8())) return word + QLatin1Char(' ') + QLatin1String(kMask);
    return line;
}

QByteArray SecretMask::maskMonitorLine(const QByteArray &line)
{
    const int start = line.indexOf("] \"");
    if (start < 0) return line;
    struct Token
    {
        int begin;
        int end;
    };
    QList<Token> tokens;
    QList<QByteArray> args;
    int pos = start + 2;
    while (pos < line.size()) {
        if (line[pos] == ' ') {
            ++pos;
            continue;
        }
        if (line[pos] != '"') break;
        QByteArray value;
        const int end = decodeQuoted(line, pos, &value);
        if (end < 0) break;
        tokens.append({pos, end});
        args.append(value);
        pos = end;
    }
    const QList<int> secrets = secretPositions(args);
    if (secrets.isEmpty()) {
        // A cut-off line of a command that carries secrets: hide all after the command word.
        if (pos < line.size() && !tokens.isEmpty() && isCarrier(args.first()))
            return line.left(tokens.first().end) + " \"(redacted)\"";
        return line;
    }
    QByteArray out = line.left(tokens.first().begin);
    int copied = tokens.first().begin;
    for (int i = 0; i < tokens.size(); ++i) {
        if (!secrets.contains(i)) continue;
        out += line.mid(copied, tokens[i].begin - copied);
        out += "\"(redacted)\"";
        copied = tokens[i].end;
    }
    out += line.mid(copied);
    return out;
}

} // namespace redscope
