// TimeFormat: clock times, durations and ages as the server views show them.
#include "server/time_format.h"

#include <QTest>

using namespace redscope;

class TstTimeFormat : public QObject
{
    Q_OBJECT

private slots:
    void clockShowsTheDateOnlyWhenNotToday()
    {
        const QDateTime now(QDate(2026, 12, 7), QTime(14, 10, 0));
        const QDateTime today(QDate(2026, 12, 7), QTime(14, 3, 21, 512));
        QCOMPARE(TimeFormat::clock(today, now, true), QStringLiteral("14:03:21.512"));
        QCOMPARE(TimeFormat::clock(today, now, false), QStringLiteral("14:03:21"));
        const QDateTime yesterday(QDate(2026, 12, 6), QTime(23, 59, 1));
        QCOMPARE(TimeFormat::clock(yesterday, now, false), QStringLiteral("2026-12-06 23:59:01"));
    }
    void durationPicksItsUnit()
    {
        QCOMPARE(TimeFormat::duration(0), QStringLiteral("0 µs"));
        QCOMPARE(TimeFormat::duration(850), QStringLiteral("850 µs"));
        QCOMPARE(TimeFormat::duration(1234), QStringLiteral("1.23 ms"));
        QCOMPARE(TimeFormat::duration(12345), QStringLiteral("12.3 ms"));
        QCOMPARE(TimeFormat::duration(201400), QStringLiteral("201 ms"));
        QCOMPARE(TimeFormat::duration(1250000), QStringLiteral("1.25 s"));
        QCOMPARE(TimeFormat::duration(12500000), QStringLiteral("12.5 s"));
        QCOMPARE(TimeFormat::duration(125000000), QStringLiteral("2 min 5 s"));
        QCOMPARE(TimeFormat::duration(3LL * 3600 * 1000000 + 300000000),
                 QStringLiteral("3 h 5 min"));
    }
    void agoReadsLikeSpeech()
    {
        QCOMPARE(TimeFormat::ago(2), QStringLiteral("just now"));
        QCOMPARE(TimeFormat::ago(42), QStringLiteral("42 s ago"));
        QCOMPARE(TimeFormat::ago(4 * 60 + 59), QStringLiteral("4 min ago"));
        QCOMPARE(TimeFormat::ago(3 * 3600 + 5 * 60), QStringLiteral("3 h 5 min ago"));
        QCOMPARE(TimeFormat::ago(2 * 3600), QStringLiteral("2 h ago"));
        QCOMPARE(TimeFormat::ago(86400 + 5), QStringLiteral("1 day ago"));
        QCOMPARE(TimeFormat::ago(3 * 86400), QStringLiteral("3 days ago"));
        QCOMPARE(TimeFormat::ago(-60), QStringLiteral("in the future"));
    }
};

QTEST_GUILESS_MAIN(TstTimeFormat)
#include "tst_time_format.moc"
