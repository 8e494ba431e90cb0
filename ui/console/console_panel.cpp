// Console output is a QPlainTextEdit with a block limit and formatter limits, so a huge reply
// (KEYS * on millions of keys, a multi-megabyte string) is cut instead of freezing the window.
#include "console/console_panel.h"

#include "connection/redis_connection.h"
#include "connection/secret_mask.h"
#include "console/command_docs_provider.h"
#include "console/command_input.h"
#include "console/command_line.h"
#include "console/completion_delegate.h"
#include "console/console_completion_model.h"
#include "console/eval_file.h"
#include "console/reply_formatter.h"
#include "server/server_replies.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextCursor>
#include <QVBoxLayout>

#include <utility>

namespace redscope {

static constexpr int kMaxOutputBlocks = 20000;

RedisConnection *ConsolePanel::connection() const
{
    return m_connection;
}

ConsolePanel::ConsolePanel(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_output(new QPlainTextEdit(this))
    , m_prompt(new QLabel(this))
    , m_input(new CommandInput(this))
    , m_requests(connection)
    , m_hint(new QLabel(this))
    , m_docs(new CommandDocsProvider(connection->settings(), this))
    , m_completionModel(new ConsoleCompletionModel(this))
    , m_completer(new QCompleter(m_completionModel, this))
{
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSizeF(qMax(mono.pointSizeF(), 10.0));

    m_output->setObjectName(QStringLiteral("consoleOutput"));
    m_output->setReadOnly(true);
    m_output->setFont(mono);
    m_output->setMaximumBlockCount(kMaxOutputBlocks);
    m_output->setFrameShape(QFrame::NoFrame);
    m_output->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_prompt->setObjectName(QStringLiteral("consolePrompt"));
    m_prompt->setFont(mono);
    m_input->setObjectName(QStringLiteral("consoleInput"));
    m_input->setFont(mono);
    m_input->setFrame(false);
    m_input->setPlaceholderText(tr("Type a command, e.g. PING or INFO server"));
    setFocusProxy(m_input);
    m_completer->setObjectName(QStringLiteral("consoleCompleter"));
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_input->setCompleter(m_completer);
    m_completer->popup()->setItemDelegate(new CompletionDelegate(m_completer->popup()));
    m_completer->setMaxVisibleItems(12);
    m_completionModel->setSummaryFunction([this](const QString &word) { return summaryOf(word); });
    m_hint->setObjectName(QStringLiteral("consoleSyntaxHint"));
    m_hint->setFont(mono);
    m_hint->setContentsMargins(8, 2, 8, 2);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::RichText);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hint->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    m_hint->hide();

    auto *inputRow = new QWidget(this);
    inputRow->setObjectName(QStringLiteral("consoleInputRow"));
    inputRow->setAutoFillBackground(true);
    auto *inputLayout = new QHBoxLayout(inputRow);
    inputLayout->setContentsMargins(8, 6, 8, 6);
    inputLayout->addWidget(m_prompt);
    inputLayout->addWidget(m_input, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_output, 1);
    layout->addWidget(m_hint);
    layout->addWidget(inputRow);

    connect(m_input, &QLineEdit::returnPressed, this, &ConsolePanel::submit);
    connect(m_input, &QLineEdit::textChanged, this, &ConsolePanel::updateAssist);
    connect(m_input, &CommandInput::tabPressed, this, &ConsolePanel::completeWithTab);
    connect(m_docs, &CommandDocsProvider::docReady, this, [this] {
        updateAssist();
        m_completionModel->summariesChanged();
    });
    connect(m_connection, &RedisConnection::stateChanged, this, &ConsolePanel::onStateChanged);
    connect(m_connection, &RedisConnection::currentDbChanged, this, &ConsolePanel::updatePrompt);
    updatePrompt();
    if (m_connection->state() == RedisConnection::State::Ready) loadCompletions();
    append(tr("Console for %1 (%2). Type a command and press Enter; \"clear\" clears.")
               .arg(m_connection->settings().name, m_connection->settings().address()),
           Style::Info);
}

QString ConsolePanel::prompt() const
{
    // As redis-cli: while the link is down the prompt says so, and what is typed there gets
    // the connection's error instead of a reply.
    if (m_connection->state() != RedisConnection::State::Ready)
        return tr("%1 (not connected)>").arg(m_connection->settings().name);
    return QStringLiteral("%1[db%2]>")
        .arg(m_connection->settings().name)
        .arg(m_connection->currentDb());
}

void ConsolePanel::updatePrompt()
{
    m_prompt->setText(prompt());
}

void ConsolePanel::submit()
{
    const QString line = m_input->text();
    // Passwords are neither echoed nor kept in the history (as redis-cli does).
    const QString shown = SecretMask::maskLine(line);
    if (shown == line) m_input->addToHistory(line);
    m_input->clear();
    if (line.trimmed().isEmpty()) return;
    if (line.trimmed().compare(QLatin1String("clear"), Qt::CaseInsensitive) == 0) {
        m_output->clear();
        return;
    }
    append(prompt() + QLatin1Char(' ') + shown, Style::Echo);

    CommandLine::Result parsed = CommandLine::split(line);
    if (!parsed.ok()) {
        append(tr("(error) %1").arg(parsed.error), Style::Error);
        return;
    }
    // redis-cli's --eval file.lua keys , args: sent as the EVAL of the file's script.
    if (EvalFile::isEvalLine(parsed.args)) {
        const EvalFile::Result eval = EvalFile::expand(parsed.args);
        if (!eval.ok()) {
            append(tr("(error) %1").arg(eval.error), Style::Error);
            return;
        }
        parsed.args = eval.args;
    }
    // Not queued for a reconnection that may come much later (a FLUSHDB typed now would run
    // then, unseen): said at once, as redis-cli does.
    if (m_connection->state() != RedisConnection::State::Ready) {
        append(tr("(error) Not connected to %1: the command was not sent")
                   .arg(m_connection->settings().address()),
               Style::Error);
        return;
    }
    const QList<QByteArray> args = parsed.args;
    m_requests.send(args, [this, args](const RedisValue &reply) { showReply(args, reply); });
}

void ConsolePanel::showReply(const QList<QByteArray> &args, const RedisValue &reply)
{
    // The command that stopped the server (SHUTDOWN, DEBUG PANIC) gets no reply but the
    // connection's own error, after the stop was explained: redis-cli prints nothing there
    // either.
    if (m_stopShown && reply.isError() && m_connection->state() != RedisConnection::State::Ready)
        return;
    ReplyFormatter::Limits limits;
    limits.maxStringBytes = 64 * 1024;
    limits.maxElements = 5000;
    append(ReplyFormatter::formatReply(args, reply, limits),
           reply.isError() ? Style::Error : Style::Reply);
}

void ConsolePanel::onStateChanged(RedisConnection::State state, const QString &errorText)
{
    updatePrompt();
    switch (state) {
    case RedisConnection::State::Ready: {
        loadCompletions();
        const QString line =
            m_dropped ? tr("# Reconnected to %1 (RESP%2)") : tr("# Connected to %1 (RESP%2)");
        append(line.arg(m_connection->settings().address()).arg(m_connection->protocolVersion()),
               Style::Info);
        m_dropped = false;
        m_stopShown = false;
        m_lossText.clear();
        break;
    }
    case RedisConnection::State::Connecting:
        break;
    case RedisConnection::State::Disconnected:
    case RedisConnection::State::AuthFailed:
    case RedisConnection::State::Lost:
        reportDrop(state, errorText);
        break;
    }
}

// Called for every state that is not Ready or Connecting. The connection goes Lost, Connecting,
// Lost... while it retries; the console speaks when there is something new to say.
void ConsolePanel::reportDrop(RedisConnection::State state, const QString &errorText)
{
    const bool wasDropped = std::exchange(m_dropped, true);
    const QStringList stop = m_explainStop ? m_explainStop() : QStringList();
    if (!stop.isEmpty()) {
        if (std::exchange(m_stopShown, true)) return; // said once per stop
        append(QStringLiteral("# ") + stop.first(), Style::Error);
        for (const QString &line : stop.mid(1))
            append(QStringLiteral("# ") + line, Style::Info);
        return;
    }
    if (m_stopShown) return; // what follows a stop (the app disconnects) adds nothing
    const QString address = m_connection->settings().address();
    switch (state) {
    case RedisConnection::State::Lost:
        if (wasDropped && errorText == m_lossText) return; // the same error at each retry
        if (!m_connection->autoReconnects()) {
            append(errorText.isEmpty() ? tr("# The connection to %1 was lost").arg(address)
                                       : QStringLiteral("# ") + errorText,
                   Style::Error);
        } else if (!wasDropped || m_lossText.isEmpty()) {
            append(errorText.isEmpty()
                       ? tr("# The connection to %1 was lost. Reconnecting…").arg(address)
                       : tr("# %1. Reconnecting…").arg(errorText),
                   Style::Error);
        } else {
            append(tr("# Still reconnecting: %1").arg(errorText), Style::Error);
        }
        m_lossText = errorText;
        break;
    case RedisConnection::State::AuthFailed:
        // The error already says "Authentication failed: ..."; not said twice.
        append(QStringLiteral("# ") +
                   (errorText.isEmpty() ? RedisConnection::stateName(state) : errorText),
               Style::Error);
        break;
    case RedisConnection::State::Disconnected:
        if (errorText.isEmpty())
            append(tr("# Disconnected from %1").arg(address), Style::Info);
        else
            append(tr("# Disconnected: %1").arg(errorText), Style::Error);
        break;
    case RedisConnection::State::Ready:
    case RedisConnection::State::Connecting:
        break;
    }
}

void ConsolePanel::append(const QString &text, Style style)
{
    QTextCharFormat format;
    switch (style) {
    case Style::Echo:
        format.setForeground(QColor(0x15, 0x65, 0xc0));
        format.setFontWeight(QFont::DemiBold);
        break;
    case Style::Reply:
        format.setForeground(palette().color(QPalette::Text));
        break;
    case Style::Error:
        format.setForeground(QColor(0xc6, 0x28, 0x28));
        break;
    case Style::Info:
        format.setForeground(QColor(0x75, 0x75, 0x75));
        break;
    }
    QScrollBar *bar = m_output->verticalScrollBar();
    const bool atBottom = bar->value() == bar->maximum();
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_output->document()->isEmpty()) cursor.insertBlock();
    cursor.insertText(text, format);
    if (atBottom) bar->setValue(bar->maximum());
}

QStringList ConsolePanel::completions() const
{
    return m_commandNames;
}

QStringList ConsolePanel::currentCompletions() const
{
    return m_completionModel->words();
}

QString ConsolePanel::syntaxHint() const
{
    return m_hint->isHidden() ? QString() : m_hintPlain;
}

// Works on the text up to the cursor, split at spaces (quotes are rare in the words that
// matter here: command names and option tokens). The word under the cursor is completed;
// the words before it pick the command ("CLIENT KILL" when CLIENT has subcommands).
void ConsolePanel::updateAssist()
{
    const QString text = m_input->text().left(m_input->cursorPosition());
    QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const bool atNewWord = text.isEmpty() || text.back().isSpace();
    const QString current = atNewWord || words.isEmpty() ? QString() : words.takeLast();
    const QString linePrefix = text.left(text.size() - current.size());

    if (words.isEmpty()) {
        m_summaryContainer = QLatin1String(""); // command names: their summaries
        m_completionModel->setWords(linePrefix, m_commandNames);
        prefetchSummaries({}, m_commandNames, current);
        const QString typed = current.toUpper();
        const CommandDoc *doc = m_commandNames.contains(typed) ? m_docs->doc(typed) : nullptr;
        setHint(doc, {}, false, {});
        return;
    }

    const CommandDoc *doc = m_docs->doc(words.first());
    QStringList after = words.mid(1);
    m_summaryContainer = QString(); // option tokens: no summaries
    if (doc && !doc->subcommands.isEmpty()) {
        if (after.isEmpty()) {
            m_summaryContainer = words.first().toUpper();
            m_completionModel->setWords(linePrefix, doc->subcommands);
            prefetchSummaries(m_summaryContainer, doc->subcommands, current);
        } else if (doc->subcommands.contains(after.first().toUpper())) {
            doc = m_docs->doc(words.first() + QLatin1Char(' ') + after.takeFirst());
            m_completionModel->setWords(linePrefix,
                                        doc ? CommandDocs::tokens(*doc, after) : QStringList());
        } else {
            m_completionModel->setWords(linePrefix, {});
        }
    } else if (doc) {
        m_completionModel->setWords(linePrefix, CommandDocs::tokens(*doc, after));
    } else {
        m_completionModel->setWords(linePrefix, {});
    }
    QString suffix;
    if (doc && !doc->summary.isEmpty()) suffix += QStringLiteral("  — ") + doc->summary;
    if (doc && !doc->fromDocs && doc->subcommands.isEmpty())
        suffix += tr("  — argument names unavailable: COMMAND DOCS could not be read, so this "
                     "comes from COMMAND INFO");
    QStringList typedArgs = after;
    if (!atNewWord) typedArgs.append(current);
    setHint(doc, typedArgs, atNewWord, suffix);
}

// The hint as rich text: the syntax with the argument being typed in bold and underlined,
// the summary after it. syntaxHint() keeps the plain text.
void ConsolePanel::setHint(const CommandDoc *doc, const QStringList &typed, bool atNewWord,
                           const QString &suffix)
{
    m_highlighted.clear();
    if (!doc) {
        m_hintPlain.clear();
        m_hint->clear();
        m_hint->hide();
        return;
    }
    m_hintPlain = CommandDocs::syntax(*doc) + suffix;
    const int current =
        typed.isEmpty() && !atNewWord ? -1 : CommandDocs::argumentAt(*doc, typed, atNewWord);
    QString html = QStringLiteral("<span style=\"color:%1\">")
                       .arg(palette().color(QPalette::PlaceholderText).name());
    if (!doc->fromDocs || doc->arguments.isEmpty()) {
        html += CommandDocs::syntax(*doc).toHtmlEscaped();
    } else {
        html += doc->name.toHtmlEscaped();
        for (int i = 0; i < doc->arguments.size(); ++i) {
            const QString part = CommandDocs::argumentSyntax(doc->arguments[i]);
            html += QLatin1Char(' ');
            if (i == current) {
                m_highlighted = part;
                html += QStringLiteral("<b><u style=\"color:%1\">%2</u></b>")
                            .arg(palette().color(QPalette::Text).name(), part.toHtmlEscaped());
            } else {
                html += part.toHtmlEscaped();
            }
        }
    }
    html += suffix.toHtmlEscaped() + QStringLiteral("</span>");
    m_hint->setText(html);
    m_hint->show();
}

// The docs of the first candidates the popup shows for `typed` (one short request each, on
// the docs connection, after the hint's own); the rest as the user narrows the prefix.
void ConsolePanel::prefetchSummaries(const QString &container, const QStringList &words,
                                     const QString &typed)
{
    static constexpr int kMaxPrefetch = 25;
    if (typed.isEmpty() && container.isEmpty()) return; // the whole command list: too many
    QStringList matches;
    for (const QString &word : words) {
        if (word.startsWith(typed, Qt::CaseInsensitive)) matches.append(word);
    }
    matches.sort(Qt::CaseInsensitive); // the popup's order
    for (const QString &word : matches.mid(0, kMaxPrefetch))
        m_docs->prefetch(container.isEmpty() ? word : container + QLatin1Char(' ') + word);
}

QString ConsolePanel::summaryOf(const QString &word) const
{
    if (m_summaryContainer.isNull()) return {};
    const CommandDoc *doc = m_docs->cached(
        m_summaryContainer.isEmpty() ? word : m_summaryContainer + QLatin1Char(' ') + word);
    return doc ? doc->summary : QString();
}

// Tab completes the word under the cursor: the only candidate, or the candidates' common
// prefix; with several, the popup opens.
void ConsolePanel::completeWithTab()
{
    const QString text = m_input->text().left(m_input->cursorPosition());
    m_completer->setCompletionPrefix(text);
    QStringList matches;
    for (int i = 0; m_completer->setCurrentRow(i); ++i)
        matches.append(m_completer->currentCompletion());
    if (matches.isEmpty()) return;
    QString common = matches.first();
    for (const QString &match : std::as_const(matches)) {
        int n = 0;
        while (n < common.size() && n < match.size() &&
               common.at(n).toUpper() == match.at(n).toUpper())
            ++n;
        common.truncate(n);
    }
    const QString rest = m_input->text().mid(m_input->cursorPosition());
    if (matches.size() == 1) common += QLatin1Char(' ');
    if (common.size() >= text.size()) {
        m_input->setText(common + rest);
        m_input->setCursorPosition(int(common.size()));
    }
    if (matches.size() > 1) m_completer->complete();
}

// COMMAND LIST (Redis 7, the engine) names commands and subcommands ("config|get"). Not COMMAND
// DOCS: Redis 7's DOCS reply nests deeper than the 7 levels Debian's hiredis 0.14 can parse, and
// hiredis then drops the whole connection. Servers before 7.0 only have COMMAND, whose reply is
// shallow there. Asked once per connection, not per reconnect.
void ConsolePanel::loadCompletions()
{
    if (m_completionsRequested) return;
    m_completionsRequested = true;
    m_requests.send({"COMMAND", "LIST"}, [this](const RedisValue &docs) {
        if (!docs.isError()) {
            m_commandNames = ServerReplies::parseCommandNames(docs);
            updateAssist();
            return;
        }
        m_requests.send({"COMMAND"}, [this](const RedisValue &all) {
            if (all.isError()) return;
            m_commandNames = ServerReplies::parseCommandNames(all);
            updateAssist();
        });
    });
}

} // namespace redscope
