// LessonReader: the schema of a lesson file (root keys, [[step]], [[step.show]],
// [[step.erratum]], [[step.action]], highlights) checked against the format, the network's
// vocabulary and the TeX parser, every problem collected with its place in the file.
// Sections: keys and view rules, LessonReader (typed access, text checks, highlights, step,
// show, erratum, action), readLesson.
#include "lessons/lesson_reader.hpp"

#include "core/network_config.hpp"
#include "core/run_spec.hpp"
#include "lessons/diagnostics.hpp"
#include "lessons/placeholders.hpp"
#include "lessons/view_rules.hpp"
#include "tex/closest_name.hpp"
#include "tex/parser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

namespace stepwise::lessons {

namespace {

// ---------------------------------------------------------------- keys and view rules

std::string shapeText(const TensorShape& shape) {
    return std::to_string(shape.rows) + "x" + (shape.cols ? std::to_string(*shape.cols) : std::string("m"));
}

using KeyList = std::vector<std::string>;

const KeyList rootKeys{"id", "title", "order", "summary", "step"};
const KeyList stepKeys{"title", "narration", "executes", "equation", "notes",
                       "highlight", "mode", "show", "erratum", "action", "question", "check", "experiment",
                       "network"};
const KeyList showKeys{"view", "tensor", "columns", "cell", "caption", "title", "reference"};
const KeyList referenceKeys{"at", "value", "label"};
const KeyList erratumKeys{"number", "paper", "right", "paper_faithful"};
const KeyList actionKeys{"label", "set", "value"};
const KeyList experimentKeys{"name", "iterations", "runs"};
constexpr std::size_t maxExperimentRuns = 6; // what the compare screen trains at once
constexpr std::int64_t maxExperimentIterations = 100'000;
const KeyList questionKeys{"kind", "prompt", "choices", "feedback", "answer", "tolerance", "explain", "reveal", "hold"};
constexpr std::size_t maxChoices = 6; // keys 1–6 and A–F

/// Reads one parsed TOML document as a lesson, collecting every problem.
class LessonReader {
public:
    LessonReader(std::filesystem::path file, std::string_view raw, const NetworkVocabulary& vocabulary)
        : m_file(file), m_locator(raw), m_vocab(&vocabulary), m_errors(std::move(file)) {}

    LessonParse read(const toml::table& root) {
        Lesson lesson;
        lesson.file = m_file;
        checkKeys(root, rootKeys, "");
        if (const auto* id = string(root, "id", "", true)) {
            lesson.id = **id;
            lesson.idLocation = locationOf(*id);
            const bool valid = !lesson.id.empty() && std::all_of(lesson.id.begin(), lesson.id.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            });
            if (!valid)
                error(*id, "id must be lowercase letters, digits and dashes ([a-z0-9-]+), not " + quote(lesson.id));
        }
        if (const auto* title = string(root, "title", "", true)) {
            lesson.title = **title;
            if (lesson.title.empty()) error(*title, "title must not be empty");
        }
        if (const auto* order = integer(root, "order", "", true)) {
            lesson.orderLocation = locationOf(*order);
            if (**order < 0 || **order > 1'000'000)
                error(*order, "order must be a whole number from 0 to 1000000, not " + std::to_string(**order));
            else
                lesson.order = static_cast<int>(**order);
        }
        if (const auto* summary = string(root, "summary", "", true)) lesson.summary = **summary;

        if (const auto* steps = tableArray(root, "step", "")) {
            int number = 0;
            for (const auto& node : *steps) {
                ++number;
                lesson.steps.push_back(readStep(*node.as_table(), number, number == static_cast<int>(steps->size())));
            }
        } else if (!root.contains("step")) {
            error(root, "missing required key \"step\" (a lesson needs at least one [[step]])");
        }

        LessonParse result;
        if (m_errors.empty()) result.lesson = std::move(lesson);
        result.errors = m_errors.takeSorted();
        return result;
    }

private:
    // ------------------------------------------------ errors and typed access

    /// \p at: a SourceLocation, a toml::node or a toml::key.
    template <class At>
    void error(const At& at, std::string message) {
        m_errors.add(at, std::move(message));
    }

    static std::string inWhere(std::string_view where) { return where.empty() ? "" : " in " + std::string(where); }

    void checkKeys(const toml::table& table, const KeyList& allowed, std::string_view where) {
        for (const auto& [key, node] : table) {
            const std::string name(key.str());
            if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
            std::string message = "unknown key " + quote(name) + inWhere(where);
            if (const auto guess = tex::closestName(name, allowed)) {
                message += " (did you mean " + quote(*guess) + "?)";
                m_misspelled.insert({&table, *guess});
            }
            else
                message += " (allowed: " + joined(allowed) + ")";
            error(key, std::move(message));
        }
    }

    /// The node under \p key, reporting a missing required key at the table.
    const toml::node* node(const toml::table& table, std::string_view key, std::string_view where, bool required) {
        const toml::node* found = table.get(key);
        // A key reported as misspelled ("naration") is not reported missing as well.
        if (!found && required && !m_misspelled.contains({&table, std::string(key)}))
            error(table, "missing required key " + quote(key) + inWhere(where));
        return found;
    }

    void wrongType(const toml::node& found, std::string_view key, std::string_view expected) {
        error(found, quote(key) + " must be " + std::string(expected) + ", not " + std::string(typeName(found.type())));
    }

    const toml::value<std::string>* string(const toml::table& table, std::string_view key, std::string_view where,
                                           bool required) {
        const auto* found = node(table, key, where, required);
        if (!found) return nullptr;
        if (const auto* s = found->as_string()) return s;
        wrongType(*found, key, "a string");
        return nullptr;
    }

    const toml::value<std::int64_t>* integer(const toml::table& table, std::string_view key, std::string_view where,
                                             bool required) {
        const auto* found = node(table, key, where, required);
        if (!found) return nullptr;
        if (const auto* i = found->as_integer()) return i;
        wrongType(*found, key, "a whole number");
        return nullptr;
    }

    const toml::value<bool>* boolean(const toml::table& table, std::string_view key, std::string_view where) {
        const auto* found = node(table, key, where, false);
        if (!found) return nullptr;
        if (const auto* b = found->as_boolean()) return b;
        wrongType(*found, key, "true or false");
        return nullptr;
    }

    /// An array of tables (`[[key]]`), or nullptr (reported when present with another type).
    const toml::array* tableArray(const toml::table& table, std::string_view key, std::string_view where) {
        const auto* found = node(table, key, where, false);
        if (!found) return nullptr;
        const auto* array = found->as_array();
        if (!array || !array->is_array_of_tables()) {
            const std::string header = where.empty() ? std::string(key) : "step." + std::string(key);
            error(*found, quote(key) + " must be an array of tables: write [[" + header + "]] headers");
            return nullptr;
        }
        return array;
    }

    // ------------------------------------------------ text checks

    void checkMarkup(const toml::value<std::string>& text) {
        for (const auto& issue : checkNarration(*text))
            error(m_locator.locate(text, *text, issue.offset), issue.message);
    }

    /// The text with its {equations.forward.count}-style placeholders filled from the catalogue;
    /// an unknown one is an error where it stands (lessons/FORMAT.md, "Numbers from the catalogue").
    std::string filled(const toml::value<std::string>& text) {
        FilledText f = fillPlaceholders(*text, *m_vocab);
        for (const auto& issue : f.issues) error(m_locator.locate(text, *text, issue.offset), issue.message);
        return std::move(f.text);
    }

    /// The equation's TeX: first the accidents of TOML strings and unbalanced braces (reported
    /// where they are), then the TeX parser the equation view uses, so an unknown command or a
    /// missing argument is caught here and not in front of a class.
    void checkTex(const toml::value<std::string>& text) {
        const std::string& equation = *text;
        std::vector<std::size_t> open;
        for (std::size_t i = 0; i < equation.size(); ++i) {
            const char c = equation[i];
            if (static_cast<unsigned char>(c) < 0x20) {
                error(m_locator.locate(text, equation, i),
                      "equation contains the control character " + quote(std::string_view(&c, 1)) +
                          ": in a \"...\" TOML string a backslash starts an escape (\\frac, \\times, \\beta); "
                          "double it (\\\\) or use a '...' literal string");
                return;
            }
            if (c == '\\') {
                ++i; // \{ and \} are literal braces
            } else if (c == '{') {
                open.push_back(i);
            } else if (c == '}') {
                if (open.empty()) {
                    error(m_locator.locate(text, equation, i), "unbalanced } in equation (no { before it)");
                    return;
                }
                open.pop_back();
            }
        }
        if (!open.empty()) {
            error(m_locator.locate(text, equation, open.back()), "unclosed { in equation (needs a closing })");
            return;
        }
        try {
            (void)tex::parseEquation(equation);
        } catch (const tex::EquationParseError& e) {
            error(m_locator.locate(text, equation, e.offset()), e.message());
        }
    }

    // ------------------------------------------------ highlights and tensors

    bool knownTensor(const toml::node& at, const std::string& name) {
        if (m_vocab->hasTensor(name)) return true;
        error(at, "unknown tensor " + quote(name) + " (known: " + joined(m_vocab->tensorNames()) + ")");
        return false;
    }

    /// Checks a parsed highlight (or cell) against its tensor's shape.
    bool checkHighlight(const toml::node& at, std::string_view text, const Highlight& h) {
        if (!knownTensor(at, h.tensor)) return false;
        if (h.isSymbol) return true;
        const TensorShape shape = *m_vocab->tensorShape(h.tensor);
        const bool vectorForm = text.find(',') == std::string_view::npos;
        if (vectorForm && shape.cols != 1) {
            error(at, h.tensor + "[i] is only for vectors; " + h.tensor + " is " + shapeText(shape) + ": write " +
                          h.tensor + "[" + std::to_string(*h.row) + ", :] for a row or " + h.tensor + "[" +
                          std::to_string(*h.row) + ", 0] for a cell");
            return false;
        }
        if (h.row && *h.row >= shape.rows) {
            error(at, "row " + std::to_string(*h.row) + " is out of range for " + h.tensor + " (" + shapeText(shape) +
                          ", rows 0-" + std::to_string(shape.rows - 1) + ")");
            return false;
        }
        if (h.col && shape.cols && *h.col >= *shape.cols) {
            error(at, "column " + std::to_string(*h.col) + " is out of range for " + h.tensor + " (" +
                          shapeText(shape) + ", columns 0-" + std::to_string(*shape.cols - 1) + ")");
            return false;
        }
        if (h.followsFocusColumn && !shape.perSample()) {
            error(at, "j (the focused sample column) only fits tensors with one column per sample; " + h.tensor +
                          " is " + shapeText(shape));
            return false;
        }
        return true;
    }

    static std::string highlightForms() { return "write T[i, j], T[i, :], T[:, j], T[i] or symbol:T"; }

    // ------------------------------------------------ step

    LessonStep readStep(const toml::table& table, int number, bool last) {
        const std::string where = "step " + std::to_string(number);
        LessonStep step;
        step.location = locationOf(table);
        checkKeys(table, stepKeys, where);
        // A step with its own network is checked against that network's equations and tensors.
        const NetworkVocabulary* lessonVocabulary = m_vocab;
        std::optional<NetworkVocabulary> stepVocabulary;
        if (const auto* network = string(table, "network", where, false)) {
            try {
                step.network = core::parseRunSpec(**network, lessonVocabulary->config()).config;
                stepVocabulary.emplace(*step.network);
                m_vocab = &*stepVocabulary;
            } catch (const core::RunSpecError& e) {
                error(*network, e.what());
            }
        }
        struct Restore { // back to the lesson's network however the step ends
            const NetworkVocabulary*& vocab;
            const NetworkVocabulary* lesson;
            ~Restore() { vocab = lesson; }
        } restore{m_vocab, lessonVocabulary};
        if (const auto* title = string(table, "title", where, true)) step.title = filled(*title);
        if (const auto* narration = string(table, "narration", where, true)) {
            checkMarkup(*narration);
            step.narration = filled(*narration);
            step.paragraphs = parseNarration(step.narration);
        }
        if (const auto* executes = string(table, "executes", where, false)) {
            if (m_vocab->equation(**executes)) {
                step.executes = **executes;
            } else {
                std::vector<std::string> ids;
                for (const auto& e : m_vocab->equations()) ids.push_back(e.id);
                error(*executes, "unknown equation id " + quote(**executes) + " (known: " + joined(ids) + ")");
            }
        }
        if (const auto* equation = string(table, "equation", where, false)) {
            step.equation = **equation;
            checkTex(*equation);
        }
        if (const auto* notes = string(table, "notes", where, false)) step.notes = filled(*notes);
        if (const auto* list = node(table, "highlight", where, false)) readHighlights(*list, step);
        if (const auto* mode = string(table, "mode", where, false)) {
            if (**mode == "live") {
                step.mode = StepMode::Live;
                if (table.contains("executes"))
                    error(*mode, "a live step cannot execute an equation: drop executes, or drop mode = \"live\"");
            } else if (**mode != "step") {
                error(*mode, "mode must be \"step\" or \"live\", not " + quote(**mode));
            }
        }
        if (const auto* views = tableArray(table, "show", where)) {
            int k = 0;
            for (const auto& view : *views)
                step.views.push_back(readView(*view.as_table(), where + ", show " + std::to_string(++k)));
        }
        if (const auto* errata = tableArray(table, "erratum", where)) {
            int k = 0;
            for (const auto& erratum : *errata)
                step.errata.push_back(readErratum(*erratum.as_table(), where + ", erratum " + std::to_string(++k)));
        }
        if (const auto* actions = tableArray(table, "action", where)) {
            int k = 0;
            for (const auto& action : *actions)
                step.actions.push_back(readAction(*action.as_table(), where + ", action " + std::to_string(++k)));
        }
        addPaperFaithfulToggle(step);
        if (const auto* experiment = node(table, "experiment", where, false)) {
            if (const auto* t = experiment->as_table()) step.experiment = readExperiment(*t, where + ", experiment");
            else wrongType(*experiment, "experiment", "a table ([step.experiment] with name and runs)");
            if (step.experiment) step.actions.push_back({"Run this experiment", ActionKind::Experiment, ""});
        }
        const auto* questions = tableArray(table, "question", where);
        if (questions) {
            int k = 0;
            for (const auto& question : *questions)
                step.questions.push_back(readQuestion(*question.as_table(), step, where + ", question " + std::to_string(++k)));
        }
        if (const auto* check = boolean(table, "check", where)) {
            step.check = **check;
            const std::size_t n = questions ? questions->size() : 0;
            if (step.check && (n < 3 || n > 5))
                error(*check, "an end check (check = true) needs 3 to 5 [[step.question]] tables, not " + std::to_string(n));
            if (step.check && !last)
                error(*check, "the end check (check = true) must be the lesson's last step");
        } else if (questions && questions->size() > 3) {
            error(*questions, "a step asks at most 3 questions (" + std::to_string(questions->size()) +
                                  " here); an end check (check = true) may ask 5");
        }
        return step;
    }

    // An erratum marked paper_faithful promises the learner a switch: when the step has no
    // paper-faithful button of its own, it gets the pair, so the flag always shows on screen.
    static void addPaperFaithfulToggle(LessonStep& step) {
        const bool promised = std::any_of(step.errata.begin(), step.errata.end(),
                                          [](const Erratum& e) { return e.paperFaithful; });
        const bool present = std::any_of(step.actions.begin(), step.actions.end(),
                                         [](const StepAction& a) { return a.kind == ActionKind::PaperFaithful; });
        if (!promised || present) return;
        step.actions.push_back({"Paper-faithful: the script's maths", ActionKind::PaperFaithful, "on"});
        step.actions.push_back({"Corrected maths", ActionKind::PaperFaithful, "off"});
    }

    // ------------------------------------------------ experiment

    Experiment readExperiment(const toml::table& table, const std::string& where) {
        Experiment e;
        e.location = locationOf(table);
        checkKeys(table, experimentKeys, where);
        if (const auto* name = string(table, "name", where, true)) {
            e.name = **name;
            if (e.name.empty()) error(*name, "name must not be empty: it heads the compare screen");
        }
        if (const auto* iterations = integer(table, "iterations", where, false)) {
            if (**iterations < 1 || **iterations > maxExperimentIterations)
                error(*iterations, "iterations must be a whole number from 1 to " + std::to_string(maxExperimentIterations) +
                                       ", not " + std::to_string(**iterations));
            else
                e.iterations = static_cast<long>(**iterations);
        }
        const auto* runs = node(table, "runs", where, true);
        if (!runs) return e;
        const auto* array = runs->as_array();
        if (!array) {
            wrongType(*runs, "runs", "an array of run strings, like [\"hidden=10\", \"hidden=128\"]");
            return e;
        }
        if (array->empty() || array->size() > maxExperimentRuns)
            error(*runs, "runs needs 1 to " + std::to_string(maxExperimentRuns) + " run strings, not " +
                             std::to_string(array->size()));
        const core::NetworkConfig base;
        for (const auto& item : *array) {
            const auto* text = item.as_string();
            if (!text) {
                error(item, "runs entries must be strings such as \"hidden=128\", not " + std::string(typeName(item.type())));
                continue;
            }
            try {
                (void)core::parseRunSpec(**text, base); // the compare screen parses it again, against the same base
                e.runs.push_back(**text);
            } catch (const core::RunSpecError& problem) {
                error(item, problem.what());
            }
        }
        return e;
    }

    void readHighlights(const toml::node& list, LessonStep& step) {
        const auto* array = list.as_array();
        if (!array) {
            wrongType(list, "highlight", "an array of strings, like [\"Z1[3, j]\", \"symbol:W1\"]");
            return;
        }
        for (const auto& item : *array) {
            const auto* text = item.as_string();
            if (!text) {
                error(item, "highlight entries must be strings, like \"Z1[3, j]\", not " +
                                std::string(typeName(item.type())));
                continue;
            }
            const auto h = parseHighlight(**text);
            if (!h) {
                error(item, "bad highlight " + quote(**text) + " (" + highlightForms() + ")");
                continue;
            }
            if (checkHighlight(item, **text, *h)) step.highlights.push_back(*h);
        }
    }

    // ------------------------------------------------ show

    ViewSpec readView(const toml::table& table, const std::string& where) {
        ViewSpec view;
        checkKeys(table, showKeys, where);
        const auto* kindNode = string(table, "view", where, true);
        std::optional<ViewKind> kind;
        if (kindNode) {
            kind = parseViewKind(**kindNode);
            if (kind) {
                view.kind = *kind;
            } else {
                std::vector<std::string> names;
                for (auto k : allViewKinds()) names.emplace_back(toString(k));
                error(*kindNode, "unknown view kind " + quote(**kindNode) + " (known: " + joined(names) + ")");
            }
        }
        std::optional<TensorShape> shape;
        if (const auto* tensor = string(table, "tensor", where, false)) {
            if (knownTensor(*tensor, **tensor)) {
                view.tensor = **tensor;
                shape = m_vocab->tensorShape(view.tensor);
                const auto rule = kind ? tensorRule(*kind) : ViewTensorRule{};
                if (rule.fits && !rule.fits(*m_vocab->tensor(view.tensor), m_vocab->config().layers()))
                    error(*tensor, "view " + quote(toString(*kind)) + " cannot show " + quote(view.tensor) +
                                       " (it shows " + alternatives(fittingTensors(rule, *m_vocab)) + ")");
            }
        } else if (kind && tensorRule(*kind).required) {
            const auto rule = tensorRule(*kind);
            error(table, "view " + quote(toString(*kind)) + " needs a tensor" +
                             (!rule.fits ? std::string(" (tensor = \"...\")")
                                         : ": tensor = " + alternatives([&] {
                                               KeyList q;
                                               for (const auto& a : fittingTensors(rule, *m_vocab)) q.push_back(quote(a));
                                               return q;
                                           }())));
        }
        if (const auto* columns = node(table, "columns", where, false)) readColumns(*columns, view, shape);
        if (const auto* cell = string(table, "cell", where, false)) {
            const auto h = parseHighlight(**cell);
            if (!h || h->isSymbol || !h->row || (!h->col && !h->followsFocusColumn && (**cell).find(',') != std::string::npos)) {
                error(*cell, "cell must name one cell, like \"Z1[3, 0]\" or \"Z1[3, j]\", not " + quote(**cell));
            } else if (checkHighlight(*cell, **cell, *h)) {
                const auto* info = m_vocab->tensor(h->tensor);
                const bool parameter = info && (info->kind == core::TensorKind::Weight || info->kind == core::TensorKind::Bias);
                if (!view.tensor.empty() && h->tensor != view.tensor)
                    error(*cell, "cell " + quote(**cell) + " is not in the view's tensor " + view.tensor);
                else if ((kind == ViewKind::GradientCheck || kind == ViewKind::LossSlice) && !parameter)
                    error(*cell, "the " + std::string(toString(*kind)) +
                                     " view takes a weight or a bias, like \"W1[0, 0]\" or \"b2[3]\", not " + quote(**cell));
                else
                    view.cell = *h;
            }
        }
        if (const auto* caption = string(table, "caption", where, false)) view.caption = **caption;
        if (const auto* title = string(table, "title", where, false)) view.title = **title;
        if (const auto* references = node(table, "reference", where, false)) readReferences(*references, view, where);
        if (kind == ViewKind::LossSlice && !table.contains("cell"))
            error(table, "the loss-slice view needs the weight it varies: cell = \"W2[3, 5]\", say");
        return view;
    }

    void readReferences(const toml::node& list, ViewSpec& view, const std::string& where) {
        const auto* array = list.as_array();
        if (view.kind != ViewKind::LossCurve && view.kind != ViewKind::AccuracyCurve) {
            error(list, "reference points only fit the loss-curve and accuracy-curve views");
            return;
        }
        if (!array) {
            wrongType(list, "reference", "an array of tables, like [{ at = 500, value = 0.85, label = \"paper\" }]");
            return;
        }
        for (const auto& item : *array) {
            const auto* point = item.as_table();
            if (!point) {
                error(item, "each reference point is a table, like { at = 500, value = 0.85, label = \"paper\" }");
                continue;
            }
            checkKeys(*point, referenceKeys, where + ", reference");
            ReferencePoint r;
            bool complete = true;
            for (const char* key : {"at", "value"}) {
                const auto* value = point->get(key);
                const auto number = value ? value->value<double>() : std::nullopt;
                if (!number || !std::isfinite(*number)) {
                    error(value ? *value : item, std::string("reference ") + key + " must be a number");
                    complete = false;
                } else {
                    (std::string_view(key) == "at" ? r.at : r.value) = static_cast<float>(*number);
                }
            }
            if (const auto* label = string(*point, "label", where + ", reference", true)) r.label = **label;
            else complete = false;
            if (complete) view.references.push_back(std::move(r));
        }
    }

    void readColumns(const toml::node& columns, ViewSpec& view, const std::optional<TensorShape>& shape) {
        const auto* array = columns.as_array();
        if (!array || array->size() != 2 || !(*array)[0].is_integer() || !(*array)[1].is_integer()) {
            error(columns, "columns must be [first, count], two whole numbers, like [0, 16]");
            return;
        }
        const auto first = *(*array)[0].value<std::int64_t>();
        const auto count = *(*array)[1].value<std::int64_t>();
        if (first < 0 || first > 1'000'000'000) {
            error((*array)[0], "columns first must be 0 or more, not " + std::to_string(first));
        } else if (count < 1 || count > 1'000'000'000) {
            error((*array)[1], "columns count must be 1 or more, not " + std::to_string(count));
        } else if (shape && !shape->perSample()) {
            error(columns, "columns only fits tensors with one column per sample; " + view.tensor + " is " +
                               shapeText(*shape));
        } else {
            view.columns = ColumnWindow{static_cast<int>(first), static_cast<int>(count)};
        }
    }

    // ------------------------------------------------ erratum

    Erratum readErratum(const toml::table& table, const std::string& where) {
        Erratum erratum;
        checkKeys(table, erratumKeys, where);
        if (const auto* number = integer(table, "number", where, true)) {
            if (**number < 1 || **number > 10)
                error(*number, "erratum number must be 1 to 10 (the paper's ERRATA list), not " +
                                   std::to_string(**number));
            else
                erratum.number = static_cast<int>(**number);
        }
        if (const auto* paper = string(table, "paper", where, true)) {
            erratum.paper = **paper;
            checkMarkup(*paper);
        }
        if (const auto* right = string(table, "right", where, true)) {
            erratum.right = **right;
            checkMarkup(*right);
        }
        if (const auto* faithful = boolean(table, "paper_faithful", where)) erratum.paperFaithful = **faithful;
        return erratum;
    }

    // ------------------------------------------------ question

    Question readQuestion(const toml::table& table, const LessonStep& step, const std::string& where) {
        Question q;
        q.location = locationOf(table);
        checkKeys(table, questionKeys, where);
        std::optional<QuestionKind> kind;
        if (const auto* k = string(table, "kind", where, true)) {
            if (**k == "choice") kind = QuestionKind::Choice;
            else if (**k == "number") kind = QuestionKind::Number;
            else if (**k == "text") kind = QuestionKind::Text;
            else error(*k, "kind must be \"choice\", \"number\" or \"text\", not " + quote(**k));
            if (kind) q.kind = *kind;
        }
        if (const auto* prompt = string(table, "prompt", where, true)) {
            checkMarkup(*prompt);
            q.prompt = filled(*prompt);
            if (q.prompt.empty()) error(*prompt, "prompt must not be empty");
        }
        if (const auto* explain = string(table, "explain", where, true)) {
            checkMarkup(*explain);
            q.explain = filled(*explain);
            if (q.explain.empty()) error(*explain, "explain must not be empty: say why the answer is right");
        }
        if (const auto* reveal = string(table, "reveal", where, false)) {
            checkMarkup(*reveal);
            q.reveal = filled(*reveal);
        }
        if (const auto* hold = node(table, "hold", where, false)) readHold(*hold, step, q);
        const auto* choices = node(table, "choices", where, kind == QuestionKind::Choice);
        const auto* feedback = node(table, "feedback", where, false);
        const auto* tolerance = node(table, "tolerance", where, kind == QuestionKind::Number);
        const auto* answer = node(table, "answer", where, kind.has_value());
        if (!kind) return q;
        if (*kind != QuestionKind::Choice) {
            if (choices) error(*choices, "choices only fit kind = \"choice\"");
            if (feedback) error(*feedback, "feedback only fits kind = \"choice\" (one text per choice)");
        }
        if (*kind != QuestionKind::Number && tolerance)
            error(*tolerance, "tolerance only fits kind = \"number\"");
        switch (*kind) {
        case QuestionKind::Choice:
            if (choices) q.choices = stringList(*choices, "choices", "[\"first\", \"second\"]");
            if (choices && !q.choices.empty() && (q.choices.size() < 2 || q.choices.size() > maxChoices))
                error(*choices, "a choice question needs 2 to " + std::to_string(maxChoices) + " choices, not " +
                                    std::to_string(q.choices.size()));
            if (feedback) {
                q.feedback = stringList(*feedback, "feedback", "[\"why A is wrong\", \"why B is right\"]");
                if (!q.feedback.empty() && q.feedback.size() != q.choices.size())
                    error(*feedback, "feedback needs one text per choice: " + std::to_string(q.choices.size()) +
                                         " choices, " + std::to_string(q.feedback.size()) + " feedback texts");
            }
            if (answer && !q.choices.empty()) {
                const auto* letter = answer->as_string();
                const std::string last(1, static_cast<char>('A' + static_cast<int>(q.choices.size()) - 1));
                if (!letter || (**letter).size() != 1 || (**letter)[0] < 'A' ||
                    (**letter)[0] >= 'A' + static_cast<int>(q.choices.size()))
                    error(*answer, "answer " + (letter ? quote(**letter) : std::string("here")) + " is not among the " +
                                       std::to_string(q.choices.size()) + " choices: write the right choice's letter, \"A\" to \"" +
                                       last + "\"");
                else
                    q.answerIndex = (**letter)[0] - 'A';
            }
            break;
        case QuestionKind::Number:
            if (answer) {
                const auto value = answer->is_number() ? answer->value<double>() : std::nullopt;
                if (!value || !std::isfinite(*value)) wrongType(*answer, "answer", "a number for kind = \"number\"");
                else q.answerNumber = *value;
            }
            if (tolerance) {
                const auto value = tolerance->is_number() ? tolerance->value<double>() : std::nullopt;
                if (!value || !std::isfinite(*value) || *value < 0)
                    error(*tolerance, "tolerance must be a number 0 or more (how far from answer is still right)");
                else q.tolerance = *value;
            }
            break;
        case QuestionKind::Text:
            if (answer) {
                if (answer->as_string()) q.accepted = {**answer->as_string()};
                else q.accepted = stringList(*answer, "answer", "\"word\" or [\"word\", \"other spelling\"]");
                for (const auto& a : q.accepted)
                    if (a.find_first_not_of(' ') == std::string::npos) error(*answer, "an accepted answer must not be empty");
            }
            break;
        }
        return q;
    }

    /// A non-empty array of strings (reported and empty otherwise).
    std::vector<std::string> stringList(const toml::node& list, std::string_view key, std::string_view example) {
        std::vector<std::string> out;
        const auto* array = list.as_array();
        if (!array || array->empty()) {
            error(list, quote(key) + " must be a non-empty array of strings, like " + std::string(example));
            return {};
        }
        for (const auto& item : *array) {
            const auto* text = item.as_string();
            if (!text) {
                error(item, quote(key) + " entries must be strings, not " + std::string(typeName(item.type())));
                return {};
            }
            checkMarkup(*text);
            if ((**text).empty()) error(item, quote(key) + " entries must not be empty");
            out.push_back(filled(*text));
        }
        return out;
    }

    void readHold(const toml::node& list, const LessonStep& step, Question& q) {
        const auto* array = list.as_array();
        if (!array) {
            wrongType(list, "hold", "an array, like [\"views\", \"run\"]");
            return;
        }
        for (const auto& item : *array) {
            const auto* text = item.as_string();
            if (text && **text == "views") {
                if (step.views.empty()) error(item, "hold \"views\" needs [[step.show]] views above the question");
                q.hold.views = true;
            } else if (text && **text == "run") {
                if (!step.executes) error(item, "hold \"run\" needs the step to execute an equation (executes = \"...\")");
                q.hold.run = true;
            } else {
                error(item, "hold entries are \"views\" or \"run\", not " +
                                (text ? quote(**text) : std::string(typeName(item.type()))));
            }
        }
    }

    // ------------------------------------------------ action

    StepAction readAction(const toml::table& table, const std::string& where) {
        StepAction action;
        checkKeys(table, actionKeys, where);
        if (const auto* label = string(table, "label", where, true)) action.label = **label;
        const auto* set = string(table, "set", where, true);
        std::optional<ActionKind> kind;
        if (set) {
            kind = parseActionKind(**set);
            if (kind == ActionKind::Experiment) kind.reset(); // a [step.experiment] table, not an action
            if (!kind) {
                std::vector<std::string> names;
                for (auto k : {ActionKind::Alpha, ActionKind::PaperFaithful, ActionKind::Init, ActionKind::Activation,
                               ActionKind::Hidden, ActionKind::IterationsPerSecond, ActionKind::Reset,
                               ActionKind::Optimizer, ActionKind::DrawDigit})
                    names.emplace_back(toString(k));
                error(*set, "unknown action " + quote(**set) + " (known: " + joined(names) +
                                "; runs side by side go in a [step.experiment] table)");
                return action;
            }
            action.kind = *kind;
        }
        const auto* value = table.get("value");
        if (kind == ActionKind::Reset || kind == ActionKind::DrawDigit) {
            if (value) error(*value, std::string(toString(*kind)) + " takes no value");
            return action;
        }
        if (!kind) return action;
        if (!node(table, "value", where, true)) return action;
        std::string text;
        if (const auto* s = value->as_string()) {
            text = **s;
        } else if (const auto* i = value->as_integer()) {
            text = std::to_string(**i);
        } else if (const auto* f = value->as_floating_point()) {
            char buffer[32];
            const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, **f);
            text.assign(buffer, ec == std::errc{} ? end : buffer);
        } else if (const auto* b = value->as_boolean()) {
            text = **b ? "on" : "off";
        } else {
            wrongType(*value, "value", "a string or a number");
            return action;
        }
        if (auto normalised = checkActionValue(*kind, text))
            action.value = std::move(*normalised);
        else
            error(*value, actionValueHint(*kind) + ", not " + quote(text));
        return action;
    }

    static std::string actionValueHint(ActionKind kind) {
        switch (kind) {
        case ActionKind::Alpha: return "alpha must be a positive number, like \"0.1\"";
        case ActionKind::PaperFaithful: return "paper-faithful must be \"on\" or \"off\"";
        case ActionKind::Init: return "init must be \"uniform\", \"positive\" or \"he\"";
        case ActionKind::Activation: return "activation must be \"relu\", \"sigmoid\", \"tanh\" or \"none\"";
        case ActionKind::Hidden: return "hidden must be layer sizes, like \"10\" or \"128, 64\"";
        case ActionKind::IterationsPerSecond: return "iterations-per-second must be a positive number, like \"30\"";
        case ActionKind::Reset: return "reset takes no value";
        case ActionKind::DrawDigit: return "draw takes no value";
        case ActionKind::Optimizer: return "optimizer must be \"gd\", \"sgd\", \"momentum\" or \"adam\"";
        case ActionKind::Experiment: return "an experiment is a [step.experiment] table";
        }
        return "bad value";
    }

    /// The value normalised for its kind, or empty when it does not fit.
    static std::optional<std::string> checkActionValue(ActionKind kind, std::string text) {
        const auto trimmed = [](std::string_view s) {
            while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
            while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
            return std::string(s);
        };
        text = trimmed(text);
        switch (kind) {
        case ActionKind::Alpha:
        case ActionKind::IterationsPerSecond: {
            double number = 0;
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(number) ||
                number <= 0)
                return std::nullopt;
            return text;
        }
        case ActionKind::PaperFaithful:
            if (text == "on" || text == "true") return std::string("on");
            if (text == "off" || text == "false") return std::string("off");
            return std::nullopt;
        case ActionKind::Init:
            return core::parseInit(text) ? std::optional(text) : std::nullopt;
        case ActionKind::Activation:
            return core::parseActivation(text) ? std::optional(text) : std::nullopt;
        case ActionKind::Optimizer:
            return core::parseOptimizer(text) ? std::optional(text) : std::nullopt;
        case ActionKind::Hidden: {
            std::string normalised;
            std::stringstream parts(text);
            std::string part;
            while (std::getline(parts, part, ',')) {
                part = trimmed(part);
                int size = 0;
                const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), size);
                if (part.empty() || ec != std::errc{} || end != part.data() + part.size() || size < 1 || size > 100000)
                    return std::nullopt;
                normalised += (normalised.empty() ? "" : ",") + std::to_string(size);
            }
            if (normalised.empty() || text.back() == ',') return std::nullopt;
            return normalised;
        }
        case ActionKind::Reset:
        case ActionKind::DrawDigit:
        case ActionKind::Experiment: return std::string();
        }
        return std::nullopt;
    }

    std::filesystem::path m_file;
    TextLocator m_locator;
    const NetworkVocabulary* m_vocab; ///< the lesson's network, or while a step is read, the step's own
    ErrorList m_errors;
    std::set<std::pair<const toml::table*, std::string>> m_misspelled; // table, key a typo stood for
};

} // namespace

// ---------------------------------------------------------------- readLesson

LessonParse readLesson(const std::filesystem::path& file, std::string_view raw, const toml::table& root,
                       const NetworkVocabulary& vocabulary) {
    return LessonReader(file, raw, vocabulary).read(root);
}

} // namespace stepwise::lessons
