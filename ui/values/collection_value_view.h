// CollectionValueView: the table of a hash, list, set or sorted set (CollectionValueModel) with
// add/remove actions. Values are edited in place (double-click a value or score); adding
// opens a small form that asks for exactly what the type needs.
#pragma once

#include "values/collection_value_model.h"

#include <QWidget>

class QLabel;
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
};

} // namespace redscope
