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
#include "local/engine_host.h"
#include "mirror/mirror_service.h"
#include "redis_test_client.h"
#include "test_server.h"
#include "widgets/confirm.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
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
    void mirrorIsOfferedAndAnalysedLocally();

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

// A mirror of the connection in the Local engine (EngineHost, as the app runs it) is offered
// as a source while it is in sync; analysing it reads the engine's snapshot of the mirror and
// sends the remote server nothing (its command counters do not move).
void TstAnalysisView::mirrorIsOfferedAndAnalysedLocally()
{
    QTemporaryDir dirs;
    QDir().mkpath(dirs.filePath(QStringLiteral("data")));
    QDir().mkpath(dirs.filePath(QStringLiteral("run")));
    EngineHost::Options options;
    options.dataDir = dirs.filePath(QStringLiteral("data"));
    options.runtimeDir = dirs.filePath(QStringLiteral("run"));
    EngineHost engine(options);
    QString error;
    QVERIFY2(engine.start(&error), qPrintable(error));
    ConnectionSettings localSettings;
    localSettings.name = QStringLiteral("Local engine");
    localSettings.unixSocket = engine.socketPath();
    RedisConnection local(localSettings);
    local.connectToServer();
    ConnectionSettings remoteSettings;
    remoteSettings.name = QStringLiteral("remote");
    remoteSettings.port = m_server->port();
    RedisConnection remote(remoteSettings);
    remote.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(local.state(), RedisConnection::State::Ready, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(remote.state(), RedisConnection::State::Ready, 10000);

    AnalysisView view(&remote);
    view.setStoreRoot(m_store.path());
    view.resize(1000, 700);
    view.show();
    QVERIFY(!view.mirrorOffered());
    {
        MirrorService mirror(&remote, &local);
        mirror.start();
        QVERIFY(!view.mirrorOffered()); // not before it is in sync
        QTRY_COMPARE_WITH_TIMEOUT(mirror.progress().phase, MirrorService::Phase::Live, 30000);
        QTRY_VERIFY(view.mirrorOffered());

        RedisTestClient c("127.0.0.1", m_server->port());
        const std::string keys = c.run({"DBSIZE"});
        auto commandCalls = [&c] {
            const std::string stats = c.run({"INFO", "commandstats"});
            // Every "cmdstat_x:calls=N" but the mirror's own (its INFO polls, the replica's
            // REPLCONF ACKs).
            std::string out;
            for (size_t at = stats.find("cmdstat_"); at != std::string::npos;
                 at = stats.find("cmdstat_", at + 1)) {
                const std::string line = stats.substr(at, stats.find(',', at) - at);
                if (line.rfind("cmdstat_info:", 0) != 0 &&
                    line.rfind("cmdstat_replconf:", 0) != 0 && line.rfind("cmdstat_ping:", 0) != 0)
                    out += line + "\n";
            }
            return out;
        };
        const std::string before = commandCalls();

        QComboBox *picker = view.sourcePicker();
        picker->setCurrentIndex(picker->findData(int(AnalysisView::Source::Mirror)));
        QSignalSpy shown(&view, &AnalysisView::reportShown);
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("analysisStart")),
                          Qt::LeftButton);
        QVERIFY(shown.wait(60000));
        const AnalysisReport *report = view.report();
        QVERIFY(report);
        QCOMPARE(report->source, AnalysisSource::Mirror);
        QVERIFY(report->bytesModelled);
        QCOMPARE(":" + std::to_string(report->totals.keys), keys);
        QVERIFY(report->sourceName.contains(QStringLiteral("remote")));
        QVERIFY(view.findingsView()->toPlainText().size() > 0);
        QCOMPARE(commandCalls(), before); // the remote served nothing for the analysis
        QTRY_VERIFY(!view.isBusy());

        bool stopped = false;
        mirror.stop(true, [&stopped](const QString &) { stopped = true; });
        QTRY_VERIFY_WITH_TIMEOUT(stopped, 10000);
        QTRY_VERIFY(!view.mirrorOffered()); // not in sync any more
    }
    QVERIFY(!view.mirrorOffered());
}

QTEST_MAIN(TstAnalysisView)
#include "tst_analysis_view.moc"
