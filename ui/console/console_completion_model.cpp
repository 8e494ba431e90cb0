// A flat list model; rebuilt with a model reset on each change (tens of rows, never more than
// the server's command count).
#include "console/console_completion_model.h"

namespace redscope {

ConsoleCompletionModel::ConsoleCompletionModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void ConsoleCompletionModel::setWords(const QString &linePrefix, QStringList words)
{
    words.sort(Qt::CaseInsensitive);
    if (linePrefix == m_prefix && words == m_words) return;
    beginResetModel();
    m_prefix = linePrefix;
    m_words = std::move(words);
    endResetModel();
}

int ConsoleCompletionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_words.size());
}

QVariant ConsoleCompletionModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_words.size()) return {};
    if (role == Qt::DisplayRole) return m_words.at(index.row());
    if (role == Qt::EditRole) return m_prefix + m_words.at(index.row());
    if ((role == SummaryRole || role == Qt::ToolTipRole) && m_summary)
        return m_summary(m_words.at(index.row()));
    return {};
}

void ConsoleCompletionModel::summariesChanged()
{
    if (m_words.isEmpty()) return;
    emit dataChanged(index(0), index(int(m_words.size()) - 1), {SummaryRole, Qt::ToolTipRole});
}

} // namespace redscope
