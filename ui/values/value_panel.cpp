// ValuePanel: TYPE decides which view opens; every request carries the panel's generation so a
// reply for a key the user already left is ignored.
#include "values/value_panel.h"

#include "streams/stream_groups_pane.h"
#include "values/collection_value_view.h"
#include "values/decoders/decoder_rules_dialog.h"
#include "values/string_value_view.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>

namespace redscope {

static QString describeTtl(qint64 ms)
{
    if (ms < -1) return {};
    return ValuePanel::tr("TTL: %1").arg(formatTtl(ms));
}

ValuePanel::ValuePanel(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_keys(connection)
    , m_name(new QLabel(this))
    , m_typeBadge(new QLabel(this))
    , m_ttlLabel(new QLabel(this))
    , m_error(new QLabel(this))
    , m_header(new QWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_hintPage(new QWidget(this))
    , m_placeholder(new QLabel(tr("Select a key to see its value."), m_hintPage))
    , m_string(new StringValueView(connection, this))
    , m_collectionSplitter(new QSplitter(Qt::Horizontal, this))
    , m_collection(new CollectionValueView(connection, this))
    , m_groups(new StreamGroupsPane(connection, this))
{
    // The TTL counts down on screen, once a second while the key has one; at zero the server
    // is asked (PTTL) whether the key really expired.
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ValuePanel::tickTtl);
    m_name->setObjectName(QStringLiteral("valueKeyName"));
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_name->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_name->setFont(bold);
    // A long key name is cut at the pane's edge (the tooltip has it whole) instead of widening
    // the pane past the window.
    m_name->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_typeBadge->setObjectName(QStringLiteral("valueType"));
    m_typeBadge->setStyleSheet(QStringLiteral(
        "QLabel { background: #e3ecf7; color: #1a4f8b; border-radius: 3px; padding: 1px 6px; }"));
    m_ttlLabel->setObjectName(QStringLiteral("valueTtl"));
    m_error->setObjectName(QStringLiteral("valueError"));
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_error->setWordWrap(true);
    m_error->hide();
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true); // a long hint must not widen the pane past a 1024 px window
    m_placeholder->setEnabled(false);

    const struct
    {
        QToolButton **button;
        QString text;
        QString tip;
        const char *name;
    } buttons[] = {
        // Short words: the six fit a 350 px pane (a 1024 px window), the tips say the rest.
        {&m_copy, tr("Copy"), tr("Copy the key name to the clipboard"), "valueCopy"},
        {&m_rename, tr("Rename…"), tr("Rename the key (RENAMENX)"), "valueRename"},
        {&m_setTtl, tr("TTL…"), tr("Expire the key after some seconds"), "valueSetTtl"},
        {&m_clearTtl, tr("Persist"), tr("Clear the TTL: keep the key forever (PERSIST)"),
         "valueClearTtl"},
        {&m_reload, tr("Reload"), tr("Read the value again"), "valueReload"},
        {&m_delete, tr("Delete…"), tr("Delete the key"), "valueDelete"},
        {&m_decoderRules, tr("Decoders…"),
         tr("The decoder rules: which decoder opens the keys of a pattern"), "valueDecoderRules"},
    };
    auto *top = new QHBoxLayout;
    top->addWidget(m_name, 1);
    top->addWidget(m_typeBadge);
    top->addWidget(m_ttlLabel);
    // A tool bar, so that in a narrow pane the buttons that do not fit go behind its "»"
    // menu instead of widening the window.
    auto *actions = new QToolBar(m_header);
    actions->setObjectName(QStringLiteral("valueActions"));
    // Actions, not widgets: an action that does not fit is reachable in the overflow menu (a
    // widget put in a tool bar is not); the bar makes a tool button for each.
    for (const auto &b : buttons) {
        auto *action = new QAction(b.text, this);
        action->setToolTip(b.tip);
        actions->addAction(action);
        *b.button = qobject_cast<QToolButton *>(actions->widgetForAction(action));
        (*b.button)->setObjectName(QString::fromLatin1(b.name));
        (*b.button)->setAutoRaise(true);
    }
    auto *headerLayout = new QVBoxLayout(m_header);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->addLayout(top);
    headerLayout->addWidget(actions);

    auto *hintLayout = new QVBoxLayout(m_hintPage);
    hintLayout->addStretch(1);
    hintLayout->addWidget(m_placeholder);
    hintLayout->addStretch(1);
    m_stack->addWidget(m_hintPage);
    m_stack->addWidget(m_string);
    // A stream's consumer groups sit beside its entries.
    m_collectionSplitter->addWidget(m_collection);
    m_collectionSplitter->addWidget(m_groups);
    m_collectionSplitter->setStretchFactor(0, 3);
    m_collectionSplitter->setStretchFactor(1, 2);
    m_groups->hide();
    m_stack->addWidget(m_collectionSplitter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(m_stack, 1);

    connect(m_copy->defaultAction(), &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(QString::fromUtf8(m_key)); });
    connect(m_rename->defaultAction(), &QAction::triggered, this, &ValuePanel::renameKey);
    connect(m_setTtl->defaultAction(), &QAction::triggered, this, &ValuePanel::setTtl);
    connect(m_clearTtl->defaultAction(), &QAction::triggered, this, &ValuePanel::clearTtl);
    connect(m_delete->defaultAction(), &QAction::triggered, this, &ValuePanel::deleteKey);
    connect(m_reload->defaultAction(), &QAction::triggered, this, [this] { openKey(m_key); });
    connect(m_decoderRules->defaultAction(), &QAction::triggered, this,
            &ValuePanel::openDecoderRules);
    connect(m_string, &StringValueView::failed, this, &ValuePanel::showError);
    connect(m_collection, &CollectionValueView::failed, this, &ValuePanel::showError);
    connect(m_groups, &StreamGroupsPane::failed, this, &ValuePanel::showError);
    connect(m_groups, &StreamGroupsPane::changed, this, [this] {
        m_error->hide();
        m_collection->model()->reload(); // XGROUP CREATE may have created the stream
        emit keyChanged(m_key);
    });
    connect(m_string, &StringValueView::changed, this, [this] {
        m_error->hide();
        emit keyChanged(m_key);
    });
    connect(m_collection, &CollectionValueView::changed, this, [this] {
        m_error->hide();
        // Removing the last element removes the key: TYPE tells.
        const quint64 generation = m_generation;
        const QByteArray key = m_key;
        m_keys.exists(key, this, [this, generation, key](const Result<bool> &exists) {
            if (generation != m_generation) return;
            if (exists.ok() && !exists.value) {
                showNothing();
                emit keyDeleted(key);
            } else {
                emit keyChanged(key);
            }
        });
    });
    showNothing();
}

QString ValuePanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ValuePanel::showNothing()
{
    showHint(tr("Select a key to see its value."));
}

void ValuePanel::setHintAction(QWidget *action)
{
    m_hintAction = action;
    auto *layout = static_cast<QVBoxLayout *>(m_hintPage->layout());
    layout->insertWidget(2, action, 0, Qt::AlignHCenter); // under the text, above the stretch
    action->hide();
}

void ValuePanel::showHint(const QString &text, bool withAction)
{
    ++m_generation;
    m_key.clear();
    m_type.clear();
    m_ttl = TtlCountdown{};
    m_countdown.stop();
    setExpired(false);
    m_header->hide();
    m_error->hide();
    m_placeholder->setText(text);
    if (m_hintAction) m_hintAction->setVisible(withAction);
    m_stack->setCurrentWidget(m_hintPage);
}

void ValuePanel::showFolder(const QByteArray &prefix, quint64 keyCount)
{
    const QString keys =
        keyCount == 1 ? tr("1 key") : tr("%1 keys").arg(QLocale().toString(keyCount));
    showHint(tr("Folder \"%1\": %2 in its subtree.\nSelect a key to see its value.")
                 .arg(QString::fromUtf8(prefix), keys));
}

bool ValuePanel::isExpired() const
{
    return m_expired;
}

QString ValuePanel::ttlText() const
{
    return m_ttlLabel->text();
}

QString ValuePanel::placeholderText() const
{
    return m_stack->currentWidget() == m_hintPage ? m_placeholder->text() : QString();
}

void ValuePanel::setExpired(bool expired)
{
    m_expired = expired;
    for (QToolButton *button : {m_rename, m_setTtl, m_clearTtl, m_delete})
        button->defaultAction()->setEnabled(!expired); // the bar's button and menu entry
    m_stack->setEnabled(!expired); // the value's own edit controls
    m_ttlLabel->setStyleSheet(
        expired ? QStringLiteral("QLabel { color: #c62828; font-weight: 600; }") : QString());
}

void ValuePanel::showTtl()
{
    m_ttlLabel->setText(describeTtl(m_ttl.remainingMs()));
    m_clearTtl->defaultAction()->setVisible(m_ttl.counts());
}

void ValuePanel::tickTtl()
{
    if (m_key.isEmpty() || !m_ttl.counts()) {
        m_countdown.stop();
        return;
    }
    showTtl();
    if (!m_ttl.expired()) return;
    // Zero on our clock: the server decides (its clock, or a write that changed the TTL).
    m_countdown.stop();
    const quint64 generation = m_generation;
    m_keys.ttl(m_key, this, [this, generation](const Result<qint64> &ttl) {
        if (generation != m_generation || !ttl.ok()) return;
        if (ttl.value == -2) {
            setExpired(true);
            m_ttlLabel->setText(tr("Expired"));
            showError(tr("The key \"%1\" expired.").arg(QString::fromUtf8(m_key)));
            return;
        }
        applyTtl(ttl.value);
    });
}

void ValuePanel::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void ValuePanel::openKey(const QByteArray &key)
{
    if (key.isEmpty() || !m_keys.hasConnection()) return;
    const quint64 generation = ++m_generation;
    m_key = key;
    m_type.clear();
    m_error->hide();
    m_name->setText(QString::fromUtf8(key));
    m_name->setToolTip(QString::fromUtf8(key));
    m_typeBadge->clear();
    m_ttlLabel->clear();
    m_ttl = TtlCountdown{};
    m_countdown.stop();
    setExpired(false);
    m_header->show();
    m_keys.type(key, this,
                [this, generation](const Result<KeyMeta> &type) { onTypeReply(generation, type); });
    refreshTtl();
}

void ValuePanel::onTypeReply(quint64 generation, const Result<KeyMeta> &type)
{
    if (generation != m_generation) return;
    if (!type.ok()) {
        showError(type.error);
        return;
    }
    m_type = type.value.typeName;
    m_typeBadge->setText(m_type);
    const KeyType kind = type.value.type;
    if (kind == KeyType::None) {
        const QByteArray key = m_key;
        showNothing();
        m_header->show();
        m_name->setText(QString::fromUtf8(key));
        showError(tr("The key \"%1\" no longer exists.").arg(QString::fromUtf8(key)));
        emit keyDeleted(key);
        return;
    }
    if (kind == KeyType::String) {
        m_string->load(m_key);
        m_stack->setCurrentWidget(m_string);
    } else if (isCollection(kind)) {
        m_collection->load(m_key, kind);
        if (kind == KeyType::Stream) {
            m_groups->load(m_key);
            m_groups->show();
        } else {
            m_groups->clear();
            m_groups->hide();
        }
        m_stack->setCurrentWidget(m_collectionSplitter);
    } else {
        m_placeholder->setText(tr("Values of type \"%1\" cannot be shown yet.").arg(m_type));
        if (m_hintAction) m_hintAction->hide();
        m_stack->setCurrentWidget(m_hintPage);
    }
    emit keyOpened(m_key, m_type);
}

void ValuePanel::refreshTtl()
{
    const quint64 generation = m_generation;
    m_keys.ttl(m_key, this, [this, generation](const Result<qint64> &ttl) {
        if (generation != m_generation || !ttl.ok()) return;
        applyTtl(ttl.value);
    });
}

void ValuePanel::applyTtl(qint64 ttlMs)
{
    m_ttl = TtlCountdown{ttlMs, ttlClockMs()};
    showTtl();
    if (m_ttl.counts())
        m_countdown.start();
    else
        m_countdown.stop();
}

void ValuePanel::deleteKey()
{
    if (m_key.isEmpty()) return;
    const QByteArray key = m_key;
    const auto answer = QMessageBox::question(
        this, tr("Delete key"),
        tr("Delete \"%1\"? This cannot be undone.").arg(QString::fromUtf8(key)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes || key != m_key) return;
    const quint64 generation = m_generation;
    m_keys.remove(key, this, [this, generation, key](const Status &status) {
        if (!status.ok()) {
            if (generation == m_generation) showError(status.error);
            return;
        }
        if (generation == m_generation) showNothing();
        emit keyDeleted(key);
    });
}

void ValuePanel::renameKey()
{
    if (m_key.isEmpty()) return;
    const QByteArray from = m_key;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename key"), tr("New name:"),
                                               QLineEdit::Normal, QString::fromUtf8(from), &ok);
    const QByteArray to = name.toUtf8();
    if (!ok || to.isEmpty() || to == from) return;
    m_keys.renameIfFree(from, to, this, [this, from, to](const Result<bool> &renamed) {
        if (!renamed.ok()) {
            showError(renamed.error);
            return;
        }
        if (!renamed.value) {
            showError(
                tr("Not renamed: a key named \"%1\" already exists.").arg(QString::fromUtf8(to)));
            return;
        }
        emit keyRenamed(from, to);
        openKey(to);
    });
}

void ValuePanel::setTtl()
{
    if (m_key.isEmpty()) return;
    bool ok = false;
    const qint64 left = m_ttl.remainingMs();
    const int current = left > 0 ? int(qMin<qint64>((left + 999) / 1000, INT_MAX)) : 3600;
    const int seconds = QInputDialog::getInt(
        this, tr("Set TTL"), tr("Seconds until \"%1\" expires:").arg(QString::fromUtf8(m_key)),
        current, 1, INT_MAX, 1, &ok);
    if (!ok) return;
    const QByteArray key = m_key;
    m_keys.expire(key, seconds, this, [this, key](const Result<bool> &expiring) {
        if (!expiring.ok() || !expiring.value) {
            showError(!expiring.ok() ? expiring.error : tr("The key no longer exists."));
            return;
        }
        if (key == m_key) refreshTtl();
        emit keyChanged(key);
    });
}

void ValuePanel::clearTtl()
{
    if (m_key.isEmpty()) return;
    const QByteArray key = m_key;
    m_keys.persist(key, this, [this, key](const Status &status) {
        if (!status.ok()) {
            showError(status.error);
            return;
        }
        if (key == m_key) refreshTtl();
        emit keyChanged(key);
    });
}

void ValuePanel::openDecoderRules()
{
    DecoderRulesDialog dialog(m_keys.settings().name, this);
    if (dialog.exec() == QDialog::Accepted && !m_key.isEmpty()) openKey(m_key); // new rules
}

} // namespace redscope
