// `stepwise export`: every step of one lesson as numbered PNG slides plus a Markdown handout
// with the narration, equations, errata and the numbers of the live network at each step; and
// exportStepTensors(), the Ctrl+E of the window: the tensors of the current step as .npy files.
#pragma once

#include "training/snapshot.hpp"

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace stepwise::app {

/// \brief Options of `stepwise export`.
struct ExportOptions {
    std::filesystem::path data;      ///< \brief Kaggle CSV or IDX folder
    std::string lesson;              ///< \brief lesson id, e.g. "forward"
    std::filesystem::path out;       ///< \brief folder for the slides and handout.md (created if needed)
    std::string size = "1920x1080";  ///< \brief slide size WxH
    long iterations = 0;             ///< \brief iterations to train before the lesson (seeded)
    core::NetworkConfig network;     ///< \brief the network: sizes, activation, init, α, seed, paper-faithful
    std::string theme = "projector"; ///< \brief "projector" (light, large text) or "dark" (the window's)
    long samples = 0;                ///< \brief train on the first M training images only (0 = all)
    std::string palette = "purple-orange"; ///< \brief heatmap palette name (views::parsePalette())
};

/// \brief Runs `stepwise export`: writes `slide-01.png` … (one per step, numbers zero-padded to
/// at least two digits) and `handout.md` into \p options.out, and names each file on \p out.
///
/// One trainer and one LessonScreen serve every step (see StepRenderer): the network is trained
/// `iterations` iterations, then brought to each step's state exactly as `stepwise render` does.
/// Earlier `slide-*.png` files in the folder are removed first. Main thread only (SFML; needs an
/// X display).
/// \return 0 on success; 2 for bad input (unknown lesson, bad size or theme, a folder that cannot
///         be written), with one line on \p err; 1 when drawing fails (no display).
/// \throws data::InputError for bad data (the command line turns it into exit code 2).
int runExport(const ExportOptions& options, std::ostream& out, std::ostream& err);

/// \brief Ctrl+E: writes the tensors of \p snapshot as .npy files plus `manifest.json`, in the
/// format of `stepwise trace`, into a new folder under \p dir, and returns that folder.
///
/// The folder is `dir/LABEL-iteration-K` (`tensors-iteration-K` without a label; `-2`, `-3`, …
/// appended when it exists). It holds every tensor available at the snapshot's position in the
/// iteration (an equation not yet executed has no output), A0 and `labels.npy`. The manifest
/// has trace's keys (`iteration`: completed iterations before the one the tensors belong to;
/// `loss`: the float32 tensor L of this iteration, null before loss.ce; `network`; `tensors`) and also `position`
/// (equations executed, 0…N), `equation` (the last one executed, or null), `state`,
/// `batch_columns` (m) and `windowed`. A snapshot taken while training runs holds only a window
/// of the per-sample tensors (Z1, A1, …, Y, dZ1; see TrainingSnapshot::windowed): then A0, the
/// labels and those tensors are written for the window's columns only, the manifest's `columns`
/// lists the sample indices, and each such tensor's entry carries the same `columns`.
///
/// Paused, A0 is the whole batch (784 × m float32: 131 MB for MNIST's 41,000 images), so the
/// call takes a moment; any thread may make it, as the snapshot is immutable.
/// \param snapshot the snapshot to write (for example Trainer::latest())
/// \param dir      parent folder, created if needed
/// \param label    start of the folder name, e.g. "forward-step-03"; characters other than
///                 letters, digits, `-`, `_` and `.` become `-`
/// \return the folder written
/// \throws std::runtime_error with a one-line message naming the file or folder that cannot be
///         written.
std::filesystem::path exportStepTensors(const training::TrainingSnapshot& snapshot, const std::filesystem::path& dir,
                                        std::string_view label = {});

} // namespace stepwise::app
