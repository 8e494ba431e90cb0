// The first showEvent loads; a connection switch while hidden only marks the view stale.
#include "server/server_view.h"

namespace redscope {

ServerView::ServerView(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_admin(connection)
{
}

void ServerView::refresh()
{
    m_loadedOnce = true;
    load();
}

void ServerView::setConnection(RedisConnection *connection)
{
    if (!m_admin.switchTo(connection, this)) return;
    if (isVisible()) return refresh();
    m_loadedOnce = false; // reload on the next showEvent
}

void ServerView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce) refresh();
}

} // namespace redscope
