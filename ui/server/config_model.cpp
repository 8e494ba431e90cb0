// setData returns false on purpose: the edit is a request, not a change (see the header).
#include "server/config_model.h"

#include "connection/secret_mask.h"

namespace redscope {

ConfigModel::ConfigModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ConfigModel::setEntries(const QList<ConfigEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    m_parameters.clear();
    m_parameters.reserve(m_entries.size());
    for (const ConfigEntry &entry : m_entries)
        m_parameters.append(ConfigParameters::lookup(entry.name, entry.value));
    endResetModel();
}

int ConfigModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries[row].name == name) return row;
    }
    return -1;
}

QString ConfigModel::valueOf(const QString &name) const
{
    const int row = rowOf(name);
    return row >= 0 ? m_entries[row].value : QString();
}

void ConfigModel::applyValue(const QString &name, const QString &value)
{
    const int row = rowOf(name);
    if (row < 0) return;
    m_entries[row].value = value;
    emit dataChanged(index(row, Value), index(row, Value));
}

int ConfigModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ConfigModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConfigModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConfigEntry &entry = m_entries.at(index.row());
    const ConfigParameter &parameter = m_parameters.at(index.row());
    if (role == NameRole) return entry.name;
    if (role == TypeRole) return int(parameter.type);
    if (role == AllowedValuesRole) {
        if (parameter.type == ConfigParameter::Type::Boolean)
            return QStringList{QStringLiteral("yes"), QStringLiteral("no")};
        return parameter.values;
    }
    if (index.column() == Type || index.column() == Description) {
        if (role == Qt::ToolTipRole && index.column() == Type && !parameter.values.isEmpty())
            return tr("One of: %1").arg(parameter.values.join(QStringLiteral(", ")));
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
        if (index.column() == Type) return ConfigParameter::typeName(parameter.type);
        return parameter.description;
    }
    if (role == Qt::ToolTipRole && index.column() == Name && !parameter.description.isEmpty())
        return QStringLiteral("%1\n%2").arg(entry.name, parameter.description);
    // Password parameters: shown masked, edited from an empty field (typing sets a new one).
    if (index.column() == Value && !entry.value.isEmpty() &&
        SecretMask::isSecretConfig(entry.name.toUtf8())) {
        if (role == Qt::EditRole) return QString();
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
            return QString::fromLatin1(SecretMask::kMask);
    }
    if (role == Qt::DisplayRole || role == Qt::EditRole || role == Qt::ToolTipRole)
        return index.column() == Name ? entry.name : entry.value;
    return {};
}

bool ConfigModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != Value ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString text = value.toString();
    const ConfigEntry &entry = m_entries.at(index.row());
    if (text.isEmpty() && SecretMask::isSecretConfig(entry.name.toUtf8()))
        return false; // the masked field was left empty: keep the password
    if (!ConfigParameters::isValid(m_parameters.at(index.row()), text)) {
        emit invalidValue(entry.name, text); // not sent: the server would refuse it too
        return false;
    }
    if (text != m_entries.at(index.row()).value)
        emit setRequested(m_entries.at(index.row()).name, text);
    return false;
}

Qt::ItemFlags ConfigModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Value) flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant ConfigModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (Column(section)) {
    case Name:
        return tr("Parameter");
    case Value:
        return tr("Value");
    case Type:
        return tr("Type");
    case Description:
        return tr("Description");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace redscope
