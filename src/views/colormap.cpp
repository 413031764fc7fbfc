// Colour tables, interpolation and the palette choice. The anchor colours are published
// control points: ColorBrewer PuOr (11 classes, reversed so negative is purple), Paul Tol's
// diverging "sunset" (11 colours, designed for colour-blind viewers), and matplotlib viridis
// sampled at 10 points.
#include "views/colormap.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>

namespace stepwise::views {

namespace {

sf::Color hex(std::uint32_t rgb) {
    return {static_cast<std::uint8_t>(rgb >> 16), static_cast<std::uint8_t>(rgb >> 8), static_cast<std::uint8_t>(rgb)};
}

// ColorBrewer PuOr, from −limit (purple) through the near-white middle to +limit (orange-brown).
const std::array<sf::Color, 11>& purpleOrange() {
    static const std::array<sf::Color, 11> table{hex(0x2d004b), hex(0x542788), hex(0x8073ac), hex(0xb2abd2),
                                                 hex(0xd8daeb), hex(0xf7f7f7), hex(0xfee0b6), hex(0xfdb863),
                                                 hex(0xe08214), hex(0xb35806), hex(0x7f3b08)};
    return table;
}

// Tol's sunset, from −limit (dark blue) through pale yellow to +limit (dark red). Its blue and
// red ends stay apart under protanopia, deuteranopia and tritanopia alike.
const std::array<sf::Color, 11>& blueRed() {
    static const std::array<sf::Color, 11> table{hex(0x364b9a), hex(0x4a7bb7), hex(0x6ea6cd), hex(0x98cae1),
                                                 hex(0xc2e4ef), hex(0xeaeccc), hex(0xfeda8b), hex(0xfdb366),
                                                 hex(0xf67e4b), hex(0xdd3d2d), hex(0xa50026)};
    return table;
}

// viridis at 0, 1/9, …, 1.
const std::array<sf::Color, 10>& viridisTable() {
    static const std::array<sf::Color, 10> table{hex(0x440154), hex(0x482878), hex(0x3e4989), hex(0x31688e),
                                                 hex(0x26828e), hex(0x1f9e89), hex(0x35b779), hex(0x6dcd59),
                                                 hex(0xb4de2c), hex(0xfde725)};
    return table;
}

const std::array<sf::Color, 2>& greyTable() {
    static const std::array<sf::Color, 2> table{sf::Color::Black, sf::Color::White};
    return table;
}

sf::Color interpolate(std::span<const sf::Color> table, float t) {
    t = std::clamp(t, 0.f, 1.f);
    const float x = t * static_cast<float>(table.size() - 1);
    const auto i = std::min(static_cast<std::size_t>(x), table.size() - 2);
    const float f = x - static_cast<float>(i);
    auto mix = [f](std::uint8_t a, std::uint8_t b) {
        return static_cast<std::uint8_t>(std::lround(static_cast<float>(a) + f * (static_cast<float>(b) - a)));
    };
    const sf::Color& a = table[i];
    const sf::Color& b = table[i + 1];
    return {mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
}

float sanitizedLimit(float limit) { return (std::isfinite(limit) && limit > 0.f) ? limit : 1.f; }

std::atomic<Palette> g_palette{Palette::PurpleOrange};

} // namespace

// ---------------------------------------------------------------- palettes

std::string_view paletteName(Palette palette) {
    switch (palette) {
    case Palette::BlueRed: return "blue-red";
    case Palette::Greyscale: return "greyscale";
    case Palette::PurpleOrange: break;
    }
    return "purple-orange";
}

std::string_view paletteDescription(Palette palette) {
    switch (palette) {
    case Palette::BlueRed: return "blue\xE2\x80\x93red, for colour-blind viewers";
    case Palette::Greyscale: return "greyscale, for printed handouts";
    case Palette::PurpleOrange: break;
    }
    return "purple\xE2\x80\x93orange";
}

std::optional<Palette> parsePalette(std::string_view name) {
    for (const Palette p : kPalettes)
        if (name == paletteName(p)) return p;
    if (name == "colour-blind" || name == "color-blind" || name == "colorblind") return Palette::BlueRed;
    if (name == "grey" || name == "gray" || name == "grayscale") return Palette::Greyscale;
    return std::nullopt;
}

Palette nextPalette(Palette palette) {
    const auto at = std::find(kPalettes.begin(), kPalettes.end(), palette);
    return at == kPalettes.end() || at + 1 == kPalettes.end() ? kPalettes.front() : *(at + 1);
}

PaletteWords paletteWords(Palette palette) {
    switch (palette) {
    case Palette::BlueRed: return {"blue", "red"};
    case Palette::Greyscale: return {"dark", "light"};
    case Palette::PurpleOrange: break;
    }
    return {"purple", "orange"};
}

void setHeatmapPalette(Palette palette) { g_palette.store(palette, std::memory_order_relaxed); }

Palette heatmapPalette() { return g_palette.load(std::memory_order_relaxed); }

// ---------------------------------------------------------------- Colormap

Colormap Colormap::diverging(float limit, Palette palette) {
    const float l = sanitizedLimit(limit);
    return {Kind::Diverging, -l, l, palette};
}

Colormap Colormap::divergingFor(const Eigen::Ref<const Eigen::MatrixXf>& values, Palette palette) {
    return diverging(maxAbsFinite(values), palette);
}

Colormap Colormap::viridis(float lower, float upper, Palette palette) {
    if (!(upper > lower)) upper = lower + 1.f;
    return {Kind::Viridis, lower, upper, palette};
}

Colormap Colormap::grey(float lower, float upper) {
    if (!(upper > lower)) upper = lower + 1.f;
    return {Kind::Grey, lower, upper, heatmapPalette()};
}

float Colormap::limit() const { return std::max(std::abs(m_lower), std::abs(m_upper)); }

std::span<const sf::Color> Colormap::anchors() const {
    if (m_kind == Kind::Grey || m_palette == Palette::Greyscale) return greyTable();
    if (m_kind == Kind::Viridis) return viridisTable();
    return m_palette == Palette::BlueRed ? std::span<const sf::Color>(blueRed()) : std::span<const sf::Color>(purpleOrange());
}

sf::Color Colormap::mapFraction(float t) const { return interpolate(anchors(), t); }

sf::Color Colormap::map(float value) const {
    if (!std::isfinite(value)) return nanColor();
    return mapFraction((value - m_lower) / (m_upper - m_lower));
}

float Colormap::valueOf(sf::Color color) const {
    if (color.r == nanColor().r && color.g == nanColor().g && color.b == nanColor().b)
        return std::numeric_limits<float>::quiet_NaN();
    constexpr int steps = 1024;
    int best = 0;
    long bestDistance = std::numeric_limits<long>::max();
    for (int s = 0; s <= steps; ++s) {
        const sf::Color c = mapFraction(static_cast<float>(s) / steps);
        const long dr = c.r - color.r, dg = c.g - color.g, db = c.b - color.b;
        const long d = dr * dr + dg * dg + db * db;
        if (d < bestDistance) {
            bestDistance = d;
            best = s;
        }
    }
    return m_lower + (m_upper - m_lower) * static_cast<float>(best) / steps;
}

float maxAbsFinite(const Eigen::Ref<const Eigen::MatrixXf>& values) {
    float m = 0.f;
    for (Eigen::Index c = 0; c < values.cols(); ++c)
        for (Eigen::Index r = 0; r < values.rows(); ++r) {
            const float v = values(r, c);
            if (std::isfinite(v)) m = std::max(m, std::abs(v));
        }
    return m;
}

} // namespace stepwise::views

// ---------------------------------------------------------------- legend

namespace stepwise::views {

float colorLegendBarHeight(const Theme& theme) { return std::round(lineHeight(theme.smallSize) * 0.9f); }

float colorLegendHeight(const Theme& theme) {
    return colorLegendBarHeight(theme) + theme.gap / 2.f + lineHeight(theme.smallSize);
}

float colorLegendNonFiniteWidth(const Theme& theme) {
    return 2.f * theme.gap + colorLegendBarHeight(theme) + theme.gap / 2.f +
           textWidth("NaN/\xE2\x88\x9E", theme.smallSize);
}

void drawColorLegend(sf::RenderTarget& target, const Theme& theme, const Colormap& colormap, const sf::FloatRect& bar,
                     bool showNonFinite, const std::optional<std::array<std::string, 3>>& labels) {
    if (bar.width <= 0.f || bar.height <= 0.f) return;
    // The maps are piecewise linear in sRGB, so 64 gradient segments reproduce them closely.
    constexpr int segments = 64;
    sf::VertexArray strip(sf::TriangleStrip);
    for (int s = 0; s <= segments; ++s) {
        const float t = static_cast<float>(s) / segments;
        const sf::Color c = colormap.map(colormap.lower() + t * (colormap.upper() - colormap.lower()));
        const float x = bar.left + t * bar.width;
        strip.append(sf::Vertex({x, bar.top}, c));
        strip.append(sf::Vertex({x, bar.top + bar.height}, c));
    }
    target.draw(strip);
    drawBox(target, {bar.left - 1.f, bar.top - 1.f, bar.width + 2.f, bar.height + 2.f}, sf::Color::Transparent,
            theme.panelBorder, 1.f);

    const float middle = colormap.isDiverging() ? 0.f : (colormap.lower() + colormap.upper()) / 2.f;
    const float tickTop = bar.top + bar.height;
    const float labelTop = tickTop + theme.gap / 2.f;
    sf::VertexArray ticks(sf::Triangles);
    for (float x : {bar.left, bar.left + bar.width / 2.f, bar.left + bar.width - 1.f})
        appendRect(ticks, {std::round(x), tickTop, 1.f, theme.gap / 2.f}, theme.mutedText);
    target.draw(ticks);
    const std::array<std::string, 3> text =
        labels ? *labels
               : std::array<std::string, 3>{formatValue(colormap.lower(), 3), formatValue(middle, 3),
                                            formatValue(colormap.upper(), 3)};
    // A bar too narrow for its two ends (a small tile at presenter sizes) gets one centred label.
    if (textWidth(text[0], theme.smallSize) + textWidth(text[2], theme.smallSize) + theme.gap > bar.width) {
        const std::string range = colormap.isDiverging() && !labels ? "\xC2\xB1" + formatValue(colormap.upper(), 3)
                                                                     : text[0] + "\xE2\x80\xA6" + text[2];
        drawText(target, range, {bar.left + bar.width / 2.f, labelTop}, theme.smallSize, theme.mutedText, HAlign::Center);
    } else {
        drawText(target, text[0], {bar.left, labelTop}, theme.smallSize, theme.mutedText);
        drawText(target, text[2], {bar.left + bar.width, labelTop}, theme.smallSize, theme.mutedText, HAlign::Right);
    }
    // The middle label only where it clears the two ends (a narrow bar at presenter sizes drops it).
    const float endW = std::max(textWidth(text[0], theme.smallSize), textWidth(text[2], theme.smallSize));
    if (textWidth(text[1], theme.smallSize) / 2.f + endW + theme.gap <= bar.width / 2.f)
        drawText(target, text[1], {bar.left + bar.width / 2.f, labelTop}, theme.smallSize, theme.mutedText,
                 HAlign::Center);

    if (showNonFinite) {
        const float x = bar.left + bar.width + 2.f * theme.gap;
        drawBox(target, {x, bar.top, bar.height, bar.height}, Colormap::nanColor(), theme.panelBorder, 1.f);
        drawText(target, "NaN/\xE2\x88\x9E", {x + bar.height + theme.gap / 2.f, bar.top + bar.height / 2.f},
                 theme.smallSize, theme.mutedText, HAlign::Left, VAlign::Center);
    }
}

} // namespace stepwise::views
