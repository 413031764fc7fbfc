// ByteStream: raw reads go straight through fread; gzip is inflated with zlib from a fixed
// input buffer, so memory never depends on what a file claims about itself.
#include "data/byte_stream.hpp"

#include "data/file_kind.hpp"
#include "data/input_error.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <new>

namespace stepwise::data {

/// zlib state for a gzip file: the inflater and the compressed bytes not yet consumed.
struct ByteStream::Inflater {
    z_stream stream{}; ///< zlib's inflater state
    std::vector<unsigned char> input =
        std::vector<unsigned char>(std::size_t{1} << 18); ///< compressed bytes read ahead
    std::uint64_t fed = 0;                                ///< compressed bytes handed to zlib so far
    bool endOfFile = false;   ///< fread has reached the end of the compressed file
    bool endOfStream = false; ///< the last gzip member ended cleanly and nothing follows

    Inflater() {
        // 16 + MAX_WBITS: gzip wrapper only, with its CRC-32 and length checked at each member's end.
        if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
            throw std::bad_alloc();
    }
    ~Inflater() { inflateEnd(&stream); }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    /// \brief Compressed bytes zlib has consumed.
    /// \return the place to blame when zlib reports an error
    [[nodiscard]] std::uint64_t consumed() const { return fed - stream.avail_in; }
};

void ByteStream::FileCloser::operator()(std::FILE* file) const noexcept {
    std::fclose(file);
}

ByteStream::ByteStream(const std::filesystem::path& file) : m_name(file.string()) {
    std::error_code error;
    if (std::filesystem::is_directory(file, error))
        throw InputError(m_name, "file", "a file, found a folder");
    if (const auto kind = unusualFileKind(file)) // a FIFO would block the open, a device never end
        throw InputError(m_name, "file", "a regular file, found " + *kind);
    m_file.reset(std::fopen(file.c_str(), "rb"));
    if (!m_file)
        throw InputError(m_name, "file", std::string("a readable file, found ") + std::strerror(errno));
    if (const auto size = std::filesystem::file_size(file, error); !error)
        m_fileSize = size;

    unsigned char magic[2] = {0, 0};
    const std::size_t got = std::fread(magic, 1, 2, m_file.get());
    if (std::ferror(m_file.get()))
        throwReadError();
    const bool gzipMagic = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (!gzipMagic && file.extension() == ".gz") {
        char found[32];
        if (got == 0)
            std::snprintf(found, sizeof found, "an empty file");
        else if (got == 1)
            std::snprintf(found, sizeof found, "%02x and end of file", magic[0]);
        else
            std::snprintf(found, sizeof found, "%02x %02x", magic[0], magic[1]);
        throw InputError(m_name, "byte 0",
                         std::string("gzip magic 1f 8b (the name ends in .gz), found ") + found);
    }
    if (gzipMagic) {
        m_inflater = std::make_unique<Inflater>();
        std::copy(magic, magic + 2, m_inflater->input.begin());
        m_inflater->stream.next_in = m_inflater->input.data();
        m_inflater->stream.avail_in = 2;
        m_inflater->fed = 2;
    } else if (std::fseek(m_file.get(), 0, SEEK_SET) != 0) {
        throwReadError();
    }
}

ByteStream::~ByteStream() = default;

std::optional<std::uint64_t> ByteStream::remaining() const noexcept {
    if (m_inflater || !m_fileSize)
        return std::nullopt;
    return *m_fileSize > m_position ? *m_fileSize - m_position : 0;
}

std::string ByteStream::placeAt(std::uint64_t offset) const {
    return (m_inflater ? "decompressed byte " : "byte ") + std::to_string(offset);
}

void ByteStream::throwReadError() const {
    throw InputError(m_name, placeAt(m_position),
                     std::string("readable data, found a read error: ") + std::strerror(errno));
}

std::size_t ByteStream::read(std::uint8_t* destination, std::size_t count) {
    const std::size_t got = m_inflater ? readInflated(destination, count) : readRaw(destination, count);
    m_position += got;
    return got;
}

std::size_t ByteStream::readRaw(std::uint8_t* destination, std::size_t count) {
    const std::size_t got = std::fread(destination, 1, count, m_file.get());
    if (got < count && std::ferror(m_file.get()))
        throwReadError();
    return got;
}

std::size_t ByteStream::readInflated(std::uint8_t* destination, std::size_t count) {
    Inflater& z = *m_inflater;
    const auto refill = [&] {
        if (z.stream.avail_in != 0 || z.endOfFile)
            return;
        const std::size_t got = std::fread(z.input.data(), 1, z.input.size(), m_file.get());
        if (got < z.input.size()) {
            if (std::ferror(m_file.get()))
                throwReadError();
            z.endOfFile = true;
        }
        z.stream.next_in = z.input.data();
        z.stream.avail_in = static_cast<uInt>(got);
        z.fed += got;
    };

    std::size_t produced = 0;
    while (produced < count && !z.endOfStream) {
        refill();
        const std::size_t want = std::min<std::size_t>(count - produced, UINT_MAX);
        z.stream.next_out = destination + produced;
        z.stream.avail_out = static_cast<uInt>(want);
        const int status = inflate(&z.stream, Z_NO_FLUSH);
        produced += want - z.stream.avail_out;

        if (status == Z_STREAM_END) {
            // A member ended cleanly, its CRC-32 and length checked; another member may follow.
            refill();
            if (z.stream.avail_in == 0)
                z.endOfStream = true;
            else
                inflateReset(&z.stream);
        } else if (status == Z_OK || status == Z_BUF_ERROR) {
            // zlib wants more input and the file has none left: it stops mid-stream.
            if (z.stream.avail_out != 0 && z.stream.avail_in == 0 && z.endOfFile)
                throw InputError(m_name, "compressed byte " + std::to_string(z.consumed()),
                                 "the rest of the gzip stream, found end of file (the file is truncated)");
        } else if (status == Z_MEM_ERROR) {
            throw std::bad_alloc();
        } else {
            const char* why = z.stream.msg ? z.stream.msg : "unknown error";
            throw InputError(m_name, "compressed byte " + std::to_string(z.consumed()),
                             std::string("valid gzip data, found corrupt data (zlib: ") + why + ")");
        }
    }
    return produced;
}

std::size_t readUpTo(ByteStream& stream, std::uint64_t count, std::vector<std::uint8_t>& out) {
    constexpr std::uint64_t kFirstChunk = std::uint64_t{1} << 20;
    const std::size_t start = out.size();
    std::uint64_t done = 0;
    while (done < count) {
        // A raw file's real size bounds the single allocation; for gzip the buffer doubles
        // as inflated bytes actually arrive.
        std::uint64_t chunk = std::max<std::uint64_t>(done, kFirstChunk);
        if (const auto left = stream.remaining())
            chunk = std::max<std::uint64_t>(*left, 1);
        chunk = std::min(chunk, count - done);
        out.resize(start + done + chunk);
        const std::size_t got = stream.read(out.data() + start + done, static_cast<std::size_t>(chunk));
        done += got;
        if (got < chunk)
            break;
    }
    out.resize(start + done);
    return static_cast<std::size_t>(done);
}

std::vector<std::uint8_t> readFinalBlock(ByteStream& stream, std::uint64_t count, const std::string& what) {
    const std::uint64_t start = stream.position();
    const std::string expected =
        what + " (" + std::to_string(count) + " bytes after the " + std::to_string(start) + "-byte header)";
    // A raw file's size is known: refuse a short one before allocating anything.
    if (const auto left = stream.remaining(); left && *left < count)
        throw InputError(stream.name(), stream.placeAt(start + *left),
                         expected + ", found end of file after " + std::to_string(*left) + " bytes");
    std::vector<std::uint8_t> block;
    const std::size_t got = readUpTo(stream, count, block);
    if (got < count)
        throw InputError(stream.name(), stream.placeAt(start + got),
                         expected + ", found end of file after " + std::to_string(got) + " bytes");
    std::uint8_t extra = 0;
    if (stream.read(&extra, 1) != 0)
        throw InputError(stream.name(), stream.placeAt(start + count),
                         "end of file after " + what + ", found more data");
    return block;
}

} // namespace stepwise::data
