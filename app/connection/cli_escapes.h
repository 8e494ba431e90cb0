// redis-cli's backslash escapes inside double quotes, in one place for the three that use
// them: the console's command-line parser and the secret mask read them (unescapedByte), the
// console's reply formatter writes them (escapeLetter). \xHH is handled by each caller, since
// the readers and the writer differ on which bytes go out as hex.
#pragma once

namespace redscope {

// The byte that `\<letter>` stands for: \n \r \t \b \a; any other letter stands for itself
// (\" and \\ included), as redis-cli reads it.
constexpr char unescapedByte(char letter)
{
    switch (letter) {
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'b':
        return '\b';
    case 'a':
        return '\a';
    default:
        return letter;
    }
}

// The letter redis-cli writes after a backslash for byte, or 0 when it writes the byte
// otherwise (as itself, or as \xHH).
constexpr char escapeLetter(char byte)
{
    switch (byte) {
    case '\\':
        return '\\';
    case '"':
        return '"';
    case '\n':
        return 'n';
    case '\r':
        return 'r';
    case '\t':
        return 't';
    case '\a':
        return 'a';
    case '\b':
        return 'b';
    default:
        return 0;
    }
}

} // namespace redscope
