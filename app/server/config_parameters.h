// ConfigParameters: what the config editor knows about each CONFIG parameter of Redis 7.0 (and
// of the engine, which serves the same names): its type, the values an enum allows, and a one-
// line description in Redscope's own words. Kept as data, one row per parameter in
// config_parameters.cpp, so adding a parameter is adding a row.
//
// Parameters missing from the table (a newer server, a module's) still get a type: "yes"/"no"
// values are booleans, whole numbers integers, the rest strings; they just have no description.
// Deprecated aliases (slave-*, *-ziplist-*, lua-time-limit) share the row of their new name.
#pragma once

#include <QString>
#include <QStringList>

namespace redscope {

struct ConfigParameter
{
    enum class Type {
        Boolean, // yes / no
        Enum,    // one of values
        Integer, // a whole number (its unit in the description)
        Memory,  // bytes, with an optional unit: 100mb, 1gb, 512k
        String,  // free text (paths, addresses, space-separated lists)
    };

    QString name;
    Type type = Type::String;
    QStringList values; // Enum only, in the server's order
    QString description;
    QString aliasOf; // set for a deprecated alias: the current name
    bool known = false;

    static QString typeName(Type type); // "boolean", "enum", ... (translated)
};

namespace ConfigParameters {

// The row for name; for unknown names a guess from value (see the top comment).
ConfigParameter lookup(const QString &name, const QString &value = {});
// Whether text is a value the parameter's type accepts (enums: one of the values; memory:
// digits with an optional b/k/kb/m/mb/g/gb, and a percentage for maxmemory-clients).
bool isValid(const ConfigParameter &parameter, const QString &text);
// A regular expression for the memory type (the editor's validator uses it).
QString memoryPattern(bool allowPercent);

} // namespace ConfigParameters

} // namespace redscope
