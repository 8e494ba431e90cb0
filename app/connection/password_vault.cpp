// PasswordVault over QtKeychain jobs. Jobs have no parent and delete themselves after
// finished(): QtKeychain's libsecret backend calls back into a job after its asynchronous
// D-Bus call returns, so deleting a running job (as a parent would) crashes. Callbacks are
// connected with the vault as context, so none runs after the vault is gone.
#include "connection/password_vault.h"

#include <qt6keychain/keychain.h>

namespace redscope {

static const char kProbeKey[] = "redscope-keychain-probe";

PasswordVault::PasswordVault(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{}

QString PasswordVault::statusText() const
{
    switch (m_status) {
    case Status::Unknown:
    case Status::Probing:
        return tr("Looking for the system keychain…");
    case Status::Available:
        return tr("Passwords are kept in the system keychain.");
    case Status::Unavailable:
        return tr("No system keychain is available (%1).").arg(m_detail);
    case Status::Disabled:
        return tr("The system keychain is not used.");
    }
    return {};
}

void PasswordVault::setStatus(Status status, const QString &detail)
{
    m_detail = detail;
    if (status == m_status) return;
    m_status = status;
    emit statusChanged(status);
}

void PasswordVault::probe()
{
    if (m_status != Status::Unknown) return;
    setStatus(Status::Probing, {});
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(QString::fromLatin1(kProbeKey));
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (m_status != Status::Probing) return;
        const bool answered =
            job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        setStatus(answered ? Status::Available : Status::Unavailable, job->errorString());
    });
    job->start();
}

void PasswordVault::disable()
{
    setStatus(Status::Disabled, {});
}

void PasswordVault::read(const QString &key, ReadCallback callback)
{
    if (m_status == Status::Disabled || m_status == Status::Unavailable) {
        QMetaObject::invokeMethod(
            this, [this, callback] { callback(false, {}, statusText()); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [job, callback] {
        if (job->error() == QKeychain::NoError)
            callback(true, job->textData(), {});
        else
            callback(false, {}, job->errorString());
    });
    job->start();
}

void PasswordVault::write(const QString &key, const QString &password, WriteCallback callback)
{
    if (m_status != Status::Available) {
        QMetaObject::invokeMethod(
            this, [this, callback] { callback(false, statusText()); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [job, callback] {
        callback(job->error() == QKeychain::NoError, job->errorString());
    });
    job->start();
}

void PasswordVault::remove(const QString &key)
{
    if (m_status != Status::Available) return;
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->start();
}

} // namespace redscope
