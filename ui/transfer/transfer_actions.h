// The transfer dialogs opened from elsewhere in the window: one function each, so the menu bar
// and the key browser open them the same way (non-modal, deleted on close).
#pragma once

#include <QByteArray>
#include <QList>

class QWidget;

namespace redscope {

class RedisConnection;
class ExportDialog;
class ImportDialog;
class CopyDialog;
class CompareDialog;

namespace TransferActions {
ExportDialog *showExport(RedisConnection *connection, const QList<QByteArray> &keys,
                         QWidget *parent);
ImportDialog *showImport(RedisConnection *connection, QWidget *parent);
CopyDialog *showCopy(RedisConnection *connection, const QList<QByteArray> &keys, QWidget *parent);
CompareDialog *showCompare(RedisConnection *connection, QWidget *parent);
} // namespace TransferActions

} // namespace redscope
