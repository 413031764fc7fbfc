// Test helpers for tests/data: build small IDX, gzip and Kaggle-CSV files byte by byte in a
// scratch folder, so every fixture is visible in the test that uses it and no binaries are committed.
#pragma once

#include "data/input_error.hpp"
#include "data/labeled_images.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace stepwise::data::fixtures {

using Bytes = std::vector<std::uint8_t>;

/// \brief \p count images whose pixels and labels all differ: pixel k of image i is (7i + 3k) mod 256,
/// its label is i mod 10.
inline LabeledImages makeImages(std::size_t count) {
    LabeledImages images;
    images.pixels.resize(count * kImagePixels);
    images.labels.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        images.labels[i] = static_cast<std::uint8_t>(i % 10);
        for (std::size_t k = 0; k < kImagePixels; ++k)
            images.pixels[i * kImagePixels + k] = static_cast<std::uint8_t>((7 * i + 3 * k) % 256);
    }
    return images;
}

/// \brief Appends \p value as 4 big-endian bytes.
inline void appendBigEndian(Bytes& bytes, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8)
        bytes.push_back(static_cast<std::uint8_t>(value >> shift));
}

/// \brief An IDX images file: magic 0x00000803, count, 28, 28, pixels.
inline Bytes idxImages(const LabeledImages& images) {
    Bytes bytes;
    appendBigEndian(bytes, 0x00000803);
    appendBigEndian(bytes, static_cast<std::uint32_t>(images.count()));
    appendBigEndian(bytes, 28);
    appendBigEndian(bytes, 28);
    bytes.insert(bytes.end(), images.pixels.begin(), images.pixels.end());
    return bytes;
}

/// \brief An IDX labels file: magic 0x00000801, count, labels.
inline Bytes idxLabels(const LabeledImages& images) {
    Bytes bytes;
    appendBigEndian(bytes, 0x00000801);
    appendBigEndian(bytes, static_cast<std::uint32_t>(images.count()));
    bytes.insert(bytes.end(), images.labels.begin(), images.labels.end());
    return bytes;
}

/// \brief Overwrites 4 bytes at \p offset with \p value, big-endian.
inline void patchBigEndian(Bytes& bytes, std::size_t offset, std::uint32_t value) {
    for (int i = 0; i < 4; ++i)
        bytes.at(offset + static_cast<std::size_t>(i)) = static_cast<std::uint8_t>(value >> (24 - 8 * i));
}

/// \brief Writes \p bytes to \p file as they are.
inline std::filesystem::path writeBytes(const std::filesystem::path& file, const Bytes& bytes) {
    std::FILE* out = std::fopen(file.c_str(), "wb");
    if (!out)
        throw std::runtime_error("cannot create " + file.string());
    const std::size_t written = bytes.empty() ? 0 : std::fwrite(bytes.data(), 1, bytes.size(), out);
    if (std::fclose(out) != 0 || written != bytes.size())
        throw std::runtime_error("cannot write " + file.string());
    return file;
}

/// \brief Writes \p text to \p file as it is.
inline std::filesystem::path writeText(const std::filesystem::path& file, const std::string& text) {
    return writeBytes(file, Bytes(text.begin(), text.end()));
}

/// \brief The gzip file zlib's gzwrite makes of \p bytes (one member), read back as bytes.
inline Bytes gzipped(const Bytes& bytes, const std::filesystem::path& scratchFile) {
    gzFile out = gzopen(scratchFile.c_str(), "wb9");
    if (!out)
        throw std::runtime_error("cannot create " + scratchFile.string());
    if (!bytes.empty() &&
        gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())) != static_cast<int>(bytes.size()))
        throw std::runtime_error("gzwrite failed for " + scratchFile.string());
    if (gzclose(out) != Z_OK)
        throw std::runtime_error("gzclose failed for " + scratchFile.string());
    std::FILE* in = std::fopen(scratchFile.c_str(), "rb");
    Bytes compressed(std::filesystem::file_size(scratchFile));
    const std::size_t got = std::fread(compressed.data(), 1, compressed.size(), in);
    std::fclose(in);
    REQUIRE(got == compressed.size());
    return compressed;
}

/// \brief Writes \p bytes gzip-compressed to \p file.
inline std::filesystem::path writeGzip(const std::filesystem::path& file, const Bytes& bytes) {
    gzipped(bytes, file);
    return file;
}

/// \brief Kaggle train.csv text for \p images: header, then "label,pixel0,...,pixel783" rows.
/// \param lineEnd       "\n" or "\r\n"
/// \param finalNewline  whether the last row ends with \p lineEnd
inline std::string kaggleCsv(const LabeledImages& images, const std::string& lineEnd = "\n",
                             bool finalNewline = true) {
    std::string text = "label";
    for (std::size_t k = 0; k < kImagePixels; ++k)
        text += ",pixel" + std::to_string(k);
    for (std::size_t i = 0; i < images.count(); ++i) {
        text += lineEnd + std::to_string(images.labels[i]);
        for (std::size_t k = 0; k < kImagePixels; ++k)
            text += "," + std::to_string(images.pixels[i * kImagePixels + k]);
    }
    if (finalNewline)
        text += lineEnd;
    return text;
}

/// \brief A Kaggle header line without its line end.
inline std::string kaggleHeader() {
    return kaggleCsv(LabeledImages{}, "\n", false);
}

/// \brief A data row of 785 cells "label,0,0,...": \p label then 784 zero pixels, no line end.
inline std::string zeroRow(const std::string& label = "3") {
    std::string row = label;
    for (std::size_t k = 0; k < kImagePixels; ++k)
        row += ",0";
    return row;
}

/// \brief Runs \p action, which must throw InputError, and returns the error.
template <class Action> InputError inputErrorFrom(Action&& action) {
    try {
        action();
    } catch (const InputError& error) {
        return error;
    }
    FAIL("expected an InputError, but nothing was thrown");
    throw std::logic_error("unreachable");
}

/// \brief Checks every part of \p error, and that what() is the one line they make.
inline void checkError(const InputError& error, const std::string& file, const std::string& place,
                       const std::string& expected) {
    CHECK(error.file() == file);
    CHECK(error.place() == place);
    CHECK(error.expected() == expected);
    CHECK(std::string(error.what()) == file + ": " + place + ": expected " + expected);
}

} // namespace stepwise::data::fixtures
