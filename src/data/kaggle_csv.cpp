// readKaggleCsv: reads the whole file once (raw or gzip) and scans it with a pointer, cell by
// cell; no iostreams, no per-cell allocation.
#include "data/kaggle_csv.hpp"

#include "data/byte_stream.hpp"
#include "data/input_error.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace stepwise::data {
namespace {

constexpr std::size_t kCells = 1 + kImagePixels; // label, pixel0 ... pixel783
constexpr const char* kHeaderText = "\"label,pixel0,...,pixel783\"";
constexpr const char* kRowText = "a row of 785 cells (label, pixel0-pixel783)";

/// The name of 0-based cell \p cell, as in the header: "label" or "pixelK".
std::string cellName(std::size_t cell) {
    return cell == 0 ? "label" : "pixel" + std::to_string(cell - 1);
}

/// "line L, cell C (name)" with 1-based numbers; cells past the last have no name.
std::string cellPlace(std::size_t line, std::size_t cell) {
    std::string place = "line " + std::to_string(line) + ", cell " + std::to_string(cell + 1);
    if (cell < kCells)
        place += " (" + cellName(cell) + ")";
    return place;
}

/// The message for a line that goes on after its 785th cell; \p rest follows the 785th comma.
std::string extraCells(std::string_view rest) {
    return "end of line after 785 cells, found " +
           (rest.empty() ? std::string("a trailing comma") : quoteFound(rest));
}

/// One line of the file, without its line end.
struct Line {
    std::string_view text;
    std::size_t number; ///< 1-based
};

/// Walks the file line by line.
class LineCursor {
public:
    explicit LineCursor(std::string_view text) : m_rest(text) {
        if (m_rest.starts_with("\xEF\xBB\xBF"))
            m_rest.remove_prefix(3); // UTF-8 byte-order mark
    }

    /// True when nothing but line ends remains (blank lines at the end are allowed).
    [[nodiscard]] bool atEnd() const { return m_rest.find_first_not_of("\r\n") == std::string_view::npos; }
    [[nodiscard]] std::size_t nextNumber() const { return m_number + 1; }

    Line next() {
        const std::size_t end = std::min(m_rest.find('\n'), m_rest.size());
        std::string_view text = m_rest.substr(0, end);
        m_rest.remove_prefix(std::min(end + 1, m_rest.size()));
        if (text.ends_with('\r'))
            text.remove_suffix(1);
        return {text, ++m_number};
    }

private:
    std::string_view m_rest;
    std::size_t m_number = 0;
};

void checkHeader(const std::string& name, const Line& header) {
    std::string_view rest = header.text;
    for (std::size_t cell = 0;; ++cell) {
        const std::size_t comma = rest.find(',');
        const std::string_view text = rest.substr(0, comma);
        if (cell == kCells)
            throw InputError(name, cellPlace(header.number, cell), extraCells(rest));
        if (text != cellName(cell)) {
            std::string expected =
                "\"" + cellName(cell) + "\" (header " + kHeaderText + "), found " + quoteFound(text);
            if (cell == 0 && text == "pixel0")
                expected += " (Kaggle's test.csv has no labels; use train.csv)";
            throw InputError(name, cellPlace(header.number, cell), expected);
        }
        if (comma == std::string_view::npos) {
            if (cell + 1 < kCells)
                throw InputError(name, cellPlace(header.number, cell + 1),
                                 "\"" + cellName(cell + 1) + "\" (header " + kHeaderText +
                                     "), found end of line");
            return;
        }
        rest.remove_prefix(comma + 1);
    }
}

/// Parses one cell as an integer no larger than \p max; returns -1 when it is not one.
int parseCell(std::string_view text, int max) {
    if (text.empty() || text.size() > 8)
        return -1;
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value <= max ? value : -1;
}

/// Parses one data row into its label and 784 pixels.
void parseRow(const std::string& name, const Line& row, std::uint8_t& label, std::uint8_t* pixels) {
    const char* p = row.text.data();
    const char* const end = p + row.text.size();
    for (std::size_t cell = 0; cell < kCells; ++cell) {
        const char* cellEnd =
            static_cast<const char*>(std::memchr(p, ',', static_cast<std::size_t>(end - p)));
        if (!cellEnd)
            cellEnd = end;
        const std::string_view text(p, static_cast<std::size_t>(cellEnd - p));
        const int max = cell == 0 ? 9 : 255;
        const int value = parseCell(text, max);
        if (value < 0) {
            std::string expected = cell == 0 ? "a label 0-9, found " : "a pixel value 0-255, found ";
            expected += text.empty() ? std::string("an empty cell") : quoteFound(text);
            throw InputError(name, cellPlace(row.number, cell), expected);
        }
        if (cell == 0)
            label = static_cast<std::uint8_t>(value);
        else
            pixels[cell - 1] = static_cast<std::uint8_t>(value);
        if (cellEnd == end) {
            if (cell + 1 < kCells)
                throw InputError(name, cellPlace(row.number, cell + 1),
                                 "a pixel value 0-255, found end of line (the row has " +
                                     std::to_string(cell + 1) + " cells, not 785)");
            return;
        }
        p = cellEnd + 1;
    }
    throw InputError(name, cellPlace(row.number, kCells),
                     extraCells(std::string_view(p, static_cast<std::size_t>(end - p))));
}

} // namespace

LabeledImages readKaggleCsv(const std::filesystem::path& csv) {
    const std::string name = csv.string();
    ByteStream stream(csv);
    std::vector<std::uint8_t> bytes;
    readUpTo(stream, UINT64_MAX, bytes); // bounded by the real (decompressed) file, not by a header
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    LineCursor lines(text);
    if (lines.atEnd())
        throw InputError(name, "line 1",
                         std::string("the header ") + kHeaderText + ", found " +
                             (text.empty() ? "an empty file" : "only blank lines"));
    checkHeader(name, lines.next());
    if (lines.atEnd())
        throw InputError(name, "line " + std::to_string(lines.nextNumber()),
                         std::string(kRowText) + ", found end of file");

    LabeledImages result;
    result.origin = name;
    // A valid row takes at least 785 digits and 784 commas, so the file size bounds the row count.
    const std::size_t maxRows = text.size() / (2 * kCells - 1) + 1;
    result.labels.reserve(maxRows);
    result.pixels.reserve(maxRows * kImagePixels);
    while (!lines.atEnd()) {
        const Line row = lines.next();
        if (row.text.empty())
            throw InputError(name, "line " + std::to_string(row.number),
                             std::string(kRowText) + ", found an empty line");
        const std::size_t index = result.labels.size();
        result.labels.emplace_back();
        result.pixels.resize(result.pixels.size() + kImagePixels);
        parseRow(name, row, result.labels[index], result.pixels.data() + index * kImagePixels);
    }
    return result;
}

} // namespace stepwise::data
