// LessonWatcher (mtime and size polling of lessons/*.toml) and applyChanges (reload into the
// player in place).
#include "lessons/lesson_watcher.hpp"

#include <algorithm>

namespace stepwise::lessons {

LessonWatcher::LessonWatcher(std::filesystem::path dir) : m_dir(std::move(dir)), m_known(scan()) {}

std::map<std::filesystem::path, LessonWatcher::Stamp> LessonWatcher::scan() const {
    std::map<std::filesystem::path, Stamp> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(m_dir, ec)) {
        const auto& path = entry.path();
        if (path.extension() != ".toml" || path.filename().string().starts_with('.')) continue;
        std::error_code fileEc;
        if (!entry.is_regular_file(fileEc)) continue;
        Stamp stamp;
        stamp.time = std::filesystem::last_write_time(path, fileEc);
        if (fileEc) continue; // vanished between listing and stat: seen as missing this time
        stamp.size = std::filesystem::file_size(path, fileEc);
        if (fileEc) continue;
        files.emplace(path, stamp);
    }
    return files;
}

std::vector<FileChange> LessonWatcher::poll() {
    const auto now = scan();
    std::vector<FileChange> changes;
    for (const auto& [file, stamp] : now) {
        m_missingOnce.erase(file);
        const auto known = m_known.find(file);
        if (known == m_known.end())
            changes.push_back({file, FileChangeKind::Added});
        else if (!(known->second == stamp))
            changes.push_back({file, FileChangeKind::Modified});
    }
    for (auto it = m_known.begin(); it != m_known.end();) {
        if (now.contains(it->first)) {
            ++it;
        } else if (m_missingOnce.erase(it->first) > 0) { // missing twice in a row: gone
            changes.push_back({it->first, FileChangeKind::Removed});
            it = m_known.erase(it);
        } else {
            m_missingOnce.insert(it->first);
            ++it;
        }
    }
    for (const auto& [file, stamp] : now) m_known[file] = stamp;
    std::sort(changes.begin(), changes.end(),
              [](const FileChange& a, const FileChange& b) { return a.file < b.file; });
    return changes;
}

std::vector<LessonError> applyChanges(LessonPlayer& player, const std::vector<FileChange>& changes) {
    std::vector<LessonError> errors;
    for (const auto& change : changes) {
        if (change.kind == FileChangeKind::Removed) {
            // The lesson on screen stays as it was loaded: a class never loses its slide.
            if (!player.empty() && player.currentLesson().file == change.file)
                errors.emplace_back(change.file, 0, 0,
                                    "the lesson file was removed while its lesson is open; showing the version "
                                    "loaded before (put the file back to edit it again)");
            else
                player.removeLesson(change.file);
            continue;
        }
        auto parsed = parseLessonFile(change.file);
        if (!parsed.lesson) {
            errors.insert(errors.end(), parsed.errors.begin(), parsed.errors.end());
            continue;
        }
        const auto conflicts = findConflicts(*parsed.lesson, player.lessons());
        if (!conflicts.empty()) {
            errors.insert(errors.end(), conflicts.begin(), conflicts.end());
            continue;
        }
        player.replaceLesson(std::move(*parsed.lesson));
    }
    return errors;
}

} // namespace stepwise::lessons
