// Shared by the libFuzzer harnesses of tests/fuzz: every reader under test takes a file name,
// so each input is written to a scratch file (on tmpfs when there is one) and read back from it.
// Also the checks every harness makes of what a reader reports (one-line errors, say).
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace stepwise::fuzz {

/// \brief A per-process scratch folder, removed when the process ends normally.
class ScratchFolder {
public:
    ScratchFolder() {
        std::error_code error;
        const std::filesystem::path shm = "/dev/shm";
        const std::filesystem::path base =
            std::filesystem::is_directory(shm, error) ? shm : std::filesystem::temp_directory_path();
        m_path = base / ("stepwise-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(m_path);
    }
    ~ScratchFolder() {
        std::error_code error;
        std::filesystem::remove_all(m_path, error);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    /// \brief \p name inside the folder.
    [[nodiscard]] std::filesystem::path file(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

/// \brief The process's scratch folder, made on first use.
inline const ScratchFolder& scratch() {
    static const ScratchFolder folder;
    return folder;
}

/// \brief Stops the run as a finding: prints \p why and aborts, so libFuzzer saves the input.
[[noreturn]] inline void finding(const std::string& why) {
    std::fprintf(stderr, "stepwise fuzz finding: %s\n", why.c_str());
    std::abort();
}

/// \brief Writes \p size bytes at \p data to \p file, replacing it; aborts when it cannot.
inline void writeFile(const std::filesystem::path& file, const std::uint8_t* data, std::size_t size) {
    std::FILE* out = std::fopen(file.c_str(), "wb");
    if (!out) finding("cannot create the scratch file " + file.string());
    const std::size_t written = size == 0 ? 0 : std::fwrite(data, 1, size, out);
    if (std::fclose(out) != 0 || written != size) finding("cannot write the scratch file " + file.string());
}

/// \brief The project's error rule: a message is one non-empty line.
inline void requireOneLine(std::string_view message, const char* what) {
    if (message.empty()) finding(std::string(what) + ": empty error message");
    if (message.find_first_of("\r\n") != std::string_view::npos)
        finding(std::string(what) + ": error message spans several lines: " + std::string(message));
}

} // namespace stepwise::fuzz
