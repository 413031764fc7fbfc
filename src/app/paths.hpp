// Where stepwise finds its files, found at run time from the executable's own path: an installed
// copy reads <prefix>/share/stepwise (and <prefix>/share/doc/stepwise/html), a build-tree copy
// reads the source tree named in the build folder's stepwise-build-tree.txt. No folder is
// compiled in, so an installed prefix can be moved. User files live in the XDG folders.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace stepwise::app {

/// \brief The read-only files of one copy of stepwise, and where they were found.
struct ResourceLayout {
    std::filesystem::path lessons;    ///< the lesson folder (`share/stepwise/lessons`, or the source tree's `lessons/`)
    std::filesystem::path assets;     ///< the asset folder (`share/stepwise/assets`, or the source tree's `assets/`)
    std::filesystem::path docsIndex;  ///< the generated docs' front page (`share/doc/stepwise/html/index.html`,
                                      ///< or `<build>/docs/html/index.html`)
    std::filesystem::path sourceTree; ///< the source tree when running from a build tree, else empty
};

/// \brief The file a build folder holds to say which source tree it was configured from: one
/// line, the source folder's absolute path. CMake writes it at configure time.
inline constexpr std::string_view buildTreeMarker = "stepwise-build-tree.txt";

/// \brief Finds the resources of the stepwise whose executable is \p executable.
///
/// First `<exe dir>/../share/stepwise` when it holds `lessons/` (an installed prefix, wherever it
/// was moved); else the nearest folder at or above the executable's folder that holds
/// buildTreeMarker (a build tree: the executable and the test programs alike), whose source tree
/// holds the lessons; else the installed layout, whose missing folders the callers report.
/// Reads the file system only; never throws.
[[nodiscard]] ResourceLayout locateResources(const std::filesystem::path& executable);

/// \brief The running program's resources: locateResources of `/proc/self/exe`, found once.
/// Any thread may call it.
[[nodiscard]] const ResourceLayout& resources();

/// \brief The lesson folder: resources().lessons.
std::filesystem::path lessonDir();

/// \brief The generated documentation's front page, which D opens: resources().docsIndex.
/// In a build tree it exists once `cmake --build … --target docs` has run.
std::filesystem::path docsIndex();

/// \brief `$XDG_DATA_HOME/stepwise`, else `~/.local/share/stepwise`: the user's own data
/// (downloaded MNIST, checkpoints).
std::filesystem::path userDataDir();

/// \brief Where `stepwise data fetch` puts MNIST: userDataDir() / "mnist".
std::filesystem::path userMnistDir();

/// \brief Debian's Fashion-MNIST (package dataset-fashion-mnist): an IDX folder with MNIST's
/// file names, offered when MNIST is missing.
inline constexpr std::string_view debianFashionMnistDir = "/usr/share/datasets/fashion-mnist";

/// \brief The data a command uses when no `--data` is given: the source tree's `data/mnist`
/// when running from a source tree and that folder exists, else userMnistDir() (which may be
/// missing: see missingDataMessage()).
std::filesystem::path defaultDataPath();

/// \brief One line for a missing default data folder: where stepwise looked, that
/// `stepwise data fetch` downloads MNIST, and `--data` for Fashion-MNIST when
/// \p fashionMnist (debianFashionMnistDir, normally) is an existing folder.
std::string missingDataMessage(const std::filesystem::path& fashionMnist);

/// \brief Deletes the regular files in \p dir whose names start with \p prefix and end in
/// \p extension (".png"), so a shorter re-export leaves nothing stale. Never throws.
void removeFiles(const std::filesystem::path& dir, std::string_view prefix, std::string_view extension);

} // namespace stepwise::app
