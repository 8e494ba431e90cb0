// KeySelectionBox: which keys an export or a copy takes, the one group both dialogs show: the
// keys picked in the browser, keys matching a glob with a type filter (SCAN MATCH/TYPE), and,
// where the dialog offers it, the whole database. It hands the dialog a KeySelection, the same
// value the jobs take, so the two dialogs cannot drift apart in what a choice means.
#pragma once

#include "transfer/key_source.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QRadioButton;

namespace redscope {

class KeySelectionBox : public QWidget
{
    Q_OBJECT

public:
    enum class WholeDatabase { Offered, NotOffered };

    // objectPrefix names the child widgets ("export" gives exportSelected, exportByPattern,
    // exportAll, exportPattern, exportType) for tests and screenshots.
    KeySelectionBox(const QList<QByteArray> &selectedKeys, WholeDatabase whole,
                    const QString &objectPrefix, QWidget *parent = nullptr);

    KeySelection selection() const;
    bool picksSelected() const;
    // Disables the choices while a job runs.
    void setRunning(bool running);

    QRadioButton *selectedChoice() const { return m_selected; }
    QRadioButton *patternChoice() const { return m_byPattern; }
    QRadioButton *allChoice() const { return m_all; } // null when not offered
    QLineEdit *patternEdit() const { return m_pattern; }
    QComboBox *typeBox() const { return m_type; }

signals:
    void changed();

private:
    void updateState();

    QList<QByteArray> m_keys;
    QRadioButton *m_selected;
    QRadioButton *m_byPattern;
    QRadioButton *m_all = nullptr;
    QLineEdit *m_pattern;
    QComboBox *m_type;
    bool m_running = false;
};

} // namespace redscope
