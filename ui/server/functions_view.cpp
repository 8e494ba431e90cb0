// The stats poll (two cheap commands every 2 s) runs only while the tab is visible; the library
// list is read on show, on Refresh and after each action, not polled: code can be large.
#include "server/functions_view.h"

#include "server/function_library_model.h"
#include "server/function_load_dialog.h"
#include "server/lua_highlighter.h"
#include "widgets/confirm.h"

#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace redscope {

static constexpr int kStatsIntervalMs = 2000;

FunctionsView::FunctionsView(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_service(connection)
    , m_model(new FunctionLibraryModel(this))
    , m_view(new QTreeView(this))
    , m_code(new QPlainTextEdit(this))
    , m_pages(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_calls(new QLabel(this))
    , m_status(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("functionsTree"));
    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);

    m_code->setObjectName(QStringLiteral("functionsCode"));
    m_code->setReadOnly(true);
    m_code->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_code->setPlaceholderText(tr("Select a library to see its code."));
    new LuaHighlighter(m_code->document());

    m_empty->setObjectName(QStringLiteral("functionsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(tr("<p><b>No function library is loaded on this server.</b></p>"
                        "<p>Load one with <b>Load…</b>: Lua code that starts with "
                        "<code>#!lua name=&lt;library&gt;</code> and registers functions with "
                        "<code>redis.register_function</code>.<br>Or restore libraries from a "
                        "FUNCTION DUMP file.</p>"));
    m_empty->setContentsMargins(24, 24, 24, 24);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_code);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    m_pages->addWidget(m_empty);
    m_pages->addWidget(splitter);

    m_calls->setObjectName(QStringLiteral("functionsCalls"));
    m_calls->setWordWrap(true);
    m_calls->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *hint = new QLabel(tr("Redis 7.0 keeps no call counters per function: the totals are "
                               "INFO commandstats' for FCALL and FCALL_RO (all functions, since "
                               "the last CONFIG RESETSTAT)."),
                            this);
    hint->setObjectName(QStringLiteral("functionsHint"));
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText); // follows the theme's palette
    m_status->setObjectName(QStringLiteral("functionsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_loadButton = new QPushButton(tr("Load…"), this);
    m_loadButton->setObjectName(QStringLiteral("functionsLoad"));
    m_loadButton->setToolTip(tr("FUNCTION LOAD: add a library from Lua code"));
    m_deleteButton = new QPushButton(tr("Delete library…"), this);
    m_deleteButton->setObjectName(QStringLiteral("functionsDelete"));
    m_deleteButton->setToolTip(tr("FUNCTION DELETE of the selected library"));
    m_flushButton = new QToolButton(this);
    m_flushButton->setObjectName(QStringLiteral("functionsFlush"));
    m_flushButton->setText(tr("Flush"));
    m_flushButton->setToolTip(tr("FUNCTION FLUSH: delete every library"));
    m_flushButton->setPopupMode(QToolButton::InstantPopup);
    m_flushButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *flushMenu = new QMenu(m_flushButton);
    flushMenu->addAction(tr("Flush all libraries (ASYNC)…"), this,
                         [this] { flush(FunctionService::Flush::Async); });
    flushMenu->addAction(tr("Flush all libraries (SYNC)…"), this,
                         [this] { flush(FunctionService::Flush::Sync); });
    m_flushButton->setMenu(flushMenu);
    m_dumpButton = new QPushButton(tr("Dump…"), this);
    m_dumpButton->setObjectName(QStringLiteral("functionsDump"));
    m_dumpButton->setToolTip(tr("FUNCTION DUMP: save every library to a file"));
    m_restoreButton = new QPushButton(tr("Restore…"), this);
    m_restoreButton->setObjectName(QStringLiteral("functionsRestore"));
    m_restoreButton->setToolTip(tr("FUNCTION RESTORE: load libraries from a dump file"));
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("functionsRefresh"));

    connect(m_loadButton, &QPushButton::clicked, this, &FunctionsView::openLoadDialog);
    connect(m_deleteButton, &QPushButton::clicked, this, &FunctionsView::deleteSelected);
    connect(m_dumpButton, &QPushButton::clicked, this, &FunctionsView::chooseDumpFile);
    connect(m_restoreButton, &QPushButton::clicked, this, &FunctionsView::chooseRestoreFile);
    connect(refreshButton, &QPushButton::clicked, this, &FunctionsView::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        showSelectedCode();
        updateActions();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &FunctionsView::updateActions);

    m_readOnly = m_service.settings().readOnly;
    if (m_readOnly) {
        const QList<QWidget *> writes{m_loadButton, m_deleteButton, m_flushButton, m_restoreButton};
        for (QWidget *button : writes)
            button->setToolTip(tr("Disabled: this connection is read-only"));
    }

    m_statsTimer.setInterval(kStatsIntervalMs);
    connect(&m_statsTimer, &QTimer::timeout, this, &FunctionsView::refreshStats);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_loadButton);
    bar->addWidget(m_deleteButton);
    bar->addWidget(m_flushButton);
    bar->addSpacing(12);
    bar->addWidget(m_dumpButton);
    bar->addWidget(m_restoreButton);
    bar->addStretch(1);
    bar->addWidget(refreshButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_calls);
    layout->addWidget(hint);
    layout->addWidget(m_status);
    updateActions();
}

void FunctionsView::setConnection(RedisConnection *connection)
{
    if (!m_service.switchTo(connection, this)) return;
    if (isVisible()) return refresh();
    m_loadedOnce = false;
}

void FunctionsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce) refresh();
    m_statsTimer.start();
}

void FunctionsView::hideEvent(QHideEvent *event)
{
    m_statsTimer.stop();
    QWidget::hideEvent(event);
}

QString FunctionsView::statusText() const
{
    return m_status->text();
}

QString FunctionsView::callsText() const
{
    return m_calls->text();
}

bool FunctionsView::isShowingEmptyState() const
{
    return m_pages->currentWidget() == m_empty;
}

void FunctionsView::showStatus(const QString &text, bool error)
{
    m_statusIsError = error;
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_status->setText(text);
}

QString FunctionsView::selectedLibrary() const
{
    const FunctionLibrary *library = m_model->libraryAt(m_view->currentIndex());
    return library ? library->name : QString();
}

void FunctionsView::selectLibrary(const QString &name)
{
    const int row = m_model->libraryRow(name);
    if (row < 0) return;
    const QModelIndex index = m_model->index(row, 0);
    m_view->setCurrentIndex(index);
    m_view->expand(index);
}

void FunctionsView::refresh()
{
    m_loadedOnce = true;
    const QString selected = selectedLibrary();
    m_service.libraries(this, [this, selected](const Result<QList<FunctionLibrary>> &libraries) {
        if (!libraries.ok()) {
            showStatus(tr("FUNCTION LIST failed: %1").arg(libraries.error), true);
            emit refreshed();
            return;
        }
        m_model->setLibraries(libraries.value);
        m_pages->setCurrentWidget(libraries.value.isEmpty() ? static_cast<QWidget *>(m_empty)
                                                            : m_pages->widget(1));
        if (!libraries.value.isEmpty()) {
            m_view->expandAll(); // fetches every library's function rows
            m_view->resizeColumnToContents(FunctionLibraryModel::Name);
            m_view->resizeColumnToContents(FunctionLibraryModel::Flags);
            selectLibrary(m_model->libraryRow(selected) >= 0 ? selected
                                                             : libraries.value.first().name);
        }
        showSelectedCode();
        if (m_statusIsError) showStatus({}, false); // the next success clears an old error
        emit refreshed();
    });
    refreshStats();
}

void FunctionsView::refreshStats()
{
    m_service.stats(this, [this](const Result<FunctionStats> &stats) {
        if (!stats.ok()) {
            m_calls->setText(tr("Calls unknown: %1").arg(stats.error));
            return;
        }
        const FunctionStats &s = stats.value;
        const QLocale locale;
        auto calls = [&locale, this](qint64 n) {
            if (n <= 0) return tr("no calls");
            return n == 1 ? tr("1 call") : tr("%1 calls").arg(locale.toString(n));
        };
        QString text;
        if (!s.callsError.isEmpty()) {
            text = tr("FCALL and FCALL_RO totals unknown (%1)").arg(s.callsError.left(80));
        } else {
            text = tr("FCALL: %1 · FCALL_RO: %2").arg(calls(s.fcallCalls), calls(s.fcallRoCalls));
            if (s.fcallFailed > 0) text += tr(" · %1 failed").arg(locale.toString(s.fcallFailed));
        }
        text += QStringLiteral(" · ");
        text += s.runningName.isEmpty()
                    ? tr("no function running")
                    : tr("running now: %1 for %2 ms (%3)")
                          .arg(s.runningName, locale.toString(s.runningMs),
                               s.runningCommand.join(QLatin1Char(' ')).left(120));
        m_calls->setText(text);
    });
}

void FunctionsView::showSelectedCode()
{
    const FunctionLibrary *library = m_model->libraryAt(m_view->currentIndex());
    const QString code = library ? library->code : QString();
    if (m_code->toPlainText() != code) m_code->setPlainText(code);
}

void FunctionsView::updateActions()
{
    const bool any = m_model->rowCount() > 0;
    m_loadButton->setEnabled(!m_readOnly);
    m_deleteButton->setEnabled(!m_readOnly && !selectedLibrary().isEmpty());
    m_flushButton->setEnabled(!m_readOnly && any);
    m_dumpButton->setEnabled(any);
    m_restoreButton->setEnabled(!m_readOnly);
}

// On a production connection the ProductionGuard asks, naming the server; asking here too
// would be the same question twice.
bool FunctionsView::askUnlessGuarded(const QString &title, const QString &question)
{
    if (m_service.settings().production) return true;
    return confirmAction(this, title, question);
}

FunctionLoadDialog *FunctionsView::openLoadDialog()
{
    if (m_loadDialog) {
        m_loadDialog->raise();
        return m_loadDialog;
    }
    m_loadDialog = new FunctionLoadDialog(m_service, this);
    m_loadDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_loadDialog, &QDialog::accepted, this, [this, dialog = m_loadDialog] {
        const QString name = dialog->loadedLibrary();
        showStatus(tr("Library %1 loaded.").arg(name), false);
        refresh();
        // refresh() keeps the old selection; the new library is what the user wants to see.
        connect(
            this, &FunctionsView::refreshed, this, [this, name] { selectLibrary(name); },
            Qt::SingleShotConnection);
    });
    m_loadDialog->open();
    return m_loadDialog;
}

void FunctionsView::deleteSelected()
{
    const QString name = selectedLibrary();
    if (name.isEmpty()) return;
    if (!askUnlessGuarded(tr("Delete library"),
                          tr("Delete the function library %1 and its functions?").arg(name)))
        return;
    m_service.deleteLibrary(name, this, [this, name](const Status &status) {
        if (!status.ok())
            return showStatus(tr("FUNCTION DELETE %1 failed: %2").arg(name, status.error), true);
        showStatus(tr("Library %1 deleted.").arg(name), false);
        refresh();
    });
}

void FunctionsView::flush(FunctionService::Flush mode)
{
    if (!askUnlessGuarded(tr("Flush functions"),
                          tr("Delete every function library on this server?")))
        return;
    const QString word =
        mode == FunctionService::Flush::Async ? QStringLiteral("ASYNC") : QStringLiteral("SYNC");
    m_service.flush(mode, this, [this, word](const Status &status) {
        if (!status.ok())
            return showStatus(tr("FUNCTION FLUSH %1 failed: %2").arg(word, status.error), true);
        showStatus(tr("Every library was deleted (FUNCTION FLUSH %1).").arg(word), false);
        refresh();
    });
}

void FunctionsView::dumpTo(const QString &path)
{
    m_service.dump(this, [this, path](const Result<QByteArray> &payload) {
        if (!payload.ok())
            return showStatus(tr("FUNCTION DUMP failed: %1").arg(payload.error), true);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(payload.value) != payload.value.size() ||
            !file.commit()) {
            return showStatus(tr("Cannot write %1: %2").arg(path, file.errorString()), true);
        }
        showStatus(tr("%1 libraries dumped to %2 (%3 bytes).")
                       .arg(m_model->rowCount())
                       .arg(path, QLocale().toString(payload.value.size())),
                   false);
    });
}

void FunctionsView::restoreFrom(const QString &path, FunctionService::RestorePolicy policy)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return showStatus(tr("Cannot read %1: %2").arg(path, file.errorString()), true);
    const QByteArray payload = file.readAll();
    if (policy != FunctionService::RestorePolicy::Append &&
        !askUnlessGuarded(
            tr("Restore functions"),
            policy == FunctionService::RestorePolicy::Flush
                ? tr("Delete every function library, then restore those of %1?").arg(path)
                : tr("Overwrite libraries of the same names with those of %1?").arg(path)))
        return;
    m_service.restore(payload, policy, this, [this, path](const Status &status) {
        if (!status.ok())
            return showStatus(tr("FUNCTION RESTORE failed: %1").arg(status.error), true);
        showStatus(tr("Libraries restored from %1.").arg(path), false);
        refresh();
    });
}

void FunctionsView::chooseDumpFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Dump function libraries"),
                                                      QStringLiteral("functions.dump"),
                                                      tr("Function dumps (*.dump);;All files (*)"));
    if (!path.isEmpty()) dumpTo(path);
}

void FunctionsView::chooseRestoreFile()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Restore function libraries"), QString(),
                                     tr("Function dumps (*.dump);;All files (*)"));
    if (path.isEmpty()) return;
    const QStringList choices{
        tr("APPEND: add the libraries; fail if a name exists"),
        tr("REPLACE: add the libraries, overwriting those of the same names"),
        tr("FLUSH: delete every library first"),
    };
    bool ok = false;
    const QString choice = QInputDialog::getItem(this, tr("Restore function libraries"),
                                                 tr("How to restore:"), choices, 0, false, &ok);
    if (!ok) return;
    const int index = int(choices.indexOf(choice));
    restoreFrom(path, index == 0   ? FunctionService::RestorePolicy::Append
                      : index == 1 ? FunctionService::RestorePolicy::Replace
                                   : FunctionService::RestorePolicy::Flush);
}

} // namespace redscope
