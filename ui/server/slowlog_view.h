// SlowlogView: the "Slowlog" sub-tab. SLOWLOG GET in a table, SLOWLOG RESET (after asking), and
// the threshold (slowlog-log-slower-than, in microseconds) read with CONFIG GET and changed with
// CONFIG SET. Errors from the server are shown in the status line. An empty log shows a hint
// naming the threshold instead of an empty table.
#pragma once

#include "server/server_admin.h"

#include <QWidget>

class QLabel;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace redscope {

class SlowlogModel;

class SlowlogView : public QWidget
{
    Q_OBJECT

public:
    explicit SlowlogView(RedisConnection *connection, QWidget *parent = nullptr);

    SlowlogModel *model() const { return m_model; }
    QSpinBox *thresholdBox() const { return m_threshold; }
    QString statusText() const;
    // The hint shown instead of an empty table (what the threshold is, how to lower it).
    QString emptyHint() const;
    bool isShowingEmptyHint() const;
    void refresh();
    // Sends to another server from now on (a cluster node picked in the Server panel): what
    // is pending is dropped, and the view reloads now if shown, else when next shown.
    void setConnection(RedisConnection *connection);
    void applyThreshold();
    void reset(); // asks first

protected:
    void showEvent(QShowEvent *event) override;

private:
    ServerAdmin m_admin;
    SlowlogModel *m_model;
    void updateEmptyHint();

    QTableView *m_view;
    QStackedWidget *m_pages;
    QLabel *m_empty;
    int m_serverThreshold = 0; // as last read from the server
    QSpinBox *m_threshold;
    QLabel *m_status;
    bool m_loadedOnce = false;
};

} // namespace redscope
