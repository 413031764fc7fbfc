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

} // namespace stepwise::core
