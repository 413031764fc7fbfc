// libFuzzer harness for loadCheckpoint (src/training/checkpoint.cpp). Input: byte 0 = flags,
// then the file without its last 4 bytes. Bit 0 sets the header's payload length to fit, bit 1
// appends the right CRC-32 (else the input's own last 4 bytes stay as they are), bit 2 also
// asks for 784 inputs. Without the fix-ups almost every mutation would stop at the checksum;
// with them the mutations reach the payload decoder.
#include "fuzz_support.hpp"

#include "data/input_error.hpp"
#include "training/checkpoint.hpp"

#include <zlib.h>

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stepwise;
    if (size < 1) return 0;
    const std::uint8_t flags = data[0];
    std::vector<std::uint8_t> bytes(data + 1, data + size);
    constexpr std::size_t kHeader = 24;
    if ((flags & 1) != 0 && bytes.size() >= kHeader) {
        const std::uint64_t payload = bytes.size() - kHeader;
        for (int i = 0; i < 8; ++i) bytes[16 + i] = static_cast<std::uint8_t>(payload >> (8 * i));
    }
    if ((flags & 2) != 0) {
        const uLong crc = crc32(crc32(0L, Z_NULL, 0), bytes.data(), static_cast<uInt>(bytes.size()));
        for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<std::uint8_t>(crc >> (8 * i)));
    }
    const auto file = fuzz::scratch().file("class.stepwise");
    fuzz::writeFile(file, bytes.data(), bytes.size());
    const std::optional<Eigen::Index> inputs = (flags & 4) != 0 ? std::optional<Eigen::Index>(784) : std::nullopt;
    try {
        const training::Checkpoint checkpoint = training::loadCheckpoint(file, inputs);
        // A loaded checkpoint must be one the trainer can run: this throws if it is not.
        training::checkCompatible(checkpoint, checkpoint.config.inputs, file);
    } catch (const data::InputError& error) {
        fuzz::requireOneLine(error.what(), "loadCheckpoint");
    }
    return 0;
}
