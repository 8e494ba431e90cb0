// ByteEdits: a sorted map of edited offsets and two step stacks. Cost per byte typed: a map
// insert; patches() is one pass over the edits.
#include "values/byte_edits.h"

namespace redscope {

void ByteEdits::put(qint64 offset, char original, char value)
{
    if (value == original)
        m_bytes.erase(offset);
    else
        m_bytes[offset] = {original, value};
}

void ByteEdits::set(qint64 offset, char original, char value)
{
    const auto it = m_bytes.find(offset);
    if (it != m_bytes.end()) original = it->second.first;
    const char before = it != m_bytes.end() ? it->second.second : original;
    if (before == value) return;
    put(offset, original, value);
    m_undo.push_back({offset, original, before, value});
    m_redo.clear();
}

bool ByteEdits::undo()
{
    if (m_undo.empty()) return false;
    const Step step = m_undo.back();
    m_undo.pop_back();
    put(step.offset, step.original, step.before);
    m_redo.push_back(step);
    return true;
}

bool ByteEdits::redo()
{
    if (m_redo.empty()) return false;
    const Step step = m_redo.back();
    m_redo.pop_back();
    put(step.offset, step.original, step.after);
    m_undo.push_back(step);
    return true;
}

void ByteEdits::clear()
{
    m_bytes.clear();
    m_undo.clear();
    m_redo.clear();
}

std::optional<char> ByteEdits::at(qint64 offset) const
{
    const auto it = m_bytes.find(offset);
    if (it == m_bytes.end()) return std::nullopt;
    return it->second.second;
}

QByteArray ByteEdits::applied(QByteArray bytes, qint64 offset) const
{
    for (auto it = m_bytes.lower_bound(offset);
         it != m_bytes.end() && it->first < offset + bytes.size(); ++it)
        bytes[it->first - offset] = it->second.second;
    return bytes;
}

QList<BytePatch> ByteEdits::patches() const
{
    QList<BytePatch> out;
    for (const auto &[offset, bytes] : m_bytes) {
        if (out.isEmpty() || out.back().offset + out.back().before.size() != offset)
            out.append(BytePatch{offset, {}, {}});
        out.back().before += bytes.first;
        out.back().after += bytes.second;
    }
    return out;
}

} // namespace redscope
