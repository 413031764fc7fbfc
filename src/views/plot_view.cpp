// PlotView: nice tick steps, layout (title and legend, axes, tick labels), clipped thick lines
// with per-pixel decimation for long series, references and the hover cursor.
// Sections: helpers, setters, layout, queries, drawing.
#include "views/plot_view.hpp"
#include "views/view.hpp"

#include <SFML/Graphics/CircleShape.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/View.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <cmath>
#include <limits>

namespace stepwise::views {

// ---------------------------------------------------------------- helpers

namespace {
// A step of 1, 2 or 5 × 10^k close to range / count.
float niceStep(float range, float count) {
    if (!(range > 0.f) || !(count > 0.f)) return 1.f;
    const float raw = range / count;
    const float magnitude = std::pow(10.f, std::floor(std::log10(raw)));
    for (float m : {1.f, 2.f, 5.f, 10.f})
        if (m * magnitude >= raw) return m * magnitude;
    return 10.f * magnitude;
}

std::vector<float> ticks(sf::Vector2f range, float step) {
    std::vector<float> out;
    if (!(step > 0.f)) return out;
    const float first = std::ceil(range.x / step - 1e-4f) * step;
    for (float t = first; t <= range.y + step * 1e-4f && out.size() < 200; t += step)
        out.push_back(std::abs(t) < step * 1e-4f ? 0.f : t);
    return out;
}

std::string formatTick(float value, float step) {
    if (std::abs(value) >= 1000.f && std::abs(std::round(value) - value) < 1e-3f)
        return formatCount(static_cast<long long>(std::llround(value)));
    const int decimals = step >= 1.f ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-4f));
    return formatFixed(value, decimals);
}

// Like sf::FloatRect::contains, but points on the right and bottom edges count as inside
// (a reference at the last iteration sits exactly on the right edge).
bool containsInclusive(const sf::FloatRect& r, sf::Vector2f p) {
    return p.x >= r.left && p.y >= r.top && p.x <= r.left + r.width && p.y <= r.top + r.height;
}

void appendDiamond(sf::VertexArray& triangles, sf::Vector2f c, float r, sf::Color color) {
    const sf::Vector2f top{c.x, c.y - r}, right{c.x + r, c.y}, bottom{c.x, c.y + r}, left{c.x - r, c.y};
    for (const sf::Vector2f& p : {top, right, bottom, top, bottom, left}) triangles.append(sf::Vertex(p, color));
}

// A series' line colour: a ghost (an earlier run) is translucent, so the live lines stand out.
sf::Color seriesColour(const Theme& theme, const PlotView::Series& s) {
    const sf::Color c = theme.series[static_cast<std::size_t>(s.colour) % theme.series.size()];
    return s.faded ? withAlpha(c, 130) : c;
}

float lineWidth(const Theme& theme, const PlotView::Series& s) { return theme.lineWidth * (s.faded ? 1.f : 1.5f); }

// Appends a dashed or solid polyline.
void appendPolyline(sf::VertexArray& triangles, const std::vector<sf::Vector2f>& points, float width, sf::Color color,
                    bool dashed, float dash) {
    float travelled = 0.f;
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        const sf::Vector2f a = points[i], b = points[i + 1];
        if (!std::isfinite(a.y) || !std::isfinite(b.y)) continue;
        if (!dashed) {
            appendLine(triangles, a, b, width, color);
            // A square cap at each joint hides the notches between thick segments.
            appendRect(triangles, {b.x - width / 2.f, b.y - width / 2.f, width, width}, color);
            continue;
        }
        const sf::Vector2f d = b - a;
        const float length = std::hypot(d.x, d.y);
        float s = 0.f;
        while (s < length) {
            const float phase = std::fmod(travelled + s, 2.f * dash);
            const float run = phase < dash ? dash - phase : 2.f * dash - phase;
            const float e = std::min(length, s + run);
            if (phase < dash) appendLine(triangles, a + d * (s / length), a + d * (e / length), width, color);
            s = e;
        }
        travelled += length;
    }
}
} // namespace

// ---------------------------------------------------------------- setters

void PlotView::setAxisLabels(std::string x, std::string y) {
    m_xLabel = std::move(x);
    m_yLabel = std::move(y);
    m_layoutValid = false;
}

void PlotView::setSeries(std::vector<Series> series) {
    m_series = std::move(series);
    m_layoutValid = false;
}

void PlotView::setReferencePoints(std::vector<ReferencePoint> points, std::string legendName) {
    m_points = std::move(points);
    m_pointsName = std::move(legendName);
    m_layoutValid = false;
}

void PlotView::setReferenceLines(std::vector<ReferenceLine> lines) {
    m_lines = std::move(lines);
    m_layoutValid = false;
}

void PlotView::setYRange(float lower, float upper) {
    m_fixedY = sf::Vector2f{lower, upper > lower ? upper : lower + 1.f};
    m_layoutValid = false;
}

void PlotView::setAutoYRange() {
    m_fixedY.reset();
    m_layoutValid = false;
}

void PlotView::setXRange(float lower, float upper) {
    m_fixedX = sf::Vector2f{lower, upper > lower ? upper : lower + 1.f};
    m_layoutValid = false;
}

void PlotView::setAutoXRange() {
    m_fixedX.reset();
    m_layoutValid = false;
}

void PlotView::setRect(const sf::FloatRect& rect) {
    if (rect == m_rect) return;
    m_rect = rect;
    m_layoutValid = false;
}

std::string PlotView::formatY(float y, bool precise) const {
    if (m_percent) return formatPercent(y, precise ? 1 : 0);
    return precise ? formatValue(y) : formatTick(y, m_yStep);
}

// ---------------------------------------------------------------- layout

void PlotView::ensureLayout() const {
    if (!m_layoutValid) layout(m_theme);
}

void PlotView::computeRanges() const {
    constexpr float inf = std::numeric_limits<float>::infinity();
    sf::Vector2f x{inf, -inf}, y{inf, -inf};
    auto addX = [&](float v) {
        if (std::isfinite(v)) x = {std::min(x.x, v), std::max(x.y, v)};
    };
    auto addY = [&](float v) {
        if (std::isfinite(v)) y = {std::min(y.x, v), std::max(y.y, v)};
    };
    for (const Series& s : m_series) {
        for (float v : s.x) addX(v);
        for (float v : s.y) addY(v);
    }
    for (const ReferencePoint& p : m_points) {
        addX(p.x);
        addY(p.y);
    }
    for (const ReferenceLine& l : m_lines) addY(l.y);
    if (!(x.x <= x.y)) x = {0.f, 1.f};
    if (x.x == x.y) x.y = x.x + 1.f;
    if (!(y.x <= y.y)) y = {0.f, 1.f};
    if (y.x == y.y) {
        const float half = std::max(0.5f * std::abs(y.x), m_percent ? 0.05f : 0.5f);
        y = {y.x - half, y.y + half};
    }
    m_x = m_fixedX ? *m_fixedX : x;
    m_y = m_fixedY ? *m_fixedY : y;
}

float PlotView::legendWidth(unsigned size, float gap) const {
    const float swatch = m_legendSwatch * static_cast<float>(size);
    float width = 0.f;
    for (const Series& s : m_series)
        if (s.inLegend) width += swatch + gap / 2.f + textWidth(s.name, size) + 2.f * gap;
    if (!m_points.empty()) width += swatch + gap / 2.f + textWidth(m_pointsName, size) + 2.f * gap;
    return width - (width > 0.f ? 2.f * gap : 0.f); // no gap after the last entry
}

void PlotView::layout(const Theme& theme) const {
    computeRanges();
    const auto [content, pad, gap, _titleH, bodyH, smallH] = viewFrame(m_rect, theme);
    const float titleH = m_title.empty() ? 0.f : lineHeight(theme.titleSize, FontRole::UiBold);

    // Legend: on the title line when it fits, else on its own line.
    // A legend too wide for its own line takes the small type.
    m_legendSize = theme.bodySize;
    m_legendSwatch = 2.f;
    float legendW = legendWidth(theme.bodySize, gap);
    if (legendW > content.width) {
        m_legendSize = theme.smallSize;
        legendW = legendWidth(theme.smallSize, gap);
    }
    if (legendW > content.width) { // still too wide: shorter line samples
        m_legendSwatch = 1.f;
        legendW = legendWidth(theme.smallSize, gap);
    }
    const float titleW = m_title.empty() ? 0.f : textWidth(m_title, theme.titleSize, FontRole::UiBold);
    m_legendOnTitleLine = titleW + 2.f * gap + legendW <= content.width;
    float headerBottom = content.top + std::max(titleH, m_legendOnTitleLine ? bodyH : 0.f);
    m_legendTop = content.top + (titleH - bodyH) / 2.f;
    if (!m_legendOnTitleLine && legendW > 0.f) {
        m_legendTop = content.top + titleH + gap / 2.f;
        headerBottom = m_legendTop + bodyH;
    }

    const float top = headerBottom + gap + smallH / 2.f;
    const float bottomLabels = gap / 2.f + smallH + (m_xLabel.empty() ? 0.f : gap / 2.f + smallH);
    const float bottom = content.top + content.height - bottomLabels;
    const float height = std::max(1.f, bottom - top);

    // y ticks first: their labels decide how wide the left margin is.
    m_yStep = niceStep(m_y.y - m_y.x, std::max(2.f, height / (3.f * smallH)));
    if (m_percent) m_yStep = std::max(m_yStep, 0.01f);
    if (!m_fixedY) m_y = {std::floor(m_y.x / m_yStep) * m_yStep, std::ceil(m_y.y / m_yStep) * m_yStep};
    float labelW = 0.f;
    for (float t : ticks(m_y, m_yStep)) labelW = std::max(labelW, textWidth(formatY(t, false), theme.smallSize));
    const float left = content.left + (m_yLabel.empty() ? 0.f : smallH + gap) + labelW + gap / 2.f;

    // x ticks: about one label per three label widths; half a label of room on the right.
    // The labels' width depends on the step (decimals for a weight's values, a loss slice), so a
    // second pass measures the labels the first step gives.
    float xLabelW = textWidth(formatTick(m_x.y, 1.f), theme.smallSize);
    float width = 1.f;
    for (int pass = 0; pass < 3; ++pass) {
        const float right = content.left + content.width - xLabelW / 2.f;
        width = std::max(1.f, right - left);
        m_xStep = niceStep(m_x.y - m_x.x, std::max(1.f, width / (xLabelW + 3.f * gap)));
        float widest = 0.f;
        for (float t : ticks(m_x, m_xStep)) widest = std::max(widest, textWidth(formatTick(t, m_xStep), theme.smallSize));
        if (widest <= xLabelW) break;
        xLabelW = widest;
    }
    m_area = {std::round(left), std::round(top), std::round(width), std::round(height)};
    m_layoutValid = true;
}

// ---------------------------------------------------------------- queries

sf::FloatRect PlotView::plotArea() const {
    ensureLayout();
    return m_area;
}

sf::Vector2f PlotView::xRange() const {
    ensureLayout();
    return m_x;
}

sf::Vector2f PlotView::yRange() const {
    ensureLayout();
    return m_y;
}

std::vector<float> PlotView::yTicks() const {
    ensureLayout();
    return ticks(m_y, m_yStep);
}

sf::Vector2f PlotView::toPixel(sf::Vector2f data) const {
    ensureLayout();
    return {m_area.left + (data.x - m_x.x) / (m_x.y - m_x.x) * m_area.width,
            m_area.top + m_area.height - (data.y - m_y.x) / (m_y.y - m_y.x) * m_area.height};
}

std::optional<std::string> PlotView::tooltipText() const {
    ensureLayout();
    if (!m_area.contains(m_mouse)) return std::nullopt;
    const float x = m_x.x + (m_mouse.x - m_area.left) / m_area.width * (m_x.y - m_x.x);
    // The data x nearest the pointer, over all series.
    float best = std::numeric_limits<float>::quiet_NaN();
    for (const Series& s : m_series)
        for (float v : s.x)
            if (std::isnan(best) || std::abs(v - x) < std::abs(best - x)) best = v;
    if (std::isnan(best)) return std::nullopt;
    // Iterations are whole; a weight's values (a loss slice) get a decimal more than the ticks.
    const float precision = m_xStep >= 1.f ? 1.f : m_xStep / 10.f;
    std::string text = (m_xLabel.empty() ? "x" : m_xLabel) + " " + formatTick(best, precision) + ":";
    bool first = true;
    for (const Series& s : m_series) {
        const auto it = std::find(s.x.begin(), s.x.end(), best);
        if (it == s.x.end()) continue;
        const auto i = static_cast<std::size_t>(it - s.x.begin());
        if (i >= s.y.size()) continue;
        text += (first ? " " : ", ") + s.name + " " + formatY(s.y[i], true);
        first = false;
    }
    return text;
}

bool PlotView::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::MouseMoved) {
        m_mouse = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        return plotArea().contains(m_mouse);
    }
    if (event.type == sf::Event::MouseLeft) m_mouse = {-1.f, -1.f};
    return false;
}

// ---------------------------------------------------------------- drawing

void PlotView::draw(sf::RenderTarget& target, const Theme& theme) {
    m_theme = theme;
    layout(theme);
    const float gap = theme.gap;
    const float smallH = lineHeight(theme.smallSize);
    const float bodyH = lineHeight(theme.bodySize);
    const sf::FloatRect& a = m_area;
    const float content = m_rect.left + theme.padding;

    drawBox(target, m_rect, theme.panel, theme.panelBorder, 1.f);
    if (!m_title.empty())
        drawText(target, elide(m_title, theme.titleSize, m_rect.width - 2.f * theme.padding, FontRole::UiBold),
                 {content, m_rect.top + theme.padding}, theme.titleSize, theme.text, HAlign::Left, VAlign::Top,
                 FontRole::UiBold);

    // Legend entries: a short line (or the reference marker) and the name.
    {
        const unsigned size = m_legendSize;
        const float swatch = m_legendSwatch * static_cast<float>(size);
        const float width = legendWidth(size, gap);
        float x = m_legendOnTitleLine ? m_rect.left + m_rect.width - theme.padding - width : content;
        const float y = m_legendTop + bodyH / 2.f;
        sf::VertexArray marks(sf::Triangles);
        for (const Series& s : m_series) {
            if (!s.inLegend) continue;
            appendPolyline(marks, {{x, y}, {x + swatch, y}}, lineWidth(theme, s), seriesColour(theme, s), s.dashed, 6.f);
            x += swatch + gap / 2.f;
            x = drawText(target, s.name, {x, y}, size, s.faded ? theme.mutedText : theme.text, HAlign::Left,
                         VAlign::Center).left +
                textWidth(s.name, size) + 2.f * gap;
        }
        if (!m_points.empty()) {
            appendDiamond(marks, {x + swatch / 2.f, y}, lineHeight(size) * 0.45f, theme.text);
            x += swatch + gap / 2.f;
            drawText(target, m_pointsName, {x, y}, size, theme.text, HAlign::Left, VAlign::Center);
        }
        target.draw(marks);
    }

    // Grid, axes and tick labels.
    sf::VertexArray grid(sf::Triangles);
    for (float t : ticks(m_y, m_yStep)) {
        const float y = std::round(toPixel({m_x.x, t}).y);
        appendRect(grid, {a.left, y, a.width, 1.f}, theme.grid);
        drawText(target, formatY(t, false), {a.left - gap / 2.f, y}, theme.smallSize, theme.mutedText, HAlign::Right,
                 VAlign::Center);
    }
    for (float t : ticks(m_x, m_xStep)) {
        const float x = std::round(toPixel({t, m_y.x}).x);
        appendRect(grid, {x, a.top, 1.f, a.height}, theme.grid);
        drawText(target, formatTick(t, m_xStep), {x, a.top + a.height + gap / 2.f}, theme.smallSize, theme.mutedText,
                 HAlign::Center);
    }
    appendRect(grid, {a.left - 1.f, a.top, 1.f, a.height + 1.f}, theme.mutedText);
    appendRect(grid, {a.left - 1.f, a.top + a.height, a.width + 1.f, 1.f}, theme.mutedText);
    target.draw(grid);
    if (!m_xLabel.empty())
        drawText(target, m_xLabel, {a.left + a.width / 2.f, a.top + a.height + gap + smallH}, theme.smallSize,
                 theme.mutedText, HAlign::Center);
    if (!m_yLabel.empty() && textWidth(m_yLabel, theme.smallSize) <= a.height) {
        sf::Text label = makeText(m_yLabel, theme.smallSize, theme.mutedText);
        const sf::FloatRect b = label.getLocalBounds();
        label.setOrigin(std::round(b.left + b.width / 2.f), std::round(b.top + b.height / 2.f));
        label.setPosition(std::round(content + smallH / 2.f), std::round(a.top + a.height / 2.f));
        label.setRotation(-90.f);
        target.draw(label);
    }

    // Lines and references, clipped to the plot area.
    const sf::View previous = target.getView();
    const sf::Vector2u size = target.getSize();
    const sf::Vector2i topLeft = target.mapCoordsToPixel({a.left, a.top});
    const sf::Vector2i bottomRight = target.mapCoordsToPixel({a.left + a.width, a.top + a.height});
    sf::View clip(a);
    clip.setViewport({static_cast<float>(topLeft.x) / static_cast<float>(size.x),
                      static_cast<float>(topLeft.y) / static_cast<float>(size.y),
                      static_cast<float>(bottomRight.x - topLeft.x) / static_cast<float>(size.x),
                      static_cast<float>(bottomRight.y - topLeft.y) / static_cast<float>(size.y)});
    target.setView(clip);
    sf::VertexArray lines(sf::Triangles);
    for (const ReferenceLine& l : m_lines) {
        const float y = toPixel({m_x.x, l.y}).y;
        appendPolyline(lines, {{a.left, y}, {a.left + a.width, y}}, 1.5f, theme.mutedText, true, 8.f);
    }
    for (const Series& s : m_series) {
        const sf::Color c = seriesColour(theme, s);
        const std::size_t n = std::min(s.x.size(), s.y.size());
        std::vector<sf::Vector2f> points;
        points.reserve(std::min<std::size_t>(n, 4 * static_cast<std::size_t>(a.width) + 2));
        // Long series: keep the first, lowest, highest and last point of each pixel column.
        const bool decimate = static_cast<float>(n) > 4.f * a.width;
        for (std::size_t i = 0; i < n;) {
            if (!decimate) {
                points.push_back(toPixel({s.x[i], s.y[i]}));
                ++i;
                continue;
            }
            const float column = std::floor(toPixel({s.x[i], 0.f}).x);
            std::size_t j = i, lo = i, hi = i;
            while (j < n && std::floor(toPixel({s.x[j], 0.f}).x) == column) {
                if (s.y[j] < s.y[lo]) lo = j;
                if (s.y[j] > s.y[hi]) hi = j;
                ++j;
            }
            for (std::size_t k : {i, std::min(lo, hi), std::max(lo, hi), j - 1}) points.push_back(toPixel({s.x[k], s.y[k]}));
            i = j;
        }
        appendPolyline(lines, points, lineWidth(theme, s), c, s.dashed, 10.f);
    }
    target.draw(lines);
    target.setView(previous);

    // Reference points and their labels stay inside the plot area.
    sf::VertexArray marks(sf::Triangles);
    const float r = bodyH * 0.45f;
    for (const ReferencePoint& p : m_points) {
        const sf::Vector2f c = toPixel({p.x, p.y});
        if (!containsInclusive(a, c)) continue;
        appendDiamond(marks, c, r + 1.5f, theme.panel);
        appendDiamond(marks, c, r, theme.text);
    }
    target.draw(marks);
    // Each label takes the first of a few spots around its marker that stays inside the area
    // and clear of the labels placed before it.
    std::vector<sf::FloatRect> placed;
    for (const ReferenceLine& l : m_lines) {
        const float y = toPixel({m_x.x, l.y}).y;
        if (y < a.top || y > a.top + a.height || l.label.empty()) continue;
        const sf::FloatRect box = drawText(target, l.label, {a.left + a.width - gap / 2.f, y - gap / 2.f - smallH},
                                           theme.smallSize, theme.mutedText, HAlign::Right);
        placed.push_back({box.left - 2.f, box.top - 2.f, box.width + 4.f, box.height + 4.f});
    }
    for (const ReferencePoint& p : m_points) {
        const sf::Vector2f c = toPixel({p.x, p.y});
        if (!containsInclusive(a, c) || p.label.empty()) continue;
        const float w = textWidth(p.label, theme.smallSize);
        const float d = r + gap / 2.f;
        const float h = smallH + 4.f;
        const std::array<sf::Vector2f, 8> spots{{{c.x + d, c.y + d},
                                                 {c.x - d - w, c.y + d},
                                                 {c.x + d, c.y - d - smallH},
                                                 {c.x - d - w, c.y - d - smallH},
                                                 {c.x + d, c.y + d + h},
                                                 {c.x - d - w, c.y + d + h},
                                                 {c.x - d - w, c.y + d + 2.f * h},
                                                 {c.x + d, c.y + d + 2.f * h}}};
        std::optional<sf::FloatRect> spot;
        for (const sf::Vector2f& s0 : spots) {
            const sf::FloatRect box{s0.x - 2.f, s0.y - 2.f, w + 4.f, h};
            if (box.left < a.left || box.top < a.top || box.left + box.width > a.left + a.width ||
                box.top + box.height > a.top + a.height)
                continue;
            if (std::any_of(placed.begin(), placed.end(), [&](const sf::FloatRect& o) { return o.intersects(box); }))
                continue;
            spot = box;
            break;
        }
        if (!spot) continue; // no room: the marker and the legend entry still say it
        placed.push_back(*spot);
        drawBox(target, *spot, withAlpha(theme.panel, 220));
        drawText(target, p.label, {spot->left + 2.f, spot->top + 2.f}, theme.smallSize, theme.text);
    }
    // Hover cursor: a vertical line at the nearest iteration, dots on the series, the values.
    if (const auto text = tooltipText()) {
        const float x = m_x.x + (m_mouse.x - a.left) / a.width * (m_x.y - m_x.x);
        float best = std::numeric_limits<float>::quiet_NaN();
        for (const Series& s : m_series)
            for (float v : s.x)
                if (std::isnan(best) || std::abs(v - x) < std::abs(best - x)) best = v;
        sf::VertexArray cursor(sf::Triangles);
        const float px = std::round(toPixel({best, m_y.x}).x);
        appendRect(cursor, {px, a.top, 1.f, a.height}, theme.mutedText);
        target.draw(cursor);
        for (const Series& s : m_series) {
            const auto it = std::find(s.x.begin(), s.x.end(), best);
            if (it == s.x.end()) continue;
            const auto i = static_cast<std::size_t>(it - s.x.begin());
            if (i >= s.y.size() || !std::isfinite(s.y[i])) continue;
            sf::CircleShape dot(theme.lineWidth * 2.f);
            dot.setOrigin(dot.getRadius(), dot.getRadius());
            dot.setPosition(toPixel({best, s.y[i]}));
            dot.setFillColor(theme.series[static_cast<std::size_t>(s.colour) % theme.series.size()]);
            dot.setOutlineColor(theme.panel);
            dot.setOutlineThickness(1.5f);
            target.draw(dot);
        }
        drawTooltip(target, theme, *text, m_mouse);
    }
}

} // namespace stepwise::views
