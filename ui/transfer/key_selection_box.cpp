// KeySelectionBox (see key_selection_box.h).
#include "transfer/key_selection_box.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

namespace redscope {

KeySelectionBox::KeySelectionBox(const QList<QByteArray> &selectedKeys, WholeDatabase whole,
                                 const QString &objectPrefix, QWidget *parent)
    : QWidget(parent)
    , m_keys(selectedKeys)
    , m_selected(
          new QRadioButton(tr("The %n selected key(s)", nullptr, int(selectedKeys.size())), this))
    , m_byPattern(new QRadioButton(tr("Keys matching"), this))
    , m_pattern(new QLineEdit(QStringLiteral("*"), this))
    , m_type(new QComboBox(this))
{
    if (whole == WholeDatabase::Offered) m_all = new QRadioButton(tr("The whole database"), this);
    m_selected->setObjectName(objectPrefix + QStringLiteral("Selected"));
    m_byPattern->setObjectName(objectPrefix + QStringLiteral("ByPattern"));
    if (m_all) m_all->setObjectName(objectPrefix + QStringLiteral("All"));
    m_pattern->setObjectName(objectPrefix + QStringLiteral("Pattern"));
    m_type->setObjectName(objectPrefix + QStringLiteral("Type"));
    m_pattern->setToolTip(tr("Glob pattern, as SCAN MATCH takes it"));
    m_type->addItem(tr("any type"), QByteArray());
    for (const char *type : {"string", "list", "set", "zset", "hash", "stream"})
        m_type->addItem(QString::fromLatin1(type), QByteArray(type));

    m_selected->setEnabled(!selectedKeys.isEmpty());
    QRadioButton *initial = !selectedKeys.isEmpty() ? m_selected : m_all ? m_all : m_byPattern;
    initial->setChecked(true);

    auto *patternRow = new QHBoxLayout;
    patternRow->addWidget(m_byPattern);
    patternRow->addWidget(m_pattern, 1);
    patternRow->addWidget(m_type);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_selected);
    layout->addLayout(patternRow);
    if (m_all) layout->addWidget(m_all);

    for (QRadioButton *choice : {m_selected, m_byPattern, m_all}) {
        if (!choice) continue;
        connect(choice, &QRadioButton::toggled, this, [this] {
            updateState();
            emit changed();
        });
    }
    updateState();
}

bool KeySelectionBox::picksSelected() const
{
    return m_selected->isChecked();
}

KeySelection KeySelectionBox::selection() const
{
    KeySelection s;
    if (m_selected->isChecked()) {
        s.keys = m_keys;
    } else if (m_byPattern->isChecked()) {
        s.pattern = m_pattern->text().toUtf8();
        s.type = m_type->currentData().toByteArray();
    }
    return s; // the whole database: no keys, no pattern
}

void KeySelectionBox::setRunning(bool running)
{
    m_running = running;
    updateState();
}

void KeySelectionBox::updateState()
{
    m_selected->setEnabled(!m_keys.isEmpty() && !m_running);
    m_byPattern->setEnabled(!m_running);
    if (m_all) m_all->setEnabled(!m_running);
    m_pattern->setEnabled(m_byPattern->isChecked() && !m_running);
    m_type->setEnabled(m_byPattern->isChecked() && !m_running);
}

} // namespace redscope
