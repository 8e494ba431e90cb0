// SlowlogView: the "Slowlog" sub-tab. SLOWLOG GET in a table, SLOWLOG RESET (after asking), and
// the threshold (slowlog-log-slower-than, in microseconds) read with CONFIG GET and changed with
// CONFIG SET. Errors from the server are shown in the status line. An empty log shows a hint
// naming the threshold instead of an empty table.
#pragma once

#include "server/server_view.h"

#include <QWidget>

class QLabel;
class QSpinBox;
class QStackedWidget;
class QTableView;

namespace redscope {

class SlowlogModel;

class SlowlogView : public ServerView
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
    void applyThreshold();
    void reset(); // asks first

protected:
    void load() override;

private:
    void updateEmptyHint();

    // In the constructor's order (the widgets' creation order is their focus order).
    SlowlogModel *m_model;
    QTableView *m_view;
    QSpinBox *m_threshold;
    QLabel *m_status;
    QStackedWidget *m_pages;
    QLabel *m_empty;
    int m_serverThreshold = 0; // as last read from the server
};

} // namespace redscope
