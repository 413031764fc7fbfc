// Tensor shapes and equation lookup for lesson checks, derived from core's naming scheme:
// W<l>, b<l>, Z<l>, A<l>, dW<l>, db<l>, dZ<l>, the update results <name>_after, Y and L.
#include "lessons/network_vocabulary.hpp"

#include <algorithm>
#include <charconv>

namespace stepwise::lessons {

namespace {

/// Layer number after \p prefix in \p name ("W12" → 12); empty when the rest is not a number.
std::optional<int> layerAfter(std::string_view name, std::string_view prefix) {
    if (name.size() <= prefix.size() || name.substr(0, prefix.size()) != prefix) return std::nullopt;
    const auto digits = name.substr(prefix.size());
    int l = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), l);
    if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
    return l;
}

} // namespace

NetworkVocabulary::NetworkVocabulary(const core::NetworkConfig& config)
    : m_config(config), m_tensorNames(core::tensorNames(config)), m_equations(core::iterationEquations(config)) {}

bool NetworkVocabulary::hasTensor(std::string_view name) const {
    return std::find(m_tensorNames.begin(), m_tensorNames.end(), name) != m_tensorNames.end();
}

std::optional<TensorShape> NetworkVocabulary::tensorShape(std::string_view name) const {
    if (!hasTensor(name)) return std::nullopt;
    constexpr std::string_view after = "_after";
    if (name.size() > after.size() && name.substr(name.size() - after.size()) == after)
        name.remove_suffix(after.size()); // W1_after has W1's shape
    if (name == "L") return TensorShape{1, 1};
    if (name == "Y") return TensorShape{m_config.outputs, std::nullopt};
    const int L = m_config.layers();
    const auto layerOk = [&](std::optional<int> l) { return l && *l >= 0 && *l <= L; };
    // Longest prefixes first so "dW1" is not read as "d" + "W1".
    for (std::string_view prefix : {"dW", "W"})
        if (auto l = layerAfter(name, prefix); layerOk(l) && *l >= 1)
            return TensorShape{m_config.layerSize(*l), m_config.layerSize(*l - 1)};
    for (std::string_view prefix : {"db", "b"})
        if (auto l = layerAfter(name, prefix); layerOk(l) && *l >= 1) return TensorShape{m_config.layerSize(*l), 1};
    for (std::string_view prefix : {"dZ", "Z", "A"})
        if (auto l = layerAfter(name, prefix); layerOk(l)) return TensorShape{m_config.layerSize(*l), std::nullopt};
    return std::nullopt;
}

std::optional<std::size_t> NetworkVocabulary::equationIndex(std::string_view id) const {
    for (std::size_t i = 0; i < m_equations.size(); ++i)
        if (m_equations[i].id == id) return i;
    return std::nullopt;
}

const core::Equation* NetworkVocabulary::equation(std::string_view id) const {
    const auto index = equationIndex(id);
    return index ? &m_equations[*index] : nullptr;
}

const NetworkVocabulary& defaultVocabulary() {
    static const NetworkVocabulary vocabulary{core::NetworkConfig{}};
    return vocabulary;
}

} // namespace stepwise::lessons
