// The value decoders (app/values/decoders) against values made by the real producers: PHP's
// serialize(), Python's pickle in every protocol, python3-msgpack, protoc + python3-protobuf,
// the gzip/zstd/lz4 tools (fixtures/, made by fixtures/make_fixtures.sh), and the codec
// libraries themselves for the codecs without a tool. Each writable format must give back the
// producer's exact bytes.
#include "values/decoders/compression.h"
#include "values/decoders/custom_decoder.h"
#include "values/decoders/decoder.h"
#include "values/decoders/decoder_settings.h"
#include "values/decoders/formats.h"
#include "values/decoders/protobuf_schema.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace redscope;

static QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(REDSCOPE_DECODER_FIXTURES "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly)) qFatal("missing fixture %s", name);
    return file.readAll();
}

static QByteArray compact(const Result<JsonNode> &node)
{
    if (!node.ok()) return "ERROR: " + node.error.toUtf8();
    return writeJson(node.value, false);
}

static const QByteArray kCommonJson =
    R"({"id":42,"name":"Zoë","tags":["a","b"],"price":9.5,"active":true,"none":null})";

class TstDecoders : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void formatTableIsComplete()
    {
        QSet<QString> ids;
        for (const FormatInfo &info : formatTable()) {
            Format back{};
            QVERIFY(formatFromId(QString::fromLatin1(info.id), &back));
            QCOMPARE(back, info.format);
            ids.insert(QLatin1String(info.id));
        }
        QCOMPARE(ids.size(), qsizetype(formatTable().size()));
        QVERIFY(!formatInfo(Format::Pickle).editable);
        QVERIFY(!formatInfo(Format::PhpSerialize).editable);
        QVERIFY(formatInfo(Format::MessagePack).editable);
        QVERIFY(formatInfo(Format::Hex).ranged);
    }

    void codecsRoundTripThroughTheLibraries_data()
    {
        QTest::addColumn<int>("codecNumber");
        for (const CodecInfo &info : codecTable())
            if (info.codec != Codec::None) QTest::newRow(info.id) << int(info.codec);
    }
    void codecsRoundTripThroughTheLibraries()
    {
        QFETCH(int, codecNumber);
        const Codec codec = Codec(codecNumber);
        QByteArray plain;
        for (int i = 0; i < 20000; ++i)
            plain += "line " + QByteArray::number(i % 97) + '\n';
        plain += QByteArray(70000, 'z'); // more than one Snappy frame chunk
        const Result<QByteArray> packed = compress(codec, plain);
        QVERIFY2(packed.ok(), qPrintable(packed.error));
        QVERIFY(packed.value.size() < plain.size());
        const Result<QByteArray> back = decompress(codec, packed.value);
        QVERIFY2(back.ok(), qPrintable(back.error));
        QCOMPARE(back.value, plain);
        // Header codecs are found by their header; the others never are.
        QCOMPARE(detectCodec(packed.value), codecInfo(codec).hasHeader ? codec : Codec::None);
        if (!codecInfo(codec).hasHeader) QVERIFY(trialCodecs(packed.value).contains(codec));
        // A zip bomb stops at the limit.
        QVERIFY(!decompress(codec, packed.value, 1000).ok());
        // Corrupt input fails rather than giving garbage.
        QByteArray corrupt = packed.value;
        corrupt.chop(corrupt.size() / 3);
        QVERIFY(!decompress(codec, corrupt).ok());
    }

    void commandLineToolsOutputIsDetectedAndDecompressed()
    {
        const QByteArray plain = fixture("plain.json");
        for (const auto &[file, codec] :
             {std::pair{"plain.json.gz", Codec::Gzip}, std::pair{"plain.json.zst", Codec::Zstd},
              std::pair{"plain.json.lz4", Codec::Lz4Frame}}) {
            const QByteArray packed = fixture(file);
            QCOMPARE(detectCodec(packed), codec);
            const Result<QByteArray> back = decompress(codec, packed);
            QVERIFY2(back.ok(), qPrintable(back.error));
            QCOMPARE(back.value, plain);
        }
        QCOMPARE(detectCodec(plain), Codec::None);
        QVERIFY(trialCodecs(plain).isEmpty()); // plain JSON is not proposed as raw deflate
    }

    void textShowsInvalidBytesAsEscapesAndReadsThemBack()
    {
        const QByteArray bytes = QByteArrayLiteral("caf\xc3\xa9 \xff\xfe back\\slash \x80");
        bool escaped = false;
        const QString text = formats::bytesToText(bytes, &escaped);
        QVERIFY(escaped);
        QCOMPARE(text, QStringLiteral("café \\xff\\xfe back\\\\slash \\x80"));
        const Result<QByteArray> back = formats::textToBytes(text, true);
        QVERIFY(back.ok());
        QCOMPARE(back.value, bytes);
        QVERIFY(!formats::textToBytes(QStringLiteral("bad \\q"), true).ok());
        QCOMPARE(formats::bytesToText("plain \\ text", &escaped), QStringLiteral("plain \\ text"));
        QVERIFY(!escaped);
    }

    void jsonKeepsOrderAndLargeIntegers()
    {
        const QByteArray json = R"({"z":1,"a":[18446744073709551615,-9223372036854775808,)"
                                R"(1.5,"\u00e9\ud83d\ude00"],"m":{}})";
        const Decoded d = decode(Format::Json, json);
        QVERIFY2(d.ok, qPrintable(d.error));
        QVERIFY(d.hasTree);
        QCOMPARE(d.tree.members.front().first, QStringLiteral("z"));
        const Result<QByteArray> back = encode(Format::Json, d.text, false);
        QVERIFY(back.ok());
        QCOMPARE(back.value, QByteArray(R"({"z":1,"a":[18446744073709551615,)"
                                        R"(-9223372036854775808,1.5,"é😀"],"m":{}})"));
        const Result<QByteArray> bad =
            encode(Format::Json, QStringLiteral("{\"a\":\n  tru}"), false);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error.contains(QStringLiteral("line 2")), qPrintable(bad.error));
    }

    void base64AndHexAndBits()
    {
        const Decoded d = decode(Format::Base64, "aGVsbG8gd29ybGQ=");
        QVERIFY(d.ok);
        QCOMPARE(d.text, QStringLiteral("hello world"));
        QCOMPARE(encode(Format::Base64, QStringLiteral("hello world"), false).value,
                 QByteArray("aGVsbG8gd29ybGQ="));
        QVERIFY(!decode(Format::Base64, "not base64!").ok);
        QCOMPARE(
            formats::hexLine("AB\x01", 0x10),
            QStringLiteral("00000010  41 42 01                                          |AB.|"));
        QCOMPARE(formats::bitsLine("\x81\x02", 8), QStringLiteral("00000008  10000001 00000010 "));
    }

    void messagePackFromPythonRoundTripsExactly_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("map") << QByteArray("msgpack_map.bin") << kCommonJson;
        QTest::newRow("types") << QByteArray("msgpack_types.bin")
                               << QByteArray(R"({"bin":{"$bin":"AAH/"},"ext":{"$ext":5,"$data":)"
                                             R"("eHk="},"neg":-129,"big":18446744073709551615})");
    }
    void messagePackFromPythonRoundTripsExactly()
    {
        QFETCH(QByteArray, file);
        QFETCH(QByteArray, json);
        const QByteArray bytes = fixture(file.constData());
        QCOMPARE(detectFormat(bytes), Format::MessagePack);
        const Decoded d = decode(Format::MessagePack, bytes);
        QVERIFY2(d.ok, qPrintable(d.error));
        QCOMPARE(writeJson(d.tree, false), json);
        const Result<QByteArray> back = encode(Format::MessagePack, d.text, false);
        QVERIFY2(back.ok(), qPrintable(back.error));
        QCOMPARE(back.value.toHex(), bytes.toHex());
        // An edit goes in as MessagePack.
        const Result<QByteArray> edited =
            encode(Format::MessagePack, QStringLiteral(R"({"id":43})"), false);
        QCOMPARE(compact(formats::msgpackToJson(edited.value)), QByteArray(R"({"id":43})"));
    }

    void protobufWithoutSchemaShowsFieldNumbers()
    {
        const Decoded d = decode(Format::ProtobufRaw, fixture("order.pb"));
        QVERIFY2(d.ok, qPrintable(d.error));
        // 19.5 as a fixed64: the double's bits, 0x4033800000000000.
        QCOMPARE(writeJson(d.tree, false),
                 QByteArray(R"({"1":1234567890123,"2":"Ada","3":[{"1":"A-1","2":2},)"
                            R"({"1":"B-7","2":1}],"4":1,"5":4626181979727986688})"));
        QVERIFY(!encode(Format::ProtobufRaw, d.text, false).ok()); // read-only
        QVERIFY(!decode(Format::ProtobufRaw, "\x0a\x05hi").ok);    // truncated
    }

    void protobufWithTheUsersProtoRoundTripsExactly()
    {
        ProtobufSchema schema;
        const QString proto = QStringLiteral(REDSCOPE_DECODER_FIXTURES "/shop.proto");
        QVERIFY2(schema.load({proto}), qPrintable(schema.errors()));
        QCOMPARE(schema.messageTypes(), (QStringList{"shop.Item", "shop.Order"}));
        DecoderOptions options;
        options.protoFiles = {proto};
        options.messageType = QStringLiteral("shop.Order");
        const QByteArray bytes = fixture("order.pb");
        const Decoded d = decode(Format::ProtobufTyped, bytes, options);
        QVERIFY2(d.ok, qPrintable(d.error));
        QCOMPARE(writeJson(d.tree, false),
                 QByteArray(R"({"id":"1234567890123","customer":"Ada","items":[{"sku":"A-1",)"
                            R"("qty":2},{"sku":"B-7","qty":1}],"paid":true,"total":19.5})"));
        const Result<QByteArray> back = encode(Format::ProtobufTyped, d.text, false, options);
        QVERIFY2(back.ok(), qPrintable(back.error));
        QCOMPARE(back.value.toHex(), bytes.toHex());
        QVERIFY(
            !encode(Format::ProtobufTyped, QStringLiteral(R"({"nope":1})"), false, options).ok());
        // A broken schema says where.
        QTemporaryDir dir;
        QFile broken(dir.filePath(QStringLiteral("broken.proto")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("syntax = \"proto3\";\nmessage A { int32 x = ; }\n");
        broken.close();
        ProtobufSchema bad;
        QVERIFY(!bad.load({broken.fileName()}));
        QVERIFY2(bad.errors().contains(QStringLiteral("broken.proto:2")), qPrintable(bad.errors()));
    }

    void phpSerializeFromPhp()
    {
        QCOMPARE(detectFormat(fixture("php_array.ser")), Format::PhpSerialize);
        QCOMPARE(compact(formats::phpUnserialize(fixture("php_array.ser"))), kCommonJson);
        QCOMPARE(compact(formats::phpUnserialize(fixture("php_object.ser"))),
                 QByteArray(R"({"__class":"Order","id":7,"secret":"x","items":[1,2]})"));
        QVERIFY(!formats::phpUnserialize("s:10:\"short\";").ok());
        QVERIFY(!encode(Format::PhpSerialize, QStringLiteral("{}"), false).ok());
    }

    void pickleEveryProtocol_data()
    {
        QTest::addColumn<int>("protocol");
        for (int p = 0; p <= 5; ++p)
            QTest::newRow(qPrintable(QString::number(p))) << p;
    }
    void pickleEveryProtocol()
    {
        QFETCH(int, protocol);
        const QByteArray name = "pickle_p" + QByteArray::number(protocol) + ".pkl";
        QCOMPARE(compact(formats::unpickle(fixture(name.constData()))), kCommonJson);
    }

    void pickleTypesAndObjectsAreData()
    {
        QCOMPARE(compact(formats::unpickle(fixture("pickle_types.pkl"))),
                 QByteArray(R"({"raw":{"$bytes":"AAH/"},"set":{"$set":[7]},"pair":[1,"two"],)"
                            R"("big":18446744073709551615,"neg":-1099511627776})"));
        QCOMPARE(compact(formats::unpickle(fixture("pickle_object.pkl"))),
                 QByteArray(R"({"$call":"__main__.Point","args":[],"state":{"x":1,"y":2}})"));
    }

    void maliciousPickleIsNeverExecuted()
    {
        QFile::remove(QStringLiteral("/tmp/redscope-pickle-was-executed"));
        const QByteArray evil = fixture("pickle_evil.pkl");
        QCOMPARE(detectFormat(evil), Format::Pickle);
        const Decoded d = decode(Format::Pickle, evil);
        QVERIFY(d.ok);
        QCOMPARE(writeJson(d.tree, false),
                 QByteArray(R"({"$call":"posix.system","args":)"
                            R"(["touch /tmp/redscope-pickle-was-executed"]})"));
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/redscope-pickle-was-executed")));
        QVERIFY(!formats::unpickle("\x80\x02]q\x00(K\x01").ok()); // no STOP
    }

    void imagesAreRecognisedBySignature()
    {
        QCOMPARE(formats::imageFormat("\x89PNG\r\n\x1a\n...."), QByteArray("PNG"));
        QCOMPARE(formats::imageFormat("\xff\xd8\xff\xe0"), QByteArray("JPEG"));
        QCOMPARE(formats::imageFormat("GIF89a"), QByteArray("GIF"));
        QCOMPARE(formats::imageFormat(QByteArrayLiteral("RIFF\x10\0\0\0WEBPVP8 ")),
                 QByteArray("WebP"));
        QVERIFY(!decode(Format::Image, "text").ok);
    }

    void customCommandDecodesAndTimesOut()
    {
        QObject receiver;
        Result<QByteArray> got;
        bool done = false;
        CustomCommand::run(QStringLiteral("tr a-z A-Z"), "hello", 5000, &receiver,
                           [&](const Result<QByteArray> &r) { got = r, done = true; });
        QTRY_VERIFY(done);
        QVERIFY2(got.ok(), qPrintable(got.error));
        QCOMPARE(got.value, QByteArray("HELLO"));

        done = false;
        QElapsedTimer timer;
        timer.start();
        CustomCommand::run(QStringLiteral("sleep 10"), "", 300, &receiver,
                           [&](const Result<QByteArray> &r) { got = r, done = true; });
        QTRY_VERIFY(done);
        QVERIFY(!got.ok());
        QVERIFY2(got.error.contains(QStringLiteral("300 ms")), qPrintable(got.error));
        QVERIFY(timer.elapsed() < 5000);

        done = false;
        CustomCommand::run(QStringLiteral("sh -c \"echo nope >&2; exit 3\""), "", 5000, &receiver,
                           [&](const Result<QByteArray> &r) { got = r, done = true; });
        QTRY_VERIFY(done);
        QCOMPARE(got.error, QStringLiteral("the command failed (exit 3): nope"));
    }

    void choicesAreRememberedPerConnectionAndPattern()
    {
        QSettings().clear();
        DecoderSettings prod(QStringLiteral("prod"));
        DecoderSettings dev(QStringLiteral("dev"));
        QCOMPARE(DecoderSettings::patternFor("session:42:data"), QStringLiteral("session:42:*"));
        QCOMPARE(DecoderSettings::patternFor("plain"), QStringLiteral("plain"));
        DecoderRule rule;
        rule.pattern = QStringLiteral("session:*");
        rule.format = Format::MessagePack;
        rule.codec = Codec::Zstd;
        prod.remember(rule);
        rule.pattern = QStringLiteral("a/b?*");
        rule.format = Format::Pickle;
        rule.codec = Codec::None;
        prod.remember(rule);
        const auto found = prod.ruleFor("session:9:x");
        QVERIFY(found.has_value());
        QCOMPARE(found->format, Format::MessagePack);
        QCOMPARE(found->codec, Codec::Zstd);
        QCOMPARE(prod.ruleFor("a/bc/d")->format, Format::Pickle); // '/' is an ordinary character
        QVERIFY(!prod.ruleFor("sessions").has_value());
        QVERIFY(!dev.ruleFor("session:9:x").has_value());
        prod.forget(QStringLiteral("session:*"));
        QVERIFY(!prod.ruleFor("session:9:x").has_value());
        DecoderSettings::setWholeValueLimit(1234);
        QCOMPARE(DecoderSettings::wholeValueLimit(), 1234);
    }
};

QTEST_GUILESS_MAIN(TstDecoders)
#include "tst_decoders.moc"
