// Narration placeholders such as {equations.forward.count}: counts a lesson would otherwise type
// in by hand, filled from the equation catalogue of the network the lessons are checked against,
// so the text cannot drift from the code. See lessons/FORMAT.md ("Numbers from the catalogue").
#pragma once

#include "lessons/network_vocabulary.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::lessons {

/// \brief A placeholder that names nothing the catalogue knows, at a byte offset of the text.
struct PlaceholderIssue {
    std::size_t offset = 0; ///< byte offset of the opening `{`
    std::string message;    ///< what is wrong and what is known
};

/// \brief Text with its placeholders filled in, and the placeholders that could not be.
struct FilledText {
    std::string text;                     ///< the text, unknown placeholders left as written
    std::vector<PlaceholderIssue> issues; ///< one per unknown placeholder, in text order
};

/// \brief Replaces every `{name}` of \p text whose name is a dotted lowercase path
/// (`[a-z][a-z0-9_]*` parts joined by `.`, at least two parts) with its value for \p vocabulary:
/// - `{equations.count}`: all equations of one iteration (17 for 784-10-10);
/// - `{equations.G.count}`: the equations whose id starts with `G.` — forward 5, loss 2,
///   backward 6, update 4 for 784-10-10;
/// - `{parameters.count}`: every weight and bias, with thousands separators ("7,960").
/// Braces that do not hold such a path (TeX's `{1}`, `{m}`) are left alone. Any thread.
[[nodiscard]] FilledText fillPlaceholders(std::string_view text, const NetworkVocabulary& vocabulary);

/// \brief \p n with a comma between groups of three digits: 7960 → "7,960". For n ≥ 0.
[[nodiscard]] std::string withThousands(long long n);

} // namespace stepwise::lessons
