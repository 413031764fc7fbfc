// writePng(): signature, IHDR, one zlib IDAT and IEND, each chunk with its CRC-32 (PNG 1.2),
// rows with the "Up" filter, which turns the flat panels of a screen into runs of zeros.
#include "app/png_file.hpp"

#include "training/checkpoint.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

namespace stepwise::app {

namespace {

void putBigEndian(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void putChunk(std::vector<std::uint8_t>& out, const char* type, const std::vector<std::uint8_t>& data) {
    putBigEndian(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t start = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    const uLong crc = crc32(0L, out.data() + start, static_cast<uInt>(out.size() - start));
    putBigEndian(out, static_cast<std::uint32_t>(crc));
}

std::vector<std::uint8_t> encode(const sf::Image& image, const std::filesystem::path& file) {
    const unsigned width = image.getSize().x, height = image.getSize().y;
    const std::size_t rowBytes = std::size_t{width} * 4;
    const std::uint8_t* pixels = image.getPixelsPtr();
    std::vector<std::uint8_t> filtered((rowBytes + 1) * height);
    for (unsigned y = 0; y < height; ++y) {
        std::uint8_t* row = filtered.data() + y * (rowBytes + 1);
        const std::uint8_t* now = pixels + std::size_t{y} * rowBytes;
        const std::uint8_t* above = y > 0 ? now - rowBytes : nullptr;
        row[0] = 2; // Up: each byte minus the byte above it (the row above the first is zeros)
        for (std::size_t i = 0; i < rowBytes; ++i)
            row[1 + i] = static_cast<std::uint8_t>(now[i] - (above ? above[i] : 0));
    }
    uLongf packedSize = compressBound(static_cast<uLong>(filtered.size()));
    std::vector<std::uint8_t> packed(packedSize);
    if (compress2(packed.data(), &packedSize, filtered.data(), static_cast<uLong>(filtered.size()), 6) != Z_OK)
        throw std::runtime_error(file.string() + ": cannot write the image (zlib could not compress it)");
    packed.resize(packedSize);

    std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<std::uint8_t> header;
    putBigEndian(header, width);
    putBigEndian(header, height);
    header.insert(header.end(), {8, 6, 0, 0, 0}); // 8 bits, RGBA, deflate, adaptive filters, no interlace
    putChunk(png, "IHDR", header);
    putChunk(png, "IDAT", packed);
    putChunk(png, "IEND", {});
    return png;
}

} // namespace

void writePng(const sf::Image& image, const std::filesystem::path& file) {
    const std::vector<std::uint8_t> png = encode(image, file);
    training::removeStaleTemporaries(file); // what writes of this file killed mid-way left
    const std::string temporary = file.string() + ".tmp-" + std::to_string(::getpid());
    const auto fail = [&](int error) {
        ::unlink(temporary.c_str()); // no half-written image left behind
        throw std::runtime_error(file.string() + ": cannot write the image (" + std::strerror(error) + ")");
    };
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error(file.string() + ": cannot write the image (" + std::strerror(errno) + ")");
    std::size_t written = 0;
    while (written < png.size()) {
        const ssize_t n = ::write(fd, png.data() + written, png.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            ::close(fd);
            fail(error);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) fail(errno);
    if (::rename(temporary.c_str(), file.c_str()) != 0) fail(errno);
}

} // namespace stepwise::app
