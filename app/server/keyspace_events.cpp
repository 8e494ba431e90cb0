// Parses notify-keyspace-events flags the way the server documents them (K/E, the event
// classes, A as their union); both of KeyspaceEvents' questions read this one parse.
#include "server/keyspace_events.h"

namespace redscope {

KeyspaceEvents KeyspaceEvents::parse(const QByteArray &flags)
{
    KeyspaceEvents events;
    events.flags = flags;
    for (const char c : flags) {
        switch (c) {
        case 'K':
            events.keyspace = true;
            break;
        case 'E':
            events.keyevent = true;
            break;
        case 'A':
            events.classes |= All;
            break;
        case 'g':
            events.classes |= Generic;
            break;
        case '$':
            events.classes |= String;
            break;
        case 'l':
            events.classes |= List;
            break;
        case 's':
            events.classes |= Set;
            break;
        case 'h':
            events.classes |= Hash;
            break;
        case 'z':
            events.classes |= SortedSet;
            break;
        case 'x':
            events.classes |= Expired;
            break;
        case 'e':
            events.classes |= Evicted;
            break;
        case 't':
            events.classes |= Stream;
            break;
        case 'd':
            events.classes |= Module;
            break;
        case 'm':
            events.classes |= KeyMiss;
            break;
        case 'n':
            events.classes |= New;
            break;
        default:
            break;
        }
    }
    return events;
}

bool KeyspaceEvents::followsEveryWrite() const
{
    return keyspace && (classes & Generic) && (classes & String);
}

bool KeyspaceEvents::publishesKeyspace() const
{
    return keyspace && classes != 0;
}

} // namespace redscope
