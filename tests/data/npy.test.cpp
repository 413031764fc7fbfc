// Tests for the .npy writer and reader: the header layout NumPy expects, C order from Eigen's
// column-major storage, a check with NumPy itself when Python has it, and malformed files.
#include "data/npy.hpp"
#include "support/display.hpp"

#include "data/split.hpp"
#include "fixture_writers.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

using namespace stepwise::data;
using namespace stepwise::data::fixtures;
namespace fs = std::filesystem;

namespace {

Bytes fileBytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A 3 × 5 matrix whose entry (r, c) is 10r + c + 0.5, so any transposition shows.
Eigen::MatrixXf sampleMatrix() {
    Eigen::MatrixXf m(3, 5);
    for (Eigen::Index r = 0; r < 3; ++r)
        for (Eigen::Index c = 0; c < 5; ++c)
            m(r, c) = static_cast<float>(10 * r + c) + 0.5f;
    return m;
}

/// A .npy v1.0 file with the given header dict (used as is, no padding) and data bytes.
Bytes npyFile(const std::string& dict, const Bytes& data, std::uint8_t major = 1) {
    Bytes bytes = {0x93,
                   'N',
                   'U',
                   'M',
                   'P',
                   'Y',
                   major,
                   0,
                   static_cast<std::uint8_t>(dict.size() & 0xff),
                   static_cast<std::uint8_t>(dict.size() >> 8)};
    bytes.insert(bytes.end(), dict.begin(), dict.end());
    bytes.insert(bytes.end(), data.begin(), data.end());
    return bytes;
}

/// A Python interpreter that can import numpy, or an empty string.
std::string pythonWithNumpy() {
    for (const char* python : {"python3", "/usr/bin/python3"}) {
        const std::string probe = std::string(python) + " -c \"import numpy\" >/dev/null 2>&1";
        if (std::system(probe.c_str()) == 0)
            return python;
    }
    return {};
}

} // namespace

TEST_CASE("[data] npy header is NumPy's v1.0 layout, padded to 64 bytes") {
    const fs::path file = stepwise::test::scratchDir("data-npy-header") / "m.npy";
    writeNpy(file, sampleMatrix());
    const Bytes bytes = fileBytes(file);
    REQUIRE(bytes.size() > 10);
    CHECK(std::memcmp(bytes.data(), "\x93NUMPY\x01\x00", 8) == 0);
    const std::size_t headerLength = bytes[8] | std::size_t{bytes[9]} << 8;
    const std::size_t dataStart = 10 + headerLength;
    CHECK(dataStart % 64 == 0);
    REQUIRE(bytes.size() == dataStart + 15 * sizeof(float));
    const std::string header(bytes.begin() + 10, bytes.begin() + static_cast<std::ptrdiff_t>(dataStart));
    CHECK(header.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 5), }", 0) == 0);
    CHECK(header.back() == '\n');
    // C order: the second value stored is (row 0, column 1), not (row 1, column 0).
    float second = 0;
    std::memcpy(&second, bytes.data() + dataStart + sizeof(float), sizeof second);
    CHECK(second == 1.5f);
}

TEST_CASE("[data] npy round-trips matrices and labels") {
    const fs::path dir = stepwise::test::scratchDir("data-npy-roundtrip");
    const Eigen::MatrixXf m = sampleMatrix();

    SECTION("a matrix") {
        writeNpy(dir / "m.npy", m);
        const NpyArray array = readNpy(dir / "m.npy");
        CHECK(array.dtype == "<f4");
        CHECK(array.shape == std::vector<std::size_t>{3, 5});
        REQUIRE(array.f32.size() == 15);
        CHECK(array.size() == 15);
        for (Eigen::Index r = 0; r < 3; ++r)
            for (Eigen::Index c = 0; c < 5; ++c)
                CHECK(array.f32[static_cast<std::size_t>(r * 5 + c)] == m(r, c));
    }
    SECTION("a block with a stride, and an empty matrix") {
        writeNpy(dir / "block.npy", m.bottomRows(2).rightCols(3));
        const NpyArray block = readNpy(dir / "block.npy");
        CHECK(block.shape == std::vector<std::size_t>{2, 3});
        CHECK(block.f32 == std::vector<float>{12.5f, 13.5f, 14.5f, 22.5f, 23.5f, 24.5f});

        writeNpy(dir / "empty.npy", Eigen::MatrixXf(784, 0));
        const NpyArray empty = readNpy(dir / "empty.npy");
        CHECK(empty.shape == std::vector<std::size_t>{784, 0});
        CHECK(empty.f32.empty());
    }
    SECTION("labels") {
        Eigen::VectorXi labels(4);
        labels << 5, 0, 4, 9;
        writeNpy(dir / "labels.npy", labels);
        const NpyArray array = readNpy(dir / "labels.npy");
        CHECK(array.dtype == "<i8");
        CHECK(array.shape == std::vector<std::size_t>{4});
        CHECK(array.i64 == std::vector<std::int64_t>{5, 0, 4, 9});
        CHECK(array.f32.empty());
    }
}

TEST_CASE("[data] npy files load in NumPy") {
    const std::string python = pythonWithNumpy();
    if (python.empty()) stepwise::test::skip("no python3 with numpy (scripts/setup.sh installs python3-numpy)");
    const fs::path dir = stepwise::test::scratchDir("data-npy-numpy");
    const stepwise::core::Batch batch = toBatch(makeImages(3));
    writeNpy(dir / "X.npy", batch.A0(0, batch.size()));
    writeNpy(dir / "labels.npy", batch.labels);
    const std::string script =
        "import numpy as np; X = np.load('" + (dir / "X.npy").string() + "'); y = np.load('" +
        (dir / "labels.npy").string() +
        "'); print(X.shape[0], X.shape[1], X.dtype, '%.9g' % X[61, 1], y.shape[0], y.dtype, y[2])";
    const fs::path output = dir / "numpy.txt";
    const std::string command = python + " -c \"" + script + "\" > '" + output.string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);

    std::ifstream in(output);
    std::size_t rows = 0, cols = 0, labelCount = 0;
    std::string xType, yType;
    float value = 0;
    int label = -1;
    in >> rows >> cols >> xType >> value >> labelCount >> yType >> label;
    CHECK(rows == 784);
    CHECK(cols == 3);
    CHECK(xType == "float32");
    CHECK(value == batch.A0(1, 1)(61, 0)); // pixel (2, 5) of image 1: 190 / 255
    CHECK(labelCount == 3);
    CHECK(yType == "int64");
    CHECK(label == 2);
}

TEST_CASE("[data] npy reader rejects malformed files") {
    const fs::path dir = stepwise::test::scratchDir("data-npy-bad");
    const fs::path file = dir / "bad.npy";
    const auto errorFor = [&](const Bytes& bytes) {
        writeBytes(file, bytes);
        return inputErrorFrom([&] { (void)readNpy(file); });
    };
    const std::string f4 = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 5), }";
    const Bytes data(60, 0);

    SECTION("an empty file") {
        checkError(errorFor({}), file.string(), "byte 0",
                   "the NumPy magic \\x93NUMPY and a version (8 bytes), found an empty file");
    }
    SECTION("wrong magic") {
        Bytes bytes = npyFile(f4, data);
        bytes[1] = 'n';
        checkError(errorFor(bytes), file.string(), "byte 0",
                   "the NumPy magic \\x93NUMPY, found \"\\x93nUMPY\"");
    }
    SECTION("an unknown version") {
        checkError(errorFor(npyFile(f4, data, 4)), file.string(), "byte 6",
                   "format version 1.0, 2.0 or 3.0, found 4.0");
    }
    SECTION("a header that is not a dict") {
        checkError(
            errorFor(npyFile("{'descr': '<f4'}\n", data)), file.string(), "byte 10",
            "a header dict with 'descr', 'fortran_order' and 'shape', found \"{'descr': '<f4'}\\x0A\"");
    }
    SECTION("another dtype") {
        checkError(errorFor(npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 5), }", data)),
                   file.string(), "byte 10", "dtype '<f4' or '<i8', found \"<f8\"");
    }
    SECTION("Fortran order") {
        checkError(errorFor(npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (3, 5), }", data)),
                   file.string(), "byte 10", "C order (fortran_order False), found True");
    }
    SECTION("truncated data") {
        checkError(errorFor(npyFile(f4, Bytes(40, 0))), file.string(),
                   "byte " + std::to_string(10 + f4.size() + 40),
                   "15 values of 4 bytes (60 bytes after the " + std::to_string(10 + f4.size()) +
                       "-byte header), found end of file after 40 bytes");
    }
    SECTION("a shape far larger than the file") {
        const std::string huge = "{'descr': '<i8', 'fortran_order': False, 'shape': (4000000000, 4), }";
        checkError(errorFor(npyFile(huge, data)), file.string(),
                   "byte " + std::to_string(10 + huge.size() + 60),
                   "16000000000 values of 8 bytes (128000000000 bytes after the " +
                       std::to_string(10 + huge.size()) + "-byte header), found end of file after 60 bytes");
    }
    SECTION("a shape too large to count") {
        checkError(
            errorFor(npyFile(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999, 99999999999), }", data)),
            file.string(), "byte 10", "a shape that fits in memory, found one too large");
    }
    SECTION("data after the last value") {
        checkError(errorFor(npyFile(f4, Bytes(64, 0))), file.string(),
                   "byte " + std::to_string(10 + f4.size() + 60),
                   "end of file after 15 values of 4 bytes, found more data");
    }
}

TEST_CASE("[data] npy writer names the file it cannot write") {
    const fs::path file = stepwise::test::scratchDir("data-npy-unwritable") / "missing-folder" / "X.npy";
    try {
        writeNpy(file, sampleMatrix());
        FAIL("writeNpy did not throw");
    } catch (const std::runtime_error& error) {
        CHECK(std::string(error.what()) == "cannot write " + file.string() + ": No such file or directory");
    }
}
