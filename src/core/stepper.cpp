// The Stepper: the equation catalogue, per-equation execution over blocks of columns, and the
// fused per-block iteration used by the trainer. Both paths call the same equation functions on
// the same blocks in the same order, so their numbers are bit-identical.
// Sections: mini-batches, Stepper (lookup, stepping, execution), forwardOutput.
#include "core/stepper.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>

namespace stepwise::core {

void runSequentially(int n, const std::function<void(int)>& body) {
    for (int i = 0; i < n; ++i) body(i);
}

// ---------------------------------------------------------------- mini-batches

namespace {
/// SplitMix64's finaliser: spreads (seed, epoch) over all 64 bits before seeding the generator.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}
} // namespace

std::vector<Eigen::Index> epochPermutation(std::uint64_t seed, long epoch, Eigen::Index rows) {
    std::vector<Eigen::Index> order(static_cast<std::size_t>(std::max<Eigen::Index>(rows, 0)));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::mt19937_64 rng(mix(mix(seed) ^ static_cast<std::uint64_t>(epoch)));
    // Fisher–Yates with a plain modulo (std::uniform_int_distribution differs between libraries;
    // the bias of 64-bit draws modulo a few thousand is far below anything a run could show).
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    return order;
}

std::vector<Eigen::Index> iterationColumns(const NetworkConfig& config, Eigen::Index rows, long iteration) {
    const Eigen::Index B = config.columnsPerIteration(rows);
    std::vector<Eigen::Index> columns(static_cast<std::size_t>(std::max<Eigen::Index>(B, 0)));
    if (B >= rows) {
        std::iota(columns.begin(), columns.end(), Eigen::Index{0});
        return columns;
    }
    const long perEpoch = static_cast<long>(rows / B);
    const std::vector<Eigen::Index> order = epochPermutation(config.seed, iteration / perEpoch, rows);
    const auto first = order.begin() + (iteration % perEpoch) * B;
    std::copy(first, first + B, columns.begin());
    return columns;
}

// ---------------------------------------------------------------- Stepper: set-up and lookup

Stepper::Stepper(NetworkConfig config, Parameters parameters, std::shared_ptr<const Batch> batch,
                 Eigen::Index paperRows)
    : m_config(std::move(config)), m_equations(iterationEquations(m_config)),
      m_tensors(tensorCatalogue(m_config)), m_trainingSet(std::move(batch)),
      m_paperRows(paperRows), m_before(std::move(parameters)), m_stateBefore(initialOptimizerState(m_config)),
      m_loss(std::numeric_limits<double>::quiet_NaN()) {
    if (!m_trainingSet || m_trainingSet->X.rows() != m_config.inputs ||
        m_trainingSet->labels.size() != m_trainingSet->X.cols())
        throw std::invalid_argument("Stepper: batch must be inputs × m with m labels");
    if (m_before.layers() != m_config.layers())
        throw std::invalid_argument("Stepper: parameters do not match the network config");
    m_plan.columns = m_config.columnsPerIteration(m_trainingSet->X.cols());
    m_batch = m_trainingSet;
    m_chunks = nonzeroChunksOf(m_batch); // shared with other Steppers on this training set
    selectColumns();
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
    m_stateAfter = m_stateBefore;
    m_corrected = initialOptimizerState(m_config); // Adam's M̂ and V̂ (zero before its first step)
}

void Stepper::selectColumns() {
    if (m_batchIteration == m_iteration) return;
    m_batchIteration = m_iteration;
    const Eigen::Index rows = m_trainingSet->X.cols();
    if (m_plan.columns >= rows) { // the full batch: the training set itself, no copy
        m_columns.resize(static_cast<std::size_t>(rows));
        std::iota(m_columns.begin(), m_columns.end(), Eigen::Index{0});
        return;
    }
    const long perEpoch = static_cast<long>(rows / m_plan.columns);
    if (const long epoch = m_iteration / perEpoch; epoch != m_permutationEpoch) {
        m_permutation = epochPermutation(m_config.seed, epoch, rows);
        m_permutationEpoch = epoch;
    }
    const auto first = static_cast<std::size_t>((m_iteration % perEpoch) * m_plan.columns);
    m_columns.assign(m_permutation.begin() + static_cast<std::ptrdiff_t>(first),
                     m_permutation.begin() + static_cast<std::ptrdiff_t>(first) + m_plan.columns);
    auto next = std::make_shared<Batch>(); // a new object: snapshots keep the one they were given
    next->X.resize(m_trainingSet->X.rows(), m_plan.columns);
    next->labels.resize(m_plan.columns);
    for (Eigen::Index j = 0; j < m_plan.columns; ++j) {
        const Eigen::Index c = m_columns[static_cast<std::size_t>(j)];
        next->X.col(j) = m_trainingSet->X.col(c);
        next->labels(j) = m_trainingSet->labels(c);
    }
    m_batch = std::move(next);
    m_chunks = std::make_shared<const NonzeroChunks>(m_batch->X); // marked once for z1 and dw1
}

std::optional<std::size_t> Stepper::equationIndex(std::string_view id) const {
    for (std::size_t i = 0; i < m_equations.size(); ++i)
        if (m_equations[i].id == id) return i;
    return std::nullopt;
}

const Parameters& Stepper::parameters() const { return m_position == m_equations.size() ? m_after : m_before; }

const OptimizerState& Stepper::optimizerState() const {
    return m_position == m_equations.size() ? m_stateAfter : m_stateBefore;
}

Eigen::Index Stepper::gradientDivisor() const {
    return m_config.paperFaithful && m_paperRows > 0 && !miniBatch() ? m_paperRows : m_plan.columns;
}

std::optional<Stepper::TensorRef> Stepper::lookup(std::string_view name) const {
    for (const TensorInfo& t : m_tensors)
        if (t.name == name) return storage(t);
    return std::nullopt;
}

std::optional<Stepper::TensorRef> Stepper::storage(const TensorInfo& tensor) const {
    auto ref = [](const auto& t) { return TensorRef{t.data(), t.rows(), t.cols()}; };
    const int l = tensor.layer;
    const auto ul = static_cast<std::size_t>(l);
    switch (tensor.kind) {
    case TensorKind::Input: return std::nullopt; // pixel bytes, not floats: see Batch::A0()
    case TensorKind::Labels: return ref(m_Y);
    case TensorKind::Loss: return ref(m_lossMatrix);
    case TensorKind::Weight: return ref(m_before.W(l));
    case TensorKind::Bias: return ref(m_before.b(l));
    case TensorKind::UpdatedWeight: return ref(m_after.W(l));
    case TensorKind::UpdatedBias: return ref(m_after.b(l));
    case TensorKind::PreActivation: return ref(m_Z[ul]);
    case TensorKind::Activation: return ref(m_A[ul]);
    case TensorKind::Delta: return ref(m_dZ[ul]);
    case TensorKind::WeightGradient: return ref(m_dW[ul]);
    case TensorKind::BiasGradient: return ref(m_db[ul]);
    case TensorKind::WeightVelocity: return ref(m_stateBefore.v.W(l));
    case TensorKind::BiasVelocity: return ref(m_stateBefore.v.b(l));
    case TensorKind::WeightMoment: return ref(m_stateBefore.m.W(l));
    case TensorKind::BiasMoment: return ref(m_stateBefore.m.b(l));
    case TensorKind::UpdatedWeightVelocity: return ref(m_stateAfter.v.W(l));
    case TensorKind::UpdatedBiasVelocity: return ref(m_stateAfter.v.b(l));
    case TensorKind::UpdatedWeightMoment: return ref(m_stateAfter.m.W(l));
    case TensorKind::UpdatedBiasMoment: return ref(m_stateAfter.m.b(l));
    case TensorKind::CorrectedWeightMoment: return ref(m_corrected.m.W(l));
    case TensorKind::CorrectedBiasMoment: return ref(m_corrected.m.b(l));
    case TensorKind::CorrectedWeightVelocity: return ref(m_corrected.v.W(l));
    case TensorKind::CorrectedBiasVelocity: return ref(m_corrected.v.b(l));
    }
    return std::nullopt;
}

std::optional<std::size_t> Stepper::producer(std::string_view name) const {
    for (std::size_t i = 0; i < m_equations.size(); ++i)
        if (const Equation& e = m_equations[i];
            e.op != Operation::Input &&
            (e.output == name || std::find(e.intermediates.begin(), e.intermediates.end(), name) != e.intermediates.end()))
            return i;
    return std::nullopt;
}

bool Stepper::hasTensor(std::string_view name) const {
    return std::any_of(m_tensors.begin(), m_tensors.end(), [&](const TensorInfo& t) { return t.name == name; });
}

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
        m_stateBefore = m_stateAfter;
        m_position = 0;
        selectColumns(); // the next mini-batch (nothing to do on the full batch)
    }
}

std::size_t Stepper::step(const ParallelFor& parallel) {
    prepareIteration();
    const std::size_t index = m_position;
    execute(index, parallel);
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

void Stepper::commit() {
    ++m_iteration;
    m_stateAfter.t = m_stateBefore.t + 1;
}

void Stepper::uncommit() {
    --m_iteration;
    m_stateAfter.t = m_stateBefore.t;
}

void Stepper::resetParameters(Parameters parameters, long iteration, std::optional<OptimizerState> state) {
    if (parameters.layers() != m_config.layers())
        throw std::invalid_argument("Stepper: parameters do not match the network config");
    if (state && !matchesOptimizer(*state, m_config))
        throw std::invalid_argument("Stepper: optimiser state does not match the network config");
    m_before = std::move(parameters);
    m_after = m_before;
    m_stateBefore = state ? std::move(*state) : initialOptimizerState(m_config);
    m_stateAfter = m_stateBefore;
    m_position = 0;
    m_iteration = iteration;
    selectColumns();
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
        for (std::size_t i = start; i < firstNonBlock; ++i) clearPartialSums(i);
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

void Stepper::execute(std::size_t index, const ParallelFor& parallel) {
    const Equation& eq = m_equations[index];
    if (eq.kind == EquationKind::Update) {
        executeUpdate(eq);
        return;
    }
    clearPartialSums(index);
    parallel(BlockPlan::shards, [&](int s) { // each shard its own partial sums: any thread count, same bits
        for (auto k = m_plan.shardBegin(s); k < m_plan.shardEnd(s); ++k) executeBlock(index, k, s);
    });
    if (eq.kind == EquationKind::Reduction) finishReduction(index);
}

void Stepper::executeUpdate(const Equation& eq) {
    const int l = eq.layer;
    const auto ul = static_cast<std::size_t>(l);
    const NetworkConfig& c = m_config;
    const OptimizerState& was = m_stateBefore;
    OptimizerState& now = m_stateAfter;
    const long t = m_stateBefore.t + 1; // Adam's step count after this update
    switch (eq.op) {
    case Operation::WeightUpdate: gradientStep(m_before.W(l), m_dW[ul], c.alpha, m_after.W(l)); return;
    case Operation::BiasUpdate: gradientStep(m_before.b(l), m_db[ul], c.alpha, m_after.b(l)); return;
    case Operation::WeightVelocity: momentumVelocity(was.v.W(l), m_dW[ul], c.beta, now.v.W(l)); return;
    case Operation::BiasVelocity: momentumVelocity(was.v.b(l), m_db[ul], c.beta, now.v.b(l)); return;
    case Operation::WeightMomentumUpdate: gradientStep(m_before.W(l), now.v.W(l), c.alpha, m_after.W(l)); return;
    case Operation::BiasMomentumUpdate: gradientStep(m_before.b(l), now.v.b(l), c.alpha, m_after.b(l)); return;
    case Operation::WeightFirstMoment: adamFirstMoment(was.m.W(l), m_dW[ul], c.beta1, now.m.W(l)); return;
    case Operation::BiasFirstMoment: adamFirstMoment(was.m.b(l), m_db[ul], c.beta1, now.m.b(l)); return;
    case Operation::WeightSecondMoment: adamSecondMoment(was.v.W(l), m_dW[ul], c.beta2, now.v.W(l)); return;
    case Operation::BiasSecondMoment: adamSecondMoment(was.v.b(l), m_db[ul], c.beta2, now.v.b(l)); return;
    case Operation::WeightAdamUpdate: // M̂ and V̂ first, then the step
        adamBiasCorrection(now.m.W(l), c.beta1, t, m_corrected.m.W(l));
        adamBiasCorrection(now.v.W(l), c.beta2, t, m_corrected.v.W(l));
        adamStep(m_before.W(l), m_corrected.m.W(l), m_corrected.v.W(l), c.alpha, c.epsilon, m_after.W(l));
        return;
    case Operation::BiasAdamUpdate:
        adamBiasCorrection(now.m.b(l), c.beta1, t, m_corrected.m.b(l));
        adamBiasCorrection(now.v.b(l), c.beta2, t, m_corrected.v.b(l));
        adamStep(m_before.b(l), m_corrected.m.b(l), m_corrected.v.b(l), c.alpha, c.epsilon, m_after.b(l));
        return;
    default: return; // not an update: execute() walks the blocks instead
    }
}

void Stepper::executeBlock(std::size_t index, Eigen::Index block, int shard) {
    const Equation& eq = m_equations[index];
    const auto c0 = m_plan.blockStart(block), n = m_plan.blockSize(block);
    const auto l = static_cast<std::size_t>(eq.layer);
    const auto s = static_cast<std::size_t>(shard);
    const int L = m_config.layers();
    auto cols = [&](auto& M) { return M.middleCols(c0, n); };
    auto prevA = [&](int layer) { return m_A[static_cast<std::size_t>(layer - 1)].middleCols(c0, n); };
    const ConstPixelsRef X = m_batch->X.middleCols(c0, n); // A⁰ = X / 255, as pixel bytes
    const simd::PixelChunks chunks = m_chunks->from(c0); // the chunks of zeros that Z¹ and dW¹ skip
    switch (eq.op) {
    case Operation::Input: return; // A⁰ = X: the batch itself, nothing to compute
    case Operation::Linear:
        if (eq.layer == 1) linearForward(m_before.W(1), m_before.b(1), X, cols(m_Z[l]), chunks);
        else linearForward(m_before.W(eq.layer), m_before.b(eq.layer), prevA(eq.layer), cols(m_Z[l]));
        return;
    case Operation::Activation: activationForward(m_config.activation, cols(m_Z[l]), cols(m_A[l])); return;
    case Operation::Softmax: softmax(cols(m_Z[l]), cols(m_A[l]), !m_config.paperFaithful); return;
    case Operation::OneHot: oneHot(m_batch->labels.segment(c0, n), cols(m_Y)); return;
    case Operation::CrossEntropy:
        m_lossSum[s] += crossEntropySum(cols(m_A[static_cast<std::size_t>(L)]), cols(m_Y));
        return;
    case Operation::OutputDelta: outputDelta(cols(m_A[l]), cols(m_Y), cols(m_dZ[l])); return;
    case Operation::HiddenDelta:
        hiddenDelta(m_config.activation, m_before.W(eq.layer + 1), cols(m_dZ[l + 1]), cols(m_Z[l]), cols(m_dZ[l]));
        return;
    case Operation::WeightGradient:
        if (eq.layer == 1) accumulateWeightGradient(cols(m_dZ[l]), X, m_dWSum[s][l], chunks);
        else accumulateWeightGradient(cols(m_dZ[l]), prevA(eq.layer), m_dWSum[s][l]);
        return;
    case Operation::BiasGradient: accumulateBiasGradient(cols(m_dZ[l]), m_dbSum[s][l].col(0)); return;
    default: return; // the updates touch parameters only: execute() runs them once, not per block
    }
}

void Stepper::clearPartialSums(std::size_t index) {
    const Equation& eq = m_equations[index];
    const auto l = static_cast<std::size_t>(eq.layer);
    for (std::size_t s = 0; s < static_cast<std::size_t>(BlockPlan::shards); ++s) {
        if (eq.op == Operation::WeightGradient) m_dWSum[s][l].setZero();
        if (eq.op == Operation::BiasGradient) m_dbSum[s][l].setZero();
        if (eq.op == Operation::CrossEntropy) m_lossSum[s] = 0.0;
    }
}

void Stepper::finishReduction(std::size_t index) {
    const Equation& eq = m_equations[index];
    const auto l = static_cast<std::size_t>(eq.layer);
    if (eq.op == Operation::CrossEntropy) {
        double sum = 0.0;
        for (double part : m_lossSum) sum += part;
        m_loss = -sum / static_cast<double>(m_plan.columns); // L = −(1/m) Σ Y ⊙ log A^L
        m_lossMatrix(0, 0) = static_cast<float>(m_loss);
        return;
    }
    const float invM = 1.0f / static_cast<float>(gradientDivisor()); // 1/m (paper-faithful: 1/42,000, erratum 7)
    if (eq.op == Operation::WeightGradient) {
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

ForwardPass forwardPass(const NetworkConfig& config, const Parameters& parameters, const ConstPixelsRef& X,
                        bool keepA0) {
    const int L = config.layers();
    ForwardPass f;
    f.Z.resize(static_cast<std::size_t>(L + 1));
    f.A.resize(static_cast<std::size_t>(L + 1));
    if (keepA0) f.A[0] = pixelsToA0(X); // A⁰ = X / 255 (Z¹ below reads the bytes themselves)
    for (int l = 1; l <= L; ++l) {
        const auto ul = static_cast<std::size_t>(l);
        f.Z[ul].resize(config.layerSize(l), X.cols());
        f.A[ul].resize(config.layerSize(l), X.cols());
        if (l == 1)
            linearForward(parameters.W(1), parameters.b(1), X, f.Z[1]); // Z¹ = W¹A⁰ + b¹
        else
            linearForward(parameters.W(l), parameters.b(l), f.A[ul - 1], f.Z[ul]); // Zˡ = WˡAˡ⁻¹ + bˡ
        if (l < L)
            activationForward(config.activation, f.Z[ul], f.A[ul]); // Aˡ = g(Zˡ)
        else
            softmax(f.Z[ul], f.A[ul], !config.paperFaithful); // Aᴸ = softmax(Zᴸ)
    }
    return f;
}

Eigen::MatrixXf forwardOutput(const NetworkConfig& config, const Parameters& parameters, const ConstPixelsRef& X) {
    Eigen::MatrixXf out(config.outputs, X.cols());
    BlockPlan plan{X.cols()};
    for (Eigen::Index k = 0; k < plan.blocks(); ++k) {
        const auto c0 = plan.blockStart(k), n = plan.blockSize(k);
        out.middleCols(c0, n) = forwardPass(config, parameters, X.middleCols(c0, n), false).A.back();
    }
    return out;
}

} // namespace stepwise::core
