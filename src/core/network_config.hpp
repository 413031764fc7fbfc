// What network to build and how to train it: layer sizes, activation, α, initialisation,
// seed, and the paper-faithful switch. Plain values, no behaviour.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::core {

/// \brief The hidden-layer activation g.
enum class Activation {
    ReLU,    ///< g(z) = max(0, z), the paper's choice
    Sigmoid, ///< g(z) = 1 / (1 + e^-z)
    Tanh,    ///< g(z) = tanh z
    None     ///< g(z) = z: no activation, so the layers collapse into one linear map
};

/// \brief How the weights are first drawn (biases follow the same rule, as in the paper's script).
enum class Init {
    UniformCentered, ///< uniform in −0.5…0.5, what the paper's script does (default)
    UniformPositive, ///< uniform in 0…1, what the paper's text says (erratum 2)
    He               ///< normal with standard deviation √(2 / fan-in), biases zero
};

/// \brief How the gradients move the parameters (the update equations, issue 11).
enum class Optimizer {
    GradientDescent, ///< W ← W − α dW on the whole training set each iteration (the paper's, default)
    SGD,             ///< the same update, one mini-batch of `batch` columns per iteration
    Momentum,        ///< V ← βV + dW, then W ← W − αV (PyTorch's SGD with momentum)
    Adam             ///< Kingma & Ba: bias-corrected first and second moments
};

/// \brief Every choice that defines one network and its training rule.
struct NetworkConfig {
    int inputs = 784;             ///< pixels per image
    std::vector<int> hidden{10};  ///< hidden layer sizes, e.g. {10} or {128, 64}
    int outputs = 10;             ///< digit classes
    Activation activation = Activation::ReLU; ///< g for every hidden layer
    float alpha = 0.1f;           ///< learning rate α
    Init init = Init::UniformCentered; ///< initial weight distribution
    std::uint64_t seed = 0;       ///< seed for the initial weights
    /// \brief Reproduce the script's slips 6, 7 and 8 (scalar bias gradient, m = all rows,
    /// softmax without subtracting the column max). Off: the corrected math.
    bool paperFaithful = false;
    Optimizer optimizer = Optimizer::GradientDescent; ///< the update rule
    /// \brief Columns per iteration: 0 = the whole training set (full batch). SGD uses 64 when
    /// it is 0; momentum and Adam run on the full batch at 0 and on mini-batches otherwise.
    int batch = 0;
    float beta = 0.9f;     ///< momentum's β
    float beta1 = 0.9f;    ///< Adam's β₁ (first moment)
    float beta2 = 0.999f;  ///< Adam's β₂ (second moment)
    float epsilon = 1e-8f; ///< Adam's ε

    /// \brief Columns of one iteration given \p rows training columns: the mini-batch size, or
    /// all of them for full-batch training.
    [[nodiscard]] long columnsPerIteration(long rows) const {
        const long b = batch > 0 ? batch : (optimizer == Optimizer::SGD ? 64 : 0);
        return b > 0 && b < rows ? b : rows;
    }

    /// \brief Equal when every field is equal.
    bool operator==(const NetworkConfig&) const = default;

    /// \brief Number of weight layers L (hidden layers + output layer).
    [[nodiscard]] int layers() const { return static_cast<int>(hidden.size()) + 1; }
    /// \brief Number of trainable parameters: every weight and bias, Σ n_l (n_{l−1} + 1).
    [[nodiscard]] long parameterCount() const {
        long n = 0;
        for (int l = 1; l <= layers(); ++l) n += static_cast<long>(layerSize(l)) * (layerSize(l - 1) + 1);
        return n;
    }
    /// \brief Size of layer l, for l = 0 (input) … L (output).
    [[nodiscard]] int layerSize(int l) const {
        if (l == 0) return inputs;
        if (l == layers()) return outputs;
        return hidden[static_cast<std::size_t>(l - 1)];
    }
};

/// \brief Lower-case name of an activation ("relu", "sigmoid", "tanh", "none").
std::string_view toString(Activation activation);
/// \brief Lower-case name of an initialisation ("uniform", "positive", "he").
std::string_view toString(Init init);
/// \brief The layer sizes: "784-10-10", "784-128-64-10".
std::string networkShape(const NetworkConfig& config);
/// \brief How it computes and trains: "relu, alpha 0.1, init uniform, seed 0" (", paper-faithful"
/// when it is on; ", adam, batch 64" and the like when the optimiser is not full-batch gd).
std::string networkRule(const NetworkConfig& config);
/// \brief The network in a few words: "784-10-10 relu, alpha 0.1, init uniform, seed 0".
std::string describe(const NetworkConfig& config);
/// \brief Parses "relu", "sigmoid", "tanh" or "none"; empty on anything else.
std::optional<Activation> parseActivation(std::string_view name);
/// \brief Parses "uniform", "positive" or "he"; empty on anything else.
std::optional<Init> parseInit(std::string_view name);
/// \brief Lower-case name of an optimiser ("gd", "sgd", "momentum", "adam").
std::string_view toString(Optimizer optimizer);
/// \brief Parses "gd", "sgd", "momentum" or "adam"; empty on anything else.
std::optional<Optimizer> parseOptimizer(std::string_view name);
/// \brief The learning rate an optimiser uses when none is given: 0.001 for Adam, 0.1 otherwise.
float defaultAlpha(Optimizer optimizer);

} // namespace stepwise::core
