// PasswordVault: connection passwords in the OS keychain (Secret Service, KWallet, macOS
// Keychain, Windows Credential Store) through QtKeychain. Every operation is an asynchronous
// QtKeychain job whose result arrives through a callback on the GUI thread, so a slow or
// locked keychain never freezes the window. QtKeychain's "insecure fallback" (plain text in
// QSettings) stays off: when no keychain service answers, the vault reports Unavailable and
// the caller decides what to do with the password. Passwords are never logged here.
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace redscope {

class PasswordVault : public QObject
{
    Q_OBJECT

public:
    enum class Status { Unknown, Probing, Available, Unavailable, Disabled };
    Q_ENUM(Status)

    using ReadCallback = std::function<void(bool found, const QString &password,
                                            const QString &error)>;
    using WriteCallback = std::function<void(bool ok, const QString &error)>;

    explicit PasswordVault(const QString &service, QObject *parent = nullptr);

    QString service() const { return m_service; }
    Status status() const { return m_status; }
    QString statusText() const;
    bool isAvailable() const { return m_status == Status::Available; }

    // Asks the keychain once (a read of a key that is never written) to learn whether a
    // service answers; statusChanged() reports the answer.
    void probe();
    // Turns the vault off for good (tests, or a user who wants no keychain): every read and
    // write fails at once and status() is Disabled.
    void disable();

    // Callbacks run later from the event loop, never inside the call, and not after the vault
    // is destroyed.
    void read(const QString &key, ReadCallback callback);
    void write(const QString &key, const QString &password, WriteCallback callback);
    void remove(const QString &key);

signals:
    void statusChanged(redscope::PasswordVault::Status status);

private:
    void setStatus(Status status, const QString &detail);

    QString m_service;
    Status m_status = Status::Unknown;
    QString m_detail;
};

} // namespace redscope
