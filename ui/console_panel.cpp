// Console output is a QPlainTextEdit with a block limit and formatter limits, so a huge reply
// (KEYS * on millions of keys, a multi-megabyte string) is cut instead of freezing the window.
#include "console_panel.h"

#include "command_input.h"
#include "command_line.h"
#include "reply_formatter.h"
#include "server_replies.h"

#include <QCompleter>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextCursor>
#include <QVBoxLayout>

namespace redscope {

static constexpr int kMaxOutputBlocks = 20000;

ConsolePanel::ConsolePanel(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_output(new QPlainTextEdit(this))
    , m_prompt(new QLabel(this))
    , m_input(new CommandInput(this))
    , m_completionModel(new QStringListModel(this))
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
    layout->addWidget(inputRow);

    connect(m_input, &QLineEdit::returnPressed, this, &ConsolePanel::submit);
    connect(m_connection, &RedisConnection::stateChanged, this, &ConsolePanel::onStateChanged);
    connect(m_connection, &RedisConnection::currentDbChanged, this, &ConsolePanel::updatePrompt);
    updatePrompt();
    if (m_connection->state() == RedisConnection::State::Ready) loadCompletions();
    append(tr("Console for %1 (%2). Type a command and press Enter; \"clear\" clears.")
               .arg(m_connection->settings().name, m_connection->settings().address()),
           Style::Info);
}

ConsolePanel::~ConsolePanel()
{
    if (!m_connection) return;
    for (const RedisConnection::RequestId id : std::as_const(m_pending))
        m_connection->cancel(id);
}

QString ConsolePanel::prompt() const
{
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
    m_input->addToHistory(line);
    m_input->clear();
    if (line.trimmed().isEmpty()) return;
    if (line.trimmed().compare(QLatin1String("clear"), Qt::CaseInsensitive) == 0) {
        m_output->clear();
        return;
    }
    append(prompt() + QLatin1Char(' ') + line, Style::Echo);

    const CommandLine::Result parsed = CommandLine::split(line);
    if (!parsed.ok()) {
        append(tr("(error) %1").arg(parsed.error), Style::Error);
        return;
    }
    // The id is only known after send() returns; the callback always runs later.
    auto id = std::make_shared<RedisConnection::RequestId>(0);
    *id = m_connection->send(parsed.args,
                             [this, id](const RedisValue &reply) { showReply(*id, reply); });
    m_pending.insert(*id);
}

void ConsolePanel::showReply(RedisConnection::RequestId id, const RedisValue &reply)
{
    m_pending.remove(id);
    ReplyFormatter::Limits limits;
    limits.maxStringBytes = 64 * 1024;
    limits.maxElements = 5000;
    append(ReplyFormatter::format(reply, limits), reply.isError() ? Style::Error : Style::Reply);
}

void ConsolePanel::onStateChanged(RedisConnection::State state, const QString &errorText)
{
    updatePrompt();
    switch (state) {
    case RedisConnection::State::Ready:
        loadCompletions();
        append(tr("# Connected to %1 (RESP%2)")
                   .arg(m_connection->settings().address())
                   .arg(m_connection->protocolVersion()),
               Style::Info);
        break;
    case RedisConnection::State::Connecting:
        break;
    case RedisConnection::State::Disconnected:
    case RedisConnection::State::AuthFailed:
    case RedisConnection::State::Lost: {
        QString line = QStringLiteral("# ") + RedisConnection::stateName(state);
        if (!errorText.isEmpty()) line += QStringLiteral(": ") + errorText;
        append(line, errorText.isEmpty() ? Style::Info : Style::Error);
        break;
    }
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
    return m_completionModel->stringList();
}

// COMMAND LIST (Redis 7, the engine) names commands and subcommands ("config|get"). Not COMMAND
// DOCS: Redis 7's DOCS reply nests deeper than the 7 levels Debian's hiredis 0.14 can parse, and
// hiredis then drops the whole connection. Servers before 7.0 only have COMMAND, whose reply is
// shallow there. Asked once per connection, not per reconnect.
void ConsolePanel::loadCompletions()
{
    if (m_completionsRequested) return;
    m_completionsRequested = true;
    auto id = std::make_shared<RedisConnection::RequestId>(0);
    *id = m_connection->send({"COMMAND", "LIST"}, [this, id](const RedisValue &docs) {
        m_pending.remove(*id);
        if (!docs.isError()) {
            m_completionModel->setStringList(ServerReplies::parseCommandNames(docs));
            return;
        }
        auto fallbackId = std::make_shared<RedisConnection::RequestId>(0);
        *fallbackId = m_connection->send({"COMMAND"}, [this, fallbackId](const RedisValue &all) {
            m_pending.remove(*fallbackId);
            if (!all.isError())
                m_completionModel->setStringList(ServerReplies::parseCommandNames(all));
        });
        m_pending.insert(*fallbackId);
    });
    m_pending.insert(*id);
}

} // namespace redscope
