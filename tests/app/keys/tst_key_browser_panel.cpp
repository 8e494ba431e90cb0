// KeyBrowserPanel on the offscreen platform, against redis-server and the Local engine
// (test_backend.h): the tree fills from a scan, opening a hash, list, sorted set and string shows
// their values, editing a string writes it (TTL kept), deleting a key (confirmed in the real
// QMessageBox) removes it from the server and the tree, and a 200k-element list opens with only
// its first chunk loaded.
#include "connection/redis_connection.h"
#include "keys/bulk_delete_dialog.h"
#include "keys/key_browser_panel.h"
#include "keys/key_tree_model.h"
#include "redis_test_client.h"
#include "test_backend.h"
#include "values/collection_value_view.h"
#include "values/string_value_view.h"
#include "values/value_panel.h"
#include "widgets/confirm.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableView>
#include <QScrollBar>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestBackend;

class TstKeyBrowserPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void fillsFromTheServer();
    void opensAHash();
    void opensABigListInstantly();
    void opensASortedSetByScore();
    void opensJsonStringAndSavesAnEdit();
    void largeJsonShowsItsFirstScreenThenAllOfIt();
    void deletingAKeyRemovesItFromTheTree();
    void filterScansOnlyMatchingKeys();
    void errorsAreShown();
    void bulkDeleteFromTheSelectedNamespace();
    void readOnlyDisablesBulkDelete();

private:
    void openKey(const QByteArray &name);
    std::string run(const std::vector<std::string> &args);

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisTestClient> m_client;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<KeyBrowserPanel> m_panel;
};

std::string TstKeyBrowserPanel::run(const std::vector<std::string> &args)
{
    return m_client->run(args);
}

void TstKeyBrowserPanel::initTestCase()
{
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_client = m_server->client();
    QVERIFY(m_client->connected());
    for (int i = 0; i < 3000; i += 500) {
        std::vector<std::string> mset{"MSET"};
        for (int j = i; j < i + 500; ++j) {
            mset.push_back("user:" + std::to_string(j) + ":name");
            mset.push_back("User " + std::to_string(j));
        }
        QCOMPARE(run(mset), std::string("+OK"));
    }
    QCOMPARE(run({"HSET", "profile:1", "name", "Ada", "lang", "en", "city", "London"}),
             std::string(":3"));
    QCOMPARE(run({"ZADD", "board:weekly", "30", "carol", "10", "alice", "20", "bob"}),
             std::string(":3"));
    QCOMPARE(run({"SET", "config:json", R"({"theme":"dark","sizes":[1,2,3]})"}),
             std::string("+OK"));
    QCOMPARE(run({"EXPIRE", "config:json", "1000"}), std::string(":1"));
    for (int i = 0; i < 200000; i += 1000) {
        std::vector<std::string> push{"RPUSH", "room:lobby:messages"};
        for (int j = i; j < i + 1000; ++j)
            push.push_back("message " + std::to_string(j));
        m_client->append(push);
    }
    for (int i = 0; i < 200; ++i)
        QVERIFY(m_client->readReply().rfind("<io", 0) != 0);
}

void TstKeyBrowserPanel::init()
{
    ConnectionSettings settings = m_server->settings();
    m_connection = std::make_unique<RedisConnection>(settings);
    m_panel = std::make_unique<KeyBrowserPanel>(m_connection.get());
    m_panel->resize(1200, 700);
    m_panel->show();
    QSignalSpy settled(m_panel.get(), &KeyBrowserPanel::scanSettled);
    m_connection->connectToServer();
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() >= 1, 20000);
    QVERIFY(settled.last().first().toBool());
}

void TstKeyBrowserPanel::cleanup()
{
    m_panel.reset();
    m_connection.reset();
}

void TstKeyBrowserPanel::openKey(const QByteArray &name)
{
    m_panel->jumpToKey(name);
    QTRY_COMPARE(m_panel->valuePanel()->currentKey(), name);
    QTRY_VERIFY(!m_panel->valuePanel()->currentType().isEmpty());
}

void TstKeyBrowserPanel::fillsFromTheServer()
{
    KeyTreeModel *model = m_panel->model();
    QCOMPARE(model->keyCount(), 3004u);
    QVERIFY(m_panel->statusText().contains(QStringLiteral("3")));
    QStringList roots;
    for (int row = 0; row < model->rowCount(); ++row)
        roots << model->index(row, 0).data().toString().remove(QLatin1Char(','));
    QCOMPARE(roots,
             QStringList({"board (1)", "config (1)", "profile (1)", "room (1)", "user (3000)"}));
    // Expanding "user" shows one page and a "load more" row.
    const QModelIndex user = model->index(4, 0);
    m_panel->treeView()->expand(user);
    QTRY_COMPARE(model->rowCount(user), KeyTreeModel::kPageSize + 1);
    QTest::qWait(100); // the view must not page through the rest on its own
    QCOMPARE(model->rowCount(user), KeyTreeModel::kPageSize + 1);
    // Scrolling down to the end of the page loads the next one, without a click; the page after
    // that waits until it is scrolled to as well.
    const QModelIndex more = model->index(KeyTreeModel::kPageSize, 0, user);
    QCOMPARE(model->kind(more), KeyTreeModel::RowKind::LoadMore);
    m_panel->treeView()->scrollTo(more);
    QTRY_COMPARE(model->rowCount(user), 2 * KeyTreeModel::kPageSize + 1);
    QTest::qWait(100);
    QCOMPARE(model->rowCount(user), 2 * KeyTreeModel::kPageSize + 1);
    QScrollBar *scroll = m_panel->treeView()->verticalScrollBar();
    for (int i = 0; i < 50 && model->rowCount(user) < 3000; ++i) {
        scroll->setValue(scroll->maximum());
        QTest::qWait(20);
    }
    QTRY_COMPARE(model->rowCount(user), 3000); // all of it, the "more" row gone
    // Type and TTL arrive lazily for rows on screen.
    const QModelIndex config = model->index(1, 0);
    m_panel->treeView()->expand(config);
    QTRY_COMPARE(model->rowCount(config), 1);
    const QModelIndex json = model->index(0, KeyTreeModel::TypeColumn, config);
    json.data(); // the view may not have painted it yet
    QTRY_COMPARE(json.data().toString(), QStringLiteral("string"));
    QTRY_VERIFY(!json.siblingAtColumn(KeyTreeModel::TtlColumn).data().toString().isEmpty());
    QVERIFY(json.siblingAtColumn(KeyTreeModel::TtlColumn).data().toString() !=
            KeyTreeModel::tr("No limit"));
}

void TstKeyBrowserPanel::opensAHash()
{
    openKey("profile:1");
    QCOMPARE(m_panel->valuePanel()->currentType(), QStringLiteral("hash"));
    CollectionValueModel *model = m_panel->valuePanel()->collectionView()->model();
    QTRY_COMPARE(model->rowCount(), 3);
    QMap<QString, QString> fields;
    for (int row = 0; row < 3; ++row)
        fields[model->index(row, 0).data().toString()] = model->index(row, 1).data().toString();
    QCOMPARE(fields.value("name"), QStringLiteral("Ada"));
    QCOMPARE(fields.value("city"), QStringLiteral("London"));
    QTRY_COMPARE(model->total(), 3);

    // Editing a value cell writes HSET.
    for (int r = 0; r < 3; ++r) {
        if (model->index(r, 0).data().toString() == QLatin1String("city"))
            QVERIFY(model->setData(model->index(r, 1), QStringLiteral("Paris"), Qt::EditRole));
    }
    QTRY_COMPARE(run({"HGET", "profile:1", "city"}), std::string("$Paris"));
    // Adding and removing elements.
    model->addElement("zip", "75001");
    QTRY_COMPARE(run({"HGET", "profile:1", "zip"}), std::string("$75001"));
    QTRY_COMPARE(model->rowCount(), 4);
    int zipRow = -1;
    for (int r = 0; r < 4; ++r) {
        if (model->element(r) == "zip") zipRow = r;
    }
    model->removeElements({zipRow});
    QTRY_COMPARE(run({"HEXISTS", "profile:1", "zip"}), std::string(":0"));
    QTRY_COMPARE(model->rowCount(), 3);
}

void TstKeyBrowserPanel::opensABigListInstantly()
{
    openKey("room:lobby:messages");
    CollectionValueModel *model = m_panel->valuePanel()->collectionView()->model();
    QTRY_COMPARE(model->total(), 200000);
    QTRY_COMPARE(model->rowCount(), CollectionValueModel::kChunk); // only the first chunk
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("message 0"));
    QCOMPARE(model->index(499, 0).data().toString(), QStringLiteral("499"));
    QVERIFY(model->canFetchMore({}));
    model->fetchMore({});
    QTRY_COMPARE(model->rowCount(), 2 * CollectionValueModel::kChunk);
    QCOMPARE(model->index(700, 1).data().toString(), QStringLiteral("message 700"));
}

void TstKeyBrowserPanel::opensASortedSetByScore()
{
    openKey("board:weekly");
    QCOMPARE(m_panel->valuePanel()->currentType(), QStringLiteral("zset"));
    CollectionValueModel *model = m_panel->valuePanel()->collectionView()->model();
    QTRY_COMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("alice"));
    QCOMPARE(model->index(2, 0).data().toString(), QStringLiteral("carol"));
    QCOMPARE(model->index(2, 1).data().toString(), QStringLiteral("30"));
    // Clicking the score header sorts descending, server-side.
    m_panel->valuePanel()->collectionView()->table()->sortByColumn(1, Qt::DescendingOrder);
    QTRY_COMPARE(model->index(0, 0).data().toString(), QStringLiteral("carol"));
    QTRY_COMPARE(model->rowCount(), 3);
}

void TstKeyBrowserPanel::opensJsonStringAndSavesAnEdit()
{
    openKey("config:json");
    StringValueView *view = m_panel->valuePanel()->stringView();
    QTRY_VERIFY(view->isLoaded());
    QCOMPARE(view->mode(), StringValueView::Mode::Json);
    // Keys in the document's order (QJsonDocument used to sort "sizes" first).
    QCOMPARE(view->editor()->toPlainText(),
             QStringLiteral("{\n    \"theme\": \"dark\",\n    \"sizes\": [\n        1,\n"
                            "        2,\n        3\n    ]\n}"));
    QVERIFY(view->editor()->isReadOnly());
    view->setMode(StringValueView::Mode::Hex);
    QVERIFY(view->editor()->toPlainText().startsWith(QStringLiteral("00000000  7b 22")));
    view->setMode(StringValueView::Mode::Text);
    QVERIFY(!view->editor()->isReadOnly());
    auto *save = view->findChild<QPushButton *>(QStringLiteral("stringSave"));
    QVERIFY(!save->isEnabled());
    view->editor()->selectAll();
    view->editor()->insertPlainText(QStringLiteral(R"({"theme":"light"})")); // as pasted
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(run({"GET", "config:json"}), std::string(R"($)") + R"({"theme":"light"})");
    const std::string ttl = run({"TTL", "config:json"});
    QVERIFY2(ttl != ":-1" && ttl.rfind(":", 0) == 0, ttl.c_str()); // KEEPTTL kept it
    QTRY_VERIFY(!save->isEnabled());
    // The JSON view shows what was saved, and says where saved text stops being JSON.
    const auto *status = view->findChild<QLabel *>(QStringLiteral("stringStatus"));
    QTRY_COMPARE(status->text(), QStringLiteral("Saved"));
    view->setMode(StringValueView::Mode::Json);
    QCOMPARE(view->editor()->toPlainText(), QStringLiteral("{\n    \"theme\": \"light\"\n}"));
    view->setMode(StringValueView::Mode::Text);
    view->editor()->selectAll();
    view->editor()->insertPlainText(QStringLiteral(R"({"theme":)"));
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(status->text(), QStringLiteral("Saved"));
    QCOMPARE(run({"GET", "config:json"}), std::string("${\"theme\":"));
    view->setMode(StringValueView::Mode::Json);
    QCOMPARE(view->editor()->toPlainText(), QStringLiteral(R"({"theme":)"));
    QVERIFY2(status->text().contains(QStringLiteral("unexpected end at line 1, column 10")),
             qPrintable(status->text()));
}

// Large JSON is shown from its first screen while the worker formats the rest; the rest is
// then appended behind it. The result must read as one document, in the document's key order.
void TstKeyBrowserPanel::largeJsonShowsItsFirstScreenThenAllOfIt()
{
    std::string json = R"({"zz":[)";
    for (int i = 0; i < 20000; ++i) {
        json += i ? R"(,{"name":"n)" : R"({"name":"n)";
        json += std::to_string(i);
        json += R"(","id":)";
        json += std::to_string(i);
        json += '}';
    }
    json += R"(],"aa":true})";
    QCOMPARE(run({"SET", "large:json", json}), std::string("+OK"));
    const auto removeKey = qScopeGuard([this] { run({"DEL", "large:json"}); });
    openKey("large:json");
    StringValueView *view = m_panel->valuePanel()->stringView();
    QTRY_VERIFY(view->isLoaded());
    QCOMPARE(view->mode(), StringValueView::Mode::Json);
    QVERIFY(view->editor()->toPlainText().startsWith(
        QStringLiteral("{\n    \"zz\": [\n        {\n            \"name\": \"n0\",\n")));
    QTRY_VERIFY_WITH_TIMEOUT(view->isRendered(), 20000);
    const QString text = view->editor()->toPlainText();
    QCOMPARE(text.count(QLatin1Char('\n')), 20000 * 4 + 4);
    QVERIFY(text.endsWith(QStringLiteral("        }\n    ],\n    \"aa\": true\n}")));
    QJsonParseError error{};
    const QJsonDocument shown = QJsonDocument::fromJson(text.toUtf8(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(shown, QJsonDocument::fromJson(QByteArray::fromStdString(json)));
}

void TstKeyBrowserPanel::deletingAKeyRemovesItFromTheTree()
{
    QCOMPARE(run({"SET", "doomed:key", "x"}), std::string("+OK"));
    m_panel->refresh();
    QSignalSpy settled(m_panel.get(), &KeyBrowserPanel::scanSettled);
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() == 1, 20000);
    QVERIFY(m_panel->model()->findKey("doomed:key").isValid());
    openKey("doomed:key");
    QCOMPARE(m_panel->treeView()->currentIndex().data(KeyTreeModel::FullNameRole).toByteArray(),
             QByteArray("doomed:key"));

    bool confirmed = false;
    QTimer::singleShot(0, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("doomed:key")));
        box->button(QMessageBox::Yes)->click();
        confirmed = true;
    });
    QTest::mouseClick(
        m_panel->valuePanel()->findChild<QToolButton *>(QStringLiteral("valueDelete")),
        Qt::LeftButton);
    QVERIFY(confirmed);
    QTRY_COMPARE(run({"EXISTS", "doomed:key"}), std::string(":0"));
    QTRY_VERIFY(!m_panel->model()->findKey("doomed:key").isValid());
    for (int row = 0; row < m_panel->model()->rowCount(); ++row) // its namespace went too
        QVERIFY(!m_panel->model()->index(row, 0).data().toString().startsWith("doomed"));
    QTRY_VERIFY(m_panel->valuePanel()->currentKey().isEmpty());
}

void TstKeyBrowserPanel::filterScansOnlyMatchingKeys()
{
    QSignalSpy settled(m_panel.get(), &KeyBrowserPanel::scanSettled);
    m_panel->filterEdit()->setText(QStringLiteral("user:1??:*"));
    QTest::keyClick(m_panel->filterEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() == 1, 20000);
    QCOMPARE(m_panel->model()->keyCount(), 100u); // user:100:name .. user:199:name

    m_panel->filterEdit()->clear();
    QComboBox *type = m_panel->typeFilter();
    type->setCurrentIndex(type->findData(QVariant::fromValue(KeyType::SortedSet)));
    m_panel->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() == 2, 20000);
    QCOMPARE(m_panel->model()->keyCount(), 1u);
}

void TstKeyBrowserPanel::errorsAreShown()
{
    // The key vanishes behind the panel's back: opening it says so.
    QCOMPARE(run({"SET", "ghost", "x"}), std::string("+OK"));
    QCOMPARE(run({"DEL", "ghost"}), std::string(":1"));
    m_panel->jumpToKey("ghost");
    QTRY_VERIFY(m_panel->valuePanel()->errorText().contains(QStringLiteral("no longer exists")));
    // A server error on an edit is shown too (a non-numeric score).
    openKey("board:weekly");
    CollectionValueModel *model = m_panel->valuePanel()->collectionView()->model();
    QTRY_COMPARE(model->rowCount(), 3);
    QVERIFY(!model->setData(model->index(0, 1), QStringLiteral("abc"), Qt::EditRole));
    QTRY_VERIFY(m_panel->valuePanel()->errorText().contains(QStringLiteral("not a number")));
}

// Bulk delete (#7) through the real dialog: the selected namespace proposes "bulk:*", the
// preview counts 250, the confirmation names that count, and the tree is rescanned without them.
void TstKeyBrowserPanel::bulkDeleteFromTheSelectedNamespace()
{
    std::vector<std::string> mset{"MSET"};
    for (int i = 0; i < 250; ++i) {
        mset.push_back("bulk:" + std::to_string(i));
        mset.push_back("x");
    }
    QCOMPARE(run(mset), std::string("+OK"));
    QSignalSpy settled(m_panel.get(), &KeyBrowserPanel::scanSettled);
    m_panel->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() == 1, 20000);
    KeyTreeModel *model = m_panel->model();
    QModelIndex bulk;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString().startsWith(QStringLiteral("bulk ")))
            bulk = model->index(row, 0);
    }
    QVERIFY(bulk.isValid());
    m_panel->treeView()->setCurrentIndex(bulk);
    QCOMPARE(m_panel->bulkDeletePattern(), QByteArray("bulk:*"));

    QStringList questions;
    setConfirmFunction([&questions](QWidget *, const QString &, const QString &question) {
        questions << question;
        return true;
    });
    auto *button = m_panel->findChild<QPushButton *>(QStringLiteral("keyBulkDelete"));
    QVERIFY(button && button->isEnabled());
    button->click();
    auto *dialog = m_panel->findChild<BulkDeleteDialog *>();
    QVERIFY(dialog);
    auto *remove = dialog->findChild<QPushButton *>(QStringLiteral("bulkDeleteButton"));
    QTRY_VERIFY_WITH_TIMEOUT(remove->isEnabled(), 20000);
    QVERIFY2(remove->text().contains(QStringLiteral("250")), qPrintable(remove->text()));
    remove->click();
    QTRY_COMPARE_WITH_TIMEOUT(run({"EXISTS", "bulk:0", "bulk:249"}), std::string(":0"), 20000);
    setConfirmFunction({});
    QCOMPARE(questions.size(), 1);
    QVERIFY2(questions.first().contains(QStringLiteral("250")), qPrintable(questions.first()));
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() == 2, 20000);
    QCOMPARE(model->keyCount(), 3004u);
    QCOMPARE(run({"EXISTS", "user:0:name"}), std::string(":1"));
    dialog->close();
}

void TstKeyBrowserPanel::readOnlyDisablesBulkDelete()
{
    ConnectionSettings settings = m_server->settings();
    settings.readOnly = true;
    RedisConnection connection(settings);
    KeyBrowserPanel panel(&connection);
    auto *button = panel.findChild<QPushButton *>(QStringLiteral("keyBulkDelete"));
    QVERIFY(button);
    QVERIFY(!button->isEnabled());
    auto *sample = panel.findChild<QPushButton *>(QStringLiteral("keySampleData"));
    QVERIFY(sample && !sample->isEnabled());
}

QTEST_MAIN(TstKeyBrowserPanel)
#include "tst_key_browser_panel.moc"
