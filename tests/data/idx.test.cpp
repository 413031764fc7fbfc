// Tests for readIdx: raw and gzip IDX files load to the same images, and every kind of bad
// file is refused with the exact "FILE: PLACE: expected WHAT" message.
#include "data/idx_reader.hpp"

#include "fixture_writers.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

using namespace stepwise::data;
using namespace stepwise::data::fixtures;
namespace fs = std::filesystem;

namespace {

/// A scratch folder holding a good 3-image pair, ready to be spoilt by a test.
struct IdxPairFiles {
    fs::path dir;
    LabeledImages images = makeImages(3);
    Bytes imageBytes = idxImages(images);
    Bytes labelBytes = idxLabels(images);
    fs::path imageFile;
    fs::path labelFile;

    explicit IdxPairFiles(const std::string& name)
        : dir(stepwise::test::scratchDir("data-idx-" + name)), imageFile(dir / "x-images-idx3-ubyte"),
          labelFile(dir / "x-labels-idx1-ubyte") {}

    /// Writes both files as they now are and reads them, expecting an InputError.
    InputError readExpectingError() {
        writeBytes(imageFile, imageBytes);
        writeBytes(labelFile, labelBytes);
        return inputErrorFrom([&] { (void)readIdx(imageFile, labelFile); });
    }
};

} // namespace

TEST_CASE("[data] idx reads raw and gzip files to identical images") {
    const fs::path dir = stepwise::test::scratchDir("data-idx-good");
    const LabeledImages images = makeImages(25);
    const fs::path rawImages = writeBytes(dir / "train-images-idx3-ubyte", idxImages(images));
    const fs::path rawLabels = writeBytes(dir / "train-labels-idx1-ubyte", idxLabels(images));
    const fs::path gzImages = writeGzip(dir / "train-images-idx3-ubyte.gz", idxImages(images));
    const fs::path gzLabels = writeGzip(dir / "train-labels-idx1-ubyte.gz", idxLabels(images));
    // gzip is recognised by its magic bytes, whatever the name.
    const fs::path unnamedGz = writeGzip(dir / "gzip-without-suffix", idxImages(images));

    const LabeledImages raw = readIdx(rawImages, rawLabels);
    CHECK(raw.count() == 25);
    CHECK(raw.pixels == images.pixels);
    CHECK(raw.labels == images.labels);
    CHECK(raw.origin == rawImages.string() + " + " + rawLabels.string());

    const LabeledImages gz = readIdx(gzImages, gzLabels);
    CHECK(gz.pixels == images.pixels);
    CHECK(gz.labels == images.labels);

    const LabeledImages mixed = readIdx(unnamedGz, rawLabels);
    CHECK(mixed.pixels == images.pixels);
}

TEST_CASE("[data] idx reads a gzip file made of several members") {
    // `cat a.gz b.gz > c.gz` is a valid gzip file holding a then b.
    const fs::path dir = stepwise::test::scratchDir("data-idx-members");
    const LabeledImages images = makeImages(4);
    const Bytes whole = idxImages(images);
    Bytes joined = gzipped(Bytes(whole.begin(), whole.begin() + 1000), dir / "part1.gz");
    const Bytes second = gzipped(Bytes(whole.begin() + 1000, whole.end()), dir / "part2.gz");
    joined.insert(joined.end(), second.begin(), second.end());
    const fs::path imageFile = writeBytes(dir / "x-images-idx3-ubyte.gz", joined);
    const fs::path labelFile = writeBytes(dir / "x-labels-idx1-ubyte", idxLabels(images));
    CHECK(readIdx(imageFile, labelFile).pixels == images.pixels);
}

TEST_CASE("[data] idx rejects an empty file") {
    IdxPairFiles files("empty");
    files.imageBytes.clear();
    checkError(files.readExpectingError(), files.imageFile.string(), "byte 0",
               "magic 0x00000803 (unsigned byte, 3 dimensions), found an empty file");
}

TEST_CASE("[data] idx rejects wrong magic") {
    SECTION("a labels file given as the images file") {
        IdxPairFiles files("magic-swapped");
        files.imageBytes = files.labelBytes;
        checkError(files.readExpectingError(), files.imageFile.string(), "byte 0",
                   "magic 0x00000803 (unsigned byte, 3 dimensions), found 0x00000801 (a labels file)");
    }
    SECTION("not an IDX file at all") {
        IdxPairFiles files("magic-text");
        files.imageBytes = {'P', 'K', 3, 4, 0, 0, 0, 0};
        checkError(files.readExpectingError(), files.imageFile.string(), "byte 0",
                   "magic 0x00000803 (unsigned byte, 3 dimensions), found 0x504B0304");
    }
    SECTION("an images file given as the labels file") {
        IdxPairFiles files("magic-labels");
        files.labelBytes = files.imageBytes;
        checkError(files.readExpectingError(), files.labelFile.string(), "byte 0",
                   "magic 0x00000801 (unsigned byte, 1 dimension), found 0x00000803 (an images file)");
    }
    SECTION("a file shorter than the magic") {
        IdxPairFiles files("magic-short");
        files.imageBytes = {0, 0};
        checkError(
            files.readExpectingError(), files.imageFile.string(), "byte 0",
            "magic 0x00000803 (unsigned byte, 3 dimensions), found end of file after 2 of its 4 bytes");
    }
}

TEST_CASE("[data] idx rejects a wrong element type") {
    IdxPairFiles files("type");
    files.imageBytes[2] = 0x0D; // float
    checkError(files.readExpectingError(), files.imageFile.string(), "byte 2",
               "element type 0x08 (unsigned byte), found 0x0D (float)");
}

TEST_CASE("[data] idx rejects a truncated header") {
    IdxPairFiles files("header");
    files.imageBytes.resize(10); // magic, count, half the row count
    checkError(files.readExpectingError(), files.imageFile.string(), "byte 8",
               "the row count (4 bytes), found end of file after 2 of its 4 bytes");
}

TEST_CASE("[data] idx rejects zero or non-28x28 dimensions") {
    SECTION("zero images") {
        IdxPairFiles files("zero-count");
        patchBigEndian(files.imageBytes, 4, 0);
        checkError(files.readExpectingError(), files.imageFile.string(), "byte 4",
                   "at least one image, found 0");
    }
    SECTION("zero rows") {
        IdxPairFiles files("zero-rows");
        patchBigEndian(files.imageBytes, 8, 0);
        checkError(files.readExpectingError(), files.imageFile.string(), "byte 8",
                   "28 rows per image, found 0");
    }
    SECTION("32 columns") {
        IdxPairFiles files("cols");
        patchBigEndian(files.imageBytes, 12, 32);
        checkError(files.readExpectingError(), files.imageFile.string(), "byte 12",
                   "28 columns per image, found 32");
    }
}

TEST_CASE("[data] idx rejects truncated pixel data") {
    IdxPairFiles files("truncated");
    files.imageBytes.resize(16 + 2 * 784 + 100);
    checkError(
        files.readExpectingError(), files.imageFile.string(), "byte 1684",
        "3 images of 28x28 pixels (2352 bytes after the 16-byte header), found end of file after 1668 bytes");
}

TEST_CASE("[data] idx rejects a count larger than the file without allocating it") {
    IdxPairFiles files("huge-count");
    patchBigEndian(files.imageBytes, 4, 0xFFFFFFFF);
    patchBigEndian(files.labelBytes, 4, 0xFFFFFFFF);
    SECTION("raw: refused from the file size") {
        checkError(
            files.readExpectingError(), files.labelFile.string(), "byte 11",
            "4294967295 labels (4294967295 bytes after the 8-byte header), found end of file after 3 bytes");
    }
    SECTION("gzip: refused when the inflated data runs out") {
        files.labelBytes = gzipped(files.labelBytes, files.dir / "labels.gz");
        checkError(
            files.readExpectingError(), files.labelFile.string(), "decompressed byte 11",
            "4294967295 labels (4294967295 bytes after the 8-byte header), found end of file after 3 bytes");
    }
}

TEST_CASE("[data] idx rejects data after the last image") {
    IdxPairFiles files("trailing");
    files.imageBytes.push_back(0);
    checkError(files.readExpectingError(), files.imageFile.string(), "byte 2368",
               "end of file after 3 images of 28x28 pixels, found more data");
}

TEST_CASE("[data] idx rejects image and label counts that differ") {
    IdxPairFiles files("counts");
    patchBigEndian(files.labelBytes, 4, 2);
    files.labelBytes.pop_back();
    checkError(files.readExpectingError(), files.labelFile.string(), "byte 4",
               "3 labels, one per image in " + files.imageFile.string() + ", found 2");
}

TEST_CASE("[data] idx rejects a label outside 0-9") {
    IdxPairFiles files("label");
    files.labelBytes[8 + 2] = 10;
    checkError(files.readExpectingError(), files.labelFile.string(), "byte 10", "a label 0-9, found 10");
}

TEST_CASE("[data] idx rejects corrupt gzip") {
    IdxPairFiles files("gzip");
    const Bytes good = gzipped(files.imageBytes, files.dir / "images.gz");
    REQUIRE(good.size() > 40);

    SECTION("truncated") {
        files.imageBytes.assign(good.begin(), good.end() - 10);
        const InputError error = files.readExpectingError();
        checkError(error, files.imageFile.string(), "compressed byte " + std::to_string(good.size() - 10),
                   "the rest of the gzip stream, found end of file (the file is truncated)");
    }
    SECTION("checksum mismatch") {
        files.imageBytes = good;
        files.imageBytes[good.size() - 8] ^= 0xFF; // first byte of the CRC-32 trailer
        // zlib stops right after the 4 CRC bytes it has just compared.
        checkError(files.readExpectingError(), files.imageFile.string(),
                   "compressed byte " + std::to_string(good.size() - 4),
                   "valid gzip data, found corrupt data (zlib: incorrect data check)");
    }
    SECTION("invalid deflate block") {
        files.imageBytes = good;
        files.imageBytes[10] = 0xFF; // first deflate byte: block type 3 does not exist
        const InputError error = files.readExpectingError();
        CHECK(error.file() == files.imageFile.string());
        CHECK(error.place() == "compressed byte 11");
        CHECK(error.expected() == "valid gzip data, found corrupt data (zlib: invalid block type)");
    }
    SECTION("a .gz name without gzip data") {
        files.imageFile = files.dir / "x-images-idx3-ubyte.gz";
        checkError(files.readExpectingError(), files.imageFile.string(), "byte 0",
                   "gzip magic 1f 8b (the name ends in .gz), found 00 00");
    }
}

TEST_CASE("[data] idx rejects a missing file") {
    const fs::path dir = stepwise::test::scratchDir("data-idx-missing");
    const fs::path images = dir / "nope-images-idx3-ubyte";
    const InputError error = inputErrorFrom([&] { (void)readIdx(images, dir / "nope-labels-idx1-ubyte"); });
    checkError(error, images.string(), "file", "a readable file, found No such file or directory");
}
