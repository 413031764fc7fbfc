// `stepwise docs`: the lesson files become Doxygen pages (Markdown with Doxygen commands), one per
// lesson plus an index, and every step gets a screenshot from the StepRenderer of `stepwise
// render`. The pages are content only; Doxygen typesets them with the rest of the docs.
// Sections: names and links, text, lesson pages, index page, runDocs.
#include "app/commands/docs_command.hpp"

#include "app/display_check.hpp"

#include "app/commands/render_command.hpp"
#include "app/session.hpp"
#include "lessons/lesson_parser.hpp"
#include "lessons/network_vocabulary.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace stepwise::app {

namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- names and links

/// Doxygen labels take letters, digits and underscores: "forward" → "lesson_forward".
std::string label(std::string_view text) {
    std::string out;
    for (char c : text) out += (c == '-' || c == '.') ? '_' : c;
    return out;
}

std::string lessonPage(const lessons::Lesson& lesson) { return "lesson_" + label(lesson.id); }

std::string stepSection(const lessons::Lesson& lesson, std::size_t step) {
    return lessonPage(lesson) + "_step_" + std::to_string(step);
}

std::string imageName(const lessons::Lesson& lesson, std::size_t step) { return stepSection(lesson, step) + ".png"; }

/// The anchor of the lesson step that runs an equation; src/core/equations.hpp refers to it.
std::string equationAnchor(std::string_view equationId) { return "equation_" + label(equationId); }

/// `\ref stepwise::core::softmax "core::softmax()"`, or the type name for a type.
std::string symbolReference(const std::string& symbol) {
    if (symbol.empty()) return "(no single function)";
    std::string shown = symbol.substr(std::string_view("stepwise::").size());
    if (symbol != "stepwise::core::Batch") shown += "()";
    return "\\ref " + symbol + " \"" + shown + "\"";
}

// ---------------------------------------------------------------- text

/// Plain text for a Doxygen Markdown page: every character that Doxygen or Markdown would read
/// as a command, a tag, an entity or emphasis is escaped, so lesson prose prints as written.
std::string escapeText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '@': out += "\\@"; break;
        case '&': out += "\\&"; break;
        case '<': out += "\\<"; break;
        case '>': out += "\\>"; break;
        case '#': out += "\\#"; break;
        case '%': out += "\\%"; break;
        case '$': out += "\\$"; break;
        case '|': out += "\\|"; break;
        case '"': out += "&quot;"; break; // between raw quotes Doxygen would skip \f$ commands
        case '*': out += "\\*"; break;
        case '_': out += "\\_"; break;
        case '`': out += "\\`"; break;
        case '\n': case '\r': case '\t': out += ' '; break;
        default: out += c;
        }
    }
    return out;
}

/// Lesson markup on a page: <b>, <em> and \f$ … \f$ (typeset by MathJax).
const MarkupStyle doxygenStyle{&escapeText, "<b>", "</b>", "<em>", "</em>", "\\f$", "\\f$", "&zwj;"};

/// Narration-style text (narration, errata) as page paragraphs separated by \p separator.
std::string pageMarkup(std::string_view text, std::string_view separator = "\n\n") {
    return renderMarkup(text, doxygenStyle, separator);
}

/// A section title: plain text on one line.
std::string renderTitle(std::string_view title) { return escapeText(title); }

/// Text inside a quoted command argument (a link text, a caption): no quotes, no line breaks.
std::string quotedArgument(std::string_view text) {
    std::string out;
    for (char c : text) out += (c == '"') ? '\'' : (c == '\n' ? ' ' : c);
    return out;
}

/// "3. Forward propagation". A leading zero-width joiner keeps Markdown from turning the page
/// title into a numbered list.
std::string lessonTitle(const lessons::Lesson& lesson) {
    return "&zwj;" + std::to_string(lesson.order) + ". " + renderTitle(lesson.title);
}

/// A link to a lesson page. Doxygen 1.9.3+ turns the `\page` label of a Markdown file into an
/// anchor without a title, so every reference spells out its text.
std::string lessonReference(const lessons::Lesson& lesson) {
    const std::string text = std::to_string(lesson.order) + ". " + quotedArgument(lesson.title);
    return "\\ref " + lessonPage(lesson) + " \"" + text + "\"";
}

/// The same link as lessonReference() as a `\subpage`: the lesson page becomes a child of the
/// page that holds it, in the navigation tree too. Doxygen 1.9.3+ (Debian 12 has 1.9.4) names a
/// Markdown file's page after the file, `md_lesson_<id>`, and only that name makes a subpage (the
/// `\page` label is a mere anchor there).
std::string lessonSubpage(const lessons::Lesson& lesson) {
    const std::string text = std::to_string(lesson.order) + ". " + quotedArgument(lesson.title);
    return "\\subpage md_" + lessonPage(lesson) + " \"" + text + "\"";
}

// ---------------------------------------------------------------- lesson pages

std::string describeView(const lessons::ViewSpec& view) {
    std::string out = "<code>" + std::string(lessons::toString(view.kind)) + "</code>";
    if (!view.tensor.empty()) out += " of <code>" + escapeText(view.tensor) + "</code>";
    if (view.cell) out += " at <code>" + escapeText(lessons::toString(*view.cell)) + "</code>";
    if (!view.caption.empty()) out += ": " + escapeText(view.caption);
    return out;
}

void writeStep(std::ostream& page, const lessons::Lesson& lesson, std::size_t number,
               const lessons::NetworkVocabulary& catalogue, const DocsOptions& options) {
    const lessons::LessonStep& step = lesson.steps[number - 1];
    page << "\\section " << stepSection(lesson, number) << " Step " << number << ": " << renderTitle(step.title)
         << "\n\n";
    // The paper's network's equations are anchored where they are taught; a step on its own network
    // (momentum's update.w2, say) is another equation under the same id and gets no anchor.
    if (step.executes && !step.network) page << "\\anchor " << equationAnchor(*step.executes) << "\n";

    if (options.images)
        page << "\\image html " << imageName(lesson, number) << " \"Step " << number
             << " as the app draws it (stepwise render --iterations " << options.iterations << ")\"\n\n";

    page << pageMarkup(step.narration) << "\n\n";

    if (const std::string tex = step.equationTex(catalogue.config()); !tex.empty()) page << "\\f[ " << tex << " \\f]\n\n";

    if (step.executes) {
        const core::Equation* equation = catalogue.equation(*step.executes);
        const std::string symbol = equation ? equation->function : std::string();
        page << "This step runs <code>" << escapeText(*step.executes)
             << "</code> on the live network; the code is " << symbolReference(symbol) << ".\n\n";
    } else if (step.mode == lessons::StepMode::Live) {
        page << "This step shows training live: the picture follows the newest snapshot of the trainer.\n\n";
    }

    // An HTML list: a Markdown one would swallow the erratum note that follows it.
    if (!step.views.empty()) {
        page << "On screen:<ul>";
        for (const lessons::ViewSpec& view : step.views) page << "<li>" << describeView(view) << "</li>";
        page << "</ul>\n\n";
    }

    // One xrefitem list: Doxygen also collects every erratum on the page `errata`.
    for (const lessons::Erratum& erratum : step.errata) {
        page << "\\xrefitem errata \"Erratum of the paper\" \"Errata in the lessons\" "
             << "<b>" << erratum.number << ". The paper says…</b> " << pageMarkup(erratum.paper, " ") << "<br>"
             << "<b>What is right…</b> " << pageMarkup(erratum.right, " ");
        if (erratum.paperFaithful) page << "<br><em>In the app, switch on paper-faithful mode here to compare.</em>";
        page << "\n\n";
    }

    if (!step.actions.empty()) {
        page << "Buttons:";
        for (std::size_t i = 0; i < step.actions.size(); ++i)
            page << (i ? ", " : " ") << "<em>" << escapeText(step.actions[i].label) << "</em>";
        page << ".\n\n";
    }

    if (!step.notes.empty()) page << "\\par Presenter notes\n" << escapeText(step.notes) << "\n\n";
}

void writeLessonPage(std::ostream& page, const lessons::Lesson& lesson, const lessons::Lesson* previous,
                     const lessons::Lesson* next, const lessons::NetworkVocabulary& catalogue, const DocsOptions& options) {
    page << "\\page " << lessonPage(lesson) << " " << lessonTitle(lesson) << "\n\n";
    page << "<!-- Generated by `stepwise docs` from " << lesson.file.filename().string()
         << "; edit the lesson file, not this page. -->\n\n";
    page << pageMarkup(lesson.summary) << "\n\n";
    page << "Lesson file <code>lessons/" << escapeText(lesson.file.filename().string()) << "</code>, "
         << lesson.steps.size() << (lesson.steps.size() == 1 ? " step" : " steps") << ". ";
    if (previous) page << "Previous: " << lessonReference(*previous) << ". ";
    if (next) page << "Next: " << lessonReference(*next) << ". ";
    page << "All lessons: \\ref lessons \"Lessons\".\n\n";
    page << "\\tableofcontents\n\n";
    for (std::size_t n = 1; n <= lesson.steps.size(); ++n) writeStep(page, lesson, n, catalogue, options);
}

// ---------------------------------------------------------------- index page

/// Where each equation is taught: the first step (in lesson order) that executes it.
struct StepPlace {
    const lessons::Lesson* lesson = nullptr;
    std::size_t step = 0;
};

void writeIndexPage(std::ostream& page, const std::vector<lessons::Lesson>& lessons,
                    const lessons::NetworkVocabulary& catalogue, const DocsOptions& options) {
    std::map<std::string, StepPlace, std::less<>> taughtAt;
    for (const lessons::Lesson& lesson : lessons)
        for (std::size_t n = 1; n <= lesson.steps.size(); ++n)
            // A step on its own network (lesson 9's Adam step) runs that network's equation of the id.
            if (const auto& id = lesson.steps[n - 1].executes; id && !lesson.steps[n - 1].network)
                taughtAt.try_emplace(*id, StepPlace{&lesson, n});

    page << "\\page lessons Lessons\n\n";
    page << "<!-- Generated by `stepwise docs` from the lesson files; edit those, not this page. -->\n\n";
    page << "The lessons of stepwise, in the order the app offers them. Each page is generated from its "
            "file in <code>lessons/</code>, the same file the app reads, so the pages and the app cannot "
            "disagree. To write or change a lesson, see \\ref md_lessons_FORMAT \"the lesson file format\".";
    if (options.images)
        page << " The screenshots come from <code>stepwise render</code> at " << escapeText(options.size)
             << ", asked to train " << options.iterations << " iterations first so the screens show real numbers.";
    page << "\n\n";

    page << "| | Lesson | Steps | What it covers |\n|-|--------|-------|----------------|\n";
    // \subpage (not \ref) makes each lesson a child of this page, so Doxygen's navigation tree
    // lists them in this table's order, the lesson order, rather than in the order it read the files.
    for (const lessons::Lesson& lesson : lessons)
        page << "| " << lesson.order << " | " << lessonSubpage(lesson) << " | " << lesson.steps.size() << " | "
             << pageMarkup(lesson.summary, " ") << " |\n";
    page << "\n";

    page << "\\section lessons_equations The equations of one iteration\n\n";
    page << "In execution order. Each equation has one implementation in \\ref stepwise::core, "
            "used both by the step-by-step lessons and by the trainer. With the shape of each product this "
            "table is the cheat-sheet the window shows on key T (there for the network being trained); m is "
            "the number of images in the iteration.\n\n";
    page << "| Id | Equation | Shapes | Code | Taught in |\n|----|----------|--------|------|-----------|\n";
    std::vector<std::string> untaught;
    for (const core::Equation& equation : catalogue.equations()) {
        page << "| <code>" << escapeText(equation.id) << "</code> | \\f$" << inlineTex(equation.tex) << "\\f$ | "
             << escapeText(equation.shape) << " | " << symbolReference(equation.function) << " | ";
        if (const auto it = taughtAt.find(equation.id); it != taughtAt.end())
            page << lessonReference(*it->second.lesson) << ", \\ref "
                 << stepSection(*it->second.lesson, it->second.step) << " \"step " << it->second.step << "\"";
        else {
            page << "no lesson step runs it yet";
            untaught.push_back(equation.id);
        }
        page << " |\n";
    }
    page << "\n";
    // Every equation keeps its anchor, so the \see links of src/core/equations.hpp always resolve.
    for (const std::string& id : untaught)
        page << "\\anchor " << equationAnchor(id) << "\n<code>" << escapeText(id)
             << "</code> is not run by any lesson yet.\n\n";
}

// ---------------------------------------------------------------- runDocs

/// Renders step \p number of \p lesson into \p file with \p renderer, which is made on first use
/// (the data loaded and trained once for every screenshot); on failure says why on \p err.
bool renderScreenshot(std::unique_ptr<StepRenderer>& renderer, const DocsOptions& options,
                      const std::vector<lessons::Lesson>& all, const lessons::Lesson& lesson, std::size_t number,
                      const fs::path& file, std::ostream& err) {
    try {
        if (!renderer) {
            const auto size = parseSize(options.size);
            if (!size) throw RenderError("screenshot size " + options.size + ": expected WxH");
            StepRenderSettings settings;
            settings.data = options.data;
            settings.iterations = options.iterations;
            settings.size = *size;
            settings.palette = views::parsePalette(options.palette).value_or(views::Palette::PurpleOrange);
            renderer = std::make_unique<StepRenderer>(all, settings);
        }
        renderer->render(lesson.id, number - 1, file);
        return true;
    } catch (const std::exception& e) {
        err << "stepwise docs: " << e.what() << "\n";
    }
    err << "stepwise docs: no screenshot of step " << number << " of lesson \"" << lesson.id << "\" ("
        << file.string() << ")\n";
    return false;
}

/// Writes \p text to \p file, or removes what a full disk let through and says why.
void writeFile(const fs::path& file, const std::string& text) {
    std::ofstream stream(file, std::ios::binary);
    if (!stream) throw std::runtime_error(file.string() + ": cannot write (" + std::strerror(errno) + ")");
    stream << text;
    stream.close();
    if (!stream) {
        const std::string why = std::strerror(errno);
        std::error_code ec;
        fs::remove(file, ec); // no half-written page
        throw std::runtime_error(file.string() + ": cannot write (" + why + ")");
    }
}

} // namespace

int runDocs(const DocsOptions& options, std::ostream& out, std::ostream& err) {
    const lessons::LessonLibrary library = lessons::loadLibrary(options.lessons);
    if (!library.errors.empty()) {
        for (const lessons::LessonError& error : library.errors) err << error.what() << "\n";
        err << "stepwise docs: " << library.errors.size() << " error(s) in the lesson files, no pages written\n";
        return 1;
    }

    if (options.images)
        if (const auto problem = displayProblem()) { // SFML would abort at the first screenshot
            err << noDisplayForCommand("docs", *problem) << " (or --no-images for the pages alone)\n";
            return 1;
        }
    const fs::path images = options.out / "images";
    try {
        fs::create_directories(images);
    } catch (const fs::filesystem_error& e) {
        err << "stepwise docs: --out " << options.out.string() << ": cannot create the folder there ("
            << e.code().message() << ")\n";
        return 1;
    }
    removeFiles(options.out, "lesson_", ".md");
    removeFiles(images, "lesson_", ".png");

    const lessons::NetworkVocabulary& catalogue = lessons::defaultVocabulary();
    const std::vector<lessons::Lesson>& all = library.lessons;
    bool rendering = options.images; // stops at the first failure: the cause (no display, no data) is usually shared
    std::unique_ptr<StepRenderer> renderer;
    try {
        std::ostringstream index;
        writeIndexPage(index, all, catalogue, options);
        writeFile(options.out / "lessons.md", index.str());

        for (std::size_t i = 0; i < all.size(); ++i) {
            const lessons::Lesson& lesson = all[i];
            std::ostringstream page;
            writeLessonPage(page, lesson, i > 0 ? &all[i - 1] : nullptr, i + 1 < all.size() ? &all[i + 1] : nullptr,
                            catalogue, options);
            writeFile(options.out / (lessonPage(lesson) + ".md"), page.str());
            out << lessonPage(lesson) << ".md: " << lesson.steps.size() << " steps";

            std::size_t rendered = 0;
            for (std::size_t n = 1; rendering && n <= lesson.steps.size(); ++n) {
                if (renderScreenshot(renderer, options, all, lesson, n, images / imageName(lesson, n), err))
                    ++rendered;
                else
                    rendering = false;
            }
            if (options.images) out << ", " << rendered << " screenshots";
            out << "\n" << std::flush;
        }
    } catch (const std::exception& e) {
        err << "stepwise docs: " << e.what() << "\n";
        return 1;
    }

    out << all.size() << " lessons, " << library.stepCount() << " steps written to " << options.out.string() << "\n";
    if (options.images && !rendering) {
        err << "stepwise docs: stopped at the first failed screenshot (--no-images writes the pages without them)\n";
        return 1;
    }
    return 0;
}

} // namespace stepwise::app
