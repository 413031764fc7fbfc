// Paths the tests need: the source tree (fixtures, lessons) and a scratch folder.
#pragma once
#include <filesystem>
#include <string>

namespace stepwise::test {
/// \brief Root of the source tree (where lessons/, tests/fixtures/ and data/ live).
std::filesystem::path sourceDir();
/// \brief A fresh, empty scratch folder under the build tree, unique to \p name.
std::filesystem::path scratchDir(const std::string& name);
/// \brief data/mnist when its four files are present, empty path otherwise.
std::filesystem::path mnistDir();
} // namespace stepwise::test
