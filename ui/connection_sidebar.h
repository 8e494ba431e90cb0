// ConnectionSidebar: the left-hand list of servers. A view over ConnectionListModel with a
// delegate that shows the name plus a smaller second line (address or error), and a signal
// when the user opens an entry. It never touches connections itself.
#pragma once

#include <QWidget>

class QListView;

namespace redscope {

class ConnectionListModel;

class ConnectionSidebar : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionSidebar(ConnectionListModel *model, QWidget *parent = nullptr);

    void setCurrentRow(int row);

signals:
    void connectionActivated(int row);

private:
    QListView *m_view = nullptr;
};

} // namespace redscope
