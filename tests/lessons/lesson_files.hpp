// Helpers for the lessons tests: write lesson files into scratch folders and find fixtures.
#pragma once

#include "support/test_paths.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string_view>

namespace stepwise::test {

/// \brief Writes \p text to \p path (replacing it) and returns \p path.
inline std::filesystem::path writeFile(const std::filesystem::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
    return path;
}

/// \brief The committed folder of valid lesson fixtures (two lessons, six steps).
inline std::filesystem::path goodLessonsDir() { return sourceDir() / "tests" / "fixtures" / "lessons" / "good"; }

} // namespace stepwise::test
