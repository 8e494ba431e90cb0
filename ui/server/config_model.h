// ConfigModel: CONFIG GET * as an editable two-column table. Editing a value does not change the
// model: it emits setRequested(), the editor sends CONFIG SET, and only a successful reply
// updates the row (applyValue) — so the table always shows what the server has, and a refused
// value snaps back while the error is shown. Each row also carries what ConfigParameters knows
// (type, allowed values, description) for the Type and Description columns and the editor.
#pragma once

#include "server/config_parameters.h"
#include "server/server_replies.h"

#include <QAbstractTableModel>

namespace redscope {

class ConfigModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Value, Type, Description, ColumnCount };
    enum Role {
        TypeRole = Qt::UserRole + 1, // int(ConfigParameter::Type)
        AllowedValuesRole,           // QStringList: an enum's values, yes/no for booleans
        NameRole,
    };

    explicit ConfigModel(QObject *parent = nullptr);

    void setEntries(const QList<ConfigEntry> &entries);
    const QList<ConfigEntry> &entries() const { return m_entries; }
    int rowOf(const QString &name) const;
    QString valueOf(const QString &name) const;
    const ConfigParameter &parameterAt(int row) const { return m_parameters.at(row); }
    void applyValue(const QString &name, const QString &value);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void setRequested(const QString &name, const QString &value);
    // A value its parameter's type cannot take ("abc" for an integer); nothing was sent.
    void invalidValue(const QString &name, const QString &value);

private:
    QList<ConfigEntry> m_entries;
    QList<ConfigParameter> m_parameters; // per row
};

} // namespace redscope
