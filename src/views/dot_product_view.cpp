// DotProductView (Z1[i, j] = Σₖ W1[i, k]·A0[k, j] + b1[i]), WeightGradientView
// (dW2[i, k] = (1/m) Σⱼ dZ2[i, j]·A1[k, j]) and ReluMaskView (Z1 beside g′(Z1)).
// Sections: helpers, DotProductView, WeightGradientView, ReluMaskView.
#include "views/dot_product_view.hpp"
#include "views/view.hpp"

#include <algorithm>
#include <cmath>

namespace stepwise::views {

// ---------------------------------------------------------------- helpers

namespace {
constexpr std::string_view kCheck = "\xE2\x9C\x93"; // ✓
constexpr std::string_view kCross = "\xE2\x9C\x97"; // ✗
constexpr std::string_view kMinus = "\xE2\x88\x92";

// "a + b" or "a − |b|", so a negative term reads naturally.
std::string plusTerm(float value) {
    if (value < 0.f) return " " + std::string(kMinus) + " " + formatValue(-value);
    return " + " + formatValue(value);
}

// Float sums of n terms agree to about n·ε·Σ|terms|; this accepts any summation order.
bool agrees(float computed, float reference, float magnitude) {
    if (!std::isfinite(computed) || !std::isfinite(reference)) return false;
    return std::abs(computed - reference) <= 1e-5f * std::max(magnitude, 1e-3f);
}

std::string comparison(const std::string& name, float computed, float reference, float magnitude) {
    if (agrees(computed, reference, magnitude)) return "matches " + name + " = " + formatValue(reference) + " " + std::string(kCheck);
    return "differs from " + name + " = " + formatValue(reference) + " by " + formatValue(computed - reference) + " " +
           std::string(kCross);
}

// The largest of the candidate sizes at which every line fits in width; 0 when none does.
unsigned fittingSize(const std::vector<std::string>& lines, std::initializer_list<unsigned> sizes, float width) {
    for (unsigned size : sizes) {
        bool fits = true;
        for (const std::string& line : lines) fits = fits && textWidth(line, size) <= width;
        if (fits) return size;
    }
    return 0;
}
} // namespace

// ---------------------------------------------------------------- DotProductView

void DotProductView::setCell(int i, int j, const Eigen::Ref<const Eigen::VectorXf>& w1Row,
                             const Eigen::Ref<const Eigen::VectorXf>& a0Column, float b1, std::optional<float> z1) {
    m_i = i;
    m_j = j;
    m_b = b1;
    m_z1 = z1;
    const Eigen::Index n = std::min(w1Row.size(), a0Column.size());
    m_images.setZero(784, 3);
    m_images.col(0).head(std::min<Eigen::Index>(n, 784)) = w1Row.head(std::min<Eigen::Index>(n, 784));
    m_images.col(1).head(std::min<Eigen::Index>(n, 784)) = a0Column.head(std::min<Eigen::Index>(n, 784));
    m_products = w1Row.head(n).cwiseProduct(a0Column.head(n));
    m_images.col(2).head(std::min<Eigen::Index>(n, 784)) = m_products.head(std::min<Eigen::Index>(n, 784));
    m_sum = w1Row.head(n).dot(a0Column.head(n)); // Σₖ W¹[i,k]·A⁰[k,j]
    m_total = m_sum + m_b;                        // + b¹[i]
    m_weightMap = Colormap::diverging(maxAbsFinite(m_images.col(0)));
    m_productMap = Colormap::diverging(maxAbsFinite(m_images.col(2)));
    m_dirty = true;
    m_layoutValid = false;
}

bool DotProductView::matches() const {
    return m_z1 && agrees(m_total, *m_z1, m_products.cwiseAbs().sum() + std::abs(m_b));
}

std::string DotProductView::sumText() const {
    const std::string i = std::to_string(m_i), j = std::to_string(m_j);
    return "\xCE\xA3_k W1[" + i + ",k]\xC2\xB7" "A0[k," + j + "] + b1[" + i + "] = " + formatValue(m_sum) + plusTerm(m_b) +
           " = " + formatValue(m_total);
}

std::string DotProductView::comparisonText() const {
    if (!m_z1) return {};
    return comparison("Z1[" + std::to_string(m_i) + ", " + std::to_string(m_j) + "]", m_total, *m_z1,
                      m_products.cwiseAbs().sum() + std::abs(m_b));
}

void DotProductView::setRect(const sf::FloatRect& rect) {
    if (rect == m_rect) return;
    m_rect = rect;
    m_layoutValid = false;
}

void DotProductView::ensureLayout() const {
    if (!m_layoutValid) layout(m_theme);
}

void DotProductView::layout(const Theme& theme) const {
    const auto [content, pad, gap, titleH, bodyH, _smallH] = viewFrame(m_rect, theme);
    // The sum line at equation size when it fits, else body size, else elided body size.
    m_sumSize = fittingSize({sumText()}, {theme.equationSize, theme.bodySize}, content.width);
    if (m_sumSize == 0) m_sumSize = theme.bodySize;
    const float below = gap / 2.f + bodyH + gap / 2.f + colorLegendHeight(theme);
    const float operatorW = textWidth("\xE2\x8A\x99", theme.titleSize) + 2.f * gap;
    const auto tileFor = [&](float textH) {
        return std::min((content.width - 2.f * operatorW) / 3.f, content.height - titleH - gap - below - gap - textH);
    };
    // The pictures come first: when the two lines under the sum would shrink them below three
    // screen pixels per image pixel (a short panel at presenter sizes), only the sum is written.
    float tile = tileFor(lineHeight(m_sumSize) + 2.f * (gap / 2.f + bodyH));
    m_sumOnly = tile < 3.f * kDigitSide && tileFor(lineHeight(m_sumSize)) > tile;
    if (m_sumOnly) tile = tileFor(lineHeight(m_sumSize));
    tile = snapImageSize(std::max(0.f, tile), kDigitSide);
    const float top = content.top + titleH + gap;
    for (int t = 0; t < 3; ++t)
        m_tiles[static_cast<std::size_t>(t)] = {content.left + static_cast<float>(t) * (tile + operatorW), top, tile, tile};
    m_textTop = top + tile + below + gap;
    m_layoutValid = true;
}

sf::FloatRect DotProductView::imageRect(Image image) const {
    ensureLayout();
    return m_tiles[static_cast<std::size_t>(image)];
}

sf::FloatRect DotProductView::pixelRect(Image image, int row, int col) const {
    return digitPixelRect(imageRect(image), row, col);
}

std::optional<std::string> DotProductView::tooltipText() const {
    ensureLayout();
    for (const sf::FloatRect& tile : m_tiles) {
        if (!tile.contains(m_mouse) || tile.width <= 0.f) continue;
        const int col = std::clamp(static_cast<int>((m_mouse.x - tile.left) / tile.width * kDigitSide), 0, kDigitSide - 1);
        const int row = std::clamp(static_cast<int>((m_mouse.y - tile.top) / tile.height * kDigitSide), 0, kDigitSide - 1);
        const int k = row * kDigitSide + col;
        return "k = " + std::to_string(k) + " (row " + std::to_string(row) + ", col " + std::to_string(col) +
               "): " + formatValue(m_images(k, 0)) + " \xC3\x97 " + formatValue(m_images(k, 1)) + " = " +
               formatValue(m_images(k, 2));
    }
    return std::nullopt;
}

bool DotProductView::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::MouseMoved) {
        m_mouse = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        return tooltipText().has_value();
    }
    if (event.type == sf::Event::MouseLeft) m_mouse = {-1.f, -1.f};
    return false;
}

void DotProductView::draw(sf::RenderTarget& target, const Theme& theme) {
    m_theme = theme;
    layout(theme);
    if (m_dirty) {
        m_atlases[0].build(m_images.col(0), m_weightMap);
        m_atlases[1].build(m_images.col(1), Colormap::grey());
        m_atlases[2].build(m_images.col(2), m_productMap);
        m_dirty = false;
    }
    const float pad = theme.padding, gap = theme.gap;
    const float width = m_rect.width - 2.f * pad;
    drawBox(target, m_rect, theme.panel, theme.panelBorder, 1.f);
    const std::string i = std::to_string(m_i), j = std::to_string(m_j);
    drawText(target, elide("Z1[" + i + ", " + j + "] as a dot product", theme.titleSize, width, FontRole::UiBold),
             {m_rect.left + pad, m_rect.top + pad}, theme.titleSize, theme.text, HAlign::Left, VAlign::Top,
             FontRole::UiBold);
    if (m_tiles[0].width <= 0.f) return;

    const std::array<std::string, 3> captions{"W1[" + i + ", k]", "A0[k, " + j + "]",
                                              "W1[" + i + ",k]\xC2\xB7" "A0[k," + j + "]"};
    const std::array<std::string, 2> operators{"\xE2\x8A\x99", "="}; // ⊙, =
    for (std::size_t t = 0; t < 3; ++t) {
        const sf::FloatRect& tile = m_tiles[t];
        drawBox(target, {tile.left - 1.f, tile.top - 1.f, tile.width + 2.f, tile.height + 2.f}, sf::Color::Transparent,
                theme.panelBorder, 1.f);
        m_atlases[t].drawTile(target, 0, tile);
        const float captionTop = tile.top + tile.height + gap / 2.f;
        drawText(target, elide(captions[t], theme.bodySize, tile.width + 2.f * gap), {tile.left + tile.width / 2.f, captionTop},
                 theme.bodySize, theme.text, HAlign::Center);
        const sf::FloatRect bar{tile.left, captionTop + lineHeight(theme.bodySize) + gap / 2.f, tile.width,
                                colorLegendBarHeight(theme)};
        if (t == 0) drawColorLegend(target, theme, m_weightMap, bar);
        if (t == 1) drawColorLegend(target, theme, Colormap::grey(), bar);
        if (t == 2) drawColorLegend(target, theme, m_productMap, bar);
        if (t < 2)
            drawText(target, operators[t], {tile.left + tile.width + (m_tiles[t + 1].left - tile.left - tile.width) / 2.f,
                                            tile.top + tile.height / 2.f},
                     theme.titleSize, theme.text, HAlign::Center, VAlign::Center);
    }

    float y = m_textTop;
    const float x = m_rect.left + pad;
    drawText(target, elide(sumText(), m_sumSize, width), {x, y}, m_sumSize,
             m_sumOnly && m_z1 ? (matches() ? theme.accent : theme.mistake) : theme.text);
    y += lineHeight(m_sumSize) + gap / 2.f;
    if (m_sumOnly) {
        if (const auto text = tooltipText()) drawTooltip(target, theme, *text, m_mouse);
        return;
    }
    const float positive = m_products.cwiseMax(0.f).sum();
    const float negative = m_products.cwiseMin(0.f).sum();
    drawText(target,
             elide("positive products add up to " + formatValue(positive) + ", negative ones to " + formatValue(negative),
                   theme.bodySize, width),
             {x, y}, theme.bodySize, theme.mutedText);
    y += lineHeight(theme.bodySize) + gap / 2.f;
    if (m_z1)
        drawText(target, elide(comparisonText(), theme.bodySize, width), {x, y}, theme.bodySize,
                 matches() ? theme.accent : theme.mistake);
    if (const auto text = tooltipText()) drawTooltip(target, theme, *text, m_mouse);
}

// ---------------------------------------------------------------- WeightGradientView

void WeightGradientView::setCell(int i, int k, const Eigen::Ref<const Eigen::VectorXf>& dZ2Row,
                                 const Eigen::Ref<const Eigen::VectorXf>& a1Row, long m, std::optional<float> dW2,
                                 int firstColumn) {
    m_i = i;
    m_k = k;
    m_m = std::max(1L, m);
    m_first = firstColumn;
    m_dW2 = dW2;
    const Eigen::Index n = std::min(dZ2Row.size(), a1Row.size());
    m_products = dZ2Row.head(n).cwiseProduct(a1Row.head(n));
    m_sum = dZ2Row.head(n).dot(a1Row.head(n));          // Σⱼ dZ²[i,j]·A¹[k,j]
    m_value = m_sum * (1.0f / static_cast<float>(m_m)); // · 1/m, as the core scales its sums
    const Eigen::Index shown = std::min<Eigen::Index>(n, 16); // the first samples; the sum runs over all n
    m_rows.resize(3, shown);
    m_rows.row(0) = dZ2Row.head(shown).transpose();
    m_rows.row(1) = a1Row.head(shown).transpose();
    m_rows.row(2) = m_products.head(shown).transpose();
    for (int r = 0; r < 3; ++r) m_maps[static_cast<std::size_t>(r)] = Colormap::diverging(maxAbsFinite(m_rows.row(r)));
    m_layoutValid = false;
}

int WeightGradientView::shownColumns() const { return static_cast<int>(m_rows.cols()); }

bool WeightGradientView::matches() const {
    return m_dW2 && agrees(m_value, *m_dW2, m_products.cwiseAbs().sum() / static_cast<float>(m_m));
}

std::string WeightGradientView::sumText() const {
    const std::string i = std::to_string(m_i), k = std::to_string(m_k);
    return "(1/m) \xCE\xA3_j dZ2[" + i + ",j]\xC2\xB7" "A1[" + k + ",j] = (1/" + formatCount(m_m) + ") \xC3\x97 " +
           formatValue(m_sum) + " = " + formatValue(m_value);
}

std::string WeightGradientView::comparisonText() const {
    if (!m_dW2) return {};
    return comparison("dW2[" + std::to_string(m_i) + ", " + std::to_string(m_k) + "]", m_value, *m_dW2,
                      m_products.cwiseAbs().sum() / static_cast<float>(m_m));
}

void WeightGradientView::setRect(const sf::FloatRect& rect) {
    if (rect == m_rect) return;
    m_rect = rect;
    m_layoutValid = false;
}

void WeightGradientView::ensureLayout() const {
    if (!m_layoutValid) layout(m_theme);
}

void WeightGradientView::layout(const Theme& theme) const {
    const auto [content, pad, gap, titleH, bodyH, smallH] = viewFrame(m_rect, theme);
    const std::string i = std::to_string(m_i), k = std::to_string(m_k);
    const float labelW = std::max({textWidth("dZ2[" + i + ", j]", theme.bodySize), textWidth("A1[" + k + ", j]", theme.bodySize),
                                   textWidth("product", theme.bodySize)}) +
                         gap;
    m_sumSize = fittingSize({sumText()}, {theme.equationSize, theme.bodySize}, content.width);
    if (m_sumSize == 0) m_sumSize = theme.bodySize;
    const int n = std::max(1, shownColumns());
    m_cellW = std::min((content.width - labelW) / static_cast<float>(n), 6.f * static_cast<float>(theme.bodySize));
    // Rows as tall as body text, lower when the sum and comparison lines below would not fit.
    const float textBelow = gap + smallH + gap + lineHeight(m_sumSize) + gap / 2.f + bodyH;
    const float top = content.top + titleH + gap + smallH + gap / 2.f;
    const float room = (content.top + content.height - top - textBelow) / 3.f;
    m_cellH = std::max(smallH + 2.f, std::min(bodyH + 1.5f * gap, room));
    m_table = {content.left + labelW, top, m_cellW * static_cast<float>(shownColumns()), 3.f * m_cellH};
    m_textTop = top + 3.f * m_cellH + gap + smallH + gap;
    m_layoutValid = true;
}

sf::FloatRect WeightGradientView::cellRect(int row, int column) const {
    ensureLayout();
    if (row < 0 || row > 2 || column < 0 || column >= shownColumns()) return {};
    return {m_table.left + static_cast<float>(column) * m_cellW, m_table.top + static_cast<float>(row) * m_cellH, m_cellW,
            m_cellH};
}

sf::Color WeightGradientView::cellColor(int row, int column) const {
    if (row < 0 || row > 2 || column < 0 || column >= shownColumns()) return Colormap::nanColor();
    return m_maps[static_cast<std::size_t>(row)].map(m_rows(row, column));
}

void WeightGradientView::draw(sf::RenderTarget& target, const Theme& theme) {
    m_theme = theme;
    layout(theme);
    const float pad = theme.padding, gap = theme.gap;
    const float width = m_rect.width - 2.f * pad;
    const float x = m_rect.left + pad;
    drawBox(target, m_rect, theme.panel, theme.panelBorder, 1.f);
    drawText(target,
             elide("dW2[" + std::to_string(m_i) + ", " + std::to_string(m_k) + "] as a sum over samples", theme.titleSize,
                   width, FontRole::UiBold),
             {x, m_rect.top + pad}, theme.titleSize, theme.text, HAlign::Left, VAlign::Top, FontRole::UiBold);

    const std::string i = std::to_string(m_i), k = std::to_string(m_k);
    const std::array<std::string, 3> labels{"dZ2[" + i + ", j]", "A1[" + k + ", j]", "product"};
    sf::VertexArray cells(sf::Triangles);
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < shownColumns(); ++c) {
            const sf::FloatRect cell = cellRect(r, c);
            appendRect(cells, {cell.left, cell.top, cell.width - 1.f, cell.height - 1.f}, cellColor(r, c));
        }
    target.draw(cells);
    const float smallH = lineHeight(theme.smallSize);
    for (int r = 0; r < 3; ++r) {
        const sf::FloatRect cell = cellRect(r, 0);
        drawText(target, labels[static_cast<std::size_t>(r)], {m_table.left - gap, cell.top + cell.height / 2.f},
                 theme.bodySize, theme.text, HAlign::Right, VAlign::Center);
    }
    // Column headers and values, each row with its own decimals so its numbers line up.
    const float headerW = textWidth("j = " + formatCount(m_first + shownColumns() - 1), theme.smallSize);
    const float numberW = textWidth(formatCount(m_first + shownColumns() - 1), theme.smallSize);
    const int every = std::max(1, static_cast<int>(std::ceil((numberW + gap) / std::max(1.f, m_cellW)))); // no overlaps
    for (int c = 0; c < shownColumns(); ++c) {
        if (c % every != 0) continue;
        const sf::FloatRect cell = cellRect(0, c);
        const std::string header = (headerW + gap <= m_cellW ? "j = " : "") + formatCount(m_first + c);
        drawText(target, header, {cell.left + cell.width / 2.f, m_table.top - gap / 2.f - smallH}, theme.smallSize,
                 theme.mutedText, HAlign::Center);
    }
    for (int r = 0; r < 3; ++r) {
        const double limit = maxAbsFinite(m_rows.row(r));
        for (int significant : {3, 2}) {
            const int decimals = decimalsFor(limit, significant);
            float widest = 0.f;
            for (int c = 0; c < shownColumns(); ++c)
                widest = std::max(widest, textWidth(formatFixed(m_rows(r, c), decimals), theme.smallSize));
            if (widest + 4.f > m_cellW) continue;
            for (int c = 0; c < shownColumns(); ++c) {
                const sf::FloatRect cell = cellRect(r, c);
                drawText(target, formatFixed(m_rows(r, c), decimals), {cell.left + cell.width / 2.f, cell.top + cell.height / 2.f},
                         theme.smallSize, readableOn(cellColor(r, c)), HAlign::Center, VAlign::Center);
            }
            break;
        }
    }
    const long total = m_products.size();
    float y = m_table.top + m_table.height + gap;
    const std::string note = total > shownColumns()
                                 ? "showing " + formatCount(shownColumns()) + " of " + formatCount(total) +
                                       " columns; the sum covers all of them"
                                 : "each row has its own colour scale";
    drawText(target, elide(note, theme.smallSize, width), {x, y}, theme.smallSize, theme.mutedText);
    y = m_textTop;
    drawText(target, elide(sumText(), m_sumSize, width), {x, y}, m_sumSize, theme.text);
    y += lineHeight(m_sumSize) + gap / 2.f;
    if (m_dW2)
        drawText(target, elide(comparisonText(), theme.bodySize, width), {x, y}, theme.bodySize,
                 matches() ? theme.accent : theme.mistake);
}

// ---------------------------------------------------------------- ReluMaskView

void ReluMaskView::setData(const Eigen::Ref<const Eigen::MatrixXf>& Z1, std::uint64_t version) {
    m_z1.setData("Z1", Z1, version);
    // g′(Z¹) = 1 where Z¹ > 0, else 0; NaN stays NaN so a broken run shows in both.
    m_maskData = Z1.unaryExpr([](float z) { return std::isnan(z) ? z : (z > 0.f ? 1.f : 0.f); });
    m_mask.setData("g\xE2\x80\xB2(Z1)", m_maskData, version);
    m_mask.setColormap(Colormap::grey(0.f, 1.f));
    m_mask.setTitle("g\xE2\x80\xB2(Z1): 1 where Z1 > 0");
}

void ReluMaskView::setColumnWindow(int first, int count) {
    m_z1.setColumnWindow(first, count);
    m_mask.setColumnWindow(first, count);
}

void ReluMaskView::setRect(const sf::FloatRect& rect) {
    const float half = std::floor(rect.width / 2.f);
    m_z1.setRect({rect.left, rect.top, half - 4.f, rect.height});
    m_mask.setRect({rect.left + half + 4.f, rect.top, rect.width - half - 4.f, rect.height});
}

bool ReluMaskView::handleEvent(const sf::Event& event) {
    const bool used = m_z1.handleEvent(event) | m_mask.handleEvent(event);
    // Outline the hovered cell in the other view too.
    std::vector<MatrixView::Highlight> z1Marks, maskMarks;
    if (const auto cell = m_z1.hoveredCell()) maskMarks.push_back(MatrixView::Highlight::cell(cell->first, cell->second));
    if (const auto cell = m_mask.hoveredCell()) z1Marks.push_back(MatrixView::Highlight::cell(cell->first, cell->second));
    m_z1.setHighlights(z1Marks);
    m_mask.setHighlights(maskMarks);
    return used;
}

void ReluMaskView::draw(sf::RenderTarget& target, const Theme& theme) {
    m_z1.draw(target, theme);
    m_mask.draw(target, theme);
}

} // namespace stepwise::views
