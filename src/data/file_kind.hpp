// What kind of thing a path is, in words for an error message. Readers ask before they open
// anything: opening a named pipe blocks until someone writes to it, and a device such as
// /dev/zero never ends, so both are refused by their type, never by trying.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace stepwise::data {

/// \brief What \p path is when it is neither a regular file nor a folder, in words for the
/// "found …" part of an InputError: "a named pipe (FIFO)", "a character device", "a block
/// device", "a socket", "a loop of symbolic links", or the error that stopped stat(). Nothing for
/// a regular file, a folder, or a path where nothing is (those have messages of their own).
/// Follows symbolic links. Any thread.
[[nodiscard]] std::optional<std::string> unusualFileKind(const std::filesystem::path& path);

} // namespace stepwise::data
