// unusualFileKind() with std::filesystem::status (see file_kind.hpp).
#include "data/file_kind.hpp"

#include <cerrno>
#include <system_error>

namespace stepwise::data {

std::optional<std::string> unusualFileKind(const std::filesystem::path& path) {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (error) {
        if (error.value() == ELOOP) return "a loop of symbolic links";
        if (status.type() == fs::file_type::not_found) return std::nullopt;
        return "a path that cannot be examined (" + error.message() + ")";
    }
    switch (status.type()) {
    case fs::file_type::fifo: return "a named pipe (FIFO)";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::unknown: return "a file of an unknown type";
    default: return std::nullopt;
    }
}

} // namespace stepwise::data
