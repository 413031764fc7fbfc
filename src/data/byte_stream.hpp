// ByteStream: reads a data file front to back, inflating it on the fly when it is gzip,
// so the IDX reader can check a header before it trusts the size the header claims.
// Section index: ByteStream (class), readUpTo (bounded, growing read into a vector),
// readFinalBlock (the data after a header, which must end the file).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace stepwise::data {

/// \brief Sequential reader over a raw file or a gzip file (one or more members).
///
/// A file is gzip when it starts with the gzip magic `1f 8b`; a name ending in `.gz` that does
/// not start with it is refused. Every problem (missing file, read error, corrupt or truncated
/// gzip) is thrown as an InputError naming the file. One thread at a time.
class ByteStream {
public:
    /// \brief Opens \p file and detects whether it is gzip.
    /// \param file the file to read; its string form names it in every error message
    explicit ByteStream(const std::filesystem::path& file);
    /// \brief Closes the file and releases the inflater.
    ~ByteStream();
    ByteStream(const ByteStream&) = delete;
    ByteStream& operator=(const ByteStream&) = delete;

    /// \brief Reads up to \p count bytes into \p destination; fewer only at the end of the data.
    /// \param destination where the bytes go, room for at least \p count bytes
    /// \param count       how many bytes are wanted
    /// \return how many bytes were read (decompressed, for gzip)
    std::size_t read(std::uint8_t* destination, std::size_t count);

    /// \brief How far into the (decompressed) data the stream is.
    /// \return how many bytes read() has returned so far
    [[nodiscard]] std::uint64_t position() const noexcept { return m_position; }
    /// \brief Bytes still to come, when known without reading them.
    /// \return the bytes left in a raw file; std::nullopt for gzip, whose size is known only once inflated
    [[nodiscard]] std::optional<std::uint64_t> remaining() const noexcept;
    /// \brief The file's name as used in error messages.
    /// \return the path as given, as a string
    [[nodiscard]] const std::string& name() const noexcept { return m_name; }
    /// \brief Names an offset of the data for an error message.
    ///
    /// `byte 16` for a raw file, `decompressed byte 16` for gzip.
    /// \param offset offset into the (decompressed) data
    /// \return the place text for an InputError
    [[nodiscard]] std::string placeAt(std::uint64_t offset) const;

private:
    struct Inflater;
    struct FileCloser {
        void operator()(std::FILE* file) const noexcept;
    };

    std::size_t readRaw(std::uint8_t* destination, std::size_t count);
    std::size_t readInflated(std::uint8_t* destination, std::size_t count);
    [[noreturn]] void throwReadError() const;

    std::string m_name;
    std::unique_ptr<std::FILE, FileCloser> m_file;
    std::unique_ptr<Inflater> m_inflater; ///< null for a raw file
    std::optional<std::uint64_t> m_fileSize;
    std::uint64_t m_position = 0;
};

/// \brief Appends up to \p count bytes from \p stream to \p out; fewer only at the end of the data.
///
/// Memory grows with the bytes that actually arrive (or is sized once from a raw file's real
/// size), never from \p count alone, so a header that claims too much cannot force a huge
/// allocation.
/// \param stream where the bytes come from
/// \param count  the most bytes to append
/// \param out    the vector to append to
/// \return how many bytes were appended
std::size_t readUpTo(ByteStream& stream, std::uint64_t count, std::vector<std::uint8_t>& out);

/// \brief Reads the last \p count bytes of a file: exactly that many, and then the file must end.
///
/// For a raw file the size is checked before anything is allocated.
/// \param stream where the bytes come from, positioned just after the header
/// \param count  how many bytes the header says follow it
/// \param what   what the bytes are, for messages, e.g. "60000 labels"
/// \return the \p count bytes
/// \throws InputError "expected <what> (<count> bytes after the <n>-byte header), found end of file after
///         <k> bytes" when the data is short, or "expected end of file after <what>, found more data".
[[nodiscard]] std::vector<std::uint8_t> readFinalBlock(ByteStream& stream, std::uint64_t count,
                                                       const std::string& what);

} // namespace stepwise::data
