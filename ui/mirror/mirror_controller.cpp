// MirrorController implementation. The service is replaced only when no mirror runs; the
// banner follows the service's progressChanged signal and its Stop menu calls stop().
#include "mirror/mirror_controller.h"

#include "connection/connection_lifecycle.h"
#include "connection/connection_list_model.h"
#include "keys/key_browser_panel.h"
#include "mirror/mirror_banner.h"
#include "mirror/mirror_service.h"
#include "transfer/copy_dialog.h"
#include "transfer/transfer_actions.h"
#include "transfer/transfer_targets.h"
#include "window/connection_tab.h"
#include "window/connection_workspace.h"
#include "window/main_window.h"

#include <QComboBox>
#include <QMessageBox>
#include <QPushButton>

namespace redscope {

namespace {

QString displayName(RedisConnection *connection)
{
    const ConnectionLifecycle lifecycle(connection);
    return lifecycle.name().isEmpty() ? lifecycle.address() : lifecycle.name();
}

} // namespace

MirrorController::MirrorController(MainWindow *window, MirrorBanner *banner)
    : QObject(window)
    , m_window(window)
    , m_banner(banner)
{
    m_banner->hide();
    connect(m_banner, &MirrorBanner::stopRequested, this, [this](bool keep) {
        if (m_service) m_service->stop(keep);
    });
    connect(m_banner, &MirrorBanner::closeRequested, this, [this] {
        m_banner->hide();
        if (m_service && !m_service->isRunning()) delete m_service;
    });
    connect(m_banner, &MirrorBanner::copyRequested, this, &MirrorController::offerCopy);
}

MirrorService *MirrorController::service() const
{
    return m_service.data();
}

CopyDialog *MirrorController::copyDialog() const
{
    return m_copyDialog.data();
}

QMessageBox *MirrorController::openQuestion() const
{
    return m_question.data();
}

RedisConnection *MirrorController::localEngine() const
{
    return m_window->connections()->connectionAt(0);
}

bool MirrorController::canMirror(RedisConnection *remote) const
{
    RedisConnection *engine = localEngine();
    return remote && engine && remote != engine &&
           ConnectionLifecycle(remote).state() == ConnectionLifecycle::State::Ready &&
           ConnectionLifecycle(engine).state() == ConnectionLifecycle::State::Ready;
}

void MirrorController::mirror(RedisConnection *remote)
{
    if (!canMirror(remote)) return;
    if (m_service && m_service->isRunning()) {
        auto *box = new QMessageBox(
            QMessageBox::Information, tr("Mirror"),
            tr("The Local engine already mirrors %1. Stop that mirror "
               "first.")
                .arg(m_service->remote() ? ConnectionLifecycle(m_service->remote()).address()
                                         : tr("a server")),
            QMessageBox::Ok, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return;
    }
    delete m_service;
    m_service = new MirrorService(remote, localEngine(), this);
    connect(m_service, &MirrorService::progressChanged, m_banner, &MirrorBanner::showProgress);
    // The Local engine's key tree shows the data it held before: rescan it once the copy is
    // in (Live) and after a discard, so browsing shows the mirror without a manual Refresh.
    connect(m_service, &MirrorService::progressChanged, this,
            [this, previous = MirrorService::Phase::Idle](
                const MirrorService::Progress &progress) mutable {
                const bool becameLive = progress.phase == MirrorService::Phase::Live &&
                                        previous != MirrorService::Phase::Live;
                const bool stopped = progress.phase == MirrorService::Phase::Idle &&
                                     previous != MirrorService::Phase::Idle;
                previous = progress.phase;
                if (becameLive || stopped) refreshLocalKeys();
            });
    const ConnectionLifecycle target(remote);
    m_service->check([this, target](const MirrorService::Check &check) {
        if (!target.isValid() || !m_service) return;
        const QString name = displayName(target.connection());
        if (!check.error.isEmpty() || !check.fits()) {
            auto *box = new QMessageBox(
                QMessageBox::Warning, tr("Mirror into Local engine"),
                check.error.isEmpty()
                    ? tr("%1 cannot be mirrored here. %2").arg(name, check.summary())
                    : check.error,
                QMessageBox::Ok, m_window);
            box->setObjectName(QStringLiteral("mirrorRefusedBox"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            m_question = box;
            box->open();
            return;
        }
        ask(target.connection(), check.summary());
    });
}

// The export/copy feature's copy, from the refused server into the Local engine (preselected
// as the target); its dialog sets the rate and asks before writing.
void MirrorController::offerCopy()
{
    if (!m_service || !m_service->remote()) return;
    m_copyDialog = TransferActions::showCopy(m_service->remote(), {}, m_window);
    RedisConnection *engine = localEngine();
    if (!m_copyDialog || !engine) return;
    const TransferTargets targets = TransferTargetsProvider::available();
    const QString engineSocket = ConnectionLifecycle(engine).settings().unixSocket;
    for (int i = 0; i < targets.size(); ++i)
        if (!engineSocket.isEmpty() && targets[i].settings.unixSocket == engineSocket)
            m_copyDialog->targetBox()->setCurrentIndex(i);
}

void MirrorController::refreshLocalKeys()
{
    ConnectionTab *tab = m_window->tabFor(localEngine());
    if (!tab || !tab->workspace()) return;
    if (auto *keys = tab->workspace()->findChild<KeyBrowserPanel *>()) keys->refresh();
}

void MirrorController::ask(RedisConnection *remote, const QString &summary)
{
    const QString name = displayName(remote);
    auto *box =
        new QMessageBox(QMessageBox::Question, tr("Mirror into Local engine"),
                        tr("Make the Local engine a live, read-only replica of %1?").arg(name),
                        QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("mirrorQuestionBox"));
    box->setInformativeText(summary + QStringLiteral("\n\n") +
                            tr("The server forks for a snapshot and keeps a replica output "
                               "buffer while the mirror runs."));
    QPushButton *start = box->addButton(tr("Start mirror"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_question = box;
    const ConnectionLifecycle target(remote);
    connect(box, &QMessageBox::finished, this, [this, box, start, target, name] {
        if (box->clickedButton() != start || !target.isValid() || !m_service) return;
        m_banner->setTitle(tr("Mirror of %1 into the Local engine").arg(name));
        m_banner->show();
        m_service->start();
    });
    box->open();
}

} // namespace redscope
