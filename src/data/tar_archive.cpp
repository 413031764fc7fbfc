// readTarArchive: 512-byte ustar headers (name, octal size, type flag, checksum, prefix), each
// followed by the member's data padded to 512 bytes; two zero blocks (or the end) finish it.
#include "data/tar_archive.hpp"

#include "data/byte_stream.hpp"
#include "data/input_error.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace stepwise::data {

namespace {

constexpr std::size_t blockSize = 512;
using Block = std::array<std::uint8_t, blockSize>;

/// A NUL-terminated (or full-width) text field of a header.
std::string field(const Block& block, std::size_t offset, std::size_t width) {
    const auto* begin = block.data() + offset;
    const auto* end = std::find(begin, begin + width, std::uint8_t{0});
    return std::string(begin, end);
}

/// An octal number field (spaces and NULs around the digits allowed), or -1 when it is not one.
std::int64_t octal(const Block& block, std::size_t offset, std::size_t width) {
    std::int64_t value = 0;
    bool digits = false, ended = false;
    for (std::size_t i = offset; i < offset + width; ++i) {
        const std::uint8_t c = block[i];
        if (c >= '0' && c <= '7' && !ended) {
            if (value > (std::int64_t{1} << 40)) return -1; // far beyond any real member: refuse
            value = value * 8 + (c - '0');
            digits = true;
        } else if (c == ' ' || c == 0) {
            ended = digits || ended;
        } else {
            return -1;
        }
    }
    return digits ? value : -1;
}

/// The header checksum: the sum of all bytes with the checksum field read as spaces.
std::int64_t checksum(const Block& block) {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < blockSize; ++i) sum += (i >= 148 && i < 156) ? ' ' : block[i];
    return sum;
}

} // namespace

void readTarArchive(const std::filesystem::path& archive, const std::function<TarChunkSink(const TarMember&)>& open) {
    ByteStream stream(archive);
    std::vector<std::uint8_t> chunk(64 * 1024);
    Block block{};
    for (;;) {
        const std::uint64_t at = stream.position();
        const std::size_t got = stream.read(block.data(), blockSize);
        if (got == 0) return; // some writers stop without the two zero blocks
        if (got < blockSize)
            throw InputError(stream.name(), stream.placeAt(at), "a 512-byte tar header, found the end of the data");
        if (std::all_of(block.begin(), block.end(), [](std::uint8_t b) { return b == 0; })) return;
        if (octal(block, 148, 8) != checksum(block))
            throw InputError(stream.name(), stream.placeAt(at),
                             "a tar header with a matching checksum (is this a .tgz or .tar file?)");
        const std::int64_t size = octal(block, 124, 12);
        if (size < 0) throw InputError(stream.name(), stream.placeAt(at + 124), "an octal member size");

        const char type = static_cast<char>(block[156]);
        TarChunkSink sink;
        if (type == '0' || type == '\0') {
            TarMember member;
            const std::string prefix = field(block, 345, 155);
            member.name = (prefix.empty() ? "" : prefix + "/") + field(block, 0, 100);
            member.size = static_cast<std::uint64_t>(size);
            sink = open(member);
        }
        // The data, padded to whole blocks: given to the sink or skipped.
        const std::uint64_t padded = (static_cast<std::uint64_t>(size) + blockSize - 1) / blockSize * blockSize;
        std::uint64_t left = padded, payload = static_cast<std::uint64_t>(size);
        while (left > 0) {
            const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
            const std::size_t n = stream.read(chunk.data(), want);
            if (n < want)
                throw InputError(stream.name(), stream.placeAt(stream.position()),
                                 "the rest of a " + std::to_string(size) + "-byte tar member, found the end of the data");
            const std::size_t useful = static_cast<std::size_t>(std::min<std::uint64_t>(payload, n));
            if (sink && useful > 0) sink(std::span<const std::uint8_t>(chunk.data(), useful));
            payload -= useful;
            left -= n;
        }
    }
}

} // namespace stepwise::data
