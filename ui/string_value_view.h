// StringValueView: one string value as text (editable, saved with SET ... KEEPTTL so the TTL
// survives), as pretty-printed and highlighted JSON when it parses, or as a hex dump. The value
// is read with GETRANGE in 256 KB chunks, so a large string never blocks the window in one
// reply, and progress is shown while it arrives. Binary values open in hex and are not edited
// as text (a UTF-8 round trip would corrupt them).
#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace redscope {

class RedisConnection;
class RedisValue;

class StringValueView : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { Text, Json, Hex };
    static constexpr int kChunkBytes = 256 * 1024;
    static constexpr int kHexLimit = 64 * 1024;
    static constexpr int kHighlightLimit = 256 * 1024;

    explicit StringValueView(RedisConnection *connection, QWidget *parent = nullptr);

    void load(const QByteArray &key);
    QByteArray value() const { return m_value; }
    bool isLoaded() const { return m_loaded; }
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    QPlainTextEdit *editor() const { return m_editor; }
    void save();

signals:
    void failed(const QString &error);
    void changed();

private:
    void requestChunk(quint64 generation);
    void render();
    void updateSaveButton();

    QPointer<RedisConnection> m_connection;
    QByteArray m_key;
    QByteArray m_value;
    qint64 m_size = 0;
    bool m_loaded = false;
    bool m_utf8 = true;
    Mode m_mode = Mode::Text;
    quint64 m_generation = 0;

    QComboBox *m_modeBox;
    QLabel *m_sizeLabel;
    QLabel *m_status;
    QPushButton *m_save;
    QPlainTextEdit *m_editor;
    class JsonHighlighter *m_highlighter;
};

} // namespace redscope
