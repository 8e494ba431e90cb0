// Search matches parameter names, values and descriptions (filterKeyColumn -1),
// case-insensitively; the count beside it follows what the filter shows.
#include "server/config_editor.h"

#include "server/config_model.h"
#include "server/config_value_delegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace redscope {

ConfigEditor::ConfigEditor(RedisConnection *connection, QWidget *parent)
    : ServerView(connection, parent)
    , m_model(new ConfigModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_search(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_count(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setObjectName(QStringLiteral("configTable"));
    m_view->setModel(m_proxy);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8); // dense rows
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setItemDelegateForColumn(ConfigModel::Value, new ConfigValueDelegate(m_view));
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_search->setObjectName(QStringLiteral("configSearch"));
    m_search->setPlaceholderText(tr("Search parameters, values and descriptions"));
    m_search->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("configStatus"));
    m_status->setWordWrap(true);
    connect(m_search, &QLineEdit::textChanged, this, &ConfigEditor::setFilter);
    connect(m_model, &ConfigModel::setRequested, this, &ConfigEditor::setParameter);
    connect(m_model, &ConfigModel::invalidValue, this,
            [this](const QString &name, const QString &value) {
                const ConfigParameter &parameter = m_model->parameterAt(m_model->rowOf(name));
                QString expected = ConfigParameter::typeName(parameter.type);
                if (parameter.type == ConfigParameter::Type::Memory)
                    expected = tr("a size such as 100mb or 2gb");
                else if (!parameter.values.isEmpty())
                    expected = parameter.values.join(QStringLiteral(", "));
                showStatus(tr("Not sent: \"%1\" is not a valid value for %2 (expected %3).")
                               .arg(value, name, expected),
                           true);
            });
    m_count->setObjectName(QStringLiteral("configCount"));
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ConfigEditor::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ConfigEditor::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ConfigEditor::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ConfigEditor::updateCount);

    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("configRefresh"));
    auto *rewriteButton = new QPushButton(tr("Rewrite config file"), this);
    rewriteButton->setObjectName(QStringLiteral("configRewrite"));
    rewriteButton->setToolTip(tr("CONFIG REWRITE: save the running configuration to the "
                                 "server's configuration file"));
    connect(refreshButton, &QPushButton::clicked, this, &ConfigEditor::refresh);
    connect(rewriteButton, &QPushButton::clicked, this, &ConfigEditor::rewrite);

    if (m_admin.settings().readOnly) {
        m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        rewriteButton->setEnabled(false);
        rewriteButton->setToolTip(tr("Disabled: this connection is read-only"));
    }

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_count);
    bar->addWidget(refreshButton);
    bar->addWidget(rewriteButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
}

QString ConfigEditor::statusText() const
{
    return m_status->text();
}

void ConfigEditor::showStatus(const QString &text, bool error)
{
    m_statusIsError = error;
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_status->setText(text);
}

void ConfigEditor::load()
{
    m_admin.configAll(this, [this](const Result<QList<ConfigEntry>> &entries) {
        if (!entries.ok()) {
            showStatus(entries.error, true);
            return;
        }
        m_model->setEntries(entries.value);
        m_view->resizeColumnToContents(ConfigModel::Name);
        m_view->resizeColumnToContents(ConfigModel::Type);
        m_view->setColumnWidth(ConfigModel::Value,
                               qBound(120, m_view->viewport()->width() / 5, 260));
        updateCount();
        showStatus(tr("Double-click a value to change it (CONFIG SET); enums and booleans offer "
                      "their values."),
                   false);
    });
}

void ConfigEditor::setParameter(const QString &name, const QString &value)
{
    showStatus(tr("Setting %1…").arg(name), false);
    m_admin.setConfig(name.toUtf8(), value.toUtf8(), this, [this, name](const Status &status) {
        if (!status.ok()) {
            showStatus(tr("CONFIG SET %1 failed: %2").arg(name, status.error), true);
            return;
        }
        m_admin.config(name.toUtf8(), this, [this, name](const Result<QString> &got) {
            if (!got.ok()) return;
            m_model->applyValue(name, got.value);
            showStatus(tr("%1 = %2").arg(name, got.value), false);
            emit parameterApplied(name, got.value);
        });
    });
}

void ConfigEditor::rewrite()
{
    m_admin.rewriteConfig(this, [this](const Status &status) {
        if (!status.ok())
            showStatus(tr("CONFIG REWRITE failed: %1").arg(status.error), true);
        else
            showStatus(tr("Configuration file rewritten."), false);
    });
}

void ConfigEditor::setFilter(const QString &text)
{
    if (m_search->text() != text) m_search->setText(text);
    m_proxy->setFilterFixedString(text);
    updateCount();
}

QString ConfigEditor::countText() const
{
    return m_count->text();
}

void ConfigEditor::updateCount()
{
    const int all = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_count->setText(shown == all ? tr("%1 parameters").arg(all)
                                  : tr("%1 of %2 parameters").arg(shown).arg(all));
}

} // namespace redscope
