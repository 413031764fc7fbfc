// Run specs: one run of an experiment written as a short string such as
// "hidden=128-64,optimizer=adam,label=deep Adam", the same grammar for `stepwise compare --run`,
// the lesson files' experiments and the compare screen (issue 11, LAB.md §2).
// Parsing is strict: a bad spec is one line naming the key and the values it allows.
#pragma once

#include "core/network_config.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace stepwise::core {

/// \brief One run of an experiment: the network and training rule, and how many training
/// images it learns from. The seed and the data split are not part of a run: every run of an
/// experiment shares them.
struct RunSpec {
    std::string label;     ///< the name to show for the run; empty = runLabel() makes one up
    NetworkConfig config;  ///< the base configuration with the spec's keys applied
    long trainImages = 0;  ///< learn from the first N training images of the split; 0 = all

    /// \brief Equal when every field is equal.
    bool operator==(const RunSpec&) const = default;
};

/// \brief A spec that does not parse. what() is one line such as
/// `run "hidden=abc": hidden must be layer sizes such as 10 or 128-64`.
class RunSpecError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// \brief The keys a spec may set, in the order the errors list them:
/// "hidden, activation, init, alpha, optimizer, batch, beta, beta1, beta2, epsilon, train, paper, label".
std::string_view runSpecKeys();

/// \brief Parses a comma-separated list of key=value settings on top of \p base.
///
/// Keys: hidden (10 or 128-64, each size 1…4096, at most 8 layers), activation (relu, sigmoid,
/// tanh, none), init (uniform, positive, he), alpha (1e-6…1000), optimizer (gd, sgd, momentum, adam),
/// batch (0…1000000, 0 = full batch), beta, beta1, beta2 (0 ≤ β < 1), epsilon (0…1),
/// train (0…100000000, 0 = all images), paper (true or false), label (free text, no commas).
/// Spaces around keys and values are ignored, and so are empty items; an empty spec is \p base.
/// A spec that names an optimizer but no alpha gets that optimiser's defaultAlpha() (0.001 for
/// Adam). `label=` with nothing after it leaves the label empty.
/// \throws RunSpecError on an unknown or repeated key, a missing `=`, or a value out of range.
RunSpec parseRunSpec(std::string_view spec, const NetworkConfig& base);

/// \brief The label to show: the spec's label if it has one, else a short one made from what
/// differs from the default network (NetworkConfig{}): "hidden 128", "adam α 0.001",
/// "sigmoid, train 1000"; the hidden sizes ("hidden 10") when nothing differs.
std::string runLabel(const RunSpec& run);

/// \brief Writes \p run back as a spec: the keys whose values differ from \p base (alpha also
/// whenever the optimiser does), so `parseRunSpec(formatRunSpec(run, base), base) == run`
/// whenever run.config has base's inputs, outputs and seed. Numbers are written in their
/// shortest form that reads back exactly ("0.001", not "0.00100000005").
std::string formatRunSpec(const RunSpec& run, const NetworkConfig& base = {});

} // namespace stepwise::core
