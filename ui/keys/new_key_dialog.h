// NewKeyDialog: "New key…" in the key browser. One form for every type: a name, a type, the
// first element (string value; hash or stream field and value; list element; set member;
// sorted-set member and score) and an optional TTL. newKey() is the answer as a typed NewKey;
// KeyService creates it (one operation per type) and never over an existing key.
#pragma once

#include "keys/key_service.h"

#include <QDialog>
#include <QList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace redscope {

class NewKeyDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewKeyDialog(QWidget *parent = nullptr);

    void setType(KeyType type); // one of kBuiltInKeyTypes
    KeyType type() const;
    QByteArray keyName() const;
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *firstEdit() const { return m_first; }
    QLineEdit *secondEdit() const { return m_second; }
    QSpinBox *ttlBox() const { return m_ttl; }

    // The key as the form describes it; check isComplete() (the OK button does).
    NewKey newKey() const;
    // A form's answers as a NewKey (a sorted set's score must parse as a number).
    static NewKey keyFor(KeyType type, const QByteArray &name, const QByteArray &first,
                         const QByteArray &second, int ttlSeconds);

private:
    void updateForm();

    QLineEdit *m_name;
    QComboBox *m_type;
    QLabel *m_firstLabel;
    QLineEdit *m_first;
    QLabel *m_secondLabel;
    QLineEdit *m_second;
    QSpinBox *m_ttl;
    QDialogButtonBox *m_buttons;
};

} // namespace redscope
