// FrameLog (see frame_log.hpp): the CSV rows are formatted into a string and written with one
// fwrite + fflush per second, so a frame costs a snprintf, not a system call.
#include "app/frame_log.hpp"

#include "data/input_error.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>

namespace stepwise::app {

namespace {
/// How often buffered rows reach the file: a crash loses at most this much of the log.
constexpr auto flushInterval = std::chrono::seconds(1);
} // namespace

FrameLog::FrameLog(const std::filesystem::path& file)
    : m_path(file), m_origin(std::chrono::steady_clock::now()), m_lastFlush(m_origin) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw data::InputError(file.string(), "frame log",
                               "a file to write, found a folder (give a file name such as frames.csv)");
    errno = 0;
    m_file.reset(std::fopen(file.c_str(), "w"));
    if (!m_file)
        throw data::InputError(file.string(), "frame log",
                               std::string("a file that can be written (") + std::strerror(errno) +
                                   "): choose a path in an existing, writable folder");
    m_buffer.reserve(1 << 16);
    m_buffer = header;
    m_buffer += '\n';
    flush();
}

FrameLog::~FrameLog() { flush(); }

void FrameLog::record(std::chrono::steady_clock::time_point start, std::chrono::steady_clock::duration duration,
                      long iteration) {
    char row[64];
    const double t = std::chrono::duration<double>(start - m_origin).count();
    const double ms = std::chrono::duration<double, std::milli>(duration).count();
    const int n = std::snprintf(row, sizeof row, "%.4f,%.3f,%ld\n", t, ms, iteration);
    if (n > 0) m_buffer.append(row, static_cast<std::size_t>(std::min<int>(n, sizeof row - 1)));
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastFlush >= flushInterval) flush();
}

void FrameLog::flush() {
    m_lastFlush = std::chrono::steady_clock::now();
    if (m_buffer.empty() || !m_file || m_failed) {
        m_buffer.clear();
        return;
    }
    const std::size_t written = std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file.get());
    if (written != m_buffer.size() || std::fflush(m_file.get()) != 0) {
        m_failed = true; // the window carries on; the log says once why it stopped
        std::cerr << "stepwise: " << m_path.string() << ": frame log: could not write (" << std::strerror(errno)
                  << "); the log stops here\n";
    }
    m_buffer.clear();
}

} // namespace stepwise::app
