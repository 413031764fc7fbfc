// LessonScreen's layout: where the header, narration, equation, panels and control strip go for
// the screen size, the theme and the current step.
#include "app/screens/lesson_screen.hpp"
#include "app/screens/lesson_screen_panel.hpp"

#include <vector>

namespace stepwise::app {

void LessonScreen::setSize(sf::Vector2f size) {
    if (size == m_size) return;
    m_size = size;
    layout();
}

void LessonScreen::layout() {
    const float pad = m_theme.padding * 1.5f;
    const float W = m_size.x, H = m_size.y;
    // The presenter layout trades the key hints and the button row for room: one status line.
    const float headerH = static_cast<float>(m_theme.titleSize) * (m_presenting ? 1.8f : 2.2f);
    const float stripH = static_cast<float>(m_theme.bodySize) * (m_presenting ? 2.4f : 5.2f);
    m_headerRect = {0.f, 0.f, W, headerH};
    m_stripRect = {0.f, H - stripH, W, stripH};
    const float leftW = m_showNarration ? std::round(W * (m_presenting ? 0.38f : 0.34f)) : 0.f;
    m_narrationRect = m_showNarration ? sf::FloatRect{pad, headerH + pad, leftW - 2 * pad, H - headerH - stripH - 2 * pad}
                                      : sf::FloatRect{};
    const float rightX = m_showNarration ? leftW + pad * 0.5f : pad;
    const float rightW = W - rightX - pad;
    const bool hasEquation = m_step && !m_equation.tex().empty();
    // The equation box fits the typeset equation's real size plus its label and shape line. The
    // type shrinks (never below 1.2 × equationSize) until it fits the column's width and leaves
    // the panels 55 % of the height; an equation too wide for the right column even then gets
    // a row across the whole screen, with the narration and panels below it.
    const bool shapes = m_step && m_step->executes; // a shape line under the equation
    const EquationChrome boxRows = equationChrome(m_theme, m_presenting);
    const float chrome = boxRows.label + (shapes ? boxRows.shapes : (m_presenting ? 0.f : m_theme.padding)) +
                         (m_presenting ? m_theme.gap : m_theme.padding);
    // Presenter type is large: on a short screen the equation gets less of the height, so the
    // panels below it keep room for their titles and numbers.
    const float equationShare = m_presenting ? 0.32f : 0.45f;
    const float available = H - headerH - stripH - 2 * pad;
    // On a short presenter screen (720 lines) the largest size is lower, still above the 48 px floor.
    const float largest = static_cast<float>(m_theme.equationSize) * (m_presenting && H < 900.f ? 1.45f : 1.7f);
    const float smallest = static_cast<float>(m_theme.equationSize) * 1.2f;
    auto fitEquation = [&](float width) {
        float size = largest;
        m_equation.setFontSize(size);
        while (size > smallest && (m_equation.bounds().width > width - 2 * m_theme.padding ||
                                   m_equation.bounds().height + chrome > available * equationShare)) {
            size = std::max(smallest, size - 2.f);
            m_equation.setFontSize(size);
        }
        return m_equation.bounds().width <= width - 2 * m_theme.padding;
    };
    const bool wide = hasEquation && !fitEquation(rightW) && m_showNarration && fitEquation(W - 2 * pad);
    const float eqH = hasEquation ? std::max(m_equation.bounds().height, m_equation.fontSize() * 1.2f) + chrome : 0.f;
    m_equationRect = wide ? sf::FloatRect{pad - m_theme.padding, headerH + pad, W - 2 * pad + 2 * m_theme.padding, eqH}
                          : sf::FloatRect{rightX, headerH + pad, rightW, eqH};
    if (wide) {
        const float below = headerH + pad + eqH + 2 * pad;
        m_narrationRect = {pad, below, leftW - 2 * pad, H - below - stripH - pad};
    }
    const float top = wide ? m_narrationRect.top - m_theme.padding : headerH + pad + (hasEquation ? eqH + pad : 0.f);
    m_panelArea = {rightX, top, rightW, H - stripH - pad - top};
    const std::size_t n = m_panels.size();
    if (n == 0) return;
    // Two columns as a rule; in the presenter layout, whichever grid keeps the panels' shorter
    // side largest (three short panels read better side by side than stacked 2 + 1). There a
    // network diagram (which spreads its layers across and needs a line per neuron) or a live
    // check's table counts its width at two thirds and gets a larger share of its row or column.
    const bool weigh = m_presenting;
    // Wide panels: the network diagram, and the live checks' tables of several columns.
    auto isWide = [&](std::size_t i) {
        const lessons::ViewKind k = m_panels[i]->spec.kind;
        return k == lessons::ViewKind::Diagram || k == lessons::ViewKind::GradientCheck || k == lessons::ViewKind::ComparePaper;
    };
    auto rowHeights = [&](std::size_t c) {
        const std::size_t r = (n + c - 1) / c;
        std::vector<float> weights(r, 1.f);
        for (std::size_t i = 0; i < n; ++i)
            if (weigh && isWide(i)) weights[i / c] = 1.5f;
        float total = 0.f;
        for (float w : weights) total += w;
        std::vector<float> heights;
        for (float w : weights) heights.push_back((m_panelArea.height - pad * static_cast<float>(r - 1)) * w / total);
        return heights;
    };
    // Panel i's width in a grid of c columns: equal columns, except that a single row of panels
    // gives a diagram a larger share.
    auto panelWidth = [&](std::size_t c, std::size_t i) {
        const float room = m_panelArea.width - pad * static_cast<float>(c - 1);
        if (!weigh || n > c) return room / static_cast<float>(c);
        float total = 0.f;
        for (std::size_t k = 0; k < n; ++k) total += isWide(k) ? 1.7f : 1.f;
        return room * (isWide(i) ? 1.7f : 1.f) / total;
    };
    std::size_t cols = n == 1 ? 1 : 2;
    if (m_presenting) {
        float best = 0.f;
        for (std::size_t c = 1; c <= n; ++c) {
            const std::vector<float> heights = rowHeights(c);
            float score = 1e9f;
            for (std::size_t i = 0; i < n; ++i) {
                const bool alone = (i == n - 1) && (n % c == 1) && c > 1;
                const float w = alone ? m_panelArea.width : panelWidth(c, i);
                score = std::min(score, std::min(w / (isWide(i) ? 1.5f : 1.f), heights[i / c] * 1.2f));
            }
            if (score > best + 1.f) {
                best = score;
                cols = c;
            }
        }
    }
    const std::vector<float> heights = rowHeights(cols);
    float rowTop = m_panelArea.top, x = m_panelArea.left;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t r = i / cols;
        if (i > 0 && i % cols == 0) { // the next row
            rowTop += heights[r - 1] + pad;
            x = m_panelArea.left;
        }
        // A last panel alone on its row takes the full width.
        const bool alone = (i == n - 1) && (n % cols == 1) && cols > 1;
        const float w = alone ? m_panelArea.width : panelWidth(cols, i);
        sf::FloatRect rect{x, rowTop, w, heights[r]};
        x += w + pad;
        Panel& p = *m_panels[i];
        p.rect = rect;
        const float captionH = captionHeight(captionLines(p.spec.caption, rect.width, m_theme).size(), m_theme);
        sf::FloatRect inner{rect.left, rect.top, rect.width, rect.height - captionH};
        if (views::View* v = p.view()) v->setRect(inner);
    }
}

} // namespace stepwise::app
