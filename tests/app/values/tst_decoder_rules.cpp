// The decoder rules manager (no server needed: the rules live in QSettings): DecoderRulesModel
// under QAbstractItemModelTester lists every connection's remembered rules in match order,
// edits a pattern and a chain's links, moves a rule within its connection (never across),
// deletes one, and save() writes each list back, so DecoderSettings::ruleFor() follows. The
// dialog shows one connection's rules or all of them and its buttons do the same.
#include "values/decoders/decoder_rules_dialog.h"
#include "values/decoders/decoder_rules_model.h"
#include "values/decoders/decoder_settings.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace redscope;

class TstDecoderRules : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void modelListsEditsMovesDeletesAndSaves();
    void dialogShowsOneConnectionOrAll();

private:
    static DecoderRule rule(const QString &pattern, Format format, Codec codec = Codec::None)
    {
        DecoderRule r;
        r.pattern = pattern;
        r.format = format;
        r.codec = codec;
        return r;
    }
};

void TstDecoderRules::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TstDecoderRules::init()
{
    QSettings().clear();
    // remember() puts the newest first: session:* ends up first, cache:* last.
    DecoderSettings prod(QStringLiteral("prod / eu"));
    prod.remember(rule(QStringLiteral("cache:*"), Format::Json, Codec::Gzip));
    prod.remember(rule(QStringLiteral("img:*"), Format::Image));
    prod.remember(rule(QStringLiteral("session:*"), Format::MessagePack));
    DecoderSettings(QStringLiteral("local")).remember(rule(QStringLiteral("*"), Format::Hex));
}

void TstDecoderRules::modelListsEditsMovesDeletesAndSaves()
{
    DecoderRulesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.load();
    QCOMPARE(model.rowCount(), 4);
    // Connections sorted by name, rules in match order.
    QCOMPARE(model.connection(0), QStringLiteral("local"));
    QCOMPARE(model.connection(1), QStringLiteral("prod / eu"));
    QCOMPARE(model.index(1, DecoderRulesModel::PatternColumn).data().toString(),
             QStringLiteral("session:*"));
    QCOMPARE(model.index(3, DecoderRulesModel::PatternColumn).data().toString(),
             QStringLiteral("cache:*"));
    QCOMPARE(model.index(3, DecoderRulesModel::CodecColumn).data().toString(),
             QStringLiteral("gzip"));
    QCOMPARE(DecoderRulesModel::chain(model.rule(3)), QStringLiteral("gzip → JSON"));
    QVERIFY(
        !(model.flags(model.index(0, DecoderRulesModel::ConnectionColumn)) & Qt::ItemIsEditable));

    // Edit a pattern and both links of a chain; a bad value is refused.
    QVERIFY(model.setData(model.index(3, DecoderRulesModel::PatternColumn),
                          QStringLiteral("cache:v2:*")));
    QVERIFY(!model.setData(model.index(3, DecoderRulesModel::PatternColumn), QStringLiteral(" ")));
    QVERIFY(model.setData(model.index(3, DecoderRulesModel::CodecColumn), int(Codec::Zstd)));
    QVERIFY(model.setData(model.index(2, DecoderRulesModel::FormatColumn), int(Format::Base64)));
    QVERIFY(!model.setData(model.index(2, DecoderRulesModel::FormatColumn), 999));
    QVERIFY(model.isModified());

    // Moves stay within a connection: row 1 is prod's first, row 0 is local's only rule.
    QVERIFY(!model.canMove(1, -1));
    QVERIFY(!model.move(1, -1));
    QVERIFY(model.move(3, -1)); // cache:v2:* before img:*
    QCOMPARE(model.rule(2).pattern, QStringLiteral("cache:v2:*"));
    QVERIFY(model.move(2, -1)); // and before session:*
    QCOMPARE(model.rule(1).pattern, QStringLiteral("cache:v2:*"));
    QVERIFY(!model.move(3, 1)); // the last row
    // Delete local's rule.
    QVERIFY(model.removeRows(0, 1));
    QCOMPARE(model.rowCount(), 3);

    // Nothing is written before save().
    QCOMPARE(DecoderSettings(QStringLiteral("local")).rules().size(), 1);
    model.save();
    QCOMPARE(DecoderSettings(QStringLiteral("local")).rules().size(), 0);
    const QList<DecoderRule> prod = DecoderSettings(QStringLiteral("prod / eu")).rules();
    QCOMPARE(prod.size(), 3);
    QCOMPARE(prod.at(0).pattern, QStringLiteral("cache:v2:*"));
    QCOMPARE(prod.at(0).codec, Codec::Zstd);
    QCOMPARE(prod.at(0).format, Format::Json);
    QCOMPARE(prod.at(1).pattern, QStringLiteral("session:*"));
    QCOMPARE(prod.at(2).format, Format::Base64);
    const auto found = DecoderSettings(QStringLiteral("prod / eu")).ruleFor("cache:v2:user:1");
    QVERIFY(found && found->codec == Codec::Zstd);
    QVERIFY(!DecoderSettings(QStringLiteral("local")).ruleFor("anything"));

    // One connection only.
    model.load(QStringLiteral("prod / eu"));
    QCOMPARE(model.rowCount(), 3);
    model.load(QStringLiteral("nobody"));
    QCOMPARE(model.rowCount(), 0);
}

void TstDecoderRules::dialogShowsOneConnectionOrAll()
{
    DecoderRulesDialog dialog(QStringLiteral("prod / eu"));
    QAbstractItemModelTester tester(dialog.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    QCOMPARE(dialog.connectionBox()->currentData().toString(), QStringLiteral("prod / eu"));
    QCOMPARE(dialog.model()->rowCount(), 3);
    QVERIFY(dialog.table()->isColumnHidden(DecoderRulesModel::ConnectionColumn));
    QVERIFY(!dialog.upButton()->isEnabled());
    dialog.table()->selectRow(2); // cache:*
    QVERIFY(dialog.upButton()->isEnabled());
    QVERIFY(!dialog.downButton()->isEnabled());
    dialog.upButton()->click();
    QCOMPARE(dialog.model()->rule(1).pattern, QStringLiteral("cache:*"));
    QCOMPARE(dialog.table()->currentIndex().row(), 1);
    dialog.deleteButton()->click(); // cache:* goes
    QCOMPARE(dialog.model()->rowCount(), 2);
    dialog.accept();
    const QList<DecoderRule> prod = DecoderSettings(QStringLiteral("prod / eu")).rules();
    QCOMPARE(prod.size(), 2);
    QCOMPARE(prod.at(0).pattern, QStringLiteral("session:*"));
    QCOMPARE(prod.at(1).pattern, QStringLiteral("img:*"));

    // All connections: the connection column is shown.
    DecoderRulesDialog all;
    QCOMPARE(all.connectionBox()->currentIndex(), 0);
    QCOMPARE(all.model()->rowCount(), 3);
    QVERIFY(!all.table()->isColumnHidden(DecoderRulesModel::ConnectionColumn));
}

QTEST_MAIN(TstDecoderRules)
#include "tst_decoder_rules.moc"
