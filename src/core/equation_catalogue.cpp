// The equation catalogue (see equation_catalogue.hpp). One rule per operation holds its id,
// TeX, shape rule and implementing function as templates; iterationEquations() walks the layers
// in execution order and fills the templates in for the network at hand.
// Sections: rules, template filling, tensors, equations.
#include "core/equation_catalogue.hpp"

#include <algorithm>
#include <array>

namespace stepwise::core {

namespace {

// ---------------------------------------------------------------- rules

/// How one operation becomes an equation. In the templates, {l} is the layer, {p} the layer
/// before it and {n} the one after; {nl}, {np}, {nn} are their sizes; {g} is the activation's
/// TeX and {gname} its plain name. paperTex/paperShape, when set, replace tex/shape in the
/// paper-faithful mode (the script's slips 6, 7 and 8).
struct Rule {
    Operation op;
    EquationKind kind;
    const char* id;
    const char* output;
    std::array<const char*, 3> inputs;
    const char* tex;
    const char* shape;
    const char* function;
    const char* paperTex = nullptr;
    const char* paperShape = nullptr;
    std::array<const char*, 2> intermediates{}; // tensors computed on the way (Adam's M̂ and V̂)
};

// clang-format off
constexpr std::array rules{
    Rule{Operation::Input, EquationKind::Columns, "forward.a0", "A0", {"A0"},
         "A^{0} = X", "X: ({n0}×m), one column per image", "stepwise::core::Batch"},
    Rule{Operation::Linear, EquationKind::Columns, "forward.z{l}", "Z{l}", {"W{l}", "A{p}", "b{l}"},
         "Z^{{l}} = W^{{l}} A^{{p}} + b^{{l}}", "({nl}×{np})·({np}×m) + ({nl}×1) → {nl}×m",
         "stepwise::core::linearForward"},
    Rule{Operation::Activation, EquationKind::Columns, "forward.a{l}", "A{l}", {"Z{l}"},
         "A^{{l}} = {g}(Z^{{l}})", "{gname}({nl}×m) → {nl}×m, entry by entry",
         "stepwise::core::activationForward"},
    Rule{Operation::Softmax, EquationKind::Columns, "forward.a{l}", "A{l}", {"Z{l}"},
         "A^{{l}} = \\mathrm{softmax}(Z^{{l}})", "softmax({nl}×m) → {nl}×m, column by column",
         "stepwise::core::softmax",
         "A^{{l}}_{ij} = \\frac{e^{Z^{{l}}_{ij}}}{\\sum_{k} e^{Z^{{l}}_{kj}}}",
         "e^Z / column sums of e^Z, ({nl}×m) → {nl}×m, no max subtracted"},
    Rule{Operation::OneHot, EquationKind::Columns, "loss.y", "Y", {},
         "Y = \\mathrm{onehot}(y)", "labels (m) → {nl}×m, one 1 per column", "stepwise::core::oneHot"},
    Rule{Operation::CrossEntropy, EquationKind::Reduction, "loss.ce", "L", {"Y", "A{l}"},
         "L = -\\frac{1}{m} \\sum Y \\odot \\log A^{{l}}",
         "({nl}×m) ⊙ log({nl}×m), summed and divided by m → 1×1", "stepwise::core::crossEntropySum"},
    Rule{Operation::OutputDelta, EquationKind::Columns, "backward.dz{l}", "dZ{l}", {"A{l}", "Y"},
         "dZ^{{l}} = A^{{l}} - Y", "({nl}×m) − ({nl}×m) → {nl}×m", "stepwise::core::outputDelta"},
    Rule{Operation::HiddenDelta, EquationKind::Columns, "backward.dz{l}", "dZ{l}", {"W{n}", "dZ{n}", "Z{l}"},
         "dZ^{{l}} = W^{{n}\\top} dZ^{{n}} \\odot g'(Z^{{l}})", "({nl}×{nn})·({nn}×m) ⊙ ({nl}×m) → {nl}×m",
         "stepwise::core::hiddenDelta"},
    Rule{Operation::WeightGradient, EquationKind::Reduction, "backward.dw{l}", "dW{l}", {"dZ{l}", "A{p}"},
         "dW^{{l}} = \\frac{1}{m} dZ^{{l}} A^{{p}\\top}", "(1/m)·({nl}×m)·(m×{np}) → {nl}×{np}",
         "stepwise::core::accumulateWeightGradient",
         "dW^{{l}} = \\frac{1}{m_{\\mathrm{all}}} dZ^{{l}} A^{{p}\\top}",
         "(1/m_all)·({nl}×m)·(m×{np}) → {nl}×{np}, m_all = every row of the file"},
    Rule{Operation::BiasGradient, EquationKind::Reduction, "backward.db{l}", "db{l}", {"dZ{l}"},
         "db^{{l}} = \\frac{1}{m} \\sum_{j} dZ^{{l}}_{:,j}", "(1/m)·row sums of ({nl}×m) → {nl}×1",
         "stepwise::core::accumulateBiasGradient",
         "db^{{l}} = \\frac{1}{m_{\\mathrm{all}}} \\sum_{i,j} dZ^{{l}}_{ij}",
         "(1/m_all)·sum of all of ({nl}×m) → one number in all {nl} entries"},
    Rule{Operation::WeightUpdate, EquationKind::Update, "update.w{l}", "W{l}_after", {"W{l}", "dW{l}"},
         "W^{{l}} := W^{{l}} - \\alpha \\, dW^{{l}}", "({nl}×{np}) − α·({nl}×{np}) → {nl}×{np}",
         "stepwise::core::gradientStep"},
    Rule{Operation::BiasUpdate, EquationKind::Update, "update.b{l}", "b{l}_after", {"b{l}", "db{l}"},
         "b^{{l}} := b^{{l}} - \\alpha \\, db^{{l}}", "({nl}×1) − α·({nl}×1) → {nl}×1",
         "stepwise::core::gradientStep"},
    // Momentum (PyTorch's SGD with momentum): the velocity first, then the step along it.
    Rule{Operation::WeightVelocity, EquationKind::Update, "update.vw{l}", "vW{l}_after", {"vW{l}", "dW{l}"},
         "vW^{{l}} := \\beta \\, vW^{{l}} + dW^{{l}}", "β·({nl}×{np}) + ({nl}×{np}) → {nl}×{np}",
         "stepwise::core::momentumVelocity"},
    Rule{Operation::BiasVelocity, EquationKind::Update, "update.vb{l}", "vb{l}_after", {"vb{l}", "db{l}"},
         "vb^{{l}} := \\beta \\, vb^{{l}} + db^{{l}}", "β·({nl}×1) + ({nl}×1) → {nl}×1",
         "stepwise::core::momentumVelocity"},
    Rule{Operation::WeightMomentumUpdate, EquationKind::Update, "update.w{l}", "W{l}_after", {"W{l}", "vW{l}_after"},
         "W^{{l}} := W^{{l}} - \\alpha \\, vW^{{l}}", "({nl}×{np}) − α·({nl}×{np}) → {nl}×{np}",
         "stepwise::core::gradientStep"},
    Rule{Operation::BiasMomentumUpdate, EquationKind::Update, "update.b{l}", "b{l}_after", {"b{l}", "vb{l}_after"},
         "b^{{l}} := b^{{l}} - \\alpha \\, vb^{{l}}", "({nl}×1) − α·({nl}×1) → {nl}×1",
         "stepwise::core::gradientStep"},
    // Adam (Kingma & Ba): two running moments, then the bias-corrected step, entry by entry.
    Rule{Operation::WeightFirstMoment, EquationKind::Update, "update.mw{l}", "mW{l}_after", {"mW{l}", "dW{l}"},
         "mW^{{l}} := \\beta_{1} \\, mW^{{l}} + (1 - \\beta_{1}) \\, dW^{{l}}",
         "β₁·({nl}×{np}) + (1 − β₁)·({nl}×{np}) → {nl}×{np}", "stepwise::core::adamFirstMoment"},
    Rule{Operation::BiasFirstMoment, EquationKind::Update, "update.mb{l}", "mb{l}_after", {"mb{l}", "db{l}"},
         "mb^{{l}} := \\beta_{1} \\, mb^{{l}} + (1 - \\beta_{1}) \\, db^{{l}}",
         "β₁·({nl}×1) + (1 − β₁)·({nl}×1) → {nl}×1", "stepwise::core::adamFirstMoment"},
    Rule{Operation::WeightSecondMoment, EquationKind::Update, "update.vw{l}", "vW{l}_after", {"vW{l}", "dW{l}"},
         "vW^{{l}} := \\beta_{2} \\, vW^{{l}} + (1 - \\beta_{2}) \\, dW^{{l}} \\odot dW^{{l}}",
         "β₂·({nl}×{np}) + (1 − β₂)·({nl}×{np}) ⊙ ({nl}×{np}) → {nl}×{np}", "stepwise::core::adamSecondMoment"},
    Rule{Operation::BiasSecondMoment, EquationKind::Update, "update.vb{l}", "vb{l}_after", {"vb{l}", "db{l}"},
         "vb^{{l}} := \\beta_{2} \\, vb^{{l}} + (1 - \\beta_{2}) \\, db^{{l}} \\odot db^{{l}}",
         "β₂·({nl}×1) + (1 − β₂)·({nl}×1) ⊙ ({nl}×1) → {nl}×1", "stepwise::core::adamSecondMoment"},
    Rule{Operation::WeightAdamUpdate, EquationKind::Update, "update.w{l}", "W{l}_after",
         {"W{l}", "mW{l}_after", "vW{l}_after"},
         "W^{{l}} := W^{{l}} - \\alpha \\frac{mW^{{l}} / (1 - \\beta_{1}^{t})}"
         "{\\left( vW^{{l}} / (1 - \\beta_{2}^{t}) \\right)^{1/2} + \\epsilon}",
         "({nl}×{np}) − α·M̂ / (√V̂ + ε), entry by entry → {nl}×{np}",
         "stepwise::core::adamStep", nullptr, nullptr, {"mhatW{l}", "vhatW{l}"}},
    Rule{Operation::BiasAdamUpdate, EquationKind::Update, "update.b{l}", "b{l}_after",
         {"b{l}", "mb{l}_after", "vb{l}_after"},
         "b^{{l}} := b^{{l}} - \\alpha \\frac{mb^{{l}} / (1 - \\beta_{1}^{t})}"
         "{\\left( vb^{{l}} / (1 - \\beta_{2}^{t}) \\right)^{1/2} + \\epsilon}",
         "({nl}×1) − α·M̂ / (√V̂ + ε), entry by entry → {nl}×1",
         "stepwise::core::adamStep", nullptr, nullptr, {"mhatb{l}", "vhatb{l}"}},
};
// clang-format on

const Rule& ruleFor(Operation op) {
    return *std::find_if(rules.begin(), rules.end(), [op](const Rule& r) { return r.op == op; });
}

std::string_view activationName(Activation g) {
    switch (g) {
    case Activation::ReLU: return "ReLU";
    case Activation::Sigmoid: return "σ";
    case Activation::Tanh: return "tanh";
    case Activation::None: return "identity";
    }
    return "g";
}

// ---------------------------------------------------------------- template filling

/// Fills the placeholders of \p text for layer \p l of \p config. In the TeX, "{{" and "}}"
/// around a placeholder are a TeX group holding it: "^{{l}}" becomes "^{2}".
std::string fill(std::string_view text, const NetworkConfig& config, int l) {
    auto size = [&](int k) { return k >= 0 && k <= config.layers() ? std::to_string(config.layerSize(k)) : "?"; };
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] != '{') {
            out += text[i++];
            continue;
        }
        const auto close = text.find('}', i);
        const std::string_view key = text.substr(i + 1, close - i - 1);
        std::string value;
        bool known = true;
        if (key == "l") value = std::to_string(l);
        else if (key == "p") value = std::to_string(l - 1);
        else if (key == "n") value = std::to_string(l + 1);
        else if (key == "nl") value = size(l);
        else if (key == "np") value = size(l - 1);
        else if (key == "nn") value = size(l + 1);
        else if (key == "n0") value = size(0);
        else if (key == "g") value = activationTex(config.activation);
        else if (key == "gname") value = activationName(config.activation);
        else known = false;
        if (!known || close == std::string_view::npos) { // a TeX group such as {j} or {:,j}
            out += text[i++];
            continue;
        }
        out += value;
        i = close + 1;
    }
    return out;
}

Equation make(const Rule& rule, const NetworkConfig& config, int l) {
    Equation e;
    e.id = fill(rule.id, config, l);
    e.op = rule.op;
    e.kind = rule.kind;
    e.layer = rule.op == Operation::OneHot || rule.op == Operation::CrossEntropy || rule.op == Operation::Input ? 0 : l;
    e.output = fill(rule.output, config, l);
    for (const char* input : rule.inputs)
        if (input) e.inputs.push_back(fill(input, config, l));
    const bool paper = config.paperFaithful && rule.paperTex;
    e.tex = fill(paper ? rule.paperTex : rule.tex, config, l);
    e.shape = fill(paper ? rule.paperShape : rule.shape, config, l);
    e.function = rule.function;
    for (const char* name : rule.intermediates)
        if (name) e.intermediates.push_back(fill(name, config, l));
    return e;
}

TensorKind outputKind(Operation op) {
    switch (op) {
    case Operation::Input: return TensorKind::Input;
    case Operation::Linear: return TensorKind::PreActivation;
    case Operation::Activation:
    case Operation::Softmax: return TensorKind::Activation;
    case Operation::OneHot: return TensorKind::Labels;
    case Operation::CrossEntropy: return TensorKind::Loss;
    case Operation::OutputDelta:
    case Operation::HiddenDelta: return TensorKind::Delta;
    case Operation::WeightGradient: return TensorKind::WeightGradient;
    case Operation::BiasGradient: return TensorKind::BiasGradient;
    case Operation::WeightUpdate:
    case Operation::WeightMomentumUpdate:
    case Operation::WeightAdamUpdate: return TensorKind::UpdatedWeight;
    case Operation::BiasUpdate:
    case Operation::BiasMomentumUpdate:
    case Operation::BiasAdamUpdate: return TensorKind::UpdatedBias;
    case Operation::WeightVelocity:
    case Operation::WeightSecondMoment: return TensorKind::UpdatedWeightVelocity;
    case Operation::BiasVelocity:
    case Operation::BiasSecondMoment: return TensorKind::UpdatedBiasVelocity;
    case Operation::WeightFirstMoment: return TensorKind::UpdatedWeightMoment;
    case Operation::BiasFirstMoment: return TensorKind::UpdatedBiasMoment;
    }
    return TensorKind::Input;
}

/// The update equations of one layer, in execution order, for an optimiser.
std::vector<Operation> updateOperations(Optimizer optimizer) {
    switch (optimizer) {
    case Optimizer::GradientDescent:
    case Optimizer::SGD: break;
    case Optimizer::Momentum:
        return {Operation::WeightVelocity, Operation::WeightMomentumUpdate, Operation::BiasVelocity,
                Operation::BiasMomentumUpdate};
    case Optimizer::Adam:
        return {Operation::WeightFirstMoment, Operation::WeightSecondMoment, Operation::WeightAdamUpdate,
                Operation::BiasFirstMoment,   Operation::BiasSecondMoment,  Operation::BiasAdamUpdate};
    }
    return {Operation::WeightUpdate, Operation::BiasUpdate};
}

} // namespace

std::string_view activationTex(Activation activation) {
    switch (activation) {
    case Activation::ReLU: return "\\mathrm{ReLU}";
    case Activation::Sigmoid: return "\\sigma";
    case Activation::Tanh: return "\\tanh";
    case Activation::None: return "\\mathrm{id}";
    }
    return "g";
}

// ---------------------------------------------------------------- equations

std::vector<Equation> iterationEquations(const NetworkConfig& config) {
    const int L = config.layers();
    std::vector<Equation> eqs;
    eqs.push_back(make(ruleFor(Operation::Input), config, 0));
    for (int l = 1; l <= L; ++l) {
        eqs.push_back(make(ruleFor(Operation::Linear), config, l));
        eqs.push_back(make(ruleFor(l < L ? Operation::Activation : Operation::Softmax), config, l));
    }
    eqs.push_back(make(ruleFor(Operation::OneHot), config, L));
    eqs.push_back(make(ruleFor(Operation::CrossEntropy), config, L));
    for (int l = L; l >= 1; --l)
        for (Operation op : {l == L ? Operation::OutputDelta : Operation::HiddenDelta, Operation::WeightGradient,
                             Operation::BiasGradient})
            eqs.push_back(make(ruleFor(op), config, l));
    for (int l = 1; l <= L; ++l)
        for (Operation op : updateOperations(config.optimizer)) eqs.push_back(make(ruleFor(op), config, l));
    return eqs;
}

std::optional<std::size_t> equationIndex(const NetworkConfig& config, std::string_view id) {
    const auto eqs = iterationEquations(config);
    for (std::size_t i = 0; i < eqs.size(); ++i)
        if (eqs[i].id == id) return i;
    return std::nullopt;
}

std::optional<Equation> findEquation(const NetworkConfig& config, std::string_view id) {
    const auto index = equationIndex(config, id);
    if (!index) return std::nullopt;
    return iterationEquations(config)[*index];
}

std::optional<Equation> producerOf(const NetworkConfig& config, std::string_view name) {
    for (auto& e : iterationEquations(config))
        if (e.op != Operation::Input && (e.output == name || std::find(e.intermediates.begin(), e.intermediates.end(), name) != e.intermediates.end()))
            return std::move(e);
    return std::nullopt;
}

// ---------------------------------------------------------------- tensors

std::vector<TensorInfo> tensorCatalogue(const NetworkConfig& config) {
    std::vector<TensorInfo> tensors{{"A0", TensorKind::Input, 0, config.inputs, 0}};
    for (int l = 1; l <= config.layers(); ++l) {
        tensors.push_back({"W" + std::to_string(l), TensorKind::Weight, l, config.layerSize(l), config.layerSize(l - 1)});
        tensors.push_back({"b" + std::to_string(l), TensorKind::Bias, l, config.layerSize(l), 1});
    }
    // The optimiser's state before the update: always there, like the parameters.
    const bool moments = config.optimizer == Optimizer::Adam;
    const bool velocity = moments || config.optimizer == Optimizer::Momentum;
    for (int l = 1; l <= config.layers() && velocity; ++l) {
        const std::string n = std::to_string(l);
        const int rows = config.layerSize(l), cols = config.layerSize(l - 1);
        if (moments) {
            tensors.push_back({"mW" + n, TensorKind::WeightMoment, l, rows, cols});
            tensors.push_back({"mb" + n, TensorKind::BiasMoment, l, rows, 1});
        }
        tensors.push_back({"vW" + n, TensorKind::WeightVelocity, l, rows, cols});
        tensors.push_back({"vb" + n, TensorKind::BiasVelocity, l, rows, 1});
    }
    for (const Equation& e : iterationEquations(config)) {
        if (e.op == Operation::Input) continue;
        // Adam's step: M̂ then V̂, shaped like the parameter, before the parameter itself.
        for (std::size_t k = 0; k < e.intermediates.size(); ++k) {
            const bool weight = e.op == Operation::WeightAdamUpdate;
            const TensorKind kind = k == 0 ? (weight ? TensorKind::CorrectedWeightMoment : TensorKind::CorrectedBiasMoment)
                                           : (weight ? TensorKind::CorrectedWeightVelocity : TensorKind::CorrectedBiasVelocity);
            tensors.push_back({e.intermediates[k], kind, e.layer, config.layerSize(e.layer), weight ? config.layerSize(e.layer - 1) : 1});
        }
        TensorInfo t{e.output, outputKind(e.op), e.layer, config.layerSize(e.layer), 0};
        switch (t.kind) {
        case TensorKind::Labels: t.rows = config.outputs; break;
        case TensorKind::Loss: t.rows = 1, t.cols = 1; break;
        case TensorKind::WeightGradient:
        case TensorKind::UpdatedWeight:
        case TensorKind::UpdatedWeightVelocity:
        case TensorKind::UpdatedWeightMoment: t.cols = config.layerSize(e.layer - 1); break;
        case TensorKind::BiasGradient:
        case TensorKind::UpdatedBias:
        case TensorKind::UpdatedBiasVelocity:
        case TensorKind::UpdatedBiasMoment: t.cols = 1; break;
        default: break;
        }
        tensors.push_back(std::move(t));
    }
    return tensors;
}

std::vector<std::string> tensorNames(const NetworkConfig& config) {
    std::vector<std::string> names;
    for (auto& t : tensorCatalogue(config)) names.push_back(std::move(t.name));
    return names;
}

std::optional<TensorInfo> findTensor(const NetworkConfig& config, std::string_view name) {
    for (auto& t : tensorCatalogue(config))
        if (t.name == name) return std::move(t);
    return std::nullopt;
}

} // namespace stepwise::core
