// libFuzzer harness for readIdx (src/data/idx_reader.cpp) and ByteStream's raw and gzip paths.
// Input: byte 0 = flags (bit 0: gzip the images file, bit 1: gzip the labels file, bit 2: give
// both files a .gz name), bytes 1-2 = the images file's length (big-endian), then the images
// file, then the labels file. Gzip is applied here so mutations reach the IDX parser behind
// the inflater; inputs that start with 1f 8b themselves exercise the inflater's error paths.
#include "fuzz_support.hpp"

#include "data/idx_reader.hpp"
#include "data/input_error.hpp"

#include <zlib.h>

#include <algorithm>

namespace {

/// Writes the bytes as they are, or gzip-compressed, to \p file.
void writeMaybeGzip(const std::filesystem::path& file, const std::uint8_t* data, std::size_t size, bool gzip) {
    if (!gzip) {
        stepwise::fuzz::writeFile(file, data, size);
        return;
    }
    gzFile out = gzopen(file.c_str(), "wb1");
    if (!out) stepwise::fuzz::finding("cannot create the scratch file " + file.string());
    if (size > 0 && gzwrite(out, data, static_cast<unsigned>(size)) != static_cast<int>(size))
        stepwise::fuzz::finding("cannot gzip into the scratch file " + file.string());
    if (gzclose(out) != Z_OK) stepwise::fuzz::finding("cannot close the scratch file " + file.string());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stepwise;
    if (size < 3) return 0;
    const std::uint8_t flags = data[0];
    const std::size_t imagesSize = std::min<std::size_t>(std::size_t{data[1]} << 8 | data[2], size - 3);
    const std::uint8_t* images = data + 3;
    const std::uint8_t* labels = images + imagesSize;
    const std::size_t labelsSize = size - 3 - imagesSize;

    const bool gzNames = (flags & 4) != 0;
    const auto imagesFile = fuzz::scratch().file(gzNames ? "images-idx3-ubyte.gz" : "images-idx3-ubyte");
    const auto labelsFile = fuzz::scratch().file(gzNames ? "labels-idx1-ubyte.gz" : "labels-idx1-ubyte");
    writeMaybeGzip(imagesFile, images, imagesSize, (flags & 1) != 0);
    writeMaybeGzip(labelsFile, labels, labelsSize, (flags & 2) != 0);

    try {
        const data::LabeledImages result = data::readIdx(imagesFile, labelsFile);
        if (result.count() == 0) fuzz::finding("readIdx accepted a file of no images");
        if (result.pixels.size() != result.count() * data::kImagePixels)
            fuzz::finding("readIdx returned pixels that do not match its labels");
        if (std::any_of(result.labels.begin(), result.labels.end(), [](std::uint8_t l) { return l > 9; }))
            fuzz::finding("readIdx returned a label above 9");
    } catch (const data::InputError& error) {
        fuzz::requireOneLine(error.what(), "readIdx");
    }
    return 0;
}
