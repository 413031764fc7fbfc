// The compiled-in folders (see paths.hpp).
#include "app/paths.hpp"

#include <system_error>
#include <vector>

namespace stepwise::app {

std::filesystem::path lessonDir() { return std::filesystem::path(STEPWISE_SOURCE_DIR) / "lessons"; }

std::filesystem::path docsIndex() { return std::filesystem::path(STEPWISE_BINARY_DIR) / "docs" / "html" / "index.html"; }

void removeFiles(const std::filesystem::path& dir, std::string_view prefix, std::string_view extension) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return;
    std::vector<std::filesystem::path> stale;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file(ec) && name.starts_with(prefix) && entry.path().extension() == extension)
            stale.push_back(entry.path());
    }
    for (const auto& file : stale) std::filesystem::remove(file, ec);
}

} // namespace stepwise::app
