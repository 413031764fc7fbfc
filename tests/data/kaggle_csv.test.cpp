// Tests for readKaggleCsv: the accepted variants of train.csv load the same images as IDX, and
// every kind of bad file is refused with the exact line, cell and expectation.
#include "data/kaggle_csv.hpp"
#include "data/idx_reader.hpp"

#include "fixture_writers.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

using namespace stepwise::data;
using namespace stepwise::data::fixtures;
namespace fs = std::filesystem;

namespace {

const std::string kHeaderExpected = "(header \"label,pixel0,...,pixel783\")";
const std::string kRowExpected = "a row of 785 cells (label, pixel0-pixel783)";

/// Writes \p text to a scratch train.csv and reads it, expecting an InputError.
InputError csvError(const std::string& name, const std::string& text, fs::path& file) {
    file = writeText(stepwise::test::scratchDir("data-csv-" + name) / "train.csv", text);
    return inputErrorFrom([&] { (void)readKaggleCsv(file); });
}

/// Kaggle text of two good rows with \p badRow as line 3 between them (so on line 3).
std::string withRow(const std::string& badRow) {
    return kaggleHeader() + "\n" + zeroRow() + "\n" + badRow + "\n" + zeroRow() + "\n";
}

} // namespace

TEST_CASE("[data] csv reads every accepted form of train.csv to the same images as idx") {
    const fs::path dir = stepwise::test::scratchDir("data-csv-good");
    const LabeledImages images = makeImages(12);
    const LabeledImages idx = readIdx(writeBytes(dir / "x-images-idx3-ubyte", idxImages(images)),
                                      writeBytes(dir / "x-labels-idx1-ubyte", idxLabels(images)));
    REQUIRE(idx.pixels == images.pixels);

    const std::string lf = kaggleCsv(images);
    const std::vector<std::pair<std::string, fs::path>> variants = {
        {"LF", writeText(dir / "lf.csv", lf)},
        {"CRLF", writeText(dir / "crlf.csv", kaggleCsv(images, "\r\n"))},
        {"no final newline", writeText(dir / "last.csv", kaggleCsv(images, "\n", false))},
        {"CRLF, no final newline", writeText(dir / "crlf-last.csv", kaggleCsv(images, "\r\n", false))},
        {"byte-order mark", writeText(dir / "bom.csv", "\xEF\xBB\xBF" + lf)},
        {"blank lines at the end", writeText(dir / "blank.csv", lf + "\n\r\n\n")},
        {"gzip", writeGzip(dir / "train.csv.gz", Bytes(lf.begin(), lf.end()))},
    };
    for (const auto& [variant, file] : variants) {
        INFO(variant);
        const LabeledImages csv = readKaggleCsv(file);
        CHECK(csv.count() == 12);
        CHECK(csv.pixels == idx.pixels);
        CHECK(csv.labels == idx.labels);
        CHECK(csv.origin == file.string());
    }
}

TEST_CASE("[data] csv rejects an empty file") {
    fs::path file;
    const InputError error = csvError("empty", "", file);
    checkError(error, file.string(), "line 1",
               "the header \"label,pixel0,...,pixel783\", found an empty file");
}

TEST_CASE("[data] csv rejects a file of blank lines") {
    fs::path file;
    const InputError error = csvError("blank", "\r\n\n", file);
    checkError(error, file.string(), "line 1",
               "the header \"label,pixel0,...,pixel783\", found only blank lines");
}

TEST_CASE("[data] csv rejects a header with no rows") {
    fs::path file;
    SECTION("with a final newline") {
        const InputError error = csvError("header-only", kaggleHeader() + "\r\n", file);
        checkError(error, file.string(), "line 2", kRowExpected + ", found end of file");
    }
    SECTION("without one") {
        const InputError error = csvError("header-only-last", kaggleHeader(), file);
        checkError(error, file.string(), "line 2", kRowExpected + ", found end of file");
    }
}

TEST_CASE("[data] csv rejects a wrong header") {
    fs::path file;
    std::string header = kaggleHeader();
    SECTION("a misspelt column") {
        header.replace(header.find("pixel1,"), 7, "pixelX,");
        const InputError error = csvError("header-cell", header + "\n" + zeroRow() + "\n", file);
        checkError(error, file.string(), "line 1, cell 3 (pixel1)",
                   "\"pixel1\" " + kHeaderExpected + ", found \"pixelX\"");
    }
    SECTION("Kaggle's test.csv, which has no label column") {
        header.erase(0, std::string("label,").size());
        const InputError error = csvError("header-test", header + "\n", file);
        checkError(error, file.string(), "line 1, cell 1 (label)",
                   "\"label\" " + kHeaderExpected +
                       ", found \"pixel0\" (Kaggle's test.csv has no labels; use train.csv)");
    }
    SECTION("too few columns") {
        header.erase(header.rfind(','));
        const InputError error = csvError("header-short", header + "\n", file);
        checkError(error, file.string(), "line 1, cell 785 (pixel783)",
                   "\"pixel783\" " + kHeaderExpected + ", found end of line");
    }
    SECTION("too many columns") {
        const InputError error = csvError("header-long", header + ",extra\n", file);
        checkError(error, file.string(), "line 1, cell 786", "end of line after 785 cells, found \"extra\"");
    }
}

TEST_CASE("[data] csv rejects a row with too few cells") {
    fs::path file;
    const InputError error = csvError("few", withRow("3,0,0"), file);
    checkError(error, file.string(), "line 3, cell 4 (pixel2)",
               "a pixel value 0-255, found end of line (the row has 3 cells, not 785)");
}

TEST_CASE("[data] csv rejects a row with too many cells") {
    fs::path file;
    SECTION("an extra value") {
        const InputError error = csvError("many", withRow(zeroRow() + ",0"), file);
        checkError(error, file.string(), "line 3, cell 786", "end of line after 785 cells, found \"0\"");
    }
    SECTION("a trailing comma") {
        const InputError error = csvError("comma", withRow(zeroRow() + ","), file);
        checkError(error, file.string(), "line 3, cell 786",
                   "end of line after 785 cells, found a trailing comma");
    }
}

TEST_CASE("[data] csv rejects a cell that is not a number") {
    fs::path file;
    std::string row = zeroRow();
    SECTION("letters") {
        row.replace(row.find(",0,0,0,0"), 8, ",0,0,0,abc");
        const InputError error = csvError("letters", withRow(row), file);
        checkError(error, file.string(), "line 3, cell 5 (pixel3)", "a pixel value 0-255, found \"abc\"");
    }
    SECTION("an empty cell") {
        row.replace(0, 3, "3,");
        const InputError error = csvError("empty-cell", withRow(row), file);
        checkError(error, file.string(), "line 3, cell 2 (pixel0)",
                   "a pixel value 0-255, found an empty cell");
    }
    SECTION("a negative number") {
        row.replace(row.rfind(",0"), 2, ",-1");
        const InputError error = csvError("negative", withRow(row), file);
        checkError(error, file.string(), "line 3, cell 785 (pixel783)", "a pixel value 0-255, found \"-1\"");
    }
    SECTION("a long run of junk is cut short in the message") {
        row.replace(0, 1, std::string(100, 'x'));
        const InputError error = csvError("junk", withRow(row), file);
        checkError(error, file.string(), "line 3, cell 1 (label)",
                   "a label 0-9, found \"" + std::string(24, 'x') + "...\"");
    }
}

TEST_CASE("[data] csv rejects a pixel outside 0-255") {
    fs::path file;
    std::string row = zeroRow();
    row.replace(row.find(",0,0"), 4, ",0,300");
    const InputError error = csvError("pixel", withRow(row), file);
    checkError(error, file.string(), "line 3, cell 3 (pixel1)", "a pixel value 0-255, found \"300\"");
}

TEST_CASE("[data] csv rejects a label outside 0-9") {
    fs::path file;
    const InputError error = csvError("label", withRow(zeroRow("12")), file);
    checkError(error, file.string(), "line 3, cell 1 (label)", "a label 0-9, found \"12\"");
}

TEST_CASE("[data] csv rejects an empty line between rows") {
    fs::path file;
    const InputError error =
        csvError("gap", kaggleHeader() + "\n" + zeroRow() + "\n\n" + zeroRow() + "\n", file);
    checkError(error, file.string(), "line 3", kRowExpected + ", found an empty line");
}

TEST_CASE("[data] csv rejects a missing file") {
    const fs::path file = stepwise::test::scratchDir("data-csv-missing") / "train.csv";
    checkError(inputErrorFrom([&] { (void)readKaggleCsv(file); }), file.string(), "file",
               "a readable file, found No such file or directory");
}
