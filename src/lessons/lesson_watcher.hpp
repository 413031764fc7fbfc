// Hot reload of lesson files: LessonWatcher notices lesson files that were added, rewritten or
// removed (by polling modification times and sizes, no OS notification API), and
// applyChanges() reloads them into a LessonPlayer in place, keeping the learner's position.
#pragma once

#include "lessons/lesson_parser.hpp"
#include "lessons/lesson_player.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <vector>

namespace stepwise::lessons {

/// \brief What happened to a watched lesson file.
enum class FileChangeKind {
    Added,    ///< a new *.toml file appeared
    Modified, ///< its modification time or size changed
    Removed   ///< it is gone (missing on two polls in a row)
};

/// \brief One changed lesson file.
struct FileChange {
    std::filesystem::path file;                      ///< folder / file name, as loadLibrary() names it
    FileChangeKind kind = FileChangeKind::Modified;  ///< what happened

    /// \brief Equal when file and kind are equal.
    bool operator==(const FileChange&) const = default;
};

/// \brief Polls the `*.toml` files of a lesson folder for changes.
///
/// Call poll() once per frame or once per second; each call lists the folder and compares
/// modification times and sizes with the previous call. A file must be missing on two polls in
/// a row to count as removed, so an editor's save-by-rename is seen as a modification, not as
/// a removal followed by an addition. Not thread-safe: one thread (the UI thread) owns it.
class LessonWatcher {
public:
    /// \brief Watches \p dir; the files present now are the baseline (not reported as added).
    explicit LessonWatcher(std::filesystem::path dir);

    /// \brief The watched folder.
    [[nodiscard]] const std::filesystem::path& directory() const { return m_dir; }
    /// \brief The files that changed since the previous poll (or construction), sorted by name.
    /// A missing folder simply has no files.
    std::vector<FileChange> poll();

private:
    struct Stamp {
        std::filesystem::file_time_type time;
        std::uintmax_t size = 0;
        bool operator==(const Stamp&) const = default;
    };
    [[nodiscard]] std::map<std::filesystem::path, Stamp> scan() const;

    std::filesystem::path m_dir;
    std::map<std::filesystem::path, Stamp> m_known;
    std::set<std::filesystem::path> m_missingOnce;
};

/// \brief Reloads changed lesson files into \p player, keeping its position.
///
/// Added and modified files are read again; a file with problems (or whose id or order now
/// clashes with another lesson) keeps its previous version in the player and its errors are
/// returned for the app to show. Removed files leave the player, except the current lesson's:
/// it stays as it was loaded, with an error saying its file is gone (the class keeps its slide).
/// \return every problem found, empty when all changes were applied. UI thread (it changes \p player).
std::vector<LessonError> applyChanges(LessonPlayer& player, const std::vector<FileChange>& changes);

} // namespace stepwise::lessons
