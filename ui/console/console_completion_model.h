// ConsoleCompletionModel: the console completer's list. Each row shows a short word (a command
// name, a subcommand, an option token such as NX or WITHSCORES) but completes to the whole
// line with that word in place of the one being typed (Qt::EditRole, the completer's
// completionRole). That lets the line edit's own completer, which always matches the whole
// text, complete the argument under the cursor while its popup shows just the words.
// SummaryRole (and the tooltip) carries what the word does ("GET: Returns the string value of
// a key"), asked of a summary function when painted; summaries arrive later than the words
// (the docs are fetched lazily), so summariesChanged() repaints them.
#pragma once

#include <QAbstractListModel>
#include <QStringList>

#include <functional>

namespace redscope {

class ConsoleCompletionModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { SummaryRole = Qt::UserRole + 1 };
    using SummaryFunction = std::function<QString(const QString &word)>;

    explicit ConsoleCompletionModel(QObject *parent = nullptr);

    void setSummaryFunction(SummaryFunction function) { m_summary = std::move(function); }
    void summariesChanged();

    // Rows become linePrefix + word for each word, sorted case-insensitively (the completer
    // runs with CaseInsensitivelySortedModel). Unchanged input keeps the model untouched.
    void setWords(const QString &linePrefix, QStringList words);
    QStringList words() const { return m_words; }
    QString linePrefix() const { return m_prefix; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    QString m_prefix;
    QStringList m_words;
    SummaryFunction m_summary;
};

} // namespace redscope
