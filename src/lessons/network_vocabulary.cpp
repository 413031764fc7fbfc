// Tensor shapes and equation lookup for lesson checks, read from core's equation catalogue
// for one network configuration.
#include "lessons/network_vocabulary.hpp"

#include <algorithm>

namespace stepwise::lessons {

NetworkVocabulary::NetworkVocabulary(const core::NetworkConfig& config)
    : m_config(config), m_tensors(core::tensorCatalogue(config)), m_tensorNames(core::tensorNames(config)),
      m_equations(core::iterationEquations(config)) {}

bool NetworkVocabulary::hasTensor(std::string_view name) const { return tensor(name) != nullptr; }

const core::TensorInfo* NetworkVocabulary::tensor(std::string_view name) const {
    const auto it = std::find_if(m_tensors.begin(), m_tensors.end(), [&](const auto& t) { return t.name == name; });
    return it == m_tensors.end() ? nullptr : &*it;
}

std::optional<TensorShape> NetworkVocabulary::tensorShape(std::string_view name) const {
    const core::TensorInfo* t = tensor(name);
    if (!t) return std::nullopt;
    return TensorShape{t->rows, t->perSample() ? std::nullopt : std::optional<int>(t->cols)};
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
