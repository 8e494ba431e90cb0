// NewKeyDialog: the form relabels its two element fields for the chosen type; OK stays
// disabled until the form is complete (a name, and a numeric score for sorted sets).
#include "keys/new_key_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace redscope {

NewKeyDialog::NewKeyDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_firstLabel(new QLabel(this))
    , m_first(new QLineEdit(this))
    , m_secondLabel(new QLabel(this))
    , m_second(new QLineEdit(this))
    , m_ttl(new QSpinBox(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("New key"));
    m_name->setObjectName(QStringLiteral("newKeyName"));
    m_type->setObjectName(QStringLiteral("newKeyType"));
    m_first->setObjectName(QStringLiteral("newKeyFirst"));
    m_second->setObjectName(QStringLiteral("newKeySecond"));
    m_ttl->setObjectName(QStringLiteral("newKeyTtl"));
    for (KeyType type : kBuiltInKeyTypes)
        m_type->addItem(keyTypeName(type), QVariant::fromValue(type));
    m_ttl->setRange(0, 1000000000);
    m_ttl->setSpecialValueText(tr("No expiry"));
    m_ttl->setSuffix(tr(" s"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Type"), m_type);
    form->addRow(m_firstLabel, m_first);
    form->addRow(m_secondLabel, m_second);
    form->addRow(tr("TTL"), m_ttl);
    form->addRow(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_type, &QComboBox::currentIndexChanged, this, &NewKeyDialog::updateForm);
    for (QLineEdit *edit : {m_name, m_first, m_second})
        connect(edit, &QLineEdit::textChanged, this, &NewKeyDialog::updateForm);
    updateForm();
}

void NewKeyDialog::setType(KeyType type)
{
    const int row = m_type->findData(QVariant::fromValue(type));
    if (row >= 0) m_type->setCurrentIndex(row);
}

KeyType NewKeyDialog::type() const
{
    return m_type->currentData().value<KeyType>();
}

QByteArray NewKeyDialog::keyName() const
{
    return m_name->text().toUtf8();
}

void NewKeyDialog::updateForm()
{
    const KeyType kind = type();
    QString first = tr("Value");
    QString second;
    switch (kind) {
    case KeyType::Hash:
    case KeyType::Stream:
        first = tr("Field");
        second = tr("Value");
        break;
    case KeyType::List:
        first = tr("Element");
        break;
    case KeyType::Set:
        first = tr("Member");
        break;
    case KeyType::SortedSet:
        first = tr("Member");
        second = tr("Score");
        break;
    case KeyType::String:
    case KeyType::None:
    case KeyType::Other:
        break;
    }
    m_firstLabel->setText(first);
    m_secondLabel->setText(second);
    m_secondLabel->setVisible(!second.isEmpty());
    m_second->setVisible(!second.isEmpty());
    if (kind == KeyType::SortedSet) {
        if (!m_second->validator()) m_second->setValidator(new QDoubleValidator(m_second));
    } else if (m_second->validator()) {
        delete m_second->validator();
        m_second->setValidator(nullptr);
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(newKey().isComplete());
}

NewKey NewKeyDialog::newKey() const
{
    return keyFor(type(), keyName(), m_first->text().toUtf8(), m_second->text().toUtf8(),
                  m_ttl->value());
}

NewKey NewKeyDialog::keyFor(KeyType type, const QByteArray &name, const QByteArray &first,
                            const QByteArray &second, int ttlSeconds)
{
    NewKey key;
    key.name = name;
    key.type = type;
    key.first = first;
    key.second = second;
    key.ttlSeconds = ttlSeconds;
    if (key.type == KeyType::SortedSet) {
        bool ok = false;
        key.score = second.toDouble(&ok);
        if (!ok) key.name.clear(); // incomplete: the score is not a number
    }
    return key;
}

} // namespace redscope
