// readIdx: parses the IDX headers, checks them against each other before reading any bulk
// data, then reads the pixels and labels in large blocks.
#include "data/idx_reader.hpp"

#include "data/byte_stream.hpp"
#include "data/input_error.hpp"

#include <array>
#include <cstdio>

namespace stepwise::data {
namespace {

constexpr std::uint32_t kImagesMagic = 0x00000803;
constexpr std::uint32_t kLabelsMagic = 0x00000801;

/// How one kind of IDX file is described in messages.
struct IdxKind {
    std::uint32_t magic;
    const char* magicText; ///< e.g. "0x00000803 (unsigned byte, 3 dimensions)"
    const char* otherKind; ///< what the other magic means, e.g. "a labels file"
    std::uint32_t otherMagic;
};

constexpr IdxKind kImagesKind{kImagesMagic, "0x00000803 (unsigned byte, 3 dimensions)", "a labels file",
                              kLabelsMagic};
constexpr IdxKind kLabelsKind{kLabelsMagic, "0x00000801 (unsigned byte, 1 dimension)", "an images file",
                              kImagesMagic};

std::string hex32(std::uint32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(value));
    return text;
}

std::string elementTypeName(std::uint8_t type) {
    switch (type) {
    case 0x08:
        return "unsigned byte";
    case 0x09:
        return "signed byte";
    case 0x0B:
        return "short";
    case 0x0C:
        return "int";
    case 0x0D:
        return "float";
    case 0x0E:
        return "double";
    default:
        return "not an IDX type";
    }
}

std::string foundEnd(std::size_t got) {
    return got == 0 ? "end of file" : "end of file after " + std::to_string(got) + " of its 4 bytes";
}

/// IDX stores every header field as a big-endian 32-bit integer.
std::uint32_t bigEndian(const std::array<std::uint8_t, 4>& bytes) {
    return std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 | std::uint32_t{bytes[2]} << 8 |
           std::uint32_t{bytes[3]};
}

/// Reads one big-endian 32-bit header field at the stream's position.
std::uint32_t readField(ByteStream& stream, const char* what) {
    const std::uint64_t at = stream.position();
    std::array<std::uint8_t, 4> bytes{};
    const std::size_t got = stream.read(bytes.data(), bytes.size());
    if (got < bytes.size())
        throw InputError(stream.name(), stream.placeAt(at),
                         std::string(what) + " (4 bytes), found " + foundEnd(got));
    return bigEndian(bytes);
}

/// Reads and checks the magic number.
void readMagic(ByteStream& stream, const IdxKind& kind) {
    const std::string expected = std::string("magic ") + kind.magicText;
    std::array<std::uint8_t, 4> bytes{};
    const std::size_t got = stream.read(bytes.data(), bytes.size());
    if (got == 0)
        throw InputError(stream.name(), "byte 0", expected + ", found an empty file");
    if (got < bytes.size())
        throw InputError(stream.name(), "byte 0", expected + ", found " + foundEnd(got));
    const std::uint32_t magic = bigEndian(bytes);
    if (magic == kind.magic)
        return;
    const bool onlyTypeDiffers = bytes[0] == 0 && bytes[1] == 0 && bytes[3] == (kind.magic & 0xff);
    if (onlyTypeDiffers) {
        char found[64];
        std::snprintf(found, sizeof found, "0x%02X (%s)", bytes[2], elementTypeName(bytes[2]).c_str());
        throw InputError(stream.name(), stream.placeAt(2),
                         std::string("element type 0x08 (unsigned byte), found ") + found);
    }
    std::string found = hex32(magic);
    if (magic == kind.otherMagic)
        found += std::string(" (") + kind.otherKind + ")";
    throw InputError(stream.name(), "byte 0", expected + ", found " + found);
}

} // namespace

LabeledImages readIdx(const std::filesystem::path& images, const std::filesystem::path& labels) {
    // Both headers first, so a mismatch is reported before megabytes of pixels are read.
    ByteStream imageStream(images);
    readMagic(imageStream, kImagesKind);
    const std::uint32_t imageCount = readField(imageStream, "the image count");
    if (imageCount == 0)
        throw InputError(imageStream.name(), imageStream.placeAt(4), "at least one image, found 0");
    const std::uint32_t rows = readField(imageStream, "the row count");
    if (rows != kImageSide)
        throw InputError(imageStream.name(), imageStream.placeAt(8),
                         "28 rows per image, found " + std::to_string(rows));
    const std::uint32_t cols = readField(imageStream, "the column count");
    if (cols != kImageSide)
        throw InputError(imageStream.name(), imageStream.placeAt(12),
                         "28 columns per image, found " + std::to_string(cols));

    ByteStream labelStream(labels);
    readMagic(labelStream, kLabelsKind);
    const std::uint32_t labelCount = readField(labelStream, "the label count");
    if (labelCount != imageCount)
        throw InputError(labelStream.name(), labelStream.placeAt(4),
                         std::to_string(imageCount) + " labels, one per image in " + imageStream.name() +
                             ", found " + std::to_string(labelCount));

    LabeledImages result;
    result.labels = readFinalBlock(labelStream, labelCount, std::to_string(labelCount) + " labels");
    for (std::size_t i = 0; i < result.labels.size(); ++i)
        if (result.labels[i] > 9)
            throw InputError(labelStream.name(), labelStream.placeAt(8 + i),
                             "a label 0-9, found " + std::to_string(result.labels[i]));
    result.pixels = readFinalBlock(imageStream, std::uint64_t{imageCount} * kImagePixels,
                                   std::to_string(imageCount) + " images of 28x28 pixels");
    result.origin = imageStream.name() + " + " + labelStream.name();
    return result;
}

} // namespace stepwise::data
