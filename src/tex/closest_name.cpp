// editDistance() with one rolling row of the dynamic-programming table, and closestName().
#include "tex/closest_name.hpp"

#include <algorithm>

namespace stepwise::tex {

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0]; // distance of a[0, i-1) to b[0, j-1)
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closestName(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t maxEdits) {
    std::optional<std::string> best;
    std::size_t bestDistance = maxEdits + 1;
    for (const std::string& candidate : candidates) {
        const std::size_t d = editDistance(word, candidate);
        if (d < bestDistance && d < candidate.size()) {
            bestDistance = d;
            best = candidate;
        }
    }
    return best;
}

} // namespace stepwise::tex
