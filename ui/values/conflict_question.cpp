// The conflict dialog: a sentence, the server's version next to the user's (read-only, cut at a
// few KB so a huge value never freezes the box), and three buttons. Cancel is the default and
// the escape button: a stray Enter never overwrites someone else's change.
#include "values/conflict_question.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace redscope {

static ConflictAnswer &installed()
{
    static ConflictAnswer answer;
    return answer;
}

void setConflictAnswer(ConflictAnswer answer)
{
    installed() = std::move(answer);
}

QString conflictPreview(const QByteArray &bytes, int limit)
{
    const QByteArray head = bytes.left(limit);
    const QString text = QString::fromUtf8(head);
    QString out;
    if (text.toUtf8() == head) {
        out = text;
    } else {
        for (qsizetype i = 0; i < head.size(); i += 16) {
            out += QStringLiteral("%1  ").arg(i, 8, 16, QLatin1Char('0'));
            out += QString::fromLatin1(head.mid(i, 16).toHex(' '));
            out += QLatin1Char('\n');
        }
    }
    if (bytes.size() > limit) out += QObject::tr("\n… %L1 more bytes").arg(bytes.size() - limit);
    return out;
}

static QWidget *versionBox(const QString &title, const QString &text, const QString &name,
                           QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(title, box);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    auto *view = new QPlainTextEdit(box);
    view->setObjectName(name);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setPlainText(text);
    layout->addWidget(label);
    layout->addWidget(view, 1);
    return box;
}

ConflictChoice askConflict(QWidget *parent, const ConflictQuestion &question)
{
    if (installed()) return installed()(parent, question);
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("conflictQuestion"));
    dialog.setWindowTitle(question.title);
    auto *text = new QLabel(question.text, &dialog);
    text->setWordWrap(true);
    auto *versions = new QHBoxLayout;
    versions->addWidget(
        versionBox(QObject::tr("On the server now"),
                   question.gone ? QObject::tr("(gone)") : conflictPreview(question.theirs),
                   QStringLiteral("conflictTheirs"), &dialog));
    versions->addWidget(versionBox(QObject::tr("Your version"), conflictPreview(question.yours),
                                   QStringLiteral("conflictYours"), &dialog));
    auto *buttons = new QDialogButtonBox(&dialog);
    QPushButton *overwrite =
        buttons->addButton(QObject::tr("Overwrite with mine"), QDialogButtonBox::DestructiveRole);
    QPushButton *reload =
        buttons->addButton(QObject::tr("Reload theirs"), QDialogButtonBox::ResetRole);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    overwrite->setObjectName(QStringLiteral("conflictOverwrite"));
    reload->setObjectName(QStringLiteral("conflictReload"));
    cancel->setDefault(true);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(text);
    layout->addLayout(versions, 1);
    layout->addWidget(buttons);
    ConflictChoice choice = ConflictChoice::Cancel;
    QObject::connect(overwrite, &QPushButton::clicked, &dialog, [&] {
        choice = ConflictChoice::Overwrite;
        dialog.accept();
    });
    QObject::connect(reload, &QPushButton::clicked, &dialog, [&] {
        choice = ConflictChoice::Reload;
        dialog.accept();
    });
    QObject::connect(cancel, &QPushButton::clicked, &dialog, &QDialog::reject);
    dialog.resize(640, 360);
    dialog.exec();
    return choice;
}

} // namespace redscope
