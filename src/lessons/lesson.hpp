// The lesson model: what a lesson file (lessons/NN-slug.toml, see lessons/FORMAT.md) says once
// it has been parsed and checked. Plain values that name tensors and equations, never pixels.
// Also the tiny inline grammar of narration (paragraphs, **bold**, *italic*, $math$) and of
// highlights (Z1[3, j], b1[3], symbol:W1). Sections: views, highlights, narration, lesson.
#pragma once

#include "core/network_config.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stepwise::lessons {

/// \brief A place in a lesson file: 1-based line and column (columns count characters).
/// Line 0 means "no particular place" (for example a file that cannot be read).
struct SourceLocation {
    int line = 0;   ///< 1-based line, 0 when unknown
    int column = 0; ///< 1-based column in Unicode characters, 0 when unknown

    /// \brief Equal when line and column are equal.
    bool operator==(const SourceLocation&) const = default;
};

// ---------------------------------------------------------------- views

/// \brief Which drawing a step asks the app to show (`view = "..."` in `[[step.show]]`).
enum class ViewKind {
    Heatmap,         ///< "heatmap": any tensor as a colour grid
    Digits,          ///< "digits": columns of A0 as 28×28 images
    WeightsAsImages, ///< "weights-as-images": rows of W1, dW1 or W1_after as 28×28 images
    Diagram,         ///< "diagram": the network as layers of neurons
    DotProduct,      ///< "dot-product": how one cell of Z1, dW2 or db2 is summed
    ReluMask,        ///< "relu-mask": where Z1 > 0 (the gate of g')
    LossCurve,       ///< "loss-curve": loss over training iterations
    AccuracyCurve,   ///< "accuracy-curve": accuracy over training iterations
    Predictions,     ///< "predictions": images with predicted and true labels
    Confusion,       ///< "confusion": confusion matrix on the dev set
    GradientCheck,   ///< "gradient-check": backprop against finite differences
    ComparePaper,    ///< "compare-paper": corrected math beside the paper-faithful script
    EquationShapes,  ///< "equation-shapes": the matrix shapes of the current equation
    LossSlice,       ///< "loss-slice": L(w) around one weight, its tangent and the step −α·dW
    ImageLoss,       ///< "image-loss": the first images with each one's −log p beside this iteration's L
    WeightsChange    ///< "weights-change": W1 now minus W1 at initialisation, rows as 28×28 images
};

/// \brief The file spelling of \p kind, e.g. "weights-as-images".
[[nodiscard]] std::string_view toString(ViewKind kind);
/// \brief Parses the file spelling of a view kind; empty when \p name is not one.
[[nodiscard]] std::optional<ViewKind> parseViewKind(std::string_view name);
/// \brief Every view kind, in the order the format lists them.
[[nodiscard]] const std::vector<ViewKind>& allViewKinds();

/// \brief A window of sample columns `[first, count]` for tensors with one column per sample.
struct ColumnWindow {
    int first = 0; ///< first sample column shown
    int count = 0; ///< number of columns shown (at least 1)

    /// \brief Equal when both fields are equal.
    bool operator==(const ColumnWindow&) const = default;
};

// ---------------------------------------------------------------- highlights

/// \brief Something a step points at: a cell, a row, a column of a tensor, or an equation symbol.
///
/// Written `T[i, j]`, `T[i, :]`, `T[:, j]`, `T[i]` (vectors) or `symbol:T`. An empty row means
/// every row; an empty col means every column — or, when followsFocusColumn is set, the sample
/// column the learner has focused (the letter `j` in the file). `b1[3]` has row 3 and no col:
/// the whole (single-column) row.
struct Highlight {
    std::string tensor;              ///< tensor name, e.g. "W1", "Z1", "b1"
    std::optional<int> row;          ///< row index, empty for ":" (every row)
    std::optional<int> col;          ///< column index, empty for ":" or for the focused column
    bool isSymbol = false;           ///< `symbol:T`: the symbol T in the step's equation, no cells
    bool followsFocusColumn = false; ///< the column is the learner's focused sample column (`j`)

    /// \brief Equal when every field is equal.
    bool operator==(const Highlight&) const = default;
};

/// \brief Parses the highlight syntax; empty when \p text is not one of the accepted forms.
///
/// Only the syntax is checked here (spaces around indices are allowed); whether the tensor
/// exists and the indices fit its shape is the parser's job. The letter `j` is accepted in the
/// column position only.
[[nodiscard]] std::optional<Highlight> parseHighlight(std::string_view text);
/// \brief The canonical spelling of \p highlight, e.g. "Z1[3, j]", "W1[3, :]", "symbol:W1".
/// A row of a vector is spelled like a row of a matrix: `b1[3]` comes back as "b1[3, :]".
[[nodiscard]] std::string toString(const Highlight& highlight);

// ---------------------------------------------------------------- narration

/// \brief A stretch of narration in one style. Math runs hold TeX and are never bold or italic.
struct TextRun {
    std::string text;    ///< the words, or the TeX between the dollars for a math run
    bool bold = false;   ///< inside `**…**`
    bool italic = false; ///< inside `*…*`
    bool math = false;   ///< inside `$…$`, to be typeset by the equation view

    /// \brief Equal when every field is equal.
    bool operator==(const TextRun&) const = default;
};

/// \brief One paragraph of narration: its runs in reading order.
struct Paragraph {
    std::vector<TextRun> runs; ///< adjacent runs always differ in style

    /// \brief Equal when the runs are equal.
    bool operator==(const Paragraph&) const = default;
};

/// \brief Splits narration into paragraphs of styled runs.
///
/// Paragraphs are separated by blank lines; the lines of a paragraph are joined by one space.
/// `**` toggles bold, `*` italic, `$…$` is math (its content is kept verbatim). A `*` that
/// cannot open or close (spaces on both sides, as in `2 * 3`) is kept as text; `\$`, `\*` and
/// `\\` outside math are literal characters. Never fails: a marker left open runs to the end
/// of its paragraph (checkNarration() reports it). Any thread.
[[nodiscard]] std::vector<Paragraph> parseNarration(std::string_view narration);

/// \brief A problem in narration text, at a byte offset of the text.
struct NarrationIssue {
    std::size_t offset = 0; ///< byte offset in the narration of the offending character
    std::string message;    ///< one line, e.g. "unclosed $ (inline math needs a closing $)"
};

/// \brief The problems parseNarration() would paper over: unclosed `$`, `**` or `*`, empty
/// `$$`, control characters that betray a TeX backslash eaten by a TOML "…" string
/// (backspace from `\beta`, form feed from `\frac`, tab or carriage return inside math), and
/// math the TeX parser rejects (`\foo: unknown command`, `\frac needs two arguments, …`),
/// at the offending character. Any thread.
[[nodiscard]] std::vector<NarrationIssue> checkNarration(std::string_view narration);

// ---------------------------------------------------------------- lesson

/// \brief One "The paper says… / What is right…" note (`[[step.erratum]]`).
struct Erratum {
    int number = 0;             ///< item of the paper's ERRATA list, 1–10
    std::string paper;          ///< what the paper or its script does
    std::string right;          ///< what is right
    bool paperFaithful = false; ///< the learner may switch on paper-faithful mode here to compare
};

/// \brief What an on-screen button changes (`set = "..."` in `[[step.action]]`).
enum class ActionKind {
    Alpha,               ///< "alpha": learning rate α, value a positive number
    PaperFaithful,       ///< "paper-faithful": value "on" or "off"
    Init,                ///< "init": value "uniform", "positive" or "he"
    Activation,          ///< "activation": value "relu", "sigmoid", "tanh" or "none"
    Hidden,              ///< "hidden": hidden layer sizes, value like "10" or "128, 64"
    IterationsPerSecond, ///< "iterations-per-second": training speed, a positive number
    Reset,               ///< "reset": fresh weights, no value
    Optimizer,           ///< "optimizer": "gd", "sgd", "momentum" or "adam" (α becomes its default)
    DrawDigit,           ///< "draw": opens the draw-a-digit screen on the live network, no value
    Experiment           ///< not written in files: the button a `[step.experiment]` gets (opens the compare screen)
};

/// \brief The file spelling of \p kind, e.g. "iterations-per-second".
[[nodiscard]] std::string_view toString(ActionKind kind);
/// \brief Parses the file spelling of an action; empty when \p name is not one.
[[nodiscard]] std::optional<ActionKind> parseActionKind(std::string_view name);

/// \brief An on-screen button of a step (`[[step.action]]`).
struct StepAction {
    std::string label;                   ///< button text, e.g. "Try α = 10"
    ActionKind kind = ActionKind::Reset; ///< what it sets
    /// \brief The value, checked for its kind and normalised: numbers as written, paper-faithful
    /// as "on"/"off", hidden as "128,64", empty for reset.
    std::string value;
};

/// \brief How a question is answered (`kind = "..."` in `[[step.question]]`).
enum class QuestionKind {
    Choice, ///< "choice": pick one of the choices (keys 1–6 or A–F, or a click)
    Number, ///< "number": type a number, right within a tolerance
    Text    ///< "text": type a short answer, right when it matches an accepted one
};

/// \brief What a question holds back until it is answered (`hold = [...]`).
struct QuestionHold {
    bool views = false; ///< "views": the step's [[step.show]] panels
    bool run = false;   ///< "run": running the step's `executes` equation
    /// \brief Equal when both are equal.
    bool operator==(const QuestionHold&) const = default;
};

/// \brief A question the learner answers before the step reveals the rest (`[[step.question]]`).
struct Question {
    QuestionKind kind = QuestionKind::Choice; ///< how it is answered
    std::string prompt;                       ///< the question, narration markup
    std::vector<std::string> choices;         ///< Choice: the options, shown as A, B, C…
    std::vector<std::string> feedback;        ///< Choice: optional words for each choice (empty or one per choice)
    int answerIndex = 0;                      ///< Choice: the right option, 0-based (the file writes its letter)
    double answerNumber = 0.0;                ///< Number: the right value
    double tolerance = 0.0;                   ///< Number: accepted distance from answerNumber (≥ 0)
    std::vector<std::string> accepted;        ///< Text: accepted answers (case, outer spaces and doubled spaces ignored)
    std::string explain;                      ///< why the answer is right, shown after any answer
    std::string reveal;                       ///< more text shown once answered, may be empty
    QuestionHold hold;                        ///< what waits for the answer
    SourceLocation location;                  ///< where its `[[step.question]]` header is
};

/// \brief The file spelling of \p kind: "choice", "number" or "text".
[[nodiscard]] std::string_view toString(QuestionKind kind);

/// \brief Who moves the picture during a step.
enum class StepMode {
    Step, ///< the learner drives the stepper (the default)
    Live  ///< show the newest training snapshot while training runs
};

/// \brief A marked point on a curve view (`reference = [{ at = 500, value = 0.85, label = "…" }]`),
/// e.g. what the paper reports at an iteration.
struct ReferencePoint {
    float at = 0.f;    ///< the iteration
    float value = 0.f; ///< the value there (a fraction 0…1 for accuracy)
    std::string label; ///< its legend text, e.g. "paper: 85 % at 500"
    /// \brief Equal when all three are equal.
    bool operator==(const ReferencePoint&) const = default;
};

/// \brief One view a step shows (`[[step.show]]`).
struct ViewSpec {
    ViewKind kind = ViewKind::Heatmap;   ///< which drawing
    std::string tensor;                  ///< tensor it draws, empty when the view takes none
    std::optional<ColumnWindow> columns; ///< sample-column window, for one-column-per-sample tensors
    std::optional<Highlight> cell;       ///< focused cell (dot-product), never a symbol
    std::string caption;                 ///< text under the view, may be empty
    std::string title;                   ///< panel title; empty: the view's own (the tensor's name)
    std::vector<ReferencePoint> references; ///< marked points, for loss-curve and accuracy-curve
};

/// \brief A comparison a step offers (`[step.experiment]`): its runs train side by side on the
/// compare screen, from one seed and data split, when the learner presses its button.
struct Experiment {
    std::string name;              ///< heading on the compare screen, e.g. "Wider and deeper"
    long iterations = 500;         ///< iterations each run trains
    std::vector<std::string> runs; ///< run specs as written (core::parseRunSpec accepts each), 1 to 6
    SourceLocation location;       ///< where its `[step.experiment]` header is
};

/// \brief One step of a lesson (`[[step]]`).
struct LessonStep {
    std::string title;                   ///< heading, plain text
    std::string narration;               ///< narration as written in the file
    std::vector<Paragraph> paragraphs;   ///< narration parsed by parseNarration()
    std::optional<std::string> executes; ///< equation id run on the live network, e.g. "forward.z1"
    /// \brief The file's own `equation` TeX, empty when the file has none. What the step shows is
    /// equationTex(), which falls back on the executed equation's TeX for the running network.
    std::string equation;
    std::string notes;                   ///< presenter notes, may be empty
    std::vector<Highlight> highlights;   ///< what to emphasise, in file order
    StepMode mode = StepMode::Step;      ///< who moves the picture
    std::vector<ViewSpec> views;         ///< views, drawn in order
    std::vector<Erratum> errata;         ///< paper-versus-right notes
    std::vector<StepAction> actions;     ///< buttons
    std::vector<Question> questions;     ///< questions asked in order before the step reveals the rest
    bool check = false;                  ///< the lesson's end check: 3 to 5 questions and a score
    std::optional<Experiment> experiment; ///< runs to compare; the step then has a "Run this experiment" button
    /// \brief The network the step needs (key `network`, a run string on top of the paper's
    /// network, e.g. "optimizer=adam"): the window switches to it on arriving at the step and
    /// gives the earlier network back when the learner moves on to a step without one. The
    /// step's equation ids and tensor names are checked against this network.
    std::optional<core::NetworkConfig> network;
    SourceLocation location;             ///< where its `[[step]]` header is

    /// \brief TeX shown for the step on network \p config: the file's `equation`, else the
    /// catalogue's TeX of the executed equation for \p config (its activation, depth and
    /// paper-faithful mode), else empty (no equation).
    [[nodiscard]] std::string equationTex(const core::NetworkConfig& config) const;
};

/// \brief One lesson file, parsed and checked.
struct Lesson {
    std::string id;                 ///< unique id, [a-z0-9-]+, e.g. "forward"
    std::string title;              ///< title for the menu
    int order = 0;                  ///< position in the lesson list (unique, ≥ 0)
    std::string summary;            ///< one sentence for the menu and the docs
    std::vector<LessonStep> steps;  ///< at least one
    std::filesystem::path file;     ///< the file it was read from
    SourceLocation idLocation;      ///< where the id value is (for duplicate-id errors)
    SourceLocation orderLocation;   ///< where the order value is (for duplicate-order errors)
};

/// \brief Words a learner reads in \p lesson: every step's narration and its questions' prompts,
/// choices and explanations (whitespace-separated tokens, markup included).
[[nodiscard]] std::size_t wordCount(const Lesson& lesson);
/// \brief Words in one step's narration (the projector limit is 130).
[[nodiscard]] std::size_t wordCount(const LessonStep& step);
/// \brief Reading words per minute behind readingMinutes(): a careful pace for technical text
/// with equations, slower than the 200–250 of plain prose.
inline constexpr std::size_t kReadingWordsPerMinute = 150;
/// \brief Minutes to read \p lesson at kReadingWordsPerMinute, rounded up (at least 1); the
/// menu shows it beside the lesson.
[[nodiscard]] int readingMinutes(const Lesson& lesson);

} // namespace stepwise::lessons
