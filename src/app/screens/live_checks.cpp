// Live checks drawn by the lesson screen: the shape line of an equation, finite differences
// against backpropagation, the loss along one weight, and one iteration corrected versus
// paper-faithful. The checks run on a copy of the snapshot's parameters, off the UI thread (std::async).
#include "app/screens/live_checks.hpp"

#include "core/equations.hpp"
#include "core/stepper.hpp"
#include "views/theme.hpp"

#include <algorithm>
#include <cmath>

namespace stepwise::app {

namespace {

// The network's parameters as a snapshot's tensors hold them (before this iteration's update).
core::Parameters parametersOf(const core::NetworkConfig& config, const TensorMap& tensors) {
    core::Parameters p;
    for (int l = 1; l <= config.layers(); ++l) {
        p.weights.push_back(tensors.at("W" + std::to_string(l)));
        p.biases.push_back(tensors.at("b" + std::to_string(l)).col(0));
    }
    return p;
}

// The loss L the iteration reports, −(1/m) Σ log of the right class's probability, for parameters \p q.
double batchLoss(const core::NetworkConfig& config, const core::Parameters& q, const core::Batch& batch,
                 const Eigen::MatrixXf& Y) {
    return -core::crossEntropySum(core::forwardOutput(config, q, batch.X), Y) / static_cast<double>(batch.size());
}

} // namespace

std::string shapeLine(const training::TrainingSnapshot& s, const std::string& id) {
    const auto equation = core::findEquation(s.config, id);
    if (!equation) return {};
    return equation->shape + "     (" + batchSizeLine(s) + ")";
}

std::string batchSizeLine(const training::TrainingSnapshot& s) {
    std::string m = "m = " + views::formatCount(static_cast<long>(s.trainColumns));
    if (s.gradientDivisor() != s.trainColumns) m += "; m_all = " + views::formatCount(static_cast<long>(s.gradientDivisor()));
    return m;
}

// Central finite differences of the loss for the entries a step chose, then for the weights with
// the largest gradients, on the whole batch, with the parameters the iteration used (W1, b1, … before the update).
std::vector<CheckRow> gradientCheck(core::NetworkConfig config,
                                    std::map<std::string, Eigen::MatrixXf, std::less<>> tensors,
                                    std::shared_ptr<const core::Batch> batch, std::vector<CheckedEntry> chosen) {
    const core::Parameters p = parametersOf(config, tensors);
    Eigen::MatrixXf Y(config.outputs, batch->size());
    core::oneHot(batch->labels, Y);
    auto loss = [&](const core::Parameters& q) { return batchLoss(config, q, *batch, Y); };
    std::vector<CheckRow> rows;
    const float eps = kFiniteDifferenceStep;
    auto check = [&](const std::string& name, Eigen::Index r, Eigen::Index c, bool picked) {
        const bool weight = name[0] == 'W';
        const int l = std::stoi(name.substr(1));
        core::Parameters plus = p, minus = p;
        float& wp = weight ? plus.W(l)(r, c) : plus.b(l)(r);
        float& wm = weight ? minus.W(l)(r, c) : minus.b(l)(r);
        wp += eps;
        wm -= eps;
        CheckRow row;
        row.name = name + "[" + std::to_string(r) + (weight ? ", " + std::to_string(c) : std::string()) + "]";
        row.backprop = tensors.at("d" + name)(r, c);
        row.numeric = (loss(plus) - loss(minus)) / (2.0 * eps);
        row.relative = std::abs(row.backprop - row.numeric) / std::max(1e-12, std::abs(row.backprop) + std::abs(row.numeric));
        row.chosen = picked;
        rows.push_back(row);
    };
    for (const CheckedEntry& e : chosen) {
        const auto g = tensors.find("d" + e.tensor);
        if (g != tensors.end() && e.row >= 0 && e.row < g->second.rows() && e.col >= 0 && e.col < g->second.cols())
            check(e.tensor, e.row, e.col, true);
    }
    for (const std::string name : {"W1", "W2", "b1", "b2"}) {
        Eigen::MatrixXf a = tensors.at("d" + name).cwiseAbs();
        for (int pick = 0; pick < (name[0] == 'W' ? 2 : 1); ++pick) {
            Eigen::Index r = 0, c = 0;
            a.maxCoeff(&r, &c);
            a(r, c) = -1.0f; // the next pick is the next largest
            check(name, r, c, false);
        }
    }
    return rows;
}

LossSlice lossSlice(core::NetworkConfig config, TensorMap tensors, std::shared_ptr<const core::Batch> batch,
                    CheckedEntry entry, Eigen::Index paperRows, int points) {
    const core::Parameters p = parametersOf(config, tensors);
    const bool weight = entry.tensor.starts_with('W');
    const int l = std::stoi(entry.tensor.substr(1));
    // Backprop's gradient and the update, by the same equations the trainer runs.
    core::Stepper stepper(config, p, batch, paperRows);
    stepper.runIteration();
    LossSlice slice;
    slice.name = entry.tensor + "[" + std::to_string(entry.row) + (weight ? ", " + std::to_string(entry.col) : "") + "]";
    slice.w0 = weight ? p.weights[l - 1](entry.row, entry.col) : p.biases[l - 1](entry.row);
    slice.gradient = (*stepper.tensor("d" + entry.tensor))(entry.row, weight ? entry.col : 0);
    slice.step = (*stepper.tensor(entry.tensor + "_after"))(entry.row, weight ? entry.col : 0) - slice.w0;

    Eigen::MatrixXf Y(config.outputs, batch->size());
    core::oneHot(batch->labels, Y);
    core::Parameters q = p;
    float& value = weight ? q.W(l)(entry.row, entry.col) : q.b(l)(entry.row);
    const auto lossAt = [&](double w) {
        value = static_cast<float>(w);
        return batchLoss(config, q, *batch, Y);
    };
    const double radius = std::clamp(8.0 * std::abs(slice.step), 0.5, 2.0);
    points = std::max(3, points | 1);
    for (int k = 0; k < points; ++k) {
        const double w = slice.w0 + radius * (2.0 * k / (points - 1) - 1.0);
        slice.w.push_back(k == points / 2 ? slice.w0 : w);
        slice.loss.push_back(lossAt(slice.w.back()));
    }
    slice.loss0 = slice.loss[static_cast<std::size_t>(points / 2)];
    slice.lossAfterStep = lossAt(slice.w0 + slice.step);
    return slice;
}

// One iteration from the same parameters on the same batch, corrected and paper-faithful,
// described line by line for the compare-paper view.
std::vector<CheckRow> comparePaper(core::NetworkConfig config, std::map<std::string, Eigen::MatrixXf, std::less<>> tensors,
                                   std::shared_ptr<const core::Batch> batch, Eigen::Index paperRows) {
    const core::Parameters p = parametersOf(config, tensors);
    core::NetworkConfig right = config, paper = config;
    right.paperFaithful = false;
    paper.paperFaithful = true;
    core::Stepper a(right, p, batch, paperRows), b(paper, p, batch, paperRows);
    a.runIteration();
    b.runIteration();
    std::vector<CheckRow> rows;
    auto add = [&](std::string name, double x, double y, std::string shortName = {}) {
        rows.push_back({std::move(name), std::move(shortName), x, y, 0.0});
    };
    add("m (divides every gradient)", static_cast<double>(a.gradientDivisor()), static_cast<double>(b.gradientDivisor()), "m");
    add("loss L", a.loss(), b.loss(), "L");
    for (int i = 0; i < 3; ++i) add("db2[" + std::to_string(i) + "]", (*a.tensor("db2"))(i, 0), (*b.tensor("db2"))(i, 0));
    for (int i = 0; i < 3; ++i) add("db1[" + std::to_string(i) + "]", (*a.tensor("db1"))(i, 0), (*b.tensor("db1"))(i, 0));
    add("dW2[0, 0]", (*a.tensor("dW2"))(0, 0), (*b.tensor("dW2"))(0, 0));
    const auto nonFinite = [](const Eigen::Map<const Eigen::MatrixXf>& t) {
        return static_cast<double>(t.size() - (t.array().isFinite()).count());
    };
    add("entries of A2 that are NaN or infinite", nonFinite(*a.tensor("A2")), nonFinite(*b.tensor("A2")), "NaN in A2");
    return rows;
}

} // namespace stepwise::app
