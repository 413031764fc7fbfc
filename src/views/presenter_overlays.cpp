// Spotlight, LaserPointer and Magnifier: the dimming layer with its hole and frame, the glowing
// dot and its trail, and the lens layout and drawing.
// Sections: shared geometry, Spotlight, LaserPointer, Magnifier.
#include "views/presenter_overlays.hpp"

#include <SFML/Graphics/VertexArray.hpp>
#include <SFML/Graphics/View.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <tuple>
#include <utility>

namespace stepwise::views {

// ---------------------------------------------------------------- shared geometry

namespace {
// Ease in and out (smoothstep) of a progress 0 … 1.
float ease(float t) {
    t = std::clamp(t, 0.f, 1.f);
    return t * t * (3.f - 2.f * t);
}

float lerp(float a, float b, float t) { return a + (b - a) * t; }

sf::FloatRect grown(const sf::FloatRect& r, float by) {
    return {r.left - by, r.top - by, r.width + 2.f * by, r.height + 2.f * by};
}

float right(const sf::FloatRect& r) { return r.left + r.width; }
float bottom(const sf::FloatRect& r) { return r.top + r.height; }

// Appends the ring between radii r0 and r1 around c, colour c0 inside fading to c1 outside
// (r0 = 0 makes a disc). Per-vertex colours give the glow its gradient.
void appendRing(sf::VertexArray& triangles, sf::Vector2f c, float r0, float r1, sf::Color c0, sf::Color c1) {
    const int segments = std::clamp(static_cast<int>(r1 * 1.5f), 24, 96);
    const float step = 2.f * std::numbers::pi_v<float> / static_cast<float>(segments);
    for (int i = 0; i < segments; ++i) {
        const float a = step * static_cast<float>(i), b = step * static_cast<float>(i + 1);
        const sf::Vector2f da{std::cos(a), std::sin(a)}, db{std::cos(b), std::sin(b)};
        const sf::Vector2f ia = c + da * r0, ib = c + db * r0, oa = c + da * r1, ob = c + db * r1;
        triangles.append({ia, c0});
        triangles.append({oa, c1});
        triangles.append({ob, c1});
        if (r0 > 0.f) {
            triangles.append({ia, c0});
            triangles.append({ob, c1});
            triangles.append({ib, c0});
        }
    }
}

// Appends a frame of width w just outside r.
void appendFrame(sf::VertexArray& triangles, const sf::FloatRect& r, float w, sf::Color color) {
    const sf::FloatRect o = grown(r, w);
    appendRect(triangles, {o.left, o.top, o.width, w}, color);
    appendRect(triangles, {o.left, bottom(r), o.width, w}, color);
    appendRect(triangles, {o.left, r.top, w, r.height}, color);
    appendRect(triangles, {right(r), r.top, w, r.height}, color);
}
} // namespace

sf::FloatRect visibleArea(const sf::RenderTarget& target) {
    const sf::View& view = target.getView();
    const sf::Vector2f size = view.getSize();
    return {view.getCenter() - size / 2.f, size};
}

// ---------------------------------------------------------------- Spotlight

void Spotlight::setTarget(std::optional<sf::FloatRect> rect) {
    if (rect == m_target) return;
    if (rect) {
        if (m_level > 0.f) { // shown or fading: slide from where the hole is now
            m_from = currentRect();
            m_slide = 0.f;
        } else {
            m_from = *rect;
            m_slide = 1.f;
        }
        m_to = *rect;
    }
    m_target = rect;
}

void Spotlight::advance(float seconds) {
    const float step = std::max(0.f, seconds) / fadeSeconds;
    m_level = m_target ? std::min(1.f, m_level + step) : std::max(0.f, m_level - step);
    m_slide = std::min(1.f, m_slide + step);
}

void Spotlight::finish() {
    m_level = m_target ? 1.f : 0.f;
    m_slide = 1.f;
}

float Spotlight::opacity() const { return dimOpacity * ease(m_level); }

bool Spotlight::animating() const { return (m_target ? m_level < 1.f : m_level > 0.f) || m_slide < 1.f; }

sf::FloatRect Spotlight::currentRect() const {
    const float t = ease(m_slide);
    return {lerp(m_from.left, m_to.left, t), lerp(m_from.top, m_to.top, t), lerp(m_from.width, m_to.width, t),
            lerp(m_from.height, m_to.height, t)};
}

sf::FloatRect Spotlight::hole(float targetHeight) const {
    return grown(currentRect(), std::round(6.f * targetHeight / 1080.f));
}

float Spotlight::frameWidth(float targetHeight) { return std::max(2.f, std::round(5.f * targetHeight / 1080.f)); }

void Spotlight::draw(sf::RenderTarget& target, const Theme& theme) const {
    if (!visible()) return;
    const sf::FloatRect area = visibleArea(target);
    const sf::FloatRect h = hole(area.height);
    // The hole clipped to the area, so the four dark bands never overlap or turn inside out.
    const float l = std::clamp(h.left, area.left, right(area)), r = std::clamp(right(h), l, right(area));
    const float t = std::clamp(h.top, area.top, bottom(area)), b = std::clamp(bottom(h), t, bottom(area));
    const sf::Color dark(0, 0, 0, static_cast<std::uint8_t>(std::lround(255.f * opacity())));
    sf::VertexArray triangles(sf::Triangles);
    appendRect(triangles, {area.left, area.top, area.width, t - area.top}, dark);
    appendRect(triangles, {area.left, b, area.width, bottom(area) - b}, dark);
    appendRect(triangles, {area.left, t, l - area.left, b - t}, dark);
    appendRect(triangles, {r, t, right(area) - r, b - t}, dark);
    const auto frameAlpha = static_cast<std::uint8_t>(std::lround(255.f * ease(m_level)));
    appendFrame(triangles, h, frameWidth(area.height), withAlpha(theme.highlight, frameAlpha));
    target.draw(triangles);
}

// ---------------------------------------------------------------- LaserPointer

void LaserPointer::setPosition(std::optional<sf::Vector2f> position) {
    m_position = position;
    if (!position || !m_trailEnabled) return;
    if (!m_trail.empty()) {
        const sf::Vector2f d = *position - m_trail.back().position;
        if (d.x * d.x + d.y * d.y < 9.f) return; // moved less than 3 px: nothing to trail
    }
    m_trail.push_back({*position, 0.f});
    if (m_trail.size() > 96) m_trail.erase(m_trail.begin());
}

void LaserPointer::setTrail(bool enabled) {
    m_trailEnabled = enabled;
    if (!enabled) m_trail.clear();
}

void LaserPointer::advance(float seconds) {
    for (TrailPoint& p : m_trail) p.age += std::max(0.f, seconds);
    std::erase_if(m_trail, [](const TrailPoint& p) { return p.age >= trailSeconds; });
}

float LaserPointer::coreRadius(float targetHeight) { return std::max(10.f, std::round(16.f * targetHeight / 1080.f)); }

void LaserPointer::draw(sf::RenderTarget& target) const {
    const float r = coreRadius(visibleArea(target).height);
    const sf::Color red = coreColor();
    sf::VertexArray triangles(sf::Triangles);

    // Trail: one tapering, fading ribbon from the oldest point to the dot (a strip, so the
    // translucent pieces never overlap into beads).
    std::vector<std::pair<sf::Vector2f, float>> points; // position, life 1 … 0
    for (const TrailPoint& p : m_trail) points.emplace_back(p.position, 1.f - p.age / trailSeconds);
    if (m_position && (points.empty() || points.back().first != *m_position)) points.emplace_back(*m_position, 1.f);
    if (points.size() >= 2) {
        sf::VertexArray ribbon(sf::TriangleStrip);
        for (std::size_t i = 0; i < points.size(); ++i) {
            const sf::Vector2f d = points[std::min(i + 1, points.size() - 1)].first - points[i > 0 ? i - 1 : 0].first;
            const float length = std::sqrt(d.x * d.x + d.y * d.y);
            if (length <= 0.f) continue;
            const float life = points[i].second;
            const sf::Vector2f n = sf::Vector2f(-d.y, d.x) / length * std::max(1.f, 0.55f * r * life);
            const sf::Color c = withAlpha(red, static_cast<std::uint8_t>(std::lround(190.f * life)));
            ribbon.append({points[i].first + n, c});
            ribbon.append({points[i].first - n, c});
        }
        target.draw(ribbon);
    }

    if (m_position) {
        const sf::Vector2f c = *m_position;
        const float ring = std::max(2.f, std::round(0.18f * r));
        // Glow: red fading out to twice and a half the core's radius.
        appendRing(triangles, c, r + ring, 2.5f * r, withAlpha(red, 150), withAlpha(red, 0));
        // White ring: separates the core from red-brown heatmap cells and dark backgrounds.
        appendRing(triangles, c, r, r + ring, sf::Color::White, sf::Color::White);
        appendRing(triangles, c, r + ring, r + ring + 1.f, sf::Color::White, withAlpha(sf::Color::White, 0));
        appendRing(triangles, c, 0.f, r, red, red);
    }
    target.draw(triangles);
}

// ---------------------------------------------------------------- Magnifier

namespace {
// Text of a value inside an enlarged cell: fixed decimals so the cells line up.
std::string cellText(float v, int decimals) { return std::isfinite(v) ? formatFixed(v, decimals) : formatValue(v); }

// First index and count of a window of up to 2·radius + 1 indices around i within 0 … n − 1.
std::pair<int, int> windowAround(int i, int radius, int n) {
    const int count = std::min(2 * radius + 1, n);
    return {std::clamp(i - radius, 0, n - count), count};
}

// A line of the text colour with a halo of the background colour, readable on any heatmap cell.
void appendMarkedFrame(sf::VertexArray& triangles, const sf::FloatRect& r, float w, const Theme& theme) {
    appendFrame(triangles, r, w + 2.f, theme.background);
    appendFrame(triangles, r, w, theme.text);
}
void appendMarkedLine(sf::VertexArray& triangles, sf::Vector2f a, sf::Vector2f b, float w, const Theme& theme) {
    appendLine(triangles, a, b, w + 4.f, theme.background);
    appendLine(triangles, a, b, w, theme.text);
}
} // namespace

sf::FloatRect Magnifier::Layout::cellRect(int r, int c) const {
    return {grid.left + static_cast<float>(c - firstColumn) * cellSize, grid.top + static_cast<float>(r - firstRow) * cellSize,
            cellSize, cellSize};
}

void Magnifier::setRadius(int cells) { m_radius = std::clamp(cells, 1, 4); }

float Magnifier::cellSizeFor(float targetHeight) { return std::max(40.f, std::round(96.f * targetHeight / 1080.f)); }

std::string Magnifier::cellLabel(const std::string& name, int row, int column) {
    return name + "[" + std::to_string(row) + ", " + std::to_string(column) + "]";
}

std::optional<Magnifier::Layout> Magnifier::layout(const MatrixView& view, sf::Vector2f pointer,
                                                   const sf::FloatRect& bounds, const Theme& theme) const {
    const auto cell = view.cellAt(pointer);
    if (!cell) return std::nullopt;
    Layout out;
    out.row = cell->first;
    out.column = cell->second;
    std::tie(out.firstRow, out.rowCount) = windowAround(out.row, m_radius, view.rows());
    std::tie(out.firstColumn, out.columnCount) = windowAround(out.column - view.windowFirst(), m_radius, view.windowCount());
    out.firstColumn += view.windowFirst();
    out.cellSize = cellSizeFor(bounds.height);
    out.valueSize = std::max(theme.equationSize, static_cast<unsigned>(std::lround(1.2f * static_cast<float>(theme.equationSize))));

    // The magnified region on the heatmap: the pointed cell's rectangle widened to the window.
    const sf::FloatRect centre = view.cellRect(out.row, out.column);
    const sf::FloatRect source{centre.left - static_cast<float>(out.column - out.firstColumn) * centre.width,
                               centre.top - static_cast<float>(out.row - out.firstRow) * centre.height,
                               static_cast<float>(out.columnCount) * centre.width, static_cast<float>(out.rowCount) * centre.height};
    if (!source.intersects(view.gridRect(), out.source)) out.source = centre;

    // Values in body text where every shown value fits its cell, else in small text.
    const int decimals = decimalsFor(view.colormap().limit(), 3);
    float widest = 0.f;
    for (int r = out.firstRow; r < out.firstRow + out.rowCount; ++r)
        for (int c = out.firstColumn; c < out.firstColumn + out.columnCount; ++c)
            widest = std::max(widest, textWidth(cellText(view.value(r, c), decimals), theme.bodySize));
    out.cellTextSize = widest <= out.cellSize - 10.f ? theme.bodySize : theme.smallSize;

    const float pad = theme.padding, gap = theme.gap;
    const float labelHeight = lineHeight(theme.titleSize, FontRole::UiBold);
    const float indexHeight = lineHeight(theme.smallSize);
    const float valueHeight = lineHeight(out.valueSize, FontRole::UiBold);
    float rowLabelWidth = 0.f;
    for (int r = out.firstRow; r < out.firstRow + out.rowCount; ++r)
        rowLabelWidth = std::max(rowLabelWidth, textWidth(std::to_string(r), theme.smallSize));
    const sf::Vector2f gridSize{static_cast<float>(out.columnCount) * out.cellSize, static_cast<float>(out.rowCount) * out.cellSize};
    const float block = rowLabelWidth + gap + gridSize.x;
    const std::string label = cellLabel(view.name(), out.row, out.column);
    const std::string value = formatValue(view.value(out.row, out.column));
    const float labelWidth = textWidth(label, theme.titleSize, FontRole::UiBold);
    const float valueWidth = textWidth(value, out.valueSize, FontRole::UiBold);
    const float contentWidth = std::max({block, labelWidth, valueWidth});
    const float width = std::round(2.f * pad + contentWidth);
    const float height = std::round(pad + labelHeight + gap + indexHeight + gap / 2.f + gridSize.y + 1.5f * gap + valueHeight + pad);

    // Beside the magnified region: right of it, else left, else on the roomier side; vertically
    // centred on the pointer; then pushed inside the bounds, a gap away from their edges if they
    // have room for it.
    sf::FloatRect room = bounds;
    if (bounds.width >= width + 2.f * gap && bounds.height >= height + 2.f * gap) room = grown(bounds, -gap);
    const float offset = std::round(std::max(24.f, 0.3f * out.cellSize));
    float x = right(out.source) + offset;
    if (x + width > right(room)) {
        const float left = out.source.left - offset - width;
        if (left >= room.left || out.source.left - room.left > right(room) - right(out.source)) x = left;
    }
    x = std::clamp(x, room.left, std::max(room.left, right(room) - width));
    const float y = std::clamp(pointer.y - height / 2.f, room.top, std::max(room.top, bottom(room) - height));
    out.lens = {std::round(x), std::round(y), width, height};

    const float blockLeft = out.lens.left + pad + std::round((contentWidth - block) / 2.f);
    out.label = {out.lens.left + pad, out.lens.top + pad, labelWidth, labelHeight};
    out.grid = {blockLeft + rowLabelWidth + gap, bottom(out.label) + gap + indexHeight + gap / 2.f, gridSize.x, gridSize.y};
    out.value = {std::round(out.lens.left + (width - valueWidth) / 2.f), bottom(out.grid) + 1.5f * gap, valueWidth, valueHeight};
    return out;
}

bool Magnifier::draw(sf::RenderTarget& target, const Theme& theme, const MatrixView& view, sf::Vector2f pointer) const {
    const sf::FloatRect area = visibleArea(target);
    const auto lay = layout(view, pointer, area, theme);
    if (!lay) return false;
    const Layout& L = *lay;
    const float line = std::max(2.f, theme.lineWidth);

    // On the heatmap: the magnified region, and a line from it to the lens.
    sf::VertexArray marks(sf::Triangles);
    appendMarkedFrame(marks, L.source, line, theme);
    const bool lensRight = L.lens.left >= right(L.source);
    const bool lensLeft = right(L.lens) <= L.source.left;
    if (lensRight || lensLeft) {
        const float y = std::clamp(pointer.y, L.source.top, bottom(L.source));
        const sf::Vector2f from{lensRight ? right(L.source) + line + 2.f : L.source.left - line - 2.f, y};
        const sf::Vector2f to{lensRight ? L.lens.left : right(L.lens), std::clamp(y, L.lens.top + line, bottom(L.lens) - line)};
        appendMarkedLine(marks, from, to, line, theme);
    }
    target.draw(marks);
    drawBox(target, L.lens, theme.panel, theme.highlight, line);

    drawText(target, cellLabel(view.name(), L.row, L.column), {L.label.left, L.label.top}, theme.titleSize, theme.text,
             HAlign::Left, VAlign::Top, FontRole::UiBold);

    // Cells in the map's colours, their values, and the indices around them.
    const Colormap& map = view.colormap();
    const int decimals = decimalsFor(map.limit(), 3);
    sf::VertexArray cells(sf::Triangles);
    for (int r = L.firstRow; r < L.firstRow + L.rowCount; ++r)
        for (int c = L.firstColumn; c < L.firstColumn + L.columnCount; ++c)
            appendRect(cells, grown(L.cellRect(r, c), -1.f), map.map(view.value(r, c)));
    target.draw(cells);
    for (int r = L.firstRow; r < L.firstRow + L.rowCount; ++r) {
        const sf::FloatRect cr = L.cellRect(r, L.firstColumn);
        drawText(target, std::to_string(r), {L.grid.left - theme.gap, cr.top + cr.height / 2.f}, theme.smallSize,
                 r == L.row ? theme.text : theme.mutedText, HAlign::Right, VAlign::Center,
                 r == L.row ? FontRole::UiBold : FontRole::Ui);
    }
    for (int c = L.firstColumn; c < L.firstColumn + L.columnCount; ++c) {
        const sf::FloatRect cr = L.cellRect(L.firstRow, c);
        drawText(target, std::to_string(c), {cr.left + cr.width / 2.f, L.grid.top - theme.gap / 2.f}, theme.smallSize,
                 c == L.column ? theme.text : theme.mutedText, HAlign::Center, VAlign::Bottom,
                 c == L.column ? FontRole::UiBold : FontRole::Ui);
    }
    for (int r = L.firstRow; r < L.firstRow + L.rowCount; ++r)
        for (int c = L.firstColumn; c < L.firstColumn + L.columnCount; ++c) {
            const float v = view.value(r, c);
            const std::string text = cellText(v, decimals);
            if (textWidth(text, L.cellTextSize) > L.cellSize - 6.f) continue;
            const sf::FloatRect cr = L.cellRect(r, c);
            drawText(target, text, {cr.left + cr.width / 2.f, cr.top + cr.height / 2.f}, L.cellTextSize,
                     readableOn(map.map(v)), HAlign::Center, VAlign::Center);
        }
    // The pointed cell: a heavy frame with a halo, readable on both ends of the map.
    sf::VertexArray frame(sf::Triangles);
    appendMarkedFrame(frame, L.cellRect(L.row, L.column), std::max(3.f, std::round(0.04f * L.cellSize)), theme);
    target.draw(frame);

    drawText(target, formatValue(view.value(L.row, L.column)), {L.value.left, L.value.top}, L.valueSize, theme.text,
             HAlign::Left, VAlign::Top, FontRole::UiBold);
    return true;
}

} // namespace stepwise::views
