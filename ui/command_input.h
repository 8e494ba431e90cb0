// CommandInput: the console's one-line editor with shell-like history (Up/Down walk through
// earlier commands, Down past the newest restores what was being typed). Kept as its own
// widget so the console panel only deals with sending and printing.
#pragma once

#include <QLineEdit>
#include <QStringList>

namespace redscope {

class CommandInput : public QLineEdit
{
    Q_OBJECT

public:
    explicit CommandInput(QWidget *parent = nullptr);

    void addToHistory(const QString &command);
    const QStringList &history() const { return m_history; }

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showHistoryEntry(int position);

    QStringList m_history;
    int m_position = 0; // == m_history.size() while editing a new line
    QString m_draft;
};

} // namespace redscope
