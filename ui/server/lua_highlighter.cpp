// Rules run in order and later ones paint over earlier ones, so strings and comments (last)
// win over keywords inside them. Block state 1 means "inside a --[[ comment ]]".
#include "server/lua_highlighter.h"

#include <QColor>

namespace redscope {

LuaHighlighter::LuaHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    QTextCharFormat keyword;
    keyword.setForeground(QColor(0x5c, 0x6b, 0xc0));
    keyword.setFontWeight(QFont::Bold);
    m_rules.append({QRegularExpression(QStringLiteral(
                        "\\b(and|break|do|else|elseif|end|false|for|function|if|in|local|nil|not|"
                        "or|repeat|return|then|true|until|while)\\b")),
                    keyword});
    QTextCharFormat api;
    api.setForeground(QColor(0x00, 0x89, 0x7b));
    m_rules.append({QRegularExpression(QStringLiteral("\\bredis\\.[A-Za-z_]+")), api});
    QTextCharFormat number;
    number.setForeground(QColor(0xef, 0x6c, 0x00));
    m_rules.append({QRegularExpression(
                        QStringLiteral("\\b(0x[0-9a-fA-F]+|\\d+(\\.\\d+)?([eE][-+]?\\d+)?)\\b")),
                    number});
    QTextCharFormat shebang;
    shebang.setForeground(QColor(0x8e, 0x24, 0xaa));
    m_rules.append({QRegularExpression(QStringLiteral("^#!.*$")), shebang});
    m_string.setForeground(QColor(0x43, 0xa0, 0x47));
    m_rules.append(
        {QRegularExpression(QStringLiteral("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'")),
         m_string});
    m_comment.setForeground(QColor(0x88, 0x88, 0x88));
    m_comment.setFontItalic(true);
}

void LuaHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : std::as_const(m_rules)) {
        for (auto it = rule.pattern.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            setFormat(int(match.capturedStart()), int(match.capturedLength()), rule.format);
        }
    }
    // Comments last: a block comment carried over from the previous line, then "--" ones.
    setCurrentBlockState(0);
    int from = 0;
    if (previousBlockState() == 1) {
        const qsizetype close = text.indexOf(QLatin1String("]]"));
        if (close < 0) {
            setFormat(0, int(text.size()), m_comment);
            setCurrentBlockState(1);
            return;
        }
        setFormat(0, int(close + 2), m_comment);
        from = int(close + 2);
    }
    static const QRegularExpression quoted(
        QStringLiteral("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'"));
    for (qsizetype dash = text.indexOf(QLatin1String("--"), from); dash >= 0;
         dash = text.indexOf(QLatin1String("--"), dash + 2)) {
        // Not inside a string on this line.
        bool inString = false;
        for (auto it = quoted.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            if (dash > m.capturedStart() && dash < m.capturedEnd()) inString = true;
        }
        if (inString) continue;
        if (text.mid(dash + 2, 2) == QLatin1String("[[")) {
            const qsizetype close = text.indexOf(QLatin1String("]]"), dash + 4);
            if (close < 0) {
                setFormat(int(dash), int(text.size() - dash), m_comment);
                setCurrentBlockState(1);
                return;
            }
            setFormat(int(dash), int(close + 2 - dash), m_comment);
            dash = close;
            continue;
        }
        setFormat(int(dash), int(text.size() - dash), m_comment);
        return;
    }
}

} // namespace redscope
