// The transfer dialogs driven offscreen against real servers, as a user would: Export writes
// the file and shows the summary; Import shows a bad file's problem with its line and writes
// nothing, then imports a good file; Copy copies to another connection; Compare lists the
// differences in its lazy model (under QAbstractItemModelTester), shows the two values side by
// side, and "Make B equal to A" on the selected keys leaves no difference.
#include "transfer_test_support.h"

#include "connection/redis_connection.h"
#include "transfer/compare_dialog.h"
#include "transfer/copy_dialog.h"
#include "transfer/diff_model.h"
#include "transfer/export_dialog.h"
#include "transfer/key_selection_box.h"
#include "transfer/import_dialog.h"
#include "transfer/transfer_progress.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace redscope;
using namespace redscope::test;

namespace {

std::unique_ptr<RedisConnection> connectTo(const TestServer &server)
{
    auto c = std::make_unique<RedisConnection>(settingsFor(server));
    c->connectToServer();
    return c;
}

} // namespace

class TestTransferDialogs : public QObject
{
    Q_OBJECT

private slots:
    void exportThenImportWithValidationError()
    {
        auto redis = TestServer::startRedis();
        RedisTestClient src("127.0.0.1", redis->port());
        fillDataset(src);
        auto connection = connectTo(*redis);
        QTRY_COMPARE(connection->state(), RedisConnection::State::Ready);
        QTemporaryDir dir;

        ExportDialog exporter(TransferEndpoint::of(connection.get()), {});
        exporter.show();
        exporter.keys()->patternChoice()->setChecked(true);
        exporter.keys()->patternEdit()->setText(QStringLiteral("t:h:*"));
        exporter.pathEdit()->setText(dir.filePath(QStringLiteral("hashes.jsonl")));
        QTest::mouseClick(exporter.startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!exporter.runner()->isRunning(), 20000);
        QVERIFY2(exporter.progress()->statusText().startsWith(QStringLiteral("2 keys done")),
                 qPrintable(exporter.progress()->statusText()));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("hashes.jsonl"))));

        auto engine = TestServer::startRedscope();
        auto target = connectTo(*engine);
        QTRY_COMPARE(target->state(), RedisConnection::State::Ready);
        const QString bad = dir.filePath(QStringLiteral("bad.jsonl"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"key\":\"a\",\"type\":\"string\",\"value\":\"1\"}\n"
                   "{\"key\":\"b\",\"type\":\"list\",\"value\":[]}\n");
        file.close();
        ImportDialog importer(TransferEndpoint::of(target.get()));
        importer.show();
        importer.setPath(bad);
        QCOMPARE(importer.formatBox()->currentData().toInt(), int(TransferFormat::JsonLines));
        QTest::mouseClick(importer.importButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!importer.runner()->isRunning(), 20000);
        QVERIFY2(importer.progress()->statusText().contains(QStringLiteral("line 2")),
                 qPrintable(importer.progress()->statusText()));
        QVERIFY(importer.progress()->problemsText().contains(QStringLiteral("non-empty array")));
        RedisTestClient dst("127.0.0.1", engine->port());
        QCOMPARE(dst.run({"DBSIZE"}), std::string(":0"));

        importer.setPath(dir.filePath(QStringLiteral("hashes.jsonl")));
        QTest::mouseClick(importer.importButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!importer.runner()->isRunning(), 20000);
        QCOMPARE(canonical(dst), canonical(src, "t:h:*"));
    }

    void copyToAnotherConnection()
    {
        auto redis = TestServer::startRedis();
        auto engine = TestServer::startRedscope();
        RedisTestClient src("127.0.0.1", redis->port()), dst("127.0.0.1", engine->port());
        fillDataset(src);
        auto connection = connectTo(*redis);
        QTRY_COMPARE(connection->state(), RedisConnection::State::Ready);
        CopyDialog dialog(TransferEndpoint::of(connection.get()), {"t:s:plain", "t:z:big"},
                          {{QStringLiteral("engine"), settingsFor(*engine)}});
        dialog.show();
        QVERIFY(dialog.keys()->selectedChoice()->isChecked());
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.runner()->isRunning(), 20000);
        QVERIFY2(dialog.progress()->statusText().startsWith(QStringLiteral("2 keys done of 2")),
                 qPrintable(dialog.progress()->statusText()));
        QCOMPARE(dst.run({"ZCARD", "t:z:big"}), std::string(":300"));

        // By pattern the total is unknown (DBSIZE counts every key): no "of N" that the
        // progress would stop short of.
        dialog.keys()->patternChoice()->setChecked(true);
        dialog.keys()->patternEdit()->setText(QStringLiteral("t:h:*"));
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.runner()->isRunning(), 20000);
        const QString status = dialog.progress()->statusText();
        QVERIFY2(status.startsWith(QStringLiteral("2 keys done")) && !status.contains(" of "),
                 qPrintable(status));
        QCOMPARE(canonical(dst, "t:h:*"), canonical(src, "t:h:*"));
    }

    void compareShowsDiffsAndMakesEqual()
    {
        auto redis = TestServer::startRedis();
        auto engine = TestServer::startRedscope();
        RedisTestClient a("127.0.0.1", redis->port()), b("127.0.0.1", engine->port());
        fillDataset(a);
        fillDataset(b);
        b.run({"SET", "t:s:plain", "changed on B"});
        b.run({"SET", "extra", "only B"});
        a.run({"SET", "mine", "only A"});
        auto connection = connectTo(*redis);
        QTRY_COMPARE(connection->state(), RedisConnection::State::Ready);
        CompareDialog dialog(TransferEndpoint::of(connection.get()),
                             {{QStringLiteral("engine"), settingsFor(*engine)}});
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog.show();
        QTest::mouseClick(dialog.compareButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.runner()->isRunning(), 20000);
        QTRY_COMPARE(dialog.model()->rowCount(), 3);
        int plainRow = -1;
        for (int row = 0; row < 3; ++row)
            if (dialog.model()->entry(row).key == "t:s:plain") plainRow = row;
        QVERIFY(plainRow >= 0);
        QCOMPARE(dialog.model()->index(plainRow, DiffModel::KindColumn).data().toString(),
                 QStringLiteral("different value"));
        dialog.diffView()->selectRow(plainRow);
        QTRY_VERIFY(dialog.valueA()->toPlainText().contains(QStringLiteral("hello, \"world\"")));
        QTRY_VERIFY(dialog.valueB()->toPlainText().contains(QStringLiteral("changed on B")));

        dialog.diffView()->selectAll();
        QVERIFY(dialog.syncButton()->isEnabled());
        QTest::mouseClick(dialog.syncButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.runner()->isRunning(), 20000);
        QCOMPARE(canonical(b), canonical(a));
        QTest::mouseClick(dialog.compareButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.runner()->isRunning(), 20000);
        QCOMPARE(dialog.model()->rowCount(), 0);
    }

    void diffModelPagesLazily()
    {
        auto result = std::make_shared<CompareResult>();
        QList<DiffEntry> many;
        for (int i = 0; i < 1234; ++i)
            many.append(
                {DiffEntry::Kind::OnlyInA, "k" + QByteArray::number(i), "string", {}, false});
        DiffModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResult(result);
        result->append(many);
        model.resultGrew();
        QCOMPARE(model.rowCount(), DiffModel::kPage);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 1234);
        QVERIFY(!model.canFetchMore({}));
    }
};

QTEST_MAIN(TestTransferDialogs)
#include "tst_transfer_dialogs.moc"
