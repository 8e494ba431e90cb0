// DecoderSettings: which decoder a key opens with, remembered per connection and per key
// pattern (a glob such as "session:*"), plus the size above which a decoder that needs the
// whole value asks before reading it. Kept in QSettings under "decoders/<connection name>";
// the first rule whose pattern matches a key wins, newest first.
#pragma once

#include "values/decoders/compression.h"
#include "values/decoders/decoder.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace redscope {

struct DecoderRule
{
    QString pattern; // glob over the key name
    Format format = Format::Text;
    Codec codec = Codec::None;
    DecoderOptions options; // typed Protobuf
    QString decodeCommand;  // Custom
    QString encodeCommand;  // Custom, optional: without it the value is read-only
    int timeoutMs = 5000;   // Custom
};

class DecoderSettings
{
public:
    static constexpr qint64 kDefaultWholeValueLimit = 16 * 1024 * 1024;

    explicit DecoderSettings(const QString &connectionName);

    std::optional<DecoderRule> ruleFor(const QByteArray &key) const;
    QList<DecoderRule> rules() const;
    void remember(const DecoderRule &rule); // replaces the rule with the same pattern
    void forget(const QString &pattern);
    void setRules(const QList<DecoderRule> &rules); // all of them, in match order
    QString connectionName() const;
    // Every connection that has rules (or had: an emptied list stays), by name.
    static QStringList connectionNames();

    // The pattern proposed for a key: its namespace (up to the last separator) and "*", or the
    // key itself when it has no separator.
    static QString patternFor(const QByteArray &key,
                              const QString &separator = QStringLiteral(":"));

    // Bytes above which the whole value is read only after asking (Preferences).
    static qint64 wholeValueLimit();
    static void setWholeValueLimit(qint64 bytes);

private:
    QString m_group;
};

} // namespace redscope
