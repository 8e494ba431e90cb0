// DecoderRulesModel: a QList of rows; save() groups them back per connection in row order.
#include "values/decoders/decoder_rules_model.h"

#include <algorithm>
#include <optional>

namespace redscope {

namespace {

// The edited value as the id of one of a table's rows (a codec, a format), or nothing when
// the table has no such row.
template <typename Table, typename Info, typename Id>
std::optional<int> listedId(const QVariant &value, const Table &table, Id Info::*field)
{
    bool ok = false;
    const int id = value.toInt(&ok);
    if (!ok || std::none_of(table.begin(), table.end(),
                            [&](const Info &info) { return int(info.*field) == id; }))
        return std::nullopt;
    return id;
}

} // namespace

DecoderRulesModel::DecoderRulesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void DecoderRulesModel::load(const QString &connection)
{
    beginResetModel();
    m_rows.clear();
    m_connections =
        connection.isEmpty() ? DecoderSettings::connectionNames() : QStringList{connection};
    for (const QString &name : std::as_const(m_connections)) {
        for (const DecoderRule &rule : DecoderSettings(name).rules())
            m_rows.append(Row{name, rule});
    }
    m_modified = false;
    endResetModel();
}

void DecoderRulesModel::save() const
{
    for (const QString &name : m_connections) {
        QList<DecoderRule> rules;
        for (const Row &row : m_rows) {
            if (row.connection == name) rules.append(row.rule);
        }
        DecoderSettings(name).setRules(rules);
    }
}

int DecoderRulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DecoderRulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DecoderRulesModel::chain(const DecoderRule &rule)
{
    const QString format = tr(formatInfo(rule.format).label);
    if (rule.codec == Codec::None) return format;
    return tr("%1 → %2").arg(tr(codecInfo(rule.codec).label), format);
}

QVariant DecoderRulesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.row() >= m_rows.size()) return {};
    const Row &row = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case ConnectionColumn:
            return row.connection;
        case PatternColumn:
            return row.rule.pattern;
        case CodecColumn:
            return tr(codecInfo(row.rule.codec).label);
        case FormatColumn:
            return tr(formatInfo(row.rule.format).label);
        }
        break;
    case Qt::EditRole:
        switch (index.column()) {
        case ConnectionColumn:
            return row.connection;
        case PatternColumn:
            return row.rule.pattern;
        case CodecColumn:
            return int(row.rule.codec);
        case FormatColumn:
            return int(row.rule.format);
        }
        break;
    case Qt::ToolTipRole: {
        QString tip = tr("Keys matching %1 open as %2").arg(row.rule.pattern, chain(row.rule));
        if (row.rule.format == Format::ProtobufTyped)
            tip += tr("\nMessage %1 from %2")
                       .arg(row.rule.options.messageType,
                            row.rule.options.protoFiles.join(QStringLiteral(", ")));
        if (row.rule.format == Format::Custom)
            tip +=
                tr("\nDecode: %1\nEncode: %2").arg(row.rule.decodeCommand, row.rule.encodeCommand);
        return tip;
    }
    default:
        break;
    }
    return {};
}

bool DecoderRulesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.row() >= m_rows.size()) return false;
    DecoderRule &rule = m_rows[index.row()].rule;
    switch (index.column()) {
    case PatternColumn: {
        const QString pattern = value.toString().trimmed();
        if (pattern.isEmpty() || pattern == rule.pattern) return false;
        rule.pattern = pattern;
        break;
    }
    case CodecColumn: {
        const std::optional<int> codec = listedId(value, codecTable(), &CodecInfo::codec);
        if (!codec) return false;
        rule.codec = Codec(*codec);
        break;
    }
    case FormatColumn: {
        const std::optional<int> format = listedId(value, formatTable(), &FormatInfo::format);
        if (!format) return false;
        rule.format = Format(*format);
        break;
    }
    default:
        return false;
    }
    m_modified = true;
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
    return true;
}

Qt::ItemFlags DecoderRulesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() != ConnectionColumn) flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant DecoderRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Vertical) return section + 1;
    switch (section) {
    case ConnectionColumn:
        return tr("Connection");
    case PatternColumn:
        return tr("Key pattern");
    case CodecColumn:
        return tr("Compression");
    case FormatColumn:
        return tr("Decoder");
    default:
        return {};
    }
}

bool DecoderRulesModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size()) return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    m_modified = true;
    return true;
}

bool DecoderRulesModel::canMove(int row, int delta) const
{
    const int to = row + delta;
    if (row < 0 || row >= m_rows.size() || to < 0 || to >= m_rows.size() || delta == 0)
        return false;
    return m_rows[row].connection == m_rows[to].connection && qAbs(delta) == 1;
}

bool DecoderRulesModel::move(int row, int delta)
{
    // moveRows' destination is the row the moved one goes before.
    return moveRows({}, row, 1, {}, delta > 0 ? row + 2 : row - 1);
}

bool DecoderRulesModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                                 const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count != 1) return false;
    const int delta = destinationChild > sourceRow ? destinationChild - sourceRow - 1
                                                   : destinationChild - sourceRow;
    if (!canMove(sourceRow, delta)) return false;
    if (!beginMoveRows({}, sourceRow, sourceRow, {}, destinationChild)) return false;
    m_rows.move(sourceRow, sourceRow + delta);
    endMoveRows();
    m_modified = true;
    return true;
}

} // namespace redscope
