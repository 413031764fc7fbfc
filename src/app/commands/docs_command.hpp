// `stepwise docs`: writes the Doxygen pages of the lessons (one page per lesson, generated from
// the lesson files, plus an index of lessons and equations) and renders a PNG of every step with
// the same code as `stepwise render`. docs/CMakeLists.txt runs it under Xvfb before Doxygen.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

namespace stepwise::app {

/// \brief Options of `stepwise docs`.
struct DocsOptions {
    std::filesystem::path lessons; ///< lesson folder
    std::filesystem::path out;     ///< folder for the generated .md pages and images/
    std::filesystem::path data;    ///< data for the rendered screenshots
    bool images = true;            ///< render a PNG of every step (needs an X display)
    long iterations = 5;           ///< training iterations before each screenshot, so it shows real numbers
    std::string size = "1280x720"; ///< screenshot size WxH, smaller than the window to keep the build fast
    std::string palette = "purple-orange"; ///< heatmap palette of the screenshots (views::parsePalette())
};

/// \brief Runs `stepwise docs`. Main thread only. Returns the exit code.
///
/// Writes into \p options.out:
/// - `lessons.md`: the page `lessons`, listing every lesson and every equation with the lesson
///   step that runs it and the core function that implements it;
/// - `lesson_<id>.md`: the page `lesson_<id>` of each lesson, one section per step
///   (`lesson_<id>_step_<n>`), with narration, equation, errata, presenter notes and screenshot;
///   a step that executes equation `forward.z1` also carries the anchor `equation_forward_z1`;
/// - `images/lesson_<id>_step_<n>.png`: the screenshot of step n (1-based), unless images is off.
///
/// Earlier `lesson_*` pages and screenshots in that folder are removed first, so a renamed lesson
/// leaves nothing stale behind. Dashes of a lesson id become underscores in page and file names.
/// \param options what to read and where to write
/// \param out     progress, one line per lesson
/// \param err     every problem: lesson errors as `FILE:LINE:COLUMN: message`, failed screenshots
/// \return 0 on success; 1 when a lesson file has errors, a file cannot be written or (with
///         images on) a screenshot fails to render.
int runDocs(const DocsOptions& options, std::ostream& out, std::ostream& err);

} // namespace stepwise::app
