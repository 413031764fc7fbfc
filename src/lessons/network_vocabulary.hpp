// What a lesson may name for a given network: its tensors (with their shapes) and the ids of
// its equations, as the core defines them. The parser checks lesson files against it and the
// player turns an equation id into a stepper position with it.
#pragma once

#include "core/network_config.hpp"
#include "core/equation_catalogue.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::lessons {

/// \brief The shape of a named tensor. Tensors with one column per sample (A0, Z1, dZ2, Y, …)
/// have m columns, which depends on the batch, so their column count is empty.
struct TensorShape {
    int rows = 0;            ///< rows, fixed by the network
    std::optional<int> cols; ///< columns when fixed by the network; empty for m (one per sample)

    /// \brief True when the tensor has one column per sample (m columns).
    [[nodiscard]] bool perSample() const { return !cols.has_value(); }
    /// \brief Equal when rows and columns are equal.
    bool operator==(const TensorShape&) const = default;
};

/// \brief The tensor names, shapes and equation ids of one network, from core.
///
/// Built once from a core::NetworkConfig; immutable afterwards, so any thread may read it.
class NetworkVocabulary {
public:
    /// \brief The vocabulary of \p config (the paper's 784-10-10 network by default).
    explicit NetworkVocabulary(const core::NetworkConfig& config = {});

    /// \brief Every tensor name, in core::tensorNames() order.
    [[nodiscard]] const std::vector<std::string>& tensorNames() const { return m_tensorNames; }
    /// \brief The equations of one iteration, in execution order.
    [[nodiscard]] const std::vector<core::Equation>& equations() const { return m_equations; }
    /// \brief True when \p name is a tensor of this network.
    [[nodiscard]] bool hasTensor(std::string_view name) const;
    /// \brief The catalogue entry of tensor \p name (kind, layer, shape), or nullptr.
    [[nodiscard]] const core::TensorInfo* tensor(std::string_view name) const;
    /// \brief The network this vocabulary describes.
    [[nodiscard]] const core::NetworkConfig& config() const { return m_config; }
    /// \brief The shape of tensor \p name; empty when there is no such tensor.
    /// For the 784-10-10 network: W1 10×784, b1 10×1, Z1 10×m, L 1×1, W1_after like W1.
    [[nodiscard]] std::optional<TensorShape> tensorShape(std::string_view name) const;
    /// \brief Index of equation \p id in equations(); empty when there is no such equation.
    [[nodiscard]] std::optional<std::size_t> equationIndex(std::string_view id) const;
    /// \brief The equation \p id, or nullptr.
    [[nodiscard]] const core::Equation* equation(std::string_view id) const;

private:
    core::NetworkConfig m_config;
    std::vector<core::TensorInfo> m_tensors;
    std::vector<std::string> m_tensorNames;
    std::vector<core::Equation> m_equations;
};

/// \brief The vocabulary lesson files are checked against: the default core::NetworkConfig{}.
[[nodiscard]] const NetworkVocabulary& defaultVocabulary();

} // namespace stepwise::lessons
