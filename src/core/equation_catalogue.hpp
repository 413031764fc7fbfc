// The equation catalogue: the one place that knows each equation of a training iteration and
// each tensor it reads or writes. Every entry is made from one rule per operation (its id, TeX
// template, shape rule, implementing function), instantiated for a network configuration, so
// the stepper, the lessons, the shape lines, the docs and the views all read the same facts.
// Sections: operations, tensors, equations.
#pragma once

#include "core/network_config.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::core {

// ---------------------------------------------------------------- operations

/// \brief What an equation computes. The stepper dispatches on it; nothing compares id strings.
enum class Operation {
    Input,          ///< A⁰ = X (`forward.a0`)
    Linear,         ///< Zˡ = WˡAˡ⁻¹ + bˡ (`forward.z1`, …)
    Activation,     ///< Aˡ = g(Zˡ), hidden layers (`forward.a1`, …)
    Softmax,        ///< A^L = softmax(Z^L), the output layer
    OneHot,         ///< Y = onehot(y) (`loss.y`)
    CrossEntropy,   ///< L = −(1/m) Σ Y ⊙ log A^L (`loss.ce`)
    OutputDelta,    ///< dZ^L = A^L − Y
    HiddenDelta,    ///< dZˡ = Wˡ⁺¹ᵀ dZˡ⁺¹ ⊙ g′(Zˡ)
    WeightGradient, ///< dWˡ = (1/m) dZˡ Aˡ⁻¹ᵀ
    BiasGradient,   ///< dbˡ = (1/m) Σⱼ dZˡ[:, j]
    WeightUpdate,   ///< Wˡ := Wˡ − α dWˡ (gd and sgd)
    BiasUpdate,     ///< bˡ := bˡ − α dbˡ (gd and sgd)
    WeightVelocity, ///< momentum: vWˡ := β vWˡ + dWˡ (`update.vw1`, …)
    BiasVelocity,   ///< momentum: vbˡ := β vbˡ + dbˡ (`update.vb1`, …)
    WeightMomentumUpdate, ///< momentum: Wˡ := Wˡ − α vWˡ (`update.w1`, …)
    BiasMomentumUpdate,   ///< momentum: bˡ := bˡ − α vbˡ (`update.b1`, …)
    WeightFirstMoment,    ///< Adam: mWˡ := β₁ mWˡ + (1 − β₁) dWˡ (`update.mw1`, …)
    BiasFirstMoment,      ///< Adam: mbˡ := β₁ mbˡ + (1 − β₁) dbˡ (`update.mb1`, …)
    WeightSecondMoment,   ///< Adam: vWˡ := β₂ vWˡ + (1 − β₂) dWˡ ⊙ dWˡ (`update.vw1`, …)
    BiasSecondMoment,     ///< Adam: vbˡ := β₂ vbˡ + (1 − β₂) dbˡ ⊙ dbˡ (`update.vb1`, …)
    WeightAdamUpdate,     ///< Adam: Wˡ := Wˡ − α M̂ / (√V̂ + ε), bias-corrected (`update.w1`, …)
    BiasAdamUpdate        ///< Adam: bˡ := bˡ − α M̂ / (√V̂ + ε), bias-corrected (`update.b1`, …)
};

/// \brief What kind of work an equation does, which decides how it walks the batch.
enum class EquationKind {
    Columns,   ///< column by column (forward pass, one-hot, dZ): any block order gives the same result
    Reduction, ///< sums over the m columns (loss, dW, db)
    Update     ///< touches parameters only (W ← W − α dW)
};

// ---------------------------------------------------------------- tensors

/// \brief What a named tensor holds. Views pick their widget from this and the layer.
enum class TensorKind {
    Input,          ///< A0 = X, the images
    Weight,         ///< Wˡ before the update
    Bias,           ///< bˡ before the update
    PreActivation,  ///< Zˡ
    Activation,     ///< Aˡ (hidden: g(Zˡ); last: the probabilities)
    Labels,         ///< Y, the one-hot labels
    Loss,           ///< L, 1 × 1
    Delta,          ///< dZˡ
    WeightGradient, ///< dWˡ
    BiasGradient,   ///< dbˡ
    UpdatedWeight,  ///< Wˡ_after
    UpdatedBias,    ///< bˡ_after
    WeightVelocity, ///< vWˡ before the update: momentum's velocity V, or Adam's second moment V
    BiasVelocity,   ///< vbˡ before the update (as WeightVelocity, for bˡ)
    WeightMoment,   ///< mWˡ before the update: Adam's first moment M
    BiasMoment,     ///< mbˡ before the update: Adam's first moment M of bˡ
    UpdatedWeightVelocity, ///< vWˡ_after
    UpdatedBiasVelocity,   ///< vbˡ_after
    UpdatedWeightMoment,   ///< mWˡ_after
    UpdatedBiasMoment,     ///< mbˡ_after
    CorrectedWeightMoment,   ///< mhatWˡ: Adam's M̂ = mWˡ_after / (1 − β₁ᵗ), computed by update.wˡ
    CorrectedBiasMoment,     ///< mhatbˡ: M̂ of bˡ, computed by update.bˡ
    CorrectedWeightVelocity, ///< vhatWˡ: Adam's V̂ = vWˡ_after / (1 − β₂ᵗ), computed by update.wˡ
    CorrectedBiasVelocity    ///< vhatbˡ: V̂ of bˡ, computed by update.bˡ
};

/// \brief One named tensor of an iteration of a given network.
struct TensorInfo {
    std::string name;     ///< e.g. "A0", "W1", "dZ2", "b1_after"
    TensorKind kind = TensorKind::Input; ///< what it holds
    int layer = 0;        ///< l (0 for A0, and for Y and L, which belong to no layer)
    int rows = 0;         ///< rows, fixed by the network
    int cols = 0;         ///< columns when fixed by the network; 0 for tensors with one column per sample
    /// \brief True when the tensor has one column per sample (m columns).
    [[nodiscard]] bool perSample() const { return cols == 0; }
};

/// \brief Every tensor of an iteration of \p config: A0, the parameters, the optimiser's state
/// before the update (momentum: vW1, vb1, …; Adam: mW1, mb1, vW1, vb1, …), then each equation's
/// output in execution order.
std::vector<TensorInfo> tensorCatalogue(const NetworkConfig& config);

/// \brief Every tensor name an iteration of \p config holds (inputs, intermediates, results).
std::vector<std::string> tensorNames(const NetworkConfig& config);

/// \brief The tensor called \p name in \p config, if there is one.
std::optional<TensorInfo> findTensor(const NetworkConfig& config, std::string_view name);

// ---------------------------------------------------------------- equations

/// \brief One equation of a training iteration, rendered for one network configuration.
struct Equation {
    std::string id;                  ///< stable id, e.g. "forward.z1", "backward.dw2", "update.b1"
    Operation op = Operation::Input; ///< what it computes
    EquationKind kind = EquationKind::Columns; ///< how it walks the batch
    int layer = 0;                   ///< l of the layer it belongs to (0 for A0, Y, L)
    std::string output;              ///< tensor it produces, e.g. "Z1", "W1_after"
    std::vector<std::string> inputs; ///< tensors it reads, in the order they appear in tex
    std::string tex;                 ///< the equation in the TeX subset the equation view typesets,
                                     ///< for this network's activation, depth and paper-faithful mode
    std::string shape;               ///< the shape rule, e.g. "(10×784)·(784×m) + (10×1) → 10×m"
    std::string function;            ///< the core function that computes it, e.g. "stepwise::core::linearForward"
    /// \brief Tensors it computes on the way to its output and keeps for the views: Adam's step
    /// computes M̂ and V̂ ("mhatW1", "vhatW1") before W1_after. Empty for every other equation.
    std::vector<std::string> intermediates;
    /// \brief True when the output has one column per sample (a column of it follows one image).
    [[nodiscard]] bool perSample() const { return kind == EquationKind::Columns && op != Operation::Input; }
};

/// \brief The equations of one iteration, in execution order, for \p config.
///
/// For the paper's 784-10-10 network: forward.a0, forward.z1, forward.a1, forward.z2,
/// forward.a2, loss.y, loss.ce, backward.dz2, backward.dw2, backward.db2, backward.dz1,
/// backward.dw1, backward.db1, update.w1, update.b1, update.w2, update.b2. With h hidden layers
/// there are 3 + 2 (h + 1) forward-and-loss equations, 3 (h + 1) backward and 2 (h + 1) updates:
/// 24 for 784-128-64-10. Momentum puts its velocity before each parameter's step (update.vw1,
/// update.w1, update.vb1, update.b1, …: 4 (h + 1) updates); Adam its two moments (update.mw1,
/// update.vw1, update.w1, update.mb1, update.vb1, update.b1, …: 6 (h + 1)). SGD's equations are gd's.
std::vector<Equation> iterationEquations(const NetworkConfig& config);

/// \brief The equation \p id of \p config, if the network has it.
std::optional<Equation> findEquation(const NetworkConfig& config, std::string_view id);

/// \brief The equation that produces tensor \p name in \p config (forward.z1 for "Z1"); empty
/// for the inputs (A0 and the parameters) and for names the network does not have.
std::optional<Equation> producerOf(const NetworkConfig& config, std::string_view name);

/// \brief Index of equation \p id in iterationEquations(\p config), if the network has it.
std::optional<std::size_t> equationIndex(const NetworkConfig& config, std::string_view id);

/// \brief The TeX of the hidden activation g ("\mathrm{ReLU}", "\sigma", "\tanh").
std::string_view activationTex(Activation activation);

} // namespace stepwise::core
