// checkLessons: the `stepwise lessons --check` report over loadLibrary().
#include "lessons/check.hpp"

#include "lessons/lesson_parser.hpp"

#include <ostream>
#include <string>

namespace stepwise::lessons {

namespace {

std::string counted(std::size_t n, const char* singular, const char* plural) {
    return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

} // namespace

int checkLessons(const std::filesystem::path& dir, std::ostream& out, std::ostream& err) {
    const auto library = loadLibrary(dir);
    for (const auto& error : library.errors) err << error.what() << '\n';
    out << counted(library.lessons.size(), "lesson", "lessons") << ", "
        << counted(library.stepCount(), "step", "steps") << ", "
        << counted(library.errors.size(), "error", "errors") << '\n';
    return library.errors.empty() ? 0 : 1;
}

} // namespace stepwise::lessons
