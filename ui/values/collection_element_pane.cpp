// CollectionElementPane: plain widgets; what to show per type is decided in showElement().
#include "values/collection_element_pane.h"

#include "values/decoders/decoder_pane.h"
#include "widgets/confirm.h"

#include <QCheckBox>
#include <QDoubleValidator>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace redscope {

// Bytes that are not UTF-8 would be changed by a round trip through QString.
static bool isText(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

CollectionElementPane::CollectionElementPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_elementLabel(new QLabel(this))
    , m_element(createBytesEditor(QStringLiteral("elementEditor")))
    , m_valueLabel(new QLabel(this))
    , m_value(createBytesEditor(QStringLiteral("elementValueEditor")))
    , m_decodedToggle(new QCheckBox(tr("Decoded"), this))
    , m_decoder(new DecoderPane(this))
    , m_scoreLabel(new QLabel(tr("Score"), this))
    , m_score(new QLineEdit(this))
    , m_binary(new QLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_revert(new QPushButton(tr("Revert"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
{
    m_title->setObjectName(QStringLiteral("elementTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    // On a line of its own, wrapped: the pane can be as narrow as the value column, and beside
    // the buttons the title was cut to "Fiel" at 1024 px.
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_title->setWordWrap(true);
    m_score->setObjectName(QStringLiteral("elementScore"));
    m_score->setValidator(new QDoubleValidator(m_score));
    m_binary->setObjectName(QStringLiteral("elementBinary"));
    m_binary->setWordWrap(true);
    m_binary->setText(tr("Not UTF-8 text: read-only here; tick Decoded to see it in hex or "
                         "through a decoder."));
    m_binary->setStyleSheet(QStringLiteral("QLabel { color: #8a6d00; }"));
    m_save->setObjectName(QStringLiteral("elementSave"));
    m_revert->setObjectName(QStringLiteral("elementRevert"));
    m_delete->setObjectName(QStringLiteral("elementDelete"));
    m_decodedToggle->setObjectName(QStringLiteral("elementDecoded"));
    m_decodedToggle->setToolTip(tr("Show the value through a decoder: compressed, JSON, "
                                   "MessagePack, Protobuf, hex…"));
    m_decoder->setObjectName(QStringLiteral("elementDecoder"));
    // The pane is as narrow as the value column: the decoder's pickers and views squeeze into
    // it (the splitter widens it) rather than widening the window past a small screen.
    m_decoder->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);
    m_decoder->hide();
    // A field or member is usually short: a few lines, the value gets the rest.
    m_element->setMaximumHeight(m_element->fontMetrics().lineSpacing() * 3 + 12);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_delete);
    auto *score = new QHBoxLayout;
    score->addWidget(m_scoreLabel);
    score->addWidget(m_score, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(3);
    layout->addWidget(m_title);
    layout->addLayout(buttons);
    layout->addWidget(m_elementLabel);
    layout->addWidget(m_element);
    layout->addLayout(score);
    auto *valueRow = new QHBoxLayout;
    valueRow->addWidget(m_valueLabel, 1);
    valueRow->addWidget(m_decodedToggle);
    layout->addLayout(valueRow);
    layout->addWidget(m_value, 1);
    layout->addWidget(m_decoder, 1);
    layout->addWidget(m_binary);

    connect(m_element, &QPlainTextEdit::textChanged, this, &CollectionElementPane::updateButtons);
    connect(m_value, &QPlainTextEdit::textChanged, this, &CollectionElementPane::updateButtons);
    connect(m_score, &QLineEdit::textChanged, this, &CollectionElementPane::updateButtons);
    connect(m_revert, &QPushButton::clicked, this, &CollectionElementPane::revert);
    connect(m_save, &QPushButton::clicked, this, &CollectionElementPane::save);
    connect(m_decodedToggle, &QCheckBox::toggled, this, &CollectionElementPane::setDecoded);
    connect(m_decoder, &DecoderPane::modifiedChanged, this, &CollectionElementPane::updateButtons);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (m_row >= 0) emit deleteRequested(m_row);
    });
    clear();
}

QPlainTextEdit *CollectionElementPane::createBytesEditor(const QString &objectName)
{
    auto *editor = new QPlainTextEdit(this);
    editor->setObjectName(objectName);
    editor->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    editor->setTabChangesFocus(false);
    return editor;
}

void CollectionElementPane::setBytes(QPlainTextEdit *editor, const QByteArray &bytes)
{
    const QSignalBlocker blocker(editor);
    editor->setPlainText(QString::fromUtf8(bytes));
    editor->setReadOnly(!isText(bytes));
    editor->document()->setModified(false);
}

QByteArray CollectionElementPane::bytes(QPlainTextEdit *editor)
{
    return editor->toPlainText().toUtf8();
}

// Save: the value editor's bytes are the plain editor's, or the decoder's edit encoded back
// (validated, re-compressed with the value's codec) after the user accepted a decoder that
// was only detected; never silently.
void CollectionElementPane::save()
{
    if (m_row < 0) return;
    if (!showsDecoded() || !m_decoder->isModified()) {
        emitSave(bytes(m_value));
        return;
    }
    if (!m_decoder->isConfirmed()) {
        if (!confirmAction(this, tr("Save through a detected decoder"),
                           tr("The value was detected, not chosen, as shown. Save it encoded "
                              "that way?")))
            return;
        m_decoder->confirmRule();
    }
    const int row = m_row;
    m_save->setEnabled(false);
    m_decoder->encodeEdited(this, [this, row](const Result<QByteArray> &encoded) {
        if (row != m_row) return; // another element was selected meanwhile
        if (!encoded.ok()) {
            m_title->setText(tr("Not saved: %1").arg(encoded.error));
            updateButtons();
            return;
        }
        // The view writes it; once written the row shows what the server holds. A conflict
        // asks; cancelling it leaves this edit here, unsaved.
        emitSave(encoded.value);
        updateButtons();
    });
}

void CollectionElementPane::emitSave(const QByteArray &value)
{
    QByteArray element = m_shownElement;
    QByteArray second = m_shownSecond;
    switch (m_kind) {
    case KeyType::Hash:
        element = bytes(m_element);
        second = value;
        break;
    case KeyType::List:
        element = value;
        break;
    case KeyType::Set:
        element = bytes(m_element);
        break;
    case KeyType::SortedSet:
        element = bytes(m_element);
        second = m_score->text().trimmed().toUtf8();
        break;
    default:
        return;
    }
    emit saveRequested(m_row, element, second);
}

bool CollectionElementPane::showsDecoded() const
{
    return m_decodedToggle->isChecked() && (m_kind == KeyType::Hash || m_kind == KeyType::List);
}

QByteArray CollectionElementPane::shownValue() const
{
    return m_kind == KeyType::List ? m_shownElement : m_shownSecond;
}

void CollectionElementPane::setDecoded(bool on)
{
    const bool valueShown = m_kind == KeyType::Hash || m_kind == KeyType::List;
    if (on && valueShown) m_decoder->setValue(shownValue());
    m_decoder->setVisible(on && valueShown);
    m_value->setVisible(!on && valueShown);
    m_binary->setVisible(!on && valueShown && m_value->isReadOnly());
    updateButtons();
}

void CollectionElementPane::clear()
{
    m_row = -1;
    m_kind = KeyType::None;
    m_shownElement.clear();
    m_shownSecond.clear();
    m_title->setText(tr("Select a row to see its element whole and edit it."));
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_elementLabel, m_element, m_valueLabel, m_value, m_scoreLabel, m_score, m_binary,
             m_save, m_revert, m_delete, m_decodedToggle, m_decoder})
        w->hide();
}

void CollectionElementPane::showElement(KeyType kind, int row, qint64 ordinal,
                                        const QByteArray &element, const QByteArray &second)
{
    m_kind = kind;
    m_row = row;
    m_shownElement = element;
    m_shownSecond = second;
    const QLocale locale;
    const bool hash = kind == KeyType::Hash;
    const bool list = kind == KeyType::List;
    const bool zset = kind == KeyType::SortedSet;
    const bool stream = kind == KeyType::Stream;
    switch (kind) {
    case KeyType::Hash:
        m_title->setText(tr("Field #%1").arg(locale.toString(ordinal + 1)));
        m_elementLabel->setText(tr("Field"));
        m_valueLabel->setText(tr("Value (%1 bytes)").arg(locale.toString(second.size())));
        break;
    case KeyType::List:
        m_title->setText(tr("Element at index %1").arg(locale.toString(ordinal)));
        m_valueLabel->setText(tr("Element (%1 bytes)").arg(locale.toString(element.size())));
        break;
    case KeyType::Set:
        m_title->setText(tr("Member #%1").arg(locale.toString(ordinal + 1)));
        m_elementLabel->setText(tr("Member (%1 bytes)").arg(locale.toString(element.size())));
        break;
    case KeyType::SortedSet:
        m_title->setText(tr("Member #%1").arg(locale.toString(ordinal + 1)));
        m_elementLabel->setText(tr("Member (%1 bytes)").arg(locale.toString(element.size())));
        break;
    case KeyType::Stream:
        m_title->setText(tr("Entry %1").arg(QString::fromUtf8(element)));
        m_valueLabel->setText(tr("Fields (entries cannot be edited, only added or deleted)"));
        break;
    default:
        clear();
        return;
    }
    m_elementLabel->setVisible(!list && !stream);
    m_element->setVisible(!list && !stream);
    m_valueLabel->setVisible(hash || list || stream);
    m_value->setVisible(hash || list || stream);
    m_decodedToggle->setVisible(hash || list);
    m_decoder->hide();
    m_scoreLabel->setVisible(zset);
    m_score->setVisible(zset);
    m_save->setVisible(!stream);
    m_revert->setVisible(!stream);
    m_delete->show();
    revert();
    // Only the bytes of an editor that is still shown count as binary.
    m_binary->setVisible((m_element->isVisibleTo(this) && m_element->isReadOnly()) ||
                         (m_value->isVisibleTo(this) && m_value->isReadOnly() && !stream));
    if (showsDecoded()) setDecoded(true); // the decoded view stays on from element to element
}

void CollectionElementPane::revert()
{
    setBytes(m_element, m_kind == KeyType::List ? QByteArray() : m_shownElement);
    setBytes(m_value, m_kind == KeyType::List ? m_shownElement : m_shownSecond);
    if (m_kind == KeyType::Stream) m_value->setReadOnly(true);
    if (showsDecoded()) m_decoder->setValue(shownValue());
    {
        const QSignalBlocker blocker(m_score);
        m_score->setText(m_kind == KeyType::SortedSet ? QString::fromUtf8(m_shownSecond)
                                                      : QString());
    }
    updateButtons();
}

bool CollectionElementPane::isModified() const
{
    if (m_row < 0) return false;
    if (showsDecoded() && m_decoder->isModified()) return true;
    return m_element->document()->isModified() || m_value->document()->isModified() ||
           (m_kind == KeyType::SortedSet && m_score->text().trimmed().toUtf8() != m_shownSecond);
}

void CollectionElementPane::updateButtons()
{
    const bool modified = isModified();
    m_save->setEnabled(modified);
    m_revert->setEnabled(modified);
}

} // namespace redscope
