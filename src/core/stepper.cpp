// The Stepper: the equation catalogue, per-equation execution over blocks of columns, and the
// fused per-block iteration used by the trainer. Both paths call the same equation functions on
// the same blocks in the same order, so their numbers are bit-identical.
// Sections: catalogue, Stepper (lookup, stepping, execution), forwardOutput.
#include "core/stepper.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace stepwise::core {

namespace {
std::string num(int l) { return std::to_string(l); }

std::string activationTex(Activation g) {
    switch (g) {
    case Activation::ReLU: return "\\mathrm{ReLU}";
    case Activation::Sigmoid: return "\\sigma";
    case Activation::Tanh: return "\\tanh";
    }
    return "g";
}
} // namespace

// ---------------------------------------------------------------- catalogue

std::vector<Equation> iterationEquations(const NetworkConfig& config) {
    const int L = config.layers();
    std::vector<Equation> eqs;
    eqs.push_back({"forward.a0", "A^{0} = X", "A0", {"A0"}, EquationKind::Columns, 0});
    for (int l = 1; l <= L; ++l) {
        const std::string s = num(l), p = num(l - 1);
        eqs.push_back({"forward.z" + s, "Z^{" + s + "} = W^{" + s + "} A^{" + p + "} + b^{" + s + "}", "Z" + s,
                       {"W" + s, "A" + p, "b" + s}, EquationKind::Columns, l});
        if (l < L)
            eqs.push_back({"forward.a" + s, "A^{" + s + "} = " + activationTex(config.activation) + "(Z^{" + s + "})",
                           "A" + s, {"Z" + s}, EquationKind::Columns, l});
        else
            eqs.push_back({"forward.a" + s, "A^{" + s + "} = \\mathrm{softmax}(Z^{" + s + "})", "A" + s, {"Z" + s},
                           EquationKind::Columns, l});
    }
    const std::string sL = num(L);
    eqs.push_back({"loss.y", "Y = \\mathrm{onehot}(y)", "Y", {}, EquationKind::Columns, 0});
    eqs.push_back({"loss.ce", "L = -\\frac{1}{m} \\sum Y \\odot \\log A^{" + sL + "}", "L", {"Y", "A" + sL},
                   EquationKind::Reduction, 0});
    for (int l = L; l >= 1; --l) {
        const std::string s = num(l), p = num(l - 1), n = num(l + 1);
        if (l == L)
            eqs.push_back({"backward.dz" + s, "dZ^{" + s + "} = A^{" + s + "} - Y", "dZ" + s, {"A" + s, "Y"},
                           EquationKind::Columns, l});
        else
            eqs.push_back({"backward.dz" + s,
                           "dZ^{" + s + "} = W^{" + n + "\\top} dZ^{" + n + "} \\odot g'(Z^{" + s + "})", "dZ" + s,
                           {"W" + n, "dZ" + n, "Z" + s}, EquationKind::Columns, l});
        eqs.push_back({"backward.dw" + s, "dW^{" + s + "} = \\frac{1}{m} dZ^{" + s + "} A^{" + p + "\\top}", "dW" + s,
                       {"dZ" + s, "A" + p}, EquationKind::Reduction, l});
        eqs.push_back({"backward.db" + s, "db^{" + s + "} = \\frac{1}{m} \\sum_{j} dZ^{" + s + "}_{:,j}", "db" + s,
                       {"dZ" + s}, EquationKind::Reduction, l});
    }
    for (int l = 1; l <= L; ++l) {
        const std::string s = num(l);
        eqs.push_back({"update.w" + s, "W^{" + s + "} := W^{" + s + "} - \\alpha \\, dW^{" + s + "}", "W" + s + "_after",
                       {"W" + s, "dW" + s}, EquationKind::Update, l});
        eqs.push_back({"update.b" + s, "b^{" + s + "} := b^{" + s + "} - \\alpha \\, db^{" + s + "}", "b" + s + "_after",
                       {"b" + s, "db" + s}, EquationKind::Update, l});
    }
    return eqs;
}

std::vector<std::string> tensorNames(const NetworkConfig& config) {
    std::vector<std::string> names{"A0"};
    for (int l = 1; l <= config.layers(); ++l) {
        names.push_back("W" + num(l));
        names.push_back("b" + num(l));
    }
    for (const auto& e : iterationEquations(config))
        if (e.output != "A0") names.push_back(e.output);
    return names;
}

void runSequentially(int n, const std::function<void(int)>& body) {
    for (int i = 0; i < n; ++i) body(i);
}

// ---------------------------------------------------------------- Stepper: set-up and lookup

Stepper::Stepper(NetworkConfig config, Parameters parameters, std::shared_ptr<const Batch> batch,
                 Eigen::Index paperRows)
    : m_config(std::move(config)), m_equations(iterationEquations(m_config)), m_batch(std::move(batch)),
      m_paperRows(paperRows), m_before(std::move(parameters)), m_loss(std::numeric_limits<double>::quiet_NaN()) {
    if (!m_batch || m_batch->X.rows() != m_config.inputs || m_batch->labels.size() != m_batch->X.cols())
        throw std::invalid_argument("Stepper: batch must be inputs × m with m labels");
    if (m_before.layers() != m_config.layers())
        throw std::invalid_argument("Stepper: parameters do not match the network config");
    m_plan.columns = m_batch->X.cols();
    const int L = m_config.layers();
    const auto m = m_plan.columns;
    m_Z.resize(static_cast<std::size_t>(L + 1));
    m_A.resize(static_cast<std::size_t>(L + 1));
    m_dZ.resize(static_cast<std::size_t>(L + 1));
    m_dW.resize(static_cast<std::size_t>(L + 1));
    m_db.resize(static_cast<std::size_t>(L + 1));
    m_dWSum.assign(BlockPlan::shards, std::vector<Eigen::MatrixXf>(static_cast<std::size_t>(L + 1)));
    m_dbSum.assign(BlockPlan::shards, std::vector<Eigen::MatrixXf>(static_cast<std::size_t>(L + 1)));
    m_lossSum.assign(BlockPlan::shards, 0.0);
    for (int l = 1; l <= L; ++l) {
        const auto n = m_config.layerSize(l), np = m_config.layerSize(l - 1);
        const auto ul = static_cast<std::size_t>(l);
        m_Z[ul].resize(n, m);
        m_A[ul].resize(n, m);
        m_dZ[ul].resize(n, m);
        m_dW[ul].resize(n, np);
        m_db[ul].resize(n, 1);
        for (int s = 0; s < BlockPlan::shards; ++s) {
            m_dWSum[static_cast<std::size_t>(s)][ul].resize(n, np);
            m_dbSum[static_cast<std::size_t>(s)][ul].resize(n, 1);
        }
    }
    m_Y.resize(m_config.outputs, m);
    m_lossMatrix(0, 0) = static_cast<float>(m_loss);
    m_after = m_before;
}

std::optional<std::size_t> Stepper::equationIndex(std::string_view id) const {
    for (std::size_t i = 0; i < m_equations.size(); ++i)
        if (m_equations[i].id == id) return i;
    return std::nullopt;
}

const Parameters& Stepper::parameters() const { return m_position == m_equations.size() ? m_after : m_before; }

Eigen::Index Stepper::gradientDivisor() const {
    return m_config.paperFaithful && m_paperRows > 0 ? m_paperRows : m_plan.columns;
}

std::optional<Stepper::TensorRef> Stepper::lookup(std::string_view name) const {
    auto ref = [](const auto& t) { return TensorRef{t.data(), t.rows(), t.cols()}; };
    if (name == "A0") return ref(m_batch->X);
    if (name == "Y") return ref(m_Y);
    if (name == "L") return ref(m_lossMatrix);
    std::string_view base = name;
    bool after = false;
    if (base.ends_with("_after")) {
        base.remove_suffix(6);
        after = true;
    }
    auto layerOf = [&](std::string_view prefix) -> int {
        if (!base.starts_with(prefix) || base.size() == prefix.size()) return 0;
        int l = 0;
        for (char c : base.substr(prefix.size())) {
            if (c < '0' || c > '9') return 0;
            l = l * 10 + (c - '0');
        }
        return l >= 1 && l <= m_config.layers() ? l : 0;
    };
    const Parameters& params = after ? m_after : m_before;
    if (int l = layerOf("W")) return ref(params.W(l));
    if (int l = layerOf("b")) return ref(params.b(l));
    if (after) return std::nullopt;
    const auto idx = [](int l) { return static_cast<std::size_t>(l); };
    if (int l = layerOf("Z")) return ref(m_Z[idx(l)]);
    if (int l = layerOf("A")) return ref(m_A[idx(l)]);
    if (int l = layerOf("dZ")) return ref(m_dZ[idx(l)]);
    if (int l = layerOf("dW")) return ref(m_dW[idx(l)]);
    if (int l = layerOf("db")) return ref(m_db[idx(l)]);
    return std::nullopt;
}

std::optional<std::size_t> Stepper::producer(std::string_view name) const {
    for (std::size_t i = 0; i < m_equations.size(); ++i)
        if (m_equations[i].output == name && name != "A0") return i;
    return std::nullopt;
}

bool Stepper::hasTensor(std::string_view name) const { return lookup(name).has_value(); }

std::optional<Eigen::Map<const Eigen::MatrixXf>> Stepper::tensor(std::string_view name) const {
    const auto t = lookup(name);
    if (!t) return std::nullopt;
    if (const auto p = producer(name); p && *p >= m_position) return std::nullopt;
    return Eigen::Map<const Eigen::MatrixXf>(t->data, t->rows, t->cols);
}

// ---------------------------------------------------------------- Stepper: stepping

void Stepper::prepareIteration() {
    if (m_position == m_equations.size()) {
        m_before = m_after;
        m_position = 0;
    }
}

std::size_t Stepper::step() {
    prepareIteration();
    const std::size_t index = m_position;
    execute(index);
    ++m_position;
    if (m_position == m_equations.size()) commit();
    return index;
}

bool Stepper::stepBack() {
    if (m_position == 0) return false;
    if (m_position == m_equations.size()) uncommit();
    --m_position;
    return true;
}

void Stepper::commit() { ++m_iteration; }

void Stepper::uncommit() { --m_iteration; }

void Stepper::resetParameters(Parameters parameters, long iteration) {
    if (parameters.layers() != m_config.layers())
        throw std::invalid_argument("Stepper: parameters do not match the network config");
    m_before = std::move(parameters);
    m_after = m_before;
    m_position = 0;
    m_iteration = iteration;
    m_loss = std::numeric_limits<double>::quiet_NaN();
    m_lossMatrix(0, 0) = static_cast<float>(m_loss);
}

void Stepper::runIteration(const ParallelFor& parallel) {
    prepareIteration();
    // Column equations and partial sums, all of them per block: X is read once per iteration.
    std::size_t firstNonBlock = m_position;
    while (firstNonBlock < m_equations.size() && m_equations[firstNonBlock].kind != EquationKind::Update)
        ++firstNonBlock;
    const std::size_t start = m_position;
    if (start < firstNonBlock) {
        for (std::size_t i = start; i < firstNonBlock; ++i)
            if (m_equations[i].kind == EquationKind::Reduction)
                for (int s = 0; s < BlockPlan::shards; ++s) {
                    const auto l = static_cast<std::size_t>(m_equations[i].layer);
                    if (m_equations[i].id.starts_with("backward.dw")) m_dWSum[static_cast<std::size_t>(s)][l].setZero();
                    if (m_equations[i].id.starts_with("backward.db")) m_dbSum[static_cast<std::size_t>(s)][l].setZero();
                    if (m_equations[i].id == "loss.ce") m_lossSum[static_cast<std::size_t>(s)] = 0.0;
                }
        parallel(BlockPlan::shards, [&](int s) {
            for (auto k = m_plan.shardBegin(s); k < m_plan.shardEnd(s); ++k)
                for (std::size_t i = start; i < firstNonBlock; ++i) executeBlock(i, k, s);
        });
        for (std::size_t i = start; i < firstNonBlock; ++i)
            if (m_equations[i].kind == EquationKind::Reduction) finishReduction(i);
    }
    for (std::size_t i = std::max(start, firstNonBlock); i < m_equations.size(); ++i) execute(i);
    m_position = m_equations.size();
    commit();
}

// ---------------------------------------------------------------- Stepper: execution

void Stepper::execute(std::size_t index) {
    const Equation& eq = m_equations[index];
    if (eq.kind == EquationKind::Update) {
        const int l = eq.layer;
        if (eq.id.starts_with("update.w"))
            gradientStep(m_before.W(l), m_dW[static_cast<std::size_t>(l)], m_config.alpha, m_after.W(l));
        else
            gradientStep(m_before.b(l), m_db[static_cast<std::size_t>(l)], m_config.alpha, m_after.b(l));
        return;
    }
    if (eq.kind == EquationKind::Reduction) {
        const auto l = static_cast<std::size_t>(eq.layer);
        for (int s = 0; s < BlockPlan::shards; ++s) {
            const auto us = static_cast<std::size_t>(s);
            if (eq.id.starts_with("backward.dw")) m_dWSum[us][l].setZero();
            if (eq.id.starts_with("backward.db")) m_dbSum[us][l].setZero();
            if (eq.id == "loss.ce") m_lossSum[us] = 0.0;
        }
    }
    for (int s = 0; s < BlockPlan::shards; ++s)
        for (auto k = m_plan.shardBegin(s); k < m_plan.shardEnd(s); ++k) executeBlock(index, k, s);
    if (eq.kind == EquationKind::Reduction) finishReduction(index);
}

void Stepper::executeBlock(std::size_t index, Eigen::Index block, int shard) {
    const Equation& eq = m_equations[index];
    const auto c0 = m_plan.blockStart(block), n = m_plan.blockSize(block);
    const auto l = static_cast<std::size_t>(eq.layer);
    const auto s = static_cast<std::size_t>(shard);
    const int L = m_config.layers();
    auto cols = [&](auto& M) { return M.middleCols(c0, n); };
    auto prevA = [&](int layer) -> ConstMatrixRef {
        return layer == 1 ? ConstMatrixRef(m_batch->X.middleCols(c0, n))
                          : ConstMatrixRef(m_A[static_cast<std::size_t>(layer - 1)].middleCols(c0, n));
    };
    const std::string& id = eq.id;
    if (id == "forward.a0") return; // A⁰ = X: the batch itself, nothing to compute
    if (id.starts_with("forward.z")) {
        linearForward(m_before.W(eq.layer), m_before.b(eq.layer), prevA(eq.layer), cols(m_Z[l]));
    } else if (id.starts_with("forward.a")) {
        if (eq.layer < L)
            activationForward(m_config.activation, cols(m_Z[l]), cols(m_A[l]));
        else
            softmax(cols(m_Z[l]), cols(m_A[l]), !m_config.paperFaithful);
    } else if (id == "loss.y") {
        oneHot(m_batch->labels.segment(c0, n), cols(m_Y));
    } else if (id == "loss.ce") {
        m_lossSum[s] += crossEntropySum(cols(m_A[static_cast<std::size_t>(L)]), cols(m_Y));
    } else if (id.starts_with("backward.dz")) {
        if (eq.layer == L)
            outputDelta(cols(m_A[l]), cols(m_Y), cols(m_dZ[l]));
        else
            hiddenDelta(m_config.activation, m_before.W(eq.layer + 1), cols(m_dZ[l + 1]), cols(m_Z[l]),
                        cols(m_dZ[l]));
    } else if (id.starts_with("backward.dw")) {
        accumulateWeightGradient(cols(m_dZ[l]), prevA(eq.layer), m_dWSum[s][l]);
    } else if (id.starts_with("backward.db")) {
        accumulateBiasGradient(cols(m_dZ[l]), m_dbSum[s][l].col(0));
    }
}

void Stepper::finishReduction(std::size_t index) {
    const Equation& eq = m_equations[index];
    const auto l = static_cast<std::size_t>(eq.layer);
    if (eq.id == "loss.ce") {
        double sum = 0.0;
        for (double part : m_lossSum) sum += part;
        m_loss = -sum / static_cast<double>(m_plan.columns); // L = −(1/m) Σ Y ⊙ log A^L
        m_lossMatrix(0, 0) = static_cast<float>(m_loss);
        return;
    }
    const float invM = 1.0f / static_cast<float>(gradientDivisor()); // 1/m (paper-faithful: 1/42,000, erratum 7)
    if (eq.id.starts_with("backward.dw")) {
        m_dW[l] = m_dWSum[0][l];
        for (std::size_t s = 1; s < m_dWSum.size(); ++s) m_dW[l] += m_dWSum[s][l];
        m_dW[l] *= invM; // dW = (1/m) dZ A^{l−1 T}
    } else {
        m_db[l] = m_dbSum[0][l];
        for (std::size_t s = 1; s < m_dbSum.size(); ++s) m_db[l] += m_dbSum[s][l];
        if (m_config.paperFaithful)
            m_db[l].setConstant(m_db[l].sum() * invM); // script: one scalar 1/m Σ dZ for every bias (erratum 6)
        else
            m_db[l] *= invM; // db = (1/m) Σ_j dZ[:, j], one value per neuron
    }
}

// ---------------------------------------------------------------- forwardOutput

Eigen::MatrixXf forwardOutput(const NetworkConfig& config, const Parameters& parameters, const ConstMatrixRef& X) {
    const int L = config.layers();
    Eigen::MatrixXf out(config.outputs, X.cols());
    BlockPlan plan{X.cols()};
    for (Eigen::Index k = 0; k < plan.blocks(); ++k) {
        const auto c0 = plan.blockStart(k), n = plan.blockSize(k);
        Eigen::MatrixXf A = X.middleCols(c0, n);
        for (int l = 1; l <= L; ++l) {
            Eigen::MatrixXf Z(config.layerSize(l), n);
            linearForward(parameters.W(l), parameters.b(l), A, Z);
            A.resize(Z.rows(), n);
            if (l < L)
                activationForward(config.activation, Z, A);
            else
                softmax(Z, A, !config.paperFaithful);
        }
        out.middleCols(c0, n) = A;
    }
    return out;
}

} // namespace stepwise::core
