// DecoderPane: decompress, decode, show; for edits, the reverse. Whole values are decoded on
// the GUI thread: they are below the user's whole-value limit (16 MB by default), and the
// string view keeps its own worker-based path for large plain JSON. A custom command runs as a
// QProcess owned by the pane and its result is dropped when a newer value came meanwhile.
#include "values/decoders/decoder_pane.h"

#include "values/decoders/byte_source.h"
#include "values/decoders/byte_view.h"
#include "values/decoders/compression.h"
#include "values/decoders/custom_decoder.h"
#include "values/decoders/formats.h"
#include "values/decoders/json_tree_model.h"
#include "values/decoders/protobuf_schema.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace redscope {

DecoderPane::DecoderPane(QWidget *parent)
    : QWidget(parent)
    , m_formatBox(new QComboBox(this))
    , m_codecBox(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_useProposal(new QPushButton(this))
    , m_protoRow(new QWidget(this))
    , m_protoFiles(new QLineEdit(m_protoRow))
    , m_messageType(new QComboBox(m_protoRow))
    , m_customRow(new QWidget(this))
    , m_decodeCommand(new QLineEdit(m_customRow))
    , m_encodeCommand(new QLineEdit(m_customRow))
    , m_timeout(new QSpinBox(m_customRow))
    , m_searchRow(new QWidget(this))
    , m_search(new QLineEdit(m_searchRow))
    , m_searchStatus(new QLabel(m_searchRow))
    , m_stack(new QStackedWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_treePage(new QSplitter(Qt::Horizontal, this))
    , m_tree(new QTreeView(m_treePage))
    , m_treeModel(new JsonTreeModel(this))
    , m_pretty(new QPlainTextEdit(m_treePage))
    , m_bytes(new ByteView(this))
    , m_image(new QLabel(this))
    , m_messagePage(new QWidget(this))
    , m_message(new QLabel(m_messagePage))
    , m_loadWhole(new QPushButton(tr("Load the whole value"), m_messagePage))
{
    setObjectName(QStringLiteral("decoderPane"));
    m_formatBox->setObjectName(QStringLiteral("decoderFormat"));
    m_codecBox->setObjectName(QStringLiteral("decoderCodec"));
    m_status->setObjectName(QStringLiteral("decoderStatus"));
    m_useProposal->setObjectName(QStringLiteral("decoderUseProposal"));
    m_text->setObjectName(QStringLiteral("decoderText"));
    m_pretty->setObjectName(QStringLiteral("decoderJson"));
    m_tree->setObjectName(QStringLiteral("decoderTree"));
    m_bytes->setObjectName(QStringLiteral("decoderBytes"));
    m_image->setObjectName(QStringLiteral("decoderImage"));
    m_search->setObjectName(QStringLiteral("decoderSearch"));
    for (const FormatInfo &info : formatTable())
        m_formatBox->addItem(tr(info.label), int(info.format));
    for (const CodecInfo &info : codecTable())
        m_codecBox->addItem(info.hasHeader || info.codec == Codec::None
                                ? tr(info.label)
                                : tr("%1 (no header)").arg(tr(info.label)),
                            int(info.codec));
    // Sized to a short label, not to their longest item, so the pane fits a 1024x640 window.
    for (QComboBox *box : {m_formatBox, m_codecBox}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_searchStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_useProposal->hide();

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit *editor : {m_text, m_pretty}) {
        editor->setFont(mono);
        editor->setLineWrapMode(QPlainTextEdit::NoWrap);
        connect(editor, &QPlainTextEdit::modificationChanged, this, &DecoderPane::setModifiedState);
    }
    m_tree->setModel(m_treeModel);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    static_cast<QSplitter *>(m_treePage)->setStretchFactor(0, 3);
    static_cast<QSplitter *>(m_treePage)->setStretchFactor(1, 2);

    auto *imageScroll = new QScrollArea(this);
    imageScroll->setWidget(m_image);
    imageScroll->setWidgetResizable(true);
    m_image->setAlignment(Qt::AlignCenter);

    auto *messageLayout = new QVBoxLayout(m_messagePage);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("decoderMessage"));
    messageLayout->addWidget(m_message);
    messageLayout->addWidget(m_loadWhole, 0, Qt::AlignLeft);
    messageLayout->addStretch(1);
    connect(m_loadWhole, &QPushButton::clicked, this, &DecoderPane::wholeValueRequested);

    m_stack->addWidget(m_text);
    m_stack->addWidget(m_treePage);
    m_stack->addWidget(m_bytes);
    m_stack->addWidget(imageScroll);
    m_stack->addWidget(m_messagePage);

    // Protobuf schema row.
    auto *protoLayout = new QHBoxLayout(m_protoRow);
    protoLayout->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QToolButton(m_protoRow);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose .proto files"));
    m_protoFiles->setPlaceholderText(tr(".proto files, separated by ;"));
    m_messageType->setEditable(true);
    m_messageType->setMinimumContentsLength(16);
    protoLayout->addWidget(new QLabel(tr("Schema"), m_protoRow));
    protoLayout->addWidget(m_protoFiles, 1);
    protoLayout->addWidget(browse);
    protoLayout->addWidget(new QLabel(tr("Message"), m_protoRow));
    protoLayout->addWidget(m_messageType);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Protobuf schema"), QString(), tr("Protobuf (*.proto)"));
        if (files.isEmpty()) return;
        m_protoFiles->setText(files.join(QLatin1Char(';')));
        emit m_protoFiles->editingFinished();
    });
    connect(m_protoFiles, &QLineEdit::editingFinished, this, [this] {
        ProtobufSchema schema;
        m_messageType->clear();
        if (schema.load(m_protoFiles->text().split(QLatin1Char(';'), Qt::SkipEmptyParts)))
            m_messageType->addItems(schema.messageTypes());
        readOptions();
    });
    connect(m_messageType, &QComboBox::currentTextChanged, this, [this] { readOptions(); });

    // Custom command row.
    auto *customLayout = new QHBoxLayout(m_customRow);
    customLayout->setContentsMargins(0, 0, 0, 0);
    m_decodeCommand->setPlaceholderText(tr("decode command (bytes on stdin)"));
    m_encodeCommand->setPlaceholderText(tr("encode command (optional)"));
    m_timeout->setRange(100, 600000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setValue(CustomCommand::kDefaultTimeoutMs);
    customLayout->addWidget(m_decodeCommand, 2);
    customLayout->addWidget(m_encodeCommand, 2);
    customLayout->addWidget(m_timeout);
    for (QLineEdit *edit : {m_decodeCommand, m_encodeCommand})
        connect(edit, &QLineEdit::editingFinished, this, [this] { readOptions(); });

    // Search row: in the text, or through the bytes of a big value.
    auto *searchLayout = new QHBoxLayout(m_searchRow);
    searchLayout->setContentsMargins(0, 0, 0, 0);
    auto *previous = new QToolButton(m_searchRow);
    auto *next = new QToolButton(m_searchRow);
    previous->setText(tr("Previous"));
    next->setText(tr("Next"));
    previous->setObjectName(QStringLiteral("decoderFindPrevious"));
    next->setObjectName(QStringLiteral("decoderFindNext"));
    m_search->setPlaceholderText(tr("Find in value"));
    m_search->setClearButtonEnabled(true);
    searchLayout->addWidget(m_search, 2);
    searchLayout->addWidget(previous);
    searchLayout->addWidget(next);
    searchLayout->addWidget(m_searchStatus, 1); // "Not found", "Bytes edited, not saved: 3"
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_lastMatch = -1; });
    connect(m_search, &QLineEdit::returnPressed, this, [this] { findNext(false); });
    connect(next, &QToolButton::clicked, this, [this] { findNext(false); });
    connect(previous, &QToolButton::clicked, this, [this] { findNext(true); });

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Decode as"), this));
    bar->addWidget(m_formatBox);
    bar->addWidget(new QLabel(tr("Compression"), this));
    bar->addWidget(m_codecBox);
    bar->addWidget(m_useProposal);
    bar->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_protoRow);
    layout->addWidget(m_customRow);
    layout->addWidget(m_status);
    layout->addWidget(m_searchRow);
    layout->addWidget(m_stack, 1);

    // Search where there is text or bytes to search; not over an image or a message.
    connect(m_stack, &QStackedWidget::currentChanged, this, [this, imageScroll] {
        m_searchRow->setVisible(m_stack->currentWidget() != imageScroll &&
                                m_stack->currentWidget() != m_messagePage);
    });
    connect(m_bytes, &ByteView::editsChanged, this, [this] {
        const int edited = m_bytes->edits().count();
        m_searchStatus->setText(
            edited ? tr("Bytes edited, not saved: %L1 (Ctrl+Z undoes)").arg(edited) : QString());
        setModifiedState();
    });
    connect(m_formatBox, &QComboBox::activated, this, &DecoderPane::pickFormat);
    connect(m_codecBox, &QComboBox::activated, this, &DecoderPane::pickCodec);
    connect(m_useProposal, &QPushButton::clicked, this, [this] {
        if (m_proposals.isEmpty()) return;
        pickCodec(m_codecBox->findData(int(m_proposals.front())));
    });
    updateOptionRows();
}

void DecoderPane::setValue(const QByteArray &raw)
{
    m_ranged = false;
    m_rangedSource = nullptr;
    m_raw = raw;
    m_proposals.clear();
    if (!m_ruleSet) {
        // Detection: a codec only by its header; the format as a proposal, shown as such.
        m_rule.codec = detectCodec(raw);
        const Result<QByteArray> plain = decompress(m_rule.codec, raw);
        m_rule.format = detectFormat(plain.ok() ? plain.value : raw);
        m_confirmed = false;
        // Headerless codecs: proposed after a trial, never applied by themselves.
        if (m_rule.codec == Codec::None && m_rule.format == Format::Hex &&
            raw.size() <= 4 * 1024 * 1024)
            m_proposals = trialCodecs(raw);
    }
    refresh();
}

void DecoderPane::setRangedValue(ByteSource *source)
{
    m_ranged = true;
    m_rangedSource = source;
    m_raw.clear();
    m_plain.clear();
    m_proposals.clear();
    if (!m_ruleSet || !formatInfo(m_rule.format).ranged) {
        m_rule.format = Format::Hex;
        m_rule.codec = Codec::None;
        m_confirmed = false;
    }
    refresh();
}

void DecoderPane::setRule(const DecoderRule &rule)
{
    m_rule = rule;
    m_ruleSet = true;
    m_confirmed = true;
    m_protoFiles->setText(rule.options.protoFiles.join(QLatin1Char(';')));
    if (!rule.options.protoFiles.isEmpty()) {
        ProtobufSchema schema;
        m_messageType->clear();
        if (schema.load(rule.options.protoFiles)) m_messageType->addItems(schema.messageTypes());
    }
    m_messageType->setCurrentText(rule.options.messageType);
    m_decodeCommand->setText(rule.decodeCommand);
    m_encodeCommand->setText(rule.encodeCommand);
    m_timeout->setValue(rule.timeoutMs);
    if (m_ranged || !m_raw.isEmpty()) refresh();
}

void DecoderPane::clearRule()
{
    m_ruleSet = false;
    m_confirmed = false;
    m_rule = DecoderRule();
    m_raw.clear();
    m_plain.clear();
}

DecoderRule DecoderPane::rule() const
{
    return m_rule;
}

void DecoderPane::readOptions()
{
    m_rule.options.protoFiles = m_protoFiles->text().split(QLatin1Char(';'), Qt::SkipEmptyParts);
    m_rule.options.messageType = m_messageType->currentText();
    m_rule.decodeCommand = m_decodeCommand->text();
    m_rule.encodeCommand = m_encodeCommand->text();
    m_rule.timeoutMs = m_timeout->value();
    if (m_updatingBoxes) return;
    if (m_rule.format == Format::ProtobufTyped || m_rule.format == Format::Custom) {
        m_ruleSet = true;
        m_confirmed = true;
        emit ruleChanged(m_rule);
        refresh();
    }
}

void DecoderPane::pickFormat(int row)
{
    if (row < 0) return;
    m_rule.format = Format(m_formatBox->itemData(row).toInt());
    m_ruleSet = true;
    m_confirmed = true;
    emit ruleChanged(m_rule);
    refresh();
}

void DecoderPane::pickCodec(int row)
{
    if (row < 0) return;
    m_rule.codec = Codec(m_codecBox->itemData(row).toInt());
    m_ruleSet = true;
    m_confirmed = true;
    m_proposals.clear();
    emit ruleChanged(m_rule);
    refresh();
}

void DecoderPane::updateOptionRows()
{
    m_protoRow->setVisible(m_rule.format == Format::ProtobufTyped);
    m_customRow->setVisible(m_rule.format == Format::Custom);
    m_codecBox->setEnabled(!m_ranged);
    if (m_proposals.isEmpty()) {
        m_useProposal->hide();
    } else {
        m_useProposal->setText(tr("Try %1").arg(tr(codecInfo(m_proposals.front()).label)));
        m_useProposal->setToolTip(tr("These bytes decompress as %1; it has no header, so it is "
                                     "not applied unless you choose it.")
                                      .arg(tr(codecInfo(m_proposals.front()).label)));
        m_useProposal->show();
    }
}

void DecoderPane::refresh()
{
    ++m_generation;
    m_updatingBoxes = true;
    m_formatBox->setCurrentIndex(m_formatBox->findData(int(m_rule.format)));
    m_codecBox->setCurrentIndex(m_codecBox->findData(int(m_rule.codec)));
    m_updatingBoxes = false;
    updateOptionRows();
    m_decodedOk = false;
    m_error.clear();
    m_escaped = false;
    m_searchStatus->clear();
    m_lastMatch = -1;
    const FormatInfo &info = formatInfo(m_rule.format);
    const QString how = m_confirmed ? QString() : tr(" (detected)");

    if (m_ranged) {
        const qint64 size = m_rangedSource ? m_rangedSource->size() : 0;
        if (!info.ranged) {
            showMessage(tr("%1 needs the whole value (%2).")
                            .arg(tr(info.label), QLocale().formattedDataSize(size)),
                        true);
            return;
        }
        m_status->setText(tr("%1 of a %2 value, read in ranges as you scroll%3")
                              .arg(tr(info.label), QLocale().formattedDataSize(size), how));
        if (m_rule.format == Format::Text) {
            m_text->setReadOnly(true);
            m_text->setPlainText(tr("Loading…"));
            m_stack->setCurrentWidget(m_text);
            const quint64 generation = m_generation;
            m_rangedSource->read(
                0, kTextPreviewBytes, [this, generation](const Result<QByteArray> &bytes) {
                    if (generation != m_generation) return;
                    bool escaped = false;
                    m_text->setPlainText(bytes.ok() ? formats::bytesToText(bytes.value, &escaped)
                                                    : bytes.error);
                    m_text->document()->setModified(false);
                    m_status->setText(tr("The first %1 as text (read-only); Hex and Bits "
                                         "show all of it")
                                          .arg(QLocale().formattedDataSize(kTextPreviewBytes)));
                });
            m_decodedOk = true;
            return;
        }
        if (m_bytes->source() != m_rangedSource) m_bytes->setSource(m_rangedSource);
        m_bytes->setKind(m_rule.format == Format::Binary ? ByteView::Kind::Bits
                                                         : ByteView::Kind::Hex);
        m_stack->setCurrentWidget(m_bytes);
        m_decodedOk = true;
        m_bytes->setEditable(isEditable());
        setModifiedState();
        return;
    }

    const Result<QByteArray> plain = decompress(m_rule.codec, m_raw);
    if (!plain.ok()) {
        m_plain.clear();
        m_error = plain.error;
        showMessage(
            tr("Cannot decompress as %1: %2").arg(tr(codecInfo(m_rule.codec).label), plain.error));
        return;
    }
    m_plain = plain.value;
    QString codecNote;
    if (m_rule.codec != Codec::None)
        codecNote =
            tr("%1, %2 compressed to %3; ")
                .arg(tr(codecInfo(m_rule.codec).label), QLocale().formattedDataSize(m_plain.size()),
                     QLocale().formattedDataSize(m_raw.size()));
    m_status->setText(codecNote + tr(info.label) + how);

    if (m_rule.format == Format::Hex || m_rule.format == Format::Binary) {
        showBytes();
        return;
    }
    if (m_rule.format == Format::Image) {
        showImage();
        return;
    }
    if (m_rule.format == Format::Custom) {
        if (m_rule.decodeCommand.isEmpty()) {
            showMessage(tr("Give the command that decodes the value (it gets the bytes on "
                           "stdin and prints text or JSON)."));
            return;
        }
        showMessage(tr("Running %1…").arg(m_rule.decodeCommand));
        const quint64 generation = m_generation;
        CustomCommand::run(m_rule.decodeCommand, m_plain, m_rule.timeoutMs, this,
                           [this, generation](const Result<QByteArray> &out) {
                               if (generation != m_generation) return;
                               if (!out.ok()) {
                                   m_error = out.error;
                                   showMessage(out.error);
                                   return;
                               }
                               Decoded d = decode(Format::Json, out.value);
                               if (!d.ok) d = decode(Format::Text, out.value);
                               showDecoded(d);
                           });
        return;
    }
    showDecoded(decode(m_rule.format, m_plain, m_rule.options));
}

void DecoderPane::showDecoded(const Decoded &decoded)
{
    if (!decoded.ok) {
        m_error = decoded.error;
        showMessage(tr("Not %1: %2").arg(tr(formatInfo(m_rule.format).label), decoded.error));
        return;
    }
    m_decodedOk = true;
    m_escaped = decoded.escaped;
    const bool editable = isEditable();
    if (decoded.hasTree) {
        m_treeModel->setDocument(decoded.tree);
        m_tree->expandToDepth(1); // the document and its members' own members
        m_tree->resizeColumnToContents(JsonTreeModel::KeyColumn);
        m_pretty->setPlainText(decoded.text);
        m_pretty->setReadOnly(!editable);
        m_pretty->document()->setModified(false);
        m_stack->setCurrentWidget(m_treePage);
    } else {
        m_text->setPlainText(decoded.text);
        m_text->setReadOnly(!editable);
        m_text->document()->setModified(false);
        m_stack->setCurrentWidget(m_text);
    }
    if (decoded.escaped)
        m_status->setText(
            m_status->text() +
            tr(" — not UTF-8: invalid bytes are shown as \\xNN, backslashes as \\\\"));
    if (!editable && m_rule.format != Format::Text)
        m_status->setText(m_status->text() + tr(" (read-only)"));
    setModifiedState();
}

void DecoderPane::showMessage(const QString &text, bool offerWholeValue)
{
    m_message->setText(text);
    m_loadWhole->setVisible(offerWholeValue);
    m_stack->setCurrentWidget(m_messagePage);
    setModifiedState();
}

void DecoderPane::showBytes()
{
    // Hex <-> Bits over the same bytes keeps the source, and with it the edits.
    auto *memory = qobject_cast<MemoryByteSource *>(m_memorySource);
    if (!memory || memory->bytes() != m_plain || m_bytes->source() != m_memorySource) {
        delete m_memorySource;
        m_memorySource = new MemoryByteSource(m_plain, this);
        m_bytes->setSource(m_memorySource);
    }
    m_bytes->setKind(m_rule.format == Format::Binary ? ByteView::Kind::Bits : ByteView::Kind::Hex);
    m_stack->setCurrentWidget(m_bytes);
    m_decodedOk = true;
    m_bytes->setEditable(isEditable());
    setModifiedState();
}

void DecoderPane::showImage()
{
    QImage image;
    const QByteArray kind = formats::imageFormat(m_plain);
    if (kind.isEmpty() || !image.loadFromData(m_plain)) {
        m_error = kind.isEmpty() ? tr("not a PNG, JPEG, GIF or WebP image")
                                 : tr("%1 image that cannot be read (is "
                                      "qt6-image-formats-plugins installed?)")
                                       .arg(QString::fromLatin1(kind));
        showMessage(m_error);
        return;
    }
    m_image->setPixmap(QPixmap::fromImage(image));
    m_status->setText(m_status->text() + tr(": %1, %2 × %3 pixels")
                                             .arg(QString::fromLatin1(kind))
                                             .arg(image.width())
                                             .arg(image.height()));
    m_stack->setCurrentIndex(3);
    m_decodedOk = true;
    setModifiedState();
}

bool DecoderPane::isEditable() const
{
    if (!m_decodedOk) return false;
    // Bytes are overwritten in place (ByteView); a ranged value is never compressed here.
    if (m_rule.format == Format::Hex || m_rule.format == Format::Binary)
        return !m_ranged || m_rule.codec == Codec::None;
    if (m_ranged) return false;
    if (m_rule.format == Format::Custom) return !m_rule.encodeCommand.isEmpty();
    return formatInfo(m_rule.format).editable;
}

bool DecoderPane::isModified() const
{
    if (!isEditable()) return false;
    if (m_stack->currentWidget() == m_treePage) return m_pretty->document()->isModified();
    if (m_stack->currentWidget() == m_text) return m_text->document()->isModified();
    if (m_stack->currentWidget() == m_bytes) return m_bytes->edits().isModified();
    return false;
}

bool DecoderPane::savesAsPatches() const
{
    return m_stack->currentWidget() == m_bytes && m_bytes->edits().isModified() &&
           m_rule.codec == Codec::None;
}

QList<BytePatch> DecoderPane::bytePatches() const
{
    return m_bytes->edits().patches();
}

void DecoderPane::markPatched()
{
    const QList<BytePatch> patches = m_bytes->edits().patches();
    if (ByteSource *source = m_bytes->source()) source->apply(patches);
    if (!m_ranged) {
        m_plain = m_bytes->edits().applied(m_plain, 0);
        m_raw = m_plain; // patches are only for uncompressed values
    }
    m_bytes->clearEdits();
}

QString DecoderPane::errorText() const
{
    return m_error;
}

void DecoderPane::setModifiedState()
{
    emit modifiedChanged(isModified());
}

void DecoderPane::encodeEdited(QObject *receiver,
                               std::function<void(const Result<QByteArray> &)> done)
{
    if (!isEditable()) {
        done(Result<QByteArray>::failure(
            tr("%1 is read-only").arg(tr(formatInfo(m_rule.format).label))));
        return;
    }
    const Codec codec = m_rule.codec;
    if (m_stack->currentWidget() == m_bytes) {
        if (m_ranged) {
            done(Result<QByteArray>::failure(tr("A ranged value is saved as patches")));
            return;
        }
        done(compress(codec, m_bytes->edits().applied(m_plain, 0)));
        return;
    }
    const bool tree = m_stack->currentWidget() == m_treePage;
    const QString text = tree ? m_pretty->toPlainText() : m_text->toPlainText();
    const auto finish = [codec, done](const Result<QByteArray> &plain) {
        if (!plain.ok()) return done(plain);
        done(compress(codec, plain.value));
    };
    if (m_rule.format == Format::Custom) {
        CustomCommand::run(m_rule.encodeCommand, text.toUtf8(), m_rule.timeoutMs, receiver, finish);
        return;
    }
    finish(encode(m_rule.format, text, m_escaped, m_rule.options));
}

void DecoderPane::markSaved(const QByteArray &raw)
{
    setValue(raw);
}

void DecoderPane::findNext(bool backward)
{
    const QString needle = m_search->text();
    if (needle.isEmpty()) return;
    if (m_stack->currentWidget() == m_bytes) {
        ByteSource *source = m_bytes->source();
        if (!source) return;
        // From the last match on, or from the first row on screen.
        const qint64 from = m_lastMatch >= 0 ? m_lastMatch + (backward ? -1 : 1)
                                             : m_bytes->firstVisibleRow() * m_bytes->bytesPerRow();
        if (from < 0) {
            m_searchStatus->setText(tr("Not found"));
            emit searchFinished(false);
            return;
        }
        const QByteArray bytes = needle.toUtf8();
        m_searchStatus->setText(tr("Searching…"));
        const QPointer<DecoderPane> self(this);
        source->find(bytes, from, backward, [self, bytes](qint64 at) {
            if (!self) return;
            if (at < 0) {
                self->m_searchStatus->setText(tr("Not found"));
                emit self->searchFinished(false);
                return;
            }
            self->m_lastMatch = at;
            self->m_searchStatus->setText(tr("At byte %L1").arg(at));
            self->m_bytes->highlight(at, bytes.size());
            emit self->searchFinished(true);
        });
        return;
    }
    QPlainTextEdit *editor = m_stack->currentWidget() == m_treePage ? m_pretty : m_text;
    const QTextDocument::FindFlags flags =
        backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    bool found = editor->find(needle, flags);
    if (!found) { // wrap around
        QTextCursor cursor = editor->textCursor();
        cursor.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
        editor->setTextCursor(cursor);
        found = editor->find(needle, flags);
    }
    m_searchStatus->setText(found ? QString() : tr("Not found"));
    emit searchFinished(found);
}

} // namespace redscope
