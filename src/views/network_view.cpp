// NetworkView: data, layout (input | fan | thumbnails, values, hidden circles | edges |
// output circles, digits, probabilities), queries and drawing.
#include "views/network_view.hpp"
#include "views/view.hpp"

#include <SFML/Graphics/CircleShape.hpp>
#include <SFML/Graphics/RectangleShape.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace stepwise::views {

namespace {
constexpr std::string_view kArrow = "\xE2\x86\x92"; // →
constexpr std::string_view kDot = " \xC2\xB7 ";     // " · "

std::string outputProbability(float p) { return formatFixed(p, 3); }
} // namespace

// ---------------------------------------------------------------- data

void NetworkView::setWeights(const Eigen::Ref<const Eigen::MatrixXf>& W1, const Eigen::Ref<const Eigen::MatrixXf>& W2,
                             std::uint64_t version) {
    if (version != 0 && version == m_version && W1.rows() == m_W1t.cols() && W2.rows() == m_W2.rows() &&
        W2.cols() == m_W2.cols())
        return;
    m_version = version;
    m_W1t = W1.transpose();
    m_W2 = W2;
    m_w1Map = Colormap::divergingFor(m_W1t);
    m_w2Map = Colormap::divergingFor(m_W2);
    m_weightsDirty = true;
}

void NetworkView::setSample(const Eigen::Ref<const Eigen::VectorXf>& a0, const Eigen::Ref<const Eigen::VectorXf>& a1,
                            const Eigen::Ref<const Eigen::VectorXf>& a2, std::optional<int> label,
                            std::optional<int> sampleIndex) {
    if (a0.size() == 784 && (m_a0.size() != 784 || a0 != m_a0)) {
        m_a0 = a0;
        m_inputDirty = true;
    }
    const bool shapeChanged = a1.size() != m_a1.size() || a2.size() != m_a2.size();
    m_a1 = a1;
    m_a2 = a2;
    m_label = label;
    m_index = sampleIndex;
    const float lowest = m_a1.size() > 0 ? m_a1.minCoeff() : 0.f;
    const float highest = maxAbsFinite(m_a1);
    m_a1Map = lowest < 0.f ? Colormap::diverging(highest) : Colormap::viridis(0.f, highest > 0.f ? highest : 1.f);
    if (shapeChanged) m_layoutValid = false;
}

void NetworkView::setRect(const sf::FloatRect& rect) {
    if (rect == m_rect) return;
    m_rect = rect;
    m_layoutValid = false;
}

int NetworkView::predicted() const {
    if (m_a2.size() == 0) return -1;
    Eigen::Index best = 0;
    m_a2.maxCoeff(&best);
    return static_cast<int>(best);
}

// ---------------------------------------------------------------- layout

void NetworkView::ensureLayout() const {
    if (!m_layoutValid) layout(m_theme);
}

void NetworkView::layout(const Theme& theme) const {
    const auto [content, pad, gap, titleH, bodyH, smallH] = viewFrame(m_rect, theme);
    m_summaryY = content.top + titleH + gap / 2.f;
    m_headerY = m_summaryY + bodyH + gap;
    m_rowsTop = m_headerY + smallH + gap;
    m_rowsHeight = std::max(0.f, content.top + content.height - m_rowsTop);
    const int rows = std::max({1, hiddenCount(), outputCount()});
    const float pitch = m_rowsHeight / static_cast<float>(rows);
    m_radius = std::max(3.f, std::min(pitch * 0.36f, 1.1f * static_cast<float>(theme.bodySize)));
    m_thumbSize = std::max(4.f, std::floor(std::min(pitch - gap / 2.f, 4.f * kDigitSide)));

    // Widths of the value columns beside the circles.
    float valueW = 0.f;
    for (int i = 0; i < hiddenCount(); ++i) valueW = std::max(valueW, textWidth(formatValue(m_a1(i), 3), theme.bodySize));
    // The predicted output is written in bold, so measure bold.
    const float outTextW = textWidth("9", theme.bodySize, FontRole::UiBold) + gap +
                           textWidth("0.000", theme.bodySize, FontRole::UiBold);

    float digit = std::min(m_rowsHeight * 0.55f, content.width * 0.2f);
    digit = snapImageSize(std::max(0.f, digit), kDigitSide);
    float fan = std::max(3.f * gap, content.width * 0.07f);
    m_outputX = content.left + content.width - outTextW - gap - m_radius;
    auto hiddenX = [&] { return content.left + digit + fan + m_thumbSize + gap + valueW + gap + m_radius; };
    // Edges need room; shrink the input digit, then the fan, before they vanish.
    const float minEdges = 6.f * m_radius;
    if (m_outputX - m_radius - (hiddenX() + m_radius) < minEdges) {
        const float excess = minEdges - (m_outputX - m_radius - (hiddenX() + m_radius));
        digit = std::max(kDigitSide * 1.f, digit - excess);
        fan = std::max(gap, fan - std::max(0.f, minEdges - (m_outputX - m_radius - (hiddenX() + m_radius))));
    }
    m_inputRect = {content.left, std::round(m_rowsTop + (m_rowsHeight - digit - bodyH - gap / 2.f) / 2.f), digit, digit};
    m_thumbX = content.left + digit + fan;
    m_hiddenX = hiddenX();
    m_layoutValid = true;
}

// ---------------------------------------------------------------- queries

sf::Vector2f NetworkView::hiddenCentre(int i) const {
    ensureLayout();
    const float pitch = m_rowsHeight / static_cast<float>(std::max(1, hiddenCount()));
    return {std::round(m_hiddenX), std::round(m_rowsTop + (static_cast<float>(i) + 0.5f) * pitch)};
}

sf::Vector2f NetworkView::outputCentre(int o) const {
    ensureLayout();
    const float pitch = m_rowsHeight / static_cast<float>(std::max(1, outputCount()));
    return {std::round(m_outputX), std::round(m_rowsTop + (static_cast<float>(o) + 0.5f) * pitch)};
}

float NetworkView::neuronRadius() const {
    ensureLayout();
    return m_radius;
}

sf::FloatRect NetworkView::inputRect() const {
    ensureLayout();
    return m_inputRect;
}

sf::FloatRect NetworkView::thumbnailRect(int i) const {
    ensureLayout();
    if (i < 0 || i >= hiddenCount()) return {};
    const sf::Vector2f c = hiddenCentre(i);
    return {std::round(m_thumbX), std::round(c.y - m_thumbSize / 2.f), m_thumbSize, m_thumbSize};
}

sf::Color NetworkView::hiddenColor(int i) const {
    if (i < 0 || i >= hiddenCount()) return Colormap::nanColor();
    return m_a1Map.map(m_a1(i));
}

sf::Color NetworkView::outputColor(int o) const {
    if (o < 0 || o >= outputCount()) return Colormap::nanColor();
    return Colormap::viridis().map(m_a2(o));
}

sf::Color NetworkView::edgeColor(int o, int h) const {
    if (o < 0 || h < 0 || o >= m_W2.rows() || h >= m_W2.cols()) return sf::Color::Transparent;
    const float w = m_W2(o, h);
    const float strength = std::isfinite(w) ? std::min(1.f, std::abs(w) / m_w2Map.limit()) : 1.f;
    // Opacity grows faster than linearly so the strong weights stand out of the 100 edges.
    return withAlpha(m_w2Map.map(w), static_cast<std::uint8_t>(std::lround(35.f + 220.f * std::pow(strength, 1.5f))));
}

float NetworkView::edgeWidth(int o, int h) const {
    if (o < 0 || h < 0 || o >= m_W2.rows() || h >= m_W2.cols()) return 0.f;
    const float w = m_W2(o, h);
    const float strength = std::isfinite(w) ? std::min(1.f, std::abs(w) / m_w2Map.limit()) : 1.f;
    return 1.f + strength * std::max(3.f, 2.f * m_theme.lineWidth);
}

std::optional<std::string> NetworkView::tooltipText() const {
    ensureLayout();
    auto near = [&](sf::Vector2f c) {
        const sf::Vector2f d = m_mouse - c;
        return d.x * d.x + d.y * d.y <= m_radius * m_radius;
    };
    for (int i = 0; i < hiddenCount(); ++i) {
        if (near(hiddenCentre(i))) return "hidden " + std::to_string(i) + ": A1 = " + formatValue(m_a1(i));
        if (thumbnailRect(i).contains(m_mouse))
            return "row " + std::to_string(i) + " of W1: what hidden neuron " + std::to_string(i) + " looks for";
    }
    for (int o = 0; o < outputCount(); ++o)
        if (near(outputCentre(o))) return "output " + std::to_string(o) + ": A2 = " + formatValue(m_a2(o));
    if (m_inputRect.contains(m_mouse)) {
        std::string text = "input A0[:, " + (m_index ? std::to_string(*m_index) : std::string("j")) + "]";
        if (m_label) text += ", label " + std::to_string(*m_label);
        return text;
    }
    return std::nullopt;
}

bool NetworkView::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::MouseMoved) {
        m_mouse = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
        return tooltipText().has_value();
    }
    if (event.type == sf::Event::MouseLeft) m_mouse = {-1.f, -1.f};
    return false;
}

// ---------------------------------------------------------------- drawing

void NetworkView::draw(sf::RenderTarget& target, const Theme& theme) {
    m_theme = theme;
    layout(theme);
    if (m_weightsDirty) {
        m_thumbnails.build(m_W1t, m_w1Map);
        m_weightsDirty = false;
    }
    if (m_inputDirty) {
        m_input.build(m_a0, Colormap::grey());
        m_inputDirty = false;
    }
    const float pad = theme.padding, gap = theme.gap;
    const float left = m_rect.left + pad;
    const float width = m_rect.width - 2.f * pad;
    drawBox(target, m_rect, theme.panel, theme.panelBorder, 1.f);
    const std::string arrow = " " + std::string(kArrow) + " ";
    drawText(target,
             elide("Network 784" + arrow + std::to_string(hiddenCount()) + arrow + std::to_string(outputCount()),
                   theme.titleSize, width, FontRole::UiBold),
             {left, m_rect.top + pad}, theme.titleSize, theme.text, HAlign::Left, VAlign::Top, FontRole::UiBold);

    // Summary: which sample, its label and the prediction (✓/✗ so colour is never alone).
    const int guess = predicted();
    std::string summary = m_index ? "sample " + std::to_string(*m_index) : std::string("focused sample");
    if (m_label) summary += std::string(kDot) + "label " + std::to_string(*m_label);
    if (guess >= 0) summary += std::string(kDot) + "predicted " + std::to_string(guess);
    const bool wrong = m_label && guess >= 0 && *m_label != guess;
    if (m_label && guess >= 0) summary += wrong ? " \xE2\x9C\x97" : " \xE2\x9C\x93";
    drawText(target, elide(summary, theme.bodySize, width), {left, m_summaryY}, theme.bodySize,
             wrong ? theme.mistake : theme.mutedText);

    // Column headers, kept inside the panel.
    const float right = m_rect.left + m_rect.width - pad;
    auto header = [&](const std::string& text, float centre) {
        const float w = textWidth(text, theme.smallSize);
        const float x = std::clamp(centre - w / 2.f, left, right - w);
        drawText(target, text, {x, m_headerY}, theme.smallSize, theme.mutedText);
        return sf::FloatRect{x, m_headerY, w, 0.f};
    };
    const sf::FloatRect inputHeader = header("input 784", m_inputRect.left + m_inputRect.width / 2.f);
    const std::string hiddenText = "hidden " + std::to_string(hiddenCount()) + " (" + m_activation + ")";
    const float hiddenCentreX = (m_thumbX + m_hiddenX + m_radius) / 2.f;
    const float hiddenW = textWidth(hiddenText, theme.smallSize);
    if (hiddenCentreX - hiddenW / 2.f > inputHeader.left + inputHeader.width + gap) header(hiddenText, hiddenCentreX);
    header("output " + std::to_string(outputCount()) + " (softmax)", (m_outputX - m_radius + right) / 2.f);

    // Input digit with its label, and the fan to the thumbnails.
    drawBox(target, {m_inputRect.left - 1.f, m_inputRect.top - 1.f, m_inputRect.width + 2.f, m_inputRect.height + 2.f},
            sf::Color::Transparent, theme.panelBorder, 1.f);
    m_input.drawTile(target, 0, m_inputRect);
    if (m_label) { // "label 7" under the digit, or "7" where the digit and its fan are narrower than that
        const float room = m_thumbX - m_inputRect.left - gap;
        std::string text = "label " + std::to_string(*m_label);
        if (textWidth(text, theme.bodySize) > room) text = std::to_string(*m_label);
        const float x = std::max(m_inputRect.left, m_inputRect.left + m_inputRect.width / 2.f - textWidth(text, theme.bodySize) / 2.f);
        drawText(target, text, {x, m_inputRect.top + m_inputRect.height + gap / 2.f}, theme.bodySize, theme.text);
    }
    sf::VertexArray lines(sf::Triangles);
    const sf::Vector2f fanStart{m_inputRect.left + m_inputRect.width + 2.f, m_inputRect.top + m_inputRect.height / 2.f};
    for (int i = 0; i < hiddenCount(); ++i) {
        const sf::FloatRect t = thumbnailRect(i);
        appendLine(lines, fanStart, {t.left - 2.f, t.top + t.height / 2.f}, 1.f, withAlpha(theme.mutedText, 140));
    }
    target.draw(lines);

    // Hidden → output edges, weakest first so the strong ones lie on top.
    std::vector<std::pair<int, int>> edges;
    for (int o = 0; o < std::min<int>(outputCount(), static_cast<int>(m_W2.rows())); ++o)
        for (int h = 0; h < std::min<int>(hiddenCount(), static_cast<int>(m_W2.cols())); ++h) edges.emplace_back(o, h);
    std::stable_sort(edges.begin(), edges.end(), [&](const auto& a, const auto& b) {
        return std::abs(m_W2(a.first, a.second)) < std::abs(m_W2(b.first, b.second));
    });
    sf::VertexArray edgeLines(sf::Triangles);
    for (const auto& [o, h] : edges) {
        const sf::Vector2f a = hiddenCentre(h) + sf::Vector2f{m_radius, 0.f};
        const sf::Vector2f b = outputCentre(o) - sf::Vector2f{m_radius, 0.f};
        appendLine(edgeLines, a, b, edgeWidth(o, h), edgeColor(o, h));
    }
    target.draw(edgeLines);

    // Thumbnails, hidden values and circles.
    sf::VertexArray thumbs(sf::Triangles);
    sf::VertexArray frames(sf::Triangles);
    for (int i = 0; i < hiddenCount(); ++i) {
        const sf::FloatRect t = thumbnailRect(i);
        appendRect(frames, {t.left - 1.f, t.top - 1.f, t.width + 2.f, t.height + 2.f}, theme.panelBorder);
        m_thumbnails.appendTile(thumbs, i, t);
    }
    target.draw(frames);
    m_thumbnails.drawTiles(target, thumbs);
    sf::CircleShape circle(m_radius, 48);
    circle.setOrigin(m_radius, m_radius);
    circle.setOutlineThickness(1.5f);
    // The neurons' labels keep to their row: where the rows are tighter than a line of body text
    // (a short presenter panel), the numbers take a smaller type rather than overlap.
    const float rowPitch = m_rowsHeight / static_cast<float>(std::max({1, hiddenCount(), outputCount()}));
    unsigned labelSize = theme.bodySize;
    while (labelSize > 10 && lineHeight(labelSize) > rowPitch * 0.92f) --labelSize;
    for (int i = 0; i < hiddenCount(); ++i) {
        const sf::Vector2f c = hiddenCentre(i);
        drawText(target, formatValue(m_a1(i), 3), {c.x - m_radius - gap, c.y}, labelSize, theme.text, HAlign::Right,
                 VAlign::Center);
        circle.setPosition(c);
        circle.setFillColor(hiddenColor(i));
        const bool focus = m_highlightHidden && *m_highlightHidden == i;
        circle.setOutlineColor(focus ? theme.highlight : theme.text);
        circle.setOutlineThickness(focus ? theme.lineWidth + 1.f : 1.5f);
        target.draw(circle);
    }
    for (int o = 0; o < outputCount(); ++o) {
        const sf::Vector2f c = outputCentre(o);
        circle.setPosition(c);
        circle.setFillColor(outputColor(o));
        const bool best = o == guess;
        circle.setOutlineColor(best ? theme.accent : theme.text);
        circle.setOutlineThickness(best ? theme.lineWidth + 1.f : 1.5f);
        target.draw(circle);
        const sf::FloatRect digit = drawText(target, std::to_string(o), {c.x + m_radius + gap, c.y}, labelSize,
                                             best ? theme.accent : theme.text, HAlign::Left, VAlign::Center,
                                             best ? FontRole::UiBold : FontRole::Ui);
        drawText(target, outputProbability(m_a2(o)), {digit.left + digit.width + gap, c.y}, labelSize,
                 best ? theme.accent : theme.mutedText, HAlign::Left, VAlign::Center, best ? FontRole::UiBold : FontRole::Ui);
    }
    if (const auto text = tooltipText()) drawTooltip(target, theme, *text, m_mouse);
}

} // namespace stepwise::views
