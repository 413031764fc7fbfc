// Real disk faults for tests, as root sees them too: a small tmpfs (a disk that fills up) and
// read-only remounts, both in a mount namespace private to the test process, so nothing
// outside it sees them and they vanish with it. chmod would not do: root ignores permissions.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace stepwise::test {

/// \brief Mounts a tmpfs of \p bytes on the existing folder \p dir, in a mount namespace of this
/// process alone (entered on first use). Writes beyond \p bytes fail with ENOSPC, as on a full
/// disk. Call it before starting threads: only the calling thread enters the namespace. Skips
/// the test (exit 77) when the process may not create a mount namespace (not root).
void mountSmallDisk(const std::filesystem::path& dir, std::size_t bytes);

/// \brief Makes the disk mounted on \p dir by mountSmallDisk() read-only (EROFS on every write),
/// or writable again when \p readOnly is false. Fails the test when the remount fails.
void setReadOnly(const std::filesystem::path& dir, bool readOnly = true);

/// \brief Fills the disk mounted on \p dir by mountSmallDisk() with the file \p dir / \p name
/// until a write fails with ENOSPC, so every later write there fails as on a full disk.
void fillDisk(const std::filesystem::path& dir, const std::string& name = "filler");

} // namespace stepwise::test
