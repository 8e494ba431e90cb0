// DecoderSettings: rules are an array in QSettings, read on each lookup (a handful of rules;
// QSettings caches the file).
#include "values/decoders/decoder_settings.h"

#include <QRegularExpression>
#include <QSettings>

namespace redscope {

static const char kLimitKey[] = "decoders/wholeValueLimit";

DecoderSettings::DecoderSettings(const QString &connectionName)
    : m_group(QStringLiteral("decoders/") +
              QString::fromLatin1(connectionName.toUtf8().toPercentEncoding()))
{
}

QList<DecoderRule> DecoderSettings::rules() const
{
    QSettings settings;
    QList<DecoderRule> out;
    const int n = settings.beginReadArray(m_group + QStringLiteral("/rules"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        DecoderRule rule;
        rule.pattern = settings.value(QStringLiteral("pattern")).toString();
        if (!formatFromId(settings.value(QStringLiteral("format")).toString(), &rule.format))
            continue;
        rule.codec = codecFromId(settings.value(QStringLiteral("codec")).toString());
        rule.options.protoFiles = settings.value(QStringLiteral("protoFiles")).toStringList();
        rule.options.messageType = settings.value(QStringLiteral("messageType")).toString();
        rule.decodeCommand = settings.value(QStringLiteral("decodeCommand")).toString();
        rule.encodeCommand = settings.value(QStringLiteral("encodeCommand")).toString();
        rule.timeoutMs = settings.value(QStringLiteral("timeoutMs"), 5000).toInt();
        out.append(rule);
    }
    settings.endArray();
    return out;
}

void DecoderSettings::setRules(const QList<DecoderRule> &rules)
{
    QSettings settings;
    settings.remove(m_group + QStringLiteral("/rules"));
    settings.beginWriteArray(m_group + QStringLiteral("/rules"), int(rules.size()));
    for (int i = 0; i < rules.size(); ++i) {
        const DecoderRule &rule = rules[i];
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("pattern"), rule.pattern);
        settings.setValue(QStringLiteral("format"), QLatin1String(formatInfo(rule.format).id));
        settings.setValue(QStringLiteral("codec"), QLatin1String(codecInfo(rule.codec).id));
        settings.setValue(QStringLiteral("protoFiles"), rule.options.protoFiles);
        settings.setValue(QStringLiteral("messageType"), rule.options.messageType);
        settings.setValue(QStringLiteral("decodeCommand"), rule.decodeCommand);
        settings.setValue(QStringLiteral("encodeCommand"), rule.encodeCommand);
        settings.setValue(QStringLiteral("timeoutMs"), rule.timeoutMs);
    }
    settings.endArray();
}

std::optional<DecoderRule> DecoderSettings::ruleFor(const QByteArray &key) const
{
    const QString name = QString::fromUtf8(key);
    for (const DecoderRule &rule : rules()) {
        // A glob of * and ?, everything else literal ('/' included, unlike Qt's file globs).
        QString regex;
        for (const QChar c : rule.pattern)
            regex += c == QLatin1Char('*')   ? QStringLiteral(".*")
                     : c == QLatin1Char('?') ? QStringLiteral(".")
                                             : QRegularExpression::escape(QString(c));
        const QRegularExpression anchored(QRegularExpression::anchoredPattern(regex),
                                          QRegularExpression::DotMatchesEverythingOption);
        if (anchored.match(name).hasMatch()) return rule;
    }
    return std::nullopt;
}

void DecoderSettings::remember(const DecoderRule &rule)
{
    QList<DecoderRule> all = rules();
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const DecoderRule &r) { return r.pattern == rule.pattern; }),
              all.end());
    all.prepend(rule);
    setRules(all);
}

void DecoderSettings::forget(const QString &pattern)
{
    QList<DecoderRule> all = rules();
    all.erase(std::remove_if(all.begin(), all.end(),
                             [&](const DecoderRule &r) { return r.pattern == pattern; }),
              all.end());
    setRules(all);
}

QString DecoderSettings::connectionName() const
{
    return QString::fromUtf8(
        QByteArray::fromPercentEncoding(m_group.mid(int(qstrlen("decoders/"))).toLatin1()));
}

QStringList DecoderSettings::connectionNames()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("decoders"));
    QStringList names;
    for (const QString &group : settings.childGroups())
        names.append(QString::fromUtf8(QByteArray::fromPercentEncoding(group.toLatin1())));
    settings.endGroup();
    names.sort(Qt::CaseInsensitive);
    return names;
}

QString DecoderSettings::patternFor(const QByteArray &key, const QString &separator)
{
    const QString name = QString::fromUtf8(key);
    const qsizetype at = separator.isEmpty() ? -1 : name.lastIndexOf(separator);
    if (at < 0) return name;
    return name.left(at + separator.size()) + QLatin1Char('*');
}

qint64 DecoderSettings::wholeValueLimit()
{
    return QSettings().value(QLatin1String(kLimitKey), kDefaultWholeValueLimit).toLongLong();
}

void DecoderSettings::setWholeValueLimit(qint64 bytes)
{
    QSettings().setValue(QLatin1String(kLimitKey), bytes);
}

} // namespace redscope
