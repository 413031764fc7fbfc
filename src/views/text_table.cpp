// Layout and drawing of a TextTable: measure at a size, try larger layouts first, draw the first
// that fits.
#include "views/text_table.hpp"

#include <algorithm>
#include <cmath>

namespace stepwise::views {

namespace {

using Rows = std::vector<std::vector<std::string>>;

/// Sizes of one layout attempt, in px.
struct Metrics {
    unsigned size = 0;
    float line = 0.f;              // one row's height
    float colGap = 0.f;            // between the columns of a flow
    float flowGap = 0.f;           // between flows
    std::vector<std::vector<float>> colWidths; // per flow, per column
    std::vector<float> flowLeft, flowWidths;   // per flow, from the table's left edge
    std::size_t perFlow = 0;                   // rows in each flow (the last may have fewer)
    std::vector<std::string> introLines, footerLines;
    float width = 0.f, height = 0.f;
};

const std::vector<std::string>& headerOf(const TextTable& t, bool compact) {
    return compact && !t.compactHeader.empty() ? t.compactHeader : t.header;
}

Metrics measure(const TextTable& t, bool compact, bool shortText, float scale, int flows, float width, const Theme& theme) {
    const Rows& rows = compact ? t.compactRows : t.rows;
    const std::vector<std::string>& header = headerOf(t, compact);
    Metrics m;
    m.size = std::max(1u, static_cast<unsigned>(std::lround(static_cast<float>(theme.bodySize) * scale)));
    m.line = std::round(lineHeight(m.size) * 1.3f);
    m.colGap = std::round(static_cast<float>(m.size) * 0.6f);
    m.flowGap = std::round(static_cast<float>(m.size) * 1.3f);
    std::size_t cols = header.size();
    for (const auto& r : rows) cols = std::max(cols, r.size());
    const auto nFlows = static_cast<std::size_t>(flows);
    m.perFlow = (rows.size() + nFlows - 1) / nFlows;
    // Each flow's columns are as wide as its own cells (and the header it repeats).
    float tableWidth = 0.f;
    for (std::size_t f = 0; f < nFlows; ++f) {
        std::vector<float> widths(cols, 0.f);
        auto widen = [&](const std::vector<std::string>& cells) {
            for (std::size_t c = 0; c < cells.size(); ++c) widths[c] = std::max(widths[c], textWidth(cells[c], m.size));
        };
        widen(header);
        for (std::size_t i = f * m.perFlow; i < std::min(rows.size(), (f + 1) * m.perFlow); ++i) widen(rows[i]);
        float w = 0.f;
        for (std::size_t c = 0; c < cols; ++c) w += widths[c] + (c + 1 < cols ? m.colGap : 0.f);
        if (f > 0) tableWidth += m.flowGap;
        m.flowLeft.push_back(tableWidth);
        m.flowWidths.push_back(w);
        m.colWidths.push_back(std::move(widths));
        tableWidth += w;
    }
    const std::string& intro = shortText && t.compactIntro ? *t.compactIntro : t.intro;
    const std::string& footer = shortText && t.compactFooter ? *t.compactFooter : t.footer;
    if (!intro.empty()) m.introLines = wrapText(intro, m.size, width);
    if (!footer.empty()) m.footerLines = wrapText(footer, m.size, width);
    const auto perFlow = static_cast<float>(m.perFlow);
    const float paragraphGap = m.line * 0.4f;
    m.height = (header.empty() ? 0.f : m.line + paragraphGap * 0.5f) + perFlow * m.line;
    if (!m.introLines.empty()) m.height += static_cast<float>(m.introLines.size()) * m.line + paragraphGap;
    if (!m.footerLines.empty()) m.height += static_cast<float>(m.footerLines.size()) * m.line + paragraphGap;
    m.width = tableWidth;
    for (const auto& l : m.introLines) m.width = std::max(m.width, textWidth(l, m.size));
    for (const auto& l : m.footerLines) m.width = std::max(m.width, textWidth(l, m.size));
    return m;
}

// How many rows of each flow fit under the intro and header and above the footer, in \p height.
std::size_t rowsThatFit(const Metrics& m, bool header, float height) {
    float y = 0.f;
    for (std::size_t i = 0; i < m.introLines.size() && y + m.line <= height + 0.5f; ++i) y += m.line;
    if (!m.introLines.empty()) y += m.line * 0.4f;
    const float footerH = m.footerLines.empty() ? 0.f : static_cast<float>(m.footerLines.size()) * m.line + m.line * 0.4f;
    const float headerH = header ? m.line + m.line * 0.2f : 0.f;
    const float room = height - y - headerH - footerH;
    if (static_cast<float>(m.perFlow) * m.line <= room + 0.5f) return m.perFlow;
    return static_cast<std::size_t>(std::max(0.f, std::floor((room - m.line) / m.line))); // and "+ n more rows"
}

} // namespace

TableFit fitTable(const TextTable& table, sf::Vector2f size, const Theme& theme) {
    TableFit fit;
    // The full rows; then the compact rows under the full lines above and below; then the
    // compact rows with the short lines.
    const bool shortLines = table.compactIntro.has_value() || table.compactFooter.has_value();
    for (const auto& [compact, shortText] : {std::pair{false, false}, std::pair{true, false}, std::pair{true, true}}) {
        if (compact && table.compactRows.empty()) break;
        if (shortText && !shortLines) break;
        if (compact && !shortText && shortLines && !table.compactKeepsIntro) continue;
        const Rows& rows = compact ? table.compactRows : table.rows;
        const int maxFlows = static_cast<int>(std::min<std::size_t>(4, std::max<std::size_t>(1, rows.size())));
        for (float scale = 1.f; scale >= kSmallestTableScale - 1e-3f; scale -= 0.05f) {
            for (int flows = 1; flows <= maxFlows; ++flows) {
                const Metrics m = measure(table, compact, shortText, scale, flows, size.x, theme);
                if (m.width <= size.x && m.height <= size.y)
                    return {scale, compact, shortText, flows, true, rows.size(), true, true, m.width, m.height};
                if (m.width > size.x) break; // more flows only get wider
            }
        }
    }
    // Nothing fits: the shortest rows at the smallest size, one flow; drawTable leaves off the rest.
    fit.scale = kSmallestTableScale;
    fit.compact = !table.compactRows.empty();
    fit.shortText = shortLines;
    const Metrics m = measure(table, fit.compact, fit.shortText, fit.scale, 1, size.x, theme);
    fit.cellsWhole = m.width <= size.x;
    fit.width = std::min(m.width, size.x);
    fit.height = std::min(m.height, size.y);
    fit.shownRows = std::min((fit.compact ? table.compactRows : table.rows).size(),
                             rowsThatFit(m, !headerOf(table, fit.compact).empty(), size.y));
    const int emphasis = fit.compact ? table.compactEmphasisRow : table.emphasisRow;
    fit.emphasisShown = emphasis < static_cast<int>(fit.shownRows);
    return fit;
}

TableFit drawTable(sf::RenderTarget& target, const TextTable& table, const sf::FloatRect& rect, const Theme& theme,
                   const std::optional<TableFit>& given) {
    const TableFit fit = given ? *given : fitTable(table, {rect.width, rect.height}, theme);
    const Rows& rows = fit.compact ? table.compactRows : table.rows;
    const Metrics m = measure(table, fit.compact, fit.shortText, fit.scale, fit.flows, rect.width, theme);
    const std::vector<std::string>& header = headerOf(table, fit.compact);
    const float bottom = rect.top + rect.height;
    // Each line's text sits in the middle of its row, so brackets and accents, which reach past
    // the line box, stay inside the rectangle.
    const float inset = std::floor((m.line - lineHeight(m.size)) / 2.f);
    float y = rect.top;
    auto paragraph = [&](const std::vector<std::string>& lines, sf::Color colour) {
        for (const auto& l : lines) {
            if (y + m.line > bottom + 0.5f) return;
            drawText(target, l, {rect.left, y + inset}, m.size, colour);
            y += m.line;
        }
        if (!lines.empty()) y += m.line * 0.4f;
    };
    paragraph(m.introLines, theme.text);
    const auto flows = static_cast<std::size_t>(fit.flows);
    const std::size_t perFlow = (rows.size() + flows - 1) / flows;
    // Rows that fit above the footer (and, when some are left off, above the "+ n more" line).
    const float headerH = header.empty() ? 0.f : m.line + m.line * 0.2f;
    const std::size_t shown = rowsThatFit(m, !header.empty(), rect.height);
    // Cells wider than what is left of the rect are elided (only when nothing else fits).
    auto drawRow = [&](const std::vector<std::string>& cells, std::size_t f, float x0, float rowY, sf::Color colour) {
        float x = x0;
        for (std::size_t c = 0; c < cells.size() && c < m.colWidths[f].size(); ++c) {
            const float left = rect.left + rect.width - x;
            if (left <= 0.f) break;
            drawText(target, elide(cells[c], m.size, left), {x, rowY + inset}, m.size, colour);
            x += m.colWidths[f][c] + m.colGap;
        }
    };
    const float tableTop = y;
    for (std::size_t f = 0; f < flows; ++f) {
        const float x0 = rect.left + m.flowLeft[f];
        float rowY = tableTop;
        if (f > 0) // a rule between side-by-side runs of rows
            drawBox(target, {std::round(x0 - m.flowGap / 2.f), tableTop, 1.f,
                             std::min(bottom - tableTop, headerH + static_cast<float>(std::min(shown, perFlow)) * m.line)},
                    theme.grid);
        if (!header.empty() && rowY + headerH <= bottom + 0.5f) {
            drawRow(header, f, x0, rowY, theme.mutedText);
            const float lineY = rowY + m.line - m.line * 0.15f;
            drawBox(target, {x0, lineY, std::min(m.flowWidths[f], rect.left + rect.width - x0), 1.f}, theme.grid);
            rowY += headerH;
        }
        for (std::size_t i = f * perFlow; i < std::min(rows.size(), f * perFlow + shown); ++i) {
            const int emphasis = fit.compact ? table.compactEmphasisRow : table.emphasisRow;
            drawRow(rows[i], f, x0, rowY, static_cast<int>(i) == emphasis ? theme.highlight : theme.text);
            rowY += m.line;
        }
    }
    y = tableTop + headerH + static_cast<float>(std::min(shown, perFlow)) * m.line;
    if (shown < perFlow && y + m.line <= bottom + 0.5f) {
        const std::size_t left = rows.size() - std::min(rows.size(), shown * flows);
        drawText(target, "+ " + std::to_string(left) + (left == 1 ? " more row" : " more rows"), {rect.left, y + inset}, m.size,
                 theme.mutedText);
        y += m.line;
    }
    y += m.line * 0.4f;
    paragraph(m.footerLines, theme.mutedText);
    return fit;
}

} // namespace stepwise::views
