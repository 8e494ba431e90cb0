// PubSubPanel: the "Pub/Sub" tab of a connection: subscriptions (channels and patterns) on a
// dedicated Subscriber, a browser of the server's channels (PUBSUB CHANNELS/NUMSUB/NUMPAT over
// PubSubService) with one-click subscribe, the live message table (MessageModel)
// with filter, pause, clear, autoscroll and export, a detail pane, per-channel rates with a
// 60-second rate chart, a publish box, and a shortcut for keyspace notifications.
// The widget only wires things together: parsing happens on the Subscriber's thread, storage
// and filtering in MessageModel, rates in RateTracker, file writing in MessageExport.
#pragma once

#include "pubsub/message_export.h"
#include "pubsub/pubsub_service.h"
#include "pubsub/rate_tracker.h"
#include "pubsub/subscriber.h"
#include "server/server_admin.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace redscope {

class MessageModel;
class RateSparkline;
class StatusLine;

class PubSubPanel : public QWidget
{
    Q_OBJECT

public:
    explicit PubSubPanel(RedisConnection *connection, QWidget *parent = nullptr);
    ~PubSubPanel() override;

    Subscriber *subscriber() const { return m_subscriber; }
    MessageModel *model() const { return m_model; }
    const RateTracker &rates() const { return m_rates; }

    // Subscribes to a channel, or to a pattern when the text has glob characters (* ? [).
    void subscribeTo(const QString &text);
    // Writes the rows currently shown (filter applied) to path, on a worker thread;
    // exportFinished() reports the outcome. The Export menu asks for the path first.
    void exportTo(const QString &path, MessageExport::Format format);
    void refreshChannels();
    void watchKeyspaceEvents();

signals:
    void exportFinished(const QString &path, const QString &error);

private:
    QWidget *buildSubscriptionSide();
    QWidget *buildMessageSide();
    void onBatch(const PubSubBatch &batch);
    void scheduleScroll();
    void onSubscriberState(Subscriber::State state, const QString &errorText);
    void onSubscriptionChanged(Subscriber::Kind kind, const QByteArray &name, bool confirmed);
    void unsubscribeSelected();
    void subscribeSelectedChannel();
    void updateSubscriptionItem(Subscriber::Kind kind, const QByteArray &name);
    void tick();
    void updateChart(qint64 nowMs);
    void updateChannelRows(qint64 nowMs);
    QTreeWidgetItem *channelItem(const QByteArray &channel, bool create);
    void showSelectedMessage();
    void publish();
    void chooseExportFile(MessageExport::Format format);
    void askToEnableKeyspaceEvents(const QString &current);
    void updateCounts();

    PubSubService m_pubsub;
    ServerAdmin m_admin;
    Subscriber *m_subscriber;
    MessageModel *m_model;
    RateTracker m_rates;

    QLineEdit *m_subscribeInput = nullptr;
    QTreeWidget *m_subscriptionList = nullptr;
    QLabel *m_stateLabel = nullptr;
    QTreeWidget *m_channelBrowser = nullptr;
    QHash<QByteArray, QTreeWidgetItem *> m_channelItems;
    QLabel *m_numpatLabel = nullptr;

    QLabel *m_dropWarning = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QCheckBox *m_autoscroll = nullptr;
    QLineEdit *m_filterInput = nullptr;
    QComboBox *m_filterField = nullptr;
    QSpinBox *m_capacity = nullptr;
    StatusLine *m_countLabel = nullptr;
    QTableView *m_table = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    RateSparkline *m_rateChart = nullptr;
    StatusLine *m_rateLabel = nullptr;
    QComboBox *m_publishChannel = nullptr;
    QComboBox *m_publishPayload = nullptr;
    QLabel *m_publishResult = nullptr;
    QPointer<QMessageBox> m_keyspaceQuestion;

    QTimer *m_tickTimer = nullptr;
    QTimer *m_filterTimer = nullptr;
    bool m_scrollPending = false;
    int m_ticks = 0;
    bool m_channelsAdded = false; // a row appeared since the last tick
};

} // namespace redscope
