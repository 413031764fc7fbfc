// CompareScreen: runs (their trainers), curves, table, W¹ rows, the shared drawing, and the
// editing buttons. Sections: runs, layout and plots, drawing, events.
#include "app/screens/compare_screen.hpp"

#include "core/batch.hpp"
#include "core/stepper.hpp"
#include "views/colormap.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace stepwise::app {

namespace {
using views::HAlign;
using views::VAlign;

enum ButtonId { Back = 1, Page, Axis, PauseRun, Duplicate, Remove, Restart, AddRun, Hidden, Activation, Optimizer, Alpha, Open, Clear };

const std::array<std::string_view, 4> hiddenLadder{"10", "32", "128", "128-64"};
const std::array<std::string_view, 4> activationLadder{"relu", "sigmoid", "tanh", "none"};
const std::array<std::string_view, 4> optimizerLadder{"gd", "sgd", "momentum", "adam"};
const std::array<float, 5> alphaLadder{0.001f, 0.01f, 0.1f, 0.3f, 1.f};
} // namespace

// ---------------------------------------------------------------- runs

CompareScreen::CompareScreen(views::Theme theme, training::PreparedData data, std::uint64_t seed)
    : m_theme(std::move(theme)), m_data(std::move(data)), m_seed(seed) {
    m_loss.setTitle("Loss");
    m_accuracy.setTitle("Accuracy: dev solid, train dashed");
    m_accuracy.setPercent(true);
    m_accuracy.setYRange(0.f, 1.f);
    layout();
}

CompareScreen::~CompareScreen() = default;

void CompareScreen::startRun(Run& run) {
    run.spec.config.seed = m_seed; // every run of an experiment starts from the same seed and split
    training::PreparedData data = m_data; // shares the batches
    if (run.spec.trainImages > 0 && run.spec.trainImages < data.train->size()) {
        auto small = std::make_shared<core::Batch>();
        small->X = data.train->X.leftCols(run.spec.trainImages);
        small->labels = data.train->labels.head(run.spec.trainImages);
        data.train = std::move(small);
    }
    run.trainer.reset(); // the old thread stops before the new one starts
    run.trainer = std::make_unique<training::Trainer>(run.spec.config, std::move(data));
    run.trainer->send(training::command::YieldToInterface{}); // frames first, as in the lesson view
    run.trainer->send(training::command::WindowedSnapshots{}); // no whole Z1, A1, dZ1 copies: nobody steps a run
    run.trainer->send(training::command::RunIterations{m_iterations});
    run.latest = run.trainer->latest();
    run.paused = false;
}

void CompareScreen::setExperiment(std::string name, const std::vector<core::RunSpec>& runs, long iterations) {
    m_runs.clear();
    m_name = std::move(name);
    m_iterations = iterations > 0 ? iterations : 500;
    for (const auto& spec : runs) addRun(spec);
    m_selected = 0;
}

void CompareScreen::ensureDefaultExperiment() {
    if (!m_runs.empty()) return;
    const core::NetworkConfig base;
    setExperiment("The paper's network against a wider one",
                  {core::parseRunSpec("", base), core::parseRunSpec("hidden=128", base)}, 500);
}

bool CompareScreen::addRun(core::RunSpec spec) {
    if (m_runs.size() >= maxRuns) return false;
    Run run;
    run.spec = std::move(spec);
    startRun(run);
    m_runs.push_back(std::move(run));
    m_selected = m_runs.size() - 1;
    layout(); // the compact table grows with the runs
    return true;
}

void CompareScreen::removeRun(std::size_t index) {
    if (index >= m_runs.size()) return;
    m_runs.erase(m_runs.begin() + static_cast<std::ptrdiff_t>(index));
    if (m_selected >= m_runs.size() && m_selected > 0) m_selected = m_runs.size() - 1;
    layout();
}

void CompareScreen::duplicateRun(std::size_t index) {
    if (index < m_runs.size()) addRun(m_runs[index].spec);
}

void CompareScreen::togglePause(std::size_t index) {
    if (index >= m_runs.size()) return;
    Run& run = m_runs[index];
    run.paused = !run.paused;
    if (run.paused) run.trainer->send(training::command::Pause{});
    else run.trainer->send(training::command::RunUntil{m_iterations}); // counted by the trainer: no overshoot
}

void CompareScreen::restartRun(std::size_t index) {
    if (index < m_runs.size()) startRun(m_runs[index]);
}

void CompareScreen::select(std::size_t index) {
    if (index < m_runs.size()) m_selected = index;
}

void CompareScreen::cycleSetting(std::size_t index, std::string_view key) {
    if (index >= m_runs.size()) return;
    core::RunSpec& spec = m_runs[index].spec;
    core::NetworkConfig& c = spec.config;
    const auto next = [](const auto& ladder, std::string_view now) {
        std::size_t i = 0;
        while (i < ladder.size() && ladder[i] != now) ++i;
        return ladder[(i + 1) % ladder.size()];
    };
    std::string hidden;
    for (std::size_t i = 0; i < c.hidden.size(); ++i) hidden += (i ? "-" : "") + std::to_string(c.hidden[i]);
    std::string change;
    if (key == "hidden") change = "hidden=" + std::string(next(hiddenLadder, hidden));
    else if (key == "activation") change = "activation=" + std::string(next(activationLadder, core::toString(c.activation)));
    else if (key == "optimizer") {
        const auto o = next(optimizerLadder, core::toString(c.optimizer));
        change = "optimizer=" + std::string(o) + ",alpha=" + views::formatValue(core::defaultAlpha(*core::parseOptimizer(o)), 3);
    } else if (key == "alpha") {
        std::size_t i = 0;
        while (i < alphaLadder.size() && alphaLadder[i] <= c.alpha * 1.0001f) ++i;
        change = "alpha=" + views::formatValue(alphaLadder[i % alphaLadder.size()], 3);
    } else {
        return;
    }
    const long train = spec.trainImages;
    spec = core::parseRunSpec(change, c);
    spec.trainImages = train;
    startRun(m_runs[index]);
}

void CompareScreen::nextXAxis() {
    m_xAxis = m_xAxis == XAxis::Iterations ? XAxis::Epochs : m_xAxis == XAxis::Epochs ? XAxis::Seconds : XAxis::Iterations;
}

void CompareScreen::update() {
    for (Run& run : m_runs) run.latest = run.trainer->latest(); // a pointer swap: never waits on training
    refreshPredictions();
    refreshPlots();
}

double CompareScreen::xOf(const Run& run, const training::HistoryPoint& point) const {
    const long iteration = point.iteration;
    switch (m_xAxis) {
    case XAxis::Iterations: return static_cast<double>(iteration);
    case XAxis::Epochs: {
        const long m = std::max<long>(1, run.latest->trainColumns);
        return static_cast<double>(iteration) * static_cast<double>(run.spec.config.columnsPerIteration(m)) / static_cast<double>(m);
    }
    case XAxis::Seconds: return point.seconds; // the trainer's own CPU clock, so sharing the cores does not count
    }
    return 0.0;
}

std::string CompareScreen::xLabel() const {
    switch (m_xAxis) {
    case XAxis::Iterations: return "iteration";
    case XAxis::Epochs: return "epochs (images seen / training images)";
    case XAxis::Seconds: return "CPU seconds of training";
    }
    return {};
}

std::vector<std::vector<std::string>> CompareScreen::tableText() const {
    std::vector<std::vector<std::string>> rows;
    for (const Run& run : m_runs) {
        const auto& s = *run.latest;
        rows.push_back({core::runLabel(run.spec),
                        s.history.empty() ? std::string("—") : views::formatPercent(s.trainAccuracy),
                        views::formatPercent(s.devAccuracy),
                        s.testAccuracy >= 0 ? views::formatPercent(s.testAccuracy) : std::string("—"),
                        views::formatCount(s.iteration) + " / " + views::formatCount(m_iterations),
                        views::formatValue(s.computeSeconds, 3), views::formatCount(run.spec.config.parameterCount())});
    }
    return rows;
}

std::optional<std::pair<int, float>> CompareScreen::drawnPrediction(std::size_t index) const {
    return index < m_predictions.size() ? m_predictions[index] : std::nullopt;
}

void CompareScreen::refreshPredictions() {
    m_predictions.resize(m_runs.size());
    m_predictedAt.resize(m_runs.size(), -1);
    const bool changed = m_pad.version() != m_padVersion;
    m_padVersion = m_pad.version();
    const Eigen::VectorXf& inputs = m_pad.inputs();
    if (inputs.maxCoeff() <= 0.f) {
        std::fill(m_predictions.begin(), m_predictions.end(), std::nullopt);
        return;
    }
    const core::PixelMatrix X = core::a0ToPixels(inputs); // one column of A⁰, as bytes
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const auto& s = *m_runs[i].latest;
        if (!changed && m_predictedAt[i] == s.iteration && m_predictions[i]) continue;
        const Eigen::MatrixXf AL = core::forwardOutput(s.config, s.parameters, X); // A^L: 10 × 1
        Eigen::Index k = 0;
        const float p = AL.col(0).maxCoeff(&k);
        m_predictions[i] = std::pair<int, float>{static_cast<int>(k), p};
        m_predictedAt[i] = s.iteration;
    }
}

// ---------------------------------------------------------------- layout and plots

void CompareScreen::setSize(sf::Vector2f size) {
    m_size = size;
    layout();
}

void CompareScreen::setTheme(views::Theme theme) {
    m_theme = std::move(theme);
    layout();
}

void CompareScreen::layout() {
    const float pad = m_theme.padding, gap = m_theme.gap;
    const float headerH = views::lineHeight(m_theme.titleSize) + 2 * pad;
    // Large text on a small screen (presenter mode at 1280 × 720): fewer things per page, each
    // legible from the back row; V toggles between the curves with the table and the W¹ rows with the drawing.
    m_compact = m_size.x / static_cast<float>(m_theme.bodySize) < 75.f;
    const float buttonH = static_cast<float>(m_theme.bodySize) * 1.9f;
    const float stripH = (m_compact ? 2 * buttonH + gap : buttonH) + 2 * pad;
    m_header = {0.f, 0.f, m_size.x, headerH};
    m_stripRect = {0.f, m_size.y - stripH, m_size.x, stripH};
    const float top = headerH, bottom = m_stripRect.top - gap;
    const float rowH = views::lineHeight(m_theme.bodySize) + gap;
    const sf::FloatRect none{};
    if (m_compact) {
        const float width = m_size.x - 2 * pad;
        const float tableH = rowH * static_cast<float>(std::max<std::size_t>(m_runs.size(), 2) + 2) + 2 * pad; // header, runs, hint
        const float plotH = std::max(0.f, bottom - top - tableH - gap);
        const float half = (width - gap) / 2.f;
        m_lossRect = m_showRows ? none : sf::FloatRect{pad, top, half, plotH};
        m_accuracyRect = m_showRows ? none : sf::FloatRect{pad + half + gap, top, half, plotH};
        m_tableRect = m_showRows ? none : sf::FloatRect{pad, top + plotH + gap, width, tableH};
        const float restH = bottom - top;
        const float drawW = std::min(width * 0.4f, restH);
        m_drawRect = m_showRows ? sf::FloatRect{pad + width - drawW, top, drawW, restH} : none;
        m_rowsRect = m_showRows ? sf::FloatRect{pad, top, width - drawW - gap, restH} : none;
    } else {
        const float leftW = std::floor(m_size.x * 0.52f);
        const float plotH = (bottom - top - gap) / 2.f;
        m_lossRect = {pad, top, leftW - pad, plotH};
        m_accuracyRect = {pad, top + plotH + gap, leftW - pad, plotH};
        const float rx = leftW + gap, rw = m_size.x - rx - pad;
        const float tableH = rowH * static_cast<float>(maxRuns + 2) + 2 * pad; // header, runs, hint
        m_tableRect = {rx, top, rw, tableH};
        const float restTop = top + tableH + gap, restH = bottom - restTop;
        const float drawW = std::min(rw * 0.42f, restH);
        m_drawRect = {rx + rw - drawW, restTop, drawW, restH};
        m_rowsRect = {rx, restTop, rw - drawW - gap, restH};
    }
    m_loss.setRect(m_lossRect);
    m_accuracy.setRect(m_accuracyRect);
    m_accuracy.setTitle(m_compact ? "Accuracy: dev —, train - -" : "Accuracy: dev solid, train dashed");
    const float padSide = std::max(0.f, std::min(m_drawRect.width - 2 * pad, m_drawRect.height * 0.5f));
    m_pad.setPadRect({m_drawRect.left + pad, m_drawRect.top + pad + views::lineHeight(m_theme.bodySize) + gap, padSide, padSide});
    m_pad.setPreviewRect({m_drawRect.left + pad + padSide + gap, m_drawRect.top + pad, 0.f, 0.f});
}

void CompareScreen::refreshPlots() {
    std::vector<views::PlotView::Series> loss, accuracy;
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const Run& run = m_runs[i];
        views::PlotView::Series l{core::runLabel(run.spec), {}, {}, colourOf(i), false, true};
        views::PlotView::Series dev{core::runLabel(run.spec) + " dev", {}, {}, colourOf(i), false, false};
        views::PlotView::Series train{core::runLabel(run.spec) + " train", {}, {}, colourOf(i), true, false};
        for (const auto& h : run.latest->history) {
            const auto x = static_cast<float>(xOf(run, h));
            l.x.push_back(x);
            l.y.push_back(static_cast<float>(h.loss));
            train.x.push_back(x);
            train.y.push_back(static_cast<float>(h.trainAccuracy));
            dev.x.push_back(x);
            dev.y.push_back(h.devAccuracy >= 0 ? static_cast<float>(h.devAccuracy) : NAN);
        }
        loss.push_back(std::move(l));
        accuracy.push_back(std::move(train));
        accuracy.push_back(std::move(dev));
    }
    m_loss.setSeries(std::move(loss));
    m_accuracy.setSeries(std::move(accuracy));
    m_loss.setAxisLabels(xLabel(), "");
    m_accuracy.setAxisLabels(xLabel(), "");
}

// ---------------------------------------------------------------- drawing

void CompareScreen::drawButton(sf::RenderTarget& target, const Button& b) {
    const bool hover = b.rect.contains(m_mouse);
    views::drawBox(target, b.rect, b.active ? m_theme.accent : (hover ? m_theme.grid : m_theme.background),
                   m_theme.panelBorder, 1.f);
    views::drawText(target, b.label, {b.rect.left + b.rect.width / 2.f, b.rect.top + b.rect.height / 2.f},
                    m_theme.bodySize, b.active ? m_theme.background : m_theme.text, HAlign::Center, VAlign::Center);
}

void CompareScreen::drawButtons(sf::RenderTarget& target) {
    const bool have = m_selected < m_runs.size();
    const bool paused = have && m_runs[m_selected].paused;
    const std::string axis = m_xAxis == XAxis::Iterations ? "iterations" : m_xAxis == XAxis::Epochs ? "epochs" : "seconds";
    m_buttons = {{{}, "Back (Esc)", Back}, {{}, "x: " + axis + " (X)", Axis}};
    if (have) {
        m_buttons.push_back({{}, paused ? "Resume (Space)" : "Pause (Space)", PauseRun, paused});
        m_buttons.push_back({{}, "Duplicate (D)", Duplicate});
        m_buttons.push_back({{}, "Remove (Del)", Remove});
        m_buttons.push_back({{}, "Restart (R)", Restart});
        m_buttons.push_back({{}, "hidden ▸", Hidden});
        m_buttons.push_back({{}, "activation ▸", Activation});
        m_buttons.push_back({{}, "optimizer ▸", Optimizer});
        m_buttons.push_back({{}, "α ▸", Alpha});
        m_buttons.push_back({{}, "Open in lesson (O)", Open});
    }
    if (m_runs.size() < maxRuns) m_buttons.push_back({{}, "Add run (A)", AddRun});
    if (m_compact) m_buttons.insert(m_buttons.begin() + 1, {{}, m_showRows ? "Curves (V)" : "W¹, drawing (V)", Page});
    const float bh = static_cast<float>(m_theme.bodySize) * 1.9f;
    const int lines = m_compact ? 2 : 1;
    float x = m_theme.padding, y = m_stripRect.top + m_theme.padding;
    int line = 0;
    for (auto& b : m_buttons) {
        const float w = views::textWidth(b.label, m_theme.bodySize) + 2 * m_theme.padding;
        if (x + w > m_size.x - m_theme.padding && line + 1 < lines) {
            ++line;
            x = m_theme.padding;
            y += bh + m_theme.gap;
        }
        if (x + w > m_size.x - m_theme.padding) {
            b.rect = {}; // no room: the key still works
            continue;
        }
        b.rect = {x, y, w, bh};
        drawButton(target, b);
        x += w + m_theme.gap;
    }
}

void CompareScreen::drawTable(sf::RenderTarget& target) {
    const sf::FloatRect& r = m_tableRect;
    views::drawBox(target, r, m_theme.panel, m_theme.panelBorder, 1.f);
    const float pad = m_theme.padding;
    const float rowH = views::lineHeight(m_theme.bodySize) + m_theme.gap;
    const unsigned size = m_theme.bodySize;
    // train: the last iteration's accuracy on the run's own training images (erratum 9's number), beside dev.
    const std::array<std::string, 7> heads{"run", "train", "dev", "test", "iterations", "seconds", "parameters"};
    const auto rows = tableText();
    // Numeric columns are as wide as their widest cell, laid out from the right edge; the label
    // column takes what is left (and elides).
    std::array<float, 7> right{};
    float edge = r.left + r.width - pad;
    for (std::size_t c = heads.size() - 1; c >= 1; --c) {
        float w = views::textWidth(heads[c], size);
        for (const auto& row : rows) w = std::max(w, views::textWidth(row[c], size));
        right[c] = edge;
        edge -= w + 1.5f * pad;
    }
    const float labelW = edge - (r.left + pad);
    const auto colRight = [&](std::size_t c) { return right[c]; };
    float y = r.top + pad;
    for (std::size_t c = 0; c < heads.size(); ++c) {
        if (c == 0) views::drawText(target, heads[c], {r.left + pad + size * 1.4f, y}, size, m_theme.mutedText);
        else views::drawText(target, heads[c], {colRight(c), y}, size, m_theme.mutedText, HAlign::Right);
    }
    y += rowH;
    m_tableRows.clear();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const sf::FloatRect row{r.left + pad / 2.f, y - m_theme.gap / 2.f, r.width - pad, rowH};
        m_tableRows.push_back(row);
        if (i == m_selected) views::drawBox(target, row, m_theme.background, m_theme.highlight, 2.f);
        const sf::Color colour = m_theme.series[static_cast<std::size_t>(colourOf(i)) % m_theme.series.size()];
        views::drawBox(target, {r.left + pad, y + rowH * 0.15f, size * 0.9f, rowH * 0.55f}, colour);
        std::string label = rows[i][0];
        if (m_runs[i].paused) label += " (paused)";
        if (m_runs[i].latest->state == training::TrainerState::Diverged) label += " (diverged)";
        views::drawText(target, views::elide(label, size, labelW - size * 1.4f), {r.left + pad + size * 1.4f, y}, size,
                        m_theme.text);
        for (std::size_t c = 1; c < rows[i].size(); ++c)
            views::drawText(target, rows[i][c], {colRight(c), y}, size, m_theme.text, HAlign::Right);
        y += rowH;
    }
    if (rows.empty())
        views::drawText(target, "No runs: Add run (A) starts the paper's network", {r.left + pad, y}, size, m_theme.mutedText);
    // What the panels below show, and how to pick the run the buttons act on.
    const std::string hint = m_compact ? "Click a row (or 1–6) to pick the run the buttons change."
                                       : "Click a row (or 1–6) to pick the run the buttons change. Below: W¹ rows, each "
                                         "hidden neuron's 784 weights as a 28 × 28 picture (wide layers: the first 16).";
    views::drawText(target, views::elide(hint, size, r.width - 2 * pad), {r.left + pad, r.top + r.height - pad - rowH + m_theme.gap},
                    size, m_theme.mutedText);
}

void CompareScreen::drawRows(sf::RenderTarget& target) {
    const sf::FloatRect& r = m_rowsRect;
    if (m_runs.empty() || r.width <= 0.f) return;
    const float w = (r.width - m_theme.gap * static_cast<float>(m_runs.size() - 1)) / static_cast<float>(m_runs.size());
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        Run& run = m_runs[i];
        if (!run.rows) run.rows = std::make_unique<views::DigitView>();
        const Eigen::MatrixXf& W1 = run.latest->parameters.W(1);
        const Eigen::Index shown = std::min<Eigen::Index>(W1.rows(), 16); // wide layers: the first 16 neurons
        run.rows->setWeightRows("W1", W1.topRows(shown), std::nullopt, static_cast<std::uint64_t>(run.latest->iteration + 1));
        run.rows->setTitle(core::runLabel(run.spec)); // the table's hint says wide layers show their first 16
        run.rows->setRect({r.left + static_cast<float>(i) * (w + m_theme.gap), r.top, w, r.height});
        run.rows->draw(target, m_theme);
        const sf::Color colour = m_theme.series[static_cast<std::size_t>(colourOf(i)) % m_theme.series.size()];
        views::drawBox(target, {r.left + static_cast<float>(i) * (w + m_theme.gap), r.top, w, 4.f}, colour);
    }
}

std::string CompareScreen::drawnReading(std::size_t index) const {
    const auto p = drawnPrediction(index);
    if (!p) return {};
    const auto k = static_cast<std::size_t>(p->first);
    return k < m_data.classNames.size() ? m_data.classNames[k] : std::to_string(p->first);
}

std::string CompareScreen::drawPadTitle() const {
    // The pad draws digits only; runs trained on Fashion-MNIST answer with clothes, and the title says so.
    if (!m_data.classNames.empty())
        return m_compact ? "Draw (digits only): runs read clothes" : "Draw a digit (digits only): these runs learned clothes";
    return m_compact ? "Draw: every run reads it" : "Draw a digit: every run reads it";
}

void CompareScreen::drawDrawing(sf::RenderTarget& target) {
    const sf::FloatRect& r = m_drawRect;
    views::drawBox(target, r, m_theme.panel, m_theme.panelBorder, 1.f);
    views::drawText(target, views::elide(drawPadTitle(), m_theme.bodySize, r.width - 2 * m_theme.padding),
                    {r.left + m_theme.padding, r.top + m_theme.padding}, m_theme.bodySize, m_theme.text);
    m_pad.draw(target, m_theme);
    float y = m_pad.padRect().top + m_pad.padRect().height + m_theme.gap;
    const float lh = views::lineHeight(m_theme.bodySize) + m_theme.gap / 2.f;
    if ((m_predictions.empty() || !m_predictions.front()) && y + lh <= r.top + r.height) { // nothing drawn yet
        views::drawText(target, views::elide(m_compact ? "Left draws, right erases" : "Left button draws, right button erases", m_theme.bodySize, r.width - 2 * m_theme.padding),
                        {r.left + m_theme.padding, y}, m_theme.bodySize, m_theme.mutedText);
        y += lh;
    }
    for (std::size_t i = 0; i < m_runs.size() && y + lh <= r.top + r.height; ++i) {
        const sf::Color colour = m_theme.series[static_cast<std::size_t>(colourOf(i)) % m_theme.series.size()];
        views::drawBox(target, {r.left + m_theme.padding, y + lh * 0.2f, m_theme.bodySize * 0.9f, lh * 0.5f}, colour);
        const auto p = drawnPrediction(i);
        const std::string text = p ? "reads " + drawnReading(i) + " (" + views::formatPercent(p->second, 0) + ")" : std::string("—");
        views::drawText(target,
                        views::elide(core::runLabel(m_runs[i].spec) + ": " + text, m_theme.bodySize,
                                     r.width - 3 * m_theme.padding - m_theme.bodySize),
                        {r.left + 2 * m_theme.padding + m_theme.bodySize, y}, m_theme.bodySize, m_theme.text);
        y += lh;
    }
}

void CompareScreen::draw(sf::RenderTarget& target) {
    target.clear(m_theme.background);
    const std::string name = m_name.empty() ? std::string("Compare runs") : m_name;
    const std::string title = m_compact ? name + " · " + views::formatCount(m_iterations) + " iterations"
                                        : "Compare runs · " + name + " · " + views::formatCount(m_iterations) +
                                              " iterations per run, one data split and seed";
    views::drawText(target, views::elide(title, m_theme.titleSize, m_size.x - 2 * m_theme.padding, views::FontRole::UiBold),
                    {m_theme.padding, m_theme.padding}, m_theme.titleSize, m_theme.text, HAlign::Left, VAlign::Top,
                    views::FontRole::UiBold);
    if (m_lossRect.width > 0.f) {
        m_loss.draw(target, m_theme);
        m_accuracy.draw(target, m_theme);
        drawTable(target);
    } else {
        m_tableRows.clear(); // no clicks on a table that is not on screen
    }
    if (m_rowsRect.width > 0.f) {
        drawRows(target);
        drawDrawing(target);
    }
    drawButtons(target);
}

sf::FloatRect CompareScreen::tableRowRect(std::size_t index) const {
    return index < m_tableRows.size() ? m_tableRows[index] : sf::FloatRect{};
}

sf::FloatRect CompareScreen::buttonRect(std::string_view label) const {
    for (const auto& b : m_buttons)
        if (b.label == label) return b.rect;
    return {};
}

// ---------------------------------------------------------------- events

CompareRequest CompareScreen::press(int id) {
    const std::size_t s = m_selected;
    switch (id) {
    case Back: return CompareRequest::Close;
    case Axis: nextXAxis(); break;
    case Page:
        m_showRows = !m_showRows;
        layout();
        break;
    case PauseRun: togglePause(s); break;
    case Duplicate: duplicateRun(s); break;
    case Remove: removeRun(s); break;
    case Restart: restartRun(s); break;
    case AddRun: addRun(core::parseRunSpec("", core::NetworkConfig{})); break;
    case Hidden: cycleSetting(s, "hidden"); break;
    case Activation: cycleSetting(s, "activation"); break;
    case Optimizer: cycleSetting(s, "optimizer"); break;
    case Alpha: cycleSetting(s, "alpha"); break;
    case Open: return s < m_runs.size() ? CompareRequest::OpenInLesson : CompareRequest::None;
    default: break;
    }
    return CompareRequest::None;
}

CompareRequest CompareScreen::handleEvent(const sf::Event& event) {
    using K = sf::Keyboard;
    if (event.type == sf::Event::KeyPressed) {
        const auto key = event.key.code;
        if (key == K::Escape || key == K::C) return CompareRequest::Close;
        if (key == K::X) return press(Axis);
        if (key == K::V && m_compact) return press(Page); // W and B blank the projector (remote control)
        if (key == K::Space || key == K::P) return press(PauseRun);
        if (key == K::D) return press(Duplicate);
        if (key == K::Delete) return press(Remove);
        if (key == K::R) return press(Restart);
        if (key == K::A) return press(AddRun);
        if (key == K::O) return press(Open);
        if (key == K::Tab && !m_runs.empty()) m_selected = (m_selected + 1) % m_runs.size();
        if (key >= K::Num1 && key <= K::Num8) select(static_cast<std::size_t>(key - K::Num1));
        return CompareRequest::None;
    }
    if (event.type == sf::Event::MouseMoved) m_mouse = {static_cast<float>(event.mouseMove.x), static_cast<float>(event.mouseMove.y)};
    if (event.type == sf::Event::MouseButtonReleased && event.mouseButton.button == sf::Mouse::Left) {
        const sf::Vector2f at{static_cast<float>(event.mouseButton.x), static_cast<float>(event.mouseButton.y)};
        for (const auto& b : m_buttons)
            if (b.rect.contains(at)) return press(b.id);
        for (std::size_t i = 0; i < m_tableRows.size(); ++i)
            if (m_tableRows[i].contains(at)) select(i);
    }
    if (m_drawRect.width > 0.f) m_pad.handleEvent(event);
    m_loss.handleEvent(event);
    m_accuracy.handleEvent(event);
    return CompareRequest::None;
}

} // namespace stepwise::app
