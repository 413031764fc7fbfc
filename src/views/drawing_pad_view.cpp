// DrawingPadView: mouse strokes onto a data::DigitCanvas, the pad texture, and the preview of
// the prepared inputs. Sections: geometry, events, drawing.
#include "views/drawing_pad_view.hpp"

#include "views/digit_view.hpp"

#include <SFML/Graphics/Sprite.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace stepwise::views {

namespace {
// The largest square centred in rect, its side rounded down to whole pixels.
sf::FloatRect centredSquare(const sf::FloatRect& rect, float side) {
    side = std::floor(std::max(0.f, side));
    return {std::round(rect.left + (rect.width - side) / 2.f), std::round(rect.top + (rect.height - side) / 2.f), side, side};
}
} // namespace

DrawingPadView::DrawingPadView() = default;
DrawingPadView::~DrawingPadView() = default;

// ---------------------------------------------------------------- geometry

void DrawingPadView::setPadRect(const sf::FloatRect& rect) { m_pad = centredSquare(rect, std::min(rect.width, rect.height)); }

void DrawingPadView::setPreviewRect(const sf::FloatRect& rect) {
    m_preview = centredSquare(rect, snapImageSize(std::min(rect.width, rect.height), kDigitSide));
}

sf::FloatRect DrawingPadView::previewPixelRect(int row, int col) const { return digitPixelRect(m_preview, row, col); }

sf::FloatRect DrawingPadView::guideRect() const {
    // The central 20 × 20 of the 28 × 28 field: inputs 4 … 23.
    const float cell = m_pad.width / static_cast<float>(kDigitSide);
    return {m_pad.left + 4.f * cell, m_pad.top + 4.f * cell, 20.f * cell, 20.f * cell};
}

Eigen::Vector2f DrawingPadView::toCanvas(sf::Vector2f point) const {
    const float scale = m_pad.width > 0.f ? static_cast<float>(m_canvas.side()) / m_pad.width : 1.f;
    return {(point.x - m_pad.left) * scale, (point.y - m_pad.top) * scale};
}

const Eigen::VectorXf& DrawingPadView::inputs() const {
    if (m_inputsVersion != m_version) {
        m_inputs = data::prepareDrawing(m_canvas);
        m_inputsVersion = m_version;
    }
    return m_inputs;
}

std::optional<std::string> DrawingPadView::tooltipText() const {
    if (!m_preview.contains(m_mouse) || m_preview.width <= 0.f) return std::nullopt;
    const int col = std::clamp(static_cast<int>((m_mouse.x - m_preview.left) / m_preview.width * kDigitSide), 0, kDigitSide - 1);
    const int row = std::clamp(static_cast<int>((m_mouse.y - m_preview.top) / m_preview.height * kDigitSide), 0, kDigitSide - 1);
    const int k = row * kDigitSide + col;
    return "x[" + std::to_string(row) + ", " + std::to_string(col) + "] = " + formatFixed(inputs()(k), 2) +
           "   (input k = " + std::to_string(k) + ")";
}

// ---------------------------------------------------------------- events

void DrawingPadView::clear() {
    m_canvas.clear();
    ++m_version;
}

void DrawingPadView::setCanvas(data::DigitCanvas canvas) {
    m_canvas = std::move(canvas);
    ++m_version;
}

void DrawingPadView::strokeTo(sf::Vector2f point) {
    const Eigen::Vector2f p = toCanvas(point);
    if (m_mode == Mode::Draw) m_canvas.addStroke(m_last, p, kPenRadius);
    if (m_mode == Mode::Erase) m_canvas.eraseStroke(m_last, p, kEraserRadius);
    m_last = p;
    ++m_version;
}

bool DrawingPadView::handleEvent(const sf::Event& event) {
    switch (event.type) {
    case sf::Event::MouseButtonPressed: {
        const sf::Vector2f p{static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
        m_mouse = p;
        if (!m_pad.contains(p)) return false;
        if (event.mouseButton.button == sf::Mouse::Left) m_mode = Mode::Draw;
        else if (event.mouseButton.button == sf::Mouse::Right) m_mode = Mode::Erase;
        else return false;
        m_last = toCanvas(p);
        strokeTo(p); // a click alone leaves a dot (or erases one)
        return true;
    }
    case sf::Event::MouseMoved: {
        const sf::Vector2f p{static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        m_mouse = p;
        if (m_mode != Mode::None) {
            // One segment from the previous position: fast strokes stay continuous.
            strokeTo(p);
            return true;
        }
        return m_pad.contains(p) || m_preview.contains(p);
    }
    case sf::Event::MouseButtonReleased: {
        if (m_mode == Mode::None) return false;
        const bool ends = (m_mode == Mode::Draw && event.mouseButton.button == sf::Mouse::Left) ||
                          (m_mode == Mode::Erase && event.mouseButton.button == sf::Mouse::Right);
        if (ends) m_mode = Mode::None;
        return ends;
    }
    case sf::Event::MouseLeft: m_mouse = {-1.f, -1.f}; return false;
    case sf::Event::LostFocus: m_mode = Mode::None; return false;
    case sf::Event::KeyPressed:
        if (event.key.code != sf::Keyboard::C || event.key.control || event.key.alt || event.key.system) return false;
        clear();
        return true;
    default: return false;
    }
}

// ---------------------------------------------------------------- drawing

void DrawingPadView::draw(sf::RenderTarget& target, const Theme& theme) {
    const Colormap grey = colormap();
    const int n = m_canvas.side();
    if (!m_texture) {
        m_texture = std::make_unique<sf::Texture>();
        if (!m_texture->create(static_cast<unsigned>(n), static_cast<unsigned>(n))) m_texture.reset();
        m_textureVersion = ~std::uint64_t{0};
    }
    if (m_texture && m_textureVersion != m_version) {
        std::vector<sf::Uint8> rgba(static_cast<std::size_t>(n) * static_cast<std::size_t>(n) * 4u);
        for (int y = 0; y < n; ++y)
            for (int x = 0; x < n; ++x) {
                const sf::Color c = grey.map(m_canvas.ink(x, y));
                const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(n) + static_cast<std::size_t>(x)) * 4u;
                rgba[i] = c.r;
                rgba[i + 1] = c.g;
                rgba[i + 2] = c.b;
                rgba[i + 3] = 255;
            }
        m_texture->update(rgba.data());
        m_textureVersion = m_version;
    }

    // The pad: the canvas, its frame, and the faint guide of the 20 × 20 box.
    if (m_texture && m_pad.width > 0.f) {
        m_texture->setSmooth(true);
        sf::Sprite sprite(*m_texture);
        sprite.setPosition(m_pad.left, m_pad.top);
        sprite.setScale(m_pad.width / static_cast<float>(n), m_pad.height / static_cast<float>(n));
        target.draw(sprite);
    }
    drawBox(target, {m_pad.left - 2.f, m_pad.top - 2.f, m_pad.width + 4.f, m_pad.height + 4.f}, sf::Color::Transparent,
            m_mode == Mode::None ? theme.panelBorder : theme.accent, 2.f);
    const sf::FloatRect guide = guideRect();
    drawBox(target, guide, sf::Color::Transparent, withAlpha(sf::Color(128, 128, 128), 110), 1.f);
    sf::VertexArray marks(sf::Triangles);
    const sf::Vector2f centre{guide.left + guide.width / 2.f, guide.top + guide.height / 2.f};
    const float arm = guide.width / 40.f;
    appendLine(marks, {centre.x - arm, centre.y}, {centre.x + arm, centre.y}, 1.f, withAlpha(sf::Color(128, 128, 128), 110));
    appendLine(marks, {centre.x, centre.y - arm}, {centre.x, centre.y + arm}, 1.f, withAlpha(sf::Color(128, 128, 128), 110));
    target.draw(marks);

    // The preview: one block per input, its exact value through the grey map.
    const Eigen::VectorXf& x = inputs();
    sf::VertexArray blocks(sf::Triangles);
    for (int row = 0; row < kDigitSide; ++row)
        for (int col = 0; col < kDigitSide; ++col)
            appendRect(blocks, previewPixelRect(row, col), grey.map(x(row * kDigitSide + col)));
    target.draw(blocks);
    drawBox(target, {m_preview.left - 1.f, m_preview.top - 1.f, m_preview.width + 2.f, m_preview.height + 2.f},
            sf::Color::Transparent, theme.panelBorder, 1.f);
    if (const auto text = tooltipText()) {
        const int col = std::clamp(static_cast<int>((m_mouse.x - m_preview.left) / m_preview.width * kDigitSide), 0, kDigitSide - 1);
        const int row = std::clamp(static_cast<int>((m_mouse.y - m_preview.top) / m_preview.height * kDigitSide), 0, kDigitSide - 1);
        drawBox(target, previewPixelRect(row, col), sf::Color::Transparent, theme.highlight, 1.f);
        drawTooltip(target, theme, *text, m_mouse);
    }
}

} // namespace stepwise::views
