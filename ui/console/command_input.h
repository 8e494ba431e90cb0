// CommandInput: the console's one-line editor with shell-like history (Up/Down walk through
// earlier commands, Down past the newest restores what was being typed). Kept as its own
// widget so the console panel only deals with sending and printing. Tab is not a focus
// change here: it asks the console to complete (tabPressed), and while the completer's popup
// is open, Return picks the highlighted word instead of running the line.
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

signals:
    void tabPressed();

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showHistoryEntry(int position);

    QStringList m_history;
    int m_position = 0; // == m_history.size() while editing a new line
    QString m_draft;
};

} // namespace redscope
