// Where stepwise finds its files (app/paths.hpp): an installed prefix wherever it was moved, a
// build tree by its marker file, the XDG data folder, and the line that says how to get MNIST.
#include "app/paths.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include <unistd.h>

using namespace stepwise;
namespace fs = std::filesystem;

namespace {
void touch(const fs::path& file) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << "x\n";
}
} // namespace

TEST_CASE("[app] an installed prefix is found from the executable, wherever the prefix is") {
    const fs::path root = test::scratchDir("paths-prefix");
    touch(root / "moved" / "prefix" / "bin" / "stepwise");
    fs::create_directories(root / "moved" / "prefix" / "share" / "stepwise" / "lessons");
    const app::ResourceLayout layout = app::locateResources(root / "moved" / "prefix" / "bin" / "stepwise");
    CHECK(layout.lessons == root / "moved" / "prefix" / "share" / "stepwise" / "lessons");
    CHECK(layout.assets == root / "moved" / "prefix" / "share" / "stepwise" / "assets");
    CHECK(layout.docsIndex == root / "moved" / "prefix" / "share" / "doc" / "stepwise" / "html" / "index.html");
    CHECK(layout.sourceTree.empty());
}

TEST_CASE("[app] a build tree is found by its marker file, and its source tree gives the lessons") {
    const fs::path root = test::scratchDir("paths-build-tree");
    fs::create_directories(root / "src" / "lessons");
    touch(root / "src" / "build" / "release" / "src" / "app" / "stepwise");
    touch(root / "src" / "build" / "release" / "tests" / "stepwise_app_tests");
    std::ofstream(root / "src" / "build" / "release" / std::string(app::buildTreeMarker)) << (root / "src").string() << "\n";
    for (const char* exe : {"src/app/stepwise", "tests/stepwise_app_tests"}) {
        const app::ResourceLayout layout = app::locateResources(root / "src" / "build" / "release" / exe);
        CHECK(layout.sourceTree == root / "src");
        CHECK(layout.lessons == root / "src" / "lessons");
        CHECK(layout.docsIndex == root / "src" / "build" / "release" / "docs" / "html" / "index.html");
    }
    // An installed prefix inside a build tree (the install test does that) is still a prefix.
    touch(root / "src" / "build" / "release" / "prefix" / "bin" / "stepwise");
    fs::create_directories(root / "src" / "build" / "release" / "prefix" / "share" / "stepwise" / "lessons");
    CHECK(app::locateResources(root / "src" / "build" / "release" / "prefix" / "bin" / "stepwise").sourceTree.empty());
}

TEST_CASE("[app] with neither a prefix nor a marker the installed layout is reported, and missing") {
    // Outside the build tree, whose marker the walk up would find.
    const fs::path root = fs::temp_directory_path() / ("stepwise-paths-nothing-" + std::to_string(::getpid()));
    fs::remove_all(root);
    touch(root / "bin" / "stepwise");
    const app::ResourceLayout layout = app::locateResources(root / "bin" / "stepwise");
    CHECK(layout.lessons == root / "share" / "stepwise" / "lessons");
    CHECK_FALSE(fs::exists(layout.lessons));
    CHECK(layout.sourceTree.empty());
    fs::remove_all(root);
}

TEST_CASE("[app] the test programs run from the build tree: lessons and data come from the source tree") {
    CHECK(app::resources().sourceTree == test::sourceDir());
    CHECK(app::lessonDir() == test::sourceDir() / "lessons");
    if (!test::mnistDir().empty()) CHECK(app::defaultDataPath() == test::sourceDir() / "data" / "mnist");
}

TEST_CASE("[app] user data goes to XDG_DATA_HOME, else ~/.local/share") {
    const char* oldXdg = std::getenv("XDG_DATA_HOME");
    const std::string saved = oldXdg ? oldXdg : "";
    ::setenv("XDG_DATA_HOME", "/tmp/xdg-test", 1);
    CHECK(app::userMnistDir() == fs::path("/tmp/xdg-test/stepwise/mnist"));
    ::unsetenv("XDG_DATA_HOME");
    ::setenv("HOME", "/home/teacher", 1);
    CHECK(app::userMnistDir() == fs::path("/home/teacher/.local/share/stepwise/mnist"));
    if (oldXdg) ::setenv("XDG_DATA_HOME", saved.c_str(), 1);
}

TEST_CASE("[app] the missing-data line says how to fetch MNIST, and offers Fashion-MNIST only when it is there") {
    ::setenv("XDG_DATA_HOME", "/tmp/xdg-test", 1);
    const fs::path fashion = test::scratchDir("paths-fashion");
    const std::string without = app::missingDataMessage(fashion / "absent");
    CHECK(without == "stepwise: no MNIST data in " + (test::sourceDir() / "data" / "mnist").string() +
                         " or /tmp/xdg-test/stepwise/mnist: run `stepwise data fetch` to download it, or give --data FOLDER");
    const std::string with = app::missingDataMessage(fashion);
    CHECK(with == without + " (Fashion-MNIST is installed: --data " + fashion.string() + ")");
}
