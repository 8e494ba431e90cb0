// CollectionValueView: the table of a hash, list, set or sorted set (CollectionValueModel) with
// add/remove actions. Values are edited in place (double-click a value or score); adding
// opens a small form that asks for exactly what the type needs. Streams get a bar to page
// newest first and to jump to an entry id or a local date-time.
#pragma once

#include "values/collection_value_model.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace redscope {

class CollectionValueView : public QWidget
{
    Q_OBJECT

public:
    explicit CollectionValueView(RedisConnection *connection, QWidget *parent = nullptr);

    void load(const QByteArray &key, CollectionValueModel::Kind kind);
    CollectionValueModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    // Streams: "1700000000000-5", "1700000000000" or a local "yyyy-MM-dd HH:mm[:ss[.zzz]]";
    // false (and nothing loaded) if the text is neither.
    bool jumpTo(const QString &text);

signals:
    void failed(const QString &error);
    void changed();

private:
    void addElement();
    void removeSelected();
    void updateCount();

    CollectionValueModel *m_model;
    QTableView *m_table;
    QLabel *m_count;
    QPushButton *m_add;
    QPushButton *m_remove;
    QWidget *m_streamBar;
    QCheckBox *m_newestFirst;
    QLineEdit *m_jump;
};

} // namespace redscope
