// Editing strings in the string view, offscreen against a real server (redis-server and the
// Local engine, BOTH_BACKENDS): a text save when a second client changed the value since it was
// read asks the conflict question, and each answer does what it says (cancel keeps the edit
// and writes nothing, reload shows theirs, overwrite writes mine); a save nobody raced is
// written without a question. The hex view overwrites bytes in the hex and the ASCII columns,
// the bits view toggles bits, edited bytes are marked until saved, undo and redo step through
// them, and the save writes exactly those bytes: checked byte by byte on the server, for a
// small value and for a value above the whole-value limit, read and patched in ranges.
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_backend.h"
#include "values/conflict_question.h"
#include "values/decoders/byte_view.h"
#include "values/decoders/decoder_pane.h"
#include "values/decoders/decoder_settings.h"
#include "values/string_value_view.h"

#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestBackend;

class TstStringEdits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void textSaveAsksWhenTheValueChangedMeanwhile();
    void hexAndAsciiOverwriteBytesWithUndo();
    void bitsToggleAndSaveByteExact();
    void rangedValueIsPatchedInPlace();
    void hexSaveAsksWhenItsBytesChangedMeanwhile();

private:
    void open(const QByteArray &key);
    // As the user would: replaces the editor's text through the cursor (an undoable edit).
    void type(const QString &text)
    {
        m_view->editor()->selectAll();
        m_view->editor()->insertPlainText(text);
    }
    void setDecoder(Format format);
    QByteArray get(const QByteArray &key);
    void setRaw(const QByteArray &key, const QByteArray &value);
    QPushButton *saveButton() const
    {
        for (QPushButton *b : m_view->findChildren<QPushButton *>())
            if (b->text() == StringValueView::tr("Save")) return b;
        return nullptr;
    }

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisTestClient> m_client;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<StringValueView> m_view;
    QTemporaryDir m_settingsDir;
    QList<ConflictQuestion> m_questions;
    ConflictChoice m_choice = ConflictChoice::Cancel;
};

void TstStringEdits::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // The redis-server and Local engine runs of this suite go in parallel: each keeps its
    // decoder settings in a file of its own (a shared one let one run's clear() undo the
    // other's whole-value limit in the middle of a test).
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_client = m_server->client();
    QVERIFY(m_client->connected());
    setConflictAnswer([this](QWidget *, const ConflictQuestion &question) {
        m_questions.append(question);
        return m_choice;
    });
}

void TstStringEdits::cleanupTestCase()
{
    setConflictAnswer({});
}

void TstStringEdits::init()
{
    QSettings().clear();
    m_questions.clear();
    m_connection = std::make_unique<RedisConnection>(m_server->settings());
    m_view = std::make_unique<StringValueView>(m_connection.get());
    m_view->resize(1000, 600);
    m_view->show();
    m_connection->connectToServer();
    QTRY_VERIFY(m_connection->state() == RedisConnection::State::Ready);
}

void TstStringEdits::cleanup()
{
    m_view.reset();
    m_connection.reset();
    DecoderSettings::setWholeValueLimit(DecoderSettings::kDefaultWholeValueLimit);
}

void TstStringEdits::open(const QByteArray &key)
{
    m_view->load(key);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->isLoaded(), 20000);
    QTRY_VERIFY(m_view->isRendered() || m_view->isRanged());
}

void TstStringEdits::setDecoder(Format format)
{
    m_view->setMode(StringValueView::Mode::Decoded);
    QComboBox *box = m_view->decoderPane()->formatBox();
    const int row = box->findData(int(format));
    box->setCurrentIndex(row);
    emit box->activated(row);
    QCOMPARE(m_view->decoderPane()->format(), format);
}

QByteArray TstStringEdits::get(const QByteArray &key)
{
    const RedisTestClient::Reply reply = m_client->command({"GET", key.toStdString()});
    if (!reply || reply->type != REDIS_REPLY_STRING) return "<not a string>";
    return QByteArray(reply->str, qsizetype(reply->len));
}

void TstStringEdits::setRaw(const QByteArray &key, const QByteArray &value)
{
    QVERIFY(m_client->command({"SET", key.toStdString(), value.toStdString()}));
}

void TstStringEdits::textSaveAsksWhenTheValueChangedMeanwhile()
{
    setRaw("t:key", "as read");
    open("t:key");
    QCOMPARE(m_view->mode(), StringValueView::Mode::Text);
    QPushButton *save = saveButton();
    QVERIFY(save);

    // Nobody raced: written, no question.
    type(QStringLiteral("first"));
    QTRY_VERIFY(save->isEnabled());
    save->click();
    QTRY_COMPARE(get("t:key"), QByteArray("first"));
    // The view has taken its own write in (the server may show it before the EXEC reply is
    // handled): only then does the next edit start from "first".
    QTRY_VERIFY(!m_view->editor()->document()->isModified());
    QVERIFY(m_questions.isEmpty());

    // A second client writes; Cancel: nothing written, my edit stays and can be saved again.
    setRaw("t:key", "theirs");
    type(QStringLiteral("mine"));
    m_choice = ConflictChoice::Cancel;
    save->click();
    QTRY_COMPARE(m_questions.size(), 1);
    QCOMPARE(m_questions.at(0).theirs, QByteArray("theirs"));
    QCOMPARE(m_questions.at(0).yours, QByteArray("mine"));
    QVERIFY(!m_questions.at(0).gone);
    QCOMPARE(get("t:key"), QByteArray("theirs"));
    QCOMPARE(m_view->editor()->toPlainText(), QStringLiteral("mine"));
    QTRY_VERIFY(save->isEnabled());

    // Overwrite: mine is written.
    m_choice = ConflictChoice::Overwrite;
    save->click();
    QTRY_COMPARE(get("t:key"), QByteArray("mine"));
    QTRY_VERIFY(!m_view->editor()->document()->isModified());
    QCOMPARE(m_questions.size(), 2);

    // Reload: theirs is shown, my edit is dropped.
    setRaw("t:key", "theirs again");
    type(QStringLiteral("mine again"));
    m_choice = ConflictChoice::Reload;
    save->click();
    QTRY_COMPARE(m_questions.size(), 3);
    QTRY_COMPARE(m_view->editor()->toPlainText(), QStringLiteral("theirs again"));
    QCOMPARE(get("t:key"), QByteArray("theirs again"));

    // Deleted meanwhile: the question says it is gone.
    m_client->run({"DEL", "t:key"});
    type(QStringLiteral("back"));
    m_choice = ConflictChoice::Cancel;
    save->click();
    QTRY_COMPARE(m_questions.size(), 4);
    QVERIFY(m_questions.at(3).gone);
    QCOMPARE(m_client->run({"EXISTS", "t:key"}), std::string(":0"));
}

void TstStringEdits::hexAndAsciiOverwriteBytesWithUndo()
{
    const QByteArray value("\x01\x02\x03\x04hello world\xff\xfe", 17);
    setRaw("h:key", value);
    open("h:key");
    setDecoder(Format::Hex);
    DecoderPane *pane = m_view->decoderPane();
    ByteView *bytes = pane->byteView();
    QVERIFY(bytes->isVisible());
    QVERIFY(bytes->isEditable());
    QVERIFY(!pane->isModified());

    // Hex column: "aabb" over bytes 1 and 2.
    bytes->setCursorOffset(1);
    QVERIFY(bytes->typeText(QStringLiteral("aabb")));
    QCOMPARE(bytes->edits().count(), 2);
    QVERIFY(bytes->edits().contains(1) && bytes->edits().contains(2));
    QVERIFY(pane->isModified());
    QVERIFY(bytes->visibleLines().value(0).startsWith(QStringLiteral("00000000  01 aa bb 04")));
    // ASCII column: "HE" over "he" (offsets 4, 5), by real key presses.
    bytes->setFocus();
    bytes->setCursorOffset(4, true);
    QTest::keyClicks(bytes, QStringLiteral("HE"));
    QCOMPARE(bytes->edits().count(), 4);
    QVERIFY(bytes->visibleLines().value(0).contains(QStringLiteral("|....HEllo world")));
    // Undo the last key, redo it, undo it again: three edited bytes stay.
    QTest::keySequence(bytes, QKeySequence::Undo);
    QCOMPARE(bytes->edits().count(), 3);
    QTest::keySequence(bytes, QKeySequence::Redo);
    QCOMPARE(bytes->edits().count(), 4);
    QVERIFY(bytes->undo());
    QCOMPARE(bytes->edits().count(), 3);
    // Typing a byte back to what it was is no edit.
    bytes->setCursorOffset(2);
    bytes->typeText(QStringLiteral("03"));
    QCOMPARE(bytes->edits().count(), 2);

    QPushButton *save = saveButton();
    QTRY_VERIFY(save->isEnabled());
    save->click();
    QTRY_VERIFY(!pane->isModified());
    QByteArray expected = value;
    expected[1] = '\xaa';
    expected[4] = 'H';
    QCOMPARE(get("h:key"), expected);
    QVERIFY(m_questions.isEmpty());
    QCOMPARE(bytes->edits().count(), 0);
    QVERIFY(bytes->visibleLines().value(0).startsWith(QStringLiteral("00000000  01 aa 03 04")));
}

void TstStringEdits::bitsToggleAndSaveByteExact()
{
    const QByteArray value("\x00\x0f\xf0\xff", 4);
    setRaw("b:key", value);
    open("b:key");
    setDecoder(Format::Binary);
    ByteView *bits = m_view->decoderPane()->byteView();
    QCOMPARE(bits->kind(), ByteView::Kind::Bits);
    QVERIFY(bits->isEditable());
    QVERIFY(bits->toggleBit(0, 0)); // 0x00 -> 0x80
    QVERIFY(bits->toggleBit(3, 7)); // 0xff -> 0xfe
    bits->setCursorOffset(1);       // bit 0 of 0x0f: type 1, then 0 over bit 1 (already 0)
    bits->typeText(QStringLiteral("10"));
    QCOMPARE(bits->edits().count(), 3);
    QVERIFY(bits->visibleLines().value(0).startsWith(
        QStringLiteral("00000000  10000000 10001111 11110000 11111110")));
    saveButton()->click();
    QTRY_VERIFY(!m_view->decoderPane()->isModified());
    QCOMPARE(get("b:key"), QByteArray("\x80\x8f\xf0\xfe", 4));
}

void TstStringEdits::rangedValueIsPatchedInPlace()
{
    DecoderSettings::setWholeValueLimit(256 * 1024);
    // 2 MB: read in 64 KB pages; the edit goes near the end, the check and write are ranges.
    QByteArray value(2 * 1024 * 1024, '\0');
    for (qsizetype i = 0; i < value.size(); ++i)
        value[i] = char((i * 13) & 0xff);
    setRaw("r:key", value);
    open("r:key");
    QVERIFY(m_view->isRanged());
    DecoderPane *pane = m_view->decoderPane();
    ByteView *bytes = pane->byteView();
    QVERIFY(bytes->isEditable());
    const qint64 at = value.size() - 40;
    bytes->setCursorOffset(at);
    // The page under the cursor arrives, then the typing overwrites it.
    QTRY_VERIFY(!bytes->visibleLines().isEmpty() &&
                !bytes->visibleLines().constFirst().endsWith(QStringLiteral("…")));
    QVERIFY(bytes->typeText(QStringLiteral("c0ffee")));
    QCOMPARE(bytes->edits().patches().size(), 1);
    QPushButton *save = saveButton();
    QTRY_VERIFY(save->isEnabled());
    save->click();
    QTRY_VERIFY(!pane->isModified());
    QByteArray expected = value;
    expected.replace(at, 3, QByteArray("\xc0\xff\xee", 3));
    const QByteArray server = get("r:key");
    QCOMPARE(server.size(), expected.size());
    QVERIFY(server == expected);
    // The view shows what was saved without reading it again.
    const QString row = QStringLiteral("%1").arg(at / 16 * 16, 8, 16, QLatin1Char('0'));
    bool shown = false;
    for (const QString &line : bytes->visibleLines())
        shown = shown || (line.startsWith(row) && line.contains(QStringLiteral("c0 ff ee")));
    QVERIFY(shown);
}

void TstStringEdits::hexSaveAsksWhenItsBytesChangedMeanwhile()
{
    setRaw("c:key", "0123456789");
    open("c:key");
    setDecoder(Format::Hex);
    ByteView *bytes = m_view->decoderPane()->byteView();
    bytes->setCursorOffset(3, true);
    bytes->typeText(QStringLiteral("XY"));
    // A second client overwrites byte 4, one of mine.
    m_client->run({"SETRANGE", "c:key", "4", "#"});
    m_choice = ConflictChoice::Cancel;
    saveButton()->click();
    QTRY_COMPARE(m_questions.size(), 1);
    QCOMPARE(m_questions.at(0).theirs, QByteArray("3#"));
    QCOMPARE(m_questions.at(0).yours, QByteArray("XY"));
    QCOMPARE(get("c:key"), QByteArray("0123#56789"));
    QCOMPARE(bytes->edits().count(), 2); // kept
    m_choice = ConflictChoice::Overwrite;
    saveButton()->click();
    QTRY_COMPARE(get("c:key"), QByteArray("012XY56789"));
    QCOMPARE(m_questions.size(), 2);
}

QTEST_MAIN(TstStringEdits)
#include "tst_string_edits.moc"
