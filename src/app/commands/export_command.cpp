// `stepwise export` (slides from the shared StepRenderer, a Markdown handout with the live
// numbers of every step) and exportStepTensors() (Ctrl+E, trace's .npy format from a snapshot).
// Sections: figures, handout, runExport, exportStepTensors.
#include "app/commands/export_command.hpp"

#include "app/commands/render_command.hpp"
#include "app/display_check.hpp"
#include "app/session.hpp"
#include "app/commands/train_command.hpp"
#include "core/equation_catalogue.hpp"
#include "lessons/lesson_lookup.hpp"
#include "lessons/lesson_parser.hpp"
#include "lessons/network_vocabulary.hpp"
#include "views/theme.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <ostream>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace stepwise::app {

namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- figures

/// A number as the handout prints it: four significant digits, plain ASCII so it pastes into
/// Python ("-0.01234", "1.235e+04").
std::string figure(double value) {
    if (std::isnan(value)) return "nan";
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

/// Values joined with ", ".
std::string figures(const Eigen::Ref<const Eigen::VectorXf>& values) {
    std::string out;
    for (Eigen::Index i = 0; i < values.size(); ++i) out += (i ? ", " : "") + figure(values(i));
    return out;
}

/// ", Trouser" after a label of data whose classes have names (Fashion-MNIST); "" for digits.
std::string className(const training::TrainingSnapshot& s, int label) {
    if (label < 0 || static_cast<std::size_t>(label) >= s.classNames.size()) return {};
    return ", " + s.classNames[static_cast<std::size_t>(label)];
}

/// "10 × 41,000", or for a window of the batch "10 × 32 (columns 0–31 of 41,000)".
std::string shapeText(const Eigen::MatrixXf& t, bool windowed, const training::TrainingSnapshot& s) {
    std::string text = views::formatCount(t.rows()) + " × " + views::formatCount(t.cols());
    if (windowed && s.sampleColumns.size() > 0)
        text += " (columns " + std::to_string(s.sampleColumns.minCoeff()) + "–" +
                std::to_string(s.sampleColumns.maxCoeff()) + " of " + views::formatCount(s.trainColumns) + ")";
    return text;
}

/// The tensors a step shows: those of its views, then the output of the equation it runs.
std::vector<std::string> shownTensors(const lessons::LessonStep& step, const lessons::NetworkVocabulary& vocabulary) {
    std::vector<std::string> names;
    const auto add = [&](const std::string& name) {
        if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    };
    for (const lessons::ViewSpec& view : step.views) add(view.tensor);
    if (step.executes)
        if (const core::Equation* equation = vocabulary.equation(*step.executes)) add(equation->output);
    return names;
}

/// One table row per shown tensor: shape, min, max, mean, and the values a learner can read
/// off the slide (a vector whole, the focused column of a short per-sample tensor).
void writeTensorTable(std::ostream& md, const lessons::LessonStep& step, const training::TrainingSnapshot& s,
                      const lessons::NetworkVocabulary& vocabulary, int j) {
    const std::vector<std::string> names = shownTensors(step, vocabulary);
    if (names.empty()) return;
    md << "| Tensor | Shape | Min | Max | Mean | Values |\n|--------|-------|-----|-----|------|--------|\n";
    for (const std::string& name : names) {
        const Eigen::MatrixXf* t = s.tensor(name);
        if (!t || t->size() == 0) {
            md << "| " << name << " | | | | | not computed yet at this point of the iteration |\n";
            continue;
        }
        const auto shape = vocabulary.tensorShape(name);
        const bool perSample = shape && shape->perSample();
        const bool windowed = perSample && name != "A0" && s.windowed;
        md << "| " << name << " | " << shapeText(*t, windowed, s) << " | " << figure(t->minCoeff()) << " | "
           << figure(t->maxCoeff()) << " | " << figure(static_cast<double>(t->mean())) << " | ";
        if (t->cols() == 1 && t->rows() <= 10)
            md << figures(t->col(0));
        else if (perSample && t->rows() <= 10 && j < t->cols())
            md << "column j = " << j << ": " << figures(t->col(j));
        else if (perSample && j < t->cols())
            md << "column j = " << j << ": " << (t->col(j).array() != 0.f).count() << " of " << t->rows()
               << " entries non-zero";
        md << " |\n";
    }
    md << "\n";
    if (!s.classNames.empty()) { // the rows of A2, Y and dZ2 are classes with names, not digits
        md << "The ten output rows are the classes";
        for (std::size_t k = 0; k < s.classNames.size(); ++k)
            md << (k ? ", " : ": ") << k << " " << escapeMarkdown(s.classNames[k]);
        md << ".\n\n";
    }
    // The cells the step's views zoom into (the dot-product view's entry).
    for (const lessons::ViewSpec& view : step.views) {
        if (!view.cell || !view.cell->row) continue;
        const Eigen::MatrixXf* t = s.tensor(view.cell->tensor);
        const int row = *view.cell->row;
        const int col = view.cell->col.value_or(view.cell->followsFocusColumn ? j : 0);
        if (!t || row >= t->rows() || col >= t->cols()) continue;
        md << "The entry the step zooms into: " << view.cell->tensor << "[" << row << ", " << col
           << "] = " << figure((*t)(row, col)) << ".\n\n";
    }
}

/// Where the step's loss or accuracy curve starts and ends.
void writeCurves(std::ostream& md, const lessons::LessonStep& step, const training::TrainingSnapshot& s) {
    if (s.history.empty()) return;
    const training::HistoryPoint& first = s.history.front();
    const training::HistoryPoint& last = s.history.back();
    for (const lessons::ViewSpec& view : step.views) {
        if (view.kind == lessons::ViewKind::LossCurve)
            md << "Loss curve: " << figure(first.loss) << " at iteration " << first.iteration << ", "
               << figure(last.loss) << " at iteration " << last.iteration << ".\n\n";
        if (view.kind == lessons::ViewKind::AccuracyCurve)
            md << "Training accuracy curve: " << views::formatPercent(first.trainAccuracy) << " at iteration "
               << first.iteration << ", " << views::formatPercent(last.trainAccuracy) << " at iteration "
               << last.iteration << ".\n\n";
    }
}

// ---------------------------------------------------------------- handout

/// Removes the staging folders `.stepwise-export-PID` that exports killed mid-way left in \p out.
void removeStaleStaging(const fs::path& out) {
    std::error_code ec;
    std::vector<fs::path> stale;
    for (const auto& entry : fs::directory_iterator(out, ec)) {
        const std::string name = entry.path().filename().string();
        const std::string prefix = ".stepwise-export-";
        if (!name.starts_with(prefix) || name.size() == prefix.size() ||
            name.find_first_not_of("0123456789", prefix.size()) != std::string::npos)
            continue;
        const long pid = std::stol(name.substr(prefix.size()));
        if (pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) stale.push_back(entry.path());
    }
    for (const auto& dir : stale) fs::remove_all(dir, ec);
}

std::string slideName(std::size_t number, std::size_t count) {
    const std::size_t width = std::max<std::size_t>(2, std::to_string(count).size());
    std::string digits = std::to_string(number);
    digits.insert(0, width - std::min(width, digits.size()), '0');
    return "slide-" + digits + ".png";
}

/// Markdown image text: no brackets, no line breaks.
std::string altText(std::string_view text) {
    std::string out;
    for (char c : text) out += (c == '[' || c == ']' || c == '\n') ? ' ' : c;
    return out;
}

void writeHandoutHeader(std::ostream& md, const lessons::Lesson& lesson, const ExportOptions& o) {
    md << "# " << lesson.order << ". " << escapeMarkdown(lesson.title) << "\n\n";
    md << renderMarkup(lesson.summary, markdownStyle()) << "\n\n";
    const core::NetworkConfig& network = o.network;
    md << "*" << lesson.steps.size() << (lesson.steps.size() == 1 ? " step" : " steps")
       << ", written by `stepwise export --lesson " << lesson.id << " --iterations " << o.iterations << " --seed "
       << network.seed << "`. Every number here was read from the real network at the step it belongs to: "
       << (network.hidden == core::NetworkConfig{}.hidden ? "the paper's " : "a ") << core::networkShape(network)
       << " network (" << core::networkRule(network) << ") on the images of `"
       << o.data.string() << "`, trained for " << o.iterations << (o.iterations == 1 ? " iteration" : " iterations")
       << " before the lesson. Math is TeX between dollar signs; Markdown viewers with math support (GitHub, "
          "pandoc, VS Code) typeset it.*\n\n";
}

/// The step's questions as a worksheet: prompt and choices here, each answer with its explanation
/// added to \p answers for the handout's last section (so a printed copy can be tried first).
void writeQuestions(std::ostream& md, const lessons::LessonStep& step, std::size_t index,
                    std::vector<std::string>& answers) {
    for (std::size_t q = 0; q < step.questions.size(); ++q) {
        const lessons::Question& question = step.questions[q];
        const std::string name = "Step " + std::to_string(index + 1) + ", question " + std::to_string(q + 1);
        md << "**" << (step.check ? "Check: " : "") << "Question " << q + 1 << ".** "
           << renderMarkup(question.prompt, markdownStyle(), " ") << "\n\n";
        std::string answer;
        switch (question.kind) {
        case lessons::QuestionKind::Choice:
            for (std::size_t c = 0; c < question.choices.size(); ++c)
                md << "- " << static_cast<char>('A' + c) << ". " << renderMarkup(question.choices[c], markdownStyle(), " ")
                   << "\n";
            md << "\n";
            if (static_cast<std::size_t>(question.answerIndex) < question.choices.size())
                answer = std::string(1, static_cast<char>('A' + question.answerIndex)) + ". " +
                         renderMarkup(question.choices[static_cast<std::size_t>(question.answerIndex)], markdownStyle(), " ");
            break;
        case lessons::QuestionKind::Number:
            md << "*Answer with a number.*\n\n";
            answer = figure(question.answerNumber) +
                     (question.tolerance > 0 ? " (within " + figure(question.tolerance) + ")" : std::string());
            break;
        case lessons::QuestionKind::Text:
            md << "*Answer in a word or two.*\n\n";
            answer = question.accepted.empty() ? std::string() : escapeMarkdown(question.accepted.front());
            break;
        }
        answers.push_back("- **" + name + ":** " + answer + ". " + renderMarkup(question.explain, markdownStyle(), " "));
    }
}

/// The cheat-sheet: every equation of the exported network with its shape rule, from the catalogue.
void writeCheatSheet(std::ostream& md, const core::NetworkConfig& network) {
    const auto equations = core::iterationEquations(network);
    md << "## Cheat-sheet: the " << equations.size() << " equations of one iteration\n\n"
       << "In the order they run, for the " << core::networkShape(network) << " network; m is the number of images "
       << "in the iteration. Press T in the app for the same page.\n\n";
    for (const core::Equation& e : equations)
        md << "- `" << e.id << "`: $" << e.tex << "$ — " << escapeMarkdown(e.shape) << "\n";
    md << "\n";
}

void writeStepSection(std::ostream& md, const lessons::Lesson& lesson, std::size_t index, const std::string& slide,
                      const training::TrainingSnapshot& s, const lessons::NetworkVocabulary& vocabulary,
                      std::vector<std::string>& answers) {
    const lessons::LessonStep& step = lesson.steps[index];
    md << "## Step " << index + 1 << ": " << escapeMarkdown(step.title) << "\n\n";
    md << renderMarkup(step.narration, markdownStyle()) << "\n\n";
    if (const std::string tex = step.equationTex(s.config); !tex.empty()) md << "$$\n" << tex << "\n$$\n\n";
    md << "![Slide " << index + 1 << ": " << altText(step.title) << "](" << slide << ")\n\n";
    writeQuestions(md, step, index, answers);

    for (const lessons::Erratum& erratum : step.errata) {
        md << "> **Erratum " << erratum.number << ". The paper says:** "
           << renderMarkup(erratum.paper, markdownStyle(), " ") << "\n>\n"
           << "> **What is right:** " << renderMarkup(erratum.right, markdownStyle(), " ") << "\n";
        if (erratum.paperFaithful) md << ">\n> *In the app, switch on paper-faithful mode here to compare.*\n";
        md << "\n";
    }

    if (!step.actions.empty()) {
        md << "*In the app, this step has buttons:";
        for (std::size_t i = 0; i < step.actions.size(); ++i)
            md << (i ? ", " : " ") << escapeMarkdown(step.actions[i].label);
        md << ".*\n\n";
    }

    const int j = focusColumn(step, s.config);
    const std::size_t equations = s.equationIds.size();
    md << "**On the live network at this step**\n\n";
    if (s.position == 0)
        md << "- Iterations completed: " << s.iteration << "; the next one has not started\n";
    else if (s.position == equations)
        md << "- Iterations completed: " << s.iteration << "; all " << equations
           << " equations of the last one have run (up to `" << s.equationIds.back() << "`)\n";
    else
        md << "- Iterations completed: " << s.iteration << "; iteration " << s.iteration + 1 << " in progress: "
           << s.position << " of " << equations << " equations run (last: `" << s.equationIds[s.position - 1]
           << "`)\n";
    // The newest point of the loss curve; stepping back into an iteration keeps it.
    if (s.history.empty())
        md << "- Loss and training accuracy: not measured yet (no iteration completed)";
    else
        md << "- Loss at iteration " << s.history.back().iteration << " (the newest point of the loss curve): "
           << figure(s.history.back().loss) << "; training accuracy "
           << views::formatPercent(s.history.back().trainAccuracy);
    md << "; dev accuracy of the current weights: " << views::formatPercent(s.devAccuracy) << "\n";
    if (s.batch && j < s.batch->size())
        md << "- The step follows image j = " << j << " of " << views::formatCount(s.trainColumns)
           << " (its label: " << s.batch->labels(j) << className(s, s.batch->labels(j)) << ")\n";
    md << "\n";
    writeTensorTable(md, step, s, vocabulary, j);
    writeCurves(md, step, s);
}

} // namespace

// ---------------------------------------------------------------- runExport

int runExport(const ExportOptions& o, std::ostream& out, std::ostream& err) {
    if (o.theme != "projector" && o.theme != "dark") {
        err << "stepwise export: --theme " << o.theme << ": expected projector or dark\n";
        return 2;
    }
    const auto size = parseSize(o.size);
    if (!size) {
        err << "stepwise export: --size " << o.size << ": expected WxH between 320x240 and 8192x8192\n";
        return 2;
    }
    lessons::LessonLibrary library = lessons::loadLibrary(lessonDir());
    err << errorLines(library.errors);
    const auto id = lessons::findLessonId(library.lessons, o.lesson); // an id, or the file's name
    if (!id) {
        err << "stepwise export: " << lessons::unknownLessonLine(library.lessons, o.lesson) << "\n";
        return 2;
    }
    const auto found = std::find_if(library.lessons.begin(), library.lessons.end(),
                                    [&](const lessons::Lesson& l) { return l.id == *id; });
    const lessons::Lesson lesson = *found;

    // The slides and the handout are made in a staging folder inside --out and moved into place
    // once all of them are written: a failure (no display, a full disk) leaves the previous export
    // as it was, and nothing half-written.
    std::error_code ec;
    fs::create_directories(o.out, ec);
    removeStaleStaging(o.out);
    const fs::path staging = o.out / (".stepwise-export-" + std::to_string(::getpid()));
    if (!ec) fs::create_directories(staging, ec);
    if (ec) {
        err << "stepwise export: --out " << o.out.string() << ": cannot write there (" << ec.message() << ")\n";
        // a path that cannot be a folder is a usage error; a read-only or full disk is the environment
        return ec == std::errc::not_a_directory || ec == std::errc::file_exists ? 2 : 1;
    }
    const auto abandon = [&] {
        std::error_code ignored;
        fs::remove_all(staging, ignored);
    };
    if (const auto problem = displayProblem()) {
        abandon();
        err << noDisplayForCommand("export", *problem) << "\n";
        return 1;
    }

    StepRenderSettings settings;
    settings.data = o.data;
    settings.samples = o.samples;
    settings.network = o.network;
    settings.iterations = o.iterations;
    settings.size = *size;
    settings.projector = o.theme == "projector";
    settings.palette = views::parsePalette(o.palette).value_or(views::Palette::PurpleOrange);

    const fs::path handoutFile = o.out / "handout.md";
    std::ostringstream md;
    std::vector<std::string> slides;
    try {
        StepRenderer renderer(std::move(library.lessons), settings);
        const lessons::NetworkVocabulary vocabulary(o.network);
        writeHandoutHeader(md, lesson, o);
        std::vector<std::string> answers;
        for (std::size_t k = 0; k < lesson.steps.size(); ++k) {
            const std::string slide = slideName(k + 1, lesson.steps.size());
            const auto snapshot = renderer.render(lesson.id, k, staging / slide);
            slides.push_back(slide);
            out << (o.out / slide).string() << "  step " << k + 1 << ": " << lesson.steps[k].title << "\n"
                << std::flush;
            writeStepSection(md, lesson, k, slide, *snapshot, vocabulary, answers);
        }
        writeCheatSheet(md, o.network);
        if (!answers.empty()) {
            md << "## Answers\n\n";
            for (const std::string& a : answers) md << a << "\n";
            md << "\n";
        }
        std::ofstream handout(staging / "handout.md", std::ios::binary);
        handout << md.str();
        handout.close();
        if (!handout) throw RenderError(handoutFile.string() + ": cannot write (" + std::strerror(errno) + ")");
    } catch (const RenderError& e) {
        abandon();
        // Named as the user will look for it: in --out, not in the staging folder.
        std::string message = e.what();
        const std::string staged = (staging / "").string(), final = (o.out / "").string();
        for (auto at = message.find(staged); at != std::string::npos; at = message.find(staged, at + final.size()))
            message.replace(at, staged.size(), final);
        err << "stepwise export: " << message << "; the previous export in " << o.out.string()
            << " is left as it was\n";
        return 1;
    } catch (...) {
        abandon();
        throw;
    }
    // Everything is written: the new export replaces the old one (a shorter lesson leaves no stale slide).
    removeFiles(o.out, "slide-", ".png");
    for (const std::string& name : slides) {
        fs::rename(staging / name, o.out / name, ec);
        if (ec) break;
    }
    if (!ec) fs::rename(staging / "handout.md", handoutFile, ec);
    abandon();
    if (ec) {
        err << "stepwise export: " << o.out.string() << ": cannot move the new slides into place (" << ec.message()
            << ")\n";
        return 1;
    }
    out << handoutFile.string() << "\n"
        << "wrote " << lesson.steps.size() << " slides and handout.md of lesson \"" << lesson.id << "\" to "
        << o.out.string() << "\n";
    return 0;
}

// ---------------------------------------------------------------- exportStepTensors

fs::path exportStepTensors(const training::TrainingSnapshot& s, const fs::path& dir, std::string_view label) {
    const std::size_t equations = s.equationIds.size();
    const bool complete = equations > 0 && s.position == equations; // the iteration was committed
    const long iteration = complete ? s.iteration - 1 : s.iteration;

    std::string base;
    for (char c : label.empty() ? std::string_view("tensors") : label)
        base += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '-';
    base += "-iteration-" + std::to_string(iteration);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error(dir.string() + ": cannot create the folder (" + ec.message() + ")");
    fs::path folder = dir / base;
    for (int n = 2; fs::exists(folder, ec); ++n) folder = dir / (base + "-" + std::to_string(n));

    const lessons::NetworkVocabulary vocabulary(s.config);
    const bool windowed = s.windowed && s.batch;
    // A0 follows the other per-sample tensors: the window's columns only while training runs.
    // The batch keeps pixel bytes; A0 = X / 255 is made here for the columns written.
    Eigen::MatrixXf windowA0;
    if (s.batch) {
        if (windowed) {
            windowA0.resize(s.batch->X.rows(), s.sampleColumns.size());
            for (Eigen::Index c = 0; c < s.sampleColumns.size(); ++c) windowA0.col(c) = s.batch->A0(s.sampleColumns(c), 1);
        } else {
            windowA0 = s.batch->A0(0, s.batch->size());
        }
    }
    TensorFolder out;
    out.iteration = iteration;
    out.network = s.config;
    // The rule of core::Stepper::gradientDivisor(), which the snapshot does not carry.
    out.gradientDivisor = s.gradientDivisor();
    out.batch = s.trainColumns;
    out.optimizerSteps = s.optimizerSteps;
    const Eigen::MatrixXf* lossTensor = s.tensor("L");
    out.loss = lossTensor && lossTensor->size() == 1 ? static_cast<double>((*lossTensor)(0, 0)) : std::nan("");
    out.tensor = [&](const std::string& name) -> std::optional<Eigen::Map<const Eigen::MatrixXf>> {
        const Eigen::MatrixXf* t = name == "A0" ? (s.batch ? &windowA0 : nullptr) : s.tensor(name);
        if (!t) return std::nullopt;
        return Eigen::Map<const Eigen::MatrixXf>(t->data(), t->rows(), t->cols());
    };
    if (windowed) {
        out.labels = s.sampleLabels;
        out.columns.assign(s.sampleColumns.data(), s.sampleColumns.data() + s.sampleColumns.size());
        out.partial.push_back("labels");
        for (const std::string& name : vocabulary.tensorNames())
            if (const auto shape = vocabulary.tensorShape(name); shape && shape->perSample()) out.partial.push_back(name);
        out.extra["columns"] = out.columns;
    } else if (s.batch) {
        out.labels = s.batch->labels;
    }
    out.extra["position"] = s.position;
    out.extra["equation"] = s.position > 0 && s.position <= equations ? nlohmann::json(s.equationIds[s.position - 1])
                                                                      : nlohmann::json(nullptr);
    out.extra["state"] = s.state == training::TrainerState::Running  ? "running"
                         : s.state == training::TrainerState::Paused ? "paused"
                                                                     : "diverged";
    out.extra["batch_columns"] = s.trainColumns;
    out.extra["windowed"] = windowed;
    // A full or read-only disk: the reason, and no half-written folder left behind.
    const auto abandon = [&] {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
    };
    try {
        writeTensorFolder(folder, out);
    } catch (const fs::filesystem_error& e) {
        abandon();
        throw std::runtime_error(folder.string() + ": cannot write (" + e.code().message() + ")");
    } catch (const std::exception& e) {
        abandon();
        throw std::runtime_error(folder.string() + ": " + e.what());
    }
    return folder;
}

} // namespace stepwise::app
