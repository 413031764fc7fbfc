// .npy writer and reader. Section index: header text, writing, reading.
// Format: "\x93NUMPY", version, header length, a Python dict literal padded to 64 bytes, data.
#include "data/npy.hpp"

#include "data/byte_stream.hpp"
#include "data/input_error.hpp"

#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace stepwise::data {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the .npy code writes '<' (little-endian) data as is");

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::size_t kAlignment = 64;

// ---- header text -------------------------------------------------------------------------

/// The v1.0 preamble and header dict for \p descr and \p shape, padded so data starts at a
/// multiple of 64 bytes.
std::string npyHeader(std::string_view descr, const std::vector<std::size_t>& shape) {
    std::string dict = "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': (";
    for (std::size_t i = 0; i < shape.size(); ++i)
        dict += (i ? ", " : "") + std::to_string(shape[i]);
    dict += shape.size() == 1 ? ",), }" : "), }";
    const std::size_t preamble = kMagic.size() + 4; // magic, version 1.0, 2-byte length
    const std::size_t total = (preamble + dict.size() + 1 + kAlignment - 1) / kAlignment * kAlignment;
    dict.append(total - preamble - dict.size() - 1, ' ');
    dict += '\n';
    const std::size_t length = dict.size();
    std::string header(kMagic);
    header += '\x01';
    header += '\x00';
    header += static_cast<char>(length & 0xff);
    header += static_cast<char>(length >> 8);
    return header + dict;
}

// ---- writing -----------------------------------------------------------------------------

/// A file being written; every failure becomes a std::runtime_error naming it.
class NpyFile {
public:
    explicit NpyFile(const std::filesystem::path& file)
        : m_name(file.string()), m_file(std::fopen(file.c_str(), "wb")) {
        if (!m_file)
            fail();
    }
    ~NpyFile() {
        if (m_file)
            std::fclose(m_file);
    }
    NpyFile(const NpyFile&) = delete;
    NpyFile& operator=(const NpyFile&) = delete;

    void write(const void* data, std::size_t bytes) {
        if (bytes != 0 && std::fwrite(data, 1, bytes, m_file) != bytes)
            fail();
    }
    void close() {
        std::FILE* file = m_file;
        m_file = nullptr;
        if (std::fclose(file) != 0)
            fail();
    }

private:
    [[noreturn]] void fail() const {
        throw std::runtime_error("cannot write " + m_name + ": " + std::strerror(errno));
    }

    std::string m_name;
    std::FILE* m_file;
};

// ---- reading -----------------------------------------------------------------------------

/// Finds `'key':` in a header dict and returns the text after the colon, spaces skipped.
std::string_view valueAfter(std::string_view dict, std::string_view key) {
    const std::string quoted = "'" + std::string(key) + "'";
    std::size_t at = dict.find(quoted);
    if (at == std::string_view::npos)
        return {};
    at = dict.find_first_not_of(' ', at + quoted.size());
    if (at == std::string_view::npos || dict[at] != ':')
        return {};
    at = dict.find_first_not_of(' ', at + 1);
    return at == std::string_view::npos ? std::string_view{} : dict.substr(at);
}

struct ParsedHeader {
    std::string descr;
    bool fortranOrder = false;
    std::vector<std::size_t> shape;
};

/// Parses the dict NumPy writes; false when it is not one.
bool parseHeader(std::string_view dict, ParsedHeader& out) {
    const std::string_view descr = valueAfter(dict, "descr");
    if (descr.size() < 2 || descr[0] != '\'')
        return false;
    const std::size_t descrEnd = descr.find('\'', 1);
    if (descrEnd == std::string_view::npos)
        return false;
    out.descr = std::string(descr.substr(1, descrEnd - 1));

    const std::string_view order = valueAfter(dict, "fortran_order");
    if (order.starts_with("False"))
        out.fortranOrder = false;
    else if (order.starts_with("True"))
        out.fortranOrder = true;
    else
        return false;

    std::string_view shape = valueAfter(dict, "shape");
    if (shape.empty() || shape[0] != '(')
        return false;
    shape.remove_prefix(1);
    for (;;) {
        shape.remove_prefix(std::min(shape.find_first_not_of(' '), shape.size()));
        if (shape.starts_with(')'))
            return true;
        std::size_t value = 0;
        std::size_t digits = 0;
        while (digits < shape.size() && shape[digits] >= '0' && shape[digits] <= '9') {
            if (value > (SIZE_MAX - 9) / 10)
                return false;
            value = value * 10 + static_cast<std::size_t>(shape[digits] - '0');
            ++digits;
        }
        if (digits == 0)
            return false;
        out.shape.push_back(value);
        shape.remove_prefix(digits);
        shape.remove_prefix(std::min(shape.find_first_not_of(' '), shape.size()));
        if (shape.starts_with(','))
            shape.remove_prefix(1);
        else if (!shape.starts_with(')'))
            return false;
    }
}

/// Reads exactly \p count bytes or throws, naming what was being read.
void readExactly(ByteStream& stream, std::uint8_t* destination, std::size_t count, const std::string& what) {
    const std::uint64_t at = stream.position();
    const std::size_t got = stream.read(destination, count);
    if (got < count)
        throw InputError(stream.name(), stream.placeAt(at),
                         what + ", found " + (at + got == 0 ? "an empty file" : "end of file"));
}

} // namespace

std::size_t NpyArray::size() const noexcept {
    std::size_t count = 1;
    for (const std::size_t extent : shape)
        count *= extent;
    return count;
}

void writeNpy(const std::filesystem::path& file, const Eigen::Ref<const Eigen::MatrixXf>& matrix) {
    NpyFile out(file);
    const std::string header =
        npyHeader("<f4", {static_cast<std::size_t>(matrix.rows()), static_cast<std::size_t>(matrix.cols())});
    out.write(header.data(), header.size());
    // Eigen stores columns; C order wants rows. Transpose a band of rows at a time (about 1 MB).
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Index band =
        std::max<Eigen::Index>(1, (Eigen::Index{1} << 18) / std::max<Eigen::Index>(1, matrix.cols()));
    RowMajor rows;
    for (Eigen::Index first = 0; first < matrix.rows(); first += band) {
        rows = matrix.middleRows(first, std::min(band, matrix.rows() - first));
        out.write(rows.data(), static_cast<std::size_t>(rows.size()) * sizeof(float));
    }
    out.close();
}

void writeNpy(const std::filesystem::path& file, const Eigen::Ref<const Eigen::VectorXi>& labels) {
    NpyFile out(file);
    const std::string header = npyHeader("<i8", {static_cast<std::size_t>(labels.size())});
    out.write(header.data(), header.size());
    const Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1> wide = labels.cast<std::int64_t>();
    out.write(wide.data(), static_cast<std::size_t>(wide.size()) * sizeof(std::int64_t));
    out.close();
}

NpyArray readNpy(const std::filesystem::path& file) {
    ByteStream stream(file);
    std::uint8_t preamble[8];
    readExactly(stream, preamble, sizeof preamble, "the NumPy magic \\x93NUMPY and a version (8 bytes)");
    const std::string_view magic(reinterpret_cast<const char*>(preamble), kMagic.size());
    if (magic != kMagic)
        throw InputError(stream.name(), "byte 0", "the NumPy magic \\x93NUMPY, found " + quoteFound(magic));
    const unsigned major = preamble[6];
    if (major < 1 || major > 3 || preamble[7] != 0)
        throw InputError(stream.name(), "byte 6",
                         "format version 1.0, 2.0 or 3.0, found " + std::to_string(major) + "." +
                             std::to_string(preamble[7]));

    std::uint8_t lengthBytes[4] = {0, 0, 0, 0};
    const std::size_t lengthSize = major == 1 ? 2 : 4;
    readExactly(stream, lengthBytes, lengthSize,
                "the header length (" + std::to_string(lengthSize) + " bytes)");
    const std::uint32_t length = lengthBytes[0] | std::uint32_t{lengthBytes[1]} << 8 |
                                 std::uint32_t{lengthBytes[2]} << 16 | std::uint32_t{lengthBytes[3]} << 24;
    const std::uint64_t headerStart = stream.position();
    std::vector<std::uint8_t> dictBytes;
    if (readUpTo(stream, length, dictBytes) < length)
        throw InputError(stream.name(), stream.placeAt(headerStart),
                         "a header of " + std::to_string(length) + " bytes, found end of file");
    const std::string_view dict(reinterpret_cast<const char*>(dictBytes.data()), dictBytes.size());

    ParsedHeader header;
    if (!parseHeader(dict, header))
        throw InputError(stream.name(), stream.placeAt(headerStart),
                         "a header dict with 'descr', 'fortran_order' and 'shape', found " +
                             quoteFound(dict, 60));
    if (header.descr != "<f4" && header.descr != "<i8")
        throw InputError(stream.name(), stream.placeAt(headerStart),
                         "dtype '<f4' or '<i8', found " + quoteFound(header.descr));
    if (header.fortranOrder)
        throw InputError(stream.name(), stream.placeAt(headerStart),
                         "C order (fortran_order False), found True");

    NpyArray array;
    array.dtype = header.descr;
    array.shape = header.shape;
    const std::size_t itemSize = header.descr == "<f4" ? sizeof(float) : sizeof(std::int64_t);
    std::uint64_t count = 1;
    for (const std::size_t extent : header.shape) {
        if (extent != 0 && count > UINT64_MAX / itemSize / extent)
            throw InputError(stream.name(), stream.placeAt(headerStart),
                             "a shape that fits in memory, found one too large");
        count *= extent;
    }
    const std::vector<std::uint8_t> data =
        readFinalBlock(stream, count * itemSize,
                       std::to_string(count) + " values of " + std::to_string(itemSize) + " bytes");
    void* values = nullptr;
    if (itemSize == sizeof(float)) {
        array.f32.resize(static_cast<std::size_t>(count));
        values = array.f32.data();
    } else {
        array.i64.resize(static_cast<std::size_t>(count));
        values = array.i64.data();
    }
    if (!data.empty())
        std::memcpy(values, data.data(), data.size());
    return array;
}

} // namespace stepwise::data
