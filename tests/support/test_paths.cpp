// Implementation of the shared test path helpers.
#include "support/test_paths.hpp"

namespace stepwise::test {
std::filesystem::path sourceDir() { return STEPWISE_SOURCE_DIR; }

std::filesystem::path scratchDir(const std::string& name) {
    auto dir = std::filesystem::path(STEPWISE_BINARY_DIR) / "test-scratch" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

std::filesystem::path mnistDir() {
    auto dir = sourceDir() / "data" / "mnist";
    for (const char* f : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                          "t10k-labels-idx1-ubyte"})
        if (!std::filesystem::exists(dir / f)) return {};
    return dir;
}
} // namespace stepwise::test
