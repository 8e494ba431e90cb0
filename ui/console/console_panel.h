// ConsolePanel: a redis-cli-like console for one connection (one tab). It parses the typed line
// with CommandLine, sends it through RedisConnection and prints the reply with ReplyFormatter;
// it never sees hiredis. Requests belong to the panel's RequestScope: they are cancelled when
// the panel goes away, so a late reply cannot reach a destroyed widget.
//
// While a command is typed, a hint line shows its syntax from COMMAND DOCS and the completer
// offers the command's option tokens (CommandDocsProvider fetches the docs lazily on its own
// connection, never on this one). The hint highlights the argument being typed
// (CommandDocs::argumentAt); the completion popup shows each candidate's summary.
//
// When the connection drops, the console says so once, in words: a lost connection with its
// error and that it reconnects by itself (not again at each retry, only when the error
// changes), then "Reconnected". For a server the app runs itself (the Local engine), a stop
// explainer set by the window says instead why the server stopped and how to bring it back,
// since no reconnection will succeed before that.
#pragma once

#include "connection/connection_state.h"
#include "connection/request_scope.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

#include <functional>

class QCompleter;
class QLabel;
class QPlainTextEdit;
class QTextCharFormat;

namespace redscope {

class CommandDocsProvider;
class CommandInput;
class ConsoleCompletionModel;
struct CommandDoc;

class ConsolePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ConsolePanel(RedisConnection *connection, QWidget *parent = nullptr);

    RedisConnection *connection() const;
    QString prompt() const;
    // Command names offered by the input's completer (COMMAND LIST, once per connection).
    QStringList completions() const;
    // What the completer offers for the word being typed (names, subcommands or tokens).
    QStringList currentCompletions() const;
    QString syntaxHint() const; // the hint line's text; empty when hidden
    // The argument the hint highlights ("[EX seconds | PX milliseconds | ...]"); empty if none.
    QString highlightedArgument() const { return m_highlighted; }
    QCompleter *completer() const { return m_completer; }
    ConsoleCompletionModel *completionModel() const { return m_completionModel; }
    CommandDocsProvider *docsProvider() const { return m_docs; }

    // Asked when the connection drops: empty while the server runs; otherwise what happened
    // (the first line, shown as an error) and what to do about it (the lines after).
    using StopExplainer = std::function<QStringList()>;
    void setStopExplainer(StopExplainer explain) { m_explainStop = std::move(explain); }

private:
    enum class Style { Echo, Reply, Error, Info };

    void submit();
    void showReply(const QList<QByteArray> &args, const RedisValue &reply);
    void onStateChanged(ConnectionState state, const QString &errorText);
    void reportDrop(ConnectionState state, const QString &errorText);
    void updatePrompt();
    void loadCompletions();
    void append(const QString &text, Style style);
    void updateAssist();
    void completeWithTab();
    void setHint(const CommandDoc *doc, const QStringList &typed, bool atNewWord,
                 const QString &suffix);
    void prefetchSummaries(const QString &container, const QStringList &words,
                           const QString &typed);
    QString summaryOf(const QString &word) const;

    QPointer<RedisConnection> m_connection; // owned by ConnectionListModel
    QPlainTextEdit *m_output;
    QLabel *m_prompt;
    CommandInput *m_input;
    RequestScope m_requests; // every request this panel sends; cancelled with it
    QLabel *m_hint;
    CommandDocsProvider *m_docs;
    QStringList m_commandNames;
    ConsoleCompletionModel *m_completionModel;
    QCompleter *m_completer;
    bool m_completionsRequested = false;
    QString m_hintPlain;
    QString m_highlighted;
    // Whose summaries the completion rows show: null for option tokens (none), empty for
    // command names, "CLIENT" for CLIENT's subcommands.
    QString m_summaryContainer;
    StopExplainer m_explainStop;
    bool m_dropped = false;   // the connection dropped since it was last Ready
    bool m_stopShown = false; // the server's stop was explained since then
    QString m_lossText;       // the loss or retry error last printed
};

} // namespace redscope
