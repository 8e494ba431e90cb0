// CollectionElementPane: the element selected in a collection's table, whole and editable:
// a list element, a hash field and its value, a set member, a sorted set member and its score,
// or a stream entry's fields (read-only: Redis cannot edit an entry, only add or delete one).
// The table cells are cut at 500 characters and one line; here a value of any length is
// edited in a multi-line editor. The value (a hash field's value, a list element) can also be
// shown through the decoders ("Decoded": compressed JSON, MessagePack, Protobuf, hex... as
// the string view does, DecoderPane), and saved encoded back the same way. Save hands the new
// bytes to the view, which writes them through CollectionValueModel::editElement (an
// optimistic WATCH/MULTI write; a change made meanwhile asks: overwrite, reload or cancel).
#pragma once

#include "keys/key_type.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace redscope {

class DecoderPane;

class CollectionElementPane : public QWidget
{
    Q_OBJECT

public:
    explicit CollectionElementPane(QWidget *parent = nullptr);

    // Shows row `row` (at `ordinal` in the whole value) of a collection of type `kind`.
    void showElement(KeyType kind, int row, qint64 ordinal, const QByteArray &element,
                     const QByteArray &second);
    void clear(); // nothing selected
    int row() const { return m_row; }
    bool isModified() const;

    QPlainTextEdit *elementEditor() const { return m_element; } // field or member
    QPlainTextEdit *valueEditor() const { return m_value; }     // value, list element, fields
    QLineEdit *scoreEditor() const { return m_score; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *deleteButton() const { return m_delete; }
    QCheckBox *decodedToggle() const { return m_decodedToggle; }
    DecoderPane *decoderPane() const { return m_decoder; } // the value, decoded

signals:
    void saveRequested(int row, const QByteArray &element, const QByteArray &second);
    void deleteRequested(int row);

private:
    // THE place where the pane's plain bytes editors are created; everything else in this
    // class only calls setBytes()/bytes(). The value's decoded view is m_decoder.
    QPlainTextEdit *createBytesEditor(const QString &objectName);
    static void setBytes(QPlainTextEdit *editor, const QByteArray &bytes);
    static QByteArray bytes(QPlainTextEdit *editor);
    void revert();
    void updateButtons();
    bool showsDecoded() const; // the value is shown (and saved) through m_decoder
    void setDecoded(bool on);
    QByteArray shownValue() const; // the bytes the value editor started from
    void save();
    void emitSave(const QByteArray &value); // value: the value editor's bytes, encoded

    KeyType m_kind = KeyType::None;
    int m_row = -1;
    QByteArray m_shownElement;
    QByteArray m_shownSecond;
    QLabel *m_title;
    QLabel *m_elementLabel;
    QPlainTextEdit *m_element;
    QLabel *m_valueLabel;
    QPlainTextEdit *m_value;
    QCheckBox *m_decodedToggle;
    DecoderPane *m_decoder;
    QLabel *m_scoreLabel;
    QLineEdit *m_score;
    QLabel *m_binary;
    QPushButton *m_save;
    QPushButton *m_revert;
    QPushButton *m_delete;
};

} // namespace redscope
