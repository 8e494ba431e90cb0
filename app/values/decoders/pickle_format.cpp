// Python pickle, protocols 0-5, read as data only. The pickle machine's opcodes are replayed on
// a stack of shared nodes (APPEND and SETITEM mutate objects that the memo also holds), but
// the opcodes that would import or call (GLOBAL, STACK_GLOBAL, REDUCE, NEWOBJ, INST, OBJ,
// BUILD) only record what they name: {"$global": "module.name"}, {"$call": ..., "args": [...]}
// with "state" for BUILD. Nothing is imported, called or executed, so a hostile pickle is
// just an odd-looking tree. Bytes are {"$bytes": base64}, sets {"$set": [...]}; tuples and
// lists are arrays; dict keys that are not strings are shown as their JSON text.
#include "values/decoders/formats.h"

#include <QtEndian>

#include <map>
#include <memory>
#include <set>

namespace redscope::formats {

namespace {

struct PNode;
using PRef = std::shared_ptr<PNode>;

struct PNode
{
    enum class Kind { Scalar, List, Tuple, Dict, Set, Global, Call, Mark };
    Kind kind = Kind::Scalar;
    JsonNode scalar;                         // Scalar
    std::vector<PRef> items;                 // List, Tuple, Set; Call: args
    std::vector<std::pair<PRef, PRef>> dict; // Dict
    QString name;                            // Global, Call: "module.name"
    PRef state;                              // Call after BUILD
};

PRef scalar(JsonNode n)
{
    auto p = std::make_shared<PNode>();
    p->scalar = std::move(n);
    return p;
}

PRef container(PNode::Kind kind)
{
    auto p = std::make_shared<PNode>();
    p->kind = kind;
    return p;
}

JsonNode toJson(const PRef &p, std::set<const PNode *> &path, int depth)
{
    if (!p) return JsonNode::null();
    if (depth > 256 || path.count(p.get())) {
        JsonNode n = JsonNode::object();
        n.members.emplace_back(QStringLiteral("$recursive"), JsonNode::fromBool(true));
        return n;
    }
    path.insert(p.get());
    JsonNode out;
    switch (p->kind) {
    case PNode::Kind::Scalar:
    case PNode::Kind::Mark:
        out = p->scalar;
        break;
    case PNode::Kind::List:
    case PNode::Kind::Tuple:
        out = JsonNode::array();
        for (const PRef &item : p->items)
            out.items.push_back(toJson(item, path, depth + 1));
        break;
    case PNode::Kind::Set: {
        JsonNode list = JsonNode::array();
        for (const PRef &item : p->items)
            list.items.push_back(toJson(item, path, depth + 1));
        out = JsonNode::object();
        out.members.emplace_back(QStringLiteral("$set"), std::move(list));
        break;
    }
    case PNode::Kind::Dict:
        out = JsonNode::object();
        for (const auto &[k, v] : p->dict) {
            JsonNode key = toJson(k, path, depth + 1);
            const QString name = key.type == JsonNode::Type::String
                                     ? key.string
                                     : QString::fromUtf8(writeJson(key, false));
            out.members.emplace_back(name, toJson(v, path, depth + 1));
        }
        break;
    case PNode::Kind::Global:
        out = JsonNode::object();
        out.members.emplace_back(QStringLiteral("$global"), JsonNode::fromString(p->name));
        break;
    case PNode::Kind::Call: {
        out = JsonNode::object();
        out.members.emplace_back(QStringLiteral("$call"), JsonNode::fromString(p->name));
        JsonNode args = JsonNode::array();
        for (const PRef &item : p->items)
            args.items.push_back(toJson(item, path, depth + 1));
        out.members.emplace_back(QStringLiteral("args"), std::move(args));
        if (p->state)
            out.members.emplace_back(QStringLiteral("state"), toJson(p->state, path, depth + 1));
        break;
    }
    }
    path.erase(p.get());
    return out;
}

// Little-endian two's complement of any length (LONG1, LONG4).
JsonNode longFromBytes(QByteArrayView b)
{
    if (b.isEmpty()) return JsonNode::fromInt(0);
    const bool negative = quint8(b.back()) & 0x80;
    if (b.size() <= 8) {
        quint64 v = 0;
        for (qsizetype i = b.size() - 1; i >= 0; --i)
            v = (v << 8) | quint8(b[i]);
        if (negative && b.size() < 8) v |= ~0ULL << (8 * b.size());
        return negative ? JsonNode::fromInt(qint64(v)) : JsonNode::fromUnsigned(v);
    }
    if (b.size() == 9 && b.back() == 0) { // 2^63..2^64-1 needs a ninth, zero byte
        quint64 v = 0;
        for (int i = 7; i >= 0; --i)
            v = (v << 8) | quint8(b[i]);
        return JsonNode::fromUnsigned(v);
    }
    QByteArray bigEndian;
    for (qsizetype i = b.size() - 1; i >= 0; --i)
        bigEndian += b[i];
    JsonNode n = JsonNode::object();
    n.members.emplace_back(
        QStringLiteral("$int"),
        JsonNode::fromString(QStringLiteral("0x") + QString::fromLatin1(bigEndian.toHex())));
    return n;
}

class Unpickler
{
public:
    explicit Unpickler(QByteArrayView data)
        : m_data(data)
    {
    }

    Result<JsonNode> run()
    {
        while (m_pos < m_data.size()) {
            const quint8 op = quint8(m_data[m_pos++]);
            if (op == '.') {
                if (m_stack.empty()) return failure("STOP with an empty stack");
                std::set<const PNode *> path;
                return {toJson(m_stack.back(), path, 0)};
            }
            if (!step(op)) return failure(m_error);
        }
        return failure("no STOP opcode");
    }

private:
    Result<JsonNode> failure(const QString &why)
    {
        return Result<JsonNode>::failure(
            QStringLiteral("not a pickle: %1 at byte %2").arg(why).arg(m_pos));
    }
    bool fail(const QString &why)
    {
        m_error = why;
        return false;
    }
    bool take(qsizetype n, QByteArrayView *out)
    {
        if (n < 0 || m_pos + n > m_data.size()) return fail(QStringLiteral("truncated"));
        *out = m_data.sliced(m_pos, n);
        m_pos += n;
        return true;
    }
    bool line(QByteArray *out)
    {
        const qsizetype end = m_data.indexOf('\n', m_pos);
        if (end < 0) return fail(QStringLiteral("truncated line"));
        *out = m_data.sliced(m_pos, end - m_pos).toByteArray();
        m_pos = end + 1;
        return true;
    }
    template <typename T> bool number(T *out)
    {
        QByteArrayView b;
        if (!take(sizeof(T), &b)) return false;
        *out = qFromLittleEndian<T>(b.data());
        return true;
    }
    bool push(PRef p)
    {
        m_stack.push_back(std::move(p));
        return true;
    }
    bool pop(PRef *out)
    {
        if (m_stack.empty() || m_stack.back()->kind == PNode::Kind::Mark)
            return fail(QStringLiteral("stack underflow"));
        *out = m_stack.back();
        m_stack.pop_back();
        return true;
    }
    // The items above the topmost mark, removing them and the mark.
    bool popMark(std::vector<PRef> *out)
    {
        for (size_t i = m_stack.size(); i-- > 0;) {
            if (m_stack[i]->kind != PNode::Kind::Mark) continue;
            out->assign(m_stack.begin() + qsizetype(i) + 1, m_stack.end());
            m_stack.resize(i);
            return true;
        }
        return fail(QStringLiteral("no mark"));
    }
    bool memoGet(quint64 index)
    {
        const auto it = m_memo.find(index);
        if (it == m_memo.end()) return fail(QStringLiteral("memo entry missing"));
        return push(it->second);
    }
    bool memoPut(quint64 index)
    {
        if (m_stack.empty()) return fail(QStringLiteral("stack underflow"));
        m_memo[index] = m_stack.back();
        return true;
    }
    bool string(QByteArrayView bytes) // unicode
    {
        return push(scalar(JsonNode::fromString(QString::fromUtf8(bytes))));
    }
    bool bytes(QByteArrayView b)
    {
        JsonNode n = JsonNode::object();
        n.members.emplace_back(QStringLiteral("$bytes"), JsonNode::fromString(QString::fromLatin1(
                                                             b.toByteArray().toBase64())));
        return push(scalar(std::move(n)));
    }
    bool global(const QString &name)
    {
        PRef g = container(PNode::Kind::Global);
        g->name = name;
        return push(g);
    }
    bool call(const PRef &callable, std::vector<PRef> args)
    {
        PRef c = container(PNode::Kind::Call);
        c->name =
            callable->kind == PNode::Kind::Global ? callable->name : QStringLiteral("<callable>");
        c->items = std::move(args);
        return push(c);
    }
    bool setItems(const PRef &dict, const std::vector<PRef> &kv)
    {
        if (dict->kind != PNode::Kind::Dict) {
            if (dict->kind == PNode::Kind::Call) { // a dict subclass: keep the items as state
                if (!dict->state) dict->state = container(PNode::Kind::Dict);
                return setItems(dict->state, kv);
            }
            return fail(QStringLiteral("SETITEM on a non-dict"));
        }
        if (kv.size() % 2) return fail(QStringLiteral("odd SETITEMS"));
        for (size_t i = 0; i < kv.size(); i += 2) {
            bool replaced = false;
            for (auto &[k, v] : dict->dict) {
                if (k->kind == PNode::Kind::Scalar && kv[i]->kind == PNode::Kind::Scalar &&
                    writeJson(k->scalar, false) == writeJson(kv[i]->scalar, false)) {
                    v = kv[i + 1];
                    replaced = true;
                }
            }
            if (!replaced) dict->dict.emplace_back(kv[i], kv[i + 1]);
        }
        return true;
    }
    bool appendItems(const PRef &list, const std::vector<PRef> &items)
    {
        if (list->kind == PNode::Kind::List || list->kind == PNode::Kind::Set) {
            list->items.insert(list->items.end(), items.begin(), items.end());
            return true;
        }
        if (list->kind == PNode::Kind::Call) { // a list subclass
            if (!list->state) list->state = container(PNode::Kind::List);
            return appendItems(list->state, items);
        }
        return fail(QStringLiteral("APPEND on a non-list"));
    }

    bool step(quint8 op)
    {
        QByteArrayView b;
        QByteArray text;
        switch (op) {
        case 0x80:
            return take(1, &b); // PROTO
        case 0x95:
            return take(8, &b); // FRAME: frames are only a read-ahead hint
        case '(':
            return push(container(PNode::Kind::Mark));
        case '0': {
            PRef p;
            return pop(&p);
        }
        case '1': {
            std::vector<PRef> dropped;
            return popMark(&dropped);
        }
        case '2':
            if (m_stack.empty()) return fail(QStringLiteral("stack underflow"));
            return push(m_stack.back());
        case 'N':
            return push(scalar(JsonNode::null()));
        case 0x88:
            return push(scalar(JsonNode::fromBool(true)));
        case 0x89:
            return push(scalar(JsonNode::fromBool(false)));
        case 'I':
            if (!line(&text)) return false;
            if (text == "01") return push(scalar(JsonNode::fromBool(true)));
            if (text == "00") return push(scalar(JsonNode::fromBool(false)));
            return intText(text);
        case 'L':
            if (!line(&text)) return false;
            if (text.endsWith('L')) text.chop(1);
            return intText(text);
        case 'J': {
            qint32 v;
            return number(&v) && push(scalar(JsonNode::fromInt(v)));
        }
        case 'K': {
            quint8 v;
            return number(&v) && push(scalar(JsonNode::fromInt(v)));
        }
        case 'M': {
            quint16 v;
            return number(&v) && push(scalar(JsonNode::fromInt(v)));
        }
        case 0x8a: {
            quint8 n;
            return number(&n) && take(n, &b) && push(scalar(longFromBytes(b)));
        }
        case 0x8b: {
            qint32 n;
            return number(&n) && take(n, &b) && push(scalar(longFromBytes(b)));
        }
        case 'F': {
            if (!line(&text)) return false;
            bool ok = false;
            const double d = text.toDouble(&ok);
            return ok ? push(scalar(JsonNode::fromDouble(d))) : fail(QStringLiteral("bad float"));
        }
        case 'G': {
            if (!take(8, &b)) return false;
            const quint64 bits = qFromBigEndian<quint64>(b.data());
            double d;
            memcpy(&d, &bits, 8);
            return push(scalar(JsonNode::fromDouble(d)));
        }
        case 'S': { // protocol 0 str: a quoted Python literal
            if (!line(&text)) return false;
            if (text.size() < 2) return fail(QStringLiteral("bad STRING"));
            return string(unescape(text.mid(1, text.size() - 2)));
        }
        case 'T': {
            qint32 n;
            return number(&n) && take(n, &b) && string(b);
        }
        case 'U': {
            quint8 n;
            return number(&n) && take(n, &b) && string(b);
        }
        case 'V':
            return line(&text) && unicodeEscape(text);
        case 'X': {
            quint32 n;
            return number(&n) && take(n, &b) && string(b);
        }
        case 0x8c: {
            quint8 n;
            return number(&n) && take(n, &b) && string(b);
        }
        case 0x8d: {
            quint64 n;
            return number(&n) && take(qsizetype(n), &b) && string(b);
        }
        case 'B': {
            quint32 n;
            return number(&n) && take(n, &b) && bytes(b);
        }
        case 'C': {
            quint8 n;
            return number(&n) && take(n, &b) && bytes(b);
        }
        case 0x8e:
        case 0x96: {
            quint64 n;
            return number(&n) && take(qsizetype(n), &b) && bytes(b);
        }
        case 0x97:
        case 0x98: { // out-of-band buffers (protocol 5): not in the value
            JsonNode n = JsonNode::object();
            n.members.emplace_back(QStringLiteral("$buffer"), JsonNode::fromBool(true));
            if (op == 0x98) return true; // READONLY_BUFFER marks the one on the stack
            return push(scalar(std::move(n)));
        }
        case ']':
            return push(container(PNode::Kind::List));
        case ')':
            return push(container(PNode::Kind::Tuple));
        case '}':
            return push(container(PNode::Kind::Dict));
        case 0x8f:
            return push(container(PNode::Kind::Set));
        case 'l':
        case 't':
        case 0x91: {
            std::vector<PRef> items;
            if (!popMark(&items)) return false;
            PRef list = container(op == 'l'   ? PNode::Kind::List
                                  : op == 't' ? PNode::Kind::Tuple
                                              : PNode::Kind::Set);
            list->items = std::move(items);
            return push(list);
        }
        case 0x85:
        case 0x86:
        case 0x87: {
            const int n = op - 0x84;
            if (int(m_stack.size()) < n) return fail(QStringLiteral("stack underflow"));
            PRef tuple = container(PNode::Kind::Tuple);
            tuple->items.assign(m_stack.end() - n, m_stack.end());
            m_stack.resize(m_stack.size() - size_t(n));
            return push(tuple);
        }
        case 'd': {
            std::vector<PRef> kv;
            if (!popMark(&kv)) return false;
            PRef dict = container(PNode::Kind::Dict);
            return setItems(dict, kv) && push(dict);
        }
        case 'a': {
            PRef item;
            if (!pop(&item) || m_stack.empty()) return fail(QStringLiteral("stack underflow"));
            return appendItems(m_stack.back(), {item});
        }
        case 'e':
        case 0x90: {
            std::vector<PRef> items;
            if (!popMark(&items) || m_stack.empty()) return fail(QStringLiteral("no list"));
            return appendItems(m_stack.back(), items);
        }
        case 's': {
            PRef k;
            PRef v;
            if (!pop(&v) || !pop(&k) || m_stack.empty())
                return fail(QStringLiteral("stack underflow"));
            return setItems(m_stack.back(), {k, v});
        }
        case 'u': {
            std::vector<PRef> kv;
            if (!popMark(&kv) || m_stack.empty()) return fail(QStringLiteral("no dict"));
            return setItems(m_stack.back(), kv);
        }
        case 'g':
            return line(&text) && memoGet(text.toULongLong());
        case 'h': {
            quint8 i;
            return number(&i) && memoGet(i);
        }
        case 'j': {
            quint32 i;
            return number(&i) && memoGet(i);
        }
        case 'p':
            return line(&text) && memoPut(text.toULongLong());
        case 'q': {
            quint8 i;
            return number(&i) && memoPut(i);
        }
        case 'r': {
            quint32 i;
            return number(&i) && memoPut(i);
        }
        case 0x94:
            return memoPut(m_memo.size());
        case 'c': {
            QByteArray module;
            if (!line(&module) || !line(&text)) return false;
            return global(QString::fromUtf8(module + '.' + text));
        }
        case 0x93: {
            PRef name;
            PRef module;
            if (!pop(&name) || !pop(&module)) return false;
            return global(module->scalar.string + QLatin1Char('.') + name->scalar.string);
        }
        case 'R':
        case 0x81: { // REDUCE: callable args; NEWOBJ: cls args
            PRef args;
            PRef callable;
            if (!pop(&args) || !pop(&callable)) return false;
            return call(callable, args->items);
        }
        case 0x92: { // NEWOBJ_EX: cls args kwargs
            PRef kwargs;
            PRef args;
            PRef callable;
            if (!pop(&kwargs) || !pop(&args) || !pop(&callable)) return false;
            std::vector<PRef> all = args->items;
            if (!kwargs->dict.empty()) all.push_back(kwargs);
            return call(callable, all);
        }
        case 'i': { // INST module\nname\n, args after the mark
            QByteArray module;
            std::vector<PRef> args;
            if (!line(&module) || !line(&text) || !popMark(&args)) return false;
            PRef g = container(PNode::Kind::Global);
            g->name = QString::fromUtf8(module + '.' + text);
            return call(g, args);
        }
        case 'o': { // OBJ: mark cls args...
            std::vector<PRef> items;
            if (!popMark(&items) || items.empty()) return fail(QStringLiteral("bad OBJ"));
            PRef cls = items.front();
            return call(cls, std::vector<PRef>(items.begin() + 1, items.end()));
        }
        case 'b': { // BUILD: record the state, call nothing
            PRef state;
            if (!pop(&state) || m_stack.empty()) return fail(QStringLiteral("stack underflow"));
            PRef target = m_stack.back();
            if (target->kind != PNode::Kind::Call) {
                PRef wrapped = container(PNode::Kind::Call);
                wrapped->name = QStringLiteral("<object>");
                wrapped->items = {target};
                m_stack.back() = wrapped;
                target = wrapped;
            }
            target->state = state;
            return true;
        }
        case 'P':
            return line(&text) && persistent(scalar(JsonNode::fromString(QString::fromUtf8(text))));
        case 'Q': {
            PRef id;
            return pop(&id) && persistent(id);
        }
        case 0x82:
        case 0x83:
        case 0x84: {
            quint32 code = 0;
            if (op == 0x82) {
                quint8 v;
                if (!number(&v)) return false;
                code = v;
            }
            if (op == 0x83) {
                quint16 v;
                if (!number(&v)) return false;
                code = v;
            }
            if (op == 0x84 && !number(&code)) return false;
            PRef g = container(PNode::Kind::Global);
            g->name = QStringLiteral("<extension %1>").arg(code);
            return push(g);
        }
        default:
            return fail(QStringLiteral("unknown opcode 0x%1").arg(op, 2, 16, QLatin1Char('0')));
        }
    }
    bool persistent(const PRef &id)
    {
        PRef c = container(PNode::Kind::Call);
        c->name = QStringLiteral("<persistent id>");
        c->items = {id};
        return push(c);
    }
    bool intText(const QByteArray &text)
    {
        bool ok = false;
        const qint64 v = text.toLongLong(&ok);
        if (ok) return push(scalar(JsonNode::fromInt(v)));
        const quint64 u = text.toULongLong(&ok);
        if (ok) return push(scalar(JsonNode::fromUnsigned(u)));
        JsonNode n = JsonNode::object();
        n.members.emplace_back(QStringLiteral("$int"),
                               JsonNode::fromString(QString::fromLatin1(text)));
        return push(scalar(std::move(n)));
    }
    // Python 2 str literal escapes (protocol 0 STRING).
    static QByteArray unescape(const QByteArray &s)
    {
        QByteArray out;
        for (qsizetype i = 0; i < s.size(); ++i) {
            if (s[i] != '\\' || i + 1 >= s.size()) {
                out += s[i];
                continue;
            }
            const char e = s[++i];
            switch (e) {
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'x':
                out += char(s.mid(i + 1, 2).toInt(nullptr, 16));
                i += 2;
                break;
            default:
                out += e;
            }
        }
        return out;
    }
    // raw-unicode-escape (protocol 0 UNICODE): \uXXXX and \UXXXXXXXX, other bytes Latin-1.
    bool unicodeEscape(const QByteArray &s)
    {
        QString out;
        for (qsizetype i = 0; i < s.size(); ++i) {
            if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'u' || s[i + 1] == 'U')) {
                const int n = s[i + 1] == 'u' ? 4 : 8;
                const char32_t c = char32_t(s.mid(i + 2, n).toUInt(nullptr, 16));
                out += QString::fromUcs4(&c, 1);
                i += 1 + n;
            } else {
                out += QChar(quint8(s[i]));
            }
        }
        return push(scalar(JsonNode::fromString(out)));
    }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    QString m_error;
    std::vector<PRef> m_stack;
    std::map<quint64, PRef> m_memo;
};

} // namespace

Result<JsonNode> unpickle(QByteArrayView bytes)
{
    return Unpickler(bytes).run();
}

} // namespace redscope::formats
