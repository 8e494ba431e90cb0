// ConflictQuestion: what the user is asked when a save finds that the value changed on the
// server since it was read (ValueService's optimistic check said Changed or Gone). Three
// answers: overwrite with the user's version, reload what the server holds (the edit is
// dropped), or cancel (nothing written, the edit stays in the editor to copy or redo).
// One replaceable function, like confirmAction(): the app shows a dialog with both versions
// side by side; tests install an answer and drive the real save buttons.
#pragma once

#include <QByteArray>
#include <QString>

#include <functional>

class QWidget;

namespace redscope {

enum class ConflictChoice { Overwrite, Reload, Cancel };

struct ConflictQuestion
{
    QString title;     // "Element changed on the server"
    QString text;      // what changed, in a sentence
    QByteArray theirs; // what the server holds now (empty when gone)
    QByteArray yours;  // what the save would write
    bool gone = false; // the element or key is no longer there
};

ConflictChoice askConflict(QWidget *parent, const ConflictQuestion &question);

using ConflictAnswer = std::function<ConflictChoice(QWidget *, const ConflictQuestion &)>;
// Installs a replacement (tests); an empty function restores the dialog.
void setConflictAnswer(ConflictAnswer answer);

// Bytes as the dialog shows them: UTF-8 text, else a hex dump; cut at `limit` bytes.
QString conflictPreview(const QByteArray &bytes, int limit = 4096);

} // namespace redscope
