// The learnable parameters W¹, b¹, …, Wᴸ, bᴸ and how they are first drawn, and the state an
// optimiser carries from one iteration to the next (momentum's velocity, Adam's two moments).
#pragma once

#include "core/network_config.hpp"

#include <Eigen/Core>
#include <vector>

namespace stepwise::core {

/// \brief Weights and biases of every layer, 1-based like the paper: W(1) is W¹.
///
/// Shapes: W(l) is n_l × n_{l−1}, b(l) is n_l × 1 (one bias per neuron, erratum 1).
struct Parameters {
    std::vector<Eigen::MatrixXf> weights; ///< weights[l−1] = Wˡ
    std::vector<Eigen::VectorXf> biases;  ///< biases[l−1] = bˡ

    /// \brief Number of weight layers L.
    [[nodiscard]] int layers() const { return static_cast<int>(weights.size()); }
    /// \brief Wˡ, l = 1…L.
    [[nodiscard]] Eigen::MatrixXf& W(int l) { return weights[static_cast<std::size_t>(l - 1)]; }
    /// \brief Wˡ, l = 1…L.
    [[nodiscard]] const Eigen::MatrixXf& W(int l) const { return weights[static_cast<std::size_t>(l - 1)]; }
    /// \brief bˡ, l = 1…L.
    [[nodiscard]] Eigen::VectorXf& b(int l) { return biases[static_cast<std::size_t>(l - 1)]; }
    /// \brief bˡ, l = 1…L.
    [[nodiscard]] const Eigen::VectorXf& b(int l) const { return biases[static_cast<std::size_t>(l - 1)]; }
    /// \brief True when every weight and bias is a finite number.
    [[nodiscard]] bool allFinite() const;
};

/// \brief Draws the initial parameters for \p config with its seed and initialisation rule.
///
/// The same config always gives bit-identical parameters (own generator, no std distributions).
Parameters initialParameters(const NetworkConfig& config);

/// \brief What an optimiser remembers between iterations, one tensor per parameter.
///
/// Momentum keeps a velocity V per parameter (`vW1`, `vb1`, …); Adam keeps a first moment M
/// (`mW1`, …) and a second moment V (`vW1`, …); plain gradient descent and SGD keep neither.
/// Each is held as a Parameters of the network's shapes (an empty one when unused), so v.W(l) is
/// the V of Wˡ and has Wˡ's shape. #t counts the updates made with this state.
struct OptimizerState {
    Parameters m; ///< Adam's first moments M (empty otherwise)
    Parameters v; ///< momentum's velocities, or Adam's second moments V (empty for gd and sgd)
    long t = 0;   ///< updates made so far: Adam's bias correction uses t after the update (1 first)

    /// \brief Equal when every tensor and the step count are equal, bit for bit.
    [[nodiscard]] bool operator==(const OptimizerState& other) const;
};

/// \brief The state \p config's optimiser starts from: zero moments of the parameters' shapes
/// for momentum (V) and Adam (M and V), nothing for gd and sgd; t = 0.
OptimizerState initialOptimizerState(const NetworkConfig& config);

/// \brief True when \p state has the tensors \p config's optimiser needs, each of its parameter's shape.
[[nodiscard]] bool matchesOptimizer(const OptimizerState& state, const NetworkConfig& config);

} // namespace stepwise::core
