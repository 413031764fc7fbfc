// The Stepper runs one training iteration equation by equation and keeps every intermediate
// by name (A0, Z1, …, dW1, W1_after, and an optimiser's vW1, mW1_after, …). The step-by-step
// lesson calls step(); the trainer calls runIteration(), which is the same equations run to the
// end, fused per block of columns. The equations themselves are listed by the catalogue
// (equation_catalogue.hpp). Mini-batch runs take B columns per iteration from a per-epoch shuffle.
// Sections: block plan, mini-batches, Stepper.
#pragma once

#include "core/batch.hpp"
#include "core/equation_catalogue.hpp"
#include "core/equations.hpp"
#include "core/network_config.hpp"
#include "core/parameters.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::core {

// ---------------------------------------------------------------- block plan

/// \brief How the m columns are cut into blocks and shards.
///
/// Sums over columns are formed per shard (blocks in ascending order), then added shard 0, 1, …
/// The cut depends only on m, never on the number of threads, so the Stepper and the threaded
/// trainer produce bit-identical numbers.
struct BlockPlan {
    static constexpr Eigen::Index blockColumns = 512; ///< columns per block (X block ≈ 1.6 MB)
    /// Independent partial sums. More shards than cores, so a core that pauses (the trainer's
    /// helper while the window draws) leaves whole shards to the other; the sums do not depend
    /// on which thread ran which shard.
    static constexpr int shards = 8;

    Eigen::Index columns = 0; ///< m

    /// \brief Number of blocks.
    [[nodiscard]] Eigen::Index blocks() const { return (columns + blockColumns - 1) / blockColumns; }
    /// \brief First block of shard s.
    [[nodiscard]] Eigen::Index shardBegin(int s) const { return blocks() * s / shards; }
    /// \brief One past the last block of shard s.
    [[nodiscard]] Eigen::Index shardEnd(int s) const { return blocks() * (s + 1) / shards; }
    /// \brief First column of block k.
    [[nodiscard]] Eigen::Index blockStart(Eigen::Index k) const { return k * blockColumns; }
    /// \brief Number of columns of block k.
    [[nodiscard]] Eigen::Index blockSize(Eigen::Index k) const {
        return std::min(blockColumns, columns - blockStart(k));
    }
};

/// \brief Runs body(0) … body(n−1), possibly in parallel; returns when all are done.
using ParallelFor = std::function<void(int n, const std::function<void(int)>& body)>;

/// \brief A ParallelFor that runs the bodies one after another on the calling thread.
void runSequentially(int n, const std::function<void(int)>& body);

// ---------------------------------------------------------------- mini-batches

/// \brief The order of the \p rows training columns in epoch \p epoch (0-based) of a run with
/// seed \p seed: a Fisher–Yates shuffle driven by its own 64-bit generator seeded from both, so
/// it is the same on every standard library and any epoch can be made again from its number.
std::vector<Eigen::Index> epochPermutation(std::uint64_t seed, long epoch, Eigen::Index rows);

/// \brief The training columns iteration \p iteration (0-based: the completed iterations before
/// it) of \p config trains on, out of \p rows. Full batch: 0 … rows − 1. Mini-batches of
/// B = config.columnsPerIteration(rows): each epoch shuffles the columns (epochPermutation) and
/// cuts the order into ⌊rows / B⌋ batches of B; the rows mod B columns left over sit that epoch
/// out (different ones each epoch), so every iteration has exactly B columns.
std::vector<Eigen::Index> iterationColumns(const NetworkConfig& config, Eigen::Index rows, long iteration);

// ---------------------------------------------------------------- Stepper

/// \brief Executes the equations of training iterations one at a time on a real batch.
///
/// Position p (0…N, N = number of equations) counts the equations executed in the current
/// iteration. Reaching N commits the iteration: the parameters become W_after, b_after and the
/// iteration counter grows. stepBack() moves the position back without recomputing anything;
/// stepping back from N un-commits. Not thread-safe: one thread owns a Stepper.
class Stepper {
public:
    /// \brief A stepper over \p batch starting from \p parameters.
    /// \param config     the network and its training rule (α, activation, paper-faithful mode)
    /// \param parameters the weights and biases the first iteration starts from
    /// \param batch      the training images A⁰ = X and their labels, shared and never modified;
    ///                   mini-batch runs (config.columnsPerIteration() below its size) take each
    ///                   iteration's columns from it (iterationColumns())
    /// \param paperRows  m used in the paper-faithful mode on the full batch (the script divides by
    ///                   all 42,000 rows); 0 means the batch size.
    Stepper(NetworkConfig config, Parameters parameters, std::shared_ptr<const Batch> batch,
            Eigen::Index paperRows = 0);

    /// \brief The network definition.
    [[nodiscard]] const NetworkConfig& config() const { return m_config; }
    /// \brief The equations of one iteration, in order.
    [[nodiscard]] const std::vector<Equation>& equations() const { return m_equations; }
    /// \brief Index of the equation with id \p id, if there is one.
    [[nodiscard]] std::optional<std::size_t> equationIndex(std::string_view id) const;
    /// \brief Equations executed in the current iteration (0…N).
    [[nodiscard]] std::size_t position() const { return m_position; }
    /// \brief Completed iterations.
    [[nodiscard]] long iteration() const { return m_iteration; }
    /// \brief The columns the current iteration runs on, A⁰ = X and their labels: the whole
    /// training set, or this iteration's mini-batch of B columns.
    [[nodiscard]] const Batch& batch() const { return *m_batch; }
    /// \brief Shared handle to batch().
    [[nodiscard]] const std::shared_ptr<const Batch>& sharedBatch() const { return m_batch; }
    /// \brief The whole training set the mini-batches are drawn from (batch() itself on the full batch).
    [[nodiscard]] const std::shared_ptr<const Batch>& trainingSet() const { return m_trainingSet; }
    /// \brief Which columns of trainingSet() batch() holds, in its column order.
    [[nodiscard]] const std::vector<Eigen::Index>& batchColumns() const { return m_columns; }
    /// \brief True when each iteration runs on a mini-batch rather than the whole training set.
    [[nodiscard]] bool miniBatch() const { return m_batch != m_trainingSet; }
    /// \brief The parameters now: after the update when position is N, before it otherwise.
    [[nodiscard]] const Parameters& parameters() const;
    /// \brief The optimiser's state now: after the update when position is N, before it otherwise.
    [[nodiscard]] const OptimizerState& optimizerState() const;
    /// \brief m that divides the gradients: the columns of batch(), or paperRows in the
    /// paper-faithful mode on the full batch.
    [[nodiscard]] Eigen::Index gradientDivisor() const;

    /// \brief Executes the next equation (starting a new iteration after N), its block shards
    /// through \p parallel (the same numbers on any number of threads). Returns its index.
    std::size_t step(const ParallelFor& parallel = runSequentially);
    /// \brief Moves back one equation, keeping every computed tensor. False at position 0.
    bool stepBack();
    /// \brief Executes the rest of the current iteration (a whole one from position 0 or N),
    /// every equation fused per block of columns, shards through \p parallel.
    void runIteration(const ParallelFor& parallel = runSequentially);

    /// \brief Changes α for the updates not yet executed.
    void setAlpha(float alpha) { m_config.alpha = alpha; }
    /// \brief Replaces the parameters and starts again at position 0 of iteration \p iteration
    /// (on that iteration's mini-batch), the optimiser from \p state, or from
    /// initialOptimizerState() when none is given.
    /// \throws std::invalid_argument when \p state does not fit the network's optimiser.
    void resetParameters(Parameters parameters, long iteration = 0, std::optional<OptimizerState> state = {});

    /// \brief A tensor by name when it is available at the current position; empty otherwise.
    /// Parameters (W1, b1, …) and the optimiser's state before the update (vW1, mW1, …) are
    /// always available; an equation's output once it has executed.
    /// A0 is never held as floats (the batch keeps the pixel bytes): use batch().A0().
    [[nodiscard]] std::optional<Eigen::Map<const Eigen::MatrixXf>> tensor(std::string_view name) const;
    /// \brief True when \p name is a tensor of this network (available or not).
    [[nodiscard]] bool hasTensor(std::string_view name) const;
    /// \brief The cross-entropy loss L of the current iteration (NaN before loss.ce has run).
    [[nodiscard]] double loss() const { return m_loss; }

private:
    struct TensorRef {
        const float* data = nullptr;
        Eigen::Index rows = 0, cols = 0;
    };
    std::optional<TensorRef> lookup(std::string_view name) const;
    std::optional<TensorRef> storage(const TensorInfo& tensor) const;
    std::optional<std::size_t> producer(std::string_view name) const;
    void prepareIteration();
    void selectColumns();
    void execute(std::size_t index, const ParallelFor& parallel = runSequentially);
    void executeBlock(std::size_t index, Eigen::Index block, int shard);
    void executeUpdate(const Equation& eq);
    void clearPartialSums(std::size_t index);
    void finishReduction(std::size_t index);
    void commit();
    void uncommit();

    NetworkConfig m_config;
    std::vector<Equation> m_equations;
    std::vector<TensorInfo> m_tensors;
    std::shared_ptr<const Batch> m_trainingSet;
    std::shared_ptr<const Batch> m_batch;    // the current iteration's columns (m_trainingSet on the full batch)
    std::shared_ptr<const NonzeroChunks> m_chunks; // which of m_batch's pixel chunks hold ink
    std::vector<Eigen::Index> m_columns;     // which columns of m_trainingSet m_batch holds
    long m_batchIteration = -1;              // the iteration m_batch was drawn for
    std::vector<Eigen::Index> m_permutation; // the order of the epoch m_permutationEpoch
    long m_permutationEpoch = -1;
    Eigen::Index m_paperRows;
    BlockPlan m_plan;
    std::size_t m_position = 0;
    long m_iteration = 0;

    Parameters m_before;                     // W, b used by this iteration
    Parameters m_after;                      // W_after, b_after
    OptimizerState m_stateBefore;            // vW, mW, … used by this iteration
    OptimizerState m_stateAfter;             // vW_after, mW_after, …
    OptimizerState m_corrected;              // Adam's step: m holds M̂ (mhatW…), v holds V̂ (vhatW…)
    std::vector<Eigen::MatrixXf> m_Z, m_A, m_dZ; // index l (0 unused for Z, dZ; A[0] unused: A0 is X)
    Eigen::MatrixXf m_Y;
    std::vector<Eigen::MatrixXf> m_dW;       // index l
    std::vector<Eigen::MatrixXf> m_db;       // index l, n_l × 1
    std::vector<std::vector<Eigen::MatrixXf>> m_dWSum, m_dbSum; // [shard][l] partial sums
    std::vector<double> m_lossSum;           // [shard]
    Eigen::MatrixXf m_lossMatrix{1, 1};      // L as a 1 × 1 tensor
    double m_loss;
};

/// \brief Every layer's Z and A for some columns: the forward equations and nothing else.
/// Index l is 1-based like the paper: Z[0] is empty, A[0] is the input X.
struct ForwardPass {
    std::vector<Eigen::MatrixXf> Z; ///< Z[l], n_l × k, for l = 1 … L
    std::vector<Eigen::MatrixXf> A; ///< A[0] = X, A[l] = g(Z[l]), A[L] = softmax(Z[L])
};

/// \brief The forward equations (forward.z1 … forward.aL) on the columns of \p X with the given
/// parameters: one implementation for the lesson's diagram, the draw-a-digit screen and the
/// scoring of the dev and test sets. Shapes: X n_0 × k pixel bytes (A⁰ = X / 255); every Z[l], A[l] n_l × k. Any thread.
/// \param config     the network's sizes and activation
/// \param parameters its weights and biases
/// \param X          the input columns as pixel bytes
/// \param keepA0     false leaves A[0] empty: scoring needs only A[L], and converting the pixels
///                   to floats for nothing cost the trainer a few per cent of every iteration.
ForwardPass forwardPass(const NetworkConfig& config, const Parameters& parameters, const ConstPixelsRef& X,
                        bool keepA0 = true);

/// \brief A^L for every column of \p X with the given parameters: the forward equations only,
/// block by block (used to score the dev and test sets). Shapes: X n_0 × k pixel bytes → n_L × k.
Eigen::MatrixXf forwardOutput(const NetworkConfig& config, const Parameters& parameters, const ConstPixelsRef& X);

} // namespace stepwise::core
