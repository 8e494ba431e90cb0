// NewKeyDialog: "New key…" in the key browser. One form for every type: a name, a type, the
// first element (string value; hash or stream field and value; list element; set member;
// sorted-set member and score) and an optional TTL. commands() turns the answers into the
// commands that create the key; the panel checks that the name is free (EXISTS) before it
// sends them, so an existing key is never overwritten or appended to.
#pragma once

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

    void setType(const QString &type); // "string", "hash", "list", "set", "zset", "stream"
    QString type() const;
    QByteArray keyName() const;
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *firstEdit() const { return m_first; }
    QLineEdit *secondEdit() const { return m_second; }
    QSpinBox *ttlBox() const { return m_ttl; }

    // The commands that create the key as the form describes it (empty if incomplete).
    QList<QList<QByteArray>> commands() const;
    static QList<QList<QByteArray>> commandsFor(const QString &type, const QByteArray &name,
                                                const QByteArray &first, const QByteArray &second,
                                                int ttlSeconds);

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
