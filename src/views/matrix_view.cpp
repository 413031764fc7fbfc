// MatrixView: layout (title, badge, index gutters, grid, legend), the cell texture, zoom and
// pan in texel units, and drawing. Sections: data, layout, geometry, events, drawing.
#include "views/matrix_view.hpp"

#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/VertexArray.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace stepwise::views {

namespace {
constexpr std::string_view kTimes = " \xC3\x97 "; // " × "
constexpr std::string_view kEnDash = "\xE2\x80\x93";

// Smallest stride from 1, 2, 5, 10, 20, 50, … whose spacing is at least minSpacing pixels.
int labelStride(float pixelsPerItem, float minSpacing) {
    if (pixelsPerItem <= 0.f) return 1 << 30;
    for (int decade = 1; decade < (1 << 28); decade *= 10)
        for (int m : {1, 2, 5})
            if (pixelsPerItem * static_cast<float>(m * decade) >= minSpacing) return m * decade;
    return 1 << 30;
}

sf::FloatRect intersection(const sf::FloatRect& a, const sf::FloatRect& b) {
    sf::FloatRect out;
    if (!a.intersects(b, out)) return {};
    return out;
}
} // namespace

// ---------------------------------------------------------------- data

MatrixView::MatrixView(std::string name, const Eigen::Ref<const Eigen::MatrixXf>& data, std::uint64_t version) {
    setData(std::move(name), data, version);
}

void MatrixView::setData(std::string name, const Eigen::Ref<const Eigen::MatrixXf>& data, std::uint64_t version) {
    const bool sameShape = data.rows() == m_data.rows() && data.cols() == m_data.cols();
    if (version != 0 && version == m_version && name == m_name && sameShape) return;
    if (!sameShape) {
        m_zoom = 1.f;
        m_centre = {0.5f, 0.5f};
        m_hover.reset();
    }
    if (name != m_name) m_layoutValid = false;
    m_name = std::move(name);
    m_version = version;
    m_data = data;
    m_hasNonFinite = !m_data.allFinite();
    if (m_autoColormap) m_colormap = Colormap::divergingFor(m_data);
    m_textureDirty = true;
    m_layoutValid = false;
}

void MatrixView::setColumnWindow(int first, int count) {
    const std::pair<int, int> window{std::max(0, first), std::max(0, count)};
    if (m_window == window) return;
    m_window = window;
    m_textureDirty = true;
    m_layoutValid = false;
    m_zoom = 1.f;
    m_centre = {0.5f, 0.5f};
    m_hover.reset();
}

void MatrixView::clearColumnWindow() {
    if (!m_window) return;
    m_window.reset();
    m_textureDirty = true;
    m_layoutValid = false;
    m_zoom = 1.f;
    m_centre = {0.5f, 0.5f};
    m_hover.reset();
}

float MatrixView::value(int row, int column) const {
    if (row < 0 || row >= rows() || column < 0 || column >= columns()) return std::numeric_limits<float>::quiet_NaN();
    return m_data(row, column);
}

int MatrixView::windowFirst() const {
    if (!m_window) return 0;
    return std::min(m_window->first, columns());
}

int MatrixView::windowCount() const {
    const int maxColumns = static_cast<int>(sf::Texture::getMaximumSize());
    const int available = columns() - windowFirst();
    const int wanted = m_window ? m_window->second : available;
    return std::max(0, std::min({wanted, available, maxColumns}));
}

void MatrixView::setColormap(const Colormap& colormap) {
    m_autoColormap = false;
    m_colormap = colormap;
    m_textureDirty = true;
}

void MatrixView::setAutoColormap() {
    m_autoColormap = true;
    m_colormap = Colormap::divergingFor(m_data);
    m_textureDirty = true;
}

void MatrixView::setRect(const sf::FloatRect& rect) {
    if (rect == m_rect) return;
    m_rect = rect;
    m_layoutValid = false;
}

std::string MatrixView::badgeText(bool brief) const {
    const long total = m_totalColumns > columns() ? m_totalColumns : columns();
    std::string text = formatCount(rows()) + std::string(kTimes) + formatCount(total);
    if (brief) return text;
    const int first = windowFirst();
    const int count = windowCount();
    if (first != 0 || count != total) {
        if (count == 0)
            text += ", no columns shown";
        else if (count == 1)
            text += ", showing column " + formatCount(first);
        else
            text += ", showing columns " + formatCount(first) + std::string(kEnDash) + formatCount(first + count - 1);
    }
    return text;
}

// ---------------------------------------------------------------- layout

void MatrixView::ensureLayout() const {
    if (!m_layoutValid) layout(m_theme);
}

void MatrixView::layout(const Theme& theme) const {
    Layout L;
    const float pad = theme.padding;
    const float gap = theme.gap;
    const sf::FloatRect content{m_rect.left + pad, m_rect.top + pad, std::max(0.f, m_rect.width - 2.f * pad),
                                std::max(0.f, m_rect.height - 2.f * pad)};
    const float right = content.left + content.width;
    const float bottom = content.top + content.height;

    // Header: bold title, then the shape badge on the same line when it fits, else below.
    const std::string title = m_title.empty() ? m_name : m_title;
    const float titleH = lineHeight(theme.titleSize, FontRole::UiBold);
    const float titleW = std::min(content.width, textWidth(title, theme.titleSize, FontRole::UiBold));
    L.title = {content.left, content.top, titleW, titleH};
    const float smallH = lineHeight(theme.smallSize);
    const float badgeH = smallH + gap;
    const float badgeW = std::min(content.width, textWidth(badgeText(), theme.smallSize) + 2.f * gap);
    float headerBottom;
    const float briefW = textWidth(badgeText(true), theme.smallSize) + 2.f * gap;
    // The brief badge beside the title when the full one does not fit there and the panel is
    // short (a 10-row heatmap in a presenter panel needs the line for its cells).
    const bool shortPanel = content.height < 14.f * smallH;
    if (titleW + 2.f * gap + badgeW <= content.width) {
        L.badge = {content.left + titleW + 2.f * gap, content.top + (titleH - badgeH) / 2.f, badgeW, badgeH};
        headerBottom = content.top + std::max(titleH, badgeH);
    } else if (shortPanel && titleW + 2.f * gap + briefW <= content.width) {
        L.badge = {content.left + titleW + 2.f * gap, content.top + (titleH - badgeH) / 2.f, briefW, badgeH};
        L.briefBadge = true;
        headerBottom = content.top + std::max(titleH, badgeH);
    } else {
        L.badge = {content.left, content.top + titleH + gap / 2.f, badgeW, badgeH};
        headerBottom = L.badge.top + badgeH;
    }

    // Index gutters and the legend; dropped in that order when the rectangle is too short.
    const int rowCount = rows();
    const int colCount = windowCount();
    L.columnLabels = colCount > 1;
    L.rowLabels = rowCount > 1;
    const float legendH = colorLegendHeight(theme);
    bool legend = true;
    float columnLabelH = L.columnLabels ? smallH + gap / 2.f : 0.f;
    auto areaHeight = [&] {
        return bottom - (legend ? legendH + gap : 0.f) - (headerBottom + gap + columnLabelH);
    };
    if (areaHeight() < 2.f * smallH && L.columnLabels) {
        L.columnLabels = false;
        columnLabelH = 0.f;
    }
    if (areaHeight() < 2.f * smallH) legend = false;
    const float rowLabelW =
        L.rowLabels ? textWidth(formatCount(std::max(0, rowCount - 1)), theme.smallSize) + gap : 0.f;

    L.gridArea = {content.left + rowLabelW, headerBottom + gap + columnLabelH,
                  std::max(0.f, right - content.left - rowLabelW), std::max(0.f, areaHeight())};

    // Cells fill the area, but a small matrix (b1, W2, L) keeps its cells near square and
    // no bigger than a few lines of text, so a 10 × 1 vector stays a column.
    if (rowCount > 0 && colCount > 0) {
        float cw = L.gridArea.width / static_cast<float>(colCount);
        float ch = L.gridArea.height / static_cast<float>(rowCount);
        if (std::min(cw, ch) >= 16.f) {
            cw = std::min(cw, 3.f * ch);
            ch = std::min(ch, 3.f * cw);
        }
        const float maxCell = 5.f * static_cast<float>(theme.bodySize);
        cw = std::min(cw, maxCell);
        ch = std::min(ch, maxCell);
        L.baseCell = {cw, ch};
        L.grid = {L.gridArea.left, L.gridArea.top, cw * static_cast<float>(colCount),
                  ch * static_cast<float>(rowCount)};
        const float maxCellPx = std::max({cw, ch, std::min(L.grid.width, L.grid.height) / 2.f});
        L.maxZoom = {std::max(1.f, maxCellPx / cw), std::max(1.f, maxCellPx / ch)};
    }

    if (legend) {
        const float barH = colorLegendBarHeight(theme);
        const float nanW = m_hasNonFinite ? colorLegendNonFiniteWidth(theme) : 0.f;
        const float room = right - L.grid.left - nanW;
        const float width = std::min(room, std::clamp(L.grid.width, 12.f * theme.smallSize, 28.f * theme.smallSize));
        const float top = (rowCount > 0 && colCount > 0 ? L.grid.top + L.grid.height : L.gridArea.top) + gap;
        if (width > 0.f) {
            L.legendBar = {L.grid.left, top, width, barH};
            L.legendLabelTop = top + barH + gap / 2.f;
        }
    }
    m_layout = L;
    m_layoutValid = true;
}

// ---------------------------------------------------------------- geometry

sf::Vector2f MatrixView::effectiveZoom() const {
    return {std::min(m_zoom, m_layout.maxZoom.x), std::min(m_zoom, m_layout.maxZoom.y)};
}

MatrixView::Visible MatrixView::visible() const {
    ensureLayout();
    Visible v;
    const float cols = static_cast<float>(windowCount());
    const float rowsF = static_cast<float>(rows());
    if (cols <= 0.f || rowsF <= 0.f) return v;
    const sf::Vector2f z = effectiveZoom();
    const float extentX = cols / z.x;
    const float extentY = rowsF / z.y;
    v.x0 = std::clamp(m_centre.x * cols - extentX / 2.f, 0.f, cols - extentX);
    v.y0 = std::clamp(m_centre.y * rowsF - extentY / 2.f, 0.f, rowsF - extentY);
    v.scaleX = m_layout.grid.width / extentX;
    v.scaleY = m_layout.grid.height / extentY;
    return v;
}

void MatrixView::clampCentre() {
    const sf::Vector2f z = effectiveZoom();
    const float halfX = 0.5f / z.x;
    const float halfY = 0.5f / z.y;
    m_centre.x = std::clamp(m_centre.x, halfX, 1.f - halfX);
    m_centre.y = std::clamp(m_centre.y, halfY, 1.f - halfY);
}

sf::FloatRect MatrixView::gridRect() const {
    ensureLayout();
    return m_layout.grid;
}

sf::FloatRect MatrixView::legendRect() const {
    ensureLayout();
    return m_layout.legendBar;
}

sf::FloatRect MatrixView::cellRect(int row, int column) const {
    const int c = column - windowFirst();
    if (row < 0 || row >= rows() || c < 0 || c >= windowCount()) return {};
    const Visible v = visible();
    return {m_layout.grid.left + (static_cast<float>(c) - v.x0) * v.scaleX,
            m_layout.grid.top + (static_cast<float>(row) - v.y0) * v.scaleY, v.scaleX, v.scaleY};
}

std::optional<std::pair<int, int>> MatrixView::cellAt(sf::Vector2f point) const {
    ensureLayout();
    const sf::FloatRect& g = m_layout.grid;
    if (windowCount() == 0 || rows() == 0) return std::nullopt;
    if (point.x < g.left || point.y < g.top || point.x >= g.left + g.width || point.y >= g.top + g.height)
        return std::nullopt;
    const Visible v = visible();
    const int c = std::clamp(static_cast<int>(std::floor(v.x0 + (point.x - g.left) / v.scaleX)), 0, windowCount() - 1);
    const int r = std::clamp(static_cast<int>(std::floor(v.y0 + (point.y - g.top) / v.scaleY)), 0, rows() - 1);
    return std::pair{r, c + windowFirst()};
}

std::optional<std::string> MatrixView::tooltipText() const {
    if (!m_hover) return std::nullopt;
    const auto [r, c] = *m_hover;
    if (r < 0 || r >= rows() || c < 0 || c >= columns()) return std::nullopt;
    return m_name + "[" + std::to_string(r) + ", " + std::to_string(c) + "] = " + formatValue(m_data(r, c));
}

// ---------------------------------------------------------------- events

void MatrixView::resetZoom() {
    m_zoom = 1.f;
    m_centre = {0.5f, 0.5f};
}

void MatrixView::zoomAt(sf::Vector2f focus, float factor) {
    ensureLayout();
    const sf::FloatRect& g = m_layout.grid;
    if (g.width <= 0.f || g.height <= 0.f || !(factor > 0.f)) return;
    focus.x = std::clamp(focus.x, g.left, g.left + g.width);
    focus.y = std::clamp(focus.y, g.top, g.top + g.height);
    const Visible before = visible();
    // Texel under the pointer stays under the pointer.
    const float tx = before.x0 + (focus.x - g.left) / before.scaleX;
    const float ty = before.y0 + (focus.y - g.top) / before.scaleY;
    m_zoom = std::clamp(m_zoom * factor, 1.f, std::max(m_layout.maxZoom.x, m_layout.maxZoom.y));
    const sf::Vector2f z = effectiveZoom();
    const float cols = static_cast<float>(windowCount());
    const float rowsF = static_cast<float>(rows());
    const float extentX = cols / z.x;
    const float extentY = rowsF / z.y;
    const float x0 = tx - (focus.x - g.left) * extentX / g.width;
    const float y0 = ty - (focus.y - g.top) * extentY / g.height;
    m_centre = {(x0 + extentX / 2.f) / cols, (y0 + extentY / 2.f) / rowsF};
    clampCentre();
}

std::optional<std::pair<int, int>> MatrixView::takeClickedCell() {
    auto clicked = m_clicked;
    m_clicked.reset();
    return clicked;
}

bool MatrixView::handleEvent(const sf::Event& event) {
    ensureLayout();
    const sf::FloatRect& g = m_layout.grid;
    switch (event.type) {
    case sf::Event::MouseMoved: {
        const sf::Vector2f p{static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        const sf::Vector2f delta = p - m_lastMouse;
        m_lastMouse = p;
        if (m_pressed) {
            const sf::Vector2f moved = p - m_pressPoint;
            if (std::abs(moved.x) + std::abs(moved.y) > 4.f) m_dragged = true;
            if (m_dragged) {
                const Visible v = visible();
                m_centre.x -= delta.x / v.scaleX / static_cast<float>(std::max(1, windowCount()));
                m_centre.y -= delta.y / v.scaleY / static_cast<float>(std::max(1, rows()));
                clampCentre();
            }
        }
        m_hover = cellAt(p);
        return m_pressed || m_hover.has_value();
    }
    case sf::Event::MouseWheelScrolled: {
        const sf::Vector2f p{static_cast<float>(event.mouseWheelScroll.x), static_cast<float>(event.mouseWheelScroll.y)};
        if (event.mouseWheelScroll.wheel != sf::Mouse::VerticalWheel || !g.contains(p)) return false;
        zoomAt(p, std::pow(1.25f, event.mouseWheelScroll.delta));
        m_lastMouse = p;
        m_hover = cellAt(p);
        return true;
    }
    case sf::Event::MouseButtonPressed: {
        const sf::Vector2f p{static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
        if (event.mouseButton.button != sf::Mouse::Left || !g.contains(p)) return false;
        m_pressed = true;
        m_dragged = false;
        m_pressPoint = p;
        m_lastMouse = p;
        return true;
    }
    case sf::Event::MouseButtonReleased: {
        if (event.mouseButton.button != sf::Mouse::Left || !m_pressed) return false;
        const sf::Vector2f p{static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
        m_pressed = false;
        if (!m_dragged) m_clicked = cellAt(p);
        m_dragged = false;
        return true;
    }
    case sf::Event::MouseLeft:
        m_hover.reset();
        m_pressed = false;
        return false;
    default: return false;
    }
}

// ---------------------------------------------------------------- drawing

void MatrixView::rebuildTexture() {
    m_textureDirty = false;
    const int cols = windowCount();
    const int rowCount = rows();
    if (cols == 0 || rowCount == 0) return;
    sf::Image image;
    image.create(static_cast<unsigned>(cols), static_cast<unsigned>(rowCount));
    const int first = windowFirst();
    for (int c = 0; c < cols; ++c)
        for (int r = 0; r < rowCount; ++r)
            image.setPixel(static_cast<unsigned>(c), static_cast<unsigned>(r), m_colormap.map(m_data(r, first + c)));
    if (!m_texture) m_texture = std::make_unique<sf::Texture>();
    if (m_texture->getSize() != image.getSize()) m_texture->create(image.getSize().x, image.getSize().y);
    m_texture->update(image);
    m_texture->setSmooth(false);
    const sf::Uint8* rgba = image.getPixelsPtr();
    m_textureOpaque = true;
    for (std::size_t i = 3; i < static_cast<std::size_t>(cols) * static_cast<std::size_t>(rowCount) * 4; i += 4)
        m_textureOpaque = m_textureOpaque && rgba[i] == 255;
}

void MatrixView::draw(sf::RenderTarget& target, const Theme& theme) {
    m_theme = theme;
    layout(theme);
    if (m_textureDirty) rebuildTexture();

    drawBox(target, m_rect, theme.panel, theme.panelBorder, 1.f);
    const std::string title = m_title.empty() ? m_name : m_title;
    drawText(target, elide(title, theme.titleSize, m_layout.title.width, FontRole::UiBold), {m_layout.title.left, m_layout.title.top}, theme.titleSize, theme.text, HAlign::Left,
             VAlign::Top, FontRole::UiBold);
    drawBox(target, m_layout.badge, theme.background, theme.panelBorder, 1.f);
    drawText(target, elide(badgeText(m_layout.briefBadge), theme.smallSize, m_layout.badge.width - 2.f * theme.gap),
             {m_layout.badge.left + theme.gap, m_layout.badge.top + m_layout.badge.height / 2.f},
             theme.smallSize, theme.mutedText, HAlign::Left, VAlign::Center);

    if (windowCount() > 0 && rows() > 0) {
        const Visible v = visible();
        drawCells(target, theme, v);
        drawIndexLabels(target, theme, v);
        if (m_cellLabels) drawCellLabels(target, theme, v);
        drawHighlights(target, theme);
    }
    drawLegend(target, theme);
    if (m_dimmed) drawBox(target, m_rect, withAlpha(theme.panel, 190));
    drawTooltip(target, theme);
}

void MatrixView::drawCells(sf::RenderTarget& target, const Theme& theme, const Visible& v) {
    const sf::FloatRect& g = m_layout.grid;
    const float extentX = g.width / v.scaleX;
    const float extentY = g.height / v.scaleY;
    sf::VertexArray quad(sf::TriangleStrip, 4);
    quad[0] = sf::Vertex({g.left, g.top}, {v.x0, v.y0});
    quad[1] = sf::Vertex({g.left + g.width, g.top}, {v.x0 + extentX, v.y0});
    quad[2] = sf::Vertex({g.left, g.top + g.height}, {v.x0, v.y0 + extentY});
    quad[3] = sf::Vertex({g.left + g.width, g.top + g.height}, {v.x0 + extentX, v.y0 + extentY});
    if (m_texture) { // opaque cells replace what is under them: no blending, the same pixels, less work
        sf::RenderStates states(m_texture.get());
        if (m_textureOpaque) states.blendMode = sf::BlendNone;
        target.draw(quad, states);
    }

    // Thin separators once cells are big enough to read as separate boxes.
    sf::VertexArray lines(sf::Triangles);
    if (v.scaleX >= 10.f)
        for (int c = static_cast<int>(std::ceil(v.x0)); c <= static_cast<int>(v.x0 + extentX); ++c) {
            const float x = std::round(g.left + (static_cast<float>(c) - v.x0) * v.scaleX);
            if (x > g.left + 0.5f && x < g.left + g.width - 0.5f) appendRect(lines, {x - 0.5f, g.top, 1.f, g.height}, theme.panel);
        }
    if (v.scaleY >= 10.f)
        for (int r = static_cast<int>(std::ceil(v.y0)); r <= static_cast<int>(v.y0 + extentY); ++r) {
            const float y = std::round(g.top + (static_cast<float>(r) - v.y0) * v.scaleY);
            if (y > g.top + 0.5f && y < g.top + g.height - 0.5f) appendRect(lines, {g.left, y - 0.5f, g.width, 1.f}, theme.panel);
        }
    target.draw(lines);
}

void MatrixView::drawIndexLabels(sf::RenderTarget& target, const Theme& theme, const Visible& v) {
    const sf::FloatRect& g = m_layout.grid;
    const float gap = theme.gap;
    const float smallH = lineHeight(theme.smallSize);
    if (m_layout.rowLabels) {
        const int stride = labelStride(v.scaleY, smallH * 1.5f);
        const int r0 = std::max(0, static_cast<int>(std::ceil(v.y0 - 0.5f)));
        for (int r = (r0 + stride - 1) / stride * stride; r < rows(); r += stride) {
            const float y = g.top + (static_cast<float>(r) + 0.5f - v.y0) * v.scaleY;
            if (y > g.top + g.height) break;
            drawText(target, std::to_string(r), {g.left - gap / 2.f, y}, theme.smallSize, theme.mutedText, HAlign::Right,
                     VAlign::Center);
        }
    }
    if (m_layout.columnLabels) {
        const int first = windowFirst();
        const float widest = textWidth(formatCount(first + windowCount() - 1), theme.smallSize);
        const int stride = labelStride(v.scaleX, widest + 2.f * gap);
        const int c0 = std::max(0, static_cast<int>(std::ceil(v.x0 - 0.5f)));
        const float minX = m_rect.left + theme.padding;
        const float maxX = m_rect.left + m_rect.width - theme.padding;
        // Strides count in matrix columns, so the labels read 0, 5, 10 … also inside a window.
        int c = c0;
        while (c < windowCount() && (first + c) % stride != 0) ++c;
        for (; c < windowCount(); c += stride) {
            const float x = g.left + (static_cast<float>(c) + 0.5f - v.x0) * v.scaleX;
            if (x > g.left + g.width) break;
            const std::string label = formatCount(first + c);
            const float w = textWidth(label, theme.smallSize);
            const float left = std::clamp(x - w / 2.f, minX, maxX - w);
            drawText(target, label, {left, g.top - gap / 2.f - smallH}, theme.smallSize, theme.mutedText);
        }
    }
}

void MatrixView::drawCellLabels(sf::RenderTarget& target, const Theme& theme, const Visible& v) {
    const sf::FloatRect& g = m_layout.grid;
    const int c0 = static_cast<int>(std::floor(v.x0));
    const int c1 = std::min(windowCount(), static_cast<int>(std::ceil(v.x0 + g.width / v.scaleX)));
    const int r0 = static_cast<int>(std::floor(v.y0));
    const int r1 = std::min(rows(), static_cast<int>(std::ceil(v.y0 + g.height / v.scaleY)));
    const int first = windowFirst();
    // Cheap rejection before measuring any text: labels need rows about two lines tall.
    if (v.scaleY < lineHeight(theme.smallSize) + 6.f || v.scaleX < 24.f) return;
    if ((c1 - c0) * (r1 - r0) > 2000) return;

    // One size and one number of decimals for every cell (so the numbers line up), the
    // largest size and precision whose widest label fits.
    struct Choice {
        unsigned size;
        int significant;
    };
    const std::array<Choice, 6> choices{{{theme.bodySize, 4},
                                         {theme.smallSize, 4},
                                         {theme.bodySize, 3},
                                         {theme.smallSize, 3},
                                         {theme.bodySize, 2},
                                         {theme.smallSize, 2}}};
    const double limit = m_data.block(r0, first + c0, r1 - r0, c1 - c0).unaryExpr([](float x) {
        return std::isfinite(x) ? std::abs(x) : 0.f;
    }).maxCoeff();
    // Whole numbers (masks, one-hot Y, counts) are written without decimals.
    const auto block = m_data.block(r0, first + c0, r1 - r0, c1 - c0);
    const bool whole = block.unaryExpr([](float x) { return std::isfinite(x) ? x - std::round(x) : 0.f; }).isZero(0.f);
    std::optional<Choice> chosen;
    int decimals = 0;
    for (const Choice& choice : choices) {
        if (v.scaleY < lineHeight(choice.size) + 6.f) continue;
        decimals = whole ? 0 : decimalsFor(limit, choice.significant);
        float widest = 0.f;
        for (int r = r0; r < r1; ++r)
            for (int c = c0; c < c1; ++c)
                widest = std::max(widest, textWidth(formatFixed(m_data(r, first + c), decimals), choice.size));
        if (widest + 6.f <= v.scaleX) {
            chosen = choice;
            break;
        }
    }
    if (!chosen) return;
    for (int r = r0; r < r1; ++r)
        for (int c = c0; c < c1; ++c) {
            const sf::FloatRect cell = cellRect(r, first + c);
            const sf::Vector2f centre{cell.left + cell.width / 2.f, cell.top + cell.height / 2.f};
            if (!g.contains(centre)) continue;
            const float value = m_data(r, first + c);
            drawText(target, formatFixed(value, decimals), centre, chosen->size, readableOn(m_colormap.map(value)),
                     HAlign::Center, VAlign::Center);
        }
}

void MatrixView::drawHighlights(sf::RenderTarget& target, const Theme& theme) {
    const sf::FloatRect& g = m_layout.grid;
    auto outline = [&](const sf::FloatRect& r, sf::Color color, float thickness, bool halo) {
        const sf::FloatRect clipped = intersection(r, g);
        if (clipped.width <= 0.f || clipped.height <= 0.f) return;
        sf::RectangleShape shape({clipped.width, clipped.height});
        shape.setPosition(clipped.left, clipped.top);
        shape.setFillColor(sf::Color::Transparent);
        if (halo) {
            // A dark ring outside the bright one keeps the outline visible on any cell colour.
            shape.setOutlineThickness(thickness + 2.f);
            shape.setOutlineColor(theme.background);
            target.draw(shape);
        }
        shape.setOutlineThickness(thickness);
        shape.setOutlineColor(color);
        target.draw(shape);
    };
    if (m_hover) outline(cellRect(m_hover->first, m_hover->second), theme.text, 1.5f, false);
    for (const Highlight& h : m_highlights) {
        sf::FloatRect r;
        switch (h.kind) {
        case Highlight::Kind::Cell: r = cellRect(h.row, h.column); break;
        case Highlight::Kind::Row: {
            const sf::FloatRect cell = cellRect(h.row, windowFirst());
            if (cell.width > 0.f) r = {g.left, cell.top, g.width, cell.height};
            break;
        }
        case Highlight::Kind::Column: {
            const sf::FloatRect cell = cellRect(0, h.column);
            if (cell.width > 0.f) r = {cell.left, g.top, cell.width, g.height};
            break;
        }
        }
        if (r.width > 0.f) outline(r, theme.highlight, theme.lineWidth, true);
    }
}

void MatrixView::drawLegend(sf::RenderTarget& target, const Theme& theme) {
    if (m_layout.legendBar.width <= 0.f) return;
    drawColorLegend(target, theme, m_colormap, m_layout.legendBar, m_hasNonFinite);
}

void MatrixView::drawTooltip(sf::RenderTarget& target, const Theme& theme) {
    if (const auto text = tooltipText()) views::drawTooltip(target, theme, *text, m_lastMouse);
}

} // namespace stepwise::views
