// ServerView: what the Server tab's lazy views (clients, slow log, INFO, configuration) share.
// Each asks ServerAdmin for its data, and only when first shown, so opening a connection does
// not send requests for tabs nobody looks at. On a cluster the Server panel's node picker
// points them at another node's connection: pending requests are dropped, and the view reloads
// at once when it is on screen, else when it is next shown. A view implements load(); refresh()
// is the reload button's slot.
#pragma once

#include "server/server_admin.h"

#include <QWidget>

namespace redscope {

class ServerView : public QWidget
{
    Q_OBJECT

public:
    // Reads everything the view shows from the server again.
    void refresh();
    // Sends to another server from now on (a cluster node picked in the Server panel).
    void setConnection(RedisConnection *connection);

protected:
    explicit ServerView(RedisConnection *connection, QWidget *parent = nullptr);
    void showEvent(QShowEvent *event) override;
    virtual void load() = 0; // the view's requests; its receiver is the view itself

    ServerAdmin m_admin;

private:
    bool m_loadedOnce = false;
};

} // namespace redscope
