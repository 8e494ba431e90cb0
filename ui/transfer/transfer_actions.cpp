// TransferActions and TransferTargetsProvider (see transfer_actions.h, transfer_targets.h).
#include "transfer/transfer_actions.h"

#include "transfer/compare_dialog.h"
#include "transfer/copy_dialog.h"
#include "transfer/export_dialog.h"
#include "transfer/import_dialog.h"
#include "transfer/transfer_endpoint.h"
#include "transfer/transfer_targets.h"

namespace redscope {

namespace {
std::function<TransferTargets()> &provider()
{
    static std::function<TransferTargets()> instance;
    return instance;
}

template <typename Dialog> Dialog *present(Dialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->raise();
    return dialog;
}
} // namespace

void TransferTargetsProvider::set(std::function<TransferTargets()> source)
{
    provider() = std::move(source);
}

TransferTargets TransferTargetsProvider::available()
{
    return provider() ? provider()() : TransferTargets();
}

namespace TransferActions {

ExportDialog *showExport(RedisConnection *connection, const QList<QByteArray> &keys,
                         QWidget *parent)
{
    return present(new ExportDialog(TransferEndpoint::of(connection), keys, parent));
}

ImportDialog *showImport(RedisConnection *connection, QWidget *parent)
{
    return present(new ImportDialog(TransferEndpoint::of(connection), parent));
}

CopyDialog *showCopy(RedisConnection *connection, const QList<QByteArray> &keys, QWidget *parent)
{
    TransferTargets targets = TransferTargetsProvider::available();
    // The source itself stays a choice: another database of the same server.
    return present(new CopyDialog(TransferEndpoint::of(connection), keys, targets, parent));
}

CompareDialog *showCompare(RedisConnection *connection, QWidget *parent)
{
    return present(new CompareDialog(TransferEndpoint::of(connection),
                                     TransferTargetsProvider::available(), parent));
}

} // namespace TransferActions

} // namespace redscope
