// TransferEndpoint: a connection's database as the transfer dialogs need it: the settings to
// open connections of their own (on the job's thread) with the database the user is looking
// at, and a label. The dialogs get this instead of the connection, so they never hold one.
#pragma once

#include "connection/connection_settings.h"

namespace redscope {

class RedisConnection;

struct TransferEndpoint
{
    ConnectionSettings settings; // db: the connection's current database
    QString label;               // "name, db 3"
    bool valid = false;

    static TransferEndpoint of(const RedisConnection *connection);
};

} // namespace redscope
