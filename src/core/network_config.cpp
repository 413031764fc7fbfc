// Names of the enumerations in network_config.hpp, for the command line and the docs.
#include "core/network_config.hpp"

#include <cstdio>

namespace stepwise::core {

std::string_view toString(Activation activation) {
    switch (activation) {
    case Activation::ReLU: return "relu";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
    case Activation::None: return "none";
    }
    return "?";
}

std::string_view toString(Init init) {
    switch (init) {
    case Init::UniformCentered: return "uniform";
    case Init::UniformPositive: return "positive";
    case Init::He: return "he";
    }
    return "?";
}

std::optional<Activation> parseActivation(std::string_view name) {
    for (auto a : {Activation::ReLU, Activation::Sigmoid, Activation::Tanh, Activation::None})
        if (toString(a) == name) return a;
    return std::nullopt;
}

std::optional<Init> parseInit(std::string_view name) {
    for (auto i : {Init::UniformCentered, Init::UniformPositive, Init::He})
        if (toString(i) == name) return i;
    return std::nullopt;
}

std::string_view toString(Optimizer optimizer) {
    switch (optimizer) {
    case Optimizer::GradientDescent: return "gd";
    case Optimizer::SGD: return "sgd";
    case Optimizer::Momentum: return "momentum";
    case Optimizer::Adam: return "adam";
    }
    return "?";
}

std::optional<Optimizer> parseOptimizer(std::string_view name) {
    for (auto o : {Optimizer::GradientDescent, Optimizer::SGD, Optimizer::Momentum, Optimizer::Adam})
        if (toString(o) == name) return o;
    return std::nullopt;
}

float defaultAlpha(Optimizer optimizer) { return optimizer == Optimizer::Adam ? 0.001f : 0.1f; }

std::string networkShape(const NetworkConfig& c) {
    std::string sizes = std::to_string(c.inputs);
    for (int h : c.hidden) sizes += "-" + std::to_string(h);
    return sizes + "-" + std::to_string(c.outputs);
}

namespace {
std::string optimizerRule(const NetworkConfig& c) {
    if (c.optimizer == Optimizer::GradientDescent && c.batch == 0) return "";
    std::string rule = ", " + std::string(toString(c.optimizer));
    const long b = c.columnsPerIteration(1L << 40);
    if (b < (1L << 40)) rule += ", batch " + std::to_string(b);
    return rule;
}
} // namespace

std::string networkRule(const NetworkConfig& c) {
    char alpha[32];
    std::snprintf(alpha, sizeof alpha, "%g", static_cast<double>(c.alpha)); // 0.1, not 0.100000
    return std::string(toString(c.activation)) + ", alpha " + alpha + ", init " + std::string(toString(c.init)) +
           ", seed " + std::to_string(c.seed) + (c.paperFaithful ? ", paper-faithful" : "") + optimizerRule(c);
}

std::string describe(const NetworkConfig& c) { return networkShape(c) + " " + networkRule(c); }

} // namespace stepwise::core
