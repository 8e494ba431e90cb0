// StringValueView: one string value as text (editable, saved with SET ... KEEPTTL so the TTL
// survives), as pretty-printed and highlighted JSON when it parses, or as a hex dump. Saves are
// optimistic (ValueService::replaceString, patchString): when the value changed on the server
// since it was read, the user is asked (overwrite, reload, cancel: ConflictQuestion). The value
// is read with GETRANGE in 256 KB chunks, so a large string never blocks the window in one
// reply, and progress is shown while it arrives. Binary values open in hex and are not edited
// as text (a UTF-8 round trip would corrupt them).
// A large value never freezes the window: UTF-8 check, JSON validation and pretty-printing
// (JsonPrettyPrinter: one pass, keys in the document's order) run on a QtConcurrent worker,
// which hands over the first screen of JSON as soon as it is written, so it is on screen while
// the rest is formatted; the text goes into the editor a slice per event-loop turn, and JSON
// colours are applied only to the lines on screen, when they are painted (a QSyntaxHighlighter
// would colour all 100k lines up front).
// Decoded mode shows the value through a DecoderPane (compression, MessagePack, Protobuf,
// pickle, PHP, images, custom commands, hex and bits of any size): a value is opened there
// when the decoder remembered for its key pattern says so, or when detection finds a codec
// header or a binary format. A value larger than the user's whole-value limit (Preferences)
// is never read whole unasked: STRLEN, then GETRANGE pages as the hex view scrolls
// (RangedByteSource), and a decoder that needs all of it asks first. The hex and bits views
// edit bytes in place at any size; those edits are saved as byte patches (SETRANGE).
#pragma once

#include "values/decoders/decoder_settings.h"
#include "values/value_service.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace redscope {

class DecoderPane;
class RangedByteSource;
class RedisConnection;
class RedisValue;

class StringValueView : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { Text, Json, Hex, Decoded };
    static constexpr int kChunkBytes = 256 * 1024;
    static constexpr int kHexLimit = 64 * 1024;
    static constexpr int kFirstSliceChars = 32 * 1024; // about two screens of JSON
    static constexpr int kSliceChars = 128 * 1024;     // appended per event-loop turn

    // What the worker finds out about a loaded value.
    struct Analysis
    {
        bool utf8 = true;
        bool json = false;        // an object or an array
        QString pretty;           // indented JSON when json, keys in the document's order
        QString notJson;          // why not, when not json
        bool firstScreen = false; // pretty holds only the first screen; more is coming
        bool decode = false;      // compressed or a binary format: open in the decoder pane
    };

    explicit StringValueView(RedisConnection *connection, QWidget *parent = nullptr);

    void load(const QByteArray &key);
    QByteArray value() const { return m_value; }
    // The bytes are here and the first screen of the text is shown (for large JSON, possibly
    // while the worker still formats the rest: isRendered() says when all is in).
    bool isLoaded() const { return m_loaded; }
    // All of the text is in the editor.
    bool isRendered() const { return m_loaded && !m_formatting && m_pendingText.isEmpty(); }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    QPlainTextEdit *editor() const { return m_editor; }
    DecoderPane *decoderPane() const { return m_pane; }
    // The value is bigger than the whole-value limit: shown in ranges, never read whole unasked.
    bool isRanged() const { return m_ranged; }
    qint64 size() const { return m_size; }
    void save();
    // Reads all of a ranged value (asks first: it is above the limit); then every decoder works.
    void loadWholeValue(bool ask = true);

signals:
    void failed(const QString &error);
    void changed();

private:
    using EditDone = std::function<void(const Result<EditOutcome> &)>;
    using Write = std::function<void(bool force, EditDone done)>;
    void writeChecked(const QByteArray &yours, Write write, std::function<void()> saved);
    void onWritten(quint64 generation, const Result<EditOutcome> &outcome, const QByteArray &yours,
                   const Write &write, const std::function<void()> &saved);
    void openRanged(quint64 generation);
    void rememberRule(const DecoderRule &rule);
    void saveDecoded();
    void requestChunks(quint64 generation);
    void analyseLoaded(quint64 generation);
    void onFirstScreen(quint64 generation, int index);
    void onAnalysed(quint64 generation);
    void render();
    void showText(const QString &text);
    void appendSlice();
    void updateSaveButton();

    ValueService m_values;
    QByteArray m_key;
    QByteArray m_value;
    qint64 m_size = 0;
    bool m_loaded = false;
    bool m_formatting = false; // the first screen of JSON is shown, the worker is still going
    bool m_utf8 = true;
    Mode m_mode = Mode::Text;
    quint64 m_generation = 0;
    QString m_pretty;      // from the worker; empty unless the value is a JSON object or array
    QString m_notJson;     // from the worker: why the value is not shown as JSON
    QString m_pendingText; // what showText() still has to append
    qsizetype m_pendingPos = 0;
    QTimer m_sliceTimer;
    QFutureWatcher<Analysis> m_analysis;
    quint64 m_analysisGeneration = 0;

    QComboBox *m_modeBox;
    QLabel *m_sizeLabel;
    QLabel *m_status;
    QPushButton *m_save;
    QPlainTextEdit *m_editor;
    QStackedWidget *m_pages;
    DecoderPane *m_pane;
    bool m_ranged = false;
    bool m_paneHasValue = false; // m_pane shows m_value (given when Decoded is first shown)
    RangedByteSource *m_source = nullptr; // ranged values; replaced on each load
    class VisibleJsonHighlighter *m_highlighter;
};

} // namespace redscope
