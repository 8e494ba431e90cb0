// ConsolePanel: a redis-cli-like console for one connection (one tab). It parses the typed line
// with CommandLine, sends it through RedisConnection and prints the reply with ReplyFormatter;
// it never sees hiredis. Pending requests are cancelled when the panel goes away, so a late
// reply cannot reach a destroyed widget.
#pragma once

#include "redis_connection.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QCompleter;
class QLabel;
class QStringListModel;
class QPlainTextEdit;
class QTextCharFormat;

namespace redscope {

class CommandInput;

class ConsolePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ConsolePanel(RedisConnection *connection, QWidget *parent = nullptr);
    ~ConsolePanel() override;

    RedisConnection *connection() const { return m_connection; }
    QString prompt() const;
    // Command names offered by the input's completer (COMMAND LIST, once per connection).
    QStringList completions() const;

private:
    enum class Style { Echo, Reply, Error, Info };

    void submit();
    void showReply(RedisConnection::RequestId id, const RedisValue &reply);
    void onStateChanged(RedisConnection::State state, const QString &errorText);
    void updatePrompt();
    void loadCompletions();
    void append(const QString &text, Style style);

    QPointer<RedisConnection> m_connection; // owned by ConnectionListModel
    QPlainTextEdit *m_output;
    QLabel *m_prompt;
    CommandInput *m_input;
    QSet<RedisConnection::RequestId> m_pending;
    QStringListModel *m_completionModel;
    QCompleter *m_completer;
    bool m_completionsRequested = false;
};

} // namespace redscope
