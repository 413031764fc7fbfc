// Tests for loadData: which files of a folder become train and test, CSV paths, and the
// messages for paths that hold nothing usable.
#include "data/data_source.hpp"
#include "data/idx_reader.hpp"
#include "data/input_error.hpp"

#include "fixture_writers.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

using namespace stepwise::data;
using namespace stepwise::data::fixtures;
namespace fs = std::filesystem;

namespace {

/// Writes an IDX pair "<prefix>images-idx3-ubyte" / "<prefix>labels-idx1-ubyte" of \p images.
void writePair(const fs::path& dir, const std::string& prefix, const LabeledImages& images,
               bool gzip = false) {
    const std::string suffix = gzip ? ".gz" : "";
    if (gzip) {
        writeGzip(dir / (prefix + "images-idx3-ubyte" + suffix), idxImages(images));
        writeGzip(dir / (prefix + "labels-idx1-ubyte" + suffix), idxLabels(images));
    } else {
        writeBytes(dir / (prefix + "images-idx3-ubyte"), idxImages(images));
        writeBytes(dir / (prefix + "labels-idx1-ubyte"), idxLabels(images));
    }
}

} // namespace

TEST_CASE("[data] loadData takes MNIST's train and t10k pairs as train and test") {
    const fs::path dir = stepwise::test::scratchDir("data-source-mnist");
    writePair(dir, "train-", makeImages(7));
    writePair(dir, "t10k-", makeImages(3), true);
    writePair(dir, "other-", makeImages(2)); // extra pairs beside MNIST's are ignored

    const DataSource source = loadData(dir);
    CHECK(source.train.count() == 7);
    CHECK(source.train.origin ==
          (dir / "train-images-idx3-ubyte").string() + " + " + (dir / "train-labels-idx1-ubyte").string());
    REQUIRE(source.test.has_value());
    CHECK(source.test->count() == 3);
    CHECK(source.test->pixels == makeImages(3).pixels);
}

TEST_CASE("[data] loadData uses a folder's single pair as train") {
    const fs::path dir = stepwise::test::scratchDir("data-source-single");
    writePair(dir, "digits.", makeImages(5)); // "digits.images.idx3-ubyte" style names work too
    fs::rename(dir / "digits.images-idx3-ubyte", dir / "digits.images.idx3-ubyte");
    const DataSource source = loadData(dir);
    CHECK(source.train.count() == 5);
    CHECK_FALSE(source.test.has_value());
}

TEST_CASE("[data] loadData prefers a raw file to its gzip twin") {
    const fs::path dir = stepwise::test::scratchDir("data-source-twin");
    writePair(dir, "train-", makeImages(4));
    writePair(dir, "train-", makeImages(9), true);
    CHECK(loadData(dir).train.count() == 4);
}

TEST_CASE("[data] loadData reads a Kaggle csv as train only") {
    const fs::path file =
        writeText(stepwise::test::scratchDir("data-source-csv") / "Train.CSV", kaggleCsv(makeImages(6)));
    const DataSource source = loadData(file);
    CHECK(source.train.count() == 6);
    CHECK(source.train.pixels == makeImages(6).pixels);
    CHECK_FALSE(source.test.has_value());

    const std::string text = kaggleCsv(makeImages(2));
    const fs::path gz = writeGzip(file.parent_path() / "train.csv.gz", Bytes(text.begin(), text.end()));
    CHECK(loadData(gz).train.count() == 2);
}

TEST_CASE("[data] loadData refuses paths with nothing usable") {
    const fs::path dir = stepwise::test::scratchDir("data-source-bad");
    const std::string either = "a Kaggle .csv file or a folder of MNIST IDX files, found ";
    SECTION("a missing path") {
        const fs::path missing = dir / "nope";
        checkError(inputErrorFrom([&] { (void)loadData(missing); }), missing.string(), "path",
                   either + "nothing there");
    }
    SECTION("a file of another kind") {
        const fs::path file = writeText(dir / "notes.txt", "hello");
        checkError(inputErrorFrom([&] { (void)loadData(file); }), file.string(), "path",
                   either + "a file that is neither");
    }
    SECTION("a single IDX file") {
        const fs::path file = writeBytes(dir / "train-images-idx3-ubyte", idxImages(makeImages(1)));
        checkError(inputErrorFrom([&] { (void)loadData(file); }), file.string(), "path",
                   either + "a single IDX file (give the folder that holds it)");
    }
    SECTION("an empty folder") {
        checkError(inputErrorFrom([&] { (void)loadData(dir); }), dir.string(), "folder",
                   "MNIST IDX files (*images-idx3-ubyte[.gz] with *labels-idx1-ubyte[.gz]), found none");
    }
    SECTION("images without labels") {
        writeBytes(dir / "train-images-idx3-ubyte", idxImages(makeImages(1)));
        checkError(inputErrorFrom([&] { (void)loadData(dir); }), dir.string(), "folder",
                   "train-labels-idx1-ubyte[.gz] beside train-images-idx3-ubyte, found none");
    }
    SECTION("labels without images") {
        writeGzip(dir / "t10k-labels-idx1-ubyte.gz", idxLabels(makeImages(1)));
        checkError(inputErrorFrom([&] { (void)loadData(dir); }), dir.string(), "folder",
                   "t10k-images-idx3-ubyte[.gz] beside t10k-labels-idx1-ubyte.gz, found none");
    }
    SECTION("several pairs, none of them MNIST's") {
        writePair(dir, "a-", makeImages(1));
        writePair(dir, "b-", makeImages(1));
        checkError(inputErrorFrom([&] { (void)loadData(dir); }), dir.string(), "folder",
                   "one images/labels pair, or MNIST's train-* and t10k-* pairs, found 2 pairs "
                   "(a-images-idx3-ubyte, b-images-idx3-ubyte)");
    }
    SECTION("a bad file inside the folder") {
        writePair(dir, "train-", makeImages(2));
        writeText(dir / "train-labels-idx1-ubyte", "");
        checkError(inputErrorFrom([&] { (void)loadData(dir); }), (dir / "train-labels-idx1-ubyte").string(),
                   "byte 0", "magic 0x00000801 (unsigned byte, 1 dimension), found an empty file");
    }
}

namespace {

/// The message loadData() refuses \p path with (an alarm turns a hang into a failed test).
std::string refusal(const fs::path& path) {
    ::alarm(20); // a FIFO opened for reading would block until someone writes
    try {
        (void)loadData(path);
    } catch (const InputError& e) {
        ::alarm(0);
        return e.what();
    }
    ::alarm(0);
    return "(accepted)";
}

} // namespace

TEST_CASE("[data] a named pipe, a device or a symlink loop as --data is refused by its type, never read") {
    const fs::path dir = stepwise::test::scratchDir("data-source-odd-files");
    const std::string expected = ": path: expected a Kaggle .csv file or a folder of MNIST IDX files, found ";
    REQUIRE(::mkfifo((dir / "pipe").c_str(), 0600) == 0);
    REQUIRE(::mkfifo((dir / "train.csv").c_str(), 0600) == 0); // named like data, still a pipe
    CHECK(refusal(dir / "pipe") == (dir / "pipe").string() + expected + "a named pipe (FIFO)");
    CHECK(refusal(dir / "train.csv") == (dir / "train.csv").string() + expected + "a named pipe (FIFO)");
    CHECK(refusal("/dev/zero") == "/dev/zero" + expected + "a character device");
    fs::create_symlink(dir / "loop-b", dir / "loop-a");
    fs::create_symlink(dir / "loop-a", dir / "loop-b");
    CHECK(refusal(dir / "loop-a") == (dir / "loop-a").string() + expected + "a loop of symbolic links");

    // The readers themselves refuse a pipe too (a folder's pair given by hand, say).
    ::alarm(20);
    try {
        (void)readIdx(dir / "pipe", dir / "pipe");
        FAIL("a pipe was read as IDX");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) == (dir / "pipe").string() + ": file: expected a regular file, found a named pipe (FIFO)");
    }
    ::alarm(0);
}
