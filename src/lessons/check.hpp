// `stepwise lessons --check`: reads every lesson file of a folder and reports each problem on
// its own FILE:LINE:COLUMN line, then a one-line summary, so teachers and CI catch a broken
// lesson before a class does.
#pragma once

#include <filesystem>
#include <iosfwd>

namespace stepwise::lessons {

/// \brief Checks every lesson file of \p dir (see loadLibrary()).
///
/// Writes each error to \p err, one `FILE:LINE:COLUMN: message` line per error, then the
/// summary to \p out, e.g. `9 lessons, 91 steps, 19 glossary terms, 0 errors` (counting the
/// lessons that loaded).
/// An empty folder is fine (`0 lessons, 0 steps, 0 errors`); a missing folder is an error.
/// \return 0 when there is no error, 1 otherwise (the process exit code). Any thread.
int checkLessons(const std::filesystem::path& dir, std::ostream& out, std::ostream& err);

} // namespace stepwise::lessons
