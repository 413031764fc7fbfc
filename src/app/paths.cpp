// Finding stepwise's files from the executable's path (see paths.hpp): installed prefix first,
// then the build tree's marker file naming its source tree. Nothing here is compiled in.
#include "app/paths.hpp"

#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

namespace stepwise::app {

namespace fs = std::filesystem;

namespace {

bool isDirectory(const fs::path& path) {
    std::error_code ec;
    return fs::is_directory(path, ec);
}

/// The first line of \p marker, or empty when it cannot be read.
fs::path readMarker(const fs::path& marker) {
    std::ifstream in(marker);
    std::string line;
    if (!in || !std::getline(in, line)) return {};
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    return line;
}

ResourceLayout installedLayout(const fs::path& prefix) {
    ResourceLayout layout;
    layout.lessons = prefix / "share" / "stepwise" / "lessons";
    layout.assets = prefix / "share" / "stepwise" / "assets";
    layout.docsIndex = prefix / "share" / "doc" / "stepwise" / "html" / "index.html";
    return layout;
}

} // namespace

ResourceLayout locateResources(const fs::path& executable) {
    std::error_code ec;
    fs::path exe = fs::weakly_canonical(executable, ec);
    if (ec) exe = executable;
    const fs::path prefix = exe.parent_path().parent_path();
    ResourceLayout installed = installedLayout(prefix);
    if (isDirectory(installed.lessons)) return installed;

    for (fs::path dir = exe.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        const fs::path marker = dir / buildTreeMarker;
        if (fs::is_regular_file(marker, ec)) {
            const fs::path source = readMarker(marker);
            if (source.empty() || !isDirectory(source / "lessons")) break;
            ResourceLayout tree;
            tree.sourceTree = source;
            tree.lessons = source / "lessons";
            tree.assets = source / "assets";
            tree.docsIndex = dir / "docs" / "html" / "index.html";
            return tree;
        }
        if (dir == dir.root_path()) break;
    }
    return installed;
}

const ResourceLayout& resources() {
    static const ResourceLayout layout = [] {
        std::error_code ec;
        const fs::path self = fs::read_symlink("/proc/self/exe", ec);
        return locateResources(ec ? fs::path("stepwise") : self);
    }();
    return layout;
}

fs::path lessonDir() { return resources().lessons; }

fs::path docsIndex() { return resources().docsIndex; }

fs::path userDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return fs::path(xdg) / "stepwise";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : ".") / ".local" / "share" / "stepwise";
}

fs::path userMnistDir() { return userDataDir() / "mnist"; }

fs::path defaultDataPath() {
    const ResourceLayout& layout = resources();
    if (!layout.sourceTree.empty() && isDirectory(layout.sourceTree / "data" / "mnist"))
        return layout.sourceTree / "data" / "mnist";
    return userMnistDir();
}

std::string missingDataMessage(const fs::path& fashionMnist) {
    std::string where = userMnistDir().string();
    if (const ResourceLayout& layout = resources(); !layout.sourceTree.empty())
        where = (layout.sourceTree / "data" / "mnist").string() + " or " + where;
    std::string line = "stepwise: no MNIST data in " + where +
                       ": run `stepwise data fetch` to download it, or give --data FOLDER";
    if (isDirectory(fashionMnist)) line += " (Fashion-MNIST is installed: --data " + fashionMnist.string() + ")";
    return line;
}

void removeFiles(const fs::path& dir, std::string_view prefix, std::string_view extension) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return;
    std::vector<fs::path> stale;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file(ec) && name.starts_with(prefix) && entry.path().extension() == extension)
            stale.push_back(entry.path());
    }
    for (const auto& file : stale) fs::remove(file, ec);
}

} // namespace stepwise::app
