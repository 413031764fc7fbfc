// Colour tables and interpolation. The anchor colours are the published ColorBrewer PuOr
// (11 classes, reversed so negative is purple) and matplotlib viridis sampled at 10 points.
#include "views/colormap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <span>

namespace stepwise::views {

namespace {
struct Rgb {
    std::uint8_t r, g, b;
};

// ColorBrewer PuOr, from −limit (purple) through the near-white middle to +limit (orange-brown).
constexpr std::array<Rgb, 11> kPurpleOrange{{{0x2d, 0x00, 0x4b}, {0x54, 0x27, 0x88}, {0x80, 0x73, 0xac},
                                             {0xb2, 0xab, 0xd2}, {0xd8, 0xda, 0xeb}, {0xf7, 0xf7, 0xf7},
                                             {0xfe, 0xe0, 0xb6}, {0xfd, 0xb8, 0x63}, {0xe0, 0x82, 0x14},
                                             {0xb3, 0x58, 0x06}, {0x7f, 0x3b, 0x08}}};

// viridis at 0, 1/9, …, 1.
constexpr std::array<Rgb, 10> kViridis{{{0x44, 0x01, 0x54}, {0x48, 0x28, 0x78}, {0x3e, 0x49, 0x89},
                                        {0x31, 0x68, 0x8e}, {0x26, 0x82, 0x8e}, {0x1f, 0x9e, 0x89},
                                        {0x35, 0xb7, 0x79}, {0x6d, 0xcd, 0x59}, {0xb4, 0xde, 0x2c},
                                        {0xfd, 0xe7, 0x25}}};

constexpr std::array<Rgb, 2> kGrey{{{0, 0, 0}, {255, 255, 255}}};

sf::Color interpolate(std::span<const Rgb> table, float t) {
    t = std::clamp(t, 0.f, 1.f);
    const float x = t * static_cast<float>(table.size() - 1);
    const auto i = std::min(static_cast<std::size_t>(x), table.size() - 2);
    const float f = x - static_cast<float>(i);
    auto mix = [f](std::uint8_t a, std::uint8_t b) {
        return static_cast<std::uint8_t>(std::lround(static_cast<float>(a) + f * (static_cast<float>(b) - a)));
    };
    const Rgb& a = table[i];
    const Rgb& b = table[i + 1];
    return {mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
}

float sanitizedLimit(float limit) { return (std::isfinite(limit) && limit > 0.f) ? limit : 1.f; }
} // namespace

Colormap Colormap::diverging(float limit) {
    const float l = sanitizedLimit(limit);
    return {Kind::Diverging, -l, l};
}

Colormap Colormap::divergingFor(const Eigen::Ref<const Eigen::MatrixXf>& values) {
    return diverging(maxAbsFinite(values));
}

Colormap Colormap::viridis(float lower, float upper) {
    if (!(upper > lower)) upper = lower + 1.f;
    return {Kind::Viridis, lower, upper};
}

Colormap Colormap::grey(float lower, float upper) {
    if (!(upper > lower)) upper = lower + 1.f;
    return {Kind::Grey, lower, upper};
}

float Colormap::limit() const { return std::max(std::abs(m_lower), std::abs(m_upper)); }

sf::Color Colormap::mapFraction(float t) const {
    switch (m_kind) {
    case Kind::Viridis: return interpolate(kViridis, t);
    case Kind::Grey: return interpolate(kGrey, t);
    case Kind::Diverging: break;
    }
    return interpolate(kPurpleOrange, t);
}

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
    drawText(target, text[0], {bar.left, labelTop}, theme.smallSize, theme.mutedText);
    drawText(target, text[1], {bar.left + bar.width / 2.f, labelTop}, theme.smallSize, theme.mutedText,
             HAlign::Center);
    drawText(target, text[2], {bar.left + bar.width, labelTop}, theme.smallSize, theme.mutedText, HAlign::Right);

    if (showNonFinite) {
        const float x = bar.left + bar.width + 2.f * theme.gap;
        drawBox(target, {x, bar.top, bar.height, bar.height}, Colormap::nanColor(), theme.panelBorder, 1.f);
        drawText(target, "NaN/\xE2\x88\x9E", {x + bar.height + theme.gap / 2.f, bar.top + bar.height / 2.f},
                 theme.smallSize, theme.mutedText, HAlign::Left, VAlign::Center);
    }
}

} // namespace stepwise::views
