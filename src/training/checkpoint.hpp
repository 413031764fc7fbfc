// Checkpoints: a trained network and where the class was (lesson, step, stepper position),
// saved atomically to one checksummed binary file and loaded back with one clear line per fault.
// Teachers train 1,000 iterations once (`stepwise train --save FILE`) and start class from it.
// Sections: Checkpoint, file format, saving and loading.
#pragma once

#include "core/network_config.hpp"
#include "core/parameters.hpp"
#include "training/snapshot.hpp"

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::training {

// ---------------------------------------------------------------- Checkpoint

/// \brief Everything needed to put a Trainer back exactly where it was: the network, its
/// parameters, the training history, and the lesson step on screen.
///
/// The state is "position equations into the iteration after #iteration completed ones, starting
/// from #parameters". A snapshot taken at the end of an iteration (position N, the update just
/// ran) is stored as the parameters *before* that update with position N, so restoring replays
/// the update and shows the same tensors bit for bit. Plain values: any thread may use one that
/// no other thread mutates.
struct Checkpoint {
    core::NetworkConfig config;        ///< \brief layer sizes, activation, α, init, seed, paper-faithful
    /// \brief W¹, b¹, …, Wᴸ, bᴸ the current iteration starts from (its inputs, before its update).
    /// Shapes: Wˡ is n_l × n_{l−1}, bˡ is n_l × 1, as #config says.
    core::Parameters parameters;
    long iteration = 0;                ///< \brief completed iterations before the current one
    /// \brief The optimiser's state the current iteration starts from (momentum's V, Adam's M and
    /// V, and t, the updates made before it), of #parameters' shapes; empty tensors for gd and sgd.
    core::OptimizerState optimizerState;
    /// \brief Equations executed of the current iteration, 0…N (N = number of equations).
    std::size_t position = 0;
    std::vector<HistoryPoint> history; ///< \brief one point per completed iteration, as the trainer kept it
    double devAccuracy = 0.0;          ///< \brief dev accuracy when saved, 0…1 (for display; the trainer re-measures)
    std::string lessonId;              ///< \brief lesson on screen when saved; empty: the window's default lesson
    std::size_t stepIndex = 0;         ///< \brief step of that lesson, 0-based

    /// \brief Completed iterations as the snapshot counted them: #iteration, plus one when
    /// #position is N (the update of the current iteration has run).
    [[nodiscard]] long completedIterations() const;
};

/// \brief The checkpoint of \p snapshot, to be opened at step \p stepIndex of lesson \p lessonId.
///
/// At position N the parameters before the update are taken from the snapshot's tensors W1, b1, …
/// (always whole, even while running); a snapshot without them is stored as position 0 of the
/// next iteration, the same network. Any thread.
/// \param snapshot  a trainer snapshot, e.g. Trainer::latest()
/// \param lessonId  lesson id, or "" for the window's default lesson
/// \param stepIndex 0-based step of that lesson
/// \return the checkpoint, sharing nothing with \p snapshot
Checkpoint checkpointFrom(const TrainingSnapshot& snapshot, std::string lessonId, std::size_t stepIndex);

// ---------------------------------------------------------------- file format

/// \brief The format version this code writes; it reads this one and version 1.
///
/// A checkpoint file, every number little-endian:
///
/// | offset     | size | contents                                                     |
/// |------------|------|--------------------------------------------------------------|
/// | 0          | 12   | magic `STEPWISECKPT` (ASCII)                                 |
/// | 12         | 4    | u32 format version (2; 1 is still read)                      |
/// | 16         | 8    | u64 payload length P (at most checkpointMaxPayload)          |
/// | 24         | P    | payload, below                                               |
/// | 24 + P     | 4    | u32 CRC-32 (zlib's) of bytes 0 … 24 + P − 1                  |
///
/// Payload of version 2, in order:
/// - network: u32 inputs; u32 H hidden layers (0…16); H × u32 hidden sizes; u32 outputs
///   (every size 1…65,536); u8 activation (0 ReLU, 1 sigmoid, 2 tanh, 3 none); u8 init (0 uniform
///   −0.5…0.5, 1 positive 0…1, 2 He); u8 paper-faithful (0 or 1); u8 reserved (0); f32 α; u64 seed
/// - state: i64 iteration (≥ 0); u64 position (0…N); f64 dev accuracy
/// - lesson: u64 step index; u32 id length (at most 256); the id's bytes (UTF-8)
/// - parameters, for l = 1…L: u32 rows, u32 cols, rows × cols f32 of Wˡ in column order
///   (element (r, c) at index c·rows + r); u32 rows, rows f32 of bˡ
/// - history: u64 count; count × (i64 iteration, f64 loss, f64 train accuracy, f64 dev accuracy)
/// - optimiser (version 2 only): u8 optimiser (0 gd, 1 sgd, 2 momentum, 3 adam); 3 × u8 reserved
///   (0); u32 batch (0…1,000,000, 0 = full batch); f32 β, β₁, β₂ (each 0 ≤ β < 1); f32 ε (> 0);
///   i64 t (≥ 0); then for Adam the first moments M of W¹, b¹, …, Wᴸ, bᴸ, and for momentum and
///   Adam the V of W¹, b¹, …, each laid out like the parameters above
///
/// The payload must end exactly there. A version 1 file (no optimiser section) loads as full-batch
/// gradient descent with t = its iteration.
inline constexpr std::uint32_t checkpointVersion = 2;

/// \brief Largest payload accepted, in bytes (1 GiB): far above any network the app offers.
inline constexpr std::uint64_t checkpointMaxPayload = std::uint64_t{1} << 30;

// ---------------------------------------------------------------- saving and loading

/// \brief Writes \p checkpoint to \p file atomically: either the old file or the complete new one
/// is there afterwards, even if the process is killed or the machine loses power mid-save.
///
/// Writes `FILE.tmp-PID` in the same folder, fsyncs it, renames it over \p file and fsyncs the
/// folder. Any thread, but one at a time per file within a process (the temporary name is per
/// process); blocks on the disk for the fsyncs, typically milliseconds, more on slow disks.
/// A save killed before its rename leaves its `FILE.tmp-PID`; the next save of the same file
/// removes every such file whose process is gone (see removeStaleTemporaries()).
/// A full or read-only disk fails the save with the system's reason and what to do.
/// \param file       the checkpoint file; its folder must exist
/// \param checkpoint what to write; its parameters must match its config
/// \throws std::runtime_error with one line naming \p file when it cannot be written; the old
///         file is then left as it was and the temporary file removed.
void saveCheckpoint(const std::filesystem::path& file, const Checkpoint& checkpoint);

/// \brief Removes the temporary files `FILE.tmp-PID` beside \p file that writes of \p file killed
/// mid-way left behind: those whose process PID no longer runs (a live PID may be another
/// program saving right now). Only names made from \p file itself are touched, so a user's own
/// files in a shared folder never are. Never throws; a file that cannot be removed stays.
/// \return how many files were removed
std::size_t removeStaleTemporaries(const std::filesystem::path& file);

/// \brief Reads a checkpoint written by saveCheckpoint().
///
/// Checks, in order, and refuses with its own message: the file can be opened; it is not
/// empty; it starts with the magic; the version is checkpointVersion; the file is as long as the
/// header says; the CRC-32 matches; the payload is well-formed and self-consistent (sizes,
/// enums, parameter shapes matching the layer sizes, position within the iteration). No memory
/// is sized by a number from the file before that number is checked against the bytes present.
/// Any thread.
/// \param file           the checkpoint file
/// \param expectedInputs when given, also checkCompatible() with images of this many pixels
/// \return the checkpoint
/// \throws data::InputError, one line `FILE: PLACE: expected WHAT`, for every fault above.
Checkpoint loadCheckpoint(const std::filesystem::path& file,
                          std::optional<Eigen::Index> expectedInputs = std::nullopt);

/// \brief Checks that \p checkpoint can run on images of \p inputs pixels (784 for MNIST) and is
/// self-consistent (parameter shapes match the layer sizes, position within the iteration).
/// Any thread.
/// \param checkpoint the checkpoint, e.g. from loadCheckpoint()
/// \param inputs     pixels per image of the data it will train on (PreparedData::train X rows)
/// \param file       the name used in the message, e.g. the file it came from
/// \throws data::InputError `FILE: network: expected …` when it cannot.
void checkCompatible(const Checkpoint& checkpoint, Eigen::Index inputs, const std::filesystem::path& file);

} // namespace stepwise::training
