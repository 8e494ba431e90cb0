// InfoTreeModel: an INFO snapshot as a two-level tree (sections, then key/value fields) for the
// INFO browser. The snapshot itself is the item store; internal ids encode the section of a
// field row, so no per-item objects are allocated. Replacing the snapshot resets the model;
// INFO has a few hundred fields, so a reset is cheaper than diffing.
// For the Local engine, which shares the app's process, the fields that measure the process
// (RSS and the ratios built on it, CPU time) are drawn greyed with a tooltip saying so: they
// count the whole app, not the engine.
#pragma once

#include "monitoring/info_snapshot.h"

#include <QAbstractItemModel>

namespace redscope {

class InfoTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, ColumnCount };

    explicit InfoTreeModel(QObject *parent = nullptr);

    void setSnapshot(const InfoSnapshot &snapshot);
    // True for the Local engine: process-wide fields are marked as the app's (see above).
    void setSharedProcess(bool shared);
    static bool isProcessWideField(const QString &key);
    const InfoSnapshot &snapshot() const { return m_snapshot; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    static constexpr quintptr kSectionRow = 0; // internal id of section rows
    InfoSnapshot m_snapshot;
    bool m_sharedProcess = false;
};

} // namespace redscope
