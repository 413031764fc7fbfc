// LessonScreen: layout and drawing of one lesson step, and mapping the step's [[step.show]]
// entries onto views fed from the newest training snapshot.
// Sections: panels, update, layout, drawing, events.
#include "app/lesson_screen.hpp"

#include "app/live_checks.hpp"
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

// ---------------------------------------------------------------- panels

struct LessonScreen::Panel {
    std::future<std::vector<CheckRow>> check; // gradient check running in the background
    std::vector<CheckRow> checkRows;
    long checkedIteration = -1;
    lessons::ViewSpec spec;
    sf::FloatRect rect;
    std::string placeholder; // shown instead of the view when its data is not there yet
    std::unique_ptr<views::MatrixView> matrix;
    std::unique_ptr<views::DigitView> digits;
    std::unique_ptr<views::NetworkView> network;
    std::unique_ptr<views::DotProductView> dot;
    std::unique_ptr<views::WeightGradientView> gradient;
    std::unique_ptr<views::ReluMaskView> mask;
    std::unique_ptr<views::PlotView> plot;
    std::unique_ptr<views::ConfusionView> confusion;
    std::unique_ptr<views::PredictionGalleryView> gallery;
    std::string text; // text-only panels (equation shapes, notes on unavailable views)

    template <class F> void each(F&& f) {
        if (matrix) f(*matrix);
        if (digits) f(*digits);
        if (network) f(*network);
        if (dot) f(*dot);
        if (gradient) f(*gradient);
        if (mask) f(*mask);
        if (plot) f(*plot);
        if (confusion) f(*confusion);
        if (gallery) f(*gallery);
    }
};

LessonScreen::LessonScreen(views::Theme theme) : m_theme(std::move(theme)) {}

LessonScreen::~LessonScreen() = default;

bool LessonScreen::busy() const {
    for (const auto& p : m_panels)
        if (p->check.valid()) return true;
    return false;
}

std::vector<std::pair<std::string, sf::FloatRect>> LessonScreen::panelRects() const {
    std::vector<std::pair<std::string, sf::FloatRect>> out;
    for (const auto& p : m_panels) out.emplace_back(p->spec.tensor, p->rect);
    return out;
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

void LessonScreen::setStatus(std::string text, bool error) {
    m_status = std::move(text);
    m_statusError = error;
    m_statusFrames = 60 * 6;
}

void LessonScreen::rebuildPanels(const lessons::LessonStep& step, const core::NetworkConfig& network) {
    m_panels.clear();
    for (const auto& spec : step.views) {
        auto p = std::make_unique<Panel>();
        p->spec = spec;
        using K = lessons::ViewKind;
        switch (spec.kind) {
        case K::Heatmap: p->matrix = std::make_unique<views::MatrixView>(); break;
        case K::Digits:
        case K::WeightsAsImages: p->digits = std::make_unique<views::DigitView>(); break;
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
        case K::AccuracyCurve: p->plot = std::make_unique<views::PlotView>(); break;
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
    const std::string key = lesson.id + "#" + std::to_string(stepIndex) + "#" + tex + "#" +
                            std::to_string(step.views.size()) + "#" + step.narration;
    m_lesson = &lesson;
    m_step = &step;
    m_stepIndex = stepIndex;
    const bool newStep = key != m_stepKey;
    if (newStep) {
        m_stepKey = key;
        rebuildPanels(step, snapshot.config);
        try {
            m_equation.setTex(tex);
        } catch (const std::exception& e) {
            setStatus(std::string("equation: ") + e.what(), true);
        }
        m_focusColumn = focusColumn(step, snapshot.config);
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

void LessonScreen::refreshPanels(const training::TrainingSnapshot& s) {
    const auto version = m_dataVersion;
    const long m = s.trainColumns;
    auto perColumn = [&](const Eigen::MatrixXf& t) { return t.cols() == m || (s.windowed && t.cols() == s.sampleColumns.size() && t.cols() != 784); };
    const int j = m_focusColumn;
    const auto L = std::to_string(s.config.layers());
    for (auto& pp : m_panels) {
        Panel& p = *pp;
        const auto& spec = p.spec;
        p.placeholder.clear();
        const Eigen::MatrixXf* t = spec.tensor.empty() ? nullptr : s.tensor(spec.tensor);
        auto notYet = [&](const std::string& name) {
            p.placeholder = name + " is not computed yet at this point of the iteration. Press → to run the next "
                                   "equation.";
        };
        using K = lessons::ViewKind;
        switch (spec.kind) {
        case K::Heatmap: {
            if (!t) { notYet(spec.tensor); break; }
            p.matrix->setData(spec.tensor, *t, version);
            if (perColumn(*t)) {
                const int first = spec.columns ? spec.columns->first : 0;
                const int count = spec.columns ? spec.columns->count : 16;
                p.matrix->setColumnWindow(first, count);
                if (s.windowed)
                    p.matrix->setTitle(spec.tensor + "   (live: the first " + std::to_string(t->cols()) + " of " +
                                       views::formatCount(m) + " columns)");
                else
                    p.matrix->setTitle(spec.tensor);
            } else {
                p.matrix->setTitle(spec.tensor);
            }
            std::vector<views::MatrixView::Highlight> hs;
            if (m_step)
                for (const auto& h : m_step->highlights) {
                    if (h.isSymbol || h.tensor != spec.tensor) continue;
                    const std::optional<int> col = h.followsFocusColumn ? std::optional<int>(j) : h.col;
                    if (h.row && col) hs.push_back(views::MatrixView::Highlight::cell(*h.row, *col));
                    else if (h.row) hs.push_back(views::MatrixView::Highlight::wholeRow(*h.row));
                    else if (col) hs.push_back(views::MatrixView::Highlight::wholeColumn(*col));
                }
            p.matrix->setHighlights(std::move(hs));
            break;
        }
        case K::Digits: {
            if (!s.batch) { notYet("A0"); break; }
            const int first = spec.columns ? spec.columns->first : 0;
            const int count = std::min<int>(spec.columns ? spec.columns->count : 12, static_cast<int>(s.batch->size()) - first);
            std::vector<int> labels, predicted, index;
            const Eigen::MatrixXf* A = s.tensor("A" + L);
            for (int c = first; c < first + count; ++c) {
                labels.push_back(s.batch->labels(c));
                index.push_back(c);
                if (A && c < A->cols()) {
                    Eigen::Index best = 0;
                    A->col(c).maxCoeff(&best);
                    predicted.push_back(static_cast<int>(best));
                }
            }
            if (predicted.size() != labels.size()) predicted.clear();
            p.digits->setSamples(s.batch->X.middleCols(first, count), labels, predicted, index, version);
            p.digits->setTitle("A0: " + std::to_string(count) + " of the " + views::formatCount(m) +
                               " training images (columns " + std::to_string(first) + "–" +
                               std::to_string(first + count - 1) + ")");
            p.digits->setHighlighted(j >= first && j < first + count ? std::optional<int>(j - first) : std::nullopt);
            break;
        }
        case K::WeightsAsImages: {
            if (!t) { notYet(spec.tensor); break; }
            p.digits->setWeightRows(spec.tensor, *t, std::nullopt, version);
            p.digits->setTitle(spec.title.empty() ? spec.tensor + " rows as images" : spec.title);
            break;
        }
        case K::Diagram: {
            if (!s.batch || s.config.layers() != 2) {
                p.placeholder = "The diagram draws the 784 → n → 10 network with one hidden layer.";
                break;
            }
            p.network->setWeights(s.parameters.W(1), s.parameters.W(2), version);
            // The focused sample's forward pass with the current parameters, through core's equations.
            const core::ForwardPass f = core::forwardPass(s.config, s.parameters, s.batch->X.col(j));
            p.network->setSample(f.A[0].col(0), f.A[1].col(0), f.A[2].col(0), s.batch->labels(j), j);
            p.network->setHiddenActivation(std::string(core::toString(s.config.activation)) == "relu" ? "ReLU"
                                                                                                      : std::string(core::toString(s.config.activation)));
            break;
        }
        case K::DotProduct: {
            const int row = spec.cell && spec.cell->row ? *spec.cell->row : 0;
            const int col = spec.cell && spec.cell->col ? *spec.cell->col : j;
            if (p.dot) {
                const Eigen::MatrixXf& W1 = s.parameters.W(1);
                const float b = s.parameters.b(1)(row);
                std::optional<float> z;
                if (t && col < t->cols()) z = (*t)(row, col);
                if (!s.batch) { notYet("A0"); break; }
                p.dot->setCell(row, col, W1.row(row).transpose(), s.batch->X.col(col), b, z);
            } else if (p.gradient) { // dWˡ = (1/m) dZˡ Aˡ⁻¹ᵀ: the two tensors its equation reads
                const auto producer = core::producerOf(s.config, spec.tensor);
                const Eigen::MatrixXf* dZ2 = producer ? s.tensor(producer->inputs.at(0)) : nullptr;
                const Eigen::MatrixXf* A1 = producer ? s.tensor(producer->inputs.at(1)) : nullptr;
                if (!dZ2 || !A1) { notYet(producer ? producer->inputs.at(0) : spec.tensor); break; }
                const int k = spec.cell && spec.cell->col ? *spec.cell->col : 0;
                const int shown = static_cast<int>(std::min<Eigen::Index>(12, dZ2->cols()));
                std::optional<float> value;
                if (t) value = (*t)(row, k);
                const long divisor = static_cast<long>(s.gradientDivisor()); // 42,000 when paper-faithful
                p.gradient->setCell(row, k, dZ2->row(row).head(shown).transpose(), A1->row(k).head(shown).transpose(),
                                    divisor, value, 0);
            } else if (p.matrix) { // dbˡ = (1/m) Σⱼ dZˡ[:, j]: the row of the tensor its equation reads
                const auto producer = core::producerOf(s.config, spec.tensor);
                const std::string dZName = producer ? producer->inputs.at(0) : std::string();
                const Eigen::MatrixXf* dZ = dZName.empty() ? nullptr : s.tensor(dZName);
                if (!dZ) { notYet(spec.tensor); break; }
                p.matrix->setData(dZName, *dZ, version);
                p.matrix->setColumnWindow(0, 16);
                p.matrix->setHighlights({views::MatrixView::Highlight::wholeRow(row)});
                p.matrix->setTitle(spec.tensor + "[" + std::to_string(row) + "] = mean of row " + std::to_string(row) +
                                   " of " + dZName + (t ? " = " + views::formatValue((*t)(row, 0)) : std::string()));
            }
            break;
        }
        case K::ReluMask: {
            if (!t) { notYet(spec.tensor); break; }
            p.mask->setData(*t, version);
            p.mask->setColumnWindow(spec.columns ? spec.columns->first : 0, spec.columns ? spec.columns->count : 16);
            break;
        }
        case K::LossCurve:
        case K::AccuracyCurve: {
            views::PlotView::Series a, b;
            const bool loss = spec.kind == K::LossCurve;
            a.name = loss ? "loss" : "train";
            b.name = "dev";
            b.colour = 1;
            for (const auto& h : s.history) {
                a.x.push_back(static_cast<float>(h.iteration));
                a.y.push_back(static_cast<float>(loss ? h.loss : h.trainAccuracy));
                b.x.push_back(static_cast<float>(h.iteration));
                b.y.push_back(static_cast<float>(h.devAccuracy));
            }
            std::vector<views::PlotView::Series> series{a};
            if (!loss) series.push_back(b);
            p.plot->setSeries(series);
            p.plot->setTitle(!spec.title.empty() ? spec.title : loss ? "Cross-entropy loss" : "Accuracy");
            p.plot->setPercent(!loss);
            if (!loss) p.plot->setYRange(0.f, 1.f);
            std::vector<views::PlotView::ReferencePoint> references; // what the lesson marks, e.g. the paper's results
            for (const auto& r : spec.references) references.push_back({r.at, r.value, r.label});
            p.plot->setReferencePoints(std::move(references));
            if (s.history.empty()) p.placeholder = "No iterations yet. Press P to train (or S for one iteration).";
            break;
        }
        case K::Predictions: {
            const Eigen::Index k = std::min<Eigen::Index>(11, s.devPredictions.size());
            if (k == 0) { p.placeholder = "No dev predictions yet."; break; }
            std::vector<int> actual(s.devLabels.data(), s.devLabels.data() + k);
            std::vector<int> predicted(s.devPredictions.data(), s.devPredictions.data() + k);
            p.gallery->setSamples(s.devImages.leftCols(k), actual, predicted);
            p.gallery->setTitle("Dev set after " + std::to_string(s.iteration) + " iterations: Actual / Predict");
            break;
        }
        case K::Confusion: p.confusion->setCounts(s.confusion, "dev set, " + std::to_string(s.iteration) + " iterations"); break;
        case K::GradientCheck: {
            if (!s.tensor("dW1") || !s.tensor("dW2") || !s.batch) {
                p.placeholder = "Backprop gradients are not computed yet: press S for one iteration.";
                break;
            }
            if (!p.check.valid() && p.checkedIteration != s.iteration) {
                p.checkedIteration = s.iteration;
                p.check = std::async(std::launch::async, gradientCheck, s.config, s.tensors, s.batch);
            }
            if (p.check.valid() && p.check.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
                p.checkRows = p.check.get();
            std::string table = "Finite differences (L(w+ε) − L(w−ε)) / 2ε, ε = 0.01, on the same " +
                                views::formatCount(m) + " images, against backpropagation (iteration " +
                                std::to_string(p.checkedIteration) + "):\n\n";
            for (const auto& r : p.checkRows)
                table += r.name + "    backprop " + views::formatValue(r.backprop, 5) + "    finite difference " +
                         views::formatValue(r.numeric, 5) + "    relative error " + views::formatValue(r.relative, 2) +
                         "\n";
            if (p.checkRows.empty()) table += "computing…";
            p.text = table;
            break;
        }
        case K::ComparePaper: {
            if (!s.tensor("W1") || !s.batch) break;
            if (!p.check.valid() && p.checkedIteration != s.iteration) {
                p.checkedIteration = s.iteration;
                p.check = std::async(std::launch::async, comparePaper, s.config, s.tensors, s.batch, s.paperRows);
            }
            if (p.check.valid() && p.check.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
                p.checkRows = p.check.get();
            std::string table = "One iteration from the same weights on the same " + views::formatCount(m) +
                                " images (iteration " + std::to_string(p.checkedIteration) + ", α = " +
                                views::formatValue(s.config.alpha, 3) + "):\n\n";
            for (const auto& r : p.checkRows)
                table += r.name + ":    corrected " + views::formatValue(r.backprop, 5) + "    paper's script " +
                         views::formatValue(r.numeric, 5) + "\n";
            if (p.checkRows.empty()) table += "computing…";
            else
                table += "\nThe live network now runs " +
                         std::string(s.config.paperFaithful ? "the paper's script (paper-faithful mode)." : "the corrected math.");
            p.text = table;
            break;
        }
        case K::EquationShapes:
            p.text = m_step && m_step->executes ? shapeLine(s, *m_step->executes) : "";
            break;
        }
    }
}

// ---------------------------------------------------------------- layout

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
    const float chrome = static_cast<float>(m_theme.smallSize) * 1.6f +
                         (shapes ? static_cast<float>(m_theme.bodySize) * 2.0f : m_theme.padding) + 2 * m_theme.padding;
    const float available = H - headerH - stripH - 2 * pad;
    const float largest = static_cast<float>(m_theme.equationSize) * 1.7f;
    const float smallest = static_cast<float>(m_theme.equationSize) * 1.2f;
    auto fitEquation = [&](float width) {
        float size = largest;
        m_equation.setFontSize(size);
        while (size > smallest && (m_equation.bounds().width > width - 2 * m_theme.padding ||
                                   m_equation.bounds().height + chrome > available * 0.45f)) {
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
    // side largest (three short panels read better side by side than stacked 2 + 1).
    std::size_t cols = n == 1 ? 1 : 2;
    if (m_presenting) {
        float best = 0.f;
        for (std::size_t c = 1; c <= n; ++c) {
            const std::size_t r = (n + c - 1) / c;
            const float w = (m_panelArea.width - pad * static_cast<float>(c - 1)) / static_cast<float>(c);
            const float h = (m_panelArea.height - pad * static_cast<float>(r - 1)) / static_cast<float>(r);
            if (std::min(w, h * 1.2f) > best + 1.f) {
                best = std::min(w, h * 1.2f);
                cols = c;
            }
        }
    }
    const std::size_t rows = (n + cols - 1) / cols;
    const float cw = (m_panelArea.width - pad * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float ch = (m_panelArea.height - pad * static_cast<float>(rows - 1)) / static_cast<float>(rows);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t r = i / cols, c = i % cols;
        // A last panel alone on its row takes the full width.
        const bool alone = (i == n - 1) && (n % cols == 1) && cols > 1;
        sf::FloatRect rect{m_panelArea.left + static_cast<float>(c) * (cw + pad), m_panelArea.top + static_cast<float>(r) * (ch + pad),
                           alone ? m_panelArea.width : cw, ch};
        Panel& p = *m_panels[i];
        p.rect = rect;
        const float captionH = p.spec.caption.empty() ? 0.f : static_cast<float>(m_theme.smallSize) * 2.0f;
        sf::FloatRect inner{rect.left, rect.top, rect.width, rect.height - captionH};
        p.each([&](auto& v) { v.setRect(inner); });
    }
}

// ---------------------------------------------------------------- drawing

void LessonScreen::draw(sf::RenderTarget& target) {
    target.clear(m_theme.background);
    if (!m_step || !m_snapshot) return;
    drawHeader(target);
    drawNarration(target);
    drawEquation(target);
    drawPanels(target);
    drawStrip(target);
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
                                 (m_presenting ? "" : "   ·   → next   ← back   H help");
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

void LessonScreen::drawEquation(sf::RenderTarget& target) {
    if (m_equationRect.height <= 0.f) return;
    const sf::FloatRect r = m_equationRect;
    drawBox(target, r, m_theme.panel, m_theme.panelBorder, 1.f);
    const float pad = m_theme.padding;
    std::string label = "equation";
    if (m_step->executes) {
        const auto& ids = m_snapshot->equationIds;
        const auto it = std::find(ids.begin(), ids.end(), *m_step->executes);
        const auto index = static_cast<std::size_t>(it - ids.begin());
        label = "equation " + std::to_string(index + 1) + " of " + std::to_string(ids.size()) + "  ·  " +
                *m_step->executes + (m_snapshot->position > index ? "  ·  computed on the real batch"
                                                                   : "  ·  not run yet");
    }
    drawText(target, views::elide(label, m_theme.smallSize, r.width - 2 * pad), {r.left + pad, r.top + pad},
             m_theme.smallSize, m_theme.mutedText);
    m_equation.setColor(m_theme.text);
    m_equation.setHighlightColor(m_theme.highlight);
    m_equation.highlight(m_hoverTensor);
    const sf::FloatRect eb = m_equation.bounds();
    const float top = r.top + pad + static_cast<float>(m_theme.smallSize) * 1.6f;
    const float eqAreaH = r.height - (top - r.top) - static_cast<float>(m_theme.bodySize) * 2.0f;
    m_equation.setPosition({std::round(r.left + (r.width - eb.width) / 2.f), std::round(top + (eqAreaH - eb.height) / 2.f)});
    m_equation.draw(target);
    if (!m_shapeLine.empty())
        drawText(target, views::elide(m_shapeLine, m_theme.bodySize, r.width - 2 * pad),
                 {r.left + r.width / 2.f, r.top + r.height - pad}, m_theme.bodySize, m_theme.mutedText, HAlign::Center,
                 VAlign::Bottom);
}

void LessonScreen::drawPanels(sf::RenderTarget& target) {
    for (auto& pp : m_panels) {
        Panel& p = *pp;
        const bool linked = !m_hoverTensor.empty() && p.spec.tensor == m_hoverTensor;
        if (!p.placeholder.empty() || (!p.text.empty())) {
            drawBox(target, p.rect, m_theme.panel, m_theme.panelBorder, 1.f);
            const std::string& msg = p.placeholder.empty() ? p.text : p.placeholder;
            views::NarrationView text;
            text.set(views::plainParagraphs(msg), p.rect.width - 4 * m_theme.padding, m_theme.bodySize,
                     p.placeholder.empty() ? m_theme.text : m_theme.mutedText);
            text.setPosition({p.rect.left + 2 * m_theme.padding, p.rect.top + 2 * m_theme.padding});
            text.draw(target);
        } else if (p.matrix) {
            p.matrix->draw(target, m_theme); // heatmaps keep full-size text: their tooltips are read from afar
        } else {
            // Diagrams lay out one text line per neuron; in a panel too short for ten lines of
            // presenter text they draw with type shrunk to fit (never below 75 %).
            const float needed = static_cast<float>(m_theme.bodySize) * 17.f;
            const float fit = std::clamp(p.rect.height / needed, 0.75f, 1.f);
            const views::Theme theme = fit < 1.f ? m_theme.scaled(fit) : m_theme;
            p.each([&](auto& v) { v.draw(target, theme); });
        }
        if (!p.spec.caption.empty())
            drawText(target, views::elide(p.spec.caption, m_theme.smallSize, p.rect.width), {p.rect.left + p.rect.width / 2.f, p.rect.top + p.rect.height},
                     m_theme.smallSize, m_theme.mutedText, HAlign::Center, VAlign::Bottom);
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
            {{}, running ? "Pause" : "Play", UiAction::PlayPause, 0, running},
            {{}, "A−", UiAction::TextSmaller},
            {{}, "A+", UiAction::TextLarger},
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
        drawText(target, views::elide(statusLine(), m_theme.bodySize, x - 2 * pad),
                 {pad, m_stripRect.top + m_stripRect.height / 2.f}, m_theme.bodySize, lineColour, HAlign::Left,
                 VAlign::Center);
    } else {
        drawText(target, views::elide(statusLine(), m_theme.bodySize, m_stripRect.width - 2 * pad),
                 {pad, m_stripRect.top + m_theme.padding}, m_theme.bodySize, lineColour);
        m_stripButtons = {
            {{}, "◀ Back", UiAction::PreviousStep},
            {{}, "Next ▶", UiAction::NextStep},
            {{}, running ? "Pause (P)" : "Play (P)", UiAction::PlayPause, 0, running},
            {{}, "One iteration (S)", UiAction::OneIteration},
            {{}, "Reset (R)", UiAction::Reset},
            {{}, "Slower (−)", UiAction::Slower},
            {{}, "Faster (+)", UiAction::Faster},
            {{}, "Lessons (L)", UiAction::LessonMenu, 0, m_menu},
            {{}, "Draw (G)", UiAction::DrawDigit},
            {{}, "Present (F5)", UiAction::Present},
            {{}, "A−", UiAction::TextSmaller},
            {{}, "A+", UiAction::TextLarger},
            {{}, "Help (H)", UiAction::Help, 0, m_help},
            {{}, "Docs (D)", UiAction::Docs},
            {{}, "Fullscreen (F11)", UiAction::Fullscreen},
            {{}, "Screenshot (F12)", UiAction::Screenshot},
            {{}, "Quit (Ctrl+Q)", UiAction::Quit},
        };
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
        for (const auto& b : m_actionButtons)
            if (b.rect.contains(at) && m_step && b.stepAction < m_step->actions.size()) {
                m_clickedAction = m_step->actions[b.stepAction];
                return UiAction::StepAction;
            }
        for (std::size_t i = 0; i < m_panels.size(); ++i)
            if (m_panels[i]->rect.contains(at)) m_clickedPanel = static_cast<int>(i);
    }
    // Views get hover, zoom and pan.
    for (auto& pp : m_panels) {
        bool used = false;
        pp->each([&](auto& v) {
            if constexpr (requires { v.handleEvent(event); }) used = v.handleEvent(event) || used;
        });
        if (used) break;
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
