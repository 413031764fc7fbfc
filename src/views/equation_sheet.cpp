// EquationSheet (see equation_sheet.hpp): the catalogue's equations in three columns, the
// largest equation size at which they all fit.
#include "views/equation_sheet.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace stepwise::views {

namespace {

constexpr std::array<const char*, 3> kHeadings{"Forward pass and loss", "Backward pass", "Update"};

} // namespace

SheetColumn sheetColumn(const core::Equation& equation) {
    if (equation.id.starts_with("backward.")) return SheetColumn::Backward;
    if (equation.id.starts_with("update.")) return SheetColumn::Update;
    return SheetColumn::ForwardAndLoss;
}

void EquationSheet::set(const core::NetworkConfig& config, const Theme& theme, sf::FloatRect area) {
    const std::string key = core::describe(config) + "|" + std::to_string(theme.equationSize) + "|" +
                            std::to_string(theme.bodySize) + "|" + std::to_string(area.left) + "," +
                            std::to_string(area.top) + "," + std::to_string(area.width) + "," +
                            std::to_string(area.height) + "|" + std::to_string(theme.text.toInteger());
    if (key == m_key) return;
    m_key = key;
    m_theme = theme;
    m_area = area;
    const auto equations = core::iterationEquations(config);
    m_title = "Cheat-sheet: the " + std::to_string(equations.size()) + " equations of one iteration";
    m_subtitle = "The " + core::describe(config) + " network · m = the images in one iteration";
    m_ids.clear();
    m_shapes.clear();
    m_columns.clear();
    m_views.clear();
    m_views.reserve(equations.size());
    for (const core::Equation& e : equations) {
        m_ids.push_back(e.id);
        m_columns.push_back(sheetColumn(e));
        m_shapes.push_back(e.shape);
        EquationView& v = m_views.emplace_back();
        v.setDisplayStyle(false);
        v.setTex(e.tex);
        v.setColor(theme.text);
    }
    // Down from the theme's equation size until every column fits; the smallest size is kept
    // even if it does not (a tiny window), so the sheet is never empty.
    const float largest = std::round(static_cast<float>(theme.equationSize) * 1.8f);
    for (m_size = largest; m_size > 10.f; m_size -= 1.f)
        if (layout(m_size)) return;
    m_size = 10.f;
    (void)layout(m_size);
}

bool EquationSheet::layout(float size) {
    const float pad = m_theme.padding * 2.f, gap = m_theme.gap;
    const float top = m_area.top + pad + lineHeight(m_theme.titleSize, FontRole::UiBold) +
                      lineHeight(m_theme.bodySize) + gap * 2.f;
    const float columnGap = pad;
    const float width = (m_area.width - 2.f * pad - 2.f * columnGap) / 3.f;
    const float bottom = m_area.top + m_area.height - pad;
    // The shape lines go with the equations: about 0.6 of their size, as a caption would.
    m_shapeSize = std::max(10u, static_cast<unsigned>(std::lround(size * 0.6f)));
    const float shapeHeight = lineHeight(m_shapeSize);
    m_headingSize = std::max(m_theme.bodySize, static_cast<unsigned>(std::lround(size * 0.7f)));
    const float headingHeight = lineHeight(m_headingSize, FontRole::UiBold) + gap;
    m_headings.clear();
    m_shapePlaces.clear();
    m_shapeLines.assign(m_views.size(), {});
    std::array<float, 3> y{};
    for (std::size_t c = 0; c < 3; ++c) {
        m_headings.push_back({m_area.left + pad + static_cast<float>(c) * (width + columnGap), top});
        y[c] = top + headingHeight;
    }
    bool fits = true;
    for (std::size_t i = 0; i < m_views.size(); ++i) {
        const auto c = static_cast<std::size_t>(m_columns[i]);
        EquationView& v = m_views[i];
        v.setFontSize(size);
        const sf::FloatRect b = v.bounds();
        v.setPosition({std::round(m_headings[c].x), std::round(y[c])});
        m_shapePlaces.push_back({std::round(m_headings[c].x), std::round(y[c] + b.height + gap * 0.3f)});
        // A long shape rule wraps onto a second line rather than shrinking every equation.
        m_shapeLines[i] = wrapText(m_shapes[i], m_shapeSize, width);
        y[c] += b.height + gap * 0.3f + shapeHeight * static_cast<float>(m_shapeLines[i].size()) + std::max(gap * 1.5f, size * 0.5f);
        if (b.width > width || m_shapeLines[i].size() > 2 || y[c] > bottom) fits = false;
    }
    return fits;
}

void EquationSheet::draw(sf::RenderTarget& target) const {
    drawBox(target, m_area, m_theme.panel, m_theme.accent, 2.f);
    const float pad = m_theme.padding * 2.f;
    const float room = m_area.width - 2.f * pad;
    drawText(target, elide(m_title, m_theme.titleSize, room, FontRole::UiBold), {m_area.left + pad, m_area.top + pad},
             m_theme.titleSize, m_theme.text, HAlign::Left, VAlign::Top, FontRole::UiBold);
    for (std::size_t c = 0; c < m_headings.size(); ++c)
        drawText(target, kHeadings[c], m_headings[c], m_headingSize, m_theme.accent, HAlign::Left, VAlign::Top,
                 FontRole::UiBold);
    drawText(target, elide(m_subtitle, m_theme.smallSize, room),
             {m_area.left + pad, m_area.top + pad + lineHeight(m_theme.titleSize, FontRole::UiBold)}, m_theme.smallSize,
             m_theme.mutedText);
    for (const EquationView& v : m_views) v.draw(target);
    const float shapeHeight = lineHeight(m_shapeSize);
    for (std::size_t i = 0; i < m_shapeLines.size() && i < m_shapePlaces.size(); ++i)
        for (std::size_t k = 0; k < m_shapeLines[i].size(); ++k)
            drawText(target, m_shapeLines[i][k], {m_shapePlaces[i].x, m_shapePlaces[i].y + shapeHeight * static_cast<float>(k)},
                     m_shapeSize, m_theme.mutedText);
}

} // namespace stepwise::views
