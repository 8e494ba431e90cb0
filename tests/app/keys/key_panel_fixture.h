// KeyPanelFixture: what the key browser's live suites (tst_key_browser_live, tst_live_numbers)
// share: a backend (redis-server or the Local engine, test_backend.h) with a raw client that
// changes data behind the app's back, and a KeyBrowserPanel on its own connection, shown at a
// desktop size, its key tree under QAbstractItemModelTester, ready once its first scan settled.
// A suite derives from it instead of QObject and calls startServer() from initTestCase(),
// startPanel() where a test needs the panel and stopPanel() from cleanup(). The English
// catalogue is installed as the app installs it at start: counts read "4 keys", not "4 key(s)".
#pragma once

#include "connection/redis_connection.h"
#include "keys/key_browser_panel.h"
#include "preferences/language.h"
#include "redis_test_client.h"
#include "test_backend.h"

#include <QAbstractItemModelTester>
#include <QObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <string>
#include <vector>

namespace redscope::test {

class KeyPanelFixture : public QObject
{
protected:
    // The backend and the raw client; a failure fails the calling test function.
    void startServer()
    {
        Language::install(LanguageChoice::English);
        m_server = TestBackend::start();
        QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
        m_client = m_server->client();
        QVERIFY(m_client->connected());
    }

    // A fresh connection and panel; returns once the panel's first scan settled.
    void startPanel()
    {
        m_connection = std::make_unique<RedisConnection>(m_server->settings());
        m_panel = std::make_unique<KeyBrowserPanel>(m_connection.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_panel->resize(1200, 700);
        m_panel->show();
        QSignalSpy settled(m_panel.get(), &KeyBrowserPanel::scanSettled);
        m_connection->connectToServer();
        QTRY_VERIFY_WITH_TIMEOUT(settled.size() >= 1, 20000);
    }

    // The tester goes before the model it watches, the panel before its connection.
    void stopPanel()
    {
        m_tester.reset();
        m_panel.reset();
        m_connection.reset();
    }

    std::string run(const std::vector<std::string> &args) { return m_client->run(args); }

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisTestClient> m_client;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<KeyBrowserPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

} // namespace redscope::test
