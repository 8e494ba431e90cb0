// ConfigEditor: the "Config" sub-tab. CONFIG GET * in a searchable table (with each parameter's
// type and description from ConfigParameters) whose value column is edited in place (a combo
// box for enums and booleans, validated sizes and numbers: ConfigValueDelegate); each edit becomes
// CONFIG SET, then CONFIG GET of that parameter, so the row shows the value as the server
// normalised it ("1gb" -> "1073741824"). CONFIG REWRITE writes the running configuration back to
// the server's config file; its error (no config file) is shown.
#pragma once

#include "server/server_view.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace redscope {

class ConfigModel;

class ConfigEditor : public ServerView
{
    Q_OBJECT

public:
    explicit ConfigEditor(RedisConnection *connection, QWidget *parent = nullptr);

    ConfigModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QString statusText() const;
    QString countText() const; // "192 parameters", or "3 of 192 parameters" while filtered
    bool statusIsError() const { return m_statusIsError; }
    void setParameter(const QString &name, const QString &value);
    void rewrite();
    void setFilter(const QString &text);

signals:
    void parameterApplied(const QString &name, const QString &value);

protected:
    void load() override;

private:
    void showStatus(const QString &text, bool error);
    void updateCount();

    ConfigModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_search;
    QLabel *m_status;
    QLabel *m_count;
    bool m_statusIsError = false;
};

} // namespace redscope
