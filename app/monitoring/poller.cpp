// Poller's clock: one QTimer; ticks go through the virtual onTick so each poller decides what a
// tick does while a request is still out.
#include "monitoring/poller.h"

namespace redscope {

Poller::Poller(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, [this] { onTick(); });
}

void Poller::setInterval(int ms)
{
    m_timer.setInterval(qMax(10, ms));
}

void Poller::start()
{
    m_timer.start();
    pollNow();
}

void Poller::stop()
{
    m_timer.stop();
    forgetInFlight();
}

} // namespace redscope
