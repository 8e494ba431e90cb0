// ValuePanel: the right side of the key browser. Shows one key: a header with its name, type,
// TTL (counting down; at zero the key shows as expired and its actions turn off) and the
// actions every type shares (copy name, rename, set/clear TTL, delete with
// confirmation, reload), and below it the type's own view (StringValueView or
// CollectionValueView, with a StreamGroupsPane beside a stream's entries). Errors from any
// action are shown in the panel, never swallowed. It tells the browser about deletions and renames
// so the tree follows without a rescan.
#pragma once

#include "keys/key_service.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace redscope {

class CollectionValueView;
class RedisConnection;
class StreamGroupsPane;
class StringValueView;

class ValuePanel : public QWidget
{
    Q_OBJECT

public:
    explicit ValuePanel(RedisConnection *connection, QWidget *parent = nullptr);

    void openKey(const QByteArray &key);
    void showNothing(); // "select a key"
    // A namespace is selected: its prefix and key count instead of the previous key's value.
    void showFolder(const QByteArray &prefix, quint64 keyCount);
    // No key to show, and why (a hint in place of the value); with `withAction`, the widget
    // given to setHintAction sits under the text (the key browser's "Load sample data" under
    // "This database is empty").
    void showHint(const QString &text, bool withAction = false);
    void setHintAction(QWidget *action); // the panel takes it into its hint page
    QString placeholderText() const; // the hint shown, empty while a value is
    QString ttlText() const;         // "TTL: 3 min 59 s", counting down
    bool isExpired() const;          // the key's TTL ran out: its actions are disabled
    QByteArray currentKey() const { return m_key; }
    QString currentType() const { return m_type; }
    QString errorText() const;
    StringValueView *stringView() const { return m_string; }
    CollectionValueView *collectionView() const { return m_collection; }
    StreamGroupsPane *streamGroupsPane() const { return m_groups; }

    void deleteKey(); // asks for confirmation first
    void renameKey(); // asks for the new name
    void setTtl();    // asks for seconds
    void clearTtl();

signals:
    void keyOpened(const QByteArray &key, const QString &type);
    void keyDeleted(const QByteArray &key);
    void keyRenamed(const QByteArray &from, const QByteArray &to);
    void keyChanged(const QByteArray &key); // value or TTL written

private:
    void refreshTtl();
    void applyTtl(qint64 ttlMs);
    void showTtl();
    void tickTtl();
    void setExpired(bool expired);
    void showError(const QString &text);
    void openDecoderRules();
    void onTypeReply(quint64 generation, const Result<KeyMeta> &type);

    KeyService m_keys;
    QByteArray m_key;
    QString m_type;
    TtlCountdown m_ttl;
    QTimer m_countdown;
    bool m_expired = false;
    quint64 m_generation = 0;

    QLabel *m_name;
    QLabel *m_typeBadge;
    QLabel *m_ttlLabel;
    QLabel *m_error;
    QToolButton *m_copy = nullptr;
    QToolButton *m_rename = nullptr;
    QToolButton *m_setTtl = nullptr;
    QToolButton *m_clearTtl = nullptr;
    QToolButton *m_delete = nullptr;
    QToolButton *m_reload = nullptr;
    QToolButton *m_decoderRules = nullptr;
    QWidget *m_header;
    QStackedWidget *m_stack;
    QWidget *m_hintPage; // the placeholder text, and the hint's action under it
    QLabel *m_placeholder;
    QWidget *m_hintAction = nullptr;
    StringValueView *m_string;
    QSplitter *m_collectionSplitter;
    CollectionValueView *m_collection;
    StreamGroupsPane *m_groups; // streams only
};

} // namespace redscope
