// History navigation for CommandInput; capped so a long session cannot grow it without bound.
#include "console/command_input.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>

namespace redscope {

static constexpr int kMaxHistory = 1000;

CommandInput::CommandInput(QWidget *parent)
    : QLineEdit(parent)
{
}

void CommandInput::addToHistory(const QString &command)
{
    if (!command.trimmed().isEmpty() && (m_history.isEmpty() || m_history.last() != command))
        m_history.append(command);
    while (m_history.size() > kMaxHistory)
        m_history.removeFirst();
    m_position = int(m_history.size());
    m_draft.clear();
}

bool CommandInput::event(QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Tab && key->modifiers() == Qt::NoModifier) {
            if (completer()) completer()->popup()->hide();
            emit tabPressed();
            return true;
        }
    }
    return QLineEdit::event(event);
}

void CommandInput::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Up && m_position > 0) {
        if (m_position == m_history.size()) m_draft = text();
        showHistoryEntry(m_position - 1);
        return;
    }
    if (event->key() == Qt::Key_Down && m_position < m_history.size()) {
        showHistoryEntry(m_position + 1);
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void CommandInput::showHistoryEntry(int position)
{
    m_position = position;
    setText(position < m_history.size() ? m_history.at(position) : m_draft);
}

} // namespace redscope
