// LessonScreen's panel binding: each [[step.show]] entry gets its data from the newest training
// snapshot, named by the equation catalogue. No maths here: every number was computed by core.
#include "app/screens/lesson_screen.hpp"
#include "app/screens/lesson_screen_panel.hpp"

#include "app/screens/live_checks.hpp"
#include "app/session.hpp"
#include "core/equation_catalogue.hpp"
#include "core/stepper.hpp"

#include <algorithm>
#include <cmath>

namespace stepwise::app {

namespace {

// What a shape rule makes: "10×m" of "(10×784)·(784×m) + (10×1) → 10×m"; the rule itself when it
// has no arrow.
std::string resultShape(const std::string& rule) {
    const auto arrow = rule.rfind("→");
    std::string result = arrow == std::string::npos ? rule : rule.substr(arrow + std::string("→").size());
    result.erase(0, result.find_first_not_of(' '));
    result = result.substr(0, result.find(", ")); // "10×m, entry by entry" → "10×m"
    if (const auto open = result.find(": ("); open != std::string::npos && result.back() == ')')
        result = result.substr(open + 3, result.size() - open - 4); // "X: (784×m)" → "784×m"
    return result;
}

// The loss-slice view: L along one weight, the tangent whose slope is backprop's gradient, and
// where this iteration's update moves the weight (the others held).
void setLossSlice(views::PlotView& plot, const LossSlice& slice, const std::string& title) {
    std::vector<views::PlotView::Series> series(2);
    series[0].name = "L with only " + slice.name + " changed";
    for (std::size_t k = 0; k < slice.w.size(); ++k) {
        series[0].x.push_back(static_cast<float>(slice.w[k]));
        series[0].y.push_back(static_cast<float>(slice.loss[k]));
    }
    series[1].name = "tangent: slope = backprop's d" + slice.name + " = " + views::formatValue(slice.gradient, 3);
    series[1].colour = 1;
    series[1].dashed = true;
    const double reach = (slice.w.back() - slice.w.front()) / 4.0; // the middle half: a tangent is local
    for (const double w : {slice.w0 - reach, slice.w0 + reach}) {
        series[1].x.push_back(static_cast<float>(w));
        series[1].y.push_back(static_cast<float>(slice.loss0 + slice.gradient * (w - slice.w0)));
    }
    plot.setSeries(std::move(series));
    // The step of one update is usually far smaller than the curve's bend: say so rather than zoom
    // until the bend is gone.
    const double range = slice.w.back() - slice.w.front();
    const std::string step = (slice.step >= 0 ? "+" : "") + views::formatValue(slice.step, 2);
    const bool tiny = std::abs(slice.step) < range / 100.0;
    plot.setReferencePoints({{static_cast<float>(slice.w0), static_cast<float>(slice.loss0),
                              "now: " + slice.name + " = " + views::formatValue(slice.w0, 3)},
                             {static_cast<float>(slice.w0 + slice.step), static_cast<float>(slice.lossAfterStep),
                              "after one update: " + step + (tiny ? " (too small to see here)" : "")}},
                            "now, and after one update");
    plot.setAxisLabels(slice.name, "loss L");
    plot.setAutoYRange();
    plot.setPercent(false);
    plot.setTitle(!title.empty() ? title : "The loss along " + slice.name + ", every other parameter held");
}

} // namespace

void LessonScreen::refreshPanels(const training::TrainingSnapshot& s) {
    const auto version = m_dataVersion;
    if (s.a0Window.get() != m_a0Seen) {
        m_a0Seen = s.a0Window.get();
        m_a0Version = m_dataVersion; // a version no other data used
    }
    const long m = s.trainColumns;
    // One column per training image, by the catalogue (A0 holds only its first columns as floats).
    auto perColumn = [&](const std::string& name) {
        const auto info = core::findTensor(s.config, name);
        return info && info->perSample();
    };
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
            p.matrix->setData(spec.tensor, *t, s.a0Window && t == s.a0Window.get() ? m_a0Version : version);
            if (perColumn(spec.tensor)) {
                const int first = spec.columns ? spec.columns->first : 0;
                const int count = spec.columns ? spec.columns->count : 16;
                p.matrix->setColumnWindow(first, count);
                p.matrix->setTotalColumns(m); // the data may be only the first columns (A0, or live)
                if (s.windowed && spec.tensor != "A0" && t->cols() < m)
                    p.matrix->setTitle(spec.tensor + "   (live: the first " + std::to_string(t->cols()) + " of " +
                                       views::formatCount(m) + " columns)");
                else
                    p.matrix->setTitle(spec.tensor);
            } else {
                p.matrix->setTotalColumns(0);
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
            p.digits->setSamples(s.batch->A0(first, count), labels, predicted, index, version);
            p.digits->setTitle("A0: " + std::to_string(count) + " of the " + views::formatCount(m) +
                               " training images (columns " + std::to_string(first) + "–" +
                               std::to_string(first + count - 1) + ")");
            p.digits->setHighlighted(j >= first && j < first + count ? std::optional<int>(j - first) : std::nullopt);
            break;
        }
        case K::ImageLoss: { // each image's share of L: −log of the probability of its right answer
            const Eigen::MatrixXf* A = s.tensor("A" + L);
            const Eigen::MatrixXf* loss = s.tensor("L");
            if (!s.batch || !A || !loss) { notYet(!A ? "A" + L : "L"); break; }
            const int count = std::min<int>(static_cast<int>(A->cols()), std::min<int>(12, static_cast<int>(s.batch->size())));
            std::vector<int> labels, index;
            std::vector<std::string> lines;
            double sum = 0.0;
            for (int c = 0; c < count; ++c) {
                const int y = s.batch->labels(c);
                const double prob = (*A)(y, c);
                labels.push_back(y);
                index.push_back(c);
                lines.push_back("\xE2\x88\x92log " + views::formatValue(prob, 2) + " = " + views::formatValue(-std::log(prob), 3));
                sum += -std::log(prob);
            }
            p.digits->setSamples(s.batch->A0(0, count), labels, {}, index, version);
            p.digits->setExtraCaptions(std::move(lines));
            p.digits->setHighlighted(j < count ? std::optional<int>(j) : std::nullopt);
            p.digits->setTitle(spec.title.empty()
                                   ? "L = " + views::formatValue((*loss)(0, 0), 4) + ", the mean over " +
                                         views::formatCount(m) + " images (these " + std::to_string(count) + ": " +
                                         views::formatValue(sum / count, 3) + ")"
                                   : spec.title);
            break;
        }
        case K::WeightsChange: { // what training has written into W¹ since the run's first weights
            const Eigen::MatrixXf& W1 = s.parameters.W(1);
            if (m_initialSeed != s.config.seed || m_initialW1.rows() != W1.rows() || m_initialW1.cols() != W1.cols() ||
                m_initialConfig.init != s.config.init) { // the run's first weights follow from its seed
                m_initialW1 = core::initialParameters(s.config).W(1);
                m_initialSeed = s.config.seed;
                m_initialConfig = s.config;
            }
            const Eigen::MatrixXf change = W1 - m_initialW1;
            p.digits->setWeightRows("W1 − W1 at initialisation", change, std::nullopt, version);
            p.digits->setTitle(spec.title.empty() ? "W1 − W1 at initialisation: what " + std::to_string(s.iteration) +
                                                        " iterations have written (largest change " +
                                                        views::formatValue(change.cwiseAbs().maxCoeff(), 2) + ")"
                                                  : spec.title);
            break;
        }
        case K::WeightsAsImages: {
            if (!t) { notYet(spec.tensor); break; }
            p.digits->setWeightRows(spec.tensor, *t, std::nullopt, version);
            p.digits->setTitle(spec.title.empty() ? spec.tensor + " rows as images" : spec.title);
            p.digits->setShortTitle(spec.tensor);
            break;
        }
        case K::Diagram: {
            if (!s.batch || s.config.layers() != 2) {
                p.placeholder = "The diagram draws the 784 → n → 10 network with one hidden layer.";
                break;
            }
            p.network->setWeights(s.parameters.W(1), s.parameters.W(2), version);
            // The focused sample's forward pass with the current parameters, through core's equations.
            const core::ForwardPass f = core::forwardPass(s.config, s.parameters, s.batch->X.middleCols(j, 1));
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
                p.dot->setCell(row, col, W1.row(row).transpose(), s.batch->A0(col, 1).col(0), b, z);
            } else if (p.gradient) { // dWˡ = (1/m) dZˡ Aˡ⁻¹ᵀ: the two tensors its equation reads
                const auto producer = core::producerOf(s.config, spec.tensor);
                const Eigen::MatrixXf* dZ2 = producer ? s.tensor(producer->inputs.at(0)) : nullptr;
                const Eigen::MatrixXf* A1 = producer ? s.tensor(producer->inputs.at(1)) : nullptr;
                if (!dZ2 || !A1) { notYet(producer ? producer->inputs.at(0) : spec.tensor); break; }
                const int k = spec.cell && spec.cell->col ? *spec.cell->col : 0;
                std::optional<float> value;
                if (t) value = (*t)(row, k);
                const long divisor = static_cast<long>(s.gradientDivisor()); // 42,000 when paper-faithful
                // Whole rows: the view sums all m products (and shows the first few), as dW does.
                p.gradient->setCell(row, k, dZ2->row(row).transpose(), A1->row(k).transpose(), divisor, value, 0);
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
            std::vector<views::PlotView::Series> series;
            // A ghost is a race against the run before: shown a little ahead of the live run, so the
            // axis follows the live curve instead of squeezing it against a long earlier run.
            const long live = s.history.empty() ? 0 : s.history.back().iteration;
            const long ghostEnd = std::max(20L, live + live / 4);
            for (std::size_t k = 0; k < m_ghosts.size(); ++k) { // earlier runs first, under the live lines
                views::PlotView::Series g;
                g.name = m_ghosts[k].label;
                g.colour = 2 + static_cast<int>(k);
                g.faded = true;
                for (const auto& h : m_ghosts[k].history) {
                    if (h.iteration > ghostEnd) break;
                    if (!loss && h.devAccuracy < 0) continue; // dev not measured at this point
                    g.x.push_back(static_cast<float>(h.iteration));
                    g.y.push_back(static_cast<float>(loss ? h.loss : h.devAccuracy));
                }
                if (!g.x.empty()) series.push_back(std::move(g));
            }
            series.push_back(a);
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
            p.gallery->setClassNames(s.classNames);
            p.gallery->setTitle("Dev set after " + std::to_string(s.iteration) + " iterations: Actual / Predict");
            break;
        }
        case K::Confusion:
            p.confusion->setClassNames(s.classNames);
            p.confusion->setCounts(s.confusion, "dev set, " + std::to_string(s.iteration) + " iterations");
            break;
        case K::GradientCheck: {
            if (!s.tensor("dW1") || !s.tensor("dW2") || !s.batch) {
                p.placeholder = "Backprop gradients are not computed yet: press S for one iteration.";
                break;
            }
            if (!p.check.valid() && p.checkedIteration != s.iteration) {
                p.checkedIteration = s.iteration;
                std::vector<CheckedEntry> chosen; // the entry the step is about, e.g. a blank pixel's weight
                if (spec.cell && spec.cell->row)
                    chosen.push_back({spec.cell->tensor, *spec.cell->row, spec.cell->col.value_or(0)});
                p.check = std::async(std::launch::async, [config = s.config, tensors = s.tensors, batch = s.batch,
                                                          chosen = std::move(chosen)] {
                    return BackgroundResult{gradientCheck(config, tensors, batch, chosen), std::nullopt};
                });
            }
            if (p.check.valid() && p.check.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
                p.checkRows = p.check.get().rows;
            views::TextTable table;
            table.intro = "(L(w+ε) − L(w−ε)) / 2ε with ε = " + views::formatValue(kFiniteDifferenceStep, 2) + " on all " +
                          views::formatCount(m) + " images, against backpropagation (iteration " +
                          std::to_string(p.checkedIteration) + "):";
            table.header = {"entry", "backprop", "finite diff.", "rel. error"};
            table.compactHeader = {"entry", "backprop", "finite", "error"};
            for (const auto& r : p.checkRows) {
                if (r.chosen) table.emphasisRow = table.compactEmphasisRow = static_cast<int>(table.rows.size());
                table.rows.push_back({r.name + (r.chosen ? " ◀" : ""), views::formatValue(r.backprop, 5),
                                      views::formatValue(r.numeric, 5), views::formatValue(r.relative, 2)});
                std::string name = r.name; // "W1[0,462]": the compact form has no space to spare
                if (const auto comma = name.find(", "); comma != std::string::npos) name.erase(comma + 1, 1);
                table.compactRows.push_back({name + (r.chosen ? " ◀" : ""), views::formatValue(r.backprop, 3),
                                             views::formatValue(r.numeric, 3), views::formatValue(r.relative, 1)});
            }
            if (p.checkRows.empty()) table.footer = "computing…";
            else if (table.emphasisRow >= 0) table.footer = "◀ the entry this step is about";
            table.compactIntro = "ε = " + views::formatValue(kFiniteDifferenceStep, 2) + ", all " + views::formatCount(m) +
                                 " images, iteration " + std::to_string(p.checkedIteration) + ":";
            p.setTable(std::move(table));
            break;
        }
        case K::ComparePaper: {
            if (!s.tensor("W1") || !s.batch) break;
            if (!p.check.valid() && p.checkedIteration != s.iteration) {
                p.checkedIteration = s.iteration;
                p.check = std::async(std::launch::async, [config = s.config, tensors = s.tensors, batch = s.batch,
                                                          rows = s.paperRows] {
                    return BackgroundResult{comparePaper(config, tensors, batch, rows), std::nullopt};
                });
            }
            if (p.check.valid() && p.check.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
                p.checkRows = p.check.get().rows;
            views::TextTable table;
            table.intro = "One iteration, both ways, from the same weights on the same " + views::formatCount(m) +
                          " images (iteration " + std::to_string(p.checkedIteration) + ", α = " +
                          views::formatValue(s.config.alpha, 3) + "):";
            table.header = {"", "corrected", "paper's script"};
            table.compactHeader = {"", "corrected", "script"};
            // The row the step is about (its cell, e.g. db1[0]) is highlighted, and in the compact
            // form comes right after m, so a short panel still shows it.
            const std::string focus = spec.cell && spec.cell->row
                                          ? spec.cell->tensor + "[" + std::to_string(*spec.cell->row) +
                                                (spec.cell->col ? ", " + std::to_string(*spec.cell->col) : std::string()) + "]"
                                          : std::string();
            std::vector<std::string> focusRow;
            for (const auto& r : p.checkRows) {
                if (r.name == focus) table.emphasisRow = static_cast<int>(table.rows.size());
                table.rows.push_back({r.name, views::formatValue(r.backprop, 5), views::formatValue(r.numeric, 5)});
                std::vector<std::string> row{r.shortName.empty() ? r.name : r.shortName, views::formatValue(r.backprop, 4),
                                             views::formatValue(r.numeric, 4)};
                if (r.name == focus) focusRow = std::move(row);
                else if (!r.name.ends_with("[1]") && !r.name.ends_with("[2]")) // one entry of each bias will do
                    table.compactRows.push_back(std::move(row));
            }
            if (!focusRow.empty() && !table.compactRows.empty()) {
                table.compactRows.insert(table.compactRows.begin() + 1, std::move(focusRow));
                table.compactEmphasisRow = 1;
            }
            // A short panel keeps the rows and lets the caption and the status line say the rest.
            table.compactIntro = "";
            table.compactFooter = "";
            if (p.checkRows.empty()) table.footer = "computing…";
            else
                table.footer = "The live network now runs " +
                               std::string(s.config.paperFaithful ? "the paper's script (paper-faithful mode)." : "the corrected math.");
            p.setTable(std::move(table));
            break;
        }
        case K::LossSlice: {
            if (!s.batch || !spec.cell || !spec.cell->row) break;
            if (!p.check.valid() && p.checkedIteration != s.iteration) {
                p.checkedIteration = s.iteration;
                const CheckedEntry entry{spec.cell->tensor, *spec.cell->row, spec.cell->col.value_or(0)};
                p.check = std::async(std::launch::async, [config = s.config, tensors = s.tensors, batch = s.batch,
                                                          entry, rows = s.paperRows] {
                    return BackgroundResult{{}, lossSlice(config, tensors, batch, entry, rows)};
                });
            }
            if (p.check.valid() && p.check.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
                p.slice = p.check.get().slice;
            if (!p.slice) { p.placeholder = "Computing L along " + lessons::toString(*spec.cell) + "…"; break; }
            setLossSlice(*p.plot, *p.slice, spec.title);
            break;
        }
        case K::EquationShapes: {
            views::TextTable table;
            if (m_step && m_step->executes) {
                const auto equation = core::findEquation(s.config, *m_step->executes);
                if (!equation) break;
                table.intro = equation->id + ":";
                table.rows.push_back({equation->shape});
                table.compactRows.push_back({equation->output, resultShape(equation->shape)});
                table.footer = batchSizeLine(s);
            } else { // every equation of the running network, m as this iteration has it
                table.intro = batchSizeLine(s) + " images per iteration";
                table.compactIntro = "";
                table.compactKeepsIntro = false; // the first compact row says m
                table.compactRows.push_back({batchSizeLine(s)});
                // The short form: what each equation makes, one cell a row, and the updates
                // (which keep every shape) as one row.
                bool updates = false;
                for (const core::Equation& e : core::iterationEquations(s.config)) {
                    table.rows.push_back({e.id, e.shape});
                    if (e.id.starts_with("update.")) { updates = true; continue; }
                    table.compactRows.push_back({e.output + ": " + resultShape(e.shape)});
                }
                if (updates) table.compactRows.push_back({"W, b after: same"});
            }
            p.setTable(std::move(table));
            break;
        }
        }
    }
}

} // namespace stepwise::app
