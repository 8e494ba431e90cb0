// ConnectionErrorPage: what a connection's tab shows while it has nothing else to show:
// "Connecting to…" with Cancel, or why it failed (refused, unknown host, TLS/SSH, timeout, wrong
// password, NOAUTH) stated once, with Retry and Edit, and for WRONGPASS/NOAUTH a password
// field that retries with what is typed. The page only reads the connection's state and emits
// requests; ConnectionTab and MainWindow carry them out (the password goes to the connection,
// and to the keychain only when "Save password" is ticked, through ConnectionStore).
#pragma once

#include "connection/connection_lifecycle.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace redscope {

class ConnectionErrorPage : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionErrorPage(RedisConnection *connection, QWidget *parent = nullptr);

    // Whether Edit is offered (saved connections only) and "Save password" (when there is a
    // store to save it in).
    void setEditable(bool editable);
    void setCanSavePassword(bool canSave);

    // The headline and the one-line cause the page shows for a connection in this state;
    // the cause never repeats the headline.
    struct Explanation
    {
        QString title;
        QString cause;
        bool needsPassword = false;
    };
    static Explanation explain(ConnectionLifecycle::State state, const QString &error,
                               const QString &address);

    QLabel *titleLabel() const { return m_title; }
    QLabel *causeLabel() const { return m_cause; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *savePasswordCheck() const { return m_save; }
    QPushButton *passwordButton() const { return m_usePassword; }

signals:
    void retryRequested();
    void editRequested();
    void cancelRequested();
    // WRONGPASS/NOAUTH: connect again as `username` with `password`; save: keep it (keychain).
    void credentialsEntered(const QString &username, const QString &password, bool save);

private:
    void update();

    ConnectionLifecycle m_connection;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_address;
    QLabel *m_cause;
    QWidget *m_passwordBox;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QCheckBox *m_save;
    QPushButton *m_usePassword;
    QPushButton *m_retry;
    QPushButton *m_edit;
    QPushButton *m_cancel;
    bool m_editable = false;
    bool m_canSave = false;
};

} // namespace redscope
