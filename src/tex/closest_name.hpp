// "Did you mean …?": the edit distance between two names and the closest of a list of known
// names. One implementation for every checker: unknown TeX commands here, unknown lesson keys
// in lessons.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::tex {

/// \brief Levenshtein distance: the fewest single-character insertions, deletions and
/// substitutions that turn \p a into \p b (bytes, not Unicode characters). Any thread.
[[nodiscard]] std::size_t editDistance(std::string_view a, std::string_view b);

/// \brief The candidate \p word most likely misspells: the one with the fewest edits, at most
/// \p maxEdits and fewer than the candidate's own length (so "x" never suggests "y"); the first
/// such candidate on a tie. Empty when none is that close. Any thread.
[[nodiscard]] std::optional<std::string> closestName(std::string_view word, const std::vector<std::string>& candidates,
                                                     std::size_t maxEdits = 2);

} // namespace stepwise::tex
