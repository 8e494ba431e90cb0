// DecoderRulesModel: the remembered decoder rules (DecoderSettings) of every connection, or of
// one, as a flat table: connection, key pattern, compression, decoder. A simple model: the
// rules are a handful per connection, read at once from QSettings. Rows are grouped by
// connection in match order (the first rule of a connection whose pattern matches a key wins),
// so moving a row stays within its connection. Edits, deletions and moves stay in the model
// until save() writes each connection's list back.
#pragma once

#include "values/decoders/decoder_settings.h"

#include <QAbstractTableModel>

namespace redscope {

class DecoderRulesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ConnectionColumn, PatternColumn, CodecColumn, FormatColumn, ColumnCount };
    // Qt::EditRole of CodecColumn and FormatColumn is the enum's int; Qt::DisplayRole the label.

    explicit DecoderRulesModel(QObject *parent = nullptr);

    // Reads the rules of `connection` (empty: of every connection).
    void load(const QString &connection = {});
    void save() const;
    bool isModified() const { return m_modified; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    // One row at a time, within its connection's rules.
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                  const QModelIndex &destinationParent, int destinationChild) override;
    bool canMove(int row, int delta) const;
    bool move(int row, int delta); // -1 up, +1 down

    QString connection(int row) const { return m_rows.value(row).connection; }
    DecoderRule rule(int row) const { return m_rows.value(row).rule; }
    // "gzip → JSON": how a value of the row's keys is shown.
    static QString chain(const DecoderRule &rule);

private:
    struct Row
    {
        QString connection;
        DecoderRule rule;
    };
    QList<Row> m_rows;
    QStringList m_connections; // loaded: saved back even when all their rules were deleted
    bool m_modified = false;
};

} // namespace redscope
