// ConnectionModeBox: the "Topology" group of the connection dialog: how the server is reached
// (a standalone server, a Redis Cluster through the address above as its seed node, or the
// master that Redis Sentinel names) and, for Sentinel, the master name, the sentinels'
// addresses and their password. A box of its own so the dialog only loads and applies it.
#pragma once

#include "connection/connection_settings.h"

#include <QGroupBox>

class QComboBox;
class QLabel;
class QLineEdit;
class QWidget;

namespace redscope {

class ConnectionModeBox : public QGroupBox
{
    Q_OBJECT

public:
    explicit ConnectionModeBox(const ConnectionSettings &settings, QWidget *parent = nullptr);

    void apply(ConnectionSettings *settings) const;
    // Empty when the fields are usable; else what is missing (shown under the fields).
    QString problem() const;

    QComboBox *modeCombo() const { return m_mode; }
    QLineEdit *masterEdit() const { return m_master; }
    QLineEdit *sentinelsEdit() const { return m_sentinels; }
    QLineEdit *sentinelPasswordEdit() const { return m_sentinelPassword; }

signals:
    void changed();

private:
    void updateFields();

    QComboBox *m_mode;
    QLabel *m_hint;
    QWidget *m_sentinelFields;
    QLineEdit *m_master;
    QLineEdit *m_sentinels;
    QLineEdit *m_sentinelPassword;
};

} // namespace redscope
