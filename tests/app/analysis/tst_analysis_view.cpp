// The Analysis view driven offscreen: a dump.rdb written by redis-server is analysed from the
// view (on its worker thread), the treemap lays out the namespaces and drills down on a click
// (the table and the breadcrumb follow), identifiers group as "*", top keys show an offline
// summary, the report is saved for the connection, listed, compared, and exported as JSON, CSV
// and PNG. The report models run under QAbstractItemModelTester.
#include "analysis/analysis_view.h"
#include "analysis/offline_analysis.h"
#include "analysis/report_models.h"
#include "analysis/report_store.h"
#include "analysis/treemap_widget.h"
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_server.h"
#include "widgets/confirm.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

class TstAnalysisView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void modelsPassTheTester();
    void viewAnalysesAFileAndDrillsDown();
    void savedReportsAreListedAndCompared();
    void exportsJsonCsvPng();
    void snapshotAsksFirstOnProduction();
    void liveTopKeyOpensTheKey();

private:
    std::unique_ptr<TestServer> m_server;
    QString m_rdb;
    QTemporaryDir m_store;
};

void TstAnalysisView::initTestCase()
{
    m_server = TestServer::startRedis();
    QVERIFY(m_server && m_server->ok());
    RedisTestClient c("127.0.0.1", m_server->port());
    for (int i = 0; i < 2000; ++i) {
        c.append({"HSET", "user:" + std::to_string(i) + ":profile", "name", "n", "plan", "pro"});
        c.append({"SET", "user:" + std::to_string(i) + ":seen", std::to_string(i)});
        c.append({"SET", "session:" + std::to_string(i), "token" + std::to_string(i), "EX", "900"});
    }
    for (int i = 0; i < 600; ++i)
        c.append({"RPUSH", "queue:jobs", "job" + std::to_string(i)});
    for (int i = 0; i < 6600; ++i)
        c.readReply();
    QCOMPARE(c.run({"SAVE"}), std::string("+OK"));
    m_rdb = QString::fromStdString(m_server->directory() + "/dump.rdb");
}

void TstAnalysisView::modelsPassTheTester()
{
    AnalysisReport report;
    QString error;
    QVERIFY(OfflineAnalysis::analyse(m_rdb, {}, &report, &error));

    NamespaceTableModel namespaces;
    QAbstractItemModelTester t1(&namespaces,
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    namespaces.setReport(&report);
    while (namespaces.canFetchMore({}))
        namespaces.fetchMore({});       // lazy: pages on demand
    QCOMPARE(namespaces.rowCount(), 3); // user, session, queue
    namespaces.sort(NamespaceTableModel::KeysColumn, Qt::AscendingOrder);
    QCOMPARE(namespaces.index(0, 0).data().toString(), QStringLiteral("queue"));
    namespaces.sort(NamespaceTableModel::BytesColumn, Qt::DescendingOrder);
    const int user = report.findNamespace(QStringLiteral("user"));
    namespaces.setRoot(user);
    while (namespaces.canFetchMore({}))
        namespaces.fetchMore({});
    QCOMPARE(namespaces.rowCount(), 1);
    QCOMPARE(namespaces.index(0, 0).data().toString(), QStringLiteral("*:…"));
    namespaces.setRoot(report.findNamespace(QStringLiteral("user:*")));
    while (namespaces.canFetchMore({}))
        namespaces.fetchMore({});
    QCOMPARE(namespaces.rowCount(), 2); // profile, seen
    namespaces.setReport(nullptr);

    TopKeysModel top;
    QAbstractItemModelTester t2(&top, QAbstractItemModelTester::FailureReportingMode::QtTest);
    top.setKeys(report.topByBytes);
    while (top.canFetchMore({}))
        top.fetchMore({});
    QCOMPARE(top.rowCount(), int(report.topByBytes.size()));
    QCOMPARE(top.index(0, 0).data().toString(), QStringLiteral("queue:jobs"));
    top.sort(TopKeysModel::KeyColumn, Qt::AscendingOrder);
    QCOMPARE(top.keyAt(0)->key, QByteArray("queue:jobs"));

    GroupTableModel groups;
    QAbstractItemModelTester t3(&groups, QAbstractItemModelTester::FailureReportingMode::QtTest);
    groups.setGroups(report.byType, report.totals.bytes, QStringLiteral("Type"));
    QCOMPARE(groups.rowCount(), 3);
}

void TstAnalysisView::viewAnalysesAFileAndDrillsDown()
{
    AnalysisView view(nullptr);
    view.setStoreRoot(m_store.path());
    view.resize(1200, 800);
    view.show();
    QSignalSpy shown(&view, &AnalysisView::reportShown);
    view.analyseFile(m_rdb);
    QVERIFY(view.isBusy());
    QVERIFY(shown.wait(20000));
    QVERIFY(!view.isBusy());
    QCOMPARE(view.report()->totals.keys, quint64(6001));
    QVERIFY(view.report()->bytesModelled);

    view.reportTabs()->setCurrentIndex(1);
    QTest::qWait(50);
    TreemapWidget *map = view.treemap();
    QCOMPARE(map->cells().size(), 3);
    const int user = view.report()->findNamespace(QStringLiteral("user"));
    QRectF userRect;
    for (const auto &cell : map->cells())
        if (cell.node == user) userRect = cell.rect;
    QVERIFY(userRect.isValid());
    // Cells' areas follow bytes.
    double area = 0;
    for (const auto &cell : map->cells())
        area += cell.rect.width() * cell.rect.height();
    QVERIFY(std::abs(userRect.width() * userRect.height() / area -
                     double(view.report()->namespaces[user].bytes) /
                         double(view.report()->totals.bytes)) < 0.01);
    QTest::mouseClick(map, Qt::LeftButton, {}, userRect.center().toPoint());
    QCOMPARE(map->root(), user);
    QCOMPARE(view.namespaceModel()->root(), user);
    auto *crumb = view.findChild<QLabel *>(QStringLiteral("analysisBreadcrumb"));
    QVERIFY(crumb->text().contains(QStringLiteral("<b>user</b>")));
    QTest::mouseClick(map, Qt::RightButton, {}, QPoint(10, 10));
    QCOMPARE(map->root(), 0);
    QCOMPARE(view.namespaceModel()->root(), 0);

    QVERIFY(view.findingsView()->toPlainText().contains(QStringLiteral("Nothing stands out")) ||
            !view.report()->findings.isEmpty());
    view.reportTabs()->setCurrentIndex(2);
    auto *table = view.findChild<QTableView *>(QStringLiteral("analysisTopBytes"));
    QVERIFY(table);
    QTest::qWait(50);
    const QRect first = table->visualRect(table->model()->index(0, 0));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, first.center());
    QVERIFY(view.keySummary()->text().contains(QStringLiteral("queue:jobs")));
    QVERIFY(view.keySummary()->text().contains(QStringLiteral("600 elements")));
}

void TstAnalysisView::savedReportsAreListedAndCompared()
{
    // The previous test's report was saved under "Files" (no connection).
    ReportStore store(m_store.path());
    const QList<SavedReport> saved = store.list(QString());
    QVERIFY(!saved.isEmpty());
    QCOMPARE(saved.first().keys, quint64(6001));

    // A second dump with more sessions: the comparison puts session first.
    RedisTestClient c("127.0.0.1", m_server->port());
    for (int i = 2000; i < 5000; ++i)
        c.append({"SET", "session:" + std::to_string(i), "token" + std::to_string(i)});
    for (int i = 2000; i < 5000; ++i)
        c.readReply();
    QCOMPARE(c.run({"SAVE"}), std::string("+OK"));

    AnalysisView view(nullptr);
    view.setStoreRoot(m_store.path());
    QCOMPARE(view.savedList()->topLevelItemCount(), int(saved.size()));
    QSignalSpy shown(&view, &AnalysisView::reportShown);
    view.analyseFile(m_rdb);
    QVERIFY(shown.wait(20000));
    QTRY_COMPARE(view.savedList()->topLevelItemCount(), int(saved.size()) + 1);
    view.compareWith(saved.first().path);
    QTreeWidget *compare = view.comparison();
    QVERIFY(compare->topLevelItemCount() >= 3);
    QCOMPARE(compare->topLevelItem(0)->text(0), QStringLiteral("session"));
    QCOMPARE(compare->topLevelItem(0)->text(4), QStringLiteral("2,000"));
    QCOMPARE(compare->topLevelItem(0)->text(5), QStringLiteral("5,000"));
    QVERIFY(compare->topLevelItem(0)->text(3).startsWith(QLatin1Char('+')));
}

void TstAnalysisView::exportsJsonCsvPng()
{
    AnalysisView view(nullptr);
    view.setStoreRoot(m_store.path());
    view.resize(1000, 700);
    view.show();
    QSignalSpy shown(&view, &AnalysisView::reportShown);
    view.analyseFile(m_rdb);
    QVERIFY(shown.wait(20000));
    QTemporaryDir dir;
    QString error;
    const QString json = dir.filePath("r.json"), csv = dir.filePath("r.csv"),
                  png = dir.filePath("r.png");
    QVERIFY2(view.exportTo(json, AnalysisView::ExportFormat::Json, &error), qPrintable(error));
    QVERIFY(view.exportTo(csv, AnalysisView::ExportFormat::Csv, &error));
    view.reportTabs()->setCurrentIndex(1);
    QVERIFY(view.exportTo(png, AnalysisView::ExportFormat::Png, &error));
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto back =
        AnalysisReport::fromJson(QJsonDocument::fromJson(f.readAll()).object(), &error);
    QVERIFY(back);
    QCOMPARE(back->totals.keys, view.report()->totals.keys);
    QFile c(csv);
    QVERIFY(c.open(QIODevice::ReadOnly));
    QVERIFY(c.readAll().contains("\nsession,5000,"));
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 100);
}

void TstAnalysisView::snapshotAsksFirstOnProduction()
{
    ConnectionSettings settings;
    settings.port = m_server->port();
    settings.production = true;
    settings.name = QStringLiteral("prod");
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    AnalysisView view(&connection);
    view.setStoreRoot(m_store.path());
    QStringList questions;
    bool answer = false;
    setConfirmFunction([&](QWidget *, const QString &, const QString &question) {
        questions << question;
        return answer;
    });
    view.startSnapshot();
    QCOMPARE(questions.size(), 1);
    QVERIFY(questions.first().contains(QStringLiteral("fork")));
    QVERIFY(!view.isBusy()); // refused: nothing sent
    answer = true;
    QSignalSpy shown(&view, &AnalysisView::reportShown);
    view.startSnapshot();
    QCOMPARE(questions.size(), 2);
    QVERIFY(shown.wait(30000));
    setConfirmFunction({});
    QCOMPARE(view.report()->source, AnalysisSource::Snapshot);
    QVERIFY(view.report()->bytesModelled);
    QCOMPARE(view.report()->totals.keys, quint64(9001));
    QCOMPARE(view.report()->connectionName, QStringLiteral("prod"));
    QTRY_VERIFY(!view.isBusy());
    QCOMPARE(ReportStore(m_store.path()).list(QStringLiteral("prod")).size(), 1);
}

void TstAnalysisView::liveTopKeyOpensTheKey()
{
    ConnectionSettings settings;
    settings.port = m_server->port();
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    AnalysisView view(&connection);
    view.setStoreRoot(m_store.path());
    view.resize(1000, 700);
    view.show();
    QSignalSpy shown(&view, &AnalysisView::reportShown);
    QSignalSpy open(&view, &AnalysisView::openKeyRequested);
    view.startLive();
    QVERIFY(shown.wait(60000));
    QCOMPARE(view.report()->source, AnalysisSource::Live);
    QVERIFY(!view.report()->bytesModelled);
    QCOMPARE(view.report()->totals.keys, quint64(9001));
    view.reportTabs()->setCurrentIndex(2);
    auto *table = view.findChild<QTableView *>(QStringLiteral("analysisTopBytes"));
    QTest::qWait(50);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(table->model()->index(0, 0)).center());
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.first().at(1).toByteArray(), QByteArray("queue:jobs"));
}

QTEST_MAIN(TstAnalysisView)
#include "tst_analysis_view.moc"
