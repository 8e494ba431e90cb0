// LuaHighlighter: colours Lua in the Functions view's code view and the load dialog's editor:
// keywords, strings, comments (line and --[[ block ]] ones across lines), numbers, and the
// redis.* API. Mid-tone colours that read on light and dark palettes alike.
#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace redscope {

class LuaHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit LuaHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    QList<Rule> m_rules;
    QTextCharFormat m_comment;
    QTextCharFormat m_string;
};

} // namespace redscope
