// The string view's decoders on the offscreen platform against a real redis-server
// (test_backend.h): a gzip-compressed JSON value opens as a tree, is edited, saved (after the
// user confirms the detected decoder), re-compressed and checked byte-exact on the server; a
// decoder picked for one key is remembered for its pattern; a value above the whole-value
// limit is read in GETRANGE pages, scrolled to its end in hex and searched, with memory held
// to the page cache; MessagePack, Protobuf and images show through the same pane.
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_backend.h"
#include "values/decoders/byte_source.h"
#include "values/decoders/byte_view.h"
#include "values/decoders/compression.h"
#include "values/decoders/decoder_pane.h"
#include "values/decoders/decoder_settings.h"
#include "values/decoders/formats.h"
#include "values/decoders/json_tree_model.h"
#include "values/string_value_view.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestBackend;

static QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(REDSCOPE_DECODER_FIXTURES "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly)) qFatal("missing fixture %s", name);
    return file.readAll();
}

class TstStringDecoders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void jsonTreeModelPassesTheTester();
    void gzipJsonIsATreeEditedAndSavedRecompressed();
    void aPickedDecoderIsRememberedForTheKeyPattern();
    void messagePackAndProtobufAndImages();
    void bigStringIsReadInRangesAndScrolledInHex();

private:
    void open(const QByteArray &key);
    void set(const QByteArray &key, const QByteArray &value);
    QByteArray get(const QByteArray &key);

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisTestClient> m_client;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<StringValueView> m_view;
    QTemporaryDir m_settingsDir;
};

void TstStringDecoders::initTestCase()
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
}

void TstStringDecoders::init()
{
    QSettings().clear();
    m_connection = std::make_unique<RedisConnection>(m_server->settings());
    m_view = std::make_unique<StringValueView>(m_connection.get());
    m_view->resize(1000, 600);
    m_view->show();
    m_connection->connectToServer();
    QTRY_VERIFY(m_connection->state() == RedisConnection::State::Ready);
}

void TstStringDecoders::cleanup()
{
    m_view.reset();
    m_connection.reset();
}

void TstStringDecoders::set(const QByteArray &key, const QByteArray &value)
{
    QCOMPARE(m_client->run({"SET", key.toStdString(), value.toStdString()}), std::string("+OK"));
}

QByteArray TstStringDecoders::get(const QByteArray &key)
{
    const RedisTestClient::Reply reply = m_client->command({"GET", key.toStdString()});
    if (!reply || reply->type != REDIS_REPLY_STRING) return "<not a string>";
    return QByteArray(reply->str, qsizetype(reply->len));
}

void TstStringDecoders::open(const QByteArray &key)
{
    m_view->load(key);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->isLoaded(), 20000);
    QTRY_VERIFY(m_view->isRendered() || m_view->isRanged());
}

void TstStringDecoders::jsonTreeModelPassesTheTester()
{
    JsonNode doc;
    QByteArray json = R"({"a":[)";
    for (int i = 0; i < 2500; ++i)
        json += (i ? "," : "") + QByteArray::number(i);
    json += R"(],"b":{"c":null,"d":"x"},"e":1.5})";
    QVERIFY(parseJson(json, &doc, nullptr));
    {
        // Children are made when asked for, a batch at a time.
        JsonTreeModel model;
        model.setDocument(doc);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex root = model.index(0, 0);
        QVERIFY(model.hasChildren(root));
        QCOMPARE(model.rowCount(root), 0);
        model.fetchMore(root);
        QCOMPARE(model.rowCount(root), 3);
        const QModelIndex a = model.index(0, 0, root);
        model.fetchMore(a);
        QCOMPARE(model.rowCount(a), JsonTreeModel::kBatch);
    }
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setDocument(doc);
    const QModelIndex root = model.index(0, 0);
    while (model.canFetchMore(root))
        model.fetchMore(root);
    QCOMPARE(model.rowCount(root), 3);
    const QModelIndex a = model.index(0, 0, root);
    QCOMPARE(a.data().toString(), QStringLiteral("a"));
    while (model.canFetchMore(a))
        model.fetchMore(a);
    QCOMPARE(model.rowCount(a), 2500);
    QCOMPARE(model.index(2499, 1, a).data().toString(), QStringLiteral("2499"));
    QCOMPARE(model.index(2, 2, root).data().toString(), QStringLiteral("number"));
    QCOMPARE(model.parent(model.index(5, 0, a)), a.siblingAtColumn(0));
    model.setDocument(JsonNode::fromInt(7)); // replaced: remove, then insert
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!model.hasChildren(model.index(0, 0)));
}

void TstStringDecoders::gzipJsonIsATreeEditedAndSavedRecompressed()
{
    const QByteArray gz = fixture("plain.json.gz"); // made by gzip -9
    set("cfg:gz", gz);
    open("cfg:gz");
    DecoderPane *pane = m_view->decoderPane();
    QCOMPARE(m_view->mode(), StringValueView::Mode::Decoded);
    QCOMPARE(pane->codec(), Codec::Gzip);
    QCOMPARE(pane->format(), Format::Json);
    QVERIFY(!pane->isConfirmed()); // detected, not chosen
    QVERIFY(pane->treeView()->isVisible());
    JsonTreeModel *tree = pane->treeModel();
    const QModelIndex root = tree->index(0, 0);
    QTRY_COMPARE(tree->rowCount(root), 3); // expanded: user, roles, n
    QCOMPARE(tree->index(0, 0, root).data().toString(), QStringLiteral("user"));
    QCOMPARE(tree->index(0, 1, root).data().toString(), QStringLiteral("ada"));
    QCOMPARE(tree->index(1, 2, root).data().toString(), QStringLiteral("array"));
    QCOMPARE(pane->jsonEditor()->toPlainText(),
             QStringLiteral("{\n    \"user\": \"ada\",\n    \"roles\": [\n        \"admin\",\n"
                            "        \"dev\"\n    ],\n    \"n\": 3\n}"));

    auto *save = m_view->findChild<QPushButton *>(QStringLiteral("stringSave"));
    QVERIFY(!save->isEnabled());
    // An invalid edit is refused before anything is written.
    pane->jsonEditor()->selectAll();
    pane->jsonEditor()->insertPlainText(QStringLiteral("{\"user\": \"grace\",}"));
    QVERIFY(save->isEnabled());
    bool asked = false;
    QTimer::singleShot(0, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("JSON, compressed with gzip")),
                 qPrintable(box->text()));
        box->button(QMessageBox::Yes)->click();
        asked = true;
    });
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(asked);
    auto *status = m_view->findChild<QLabel *>(QStringLiteral("stringStatus"));
    QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Not saved: not valid JSON")),
                 qPrintable(status->text()));
    QCOMPARE(get("cfg:gz"), gz);
    QVERIFY(pane->isConfirmed()); // asked once

    pane->jsonEditor()->selectAll();
    pane->jsonEditor()->insertPlainText(
        QStringLiteral("{\n  \"user\": \"grace\",\n  \"roles\": [\"admin\"],\n  \"n\": 4\n}"));
    QTest::mouseClick(save, Qt::LeftButton); // confirmed already: no question
    QTRY_COMPARE(status->text(), QStringLiteral("Saved"));
    const QByteArray stored = get("cfg:gz");
    const QByteArray expectedJson = R"({"user":"grace","roles":["admin"],"n":4})";
    QCOMPARE(stored.toHex(), compress(Codec::Gzip, expectedJson).value.toHex());
    QCOMPARE(detectCodec(stored), Codec::Gzip);
    QCOMPARE(decompress(Codec::Gzip, stored).value, expectedJson);
    // And what is shown is what was saved.
    QTRY_COMPARE(tree->index(0, 1, tree->index(0, 0)).data().toString(), QStringLiteral("grace"));
    QVERIFY(!save->isEnabled());
}

void TstStringDecoders::aPickedDecoderIsRememberedForTheKeyPattern()
{
    set("event:1", fixture("order.pb"));
    set("event:2", fixture("order.pb"));
    open("event:1");
    QCOMPARE(m_view->mode(), StringValueView::Mode::Hex); // not UTF-8, nothing detected
    m_view->setMode(StringValueView::Mode::Decoded);
    DecoderPane *pane = m_view->decoderPane();
    QCOMPARE(pane->format(), Format::Hex);
    const int row = pane->formatBox()->findData(int(Format::ProtobufRaw));
    QVERIFY(row >= 0);
    pane->formatBox()->setCurrentIndex(row);
    emit pane->formatBox()->activated(row);
    QCOMPARE(pane->format(), Format::ProtobufRaw);
    QVERIFY(pane->isDecoded());
    QVERIFY(writeJson(pane->treeModel()->document(), false)
                .startsWith(R"({"1":1234567890123,"2":"Ada",)"));
    const auto rule = DecoderSettings(m_server->settings().name).ruleFor("event:99");
    QVERIFY(rule.has_value());
    QCOMPARE(rule->pattern, QStringLiteral("event:*"));
    QCOMPARE(rule->format, Format::ProtobufRaw);

    open("event:2");
    QCOMPARE(m_view->mode(), StringValueView::Mode::Decoded);
    QCOMPARE(pane->format(), Format::ProtobufRaw);
    QVERIFY(pane->isConfirmed());
    QVERIFY(pane->isDecoded());
    QVERIFY(!pane->isEditable()); // no schema: read-only

    // Typed, with the user's .proto: editable, written back as Protobuf.
    DecoderRule typed;
    typed.pattern = QStringLiteral("event:*");
    typed.format = Format::ProtobufTyped;
    typed.options.protoFiles = {QStringLiteral(REDSCOPE_DECODER_FIXTURES "/shop.proto")};
    typed.options.messageType = QStringLiteral("shop.Order");
    DecoderSettings(m_server->settings().name).remember(typed);
    open("event:2");
    QCOMPARE(pane->format(), Format::ProtobufTyped);
    QVERIFY2(pane->isDecoded(), qPrintable(pane->errorText()));
    QVERIFY(pane->jsonEditor()->toPlainText().contains(QStringLiteral("\"customer\": \"Ada\"")));
    QString text = pane->jsonEditor()->toPlainText();
    text.replace(QStringLiteral("\"Ada\""), QStringLiteral("\"Grace\""));
    pane->jsonEditor()->selectAll();
    pane->jsonEditor()->insertPlainText(text);
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("stringSave")),
                      Qt::LeftButton);
    auto *status = m_view->findChild<QLabel *>(QStringLiteral("stringStatus"));
    QTRY_COMPARE(status->text(), QStringLiteral("Saved"));
    QByteArray expected = fixture("order.pb");
    expected.replace(QByteArray("\x12\x03"
                                "Ada",
                                5),
                     QByteArray("\x12\x05"
                                "Grace",
                                7));
    QCOMPARE(get("event:2").toHex(), expected.toHex());
}

void TstStringDecoders::messagePackAndProtobufAndImages()
{
    set("mp:1", fixture("msgpack_map.bin"));
    open("mp:1");
    DecoderPane *pane = m_view->decoderPane();
    QCOMPARE(m_view->mode(), StringValueView::Mode::Decoded);
    QCOMPARE(pane->format(), Format::MessagePack);
    QVERIFY(pane->jsonEditor()->toPlainText().contains(QStringLiteral("\"name\": \"Zoë\"")));

    set("pickle:1", fixture("pickle_p4.pkl"));
    open("pickle:1");
    QCOMPARE(pane->format(), Format::Pickle);
    QVERIFY(pane->jsonEditor()->isReadOnly());

    for (const char *kind : {"PNG", "JPEG", "GIF", "WEBP"}) {
        QVERIFY2(QImageWriter::supportedImageFormats().contains(QByteArray(kind).toLower()) ||
                     QByteArrayView(kind) == "GIF",
                 kind);
        if (QByteArrayView(kind) == "GIF") continue; // Qt reads GIF but does not write it
        QImage image(40, 30, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&buffer, kind));
        const QByteArray key = QByteArray("img:") + kind;
        set(key, bytes);
        open(key);
        QCOMPARE(pane->format(), Format::Image);
        QVERIFY2(pane->isDecoded(), qPrintable(pane->errorText()));
        QCOMPARE(pane->imageLabel()->pixmap().size(), QSize(40, 30));
    }
}

void TstStringDecoders::bigStringIsReadInRangesAndScrolledInHex()
{
    DecoderSettings::setWholeValueLimit(1024 * 1024);
    // 8 MB: each 16-byte row holds its own offset, and a marker sits near the end.
    constexpr qint64 kSize = 8 * 1024 * 1024;
    const qint64 marker = kSize - 100000;
    QByteArray big(kSize, '.');
    for (qint64 row = 0; row < kSize; row += 16) {
        const QByteArray text = QByteArray::number(row, 16).rightJustified(15, '0') + '|';
        memcpy(big.data() + row, text.constData(), 16);
    }
    memcpy(big.data() + marker, "NEEDLE", 6);
    set("blob:big", big);
    open("blob:big");
    QVERIFY(m_view->isRanged());
    QCOMPARE(m_view->size(), kSize);
    DecoderPane *pane = m_view->decoderPane();
    QCOMPARE(pane->format(), Format::Hex);
    ByteView *view = pane->byteView();
    QVERIFY(view->isVisible());
    QTRY_VERIFY(view->visibleLines().value(0).startsWith(
        QStringLiteral("00000000  30 30 30 30 30 30 30 30  30 30 30 30 30 30 30 7c")));
    QCOMPARE(view->rowCount(), kSize / 16);

    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
    QTRY_VERIFY(view->visibleLines().constLast().endsWith(QStringLiteral("|0000000007ffff0||")));
    auto *source = qobject_cast<RangedByteSource *>(view->source());
    QVERIFY(source);
    // Every row between was scrolled past without reading it.
    for (int step = 0; step < 200; ++step)
        view->verticalScrollBar()->setValue(step * (view->verticalScrollBar()->maximum() / 200));
    QTRY_VERIFY(!view->visibleLines().constFirst().endsWith(QStringLiteral("…")));
    QVERIFY(source->cachedPages() <= RangedByteSource::kMaxPages);

    // Search forward from the top, then back.
    view->verticalScrollBar()->setValue(0);
    pane->searchBox()->setText(QStringLiteral("NEEDLE"));
    QSignalSpy found(pane, &DecoderPane::searchFinished);
    pane->findNext();
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 1, 20000);
    QVERIFY(found.last().first().toBool());
    const QString markerRow = QStringLiteral("%1").arg(marker / 16 * 16, 8, 16, QLatin1Char('0'));
    const auto markerShown = [&] {
        const QStringList lines = view->visibleLines();
        return std::any_of(lines.begin(), lines.end(),
                           [&](const QString &l) { return l.startsWith(markerRow); });
    };
    QTRY_VERIFY(markerShown());
    pane->findNext(); // no second one
    QTRY_COMPARE_WITH_TIMEOUT(found.size(), 2, 20000);
    QVERIFY(!found.last().first().toBool());

    // A decoder that needs all of it says so; reading all of it then works.
    const int json = pane->formatBox()->findData(int(Format::Text));
    pane->formatBox()->setCurrentIndex(json);
    emit pane->formatBox()->activated(json);
    QTRY_VERIFY(pane->textEditor()->toPlainText().startsWith(QStringLiteral("000000000000000|")));
    QCOMPARE(pane->textEditor()->toPlainText().size(), DecoderPane::kTextPreviewBytes);
    const int mp = pane->formatBox()->findData(int(Format::Base64));
    emit pane->formatBox()->activated(mp);
    QVERIFY(pane->findChild<QLabel *>(QStringLiteral("decoderMessage"))
                ->text()
                .contains(QStringLiteral("needs the whole value")));
    m_view->loadWholeValue(false);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->isLoaded() && !m_view->isRanged(), 30000);
    QTRY_VERIFY(!pane->isRanged());
    QCOMPARE(pane->rawValue().size(), kSize);
    QCOMPARE(pane->format(), Format::Base64);
    QVERIFY(!pane->isDecoded()); // dots and pipes are not Base64, and it says so
}

QTEST_MAIN(TstStringDecoders)
#include "tst_string_decoders.moc"
