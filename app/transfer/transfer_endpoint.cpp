// TransferEndpoint (see transfer_endpoint.h).
#include "transfer/transfer_endpoint.h"

#include "connection/redis_connection.h"

#include <QCoreApplication>

namespace redscope {

TransferEndpoint TransferEndpoint::of(const RedisConnection *connection)
{
    TransferEndpoint e;
    if (!connection) return e;
    e.settings = connection->settings();
    e.settings.db = connection->currentDb();
    const QString name = e.settings.name.isEmpty() ? e.settings.address() : e.settings.name;
    e.label =
        QCoreApplication::translate("redscope::Transfer", "%1, db %2").arg(name).arg(e.settings.db);
    e.valid = true;
    return e;
}

} // namespace redscope
