// DecoderRulesDialog: the decoder rules manager. Lists what DecoderPane remembered (which
// decoder chain opens the keys of a pattern, per connection) in a DecoderRulesModel, where a
// rule's pattern, compression and decoder are edited in place, and rules are deleted or moved
// up and down (the first match wins). Opened from the value panel (its connection's rules) and
// from Preferences (every connection's); Save writes the lists back, Cancel drops the changes.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace redscope {

class DecoderRulesModel;

class DecoderRulesDialog : public QDialog
{
    Q_OBJECT

public:
    // connection: the one shown first; empty shows every connection's rules.
    explicit DecoderRulesDialog(const QString &connection = {}, QWidget *parent = nullptr);

    DecoderRulesModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QComboBox *connectionBox() const { return m_connection; }
    QPushButton *upButton() const { return m_up; }
    QPushButton *downButton() const { return m_down; }
    QPushButton *deleteButton() const { return m_delete; }

    void accept() override; // saves

private:
    void showConnection(int index);
    void updateButtons();
    int currentRow() const;

    DecoderRulesModel *m_model;
    QComboBox *m_connection;
    QTableView *m_table;
    QLabel *m_empty;
    QPushButton *m_up;
    QPushButton *m_down;
    QPushButton *m_delete;
};

} // namespace redscope
