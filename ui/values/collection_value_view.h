// CollectionValueView: the table of a hash, list, set, sorted set or stream
// (CollectionValueModel, a bounded window of pages) with add/remove actions, a browse bar
// (a server-side MATCH pattern for hashes, sets and sorted sets; sorted sets by rank or by a
// score range; jump to an index for lists and sorted sets), a find bar (text in the rows
// held, next/previous), and below the table the selected element whole in a
// CollectionElementPane. Values are edited in place (double-click a value or score) or in the
// pane; an element changed on the server since it was read makes the view ask before
// overwriting it, and on a production connection deleting or overwriting an element asks
// first, naming the server. Streams get a bar to page newest first and to jump to an entry id
// or a local date-time. The total is asked again every few seconds while the view is shown.
#pragma once

#include "values/collection_value_model.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;
class QToolBar;
class QToolButton;

namespace redscope {

class CollectionElementPane;

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
    // Lists and sorted sets: selects the element at `index` (negative from the end) once loaded.
    bool jumpToIndex(qint64 index);
    // The MATCH pattern (hash, set, sorted set); empty shows everything.
    void setMatch(const QString &pattern);
    // Selects the next (or previous) row held that contains text; false when none does.
    bool findNext(const QString &text, bool forward = true);
    CollectionElementPane *elementPane() const { return m_pane; }
    QString countText() const; // "Rows 1–500 of 5,000,000" (the walk's state apart)
    QString stateText() const; // "· scroll for more", "· loading…" or empty

signals:
    void failed(const QString &error);
    void changed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override; // m_state's resizes

private:
    void fitState(); // the walk's state shown whole where it fits, else not at all
    void addElement();
    void removeSelected();
    void removeRows(const QList<int> &rows);
    void updateCount();
    void updateBars();
    void showSelected();
    void onConflict(int row, const QByteArray &element, const QByteArray &second,
                    const QByteArray &current, bool gone);
    // Production connections: asks before an element is deleted or overwritten.
    bool confirmOnProduction(const QString &command, const QString &effect);

    CollectionValueModel *m_model;
    QTableView *m_table;
    QLabel *m_count; // "Rows 1–500 of 5,000,000": never cut
    QLabel *m_state; // "· scroll for more", "· loading…": gives way first in a narrow pane
    QString m_stateText;
    QToolBar *m_actions;
    QAction *m_add;
    QAction *m_remove;
    QWidget *m_streamBar;
    QCheckBox *m_newestFirst;
    QLineEdit *m_jump;
    QWidget *m_browseBar;
    QLineEdit *m_match;
    QComboBox *m_zsetWalk;
    QLineEdit *m_minScore;
    QLineEdit *m_maxScore;
    QLineEdit *m_index;
    QToolButton *m_indexGo;
    QWidget *m_findBar;
    QLineEdit *m_find;
    QSplitter *m_split;
    CollectionElementPane *m_pane;
    int m_writtenRow = -1; // the pane's save of this row is on its way: show the row once written
    QTimer *m_totalTimer;
    bool m_shifting = false; // moving the scroll bar to follow the model's window
    bool m_settling = false; // a layout of the table is queued (rows came in or went out)
};

} // namespace redscope
