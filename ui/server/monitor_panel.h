// MonitorPanel: the "Monitor" sub-tab of the Server panel. Start/Stop a MONITOR session (its own
// connection, see MonitorSession), watch the commands the server executes in a bounded list
// (MonitorLineModel, 50k lines), filter them by text and clear them. Nothing connects until the
// user presses Start, because MONITOR costs the server throughput while it runs.
#pragma once

#include "server/monitor_session.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;

namespace redscope {

class MonitorLineModel;
class RedisConnection;

class MonitorPanel : public QWidget
{
    Q_OBJECT

public:
    explicit MonitorPanel(RedisConnection *connection, QWidget *parent = nullptr);

    // MONITORs another server from now on (a cluster node picked in the Server panel): a
    // running session stops and starts again there; the lines already shown stay.
    void setConnection(RedisConnection *connection);
    void start();
    void stop();
    void clear();
    void setFilter(const QString &text);

    MonitorSession *session() const { return m_session; } // null until the first start()
    MonitorLineModel *model() const { return m_model; }
    QSortFilterProxyModel *filteredModel() const { return m_filter; }
    QString statusText() const;

private:
    void onStateChanged(MonitorSession::State state, const QString &errorText);
    void onLines(const QList<QByteArray> &lines);
    void updateStatus();

    RedisConnection *m_connection;
    MonitorSession *m_session = nullptr;
    MonitorLineModel *m_model;
    QSortFilterProxyModel *m_filter;
    QListView *m_view;
    QPushButton *m_startButton;
    QPushButton *m_stopButton;
    QLineEdit *m_filterEdit;
    QLabel *m_status;
};

} // namespace redscope
