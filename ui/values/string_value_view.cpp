// StringValueView: loading is STRLEN then pipelined GETRANGE chunks, guarded by a generation
// number; once the whole value is here a worker analyses it, then the text is shown in slices
// (Text/JSON/Hex from the same bytes).
#include "values/string_value_view.h"

#include "values/conflict_question.h"
#include "values/decoders/byte_source.h"
#include "values/decoders/compression.h"
#include "values/decoders/decoder_pane.h"
#include "values/json_pretty_printer.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPromise>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextLayout>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace redscope {

// Colours JSON tokens of the lines on screen only. Each time the editor repaints (scrolling
// included), the visible blocks not coloured yet get their formats as QTextLayout overlays,
// which leave the document and its undo stack alone. Cost: one regex pass per line shown.
class VisibleJsonHighlighter : public QObject
{
public:
    explicit VisibleJsonHighlighter(QPlainTextEdit *editor)
        : QObject(editor)
        , m_editor(editor)
    {
        m_key.setForeground(QColor(0x88, 0x1f, 0x9a));
        m_string.setForeground(QColor(0x1b, 0x7f, 0x3b));
        m_number.setForeground(QColor(0x15, 0x65, 0xc0));
        m_literal.setForeground(QColor(0xb3, 0x5c, 0x00));
        connect(editor, &QPlainTextEdit::updateRequest, this,
                &VisibleJsonHighlighter::highlightVisible);
    }
    // New text: nothing is coloured yet.
    void setActive(bool active)
    {
        m_active = active;
        m_done.clear();
        if (active) highlightVisible();
    }
    bool isActive() const { return m_active; }
    int colouredBlocks() const { return int(std::count(m_done.begin(), m_done.end(), 1)); }

    void highlightVisible()
    {
        if (!m_active || m_busy) return;
        QTextDocument *document = m_editor->document();
        const QTextBlock first = m_editor->cursorForPosition(QPoint(0, 0)).block();
        const QTextBlock last =
            m_editor->cursorForPosition(QPoint(0, m_editor->viewport()->height())).block();
        if (!first.isValid()) return;
        const int end = (last.isValid() ? last.blockNumber() : first.blockNumber()) + 2;
        if (size_t(document->blockCount()) > m_done.size())
            m_done.resize(size_t(document->blockCount()), 0);
        int from = -1;
        int to = -1;
        for (QTextBlock block = first; block.isValid() && block.blockNumber() <= end;
             block = block.next()) {
            char &done = m_done[size_t(block.blockNumber())];
            if (done) continue;
            done = 1;
            block.layout()->setFormats(formatsFor(block.text()));
            if (from < 0) from = block.position();
            to = block.position() + block.length();
        }
        if (from < 0) return;
        m_busy = true; // the relayout below repaints, which calls us again
        document->markContentsDirty(from, to - from);
        m_busy = false;
    }

private:
    QList<QTextLayout::FormatRange> formatsFor(const QString &text) const
    {
        static const QRegularExpression string(QStringLiteral(R"("(?:[^"\\]|\\.)*"(\s*:)?)"));
        static const QRegularExpression number(
            QStringLiteral(R"(-?\b\d+(\.\d+)?([eE][+-]?\d+)?\b)"));
        static const QRegularExpression literal(QStringLiteral(R"(\b(true|false|null)\b)"));
        QList<QTextLayout::FormatRange> ranges;
        const auto add = [&ranges](const QRegularExpressionMatch &m,
                                   const QTextCharFormat &format) {
            ranges.append({int(m.capturedStart()), int(m.capturedLength()), format});
        };
        // Strings last and on their own: numbers inside a string must not be coloured.
        QList<std::pair<int, int>> strings;
        for (auto it = string.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            strings.append({int(m.capturedStart()), int(m.capturedEnd())});
            add(m, m.capturedLength(1) > 0 ? m_key : m_string);
        }
        const auto inString = [&strings](qsizetype at) {
            return std::any_of(strings.begin(), strings.end(),
                               [at](const auto &s) { return at >= s.first && at < s.second; });
        };
        for (auto it = number.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            if (!inString(m.capturedStart())) add(m, m_number);
        }
        for (auto it = literal.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            if (!inString(m.capturedStart())) add(m, m_literal);
        }
        return ranges;
    }

    QPlainTextEdit *m_editor;
    bool m_active = false;
    bool m_busy = false;
    std::vector<char> m_done; // per block number
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

static bool isContainer(const JsonPrettyPrinter::Result &json)
{
    return json.ok && (json.topLevel == JsonPrettyPrinter::Kind::Object ||
                       json.topLevel == JsonPrettyPrinter::Kind::Array);
}

// Why a value is not shown as JSON. Bare scalars ("abc", 42) are valid JSON but are shown as
// text: nothing to indent, and most are not meant as JSON.
static QString whyNotJson(const JsonPrettyPrinter::Result &json)
{
    return json.ok ? StringValueView::tr("not an object or an array")
                   : StringValueView::tr("%1 at line %2, column %3")
                         .arg(json.error)
                         .arg(json.line)
                         .arg(json.column);
}

static bool prettyJson(const QByteArray &value, QString *pretty, QString *whyNot)
{
    QByteArray out;
    const JsonPrettyPrinter::Result json = JsonPrettyPrinter().format(value, &out);
    if (isContainer(json)) {
        *pretty = QString::fromUtf8(out);
        return true;
    }
    *whyNot = whyNotJson(json);
    return false;
}

// Runs on a worker. Formatting goes first and hands over its first screen as soon as it is
// written (an extra result with firstScreen set), before the rest of the value is formatted and
// before the UTF-8 check: the window can show it while the worker goes on.
static void analyse(QPromise<StringValueView::Analysis> &promise, const QByteArray &value)
{
    QByteArray out;
    out.reserve(value.size() + value.size() / 2 + 64);
    bool first = true;
    const auto sink = [&](QByteArrayView chunk) {
        // A chunk shorter than a screen is the whole text: nothing to hand over early.
        if (first && chunk.size() >= StringValueView::kFirstSliceChars) {
            StringValueView::Analysis screen;
            screen.json = true;
            screen.firstScreen = true;
            screen.pretty = QString::fromUtf8(chunk);
            promise.addResult(screen);
        }
        first = false;
        out += chunk;
    };
    const JsonPrettyPrinter::Result json =
        JsonPrettyPrinter().format(value, sink, StringValueView::kFirstSliceChars);
    StringValueView::Analysis result;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    (void)QString(decoder(value));
    result.utf8 = !decoder.hasError();
    if (!isContainer(json)) {
        // A codec header or a binary format: the decoder pane shows it (and says it was
        // detected, not chosen).
        const Codec codec = detectCodec(value);
        const Result<QByteArray> plain = decompress(codec, value);
        const Format format = detectFormat(plain.ok() ? plain.value : value);
        result.decode = codec != Codec::None || format == Format::MessagePack ||
                        format == Format::Pickle || format == Format::PhpSerialize ||
                        format == Format::Image;
    }
    if (!result.utf8) {
        result.notJson = StringValueView::tr("not UTF-8 text");
    } else if (isContainer(json)) {
        result.json = true;
        result.pretty = QString::fromUtf8(out);
    } else {
        result.notJson = whyNotJson(json);
    }
    promise.addResult(result);
}

static QString hexDump(const QByteArray &bytes, int limit)
{
    QString out;
    const int n = int(qMin<qsizetype>(bytes.size(), limit));
    out.reserve(n * 4 + 64);
    for (int line = 0; line < n; line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (int i = line; i < line + 16; ++i) {
            if (i < n) {
                const auto byte = quint8(bytes[i]);
                out += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += byte >= 32 && byte < 127 ? QChar(byte) : QChar('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == line + 7) out += QLatin1Char(' ');
        }
        out += QStringLiteral(" |") + ascii + QStringLiteral("|\n");
    }
    if (bytes.size() > limit)
        out += StringValueView::tr("… %1 more bytes not shown\n").arg(bytes.size() - limit);
    return out;
}

StringValueView::StringValueView(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_values(connection)
    , m_modeBox(new QComboBox(this))
    , m_sizeLabel(new QLabel(this))
    , m_status(new QLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_editor(new QPlainTextEdit(this))
    , m_pages(new QStackedWidget(this))
    , m_pane(new DecoderPane(this))
{
    m_modeBox->setObjectName(QStringLiteral("stringMode"));
    m_modeBox->addItem(tr("Text"), int(Mode::Text));
    m_modeBox->addItem(tr("JSON"), int(Mode::Json));
    m_modeBox->addItem(tr("Hex"), int(Mode::Hex));
    m_modeBox->addItem(tr("Decoded"), int(Mode::Decoded));
    m_modeBox->setItemData(3,
                           tr("Compression, MessagePack, Protobuf, pickle, PHP, images, "
                              "custom commands, hex and bits of any size"),
                           Qt::ToolTipRole);
    m_sizeLabel->setObjectName(QStringLiteral("stringSize"));
    m_status->setObjectName(QStringLiteral("stringStatus"));
    // A long status ("… remembered for keys matching …") must not widen the value pane.
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_save->setObjectName(QStringLiteral("stringSave"));
    m_save->setEnabled(false);
    m_editor->setObjectName(QStringLiteral("stringEditor"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_editor->setFont(mono);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_highlighter = new VisibleJsonHighlighter(m_editor);
    m_sliceTimer.setSingleShot(true);
    m_sliceTimer.setInterval(0);
    connect(&m_sliceTimer, &QTimer::timeout, this, &StringValueView::appendSlice);
    connect(&m_analysis, &QFutureWatcher<Analysis>::resultReadyAt, this,
            [this](int index) { onFirstScreen(m_analysisGeneration, index); });
    connect(&m_analysis, &QFutureWatcher<Analysis>::finished, this,
            [this] { onAnalysed(m_analysisGeneration); });

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("View as"), this));
    bar->addWidget(m_modeBox);
    bar->addWidget(m_sizeLabel);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    m_pages->addWidget(m_editor);
    // A stacked layout takes the widest page's minimum even while it is hidden: the pane's
    // pickers must not take room from the key tree when a plain string is shown.
    m_pane->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_pages->addWidget(m_pane);
    layout->addWidget(m_pages, 1);
    connect(m_pane, &DecoderPane::modifiedChanged, this, &StringValueView::updateSaveButton);
    connect(m_pane, &DecoderPane::ruleChanged, this, &StringValueView::rememberRule);
    connect(m_pane, &DecoderPane::wholeValueRequested, this, [this] { loadWholeValue(); });

    connect(m_modeBox, &QComboBox::activated, this,
            [this](int row) { setMode(Mode(m_modeBox->itemData(row).toInt())); });
    connect(m_editor, &QPlainTextEdit::modificationChanged, this,
            &StringValueView::updateSaveButton);
    connect(m_save, &QPushButton::clicked, this, &StringValueView::save);
}

void StringValueView::load(const QByteArray &key)
{
    m_key = key;
    m_value.clear();
    m_pretty.clear();
    m_notJson.clear();
    m_size = 0;
    m_loaded = false;
    m_formatting = false;
    m_ranged = false;
    m_modeBox->setEnabled(true);
    const quint64 generation = ++m_generation;
    m_pages->setCurrentWidget(m_editor);
    m_paneHasValue = false;
    delete m_source;
    m_source = nullptr;
    // The decoder remembered for this key's pattern on this connection, else detection.
    if (const auto remembered = DecoderSettings(m_values.settings().name).ruleFor(key))
        m_pane->setRule(*remembered);
    else
        m_pane->clearRule();
    m_sliceTimer.stop();
    m_pendingText.clear();
    m_highlighter->setActive(false);
    m_editor->clear();
    m_editor->setReadOnly(true);
    m_sizeLabel->clear();
    m_status->setText(tr("Loading…"));
    updateSaveButton();
    if (!m_values.hasConnection()) return;
    m_values.stringLength(key, this, [this, generation](const Result<qint64> &length) {
        if (generation != m_generation) return;
        if (!length.ok()) {
            m_status->setText(length.error);
            emit failed(length.error);
            return;
        }
        m_size = length.value;
        if (m_size > DecoderSettings::wholeValueLimit()) {
            openRanged(generation);
            return;
        }
        m_value.reserve(m_size);
        requestChunks(generation);
    });
}

void StringValueView::requestChunks(quint64 generation)
{
    // Every GETRANGE chunk is sent at once: one round trip for the whole value instead of one
    // per chunk, while each reply stays small. Replies arrive in request order, so appending
    // puts the bytes in place; a chunk that comes back short means the value shrank meanwhile.
    if (m_size <= 0) {
        analyseLoaded(generation);
        return;
    }
    m_status->setText(tr("Loading %1…").arg(QLocale().formattedDataSize(m_size)));
    for (qint64 start = 0; start < m_size; start += kChunkBytes) {
        const qint64 end = qMin(m_size, start + kChunkBytes) - 1;
        const bool last = end + 1 >= m_size;
        m_values.stringRange(
            m_key, start, end, this, [this, generation, last](const Result<QByteArray> &chunk) {
                if (generation != m_generation) return;
                if (!chunk.ok()) {
                    ++m_generation; // the chunks still on their way belong to a failed load
                    m_status->setText(chunk.error);
                    emit failed(chunk.error);
                    return;
                }
                m_value += chunk.value;
                if (last) analyseLoaded(generation);
            });
    }
}

void StringValueView::analyseLoaded(quint64 generation)
{
    m_size = m_value.size();
    m_status->setText(tr("Formatting…"));
    m_analysisGeneration = generation;
    m_analysis.setFuture(QtConcurrent::run(analyse, m_value));
}

// The first screen of a large JSON value, while the worker formats the rest: shown read-only,
// highlighted, with the mode box locked until the whole text is known (it may still turn out
// not to be JSON).
void StringValueView::onFirstScreen(quint64 generation, int index)
{
    if (generation != m_generation || m_analysis.isFinished()) return; // onAnalysed shows all
    const Analysis screen = m_analysis.future().resultAt(index);
    if (!screen.firstScreen) return;
    m_loaded = true;
    m_formatting = true;
    m_utf8 = true;
    m_modeBox->setEnabled(false);
    m_mode = Mode::Json;
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(Mode::Json)));
    m_sizeLabel->setText(QLocale().formattedDataSize(m_size));
    m_highlighter->setActive(false);
    showText(screen.pretty);
    if (m_pendingText.isEmpty()) m_pendingPos = screen.pretty.size(); // all of it is shown
    m_highlighter->setActive(true);
    m_editor->setReadOnly(true);
    m_status->setText(tr("Formatting…"));
    updateSaveButton();
}

void StringValueView::onAnalysed(quint64 generation)
{
    if (generation != m_generation) return;
    const QFuture<Analysis> future = m_analysis.future();
    if (future.resultCount() == 0) return;
    const Analysis result = future.resultAt(future.resultCount() - 1);
    const bool firstScreenShown = m_formatting;
    m_formatting = false;
    m_modeBox->setEnabled(true);
    m_utf8 = result.utf8;
    m_pretty = result.pretty;
    m_notJson = result.notJson;
    m_loaded = true;
    m_sizeLabel->setText(QLocale().formattedDataSize(m_size));
    m_status->clear();
    if (firstScreenShown && result.json && m_mode == Mode::Json) {
        // What is shown is a prefix of the whole text: the rest goes in behind it, so the
        // scroll position and the colours already applied stay.
        m_pendingText = m_pretty;
        m_sliceTimer.start();
        m_status->setText(tr("Valid JSON (edit in Text view)"));
        updateSaveButton();
        return;
    }
    // The pane decodes on the GUI thread: it gets the value only when it is shown (a rule was
    // remembered for the key, or the worker detected a codec or a binary format), so plain
    // text and JSON keep their worker-formatted path.
    const bool remembered = m_pane->isConfirmed();
    setMode(remembered || result.decode ? Mode::Decoded
            : result.json               ? Mode::Json
            : m_utf8                    ? Mode::Text
                                        : Mode::Hex);
}

// Above the whole-value limit: the pane reads pages as its hex view scrolls.
void StringValueView::openRanged(quint64 generation)
{
    if (generation != m_generation) return;
    m_ranged = true;
    m_loaded = true;
    const QByteArray key = m_key;
    const ValueService values = m_values;
    m_source = new RangedByteSource(
        m_size,
        [values, key](qint64 start, qint64 end, QObject *receiver, ByteSource::Done done) {
            values.stringRange(key, start, end, receiver, std::move(done));
        },
        this);
    m_sizeLabel->setText(QLocale().formattedDataSize(m_size));
    m_status->setText(tr("Large value: read in ranges"));
    m_pane->setRangedValue(m_source);
    m_mode = Mode::Decoded;
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(Mode::Decoded)));
    m_modeBox->setEnabled(false);
    m_pages->setCurrentWidget(m_pane);
    updateSaveButton();
}

void StringValueView::loadWholeValue(bool ask)
{
    if (!m_ranged || !m_values.hasConnection()) return;
    if (ask &&
        QMessageBox::question(this, tr("Read the whole value"),
                              tr("This decoder needs the whole value: %1 will be read into memory. "
                                 "Go on?")
                                  .arg(QLocale().formattedDataSize(m_size))) != QMessageBox::Yes)
        return;
    const DecoderRule rule = m_pane->rule();
    const quint64 generation = ++m_generation;
    m_ranged = false;
    m_loaded = false;
    m_paneHasValue = false;
    m_value.clear();
    m_value.reserve(m_size);
    m_pane->setRule(rule);
    m_modeBox->setEnabled(true);
    requestChunks(generation);
}

void StringValueView::rememberRule(const DecoderRule &rule)
{
    DecoderRule remembered = rule;
    remembered.pattern = DecoderSettings::patternFor(m_key);
    DecoderSettings(m_values.settings().name).remember(remembered);
    m_status->setText(tr("%1 remembered for keys matching %2")
                          .arg(tr(formatInfo(rule.format).label), remembered.pattern));
    if (m_ranged && formatInfo(rule.format).ranged) return;
}

void StringValueView::setMode(Mode mode)
{
    m_mode = mode;
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode)));
    m_pages->setCurrentWidget(mode == Mode::Decoded ? static_cast<QWidget *>(m_pane) : m_editor);
    if (mode == Mode::Decoded && m_loaded && !m_ranged && !m_paneHasValue) {
        m_paneHasValue = true;
        m_pane->setValue(m_value);
    }
    if (m_loaded && !m_ranged) render();
    updateSaveButton();
}

void StringValueView::render()
{
    m_highlighter->setActive(false);
    switch (m_mode) {
    case Mode::Text:
        showText(QString::fromUtf8(m_value));
        m_editor->setReadOnly(!m_utf8);
        m_status->setText(m_utf8 ? QString() : tr("Binary value: shown read-only"));
        break;
    case Mode::Json: {
        if (m_pretty.isEmpty() && m_notJson.isEmpty()) // saved since: not analysed yet
            prettyJson(m_value, &m_pretty, &m_notJson);
        if (m_pretty.isEmpty()) {
            showText(QString::fromUtf8(m_value));
            m_status->setText(tr("Not valid JSON: %1").arg(m_notJson));
            m_editor->setReadOnly(true);
            break;
        }
        showText(m_pretty);
        m_highlighter->setActive(true);
        m_status->setText(tr("Valid JSON (edit in Text view)"));
        m_editor->setReadOnly(true);
        break;
    }
    case Mode::Hex:
        showText(hexDump(m_value, kHexLimit));
        m_editor->setReadOnly(true);
        m_status->setText(m_value.size() > kHexLimit
                              ? tr("Decoded → Hex shows all of it, and edits it")
                              : tr("A read-only dump: Decoded → Hex edits the bytes"));
        break;
    case Mode::Decoded:
        m_status->clear();
        break;
    }
    m_editor->document()->setModified(false);
    updateSaveButton();
}

// The first screen goes in at once; the rest follows a slice per event-loop turn, cut at line
// ends, so a 100k-line document never holds the window for more than a few milliseconds.
void StringValueView::showText(const QString &text)
{
    m_sliceTimer.stop();
    m_pendingText.clear();
    m_pendingPos = 0;
    QTextDocument *document = m_editor->document();
    if (text.size() <= kFirstSliceChars) {
        document->setUndoRedoEnabled(true);
        m_editor->setPlainText(text);
        return;
    }
    qsizetype cut = text.lastIndexOf(QLatin1Char('\n'), kFirstSliceChars);
    if (cut <= 0) cut = kFirstSliceChars;
    document->setUndoRedoEnabled(false); // slices are not undo steps
    m_editor->setPlainText(text.left(cut));
    m_pendingText = text;
    m_pendingPos = cut;
    m_sliceTimer.start();
}

void StringValueView::appendSlice()
{
    if (m_pendingText.isEmpty()) return;
    qsizetype end = m_pendingPos + kSliceChars;
    if (end >= m_pendingText.size()) {
        end = m_pendingText.size();
    } else {
        const qsizetype newline = m_pendingText.lastIndexOf(QLatin1Char('\n'), end);
        if (newline > m_pendingPos) end = newline;
    }
    QTextDocument *document = m_editor->document();
    QTextCursor cursor(document);
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(
        QStringView(m_pendingText).sliced(m_pendingPos, end - m_pendingPos).toString());
    m_pendingPos = end;
    if (m_pendingPos < m_pendingText.size()) {
        m_sliceTimer.start();
        return;
    }
    m_pendingText.clear(); // m_pendingPos stays: onAnalysed may append a longer text behind
    document->setUndoRedoEnabled(true);
    document->setModified(false);
    updateSaveButton();
}

void StringValueView::updateSaveButton()
{
    if (m_mode == Mode::Decoded) {
        m_save->setEnabled(m_loaded && m_pane->isModified() &&
                           (!m_ranged || m_pane->savesAsPatches()));
        return;
    }
    m_save->setEnabled(isRendered() && m_mode == Mode::Text && m_utf8 &&
                       m_editor->document()->isModified());
}

void StringValueView::save()
{
    if (m_mode == Mode::Decoded) {
        saveDecoded();
        return;
    }
    if (!m_values.hasConnection() || !m_loaded || m_mode != Mode::Text) return;
    const QByteArray text = m_editor->toPlainText().toUtf8();
    writeChecked(
        text,
        [this, key = m_key, seen = m_value, text](bool force, EditDone done) {
            m_values.replaceString(key, seen, text, force, this, std::move(done));
        },
        [this, text] {
            m_value = text;
            m_paneHasValue = false;
            m_pretty.clear();
            m_notJson.clear();
            m_size = text.size();
            m_sizeLabel->setText(QLocale().formattedDataSize(m_size));
            m_editor->document()->setModified(false);
        });
}

// Every save is an optimistic write (ValueService): when the value changed on the server
// since it was read, the user chooses: overwrite, reload (the edit is dropped), or cancel (the
// edit stays, nothing is written).
void StringValueView::writeChecked(const QByteArray &yours, Write write,
                                   std::function<void()> saved)
{
    const quint64 generation = m_generation;
    m_save->setEnabled(false);
    m_status->setText(tr("Saving…"));
    write(false, [this, generation, yours, write, saved](const Result<EditOutcome> &outcome) {
        onWritten(generation, outcome, yours, write, saved);
    });
}

void StringValueView::onWritten(quint64 generation, const Result<EditOutcome> &outcome,
                                const QByteArray &yours, const Write &write,
                                const std::function<void()> &saved)
{
    if (generation != m_generation) return;
    if (!outcome.ok()) {
        m_status->setText(tr("Not saved: %1").arg(outcome.error));
        updateSaveButton();
        emit failed(outcome.error);
        return;
    }
    if (outcome.value.kind == EditOutcome::Kind::Written) {
        saved();
        m_status->setText(tr("Saved"));
        updateSaveButton();
        emit changed();
        return;
    }
    ConflictQuestion question;
    question.title = tr("Value changed on the server");
    question.gone = outcome.value.kind == EditOutcome::Kind::Gone;
    question.theirs = outcome.value.current;
    question.yours = yours;
    if (question.gone)
        question.text = tr("The key \"%1\" was deleted on the server since it was read.")
                            .arg(QString::fromUtf8(m_key));
    else if (outcome.value.offset >= 0)
        question.text = tr("The bytes of \"%1\" at offset %L2 changed on the server since "
                           "they were read.")
                            .arg(QString::fromUtf8(m_key))
                            .arg(outcome.value.offset);
    else
        question.text = tr("The value of \"%1\" changed on the server since it was read.")
                            .arg(QString::fromUtf8(m_key));
    switch (askConflict(this, question)) {
    case ConflictChoice::Overwrite:
        m_status->setText(tr("Saving…"));
        write(true, [this, generation, yours, write, saved](const Result<EditOutcome> &again) {
            onWritten(generation, again, yours, write, saved);
        });
        return;
    case ConflictChoice::Reload:
        load(m_key);
        return;
    case ConflictChoice::Cancel:
        m_status->setText(tr("Not saved: the value changed on the server"));
        updateSaveButton();
        return;
    }
}

} // namespace redscope

namespace redscope {

// Hex and bits edits of an uncompressed value are written as byte patches (SETRANGE, any
// size); anything else is encoded by the pane (validated, re-encoded, re-compressed with the
// value's codec) and written whole. A decoder that was only detected is confirmed by the
// user first, never used silently.
void StringValueView::saveDecoded()
{
    if (!m_values.hasConnection() || !m_loaded || !m_pane->isModified()) return;
    if (m_pane->savesAsPatches()) {
        const QList<BytePatch> patches = m_pane->bytePatches();
        QByteArray yours;
        for (const BytePatch &patch : patches)
            yours += patch.after;
        writeChecked(
            yours,
            [this, key = m_key, patches](bool force, EditDone done) {
                m_values.patchString(key, patches, force, this, std::move(done));
            },
            [this] {
                m_pane->markPatched();
                if (!m_ranged) {
                    m_value = m_pane->rawValue();
                    m_pretty.clear();
                    m_notJson.clear();
                }
            });
        return;
    }
    if (m_ranged) return;
    if (!m_pane->isConfirmed()) {
        const QString codec =
            m_pane->codec() == Codec::None
                ? QString()
                : tr(", compressed with %1").arg(tr(codecInfo(m_pane->codec()).label));
        if (QMessageBox::question(this, tr("Save"),
                                  tr("The value was detected as %1%2, not chosen. Save it "
                                     "encoded that way?")
                                      .arg(tr(formatInfo(m_pane->format()).label), codec)) !=
            QMessageBox::Yes)
            return;
        m_pane->confirmRule();
    }
    const quint64 generation = m_generation;
    m_save->setEnabled(false);
    m_status->setText(tr("Saving…"));
    m_pane->encodeEdited(this, [this, generation](const Result<QByteArray> &bytes) {
        if (generation != m_generation) return;
        if (!bytes.ok()) {
            m_status->setText(tr("Not saved: %1").arg(bytes.error));
            updateSaveButton();
            return;
        }
        const QByteArray value = bytes.value;
        writeChecked(
            value,
            [this, key = m_key, seen = m_value, value](bool force, EditDone done) {
                m_values.replaceString(key, seen, value, force, this, std::move(done));
            },
            [this, value] {
                m_value = value;
                m_pretty.clear();
                m_notJson.clear();
                m_size = value.size();
                m_sizeLabel->setText(QLocale().formattedDataSize(m_size));
                m_pane->markSaved(value);
            });
    });
}

} // namespace redscope
