// Initial parameter draws. A small explicit generator keeps results identical on every
// standard library (std::uniform_real_distribution is implementation-defined).
#include "core/parameters.hpp"

#include <cmath>
#include <random>

namespace stepwise::core {

bool Parameters::allFinite() const {
    for (const auto& w : weights)
        if (!w.allFinite()) return false;
    for (const auto& b : biases)
        if (!b.allFinite()) return false;
    return true;
}

namespace {
/// Uniform float in [0, 1) from the top 24 bits of a 64-bit draw.
float unit(std::mt19937_64& rng) { return static_cast<float>(rng() >> 40) * (1.0f / 16777216.0f); }

/// Standard normal by Box–Muller.
float normal(std::mt19937_64& rng) {
    const float u1 = std::max(unit(rng), 1e-7f);
    const float u2 = unit(rng);
    return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.2831853f * u2);
}
} // namespace

Parameters initialParameters(const NetworkConfig& config) {
    std::mt19937_64 rng(config.seed);
    Parameters p;
    for (int l = 1; l <= config.layers(); ++l) {
        const int rows = config.layerSize(l);
        const int cols = config.layerSize(l - 1);
        Eigen::MatrixXf W(rows, cols);
        Eigen::VectorXf b(rows);
        // Draw row by row so Wˡ[i, :] is the same whatever the storage order.
        auto draw = [&]() -> float {
            switch (config.init) {
            case Init::UniformCentered: return unit(rng) - 0.5f;
            case Init::UniformPositive: return unit(rng);
            case Init::He: return normal(rng) * std::sqrt(2.0f / static_cast<float>(cols));
            }
            return 0.0f;
        };
        for (int i = 0; i < rows; ++i)
            for (int k = 0; k < cols; ++k) W(i, k) = draw();
        for (int i = 0; i < rows; ++i) b(i) = config.init == Init::He ? 0.0f : draw();
        p.weights.push_back(std::move(W));
        p.biases.push_back(std::move(b));
    }
    return p;
}

namespace {
/// Zero tensors of every parameter's shape.
Parameters zerosLike(const NetworkConfig& config) {
    Parameters p;
    for (int l = 1; l <= config.layers(); ++l) {
        p.weights.push_back(Eigen::MatrixXf::Zero(config.layerSize(l), config.layerSize(l - 1)));
        p.biases.push_back(Eigen::VectorXf::Zero(config.layerSize(l)));
    }
    return p;
}

bool sameShapes(const Parameters& p, const NetworkConfig& config) {
    if (p.layers() != config.layers() || static_cast<int>(p.biases.size()) != config.layers()) return false;
    for (int l = 1; l <= config.layers(); ++l)
        if (p.W(l).rows() != config.layerSize(l) || p.W(l).cols() != config.layerSize(l - 1) ||
            p.b(l).size() != config.layerSize(l))
            return false;
    return true;
}

bool sameValues(const Parameters& a, const Parameters& b) {
    if (a.weights.size() != b.weights.size() || a.biases.size() != b.biases.size()) return false;
    for (std::size_t i = 0; i < a.weights.size(); ++i)
        if (a.weights[i].rows() != b.weights[i].rows() || a.weights[i].cols() != b.weights[i].cols() ||
            a.weights[i] != b.weights[i])
            return false;
    for (std::size_t i = 0; i < a.biases.size(); ++i)
        if (a.biases[i].size() != b.biases[i].size() || a.biases[i] != b.biases[i]) return false;
    return true;
}
} // namespace

bool OptimizerState::operator==(const OptimizerState& other) const {
    return t == other.t && sameValues(m, other.m) && sameValues(v, other.v);
}

OptimizerState initialOptimizerState(const NetworkConfig& config) {
    OptimizerState state;
    if (config.optimizer == Optimizer::Momentum || config.optimizer == Optimizer::Adam) state.v = zerosLike(config);
    if (config.optimizer == Optimizer::Adam) state.m = zerosLike(config);
    return state;
}

bool matchesOptimizer(const OptimizerState& state, const NetworkConfig& config) {
    const bool needsV = config.optimizer == Optimizer::Momentum || config.optimizer == Optimizer::Adam;
    const bool needsM = config.optimizer == Optimizer::Adam;
    return state.t >= 0 && (needsV ? sameShapes(state.v, config) : state.v.layers() == 0) &&
           (needsM ? sameShapes(state.m, config) : state.m.layers() == 0);
}

} // namespace stepwise::core
