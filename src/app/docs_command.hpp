// `stepwise docs`: writes the Doxygen pages of the lessons (one page per lesson, generated from
// the lesson files) and renders a PNG of every step with the same code as `stepwise render`.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace stepwise::app {

/// \brief Options of `stepwise docs`.
struct DocsOptions {
    std::filesystem::path lessons; ///< lesson folder
    std::filesystem::path out;     ///< folder for the generated .md pages and images/
    std::filesystem::path data;    ///< data for the rendered screenshots
    bool images = true;            ///< render a PNG of every step (needs an X display)
};

/// \brief Runs `stepwise docs`. Main thread only. Returns the exit code.
int runDocs(const DocsOptions& options, std::ostream& out, std::ostream& err);

} // namespace stepwise::app
