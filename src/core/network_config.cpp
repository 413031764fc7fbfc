// Names of the enumerations in network_config.hpp, for the command line and the docs.
#include "core/network_config.hpp"

namespace stepwise::core {

std::string_view toString(Activation activation) {
    switch (activation) {
    case Activation::ReLU: return "relu";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Tanh: return "tanh";
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
    for (auto a : {Activation::ReLU, Activation::Sigmoid, Activation::Tanh})
        if (toString(a) == name) return a;
    return std::nullopt;
}

std::optional<Init> parseInit(std::string_view name) {
    for (auto i : {Init::UniformCentered, Init::UniformPositive, Init::He})
        if (toString(i) == name) return i;
    return std::nullopt;
}

std::string describe(const NetworkConfig& c) {
    std::string sizes = std::to_string(c.inputs);
    for (int h : c.hidden) sizes += "-" + std::to_string(h);
    sizes += "-" + std::to_string(c.outputs);
    return sizes + " " + std::string(toString(c.activation)) + ", alpha " + std::to_string(c.alpha).substr(0, 6) +
           ", init " + std::string(toString(c.init)) + ", seed " + std::to_string(c.seed) +
           (c.paperFaithful ? ", paper-faithful" : "");
}

} // namespace stepwise::core
