// ByteEdits: bytes overwritten in a hex or bits view, before they are saved. An overlay over
// the value (which may be a 512 MB string read in pages): only the edited offsets are kept,
// each with the byte the view showed before (what the optimistic check compares on save) and
// the byte now. Every change is one undo step; a byte set back to what it was is no edit at all.
// patches() turns the edits into runs of consecutive offsets, the SETRANGE writes of a save.
// Overwrite only: a hex edit never changes the value's length.
#pragma once

#include "values/value_service.h"

#include <QByteArray>

#include <map>
#include <optional>
#include <vector>

namespace redscope {

class ByteEdits
{
public:
    // The byte at offset becomes value; original is what the value holds there (unedited).
    void set(qint64 offset, char original, char value);
    bool undo();
    bool redo();
    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    void clear();

    bool isModified() const { return !m_bytes.empty(); }
    int count() const { return int(m_bytes.size()); }
    bool contains(qint64 offset) const { return m_bytes.count(offset) != 0; }
    std::optional<char> at(qint64 offset) const;
    // bytes (the value's bytes from offset on) with the edits inside them applied.
    QByteArray applied(QByteArray bytes, qint64 offset) const;
    QList<BytePatch> patches() const; // by offset; adjacent edits in one patch

private:
    struct Step
    {
        qint64 offset;
        char original;
        char before; // the byte shown before the step
        char after;
    };
    void put(qint64 offset, char original, char value);

    std::map<qint64, std::pair<char, char>> m_bytes; // offset -> (original, now)
    std::vector<Step> m_undo;
    std::vector<Step> m_redo;
};

} // namespace redscope
