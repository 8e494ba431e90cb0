// StringValueView: loading is a chain of GETRANGE replies guarded by a generation number;
// rendering happens once the whole value is here (Text/JSON/Hex from the same bytes).
#include "string_value_view.h"

#include "redis_connection.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStringDecoder>
#include <QSyntaxHighlighter>
#include <QVBoxLayout>

namespace redscope {

// Colours JSON tokens; only attached while the JSON view is shown.
class JsonHighlighter : public QSyntaxHighlighter
{
public:
    explicit JsonHighlighter(QTextDocument *document)
        : QSyntaxHighlighter(document)
    {
        m_key.setForeground(QColor(0x88, 0x1f, 0x9a));
        m_string.setForeground(QColor(0x1b, 0x7f, 0x3b));
        m_number.setForeground(QColor(0x15, 0x65, 0xc0));
        m_literal.setForeground(QColor(0xb3, 0x5c, 0x00));
    }
    void setActive(bool active)
    {
        m_active = active;
        rehighlight();
    }

protected:
    void highlightBlock(const QString &text) override
    {
        if (!m_active) return;
        static const QRegularExpression string(QStringLiteral(R"("(?:[^"\\]|\\.)*"(\s*:)?)"));
        static const QRegularExpression number(QStringLiteral(R"(-?\b\d+(\.\d+)?([eE][+-]?\d+)?\b)"));
        static const QRegularExpression literal(QStringLiteral(R"(\b(true|false|null)\b)"));
        for (auto it = number.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), m_number);
        }
        for (auto it = literal.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), m_literal);
        }
        for (auto it = string.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()),
                      m.capturedLength(1) > 0 ? m_key : m_string);
        }
    }

private:
    bool m_active = false;
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

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
    , m_connection(connection)
    , m_modeBox(new QComboBox(this))
    , m_sizeLabel(new QLabel(this))
    , m_status(new QLabel(this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_editor(new QPlainTextEdit(this))
{
    m_modeBox->setObjectName(QStringLiteral("stringMode"));
    m_modeBox->addItem(tr("Text"), int(Mode::Text));
    m_modeBox->addItem(tr("JSON"), int(Mode::Json));
    m_modeBox->addItem(tr("Hex"), int(Mode::Hex));
    m_sizeLabel->setObjectName(QStringLiteral("stringSize"));
    m_status->setObjectName(QStringLiteral("stringStatus"));
    m_save->setObjectName(QStringLiteral("stringSave"));
    m_save->setEnabled(false);
    m_editor->setObjectName(QStringLiteral("stringEditor"));
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_editor->setFont(mono);
    m_editor->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_highlighter = new JsonHighlighter(m_editor->document());

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("View as"), this));
    bar->addWidget(m_modeBox);
    bar->addWidget(m_sizeLabel);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_editor, 1);

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
    m_size = 0;
    m_loaded = false;
    const quint64 generation = ++m_generation;
    m_editor->clear();
    m_editor->setReadOnly(true);
    m_sizeLabel->clear();
    m_status->setText(tr("Loading…"));
    updateSaveButton();
    if (!m_connection) return;
    m_connection->send({"STRLEN", key}, [this, generation](const RedisValue &reply) {
        if (generation != m_generation) return;
        if (reply.isError()) {
            m_status->setText(reply.text());
            emit failed(reply.text());
            return;
        }
        m_size = reply.toInteger();
        m_value.reserve(m_size);
        requestChunk(generation);
    });
}

void StringValueView::requestChunk(quint64 generation)
{
    if (m_value.size() >= m_size) {
        m_loaded = true;
        const QStringDecoder::Flags flags = QStringDecoder::Flag::Stateless;
        QStringDecoder decoder(QStringDecoder::Utf8, flags);
        (void)QString(decoder(m_value));
        m_utf8 = !decoder.hasError();
        QJsonParseError error{};
        const QJsonDocument json = QJsonDocument::fromJson(m_value, &error);
        Mode mode = m_utf8 ? Mode::Text : Mode::Hex;
        if (error.error == QJsonParseError::NoError && (json.isObject() || json.isArray()))
            mode = Mode::Json;
        m_sizeLabel->setText(QLocale().formattedDataSize(m_size));
        m_status->clear();
        setMode(mode);
        return;
    }
    const qint64 start = m_value.size();
    const qint64 end = qMin(m_size, start + kChunkBytes) - 1;
    m_status->setText(tr("Loading %1 of %2…")
                          .arg(QLocale().formattedDataSize(start),
                               QLocale().formattedDataSize(m_size)));
    m_connection->send({"GETRANGE", m_key, QByteArray::number(start), QByteArray::number(end)},
                       [this, generation](const RedisValue &reply) {
                           if (generation != m_generation) return;
                           if (reply.isError()) {
                               m_status->setText(reply.text());
                               emit failed(reply.text());
                               return;
                           }
                           if (reply.bytes().isEmpty()) m_size = m_value.size(); // shrank
                           m_value += reply.bytes();
                           requestChunk(generation);
                       });
}

void StringValueView::setMode(Mode mode)
{
    m_mode = mode;
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode)));
    if (m_loaded) render();
}

void StringValueView::render()
{
    m_highlighter->setActive(false);
    switch (m_mode) {
    case Mode::Text:
        m_editor->setPlainText(QString::fromUtf8(m_value));
        m_editor->setReadOnly(!m_utf8);
        m_status->setText(m_utf8 ? QString() : tr("Binary value: shown read-only"));
        break;
    case Mode::Json: {
        QJsonParseError error{};
        const QJsonDocument json = QJsonDocument::fromJson(m_value, &error);
        if (error.error != QJsonParseError::NoError) {
            m_editor->setPlainText(QString::fromUtf8(m_value));
            m_status->setText(tr("Not valid JSON: %1 at offset %2")
                                  .arg(error.errorString())
                                  .arg(error.offset));
        } else {
            // Colouring costs more than the text itself; past 256 KB it is left plain.
            m_editor->setPlainText(QString::fromUtf8(json.toJson(QJsonDocument::Indented)));
            if (m_value.size() <= kHighlightLimit) m_highlighter->setActive(true);
            m_status->setText(tr("Valid JSON (edit in Text view)"));
        }
        m_editor->setReadOnly(true);
        break;
    }
    case Mode::Hex:
        m_editor->setPlainText(hexDump(m_value, kHexLimit));
        m_editor->setReadOnly(true);
        m_status->clear();
        break;
    }
    m_editor->document()->setModified(false);
    updateSaveButton();
}

void StringValueView::updateSaveButton()
{
    m_save->setEnabled(m_loaded && m_mode == Mode::Text && m_utf8 &&
                       m_editor->document()->isModified());
}

void StringValueView::save()
{
    if (!m_connection || !m_loaded || m_mode != Mode::Text) return;
    const QByteArray text = m_editor->toPlainText().toUtf8();
    const quint64 generation = m_generation;
    m_save->setEnabled(false);
    m_status->setText(tr("Saving…"));
    m_connection->send({"SET", m_key, text, "KEEPTTL"},
                       [this, generation, text](const RedisValue &reply) {
                           if (generation != m_generation) return;
                           if (reply.isError()) {
                               m_status->setText(tr("Not saved"));
                               updateSaveButton();
                               emit failed(reply.text());
                               return;
                           }
                           m_value = text;
                           m_size = text.size();
                           m_sizeLabel->setText(QLocale().formattedDataSize(m_size));
                           m_editor->document()->setModified(false);
                           m_status->setText(tr("Saved"));
                           updateSaveButton();
                           emit changed();
                       });
}

} // namespace redscope
