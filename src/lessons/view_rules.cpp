// The view rules (see view_rules.hpp), written against the catalogue's tensor kinds.
#include "lessons/view_rules.hpp"

namespace stepwise::lessons {

ViewTensorRule tensorRule(ViewKind kind) {
    using T = core::TensorKind;
    switch (kind) {
    case ViewKind::Heatmap: return {true, nullptr};
    case ViewKind::WeightsAsImages: // rows of 784 weights drawn as 28 × 28 images
        return {true, [](const core::TensorInfo& t, int) {
                    return t.layer == 1 && (t.kind == T::Weight || t.kind == T::WeightGradient || t.kind == T::UpdatedWeight);
                }};
    case ViewKind::Digits: return {true, [](const core::TensorInfo& t, int) { return t.kind == T::Input; }};
    case ViewKind::DotProduct: // one entry as the sum it is: Z¹ = W¹A⁰ + b¹, dWˡ = (1/m) dZˡAˡ⁻¹ᵀ, dbˡ = mean of dZˡ
        return {true, [](const core::TensorInfo& t, int) {
                    return (t.kind == T::PreActivation && t.layer == 1) || (t.kind == T::WeightGradient && t.layer >= 2) ||
                           t.kind == T::BiasGradient;
                }};
    case ViewKind::ReluMask: // where a hidden layer's Z lets the gradient through
        return {true, [](const core::TensorInfo& t, int layers) { return t.kind == T::PreActivation && t.layer < layers; }};
    default: return {false, nullptr};
    }
}

std::vector<std::string> fittingTensors(const ViewTensorRule& rule, const NetworkVocabulary& vocabulary) {
    std::vector<std::string> names;
    for (const auto& name : vocabulary.tensorNames())
        if (const auto* t = vocabulary.tensor(name); t && rule.fits && rule.fits(*t, vocabulary.config().layers()))
            names.push_back(name);
    return names;
}

} // namespace stepwise::lessons
