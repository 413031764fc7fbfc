// The learnable parameters W¹, b¹, …, Wᴸ, bᴸ and how they are first drawn.
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

} // namespace stepwise::core
