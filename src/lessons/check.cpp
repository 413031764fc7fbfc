// checkLessons: the `stepwise lessons --check` report over loadLibrary().
#include "lessons/check.hpp"

#include "lessons/glossary.hpp"
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
    std::size_t errors = library.errors.size();
    for (const auto& error : library.errors) err << error.what() << '\n';
    // The glossary beside the lessons, when there is one (the help overlay shows it).
    std::string terms;
    std::error_code ec;
    if (const auto glossary = dir / kGlossaryFile; std::filesystem::exists(glossary, ec)) try {
            terms = counted(loadGlossary(glossary).size(), "glossary term", "glossary terms") + ", ";
        } catch (const LessonError& e) {
            err << e.what() << '\n';
            ++errors;
        }
    out << counted(library.lessons.size(), "lesson", "lessons") << ", "
        << counted(library.stepCount(), "step", "steps") << ", " << terms
        << counted(errors, "error", "errors") << '\n';
    return errors == 0 ? 0 : 1;
}

} // namespace stepwise::lessons
