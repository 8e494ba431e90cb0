// DatabaseSelector: rebuilt from DatabaseList on every change (at most a few hundred rows, since
// servers rarely configure more databases); the user's choice is sent at once and the box shows
// the connection's current database again when the answer (or a refusal) arrives.
#include "connection/database_selector.h"

#include "connection/database_list.h"
#include "server/server_admin.h"
#include "widgets/confirm.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLocale>
#include <QMenu>
#include <QToolButton>

namespace redscope {

DatabaseSelector::DatabaseSelector(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_list(DatabaseList::shared(connection, this))
    , m_combo(new QComboBox(this))
    , m_menuButton(new QToolButton(this))
{
    setObjectName(QStringLiteral("databaseSelector"));
    m_combo->setObjectName(QStringLiteral("databaseCombo"));
    m_combo->setToolTip(tr("Database used by the key browser and the console"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_menuButton->setObjectName(QStringLiteral("databaseMenuButton"));
    m_menuButton->setText(QStringLiteral("⋯"));
    m_menuButton->setToolTip(tr("Database actions"));
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setAutoRaise(true);
    auto *menu = new QMenu(m_menuButton);
    QAction *refresh = menu->addAction(tr("Refresh key counts"), m_list, &DatabaseList::refresh);
    refresh->setObjectName(QStringLiteral("refreshDatabasesAction"));
    QAction *flush = menu->addAction(tr("Flush current database…"), this,
                                     &DatabaseSelector::flushCurrentDatabase);
    flush->setObjectName(QStringLiteral("flushDatabaseAction"));
    if (m_connection.settings().readOnly) {
        flush->setEnabled(false);
        flush->setToolTip(tr("Disabled: this connection is read-only"));
    }
    m_menuButton->setMenu(menu);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->setSpacing(2);
    layout->addWidget(m_combo);
    layout->addWidget(m_menuButton);

    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        const int db = m_combo->itemData(index).toInt();
        m_list->select(db);
    });
    connect(m_list, &DatabaseList::changed, this, &DatabaseSelector::rebuild);
    connect(m_list, &DatabaseList::selectFailed, this, [this](int db, const QString &error) {
        rebuild(); // back to the database the connection is really on
        emit message(tr("Cannot switch to db%1: %2").arg(db).arg(error));
    });
    connect(m_list, &DatabaseList::selected, this, [this](int db) {
        rebuild();
        emit message(tr("Now on db%1").arg(db));
    });
    rebuild();
}

void DatabaseSelector::rebuild()
{
    const QLocale locale;
    const int count = m_list->databaseCount();
    const int current = m_list->currentDb();
    QStringList texts;
    for (int db = 0; db < count; ++db) {
        const qint64 keys = m_list->keys(db);
        if (keys == 0)
            texts << tr("db%1 · empty").arg(db);
        else if (keys == 1)
            texts << tr("db%1 · 1 key").arg(db);
        else
            texts << tr("db%1 · %2 keys").arg(db).arg(locale.toString(keys));
    }
    const QSignalBlocker blocker(m_combo);
    if (m_combo->count() != count) {
        m_combo->clear();
        for (int db = 0; db < count; ++db)
            m_combo->addItem(texts[db], db);
    } else {
        for (int db = 0; db < count; ++db)
            m_combo->setItemText(db, texts[db]);
    }
    m_combo->setCurrentIndex(current);
}

void DatabaseSelector::flushCurrentDatabase()
{
    if (!m_connection.isValid()) return;
    const int db = m_list->currentDb();
    const ConnectionSettings settings = m_connection.settings();
    // Production connections are asked by the gate in RedisConnection, with a fresh DBSIZE.
    if (!settings.production && !confirmAction(this, tr("Flush database"),
                                               tr("Delete all %1 keys of db%2 on %3 (%4)?")
                                                   .arg(QLocale().toString(m_list->keys(db)))
                                                   .arg(db)
                                                   .arg(settings.name, settings.address()))) {
        return;
    }
    ServerAdmin(m_connection.connection()).flushDb(this, [this, db](const Status &status) {
        emit message(status.ok() ? tr("db%1 flushed").arg(db)
                                 : tr("FLUSHDB on db%1: %2").arg(db).arg(status.error));
        m_list->refresh();
    });
}

} // namespace redscope
