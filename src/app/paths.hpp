// Where stepwise finds its files. One way for all of them: the source and build folders this
// binary was built from, compiled in (lessons/, data/mnist and the docs the build generates).
#pragma once

#include <filesystem>
#include <string_view>

namespace stepwise::app {

/// \brief The lesson folder of the source tree (`lessons/`).
std::filesystem::path lessonDir();

/// \brief The generated documentation's front page (`<build>/docs/html/index.html`), which
/// D opens. It exists once `cmake --build … --target docs` has run.
std::filesystem::path docsIndex();

/// \brief Deletes the regular files in \p dir whose names start with \p prefix and end in
/// \p extension (".png"), so a shorter re-export leaves nothing stale. Never throws.
void removeFiles(const std::filesystem::path& dir, std::string_view prefix, std::string_view extension);

} // namespace stepwise::app
