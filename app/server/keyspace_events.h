// KeyspaceEvents: the notify-keyspace-events setting, parsed once. Both questions the app asks
// of it read the same parse: can the key tree follow every write (K plus generic and string
// events, which "A" includes), and will a __keyspace@…__ subscription receive anything at all
// (K plus any event class).
#pragma once

#include <QByteArray>

namespace redscope {

struct KeyspaceEvents
{
    enum Class : quint16 {
        Generic = 1 << 0,   // g
        String = 1 << 1,    // $
        List = 1 << 2,      // l
        Set = 1 << 3,       // s
        Hash = 1 << 4,      // h
        SortedSet = 1 << 5, // z
        Expired = 1 << 6,   // x
        Evicted = 1 << 7,   // e
        Stream = 1 << 8,    // t
        Module = 1 << 9,    // d
        KeyMiss = 1 << 10,  // m (not part of A)
        New = 1 << 11,      // n (not part of A)
        All = Generic | String | List | Set | Hash | SortedSet | Expired | Evicted | Stream |
              Module, // A
    };

    bool keyspace = false; // K: __keyspace@db__:<key> channels
    bool keyevent = false; // E: __keyevent@db__:<event> channels
    quint16 classes = 0;
    QByteArray flags; // as the server said it

    static KeyspaceEvents parse(const QByteArray &flags);
    static QByteArray everything() { return "KEA"; } // what the app enables when asked

    bool followsEveryWrite() const; // the key tree's live updates can rely on it
    bool publishesKeyspace() const; // a keyspace subscription gets some messages
};

} // namespace redscope
