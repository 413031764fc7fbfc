// ConfusionView (counts grid with axes and a √count legend) and PredictionGalleryView
// (the paper's Actual / Predict table). Sections: counts, ConfusionView, PredictionGalleryView.
#include "views/confusion_view.hpp"
#include "views/view.hpp"

#include <SFML/Graphics/Text.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace stepwise::views {

namespace {
constexpr std::string_view kCross = "\xE2\x9C\x97"; // ✗
}

// ---------------------------------------------------------------- counts

Eigen::MatrixXi confusionCounts(const std::vector<int>& actual, const std::vector<int>& predicted, int classes) {
    Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(classes, classes);
    const std::size_t n = std::min(actual.size(), predicted.size());
    for (std::size_t i = 0; i < n; ++i) {
        const int a = actual[i], p = predicted[i];
        if (a >= 0 && a < classes && p >= 0 && p < classes) ++counts(a, p);
    }
    return counts;
}

// ---------------------------------------------------------------- ConfusionView

void ConfusionView::setCounts(const Eigen::Ref<const Eigen::MatrixXi>& counts, std::string setName) {
    m_counts = counts;
    m_setName = std::move(setName);
    m_max = m_counts.size() > 0 ? m_counts.maxCoeff() : 0;
    m_layoutValid = false;
}

void ConfusionView::setRect(const sf::FloatRect& rect) {
    if (rect == m_rect) return;
    m_rect = rect;
    m_layoutValid = false;
}

double ConfusionView::accuracy() const {
    const long total = m_counts.sum();
    if (total == 0) return std::numeric_limits<double>::quiet_NaN();
    return static_cast<double>(m_counts.trace()) / static_cast<double>(total);
}

sf::Color ConfusionView::cellColor(int actual, int predicted) const {
    if (actual < 0 || predicted < 0 || actual >= classes() || predicted >= classes()) return Colormap::nanColor();
    const float fraction = m_max > 0 ? static_cast<float>(m_counts(actual, predicted)) / static_cast<float>(m_max) : 0.f;
    return Colormap::viridis().map(std::sqrt(fraction));
}

void ConfusionView::ensureLayout() const {
    if (!m_layoutValid) layout(m_theme);
}

void ConfusionView::layout(const Theme& theme) const {
    const auto [content, pad, gap, titleH, bodyH, smallH] = viewFrame(m_rect, theme);
    m_headerBottom = content.top + titleH + gap / 2.f + bodyH;
    const float topAxis = gap + smallH + gap / 2.f + bodyH + gap / 2.f;
    float widestRow = 0.f; // "9", or with names the longest "9 Ankle boot"
    for (int k = 0; k < classes(); ++k) widestRow = std::max(widestRow, textWidth(rowLabel(k), theme.bodySize));
    const float leftAxis = smallH + gap + widestRow + gap;
    const float legendH = colorLegendHeight(theme) + gap;
    const float minLegendW = 10.f * static_cast<float>(theme.smallSize);
    const float width = content.width - leftAxis;
    const float height = content.top + content.height - (m_headerBottom + topAxis);
    const int n = std::max(1, classes());
    // The legend goes under the grid, or beside it when that leaves bigger cells (wide panels).
    const float cellBelow = std::floor(std::min(width, height - legendH) / static_cast<float>(n));
    const float cellBeside = std::floor(std::min(width - minLegendW - 2.f * gap, height) / static_cast<float>(n));
    const bool beside = cellBeside > cellBelow;
    m_cell = std::max(0.f, beside ? cellBeside : cellBelow);
    m_grid = {content.left + leftAxis, m_headerBottom + topAxis, m_cell * static_cast<float>(n),
              m_cell * static_cast<float>(n)};
    if (beside) {
        const float left = m_grid.left + m_grid.width + 2.f * gap;
        const float barW = std::min(content.left + content.width - left, 20.f * static_cast<float>(theme.smallSize));
        m_legendBar = {left, m_grid.top + m_grid.height - colorLegendHeight(theme), barW, colorLegendBarHeight(theme)};
    } else {
        const float barW = std::min(content.width, std::max(m_grid.width, 12.f * theme.smallSize));
        m_legendBar = {m_grid.left, m_grid.top + m_grid.height + gap,
                       std::min(barW, content.left + content.width - m_grid.left), colorLegendBarHeight(theme)};
    }
    m_layoutValid = true;
}

sf::FloatRect ConfusionView::cellRect(int actual, int predicted) const {
    ensureLayout();
    if (actual < 0 || predicted < 0 || actual >= classes() || predicted >= classes()) return {};
    return {m_grid.left + static_cast<float>(predicted) * m_cell, m_grid.top + static_cast<float>(actual) * m_cell,
            m_cell, m_cell};
}

std::optional<std::pair<int, int>> ConfusionView::cellAt(sf::Vector2f point) const {
    ensureLayout();
    if (m_cell <= 0.f || !m_grid.contains(point)) return std::nullopt;
    const int p = std::clamp(static_cast<int>((point.x - m_grid.left) / m_cell), 0, classes() - 1);
    const int a = std::clamp(static_cast<int>((point.y - m_grid.top) / m_cell), 0, classes() - 1);
    return std::pair{a, p};
}

void ConfusionView::setClassNames(std::vector<std::string> names) {
    if (names == m_names) return;
    m_names = std::move(names);
    m_layoutValid = false;
}

std::string ConfusionView::className(int k) const {
    return k >= 0 && k < static_cast<int>(m_names.size()) ? m_names[static_cast<std::size_t>(k)] : std::to_string(k);
}

std::string ConfusionView::rowLabel(int k) const {
    return k >= 0 && k < static_cast<int>(m_names.size()) ? std::to_string(k) + " " + m_names[static_cast<std::size_t>(k)]
                                                          : std::to_string(k);
}

std::optional<std::string> ConfusionView::tooltipText() const {
    const auto cell = cellAt(m_mouse);
    if (!cell) return std::nullopt;
    const auto [a, p] = *cell;
    const long rowTotal = m_counts.row(a).sum();
    std::string text = "actual " + className(a) + ", predicted " + className(p) + ": " + formatCount(m_counts(a, p));
    if (rowTotal > 0)
        text += " (" + formatPercent(static_cast<double>(m_counts(a, p)) / static_cast<double>(rowTotal)) + " of the " +
                (m_names.empty() ? std::to_string(a) + "s" : className(a) + " images") + ")";
    return text;
}

bool ConfusionView::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::MouseMoved) {
        m_mouse = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        return cellAt(m_mouse).has_value();
    }
    if (event.type == sf::Event::MouseLeft) m_mouse = {-1.f, -1.f};
    return false;
}

void ConfusionView::draw(sf::RenderTarget& target, const Theme& theme) {
    m_theme = theme;
    layout(theme);
    const float pad = theme.padding, gap = theme.gap;
    drawBox(target, m_rect, theme.panel, theme.panelBorder, 1.f);
    const float left = m_rect.left + pad, top = m_rect.top + pad;
    std::string title = m_setName.empty() ? "Confusion matrix" : "Confusion matrix (" + m_setName + ")";
    for (const char* shorter : {"Confusion matrix", "Confusion"}) // a narrow panel: the words that fit
        if (textWidth(title, theme.titleSize, FontRole::UiBold) > m_rect.width - 2.f * pad) title = shorter;
    drawText(target, elide(title, theme.titleSize, m_rect.width - 2.f * pad, FontRole::UiBold), {left, top}, theme.titleSize, theme.text, HAlign::Left, VAlign::Top, FontRole::UiBold);
    const long total = m_counts.sum();
    std::string summary = total > 0 ? "accuracy " + formatPercent(accuracy()) + " of " + formatCount(total) : "no samples yet";
    const std::string note = ", colour \xE2\x88\x9D \xE2\x88\x9A" "count";
    if (textWidth(summary + note, theme.bodySize) <= m_rect.width - 2.f * pad) summary += note;
    else if (total > 0 && textWidth(summary, theme.bodySize) > m_rect.width - 2.f * pad) // "29.6 % of 1,000"
        summary = formatPercent(accuracy()) + " of " + formatCount(total);
    drawText(target, elide(summary, theme.bodySize, m_rect.width - 2.f * pad), {left, m_headerBottom - lineHeight(theme.bodySize)}, theme.bodySize, theme.mutedText);
    if (m_cell <= 0.f) return;

    // Axes: "predicted →" over the column digits, "actual ↓" rotated left of the row digits.
    const float smallH = lineHeight(theme.smallSize);
    const float bodyH = lineHeight(theme.bodySize);
    const float digitsTop = m_grid.top - gap / 2.f - bodyH;
    drawText(target, "predicted \xE2\x86\x92", {m_grid.left + m_grid.width / 2.f, digitsTop - gap / 2.f - smallH},
             theme.smallSize, theme.mutedText, HAlign::Center);
    sf::Text actual = makeText("actual \xE2\x86\x93", theme.smallSize, theme.mutedText);
    const float actualW = textWidth("actual \xE2\x86\x93", theme.smallSize);
    const sf::FloatRect bounds = actual.getLocalBounds();
    actual.setOrigin(std::round(bounds.left + bounds.width / 2.f), std::round(bounds.top + bounds.height / 2.f));
    actual.setPosition(std::round(m_rect.left + pad + smallH / 2.f), std::round(m_grid.top + m_grid.height / 2.f));
    actual.setRotation(-90.f);
    if (actualW <= m_grid.height) target.draw(actual);
    for (int k = 0; k < classes(); ++k) {
        const float centre = static_cast<float>(k) * m_cell + m_cell / 2.f;
        drawText(target, std::to_string(k), {m_grid.left + centre, digitsTop}, theme.bodySize, theme.text, HAlign::Center);
        drawText(target, rowLabel(k), {m_grid.left - gap, m_grid.top + centre}, theme.bodySize, theme.text,
                 HAlign::Right, VAlign::Center);
    }

    sf::VertexArray cells(sf::Triangles);
    for (int a = 0; a < classes(); ++a)
        for (int p = 0; p < classes(); ++p) appendRect(cells, cellRect(a, p), cellColor(a, p));
    // Hairlines between cells.
    for (int k = 1; k < classes(); ++k) {
        const float offsetK = std::round(static_cast<float>(k) * m_cell);
        appendRect(cells, {m_grid.left + offsetK - 0.5f, m_grid.top, 1.f, m_grid.height}, theme.panel);
        appendRect(cells, {m_grid.left, m_grid.top + offsetK - 0.5f, m_grid.width, 1.f}, theme.panel);
    }
    target.draw(cells);

    // Counts in the cells, at the largest size whose widest number fits.
    const float widestBody = textWidth(formatCount(m_max), theme.bodySize);
    const float widestSmall = textWidth(formatCount(m_max), theme.smallSize);
    unsigned size = 0;
    if (widestBody + 6.f <= m_cell && bodyH + 6.f <= m_cell)
        size = theme.bodySize;
    else if (widestSmall + 4.f <= m_cell && smallH + 4.f <= m_cell)
        size = theme.smallSize;
    if (size > 0)
        for (int a = 0; a < classes(); ++a)
            for (int p = 0; p < classes(); ++p) {
                const sf::FloatRect r = cellRect(a, p);
                drawText(target, formatCount(m_counts(a, p)), {r.left + r.width / 2.f, r.top + r.height / 2.f}, size,
                         readableOn(cellColor(a, p)), HAlign::Center, VAlign::Center);
            }

    if (m_legendBar.width > 0.f) {
        const int quarter = static_cast<int>(std::lround(m_max / 4.0));
        drawColorLegend(target, theme, Colormap::viridis(), m_legendBar, false,
                        std::array<std::string, 3>{"0", formatCount(quarter), formatCount(m_max)});
    }
    if (const auto text = tooltipText()) drawTooltip(target, theme, *text, m_mouse);
}

// ---------------------------------------------------------------- PredictionGalleryView

void PredictionGalleryView::setSamples(const Eigen::Ref<const Eigen::MatrixXf>& images, std::vector<int> actual,
                                       std::vector<int> predicted) {
    m_images = images;
    m_actual = std::move(actual);
    m_predicted = std::move(predicted);
    m_atlasDirty = true;
    m_layoutValid = false;
}

void PredictionGalleryView::setRect(const sf::FloatRect& rect) {
    if (rect == m_rect) return;
    m_rect = rect;
    m_layoutValid = false;
}

void PredictionGalleryView::setClassNames(std::vector<std::string> names) {
    if (names == m_names) return;
    m_names = std::move(names);
    m_layoutValid = false;
}

std::string PredictionGalleryView::label(int k) const {
    return k >= 0 && k < static_cast<int>(m_names.size()) ? m_names[static_cast<std::size_t>(k)] : std::to_string(k);
}

std::string PredictionGalleryView::labelText(int index, bool predicted) const {
    ensureLayout();
    const auto j = static_cast<std::size_t>(index);
    if (index < 0 || j >= m_columns.size() || j >= (predicted ? m_predicted.size() : m_actual.size())) return {};
    const int k = predicted ? m_predicted[j] : m_actual[j];
    if (m_names.empty()) {
        const bool mistake = predicted && j < m_actual.size() && m_actual[j] != k;
        return std::to_string(k) + (mistake ? " " + std::string(kCross) : "");
    }
    // A name may be wider than its image, never wider than its pitch; the frame marks a mistake.
    return elide(label(k), m_digitSize, std::max(m_columns[j].width, m_pitch - m_theme.gap / 2.f) - 2.f);
}

int PredictionGalleryView::mistakes() const {
    int n = 0;
    for (std::size_t i = 0; i < std::min(m_actual.size(), m_predicted.size()); ++i)
        if (m_actual[i] != m_predicted[i]) ++n;
    return n;
}

void PredictionGalleryView::ensureLayout() const {
    if (!m_layoutValid) layout(m_theme);
}

void PredictionGalleryView::layout(const Theme& theme) const {
    m_tiles.clear();
    m_columns.clear();
    m_layoutValid = true;
    const auto [content, pad, gap, _titleH, _bodyH, _smallH] = viewFrame(m_rect, theme);
    const int k = static_cast<int>(m_images.cols());
    if (k == 0) return;
    float titleH = lineHeight(theme.titleSize, FontRole::UiBold);
    float labelW = std::max(textWidth("Actual", theme.bodySize, FontRole::UiBold),
                            textWidth("Predict", theme.bodySize, FontRole::UiBold)) +
                   2.f * gap;
    // A narrow panel gives the images the width: one line under the title names the two rows.
    m_legendLine = labelW > 0.25f * content.width;
    if (m_legendLine) {
        labelW = 0.f;
        titleH += gap + lineHeight(theme.smallSize);
    }
    const float frame = theme.lineWidth + 1.f + gap / 2.f; // mistake frame plus breathing room
    // One row of images when the panel is wide; a narrow panel wraps them into as many rows
    // (bands) as give the largest images, each band with its own Actual / Predict labels.
    struct Choice {
        int bands = 1;
        float pitch = 0.f, tile = 0.f;
        unsigned digitSize = 0;
    } best;
    for (int bands = 1; bands <= k; ++bands) {
        const int perRow = (k + bands - 1) / bands;
        if (bands > 1 && (k + bands - 2) / (bands - 1) == perRow) continue; // same row length as fewer bands
        Choice c{bands, (content.width - labelW) / static_cast<float>(perRow), 0.f, theme.titleSize};
        // Digits as large as a title when there is room, else body size.
        if (textWidth("8 " + std::string(kCross), c.digitSize) + 2.f * frame > c.pitch) c.digitSize = theme.bodySize;
        if (!m_names.empty()) { // names: body size, or small when the longest does not fit its pitch
            float widest = 0.f;
            for (const auto& n : m_names) widest = std::max(widest, textWidth(n, theme.bodySize));
            c.digitSize = widest + gap <= c.pitch ? theme.bodySize : theme.smallSize;
        }
        const float below = 2.f * (gap + lineHeight(c.digitSize));
        const float bandH = (content.height - titleH - gap) / static_cast<float>(bands);
        c.tile = std::min({c.pitch - 2.f * frame - gap, bandH - below - 2.f * frame - gap, 6.f * kDigitSide});
        if (c.tile > best.tile + 0.5f) best = c;
    }
    m_digitSize = best.digitSize;
    m_pitch = best.pitch;
    const float digitH = lineHeight(m_digitSize);
    const float below = 2.f * (gap + digitH);
    const float tile = snapImageSize(best.tile, kDigitSide);
    if (tile < 8.f) return;
    const int perRow = (k + best.bands - 1) / best.bands;
    const float bandH = tile + below + 2.f * frame + gap;
    m_labelX = content.left;
    for (int j = 0; j < k; ++j) {
        const int band = j / perRow, slot = j % perRow;
        const float top = content.top + titleH + gap + frame + static_cast<float>(band) * bandH;
        const float centre = content.left + labelW + (static_cast<float>(slot) + 0.5f) * m_pitch;
        const sf::FloatRect t{std::round(centre - tile / 2.f), std::round(top), tile, tile};
        m_tiles.push_back(t);
        // Wide enough for "8 ✗" where the pitch allows, so a mistake's frame holds its label.
        const float labelFit = textWidth("8 " + std::string(kCross), m_digitSize) + 2.f * frame;
        const float w = std::min(m_pitch - gap / 2.f, std::max(tile + 2.f * frame, labelFit));
        m_columns.push_back({std::round(centre - w / 2.f), t.top - frame, w, tile + below + 2.f * frame - gap / 2.f});
    }
}

float PredictionGalleryView::actualY(std::size_t j) const {
    return m_tiles[j].top + m_tiles[j].height + m_theme.gap + lineHeight(m_digitSize) / 2.f;
}

float PredictionGalleryView::predictY(std::size_t j) const {
    return actualY(j) + lineHeight(m_digitSize) + m_theme.gap;
}

sf::FloatRect PredictionGalleryView::imageRect(int index) const {
    ensureLayout();
    if (index < 0 || index >= static_cast<int>(m_tiles.size())) return {};
    return m_tiles[static_cast<std::size_t>(index)];
}

sf::FloatRect PredictionGalleryView::columnRect(int index) const {
    ensureLayout();
    if (index < 0 || index >= static_cast<int>(m_columns.size())) return {};
    return m_columns[static_cast<std::size_t>(index)];
}

void PredictionGalleryView::draw(sf::RenderTarget& target, const Theme& theme) {
    m_theme = theme;
    layout(theme);
    if (m_atlasDirty) {
        m_atlas.build(m_images, Colormap::grey());
        m_atlasDirty = false;
    }
    drawBox(target, m_rect, theme.panel, theme.panelBorder, 1.f);
    drawText(target, elide(m_title, theme.titleSize, m_rect.width - 2.f * theme.padding, FontRole::UiBold),
             {m_rect.left + theme.padding, m_rect.top + theme.padding}, theme.titleSize, theme.text,
             HAlign::Left, VAlign::Top, FontRole::UiBold);
    if (m_tiles.empty()) return;
    if (m_legendLine)
        drawText(target, elide("actual, then predicted", theme.smallSize, m_rect.width - 2.f * theme.padding),
                 {m_rect.left + theme.padding, m_rect.top + theme.padding + lineHeight(theme.titleSize, FontRole::UiBold) + theme.gap},
                 theme.smallSize, theme.mutedText);
    for (std::size_t j = 0; j < m_tiles.size() && !m_legendLine; ++j) { // the labels at the left of each band
        if (j > 0 && m_tiles[j].top == m_tiles[j - 1].top) continue;
        drawText(target, "Actual", {m_labelX, actualY(j)}, theme.bodySize, theme.text, HAlign::Left, VAlign::Center,
                 FontRole::UiBold);
        drawText(target, "Predict", {m_labelX, predictY(j)}, theme.bodySize, theme.text, HAlign::Left, VAlign::Center,
                 FontRole::UiBold);
    }

    sf::VertexArray frames(sf::Triangles);
    sf::VertexArray tiles(sf::Triangles);
    for (std::size_t j = 0; j < m_tiles.size(); ++j) {
        const sf::FloatRect& t = m_tiles[j];
        appendRect(frames, {t.left - 1.f, t.top - 1.f, t.width + 2.f, t.height + 2.f}, theme.panelBorder);
        m_atlas.appendTile(tiles, static_cast<int>(j), t);
        const bool mistake = j < m_actual.size() && j < m_predicted.size() && m_actual[j] != m_predicted[j];
        if (mistake) {
            const sf::FloatRect& c = m_columns[j];
            const float w = theme.lineWidth + 1.f;
            appendRect(frames, {c.left, c.top, c.width, w}, theme.mistake);
            appendRect(frames, {c.left, c.top + c.height - w, c.width, w}, theme.mistake);
            appendRect(frames, {c.left, c.top, w, c.height}, theme.mistake);
            appendRect(frames, {c.left + c.width - w, c.top, w, c.height}, theme.mistake);
        }
    }
    target.draw(frames);
    m_atlas.drawTiles(target, tiles);

    for (std::size_t j = 0; j < m_tiles.size(); ++j) {
        const float x = m_tiles[j].left + m_tiles[j].width / 2.f;
        const int index = static_cast<int>(j);
        if (j < m_actual.size())
            drawText(target, labelText(index, false), {x, actualY(j)}, m_digitSize, theme.text, HAlign::Center,
                     VAlign::Center);
        if (j < m_predicted.size()) {
            const bool mistake = j < m_actual.size() && m_actual[j] != m_predicted[j];
            drawText(target, labelText(index, true), {x, predictY(j)}, m_digitSize, mistake ? theme.mistake : theme.text,
                     HAlign::Center, VAlign::Center);
        }
    }
}

} // namespace stepwise::views
