// The connections a transfer dialog offers as the other side (copy target, compare B): the
// window's open connections (each with its settings, password included, as it connected),
// the Local engine among them. Plain data, so dialogs and tests build the list the same way.
#pragma once

#include "connection/connection_settings.h"

#include <QList>
#include <QString>

#include <functional>

namespace redscope {

struct TransferTarget
{
    QString label;
    ConnectionSettings settings;
};

using TransferTargets = QList<TransferTarget>;

} // namespace redscope

namespace redscope {

// The window installs where the list comes from (its open connections); dialogs opened from a
// panel that does not know the window (the key browser's "Copy to…") ask here.
class TransferTargetsProvider
{
public:
    static void set(std::function<TransferTargets()> provider);
    static TransferTargets available(); // empty without a provider
};

} // namespace redscope
