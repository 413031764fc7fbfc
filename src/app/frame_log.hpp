// FrameLog: `stepwise --frame-log FILE.csv`, one CSV row per frame of the real window
// (`time_s,frame_ms,iteration`). Rows collect in memory and reach the file in one write about
// once a second and at the end, so logging never makes a frame wait on the disk.
#pragma once

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

namespace stepwise::app {

/// \brief The frame log of the window loop. UI thread only.
///
/// Each row is `time_s,frame_ms,iteration`: when the frame started, in seconds since the log
/// was opened (at launch); how long the frame took from its start until it was handed to the
/// display, in ms (the wait for the next 60 Hz slot is not part of it); and the trainer's
/// completed iterations in the snapshot that frame showed.
class FrameLog {
public:
    /// \brief The header line, without its newline.
    static constexpr const char* header = "time_s,frame_ms,iteration";

    /// \brief Creates (truncates) \p file and writes the header.
    /// \throws data::InputError naming the file when it cannot be written (a missing folder,
    ///         no permission, a directory), before anything else starts.
    explicit FrameLog(const std::filesystem::path& file);
    /// \brief Writes what is still buffered.
    ~FrameLog();
    FrameLog(const FrameLog&) = delete;
    FrameLog& operator=(const FrameLog&) = delete;

    /// \brief The clock the log counts from (when it was opened).
    [[nodiscard]] std::chrono::steady_clock::time_point origin() const { return m_origin; }
    /// \brief Adds one frame that started at \p start, took \p duration and showed \p iteration.
    /// Appends to memory; about once a second the buffer is written out in one call.
    void record(std::chrono::steady_clock::time_point start, std::chrono::steady_clock::duration duration,
                long iteration);
    /// \brief Writes the buffered rows to the file now.
    void flush();

private:
    struct FileCloser {
        void operator()(std::FILE* f) const { std::fclose(f); }
    };
    std::filesystem::path m_path;
    std::unique_ptr<std::FILE, FileCloser> m_file;
    std::string m_buffer;
    std::chrono::steady_clock::time_point m_origin;
    std::chrono::steady_clock::time_point m_lastFlush;
    bool m_failed = false; // a write failed once: said so on stderr, and the log stops there
};

} // namespace stepwise::app
