// LessonScreen: one lesson step on screen: the state it follows (step, snapshot, status), its
// drawing and its events. The panel binding (snapshot → view data) is in lesson_screen_panels.cpp,
// the layout in lesson_screen_layout.cpp, the help and menu in lesson_screen_overlays.cpp.
// Sections: state, update, drawing, events.
#include "app/screens/lesson_screen.hpp"
#include "app/screens/lesson_screen_panel.hpp"
#include "app/screens/key_bindings.hpp"

#include "app/screens/live_checks.hpp"
#include "app/session.hpp"

#include "core/equations.hpp"
#include "core/stepper.hpp"
#include "views/fonts.hpp"

#include <cmath>
#include <future>
#include <map>

namespace stepwise::app {

using views::drawBox;
using views::drawText;
using views::FontRole;
using views::HAlign;
using views::VAlign;

LessonScreen::LessonScreen(views::Theme theme) : m_theme(std::move(theme)) {}

LessonScreen::~LessonScreen() = default;

bool LessonScreen::busy() const {
    for (const auto& p : m_panels)
        if (p->check.valid()) return true;
    return false;
}

void LessonScreen::chooseFocusColumn(int j) {
    j = ((j % kFocusImages) + kFocusImages) % kFocusImages;
    m_chosenColumn = j;
    if (j == m_focusColumn) return;
    m_focusColumn = j;
    m_lastSnapshot = nullptr; // every view takes the new column on the next update
    std::string label;
    if (m_snapshot && m_snapshot->batch && j < m_snapshot->batch->size()) {
        const int y = m_snapshot->batch->labels(j);
        label = " (" + (static_cast<std::size_t>(y) < m_snapshot->classNames.size() ? m_snapshot->classNames[static_cast<std::size_t>(y)]
                                                                                     : "label " + std::to_string(y)) + ")";
    }
    setStatus("Image j = " + std::to_string(j) + label + ": every view now follows it");
}

std::optional<std::pair<LossSlice, const views::PlotView*>> LessonScreen::lossSliceShown() const {
    for (const auto& p : m_panels)
        if (p->spec.kind == lessons::ViewKind::LossSlice && p->slice) return std::pair{*p->slice, p->plot.get()};
    return std::nullopt;
}

std::vector<const views::View*> LessonScreen::panelViews() const {
    std::vector<const views::View*> out;
    for (const auto& p : m_panels) out.push_back(p->view());
    return out;
}

std::vector<views::TableFit> LessonScreen::panelTableFits() const {
    std::vector<views::TableFit> fits;
    for (const auto& p : m_panels)
        if (p->placeholder.empty() && p->table) {
            const float captionH = captionHeight(captionLines(p->spec.caption, p->rect.width, m_theme).size(), m_theme);
            const sf::FloatRect inner = textPanelArea(p->rect, captionH, m_theme).inner;
            fits.push_back(views::fitTable(*p->table, {inner.width, inner.height}, m_theme));
        }
    return fits;
}

std::vector<std::pair<std::string, sf::FloatRect>> LessonScreen::panelRects() const {
    std::vector<std::pair<std::string, sf::FloatRect>> out;
    for (const auto& p : m_panels) out.emplace_back(p->spec.tensor, p->rect);
    return out;
}

const views::PredictionGalleryView* LessonScreen::galleryPanel(std::size_t index) const {
    return index < m_panels.size() ? m_panels[index]->gallery.get() : nullptr;
}

const views::MatrixView* LessonScreen::matrixPanel(std::size_t index) const {
    return index < m_panels.size() ? m_panels[index]->matrix.get() : nullptr;
}

std::optional<lessons::StepAction> LessonScreen::takeStepAction() { return std::exchange(m_clickedAction, std::nullopt); }
std::optional<std::pair<std::size_t, std::size_t>> LessonScreen::takeMenuChoice() {
    return std::exchange(m_menuChoice, std::nullopt);
}

void LessonScreen::setTheme(views::Theme theme) {
    m_theme = std::move(theme);
    layout();
}

void LessonScreen::setPresenting(bool presenting) {
    m_presenting = presenting;
    layout();
}

void LessonScreen::toggleNarration() {
    m_showNarration = !m_showNarration;
    layout();
}

sf::FloatRect LessonScreen::focusRect() const {
    if (m_clickedPanel >= 0 && static_cast<std::size_t>(m_clickedPanel) < m_panels.size())
        return m_panels[static_cast<std::size_t>(m_clickedPanel)]->rect;
    if (m_step)
        for (const auto& h : m_step->highlights)
            for (const auto& p : m_panels)
                if (!h.isSymbol && p->spec.tensor == h.tensor) return p->rect;
    if (!m_panels.empty()) return m_panels.front()->rect;
    return m_equationRect;
}

const views::MatrixView* LessonScreen::matrixAt(sf::Vector2f point) const {
    for (const auto& p : m_panels)
        if (p->matrix && p->placeholder.empty() && p->matrix->gridRect().contains(point)) return p->matrix.get();
    return nullptr;
}

LessonScreen::TextMetrics LessonScreen::textMetrics() const {
    TextMetrics t;
    if (m_showNarration) {
        t.narrationSize = static_cast<float>(m_theme.bodySize);
        t.narrationLine = views::lineHeight(m_theme.bodySize);
    }
    if (m_step && !m_equation.tex().empty()) t.equationSize = m_equation.fontSize();
    t.statusSize = static_cast<float>(m_theme.bodySize);
    t.tooltipSize = static_cast<float>(m_theme.bodySize);
    t.smallestSize = static_cast<float>(std::min({m_theme.smallSize, m_theme.bodySize, m_theme.titleSize}));
    return t;
}

void LessonScreen::addGhost(Ghost ghost) {
    if (ghost.history.empty()) return; // nothing was trained: nothing to compare with
    m_ghosts.push_back(std::move(ghost));
    if (m_ghosts.size() > kMaxGhosts) m_ghosts.erase(m_ghosts.begin());
    m_lastSnapshot = nullptr; // the curves are drawn again with it
}

void LessonScreen::setStatus(std::string text, bool error) {
    m_status = std::move(text);
    m_statusError = error;
    m_statusFrames = 60 * 6;
}

void LessonScreen::rebuildPanels(const lessons::LessonStep& step, const core::NetworkConfig& network) {
    // A check still running must not be waited for here: a std::async future blocks in its
    // destructor, which froze the window for the check's half second on every step change.
    for (auto& p : m_panels)
        if (p->check.valid()) m_abandonedChecks.push_back(std::move(p->check));
    m_panels.clear();
    for (const auto& spec : step.views) {
        auto p = std::make_unique<Panel>();
        p->spec = spec;
        using K = lessons::ViewKind;
        switch (spec.kind) {
        case K::Heatmap: p->matrix = std::make_unique<views::MatrixView>(); break;
        case K::Digits:
        case K::WeightsAsImages:
        case K::ImageLoss:
        case K::WeightsChange: p->digits = std::make_unique<views::DigitView>(); break;
        case K::Diagram: p->network = std::make_unique<views::NetworkView>(); break;
        case K::DotProduct: { // the sum behind one entry, drawn as the tensor's kind asks
            const auto tensor = core::findTensor(network, spec.tensor);
            const auto kind = tensor ? tensor->kind : core::TensorKind::BiasGradient;
            if (kind == core::TensorKind::WeightGradient) p->gradient = std::make_unique<views::WeightGradientView>();
            else if (kind == core::TensorKind::PreActivation) p->dot = std::make_unique<views::DotProductView>();
            else p->matrix = std::make_unique<views::MatrixView>();
            break;
        }
        case K::ReluMask: p->mask = std::make_unique<views::ReluMaskView>(); break;
        case K::LossCurve:
        case K::AccuracyCurve:
        case K::LossSlice: p->plot = std::make_unique<views::PlotView>(); break;
        case K::Predictions: p->gallery = std::make_unique<views::PredictionGalleryView>(); break;
        case K::Confusion: p->confusion = std::make_unique<views::ConfusionView>(); break;
        case K::GradientCheck:
        case K::ComparePaper:
        case K::EquationShapes: break;
        }
        m_panels.push_back(std::move(p));
    }
    m_actionButtons.clear();
    for (std::size_t i = 0; i < step.actions.size(); ++i)
        m_actionButtons.push_back({{}, step.actions[i].label, UiAction::StepAction, i, false});
    m_narrationScroll = 0.f;
    m_clickedPanel = -1;
}

// ---------------------------------------------------------------- update

void LessonScreen::update(const lessons::Lesson& lesson, std::size_t stepIndex,
                          const training::TrainingSnapshot& snapshot) {
    const lessons::LessonStep& step = lesson.steps.at(stepIndex);
    // The TeX follows the network the snapshot comes from, so a reconfigured network (tanh,
    // more layers, paper-faithful) is typeset as it now computes.
    const std::string tex = step.equationTex(snapshot.config);
    // The palette is part of the key: a new palette (K) rebuilds the views with its colours.
    const std::string key = lesson.id + "#" + std::to_string(stepIndex) + "#" + tex + "#" +
                            std::to_string(step.views.size()) + "#" + step.narration + "#" +
                            std::string(views::paletteName(views::heatmapPalette()));
    m_lesson = &lesson;
    m_step = &step;
    m_stepIndex = stepIndex;
    std::erase_if(m_abandonedChecks, [](const std::future<BackgroundResult>& f) {
        return f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    });
    if (std::erase_if(m_ghosts, [&](const Ghost& g) { return g.lessonId != lesson.id; }) > 0) m_lastSnapshot = nullptr;
    const bool newStep = key != m_stepKey;
    if (newStep) {
        m_stepKey = key;
        rebuildPanels(step, snapshot.config);
        try {
            m_equation.setTex(tex);
        } catch (const std::exception& e) {
            setStatus(std::string("equation: ") + e.what(), true);
        }
        m_focusColumn = m_chosenColumn.value_or(app::focusColumn(step, snapshot.config));
        layout();
    }
    m_snapshot = &snapshot;
    if (newStep || busy()) m_lastSnapshot = nullptr; // new panels, or a background check to collect
    if (&snapshot != m_lastSnapshot) {
        m_lastSnapshot = &snapshot;
        if (!busy()) ++m_dataVersion;
        refreshPanels(snapshot);
    }
    m_shapeLine = step.executes ? shapeLine(snapshot, *step.executes) : "";
}

// ---------------------------------------------------------------- drawing

void LessonScreen::draw(sf::RenderTarget& target) {
    target.clear(m_theme.background);
    m_questionRect = {};
    m_choiceRects.clear();
    m_questionText.clear();
    if (!m_step || !m_snapshot) return;
    drawHeader(target);
    drawNarration(target);
    drawEquation(target);
    drawPanels(target);
    drawStrip(target);
    if (m_cheatSheetShown) drawCheatSheet(target);
    if (m_menu) drawMenu(target);
    if (m_help) drawHelp(target);
}

void LessonScreen::drawHeader(sf::RenderTarget& target) {
    drawBox(target, m_headerRect, m_theme.panel);
    const float pad = m_theme.padding * 1.5f;
    const float cy = m_headerRect.top + m_headerRect.height / 2.f;
    const std::string lessonText = std::to_string(m_lesson->order) + ". " + m_lesson->title;
    drawText(target, lessonText, {pad, cy}, m_theme.titleSize, m_theme.text, HAlign::Left, VAlign::Center,
             FontRole::UiBold);
    const std::string stepText = "step " + std::to_string(m_stepIndex + 1) + " of " +
                                 std::to_string(m_lesson->steps.size()) +
                                 (m_presenting ? "" : "   ·   → next   ← back   F1 help");
    drawText(target, stepText, {m_size.x - pad, cy}, m_theme.bodySize, m_theme.mutedText, HAlign::Right,
             VAlign::Center);
}

void LessonScreen::drawNarration(sf::RenderTarget& target) {
    if (!m_showNarration) return;
    const sf::FloatRect r = m_narrationRect;
    const sf::FloatRect frame{r.left - m_theme.padding, r.top - m_theme.padding, r.width + 2 * m_theme.padding,
                              r.height + 2 * m_theme.padding};
    drawBox(target, frame, m_theme.panel, m_theme.panelBorder, 1.f);
    // Long narration (large presenter text on a small screen) scrolls inside its frame: the
    // content is laid out from r.top and seen through a view clipped to the frame.
    const sf::View screenView = target.getView();
    const sf::Vector2f targetSize{static_cast<float>(target.getSize().x), static_cast<float>(target.getSize().y)};
    const sf::FloatRect clip{frame.left + 1.f, r.top - m_theme.padding * 0.5f, frame.width - 2.f,
                             r.height + m_theme.padding};
    m_narrationScroll = std::clamp(m_narrationScroll, 0.f, std::max(0.f, m_narrationContentHeight - r.height));
    sf::View clipped(sf::FloatRect(clip.left, clip.top + m_narrationScroll, clip.width, clip.height));
    clipped.setViewport({clip.left / targetSize.x, clip.top / targetSize.y, clip.width / targetSize.x,
                         clip.height / targetSize.y});
    target.setView(clipped);
    float y = r.top;
    // Title, wrapped by the narration view in bold.
    lessons::Paragraph title;
    title.runs.push_back({m_step->title, true, false, false});
    static thread_local views::NarrationView titleView;
    titleView.set({title}, r.width, m_theme.titleSize, m_theme.text);
    titleView.setPosition({r.left, y});
    titleView.draw(target);
    y += titleView.height() + m_theme.gap;

    m_narration.set(m_step->paragraphs, r.width, m_theme.bodySize, m_theme.text);
    m_narration.setPosition({r.left, y});
    m_narration.draw(target);
    y += m_narration.height() + m_theme.gap * 2;

    static thread_local std::vector<views::NarrationView> errata;
    errata.resize(m_step->errata.size());
    for (std::size_t i = 0; i < m_step->errata.size(); ++i) {
        const auto& e = m_step->errata[i];
        std::vector<lessons::Paragraph> ps(2);
        ps[0].runs = {{"The paper says (erratum " + std::to_string(e.number) + "): ", true, false, false},
                      {e.paper, false, false, false}};
        ps[1].runs = {{"What is right: ", true, false, false}, {e.right, false, false, false}};
        const float inset = m_theme.padding;
        errata[i].set(ps, r.width - 2 * inset, m_theme.bodySize, m_theme.text);
        const sf::FloatRect box{r.left, y, r.width, errata[i].height() + 2 * inset};
        drawBox(target, box, m_theme.background, m_theme.mistake, 2.f);
        drawBox(target, {box.left, box.top, 6.f, box.height}, m_theme.mistake);
        errata[i].setPosition({r.left + inset + 4.f, y + inset});
        errata[i].draw(target);
        y += box.height + m_theme.gap * 2;
    }

    // The step's question, unless presenter mode shows it large over the panels.
    if (!questionOverPanels())
        if (const float h = drawQuestion(target, r.left, y, r.width, m_narrationScroll); h > 0.f) y += h + m_theme.gap * 2;

    float x = r.left;
    const float bh = static_cast<float>(m_theme.bodySize) * 2.0f;
    for (auto& b : m_actionButtons) {
        const float w = views::textWidth(b.label, m_theme.bodySize) + 2 * m_theme.padding;
        if (x + w > r.left + r.width) {
            x = r.left;
            y += bh + m_theme.gap;
        }
        b.rect = {x, y, w, bh};
        drawButton(target, b);
        b.rect.top -= m_narrationScroll; // clicks arrive in screen pixels
        x += w + m_theme.gap;
    }
    if (!m_actionButtons.empty()) y += bh;
    m_narrationContentHeight = y - r.top;
    target.setView(screenView);
    for (auto& b : m_actionButtons) // a button scrolled out of sight is not clickable
        if (b.rect.top < clip.top || b.rect.top + b.rect.height > clip.top + clip.height) b.rect = {};
    if (!questionOverPanels())
        for (auto& c : m_choiceRects) // nor is a choice
            if (c.top < clip.top || c.top + c.height > clip.top + clip.height) c = {};
    if (m_narrationContentHeight > r.height) {
        const bool more = m_narrationScroll < m_narrationContentHeight - r.height - 1.f;
        const std::string hint = more ? "more below ▼ (scroll)" : "▲ top (scroll)";
        const float w = views::textWidth(hint, m_theme.smallSize) + 2 * m_theme.padding;
        const float h = views::lineHeight(m_theme.smallSize) + m_theme.padding;
        const sf::FloatRect badge{frame.left + frame.width - w - 4.f, frame.top + frame.height - h - 4.f, w, h};
        drawBox(target, badge, m_theme.accent);
        drawText(target, hint, {badge.left + badge.width / 2.f, badge.top + badge.height / 2.f}, m_theme.smallSize,
                 views::readableOn(m_theme.accent), HAlign::Center, VAlign::Center);
    }
}

// The shape line under the equation, then tighter, then without its "(m = …)": a narrow
// equation box keeps the shape rule whole rather than cut it.
static std::vector<std::string> shapeLineWordings(const std::string& line) {
    std::vector<std::string> out{line};
    const auto at = line.find("     (");
    if (at != std::string::npos) {
        out.push_back(line.substr(0, at) + "  " + line.substr(at + 5));
        out.push_back(line.substr(0, at));
    }
    return out;
}

void LessonScreen::drawEquation(sf::RenderTarget& target) {
    if (m_equationRect.height <= 0.f) return;
    // In presenter mode a waiting question takes the equation's place; the equation is still laid out.
    const bool hidden = questionOverPanels() && questionArea().top <= m_equationRect.top;
    const sf::FloatRect r = m_equationRect;
    if (!hidden) drawBox(target, r, m_theme.panel, m_theme.panelBorder, 1.f);
    const float pad = m_theme.padding;
    // The longest of several wordings that fits the width, else the last one shortened.
    auto fitting = [&](const std::vector<std::string>& wordings, unsigned size) {
        for (const auto& w : wordings)
            if (views::textWidth(w, size) <= r.width - 2 * pad) return w;
        return views::elide(wordings.back(), size, r.width - 2 * pad);
    };
    std::string label = "equation";
    std::string shortLabel = label, shortestLabel = label;
    if (m_step->executes) {
        const auto& ids = m_snapshot->equationIds;
        const auto it = std::find(ids.begin(), ids.end(), *m_step->executes);
        const auto index = static_cast<std::size_t>(it - ids.begin());
        const bool done = m_snapshot->position > index;
        shortestLabel = "equation " + std::to_string(index + 1) + " of " + std::to_string(ids.size()) + "  ·  " + *m_step->executes;
        label = shortestLabel + (done ? "  ·  computed on the real batch" : "  ·  not run yet");
        shortLabel = shortestLabel + (done ? "  ·  computed" : "  ·  not run yet");
    }
    const EquationChrome chrome = equationChrome(m_theme, m_presenting);
    if (!hidden)
        drawText(target, fitting({label, shortLabel, shortestLabel}, m_theme.smallSize),
                 {r.left + pad, r.top + (m_presenting ? m_theme.gap : pad)}, m_theme.smallSize, m_theme.mutedText);
    m_equation.setColor(m_theme.text);
    m_equation.setHighlightColor(m_theme.highlight);
    m_equation.highlight(m_hoverTensor);
    const sf::FloatRect eb = m_equation.bounds();
    const float top = r.top + chrome.label;
    const float below = m_presenting ? (m_step->executes ? chrome.shapes : 0.f) + m_theme.gap : chrome.shapes;
    const float eqAreaH = r.height - chrome.label - below;
    m_equation.setPosition({std::round(r.left + (r.width - eb.width) / 2.f), std::round(top + (eqAreaH - eb.height) / 2.f)});
    if (hidden) return;
    m_equation.draw(target);
    if (!m_shapeLine.empty())
        drawText(target, fitting(shapeLineWordings(m_shapeLine), m_theme.bodySize),
                 {r.left + r.width / 2.f, r.top + r.height - (m_presenting ? m_theme.gap : pad)}, m_theme.bodySize,
                 m_theme.mutedText, HAlign::Center,
                 VAlign::Bottom);
}

void LessonScreen::drawPanels(sf::RenderTarget& target) {
    if (questionOverPanels()) { // the waiting question, large, where the views go
        sf::FloatRect area = questionArea();
        const views::Theme was = m_theme;
        if (!m_presenting) { // an end check on the desktop: larger text, lines a reader can follow
            m_theme = was.scaled(1.3f);
            area.width = std::min(area.width, 48.f * static_cast<float>(m_theme.bodySize));
        }
        drawQuestion(target, area.left, area.top, area.width, 0.f);
        m_theme = was;
        return;
    }
    if (viewsHeld()) { // the views would give the answer away
        for (const auto& pp : m_panels) {
            drawBox(target, pp->rect, m_theme.panel, m_theme.panelBorder, 1.f);
            views::NarrationView text;
            text.set(views::plainParagraphs("This view appears once the question is answered (→ shows the answer)."),
                     pp->rect.width - 4 * m_theme.padding, m_theme.bodySize, m_theme.mutedText);
            text.setPosition({pp->rect.left + 2 * m_theme.padding, pp->rect.top + 2 * m_theme.padding});
            text.draw(target);
        }
        return;
    }
    for (auto& pp : m_panels) {
        Panel& p = *pp;
        const bool linked = !m_hoverTensor.empty() && p.spec.tensor == m_hoverTensor;
        // Text panels frame the rectangle above the caption, as the views do.
        const std::vector<std::string> caption = captionLines(p.spec.caption, p.rect.width, m_theme);
        const TextPanelArea area = textPanelArea(p.rect, captionHeight(caption.size(), m_theme), m_theme);
        if (p.placeholder.empty() && p.table) {
            drawBox(target, area.box, m_theme.panel, m_theme.panelBorder, 1.f);
            views::drawTable(target, *p.table, area.inner, m_theme, p.tableFit(area.inner, m_theme));
        } else if (!p.placeholder.empty()) { // why the view is not there yet
            drawBox(target, area.box, m_theme.panel, m_theme.panelBorder, 1.f);
            views::NarrationView text;
            text.set(views::plainParagraphs(p.placeholder), area.inner.width, m_theme.bodySize, m_theme.mutedText);
            text.setPosition({area.inner.left, area.inner.top});
            text.draw(target);
        } else if (p.matrix) {
            p.matrix->draw(target, m_theme); // heatmaps keep full-size text: their tooltips are read from afar
        } else {
            // Diagrams lay out one text line per neuron; in a panel too short for ten lines of
            // presenter text they draw with type shrunk to fit (never below 75 %).
            const float needed = static_cast<float>(m_theme.bodySize) * 17.f;
            const float fit = std::clamp(p.rect.height / needed, 0.75f, 1.f);
            const views::Theme theme = fit < 1.f ? m_theme.scaled(fit) : m_theme;
            if (views::View* v = p.view()) v->draw(target, theme);
        }
        // The caption's lines, the last one at the panel's bottom edge.
        for (std::size_t k = 0; k < caption.size(); ++k) {
            const float up = static_cast<float>(caption.size() - 1 - k) * (views::lineHeight(m_theme.smallSize) + 2.f);
            drawText(target, caption[k], {p.rect.left + p.rect.width / 2.f, p.rect.top + p.rect.height - up},
                     m_theme.smallSize, m_theme.mutedText, HAlign::Center, VAlign::Bottom);
        }
        if (linked) drawBox(target, p.rect, sf::Color::Transparent, m_theme.highlight, 3.f);
    }
}

void LessonScreen::drawButton(sf::RenderTarget& target, const Button& b) {
    const bool hover = b.rect.contains(m_mouse);
    drawBox(target, b.rect, b.active ? m_theme.accent : (hover ? m_theme.grid : m_theme.background),
            m_theme.panelBorder, 1.f);
    drawText(target, b.label, {b.rect.left + b.rect.width / 2.f, b.rect.top + b.rect.height / 2.f}, m_theme.bodySize,
             b.active ? m_theme.background : m_theme.text, HAlign::Center, VAlign::Center);
}

std::string LessonScreen::statusLine() const {
    const auto& s = *m_snapshot;
    const char* state = s.state == training::TrainerState::Running ? "running"
                        : s.state == training::TrainerState::Paused ? "paused"
                                                                     : "DIVERGED";
    const std::string loss = s.history.empty() ? std::string("—") : views::formatValue(s.loss, 4);
    if (m_presenting) // what the back row needs: where training is and how well it does
        return "iteration " + views::formatCount(s.iteration) + "  ·  loss " + loss + "  ·  dev " +
               views::formatPercent(s.devAccuracy) + "  ·  " + state +
               (s.config.alpha != 0.1f ? "  ·  α = " + views::formatValue(s.config.alpha, 3) : std::string()) +
               (s.config.paperFaithful ? "  ·  PAPER-FAITHFUL" : "");
    std::string speed = s.targetIterationsPerSecond > 0 ? views::formatValue(s.targetIterationsPerSecond, 3) + " it/s limit"
                                                        : "full speed";
    return "iteration " + views::formatCount(s.iteration) + "    loss " + loss + "    train " +
           (s.history.empty() ? std::string("—") : views::formatPercent(s.trainAccuracy)) + "    dev " +
           views::formatPercent(s.devAccuracy) +
           (s.testAccuracy >= 0 ? "    test " + views::formatPercent(s.testAccuracy) : std::string()) + "    " +
           (s.state == training::TrainerState::Running ? views::formatValue(s.iterationsPerSecond, 3) + " it/s"
                                                       : std::string("0 it/s")) +
           "  (" + speed + ")    α = " + views::formatValue(s.config.alpha, 3) +
           (s.config.paperFaithful ? "    PAPER-FAITHFUL" : "") + "    " + state +
           "    equations run this iteration: " + std::to_string(s.position) + "/" + std::to_string(s.equationIds.size());
}

void LessonScreen::drawStrip(sf::RenderTarget& target) {
    const auto& s = *m_snapshot;
    drawBox(target, m_stripRect, m_theme.panel);
    const float pad = m_theme.padding * 1.5f;
    const bool running = s.state == training::TrainerState::Running;
    const sf::Color lineColour = s.state == training::TrainerState::Diverged ? m_theme.mistake : m_theme.text;
    if (m_presenting) {
        // One row: the status on the left, a few large buttons on the right.
        m_stripButtons = {
            {{}, "◀", UiAction::PreviousStep},
            {{}, "▶", UiAction::NextStep},
            {{}, running ? "Pause" : buttonLabel(UiAction::PlayPause, false), UiAction::PlayPause, 0, running},
            {{}, buttonLabel(UiAction::TextSmaller, false), UiAction::TextSmaller},
            {{}, buttonLabel(UiAction::TextLarger, false), UiAction::TextLarger},
        };
        const float bh = m_stripRect.height - 2 * m_theme.padding * 0.6f;
        float x = m_size.x - pad;
        for (auto it = m_stripButtons.rbegin(); it != m_stripButtons.rend(); ++it) {
            const float w = views::textWidth(it->label, m_theme.bodySize) + 2 * m_theme.padding;
            x -= w;
            it->rect = {x, m_stripRect.top + (m_stripRect.height - bh) / 2.f, w, bh};
            drawButton(target, *it);
            x -= m_theme.gap;
        }
        // Tighter separators before anything is cut ("paused" must stay readable at 1280 px).
        std::string line = statusLine();
        const std::string wide = "  ·  ";
        if (views::textWidth(line, m_theme.bodySize) > x - 2 * pad)
            for (std::size_t at; (at = line.find(wide)) != std::string::npos;) line.replace(at, wide.size(), " · ");
        drawText(target, views::elide(line, m_theme.bodySize, x - 2 * pad),
                 {pad, m_stripRect.top + m_stripRect.height / 2.f}, m_theme.bodySize, lineColour, HAlign::Left,
                 VAlign::Center);
    } else {
        drawText(target, views::elide(statusLine(), m_theme.bodySize, m_stripRect.width - 2 * pad),
                 {pad, m_stripRect.top + m_theme.padding}, m_theme.bodySize, lineColour);
        // Every bound action with a button, labelled from the key table.
        m_stripButtons.clear();
        for (UiAction a : {UiAction::PreviousStep, UiAction::NextStep, UiAction::PlayPause, UiAction::OneIteration,
                           UiAction::Reset, UiAction::Slower, UiAction::Faster, UiAction::LessonMenu, UiAction::DrawDigit, UiAction::Compare,
                           UiAction::Present, UiAction::TextSmaller, UiAction::TextLarger, UiAction::Help,
                           UiAction::Docs, UiAction::Fullscreen, UiAction::Screenshot, UiAction::Quit}) {
            const bool active = (a == UiAction::PlayPause && running) || (a == UiAction::LessonMenu && m_menu) ||
                                (a == UiAction::Help && m_help);
            std::string label = buttonLabel(a, a != UiAction::TextSmaller && a != UiAction::TextLarger);
            if (a == UiAction::PlayPause && running) label = "Pause (P)";
            m_stripButtons.push_back({{}, std::move(label), a, 0, active});
        }
        float x = pad;
        const float bh = static_cast<float>(m_theme.bodySize) * 1.9f;
        const float y = m_stripRect.top + m_stripRect.height - bh - m_theme.padding;
        for (auto& b : m_stripButtons) {
            const float w = views::textWidth(b.label, m_theme.bodySize) + 2 * m_theme.padding;
            b.rect = {x, y, w, bh};
            if (x + w <= m_size.x - pad) drawButton(target, b);
            else b.rect = {};
            x += w + m_theme.gap;
        }
    }
    std::string message = s.message;
    bool error = s.state == training::TrainerState::Diverged;
    if (m_statusFrames > 0) {
        --m_statusFrames;
        message = m_status;
        error = m_statusError;
    }
    if (!m_errors.empty()) {
        message = m_errors;
        error = true;
    }
    if (!message.empty()) {
        const float w = std::min(m_size.x * 0.9f, views::textWidth(message, m_theme.bodySize) + 4 * m_theme.padding);
        const sf::FloatRect box{(m_size.x - w) / 2.f, m_stripRect.top - static_cast<float>(m_theme.bodySize) * 2.6f, w,
                                static_cast<float>(m_theme.bodySize) * 2.2f};
        drawBox(target, box, m_theme.panel, error ? m_theme.mistake : m_theme.accent, 2.f);
        drawText(target, views::elide(message, m_theme.bodySize, w - 2 * m_theme.padding),
                 {box.left + box.width / 2.f, box.top + box.height / 2.f}, m_theme.bodySize,
                 error ? m_theme.mistake : m_theme.text, HAlign::Center, VAlign::Center);
    }
}

// ---------------------------------------------------------------- events

UiAction LessonScreen::handleEvent(const sf::Event& event) {
    if (event.type == sf::Event::MouseMoved) m_mouse = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
    if (m_menu) return handleMenuEvent(event);
    if (event.type == sf::Event::MouseWheelScrolled && m_showNarration && m_narrationRect.contains(m_mouse)) {
        m_narrationScroll -= event.mouseWheelScroll.delta * static_cast<float>(m_theme.bodySize) * 3.f;
        return UiAction::None;
    }
    if (event.type == sf::Event::MouseButtonReleased && event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at{static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
        for (const auto& b : m_stripButtons)
            if (b.rect.contains(at)) return b.action;
        for (std::size_t i = 0; i < m_choiceRects.size(); ++i)
            if (m_choiceRects[i].contains(at)) {
                m_clickedChoice = static_cast<int>(i);
                return UiAction::None;
            }
        for (const auto& b : m_actionButtons)
            if (b.rect.contains(at) && m_step && b.stepAction < m_step->actions.size()) {
                m_clickedAction = m_step->actions[b.stepAction];
                return UiAction::StepAction;
            }
        for (std::size_t i = 0; i < m_panels.size(); ++i)
            if (m_panels[i]->rect.contains(at)) m_clickedPanel = static_cast<int>(i);
    }
    // Views get hover, zoom and pan.
    for (auto& pp : m_panels)
        if (views::View* v = pp->view(); v && v->handleEvent(event)) break;
    // A click on one of the training images makes it the focused image j.
    for (auto& pp : m_panels)
        if (pp->spec.kind == lessons::ViewKind::Digits && pp->digits)
            if (const auto clicked = pp->digits->takeClickedImage()) {
                const int j = (pp->spec.columns ? pp->spec.columns->first : 0) + *clicked;
                if (j < kFocusImages) chooseFocusColumn(j);
            }
    if (event.type == sf::Event::MouseMoved) {
        m_hoverTensor = m_equation.symbolAt(m_mouse);
        if (m_hoverTensor.empty())
            for (const auto& pp : m_panels)
                if (pp->rect.contains(m_mouse)) m_hoverTensor = pp->spec.tensor;
    }
    return UiAction::None;
}

} // namespace stepwise::app
