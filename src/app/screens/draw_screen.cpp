// DrawScreen: the drawn column's forward pass with the core's equations, and the layout and
// drawing of the pad, the forward equations, the predictions, the hidden layer and the dot product.
// Sections: forward pass, layout, drawing, events.
#include "app/screens/draw_screen.hpp"

#include "core/equations.hpp"
#include "core/stepper.hpp"
#include "views/colormap.hpp"

#include <SFML/Graphics/CircleShape.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace stepwise::app {

using views::drawBox;
using views::drawText;
using views::FontRole;
using views::HAlign;
using views::lineHeight;
using views::VAlign;

namespace {
constexpr std::string_view kDot = " \xC2\xB7 "; // " · "

bool sameParameters(const core::Parameters& a, const core::Parameters& b) {
    if (a.layers() != b.layers()) return false;
    for (int l = 1; l <= a.layers(); ++l) // shapes first: Eigen compares equal-sized matrices only
        if (a.W(l).rows() != b.W(l).rows() || a.W(l).cols() != b.W(l).cols() || a.b(l).size() != b.b(l).size() ||
            a.W(l) != b.W(l) || a.b(l) != b.b(l))
            return false;
    return true;
}

bool sameNetwork(const core::NetworkConfig& a, const core::NetworkConfig& b) {
    return a.inputs == b.inputs && a.hidden == b.hidden && a.outputs == b.outputs && a.activation == b.activation &&
           a.paperFaithful == b.paperFaithful;
}

sf::Vector2f centreOf(const sf::FloatRect& r) { return {r.left + r.width / 2.f, r.top + r.height / 2.f}; }

// The largest size of \p sizes at which every string fits in \p width; 0 when none does.
unsigned fittingSize(const std::vector<std::string>& texts, std::initializer_list<unsigned> sizes, float width) {
    for (unsigned size : sizes) {
        bool fits = true;
        for (const auto& t : texts) fits = fits && views::textWidth(t, size) <= width;
        if (fits) return size;
    }
    return 0;
}

std::string stateName(training::TrainerState state) {
    switch (state) {
    case training::TrainerState::Running: return "training";
    case training::TrainerState::Paused: return "paused";
    case training::TrainerState::Diverged: return "diverged";
    }
    return "";
}
} // namespace

DrawScreen::DrawScreen(views::Theme theme) : m_theme(std::move(theme)) { layout(); }

void DrawScreen::setSize(sf::Vector2f size) {
    m_size = size;
    layout();
}

void DrawScreen::setTheme(views::Theme theme) {
    m_theme = std::move(theme);
    layout();
}

void DrawScreen::clear() { m_pad.clear(); }

void DrawScreen::setCanvas(data::DigitCanvas canvas) { m_pad.setCanvas(std::move(canvas)); }

// ---------------------------------------------------------------- forward pass

void DrawScreen::update(const training::TrainingSnapshot& snapshot) {
    m_clothes = !snapshot.classNames.empty();
    m_status = "iteration " + views::formatCount(snapshot.iteration) + std::string(kDot) + stateName(snapshot.state) +
               std::string(kDot) + "dev accuracy " + views::formatPercent(snapshot.devAccuracy);
    const bool ready = snapshot.parameters.layers() >= 1 && snapshot.parameters.W(1).cols() == m_pad.inputs().size();
    if (!ready) {
        m_haveNetwork = false;
        return;
    }
    const bool changed = m_dirty || !m_haveNetwork || m_palette != views::heatmapPalette() || m_inputsVersion != m_pad.version() || !sameNetwork(m_config, snapshot.config) ||
                         !sameParameters(m_parameters, snapshot.parameters);
    if (changed) recompute(snapshot);
}

void DrawScreen::recompute(const training::TrainingSnapshot& snapshot) {
    const bool newNetwork = !m_haveNetwork || !sameNetwork(m_config, snapshot.config);
    m_config = snapshot.config;
    m_palette = views::heatmapPalette();
    m_parameters = snapshot.parameters;
    m_inputsVersion = m_pad.version();
    m_haveNetwork = true;
    m_dirty = false;
    const int L = m_parameters.layers();
    // The drawn column through the core's forward equations, the same ones the stepper runs.
    const core::ForwardPass pass = core::forwardPass(m_config, m_parameters, core::a0ToPixels(m_pad.inputs()));
    m_forward.Z.assign(static_cast<std::size_t>(L + 1), Eigen::VectorXf());
    m_forward.A.assign(static_cast<std::size_t>(L + 1), Eigen::VectorXf());
    for (std::size_t l = 0; l <= static_cast<std::size_t>(L); ++l) {
        if (l > 0) m_forward.Z[l] = pass.Z[l].col(0);
        m_forward.A[l] = pass.A[l].col(0);
    }
    m_forward.iteration = snapshot.iteration;
    // Why this drawing may be misread (digits only: the pad's advice is about MNIST's pen).
    m_advice = m_clothes ? std::vector<std::string>{} : data::drawingAdvice(m_pad.canvas(), m_pad.inputs(), prediction());
    if (newNetwork) {
        // The forward equations of the first and the last layer, as the catalogue typesets them.
        m_equationIds = {};
        for (const core::Equation& eq : core::iterationEquations(m_config)) {
            const bool linear = eq.op == core::Operation::Linear, activation = eq.op == core::Operation::Activation,
                       softmax = eq.op == core::Operation::Softmax;
            std::size_t row = m_equations.size();
            if (linear && eq.layer == 1) row = 0;
            else if (activation && eq.layer == 1) row = 1;
            else if (linear && eq.layer == L) row = 2;
            else if (softmax) row = 3;
            if (row == m_equations.size()) continue;
            try {
                m_equations[row].setTex(eq.tex);
                m_equationIds[row] = eq.id;
            } catch (const std::exception&) {
                m_equationIds[row].clear(); // not typesettable: the row is left out
            }
        }
        m_pickedNeuron.reset();
    }
    if (const auto i = focusNeuron()) {
        const Eigen::VectorXf& z1 = m_forward.Z[1];
        m_dot.setCell(*i, 0, m_parameters.W(1).row(*i).transpose(), m_forward.A[0], m_parameters.b(1)(*i), z1(*i));
    }
}

std::optional<int> DrawScreen::prediction() const {
    if (!m_haveNetwork || m_forward.A.size() < 2 || !m_forward.A[0].any()) return std::nullopt;
    const Eigen::VectorXf& out = m_forward.A.back();
    if (out.size() == 0 || !out.allFinite()) return std::nullopt;
    Eigen::Index k = 0;
    out.maxCoeff(&k);
    return static_cast<int>(k);
}

std::optional<int> DrawScreen::focusNeuron() const {
    if (!m_haveNetwork || m_forward.A.size() < 3 || !m_forward.A[0].any()) return std::nullopt;
    const Eigen::VectorXf& a1 = m_forward.A[1];
    if (m_pickedNeuron && *m_pickedNeuron < a1.size()) return m_pickedNeuron;
    std::optional<int> best;
    float bestScore = 0.f;
    const int L = m_parameters.layers();
    const auto k = prediction();
    for (int j = 0; j < a1.size(); ++j) {
        if (!(a1(j) > 0.f)) continue;
        // With one hidden layer: what neuron j adds to the winner's Z²; deeper: its activation.
        const float score = (L == 2 && k) ? m_parameters.W(2)(*k, j) * a1(j) : a1(j);
        if (!best || score > bestScore) {
            best = j;
            bestScore = score;
        }
    }
    return best;
}

// ---------------------------------------------------------------- layout

unsigned DrawScreen::panelTitleSize() const { return m_compact ? m_theme.bodySize : m_theme.titleSize; }

float DrawScreen::panelTitleHeight(bool withCaption) const {
    float h = m_theme.padding + lineHeight(panelTitleSize(), FontRole::UiBold) + m_theme.gap;
    if (withCaption && !m_compact) h += lineHeight(m_theme.smallSize) + m_theme.gap;
    return h;
}

void DrawScreen::layout() {
    const views::Theme& t = m_theme;
    const float margin = t.padding, gap = t.gap;
    const float W = m_size.x, H = m_size.y;
    // Compact when the window holds few lines of body text across (a projector's 28 px text at
    // 1280 × 720): smaller panel titles, no captions, prediction bars standing, no dot-product panel.
    m_compact = W < 55.f * static_cast<float>(t.bodySize) || H < 30.f * static_cast<float>(t.bodySize);
    m_header = {0.f, 0.f, W, margin + lineHeight(t.titleSize, FontRole::UiBold) + gap + lineHeight(t.bodySize) + margin};
    const float top = m_header.height;
    const float contentH = std::max(0.f, H - top - margin);

    // Left column: the pad above the preview, both square.
    const float titles = 2.f * (panelTitleHeight(true) + t.padding) + gap;
    const float squares = std::max(0.f, contentH - titles);
    const float padSide = std::floor(std::max(0.f, std::min({W * (m_compact ? 0.22f : 0.26f), squares * 0.58f})));
    const float previewSide = std::floor(std::max(0.f, std::min(padSide, squares - padSide)));
    const float leftW = std::max(padSide, previewSide) + 2.f * t.padding;
    m_padPanel = {margin, top, leftW, panelTitleHeight(true) + padSide + t.padding};
    m_previewPanel = {margin, m_padPanel.top + m_padPanel.height + gap, leftW,
                      contentH - m_padPanel.height - gap};
    m_pad.setPadRect({m_padPanel.left + t.padding, m_padPanel.top + panelTitleHeight(true), padSide, padSide});
    m_pad.setPreviewRect({m_previewPanel.left + t.padding, m_previewPanel.top + panelTitleHeight(true),
                          m_previewPanel.width - 2.f * t.padding,
                          m_previewPanel.height - panelTitleHeight(true) - t.padding});

    // Right: forward equations beside the prediction bars, then the hidden layer beside the dot product.
    const float rightX = m_padPanel.left + leftW + gap;
    const float rightW = std::max(0.f, W - margin - rightX);
    const float rowH = lineHeight(t.bodySize) + gap;
    if (m_compact) {
        // Forward equations across the top; the hidden layer beside the standing prediction bars.
        const float forwardH = panelTitleHeight(false) + 2.f * (lineHeight(t.smallSize) + gap / 2.f) +
                               4.f * (lineHeight(t.bodySize) + gap) + t.padding;
        const float topH = std::min(forwardH, contentH * 0.55f);
        m_forwardPanel = {rightX, top, rightW, topH};
        const float bottomTop = top + topH + gap;
        const float bottomH = std::max(0.f, contentH - topH - gap);
        const float hiddenW = std::floor(rightW * 0.55f);
        m_hiddenPanel = {rightX, bottomTop, hiddenW, bottomH};
        m_predictionPanel = {rightX + hiddenW + gap, bottomTop, rightW - hiddenW - gap, bottomH};
        m_dotPanel = {};
    } else {
        const float topNeeded = panelTitleHeight(true) + 10.f * rowH + t.padding;
        const float topH = std::clamp(topNeeded, contentH * 0.36f, contentH * 0.44f);
        const float predictionW = std::floor(std::clamp(rightW * 0.28f, 0.f, 12.f * lineHeight(t.bodySize) + 2.f * t.padding));
        m_forwardPanel = {rightX, top, rightW - predictionW - gap, topH};
        m_predictionPanel = {rightX + m_forwardPanel.width + gap, top, predictionW, topH};
        const float bottomTop = top + topH + gap;
        const float bottomH = std::max(0.f, contentH - topH - gap);
        const float hiddenW = std::floor(rightW * 0.42f);
        m_hiddenPanel = {rightX, bottomTop, hiddenW, bottomH};
        m_dotPanel = {rightX + hiddenW + gap, bottomTop, rightW - hiddenW - gap, bottomH};
    }
    const float captionH = lineHeight(t.smallSize) + t.gap;
    m_dot.setRect({m_dotPanel.left, m_dotPanel.top, m_dotPanel.width, std::max(0.f, m_dotPanel.height - captionH - t.padding)});
}

sf::FloatRect DrawScreen::predictionBarRect(int k) const {
    const int n = m_forward.A.size() >= 2 ? static_cast<int>(m_forward.A.back().size()) : 10;
    if (k < 0 || k >= n) return {};
    const views::Theme& t = m_theme;
    const sf::FloatRect& p = m_predictionPanel;
    const float top = p.top + panelTitleHeight(true);
    const float prob = m_haveNetwork && m_forward.A[0].any() ? std::clamp(m_forward.A.back()(k), 0.f, 1.f) : 0.f;
    if (m_compact) {
        // Standing bars: digit labels along the bottom, the winner's percentage above its bar.
        const float columnW = (p.width - 2.f * t.padding) / static_cast<float>(n);
        const float baseline = p.top + p.height - t.padding - lineHeight(t.bodySize) - t.gap / 2.f;
        const float barTop = top + lineHeight(t.smallSize) + t.gap / 2.f;
        const float barMax = std::max(0.f, baseline - barTop);
        const float h = std::max(1.f, std::round(barMax * prob));
        return {p.left + t.padding + static_cast<float>(k) * columnW + columnW * 0.15f, baseline - h, columnW * 0.7f, h};
    }
    const float rowH = std::max(0.f, (p.top + p.height - t.padding - top) / static_cast<float>(n));
    const float labelW = views::textWidth("9", t.bodySize, FontRole::UiBold) + t.gap;
    const float percentW = views::textWidth("100.0 %", t.smallSize) + t.gap;
    const float barW = std::max(0.f, p.width - 2.f * t.padding - labelW - percentW);
    const float barH = std::max(2.f, rowH * 0.7f);
    return {p.left + t.padding + labelW, top + static_cast<float>(k) * rowH + (rowH - barH) / 2.f,
            std::max(1.f, std::round(barW * prob)), barH};
}

sf::FloatRect DrawScreen::hiddenNeuronRect(int j) const {
    if (!m_haveNetwork || m_forward.A.size() < 3) return {};
    const std::size_t hl = m_forward.A.size() - 2; // the last hidden layer feeds Zᴸ
    const int n = static_cast<int>(m_forward.A[hl].size());
    if (j < 0 || j >= n) return {};
    const views::Theme& t = m_theme;
    const sf::FloatRect& p = m_hiddenPanel;
    const float columnW = (p.width - 2.f * t.padding) / static_cast<float>(n);
    const float radius = std::floor(std::min(columnW * 0.42f, lineHeight(t.bodySize) * 1.1f));
    const float cx = p.left + t.padding + (static_cast<float>(j) + 0.5f) * columnW;
    const float cy = p.top + panelTitleHeight(true) + radius;
    return {cx - radius, cy - radius, 2.f * radius, 2.f * radius};
}

std::vector<std::pair<std::string, sf::FloatRect>> DrawScreen::panelRects() const {
    std::vector<std::pair<std::string, sf::FloatRect>> out{{"pad", m_padPanel},
                                                           {"preview", m_previewPanel},
                                                           {"forward", m_forwardPanel},
                                                           {"predictions", m_predictionPanel},
                                                           {"hidden", m_hiddenPanel}};
    if (!m_compact) out.emplace_back("dot", m_dotPanel);
    return out;
}

// ---------------------------------------------------------------- drawing

void DrawScreen::drawPanelTitle(sf::RenderTarget& target, const sf::FloatRect& panel, const std::string& title,
                                const std::string& caption) {
    const views::Theme& t = m_theme;
    drawBox(target, panel, t.panel, t.panelBorder, 1.f);
    const float width = panel.width - 2.f * t.padding;
    float y = panel.top + t.padding;
    const unsigned size = panelTitleSize();
    drawText(target, views::elide(title, size, width, FontRole::UiBold), {panel.left + t.padding, y}, size, t.text,
             HAlign::Left, VAlign::Top, FontRole::UiBold);
    y += lineHeight(size, FontRole::UiBold) + t.gap;
    if (!caption.empty() && !m_compact)
        drawText(target, views::elide(caption, t.smallSize, width), {panel.left + t.padding, y}, t.smallSize, t.mutedText);
}

void DrawScreen::draw(sf::RenderTarget& target) {
    drawBox(target, {0.f, 0.f, m_size.x, m_size.y}, m_theme.background);
    drawHeader(target);
    drawPanelTitle(target, m_padPanel, "Your drawing", "faint box: MNIST's 20 \xC3\x97 20");
    const float previewRoom = m_previewPanel.width - 2.f * m_theme.padding;
    const std::string previewTitle = views::textWidth("x = A\xE2\x81\xB0: the 784 inputs", panelTitleSize(), FontRole::UiBold) <= previewRoom
                                         ? "x = A\xE2\x81\xB0: the 784 inputs"
                                         : "x = A\xE2\x81\xB0 (784 inputs)";
    drawPanelTitle(target, m_previewPanel, previewTitle,
                   "prepared like MNIST's digits");
    drawForward(target);
    drawPredictions(target);
    drawHidden(target);
    // The dot product of the focus neuron: W¹ row ⊙ x over the drawing.
    const views::Theme& t = m_theme;
    if (m_compact) {
        // no room for the dot-product panel
    } else if (const auto i = focusNeuron()) {
        m_dot.draw(target, t);
        const std::string n = std::to_string(*i);
        const views::PaletteWords words = views::paletteWords(views::heatmapPalette());
        std::string up(words.positive);
        up[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(up[0])));
        const std::string caption = up + " pixels push Z\xC2\xB9[" + n + "] up, " + std::string(words.negative) +
                                    " ones down; A\xE2\x81\xB0[k, 0] is your drawing";
        drawText(target, views::elide(caption, t.smallSize, m_dotPanel.width - 2.f * t.padding),
                 {m_dotPanel.left + t.padding, m_dotPanel.top + m_dotPanel.height - t.padding}, t.smallSize, t.mutedText,
                 HAlign::Left, VAlign::Bottom);
    } else {
        drawPanelTitle(target, m_dotPanel, "Dot product of a firing neuron",
                       m_forward.A.empty() || !m_forward.A[0].any() ? "draw a digit to see why a neuron fires"
                                                                     : "no hidden neuron fires for this drawing");
    }
    m_pad.draw(target, t);
    if (m_pad.canvas().empty()) {
        const sf::FloatRect pad = m_pad.padRect();
        drawText(target, "draw a digit here", {pad.left + pad.width / 2.f, pad.top + pad.height / 2.f + t.gap},
                 t.bodySize, sf::Color(150, 150, 150), HAlign::Center, VAlign::Top);
    }
}

void DrawScreen::drawHeader(sf::RenderTarget& target) {
    const views::Theme& t = m_theme;
    const float x = t.padding;
    float y = t.padding;
    // The pad draws digits only; a network trained on Fashion-MNIST answers with clothes, and says so.
    const std::string title = m_clothes ? "Draw a digit (digits only): this network learned clothes, Fashion-MNIST"
                                        : "Draw a digit: the live network reads it";
    const sf::FloatRect titleBox =
        drawText(target, title, {x, y}, t.titleSize, t.text, HAlign::Left, VAlign::Top, FontRole::UiBold);
    // The status goes on the title line when it fits there, else on the hint line when that has room.
    const float statusW = views::textWidth(m_status, t.bodySize);
    const bool statusOnTitle = titleBox.left + titleBox.width + 3.f * t.gap + statusW <= m_size.x - t.padding;
    if (statusOnTitle) drawText(target, m_status, {m_size.x - t.padding, y}, t.bodySize, t.mutedText, HAlign::Right);
    y += lineHeight(t.titleSize, FontRole::UiBold) + t.gap;
    const std::string longHint = "Draw with the left mouse button \xC2\xB7 right button erases \xC2\xB7 C clears \xC2\xB7 "
                                 "G returns to the lesson";
    const std::string shortHint = "Left button draws \xC2\xB7 right erases \xC2\xB7 C clears \xC2\xB7 G: lesson";
    const float room = m_size.x - 2.f * t.padding;
    std::string hint = views::textWidth(longHint, t.bodySize) <= room ? longHint : shortHint;
    sf::Color hintColour = t.mutedText;
    if (!m_advice.empty()) { // the drawing has a likely cause of a misreading: say it where the hint was
        hint = "It may be misread: " + m_advice.front() + (m_advice.size() > 1 ? "; " + m_advice[1] : std::string());
        if (views::textWidth(hint, t.bodySize) > room) hint = "It may be misread: " + m_advice.front();
        hintColour = t.highlight;
    }
    const sf::FloatRect hintBox = drawText(target, views::elide(hint, t.bodySize, room), {x, y}, t.bodySize, hintColour);
    if (!statusOnTitle && hintBox.left + hintBox.width + 3.f * t.gap + statusW <= m_size.x - t.padding)
        drawText(target, m_status, {m_size.x - t.padding, y}, t.bodySize, t.mutedText, HAlign::Right);
}

void DrawScreen::drawForward(sf::RenderTarget& target) {
    const views::Theme& t = m_theme;
    const sf::FloatRect& p = m_forwardPanel;
    const std::string iteration = m_forward.iteration >= 0 ? views::formatCount(m_forward.iteration) : "\xE2\x80\x94";
    drawPanelTitle(target, p, m_compact ? "Forward pass \xC2\xB7 iteration " + iteration : "Forward pass of your drawing",
                   "the live network's W and b at iteration " + iteration + ", through the core's equations");
    if (!m_haveNetwork || m_forward.A.size() < 2) return;
    const int L = m_parameters.layers();
    // Rows: Z¹, A¹, Zᴸ, Aᴸ (a network without hidden layers shows its two).
    std::vector<std::pair<std::size_t, const Eigen::VectorXf*>> rows;
    std::vector<bool> isOutput;
    for (std::size_t e = 0; e < 4; ++e) {
        if (m_equationIds[e].empty()) continue;
        const std::size_t l = e < 2 ? 1u : static_cast<std::size_t>(L);
        if (L == 1 && e < 2) continue;
        rows.emplace_back(e, e % 2 == 0 ? &m_forward.Z[l] : &m_forward.A[l]);
        isOutput.push_back(l == static_cast<std::size_t>(L));
    }
    const float left = p.left + t.padding, right = p.left + p.width - t.padding;
    const float headH = lineHeight(t.smallSize) + t.gap / 2.f;
    const float top = p.top + panelTitleHeight(true);
    const float bottom = p.top + p.height - t.padding;
    const float rowH = std::max(0.f, (bottom - top - 2.f * headH) / static_cast<float>(std::max<std::size_t>(1, rows.size())));
    // Equations at the theme's equation size, smaller when the rows are short.
    const float eqSize = std::min(static_cast<float>(t.equationSize), rowH * 0.62f);
    float eqW = 0.f;
    for (const auto& [e, v] : rows) {
        m_equations[e].setFontSize(eqSize);
        m_equations[e].setColor(t.text);
        eqW = std::max(eqW, m_equations[e].bounds().width);
    }
    const float cellsLeft = left + eqW + 2.f * t.gap;
    const auto k = prediction();
    float y = top;
    bool previousOutput = true;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto [e, values] = rows[r];
        const int n = static_cast<int>(values->size());
        if (n == 0) continue;
        const float cellW = std::max(0.f, (right - cellsLeft) / static_cast<float>(n));
        if (r == 0 || isOutput[r] != previousOutput) {
            // Index header: hidden neurons j above Z¹, digits k above the output rows.
            const bool out = isOutput[r];
            drawText(target, out ? "digit k" : "neuron j", {cellsLeft - t.gap, y}, t.smallSize, t.mutedText, HAlign::Right);
            if (cellW >= views::textWidth("00", t.smallSize))
                for (int c = 0; c < n; ++c)
                    drawText(target, std::to_string(c), {cellsLeft + (static_cast<float>(c) + 0.5f) * cellW, y}, t.smallSize,
                             t.mutedText, HAlign::Center);
            y += headH;
            previousOutput = out;
        }
        const sf::FloatRect eqBounds = m_equations[e].bounds();
        m_equations[e].setPosition({left, std::round(y + (rowH - eqBounds.height) / 2.f)});
        m_equations[e].draw(target);
        // Colours: Z rows and A¹ on one diverging map per row pair (so ReLU's zeros read as
        // "nothing"), the output probabilities on viridis 0 … 1.
        const bool probabilities = isOutput[r] && e % 2 == 1;
        const Eigen::VectorXf& scaleFrom = e % 2 == 1 && !probabilities ? *rows[r - 1].second : *values;
        const views::Colormap map = probabilities ? views::Colormap::viridis(0.f, 1.f) : views::Colormap::divergingFor(scaleFrom);
        // Numbers with one number of decimals per row, so they line up: three significant digits
        // for the row's largest |value| (probabilities: three decimals, so 6e−8 reads 0.000), else
        // two, at body size or else small size; none when even that does not fit.
        const float rowLimit = values->cwiseAbs().maxCoeff();
        const auto labelsWith = [&](int digits) {
            const int decimals = probabilities ? digits : views::decimalsFor(rowLimit, digits);
            std::vector<std::string> labels;
            for (int c = 0; c < n; ++c) labels.push_back(views::formatFixed((*values)(c), decimals));
            return labels;
        };
        std::vector<std::string> labels = labelsWith(3);
        unsigned size = fittingSize(labels, {t.bodySize, t.smallSize}, cellW - 4.f);
        if (size == 0) {
            labels = labelsWith(2);
            size = fittingSize(labels, {t.bodySize, t.smallSize}, cellW - 4.f);
        }
        const float cellH = std::min(rowH - t.gap / 2.f, lineHeight(t.bodySize) * 1.8f);
        const float cellTop = y + (rowH - cellH) / 2.f;
        for (int c = 0; c < n; ++c) {
            const sf::FloatRect cell{cellsLeft + static_cast<float>(c) * cellW + 1.f, cellTop, cellW - 2.f, cellH};
            const sf::Color fill = map.map((*values)(c));
            const bool winner = probabilities && k && *k == c;
            drawBox(target, cell, fill, winner ? t.accent : t.panelBorder, winner ? t.lineWidth + 1.f : 1.f);
            if (size > 0)
                drawText(target, labels[static_cast<std::size_t>(c)], centreOf(cell), size,
                         views::readableOn(fill), HAlign::Center, VAlign::Center);
        }
        y += rowH;
    }
}

void DrawScreen::drawPredictions(sf::RenderTarget& target) {
    const views::Theme& t = m_theme;
    const sf::FloatRect& p = m_predictionPanel;
    const auto k = prediction();
    drawPanelTitle(target, p, k ? "Prediction: " + std::to_string(*k) : "Prediction", "A\xC2\xB2 = softmax(Z\xC2\xB2)");
    if (!m_haveNetwork || m_forward.A.size() < 2) return;
    const int n = static_cast<int>(m_forward.A.back().size());
    const bool drawn = m_forward.A[0].any();
    if (m_compact) {
        for (int c = 0; c < n; ++c) {
            const sf::FloatRect bar = predictionBarRect(c);
            const bool winner = k && *k == c;
            const float cx = bar.left + bar.width / 2.f;
            if (drawn) drawBox(target, bar, winner ? t.accent : t.grid);
            drawText(target, std::to_string(c), {cx, bar.top + bar.height + t.gap / 2.f}, t.bodySize,
                     winner ? t.accent : t.text, HAlign::Center, VAlign::Top, winner ? FontRole::UiBold : FontRole::Ui);
            if (drawn && winner)
                drawText(target, views::formatPercent(m_forward.A.back()(c)), {cx, bar.top - t.gap / 2.f}, t.smallSize, t.text,
                         c < n / 2 ? HAlign::Left : HAlign::Right, VAlign::Bottom);
        }
        return;
    }
    for (int c = 0; c < n; ++c) {
        const sf::FloatRect bar = predictionBarRect(c);
        const bool winner = k && *k == c;
        const sf::Color colour = winner ? t.accent : t.grid;
        const float labelX = p.left + t.padding;
        drawText(target, std::to_string(c), {labelX, bar.top + bar.height / 2.f}, t.bodySize, winner ? t.accent : t.text,
                 HAlign::Left, VAlign::Center, winner ? FontRole::UiBold : FontRole::Ui);
        if (drawn) drawBox(target, bar, colour);
        const std::string percent = drawn ? views::formatPercent(m_forward.A.back()(c)) : "\xE2\x80\x94";
        drawText(target, percent, {bar.left + bar.width + t.gap, bar.top + bar.height / 2.f}, t.smallSize,
                 winner ? t.text : t.mutedText, HAlign::Left, VAlign::Center);
    }
}

void DrawScreen::drawHidden(sf::RenderTarget& target) {
    const views::Theme& t = m_theme;
    const sf::FloatRect& p = m_hiddenPanel;
    const auto k = prediction();
    const int L = m_parameters.layers();
    const std::string ks = k ? std::to_string(*k) : "k";
    const std::string sup = L == 2 ? "\xC2\xB2" : std::to_string(L);
    const std::string hsup = L == 2 ? "\xC2\xB9" : std::to_string(L - 1);
    const bool longTitle = views::textWidth("Which hidden neurons fire", panelTitleSize(), FontRole::UiBold) <=
                           p.width - 2.f * t.padding;
    drawPanelTitle(target, p, longTitle ? "Which hidden neurons fire" : "Hidden neurons firing",
                   "bars: W" + sup + "[" + ks + ", j]\xC2\xB7" "A" + hsup + "[j], what neuron j adds to Z" + sup + "[" + ks +
                       "]");
    if (!m_haveNetwork || m_forward.A.size() < 3) return;
    const std::size_t hl = m_forward.A.size() - 2;
    const Eigen::VectorXf& a = m_forward.A[hl];
    const int n = static_cast<int>(a.size());
    const auto focus = focusNeuron();
    // Circles: lit (accent) when the neuron fires (Z > 0 for ReLU: A > 0), dimmed otherwise.
    float circlesBottom = p.top + panelTitleHeight(true);
    for (int j = 0; j < n; ++j) {
        const sf::FloatRect r = hiddenNeuronRect(j);
        if (r.width <= 0.f) continue;
        const bool fires = a(j) > 0.f;
        sf::CircleShape circle(r.width / 2.f, 40);
        circle.setPosition(r.left, r.top);
        circle.setFillColor(fires ? t.accent : t.panel);
        circle.setOutlineColor(focus && *focus == j && hl == 1 ? t.highlight : (fires ? t.accent : t.grid));
        circle.setOutlineThickness(focus && *focus == j && hl == 1 ? t.lineWidth + 1.f : 1.f);
        target.draw(circle);
        const unsigned labelSize = lineHeight(t.bodySize) <= r.height * 0.8f ? t.bodySize : t.smallSize;
        drawText(target, std::to_string(j), centreOf(r), labelSize, fires ? views::readableOn(t.accent) : t.mutedText,
                 HAlign::Center, VAlign::Center, fires ? FontRole::UiBold : FontRole::Ui);
        const std::string value = fires ? views::formatFixed(a(j), a(j) < 10.f ? 2 : 1) : "off";
        const float columnW = (p.width - 2.f * t.padding) / static_cast<float>(n);
        const unsigned size = m_compact ? 0u : fittingSize({value}, {t.smallSize}, columnW);
        if (size > 0)
            drawText(target, value, {r.left + r.width / 2.f, r.top + r.height + t.gap / 2.f}, size,
                     fires ? t.text : t.mutedText, HAlign::Center);
        circlesBottom = r.top + r.height + t.gap + (m_compact ? 0.f : t.gap / 2.f + lineHeight(t.smallSize));
    }
    if (!k || !m_forward.A[0].any()) {
        drawText(target, "draw a digit to see what each neuron adds to the winning class",
                 {p.left + t.padding, circlesBottom}, t.smallSize, t.mutedText);
        return;
    }
    // Signed bars of the contributions W^L[k, j]·A^{L−1}[j] about a zero line, then the sum.
    const Eigen::VectorXf contributions = m_parameters.W(L).row(*k).transpose().cwiseProduct(a);
    const float bias = m_parameters.b(L)(*k);
    const float sumLineH = lineHeight(t.bodySize) + t.gap;
    const float barTop = circlesBottom + lineHeight(t.smallSize) + t.gap;
    const float barBottom = p.top + p.height - t.padding - sumLineH - lineHeight(t.smallSize);
    const float half = std::max(0.f, (barBottom - barTop) / 2.f);
    const float zeroY = barTop + half;
    const float limit = std::max(1e-6f, contributions.cwiseAbs().maxCoeff());
    const float columnW = (p.width - 2.f * t.padding) / static_cast<float>(n);
    sf::VertexArray shapes(sf::Triangles);
    views::appendRect(shapes, {p.left + t.padding, zeroY - 0.5f, p.width - 2.f * t.padding, 1.f}, t.grid);
    for (int j = 0; j < n; ++j) {
        const float v = contributions(j);
        const float h = std::round(half * std::abs(v) / limit);
        const float x = p.left + t.padding + static_cast<float>(j) * columnW + columnW * 0.2f;
        const sf::FloatRect bar{x, v >= 0.f ? zeroY - h : zeroY, columnW * 0.6f, h};
        views::appendRect(shapes, bar, v >= 0.f ? t.series[2] : t.mistake);
    }
    target.draw(shapes);
    for (int j = 0; j < n; ++j) {
        const float v = contributions(j);
        if (v == 0.f) continue;
        const std::string label = views::formatValue(v, 2);
        if (views::textWidth(label, t.smallSize) > columnW) continue;
        const float h = std::round(half * std::abs(v) / limit);
        const float cx = p.left + t.padding + (static_cast<float>(j) + 0.5f) * columnW;
        if (v > 0.f) drawText(target, label, {cx, zeroY - h - t.gap / 2.f}, t.smallSize, t.text, HAlign::Center, VAlign::Bottom);
        else drawText(target, label, {cx, zeroY + h + t.gap / 2.f}, t.smallSize, t.text, HAlign::Center, VAlign::Top);
    }
    const float sum = contributions.sum();
    const std::string z = "Z" + sup + "[" + ks + "]", b = "b" + sup + "[" + ks + "]";
    const std::string total = views::formatValue(m_forward.Z.back()(*k), 4);
    const std::vector<std::string> lines{
        z + " = \xCE\xA3_j bars + " + b + " = " + views::formatValue(sum, 3) + (bias < 0.f ? " \xE2\x88\x92 " : " + ") +
            views::formatValue(std::abs(bias), 3) + " = " + total,
        z + " = \xCE\xA3 bars + " + b + " = " + total, z + " = " + total};
    const float room = p.width - 2.f * t.padding;
    std::string line = lines.back();
    for (const auto& candidate : lines)
        if (views::textWidth(candidate, t.bodySize) <= room) {
            line = candidate;
            break;
        }
    drawText(target, views::elide(line, t.bodySize, room), {p.left + t.padding, p.top + p.height - t.padding}, t.bodySize,
             t.text, HAlign::Left, VAlign::Bottom);
}

// ---------------------------------------------------------------- events

bool DrawScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::MouseMoved) m_mouse = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
    if (m_pad.handleEvent(event)) return true;
    if (event.type == sf::Event::MouseButtonPressed && event.mouseButton.button == sf::Mouse::Left &&
        m_forward.A.size() == 3) {
        const sf::Vector2f point{static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
        for (int j = 0; j < m_forward.A[1].size(); ++j)
            if (hiddenNeuronRect(j).contains(point)) {
                m_pickedNeuron = (m_pickedNeuron && *m_pickedNeuron == j) ? std::nullopt : std::optional<int>(j);
                m_dirty = true; // the dot product follows on the next update()
                return true;
            }
    }
    if (!m_compact && focusNeuron() && m_dot.handleEvent(event)) return true;
    return false;
}

} // namespace stepwise::app
