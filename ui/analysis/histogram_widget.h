// HistogramWidget: labelled horizontal bars (TTL buckets, idle time, LFU frequency), painted;
// each bar shows its count and share. Small and fixed: a handful of buckets.
#pragma once

#include <QWidget>

namespace redscope {

class HistogramWidget : public QWidget
{
    Q_OBJECT

public:
    struct Bar
    {
        QString label;
        quint64 value = 0;
        QString note; // e.g. the bytes of the bucket
    };
    explicit HistogramWidget(QWidget *parent = nullptr);
    void setBars(const QString &title, const QList<Bar> &bars, const QString &emptyText = {});
    const QList<Bar> &bars() const { return m_bars; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_title;
    QString m_empty;
    QList<Bar> m_bars;
};

} // namespace redscope
