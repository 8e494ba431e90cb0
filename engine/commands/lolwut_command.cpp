// LOLWUT: the computer art each Redis release prints, as Redis 7.0.15 prints it.
//
//   LOLWUT                         -> "Redis ver. 7.0.15\n" (7.0 has no art of its own)
//   LOLWUT VERSION 5 [cols [squares-per-row [squares-per-col]]]
//                                  -> Schotter: rows of squares drawn with Braille dots, tilted
//                                     and shifted more the lower they are (after Georg Nees)
//   LOLWUT VERSION 6 [cols [rows]] -> a city skyline in four ANSI grey levels
//   LOLWUT VERSION <other>         -> the plain version line
//
// VERSION's value is read as Redis reads it: a signed 64-bit integer, then truncated to an
// unsigned 32-bit one and formatted "N.0.0", so VERSION 4294967301 draws version 5 too.
// Sizes are clamped (1..1000 columns, 1..200 squares, 1..1000 rows) so the command stays cheap.
//
// The drawing is a small monochrome/grey canvas of one byte per pixel. Schotter packs 2x4
// pixels into one Braille character (U+2800 + dot bits, Unicode's dot numbering); the skyline
// prints one space per pixel with the pixel's colour as background. The row geometry (canvas
// size, padding, square placement and size in single-precision floats, lines drawn with
// Bresenham's algorithm) follows what 7.0.15 outputs, so the first two rows of Schotter, which
// are not randomised, are byte-identical with redis-server's; the rest is random on both.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/server.h"
#include "server/version.h"
#include "util/strings.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace redscope::engine {

namespace {

constexpr double kPi = std::numbers::pi;

class Canvas
{
public:
    Canvas(int width, int height, uint8_t background)
        : m_width(width)
        , m_height(height)
        , m_pixels(static_cast<size_t>(width) * static_cast<size_t>(height), background)
    {
    }

    int width() const { return m_width; }
    int height() const { return m_height; }

    // Pixels outside the canvas are dropped on write and read as 0.
    void set(int x, int y, uint8_t colour)
    {
        if (x < 0 || y < 0 || x >= m_width || y >= m_height) return;
        m_pixels[static_cast<size_t>(y) * m_width + x] = colour;
    }
    uint8_t at(int x, int y) const
    {
        if (x < 0 || y < 0 || x >= m_width || y >= m_height) return 0;
        return m_pixels[static_cast<size_t>(y) * m_width + x];
    }

    // Bresenham: every pixel from (x0,y0) to (x1,y1), both ends included.
    void line(int x0, int y0, int x1, int y1, uint8_t colour)
    {
        const int dx = std::abs(x1 - x0), dy = std::abs(y1 - y0);
        const int stepX = x0 < x1 ? 1 : -1, stepY = y0 < y1 ? 1 : -1;
        int error = dx - dy;
        for (;;) {
            set(x0, y0, colour);
            if (x0 == x1 && y0 == y1) return;
            const int twice = error * 2;
            if (twice > -dy) {
                error -= dy;
                x0 += stepX;
            }
            if (twice < dx) {
                error += dx;
                y0 += stepY;
            }
        }
    }

private:
    int m_width, m_height;
    std::vector<uint8_t> m_pixels;
};

// The reply's rows are joined by "\n"; like 7.0.15, a row is followed by one unless its first
// pixel line is the canvas's last (which for Braille rows of four almost never happens, so the
// art is usually followed by an empty line before the trailer).
std::string renderBraille(const Canvas &canvas)
{
    // Dot bit for each pixel of a 2-wide, 4-tall cell: Unicode's dots 1-2-3 and 4-5-6 run down
    // the two columns, dots 7 and 8 are the bottom row.
    static constexpr int kDotBit[4][2] = {{0, 3}, {1, 4}, {2, 5}, {6, 7}};
    std::string text;
    for (int y = 0; y < canvas.height(); y += 4) {
        for (int x = 0; x < canvas.width(); x += 2) {
            unsigned dots = 0;
            for (int row = 0; row < 4; ++row)
                for (int col = 0; col < 2; ++col)
                    if (canvas.at(x + col, y + row)) dots |= 1u << kDotBit[row][col];
            const unsigned codePoint = 0x2800 + dots; // always three bytes in UTF-8
            text.push_back(static_cast<char>(0xE0 | (codePoint >> 12)));
            text.push_back(static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F)));
            text.push_back(static_cast<char>(0x80 | (codePoint & 0x3F)));
        }
        if (y != canvas.height() - 1) text.push_back('\n');
    }
    return text;
}

std::string renderAnsi(const Canvas &canvas)
{
    // Black, dark grey, light grey, white: foreground;background SGR codes.
    static const char *const kColour[4] = {"0;30;40m", "0;90;100m", "0;37;47m", "0;97;107m"};
    std::string text;
    for (int y = 0; y < canvas.height(); ++y) {
        for (int x = 0; x < canvas.width(); ++x) {
            const uint8_t colour = canvas.at(x, y);
            text += "\033[";
            text += kColour[colour < 4 ? colour : 0];
            text += " \033[0m";
        }
        if (y != canvas.height() - 1) text.push_back('\n');
    }
    return text;
}

// Random figures for the art; the server's generator, so runs differ as on redis-server.
class Dice
{
public:
    explicit Dice(std::mt19937_64 &engine)
        : m_engine(engine)
    {
    }
    // 0..n-1; n >= 1.
    int below(int n) { return static_cast<int>(m_engine() % static_cast<uint64_t>(n)); }
    // [0, 1], single precision as the drawing uses.
    float unit() { return static_cast<float>(m_engine() >> 40) / static_cast<float>(1 << 24); }
    bool coin() { return (m_engine() & 1) != 0; }

private:
    std::mt19937_64 &m_engine;
};

// A square of side `side` centred on (cx, cy), turned by `angle` radians.
void drawSquare(Canvas &canvas, int cx, int cy, float side, float angle)
{
    // The corners sit on a circle whose radius is half the diagonal, side / sqrt(2) rounded.
    float radius = side / 1.4142135623;
    radius = std::round(radius);
    int px[4], py[4];
    // The bearing is kept in a float but stepped and fed to sin/cos in double precision, so
    // the straight rows land on the same pixels as redis-server's.
    float bearing = static_cast<float>(kPi / 4 + angle);
    for (int corner = 0; corner < 4; ++corner) {
        const double b = bearing;
        px[corner] = static_cast<int>(std::round(std::sin(b) * radius + cx));
        py[corner] = static_cast<int>(std::round(std::cos(b) * radius + cy));
        bearing = static_cast<float>(b + kPi / 2);
    }
    for (int corner = 0; corner < 4; ++corner) {
        const int next = (corner + 1) % 4;
        canvas.line(px[corner], py[corner], px[next], py[next], 1);
    }
}

// Schotter: `perRow` x `perColumn` squares across a canvas two pixels per console column. The
// first two rows stand straight; below, each square turns and shifts by up to row/perColumn of
// a radian and of a third of its side.
Canvas drawSchotter(int columns, int perRow, int perColumn, Dice &dice)
{
    const int width = columns * 2;
    const int padding = width > 4 ? 2 : 0;
    const float side = static_cast<float>(width - padding * 2) / perRow;
    const int height = static_cast<int>(side * perColumn + padding * 2);
    Canvas canvas(width, height, 0);
    for (int row = 0; row < perColumn; ++row) {
        for (int col = 0; col < perRow; ++col) {
            int cx = static_cast<int>(col * side + side / 2 + padding);
            int cy = static_cast<int>(row * side + side / 2 + padding);
            float angle = 0;
            if (row > 1) {
                float spread[3];
                for (float &value : spread)
                    value = dice.unit() / perColumn * row;
                for (float &value : spread)
                    if (dice.coin()) value = -value;
                angle = spread[0];
                cx = static_cast<int>(cx + spread[1] * side / 3);
                cy = static_cast<int>(cy + spread[2] * side / 3);
            }
            drawSquare(canvas, cx, cy, side, angle);
        }
    }
    return canvas;
}

// One building, standing on the canvas's bottom row: a flat roof two pixels narrower on each
// side, and (in the front row only) windows two pixels wide on every other row and column
// pair of its inner part, lit in one of the two greys that differs from the wall.
struct Building
{
    int left, width, height;
    uint8_t colour;
    bool windows;
};

void drawBuilding(Canvas &canvas, const Building &b, Dice &dice)
{
    const int bottom = canvas.height() - 1, top = bottom - b.height + 1;
    const int right = b.left + b.width - 1;
    for (int y = bottom; y >= top; --y) {
        for (int x = b.left; x <= right; ++x) {
            if (y == top && (x < b.left + 2 || x > right - 2)) continue;
            uint8_t colour = b.colour;
            const bool inner = x > b.left + 1 && x < right - 1 && y > top + 1 && y < bottom - 1;
            if (b.windows && inner) {
                const int fromLeft = x - b.left - 1, fromTop = y - top - 1;
                if ((fromLeft / 2) % 2 == 1 && fromTop % 2 == 1) {
                    if (fromLeft % 2 == 1) {
                        colour = canvas.at(x - 1, y); // the window's second pixel
                    } else {
                        do
                            colour = static_cast<uint8_t>(1 + dice.below(2));
                        while (colour == b.colour);
                    }
                }
            }
            canvas.set(x, y, colour);
        }
    }
}

// A parallax skyline on a white sky: two rows of windowless grey towers (the lighter, taller
// one farthest), then black towers with windows in front. Each row starts left of the canvas
// and adds towers, a random gap apart, until it passes the right edge.
Canvas drawSkyline(int columns, int rows, Dice &dice)
{
    Canvas canvas(columns, rows, 3);
    const int h = canvas.height();
    for (uint8_t grey = 2; grey >= 1; --grey) {
        for (int x = -10; x < canvas.width();) {
            x += dice.below(8);
            Building b{x, 10 + dice.below(9), 0, grey, false};
            b.height = h / 2 + dice.below(h) / (grey == 2 ? 2 : 3);
            drawBuilding(canvas, b, dice);
            x += grey == 2 ? b.width / 2 : b.width + 1;
        }
    }
    for (int x = -10; x < canvas.width();) {
        x += dice.below(8);
        Building b{x, 5 + dice.below(14), 0, 0, true};
        if (b.width % 4 != 0) b.width += b.width % 3;
        b.height = h / 3 + dice.below(h) / 2;
        drawBuilding(canvas, b, dice);
        x += b.width + 5;
    }
    return canvas;
}

// The optional integer arguments after VERSION n, each parsed only if present.
bool sizeArgs(CommandContext &ctx, size_t first, std::initializer_list<int64_t *> values)
{
    size_t index = first;
    for (int64_t *value : values) {
        if (index >= ctx.argc()) break;
        if (!ctx.int64Arg(index++, value)) return false;
    }
    return true;
}

int64_t clamp(int64_t value, int64_t low, int64_t high)
{
    return value < low ? low : (value > high ? high : value);
}

void replyArt(CommandContext &ctx, std::string text)
{
    text += kRedisVersion;
    text += '\n';
    ctx.reply.verbatim(text);
}

void lolwutSchotter(CommandContext &ctx, size_t first)
{
    int64_t columns = 66, perRow = 8, perColumn = 12;
    if (!sizeArgs(ctx, first, {&columns, &perRow, &perColumn})) return;
    Dice dice(ctx.server.random());
    const Canvas canvas = drawSchotter(static_cast<int>(clamp(columns, 1, 1000)),
                                       static_cast<int>(clamp(perRow, 1, 200)),
                                       static_cast<int>(clamp(perColumn, 1, 200)), dice);
    replyArt(ctx, renderBraille(canvas) +
                      "\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. ");
}

void lolwutSkyline(CommandContext &ctx, size_t first)
{
    int64_t columns = 80, rows = 20;
    if (!sizeArgs(ctx, first, {&columns, &rows})) return;
    Dice dice(ctx.server.random());
    const Canvas canvas = drawSkyline(static_cast<int>(clamp(columns, 1, 1000)),
                                      static_cast<int>(clamp(rows, 1, 1000)), dice);
    replyArt(ctx, renderAnsi(canvas) +
                      "\nDedicated to the 8 bit game developers of past and present.\n"
                      "Original 8 bit image from Plaguemon by hikikomori. Redis ver. ");
}

} // namespace

void cmdLolwut(CommandContext &ctx)
{
    if (ctx.argc() >= 3 && equalsIgnoreCase(ctx.arg(1), "version")) {
        int64_t version;
        if (!ctx.int64Arg(2, &version)) return;
        switch (static_cast<uint32_t>(version)) {
        case 5:
            return lolwutSchotter(ctx, 3);
        case 6:
            return lolwutSkyline(ctx, 3);
        default:
            break;
        }
    }
    replyArt(ctx, "Redis ver. ");
}

} // namespace redscope::engine
