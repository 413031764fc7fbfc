// EquationView: turns an EquationLayout into cached sf::Text runs and rule quads, draws them
// with a translation, and maps the layout's symbol boxes to target pixels for hover and
// highlight. Positions are snapped to whole pixels so glyphs stay crisp.
#include "views/equation_view.hpp"

#include "tex/parser.hpp"
#include "views/fonts.hpp"

#include <SFML/System/String.hpp>

#include <cmath>
#include <numbers>

namespace stepwise::views {

namespace {

constexpr float captionScale = 0.45f;    // caption size relative to the equation's em
constexpr float captionGapEm = 0.35f;    // space between the equation's descent and the caption
constexpr float highlightPadXEm = 0.06f; // highlight and hover box beyond the symbol's box
constexpr float highlightPadYEm = 0.06f;
constexpr float highlightRadiusEm = 0.16f;

sf::String toSfString(const std::u32string& text) {
    sf::String s;
    for (char32_t c : text) s += static_cast<sf::Uint32>(c);
    return s;
}

sf::ConvexShape roundedRect(const sf::FloatRect& r, float radius, sf::Color color) {
    constexpr int arcPoints = 6;
    radius = std::min({radius, r.width / 2, r.height / 2});
    sf::ConvexShape shape(4 * arcPoints);
    const sf::Vector2f centres[4] = {{r.left + r.width - radius, r.top + radius},
                                     {r.left + r.width - radius, r.top + r.height - radius},
                                     {r.left + radius, r.top + r.height - radius},
                                     {r.left + radius, r.top + radius}};
    std::size_t k = 0;
    for (int corner = 0; corner < 4; ++corner) {
        for (int i = 0; i < arcPoints; ++i) {
            // Corners clockwise from the top-right; each arc covers a quarter turn.
            const float angle = static_cast<float>(std::numbers::pi) *
                                (-0.5f + 0.5f * static_cast<float>(corner) +
                                 0.5f * static_cast<float>(i) / static_cast<float>(arcPoints - 1));
            shape.setPoint(k++, centres[corner] + sf::Vector2f(radius * std::cos(angle), radius * std::sin(angle)));
        }
    }
    shape.setFillColor(color);
    return shape;
}

} // namespace

EquationView::EquationView() : EquationView(fonts()) {}

EquationView::EquationView(const FontSet& fontSet) : m_fonts(&fontSet), m_rules(sf::Quads) {
    rebuild();
}

void EquationView::setTex(std::string tex) {
    if (tex == m_tex && !m_tex.empty()) return; // the app may set it every frame
    m_list = tex::parseEquation(tex); // throws before anything changes
    m_tex = std::move(tex);
    rebuild();
}

void EquationView::setFontSize(float px) {
    px = std::max(px, 4.f);
    if (px == m_fontSize) return;
    m_fontSize = px;
    rebuild();
}

void EquationView::setDisplayStyle(bool display) {
    const MathStyle style = display ? MathStyle::Display : MathStyle::Text;
    if (style == m_style) return;
    m_style = style;
    rebuild();
}

void EquationView::setColor(sf::Color color) {
    if (color == m_color) return;
    m_color = color;
    applyColors();
}

void EquationView::applyColors() {
    for (sf::Text& t : m_texts) t.setFillColor(m_color);
    for (std::size_t i = 0; i < m_rules.getVertexCount(); ++i) m_rules[i].color = m_color;
    m_captionText.setFillColor(m_captionColor != sf::Color::Transparent
                                   ? m_captionColor
                                   : sf::Color(m_color.r, m_color.g, m_color.b, static_cast<sf::Uint8>(m_color.a * 7 / 10)));
}

void EquationView::setHighlightColor(sf::Color color) {
    m_highlightColor = color;
    for (sf::ConvexShape& s : m_highlightShapes) s.setFillColor(color);
}

void EquationView::setCaptionColor(sf::Color color) {
    m_captionColor = color;
    applyColors();
}

void EquationView::setCaption(const std::string& utf8) {
    if (utf8 == m_caption) return;
    m_caption = utf8;
    rebuild();
}

void EquationView::setPosition(sf::Vector2f topLeft) { m_position = topLeft; }

sf::FloatRect EquationView::bounds() const { return {m_position, m_size}; }

void EquationView::rebuild() {
    m_layout = layoutEquation(m_list, FontSetMetrics(*m_fonts), m_fontSize, m_style);
    m_baselineOffset = std::ceil(m_layout.ascent);
    const float baseline = m_baselineOffset;

    m_texts.clear();
    m_texts.reserve(m_layout.glyphs.size());
    for (const PlacedGlyphs& g : m_layout.glyphs) {
        sf::Text text(toSfString(drawnText(g.face, g.text)), mathFont(*m_fonts, g.face), g.characterSize);
        text.setFillColor(m_color);
        const float size = static_cast<float>(g.characterSize);
        // sf::Text puts its baseline at local y = characterSize.
        if (g.scaleY == 1.f) {
            text.setPosition(std::round(g.origin.x), std::round(baseline + g.origin.y) - size);
        } else {
            text.setScale(1.f, g.scaleY);
            text.setPosition(std::round(g.origin.x), baseline + g.origin.y - size * g.scaleY);
        }
        m_texts.push_back(std::move(text));
    }

    m_rules.clear();
    for (const sf::FloatRect& r : m_layout.rules) {
        const float left = std::round(r.left), right = std::round(r.left + r.width);
        const float height = std::max(1.f, std::round(r.height));
        const float top = std::round(baseline + r.top + r.height / 2 - height / 2);
        m_rules.append({{left, top}, m_color});
        m_rules.append({{right, top}, m_color});
        m_rules.append({{right, top + height}, m_color});
        m_rules.append({{left, top + height}, m_color});
    }

    float height = baseline + std::ceil(m_layout.descent);
    float width = std::ceil(m_layout.width);
    m_captionText = sf::Text();
    if (!m_caption.empty()) {
        const auto size = static_cast<unsigned>(std::max(10L, std::lround(m_fontSize * captionScale)));
        m_captionText = sf::Text(sf::String::fromUtf8(m_caption.begin(), m_caption.end()), m_fonts->ui(), size);
        const sf::FloatRect local = m_captionText.getLocalBounds();
        const float top = std::round(height + captionGapEm * m_fontSize);
        m_captionText.setPosition(0.f, std::round(top - local.top));
        height = top + std::ceil(local.height);
        width = std::max(width, std::ceil(local.left + local.width));
    }
    m_size = {width, height};
    applyColors();
    rebuildHighlight();
}

sf::FloatRect EquationView::toTarget(const sf::FloatRect& r) const {
    const float padX = highlightPadXEm * m_fontSize, padY = highlightPadYEm * m_fontSize;
    return {m_position.x + r.left - padX, m_position.y + m_baselineOffset + r.top - padY, r.width + 2 * padX,
            r.height + 2 * padY};
}

void EquationView::rebuildHighlight() {
    m_highlightShapes.clear();
    if (m_highlighted.empty()) return;
    for (const PlacedSymbol& s : m_layout.symbols) {
        if (s.name != m_highlighted) continue;
        sf::FloatRect r = toTarget(s.rect);
        r.left -= m_position.x; // shapes live in local coordinates, like the texts
        r.top -= m_position.y;
        m_highlightShapes.push_back(roundedRect(r, highlightRadiusEm * m_fontSize, m_highlightColor));
    }
}

void EquationView::draw(sf::RenderTarget& target, sf::RenderStates states) const {
    states.transform.translate(std::round(m_position.x), std::round(m_position.y));
    for (const sf::ConvexShape& shape : m_highlightShapes) target.draw(shape, states);
    for (const sf::Text& text : m_texts) target.draw(text, states);
    if (m_rules.getVertexCount() > 0) target.draw(m_rules, states);
    if (!m_caption.empty()) target.draw(m_captionText, states);
}

std::string EquationView::symbolAt(sf::Vector2f point) const {
    const PlacedSymbol* best = nullptr;
    float bestArea = 0;
    for (const PlacedSymbol& s : m_layout.symbols) {
        if (s.name.empty()) continue;
        const sf::FloatRect r = toTarget(s.rect);
        if (!r.contains(point)) continue;
        const float area = r.width * r.height;
        if (!best || area < bestArea) {
            best = &s;
            bestArea = area;
        }
    }
    return best ? best->name : std::string{};
}

void EquationView::highlight(std::string tensorName) {
    if (tensorName == m_highlighted) return;
    m_highlighted = std::move(tensorName);
    rebuildHighlight();
}

std::multimap<std::string, sf::FloatRect> EquationView::symbolRects() const {
    std::multimap<std::string, sf::FloatRect> rects;
    for (const PlacedSymbol& s : m_layout.symbols)
        if (!s.name.empty())
            rects.emplace(s.name, sf::FloatRect(m_position.x + s.rect.left, m_position.y + m_baselineOffset + s.rect.top,
                                                s.rect.width, s.rect.height));
    return rects;
}

} // namespace stepwise::views
