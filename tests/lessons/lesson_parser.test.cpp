// Lesson files → model: the committed good fixtures parse into exactly what they say, and
// every kind of mistake is reported at its exact FILE:LINE:COLUMN with its exact message.
#include "lessons/lesson_parser.hpp"

#include "lesson_files.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace stepwise::lessons;
using stepwise::test::goodLessonsDir;
using stepwise::test::scratchDir;
using stepwise::test::writeFile;

namespace {

/// A valid lesson header; error cases append their broken step after it (line 6 onwards).
const std::string header = "id = \"forward\"\n"                 // 1
                           "title = \"Forward propagation\"\n"   // 2
                           "order = 3\n"                         // 3
                           "summary = \"Pixels to digits.\"\n"   // 4
                           "\n";                                 // 5

struct ErrorCase {
    std::string name;    ///< what is broken
    std::string text;    ///< the whole file
    int line;            ///< where the first error must be
    int column;
    std::string message; ///< its exact message
};

} // namespace

TEST_CASE("[lessons] good fixture files parse into the model") {
    const auto welcome = loadLesson(goodLessonsDir() / "01-welcome.toml");
    CHECK(welcome.id == "welcome");
    CHECK(welcome.title == "Welcome");
    CHECK(welcome.order == 1);
    CHECK(welcome.summary == "What the network is and what it will learn.");
    CHECK(welcome.file == goodLessonsDir() / "01-welcome.toml");
    CHECK(welcome.idLocation == SourceLocation{2, 6});
    CHECK(welcome.orderLocation == SourceLocation{4, 9});
    REQUIRE(welcome.steps.size() == 2);

    const auto& intro = welcome.steps[0];
    CHECK(intro.title == "A network that reads digits");
    CHECK(intro.location == SourceLocation{7, 1});
    CHECK_FALSE(intro.executes);
    CHECK(intro.equation.empty());
    CHECK(intro.mode == StepMode::Step);
    CHECK(intro.notes == "Ask who has seen MNIST before.");
    REQUIRE(intro.paragraphs.size() == 2);
    CHECK(intro.paragraphs[0].runs == std::vector<TextRun>{{"Each image is ", false, false, false},
                                                           {"784 pixels", true, false, false},
                                                           {", one column of ", false, false, false},
                                                           {"A^{0}", false, false, true},
                                                           {".", false, false, false}});
    REQUIRE(intro.views.size() == 1);
    CHECK(intro.views[0].kind == ViewKind::Digits);
    CHECK(intro.views[0].tensor == "A0");
    CHECK(intro.views[0].columns == ColumnWindow{0, 8});
    CHECK(intro.views[0].caption == "The first eight images of the batch");

    const auto& live = welcome.steps[1];
    CHECK(live.mode == StepMode::Live);
    REQUIRE(live.views.size() == 1);
    CHECK(live.views[0].kind == ViewKind::LossCurve);
    CHECK(live.views[0].tensor.empty());
    REQUIRE(live.errata.size() == 1);
    CHECK(live.errata[0].number == 7);
    CHECK(live.errata[0].paper == "The script divides the gradients by all 42,000 rows.");
    CHECK(live.errata[0].right == "Divide by $m$, the number of columns in the batch.");
    CHECK(live.errata[0].paperFaithful);
    REQUIRE(live.actions.size() == 4); // its two buttons, then the paper-faithful pair the erratum asks for
    CHECK(live.actions[2].kind == ActionKind::PaperFaithful);
    CHECK(live.actions[0].label == "Try α = 10");
    CHECK(live.actions[0].kind == ActionKind::Alpha);
    CHECK(live.actions[0].value == "10");
    CHECK(live.actions[1].kind == ActionKind::Reset);
    CHECK(live.actions[1].value.empty());

    const auto forward = loadLesson(goodLessonsDir() / "02-forward.toml");
    REQUIRE(forward.steps.size() == 4);
    const auto& input = forward.steps[0];
    CHECK(input.executes == "forward.a0");
    CHECK(input.equation.empty()); // no TeX of its own in the file...
    CHECK(input.equationTex({}) == "A^{0} = X"); // ...so it shows the executed equation's, from the catalogue
    const auto& z1 = forward.steps[1];
    CHECK(z1.title == "Z¹ = W¹A⁰ + b¹: every hidden neuron scores every image");
    CHECK(z1.executes == "forward.z1");
    CHECK(z1.equationTex({}) == "Z^{1} = W^{1} A^{0} + b^{1}");
    CHECK(z1.highlights == std::vector<Highlight>{{"Z1", 3, std::nullopt, false, true},
                                                  {"W1", 3, std::nullopt, false, false},
                                                  {"A0", std::nullopt, std::nullopt, false, true},
                                                  {"b1", 3, std::nullopt, false, false},
                                                  {"W1", std::nullopt, std::nullopt, true, false}});
    REQUIRE(z1.views.size() == 2);
    CHECK(z1.views[0].kind == ViewKind::DotProduct);
    CHECK(z1.views[0].cell == Highlight{"Z1", 3, 0, false, false});
    CHECK(z1.views[1].columns == ColumnWindow{0, 16});
    CHECK(z1.paragraphs.size() == 2);
    CHECK_FALSE(forward.steps[2].executes);
    CHECK(forward.steps[3].views[0].kind == ViewKind::ReluMask);
}

TEST_CASE("[lessons] each mistake is reported at its file:line:column with its message") {
    const std::vector<ErrorCase> cases{
        {"TOML syntax error", header + "[[step]]\ntitle = \"Oops\nnarration = \"x\"\n", 7, 14,
         "Error while parsing string: unescaped control characters other than TAB (U+0009) are explicitly "
         "prohibited (a \"...\" string must close on its line; use \"\"\"...\"\"\" for text over several lines)"},
        {"TeX backslash in a basic string",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"\"\"\nthe $\\sum$ of it\n\"\"\"\n", 9, 7,
         "Error while parsing string: unknown escape sequence '\\s' (TeX in a \"...\" string? double the "
         "backslash or use a '...' literal string)"},
        {"unknown key", header + "[[step]]\ntitle = \"t\"\nnaration = \"x\"\n", 8, 1,
         "unknown key \"naration\" in step 1 (did you mean \"narration\"?)"},
        {"unknown key at the top", header + "colour = \"red\"\n[[step]]\ntitle = \"t\"\nnarration = \"x\"\n", 6, 1,
         "unknown key \"colour\" (allowed: id, title, order, summary, step)"},
        {"missing lesson title", "id = \"forward\"\norder = 3\nsummary = \"s\"\n[[step]]\ntitle = \"t\"\nnarration = \"x\"\n",
         1, 1, "missing required key \"title\""},
        {"missing step title", header + "[[step]]\nnarration = \"x\"\n", 6, 1,
         "missing required key \"title\" in step 1"},
        {"no steps", header, 1, 1, "missing required key \"step\" (a lesson needs at least one [[step]])"},
        {"step as a plain table", header + "[step]\ntitle = \"t\"\nnarration = \"x\"\n", 6, 1,
         "\"step\" must be an array of tables: write [[step]] headers"},
        {"wrong type", "id = \"forward\"\ntitle = \"t\"\norder = \"3\"\nsummary = \"s\"\n[[step]]\ntitle = \"t\"\nnarration = \"x\"\n",
         3, 9, "\"order\" must be a whole number, not a string"},
        {"bad id", "id = \"Forward\"\ntitle = \"t\"\norder = 3\nsummary = \"s\"\n[[step]]\ntitle = \"t\"\nnarration = \"x\"\n",
         1, 6, "id must be lowercase letters, digits and dashes ([a-z0-9-]+), not \"Forward\""},
        {"unknown tensor", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"heatmap\"\n  tensor = \"Z3\"\n",
         11, 12,
         "unknown tensor \"Z3\" (known: A0, W1, b1, W2, b2, Z1, A1, Z2, A2, Y, L, dZ2, dW2, db2, dZ1, dW1, db1, "
         "W1_after, b1_after, W2_after, b2_after)"},
        {"unknown equation id", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nexecutes = \"forward.z3\"\n", 9,
         12,
         "unknown equation id \"forward.z3\" (known: forward.a0, forward.z1, forward.a1, forward.z2, forward.a2, "
         "loss.y, loss.ce, backward.dz2, backward.dw2, backward.db2, backward.dz1, backward.dw1, backward.db1, "
         "update.w1, update.b1, update.w2, update.b2)"},
        {"unknown view kind", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"heatmapp\"\n",
         10, 10,
         "unknown view kind \"heatmapp\" (known: heatmap, digits, weights-as-images, diagram, dot-product, "
         "relu-mask, loss-curve, accuracy-curve, predictions, confusion, gradient-check, compare-paper, "
         "equation-shapes, loss-slice, image-loss, weights-change)"},
        {"view without its tensor", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"digits\"\n",
         9, 3, "view \"digits\" needs a tensor: tensor = \"A0\""},
        {"view with a tensor it cannot draw",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"weights-as-images\"\n  tensor = \"W2\"\n",
         11, 12, "view \"weights-as-images\" cannot show \"W2\" (it shows W1, dW1 or W1_after)"},
        {"dot-product on a tensor that is no sum",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"dot-product\"\n  tensor = \"A1\"\n",
         11, 12, "view \"dot-product\" cannot show \"A1\" (it shows Z1, dW2, db2 or db1)"},
        {"reference points on a heatmap",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"heatmap\"\n  tensor = \"Z1\"\n"
                  "  reference = [{ at = 500, value = 0.85, label = \"paper\" }]\n",
         12, 15, "reference points only fit the loss-curve and accuracy-curve views"},
        {"reference point without a number",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"accuracy-curve\"\n"
                  "  reference = [{ at = \"500\", value = 0.85, label = \"paper\" }]\n",
         11, 23, "reference at must be a number"},
        {"bad highlight syntax", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nhighlight = [\"Z1[3, 0]\", \"Z1[3 j]\"]\n",
         9, 26, "bad highlight \"Z1[3 j]\" (write T[i, j], T[i, :], T[:, j], T[i] or symbol:T)"},
        {"row out of range", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nhighlight = [\"W1[10, 0]\"]\n", 9, 14,
         "row 10 is out of range for W1 (10x784, rows 0-9)"},
        {"column out of range", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nhighlight = [\"W1[0, 784]\"]\n", 9,
         14, "column 784 is out of range for W1 (10x784, columns 0-783)"},
        {"vector index on a matrix", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nhighlight = [\"W1[3]\"]\n", 9,
         14, "W1[i] is only for vectors; W1 is 10x784: write W1[3, :] for a row or W1[3, 0] for a cell"},
        {"focused column on a fixed-width tensor",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nhighlight = [\"W1[3, j]\"]\n", 9, 14,
         "j (the focused sample column) only fits tensors with one column per sample; W1 is 10x784"},
        {"unknown placeholder in narration",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"\"\"\nThe pass has {equations.frward.count} steps.\n\"\"\"\n", 9, 14,
         "unknown placeholder {equations.frward.count} (known: {equations.count}, {parameters.count}, "
         "{equations.forward.count}, {equations.loss.count}, {equations.backward.count}, {equations.update.count})"},
        {"gradient-check cell that is not a parameter",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"gradient-check\"\n  cell = \"Z1[3, 0]\"\n",
         11, 10, "the gradient-check view takes a weight or a bias, like \"W1[0, 0]\" or \"b2[3]\", not \"Z1[3, 0]\""},
        {"loss-slice cell that is not a parameter",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"loss-slice\"\n  cell = \"A1[3, 0]\"\n",
         11, 10, "the loss-slice view takes a weight or a bias, like \"W1[0, 0]\" or \"b2[3]\", not \"A1[3, 0]\""},
        {"loss-slice without its weight",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"loss-slice\"\n",
         9, 3, "the loss-slice view needs the weight it varies: cell = \"W2[3, 5]\", say"},
        {"cell outside the view's tensor",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"dot-product\"\n  tensor = \"Z1\"\n  cell = \"W1[3, 0]\"\n",
         12, 10, "cell \"W1[3, 0]\" is not in the view's tensor Z1"},
        {"columns on a fixed-width tensor",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.show]]\n  view = \"heatmap\"\n  tensor = \"W1\"\n  columns = [0, 16]\n",
         12, 13, "columns only fits tensors with one column per sample; W1 is 10x784"},
        {"unbalanced $", header + "[[step]]\ntitle = \"t\"\nnarration = \"\"\"\nFirst paragraph.\n\nIts score is $Z^{1} for now.\n\"\"\"\n",
         11, 14, "unclosed $ (inline math needs a closing $; write \\$ for a dollar sign)"},
        {"unbalanced $ after non-ASCII text",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"Z¹ = W¹A⁰ \\u00b7 $x\"\n", 8, 31,
         "unclosed $ (inline math needs a closing $; write \\$ for a dollar sign)"},
        {"unbalanced **", header + "[[step]]\ntitle = \"t\"\nnarration = '''\nEvery neuron scores **every image.\n'''\n", 9,
         21, "unclosed ** (bold needs a closing **; write \\* for a literal star)"},
        {"unbalanced * in an erratum",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.erratum]]\n  number = 6\n  paper = \"a *scalar bias\"\n  right = \"a vector\"\n",
         11, 14, "unclosed * (italic needs a closing *; write \\* for a literal star)"},
        {"TeX eaten by a basic string", header + "[[step]]\ntitle = \"t\"\nnarration = \"costs $2 \\times 3$\"\n", 8, 23,
         "a tab (\\t, as in \\times): in a \"...\" TOML string a backslash starts an escape; double it (\\\\) or "
         "use a '...' literal string"},
        {"unbalanced brace in equation", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nequation = 'Z^{1 = W'\n", 9,
         15, "unclosed { in equation (needs a closing })"},
        {"unknown command in the equation", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nequation = '\\sum_j \\fooo{1}'\n",
         9, 20, "\\fooo: unknown command"},
        {"unknown command in multi-line basic narration",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"\"\"\nFirst line.\nThen $a \\\\cdot \\\\fracc{1}{2}$.\n\"\"\"\n", 10, 16,
         "\\fracc: unknown command (did you mean \\frac?)"},
        {"missing argument in an erratum",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.erratum]]\n  number = 6\n  paper = 'the paper writes $\\frac{1}$'\n  right = \"r\"\n",
         11, 38, "\\frac needs two arguments, {numerator}{denominator}; the denominator is missing"},
        {"live step that executes", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nexecutes = \"forward.z1\"\nmode = \"live\"\n",
         10, 8, "a live step cannot execute an equation: drop executes, or drop mode = \"live\""},
        {"bad mode", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nmode = \"auto\"\n", 9, 8,
         "mode must be \"step\" or \"live\", not \"auto\""},
        {"erratum number out of range",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.erratum]]\n  number = 11\n  paper = \"p\"\n  right = \"r\"\n",
         10, 12, "erratum number must be 1 to 10 (the paper's ERRATA list), not 11"},
        {"unknown action", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.action]]\n  label = \"Go\"\n  set = \"speed\"\n",
         11, 9,
         "unknown action \"speed\" (known: alpha, paper-faithful, init, activation, hidden, iterations-per-second, "
         "reset, optimizer, draw; runs side by side go in a [step.experiment] table)"},
        {"bad action value",
         header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.action]]\n  label = \"Go\"\n  set = \"activation\"\n  value = \"softplus\"\n",
         12, 11, "activation must be \"relu\", \"sigmoid\", \"tanh\" or \"none\", not \"softplus\""},
        {"action without value", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n  [[step.action]]\n  label = \"Go\"\n  set = \"alpha\"\n",
         9, 3, "missing required key \"value\" in step 1, action 1"},
    };
    const auto dir = scratchDir("lessons-errors");
    int index = 0;
    for (const auto& c : cases) {
        INFO(c.name);
        const auto file = writeFile(dir / ("case-" + std::to_string(++index) + ".toml"), c.text);
        const auto parsed = parseLessonFile(file);
        CHECK_FALSE(parsed.lesson);
        REQUIRE_FALSE(parsed.errors.empty());
        const auto& first = parsed.errors.front();
        CHECK(first.file() == file);
        CHECK(first.line() == c.line);
        CHECK(first.column() == c.column);
        CHECK(first.message() == c.message);
        CHECK(std::string(first.what()) ==
              file.string() + ":" + std::to_string(c.line) + ":" + std::to_string(c.column) + ": " + c.message);
        // loadLesson throws exactly that first error.
        try {
            (void)loadLesson(file);
            FAIL("loadLesson accepted a broken file");
        } catch (const LessonError& e) {
            CHECK(std::string(e.what()) == first.what());
        }
    }
}

TEST_CASE("[lessons] one file reports all its problems in line order") {
    const auto file = writeFile(scratchDir("lessons-many-errors") / "many.toml",
                                header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nexecutes = \"nope\"\n"
                                         "highlight = [\"Q1[0, 0]\"]\n\n[[step]]\nnaration = \"y\"\n");
    const auto parsed = parseLessonFile(file);
    REQUIRE(parsed.errors.size() == 4);
    CHECK(parsed.errors[0].line() == 9);  // executes
    CHECK(parsed.errors[1].line() == 10); // highlight
    CHECK(parsed.errors[2].message() == "missing required key \"title\" in step 2");
    CHECK(parsed.errors[3].message() == "unknown key \"naration\" in step 2 (did you mean \"narration\"?)");
}

TEST_CASE("[lessons] an unreadable file is one error without a position") {
    const auto missing = scratchDir("lessons-missing-file") / "nope.toml";
    const auto parsed = parseLessonFile(missing);
    REQUIRE(parsed.errors.size() == 1);
    CHECK(parsed.errors[0].line() == 0);
    CHECK(std::string(parsed.errors[0].what()) == missing.string() + ": cannot read the file");
}

TEST_CASE("[lessons] action values are checked and normalised") {
    const auto file = writeFile(scratchDir("lessons-actions") / "actions.toml",
                                header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n"
                                         "action = [{label = \"a\", set = \"alpha\", value = 0.5},\n"
                                         "          {label = \"b\", set = \"paper-faithful\", value = true},\n"
                                         "          {label = \"c\", set = \"hidden\", value = \"128, 64\"},\n"
                                         "          {label = \"d\", set = \"init\", value = \"he\"},\n"
                                         "          {label = \"e\", set = \"iterations-per-second\", value = 30}]\n");
    const auto lesson = loadLesson(file);
    const auto& actions = lesson.steps.at(0).actions;
    REQUIRE(actions.size() == 5);
    CHECK(actions[0].value == "0.5");
    CHECK(actions[1].kind == ActionKind::PaperFaithful);
    CHECK(actions[1].value == "on");
    CHECK(actions[2].value == "128,64");
    CHECK(actions[3].value == "he");
    CHECK(actions[4].value == "30");
}

TEST_CASE("[lessons] a paper_faithful erratum gives its step the two paper-faithful buttons") {
    const std::string erratum = "erratum = [{number = 6, paper = \"p\", right = \"r\", paper_faithful = true}]\n";
    const auto file = writeFile(scratchDir("lessons-faithful") / "faithful.toml",
                                header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n" + erratum +
                                         "\n[[step]]\ntitle = \"u\"\nnarration = \"y\"\n" + erratum +
                                         "action = [{label = \"mine\", set = \"paper-faithful\", value = \"on\"}]\n"
                                         "\n[[step]]\ntitle = \"v\"\nnarration = \"z\"\n"
                                         "erratum = [{number = 2, paper = \"p\", right = \"r\"}]\n");
    const auto lesson = loadLesson(file);
    const auto& added = lesson.steps.at(0).actions;
    REQUIRE(added.size() == 2);
    CHECK(added[0].label == "Paper-faithful: the script's maths");
    CHECK(added[0].kind == ActionKind::PaperFaithful);
    CHECK(added[0].value == "on");
    CHECK(added[1].label == "Corrected maths");
    CHECK(added[1].value == "off");
    REQUIRE(lesson.steps.at(1).actions.size() == 1); // the step's own button is kept, nothing added
    CHECK(lesson.steps.at(1).actions[0].label == "mine");
    CHECK(lesson.steps.at(2).actions.empty());       // an erratum without the flag adds nothing
}

TEST_CASE("[lessons] library loads a folder sorted by order and collects every error") {
    SECTION("good fixtures") {
        const auto library = loadLibrary(goodLessonsDir());
        CHECK(library.errors.empty());
        REQUIRE(library.lessons.size() == 2);
        CHECK(library.lessons[0].id == "welcome");
        CHECK(library.lessons[1].id == "forward");
        CHECK(library.stepCount() == 6);
    }
    SECTION("order decides, not file names; errors from every file; duplicates") {
        const auto dir = scratchDir("lessons-library");
        auto lesson = [](const std::string& id, int order) {
            return "id = \"" + id + "\"\ntitle = \"T\"\norder = " + std::to_string(order) +
                   "\nsummary = \"S\"\n[[step]]\ntitle = \"t\"\nnarration = \"x\"\n";
        };
        writeFile(dir / "01-b.toml", lesson("b", 20));
        writeFile(dir / "02-a.toml", lesson("a", 10));
        writeFile(dir / "03-broken.toml", "id = \n");
        writeFile(dir / "04-typo.toml", lesson("typo", 30) + "naration = \"y\"\n");
        writeFile(dir / "05-copy.toml", lesson("a", 40));
        writeFile(dir / "06-same-order.toml", lesson("c", 10));
        writeFile(dir / "notes.txt", "not a lesson");
        writeFile(dir / ".07-hidden.toml", "junk");

        const auto library = loadLibrary(dir);
        REQUIRE(library.lessons.size() == 2);
        CHECK(library.lessons[0].id == "a");
        CHECK(library.lessons[1].id == "b");
        REQUIRE(library.errors.size() == 4);
        CHECK(library.errors[0].file() == dir / "03-broken.toml");
        CHECK(library.errors[1].file() == dir / "04-typo.toml");
        CHECK(std::string(library.errors[2].what()) ==
              (dir / "05-copy.toml").string() + ":1:6: duplicate lesson id \"a\" (also in " +
                  (dir / "02-a.toml").string() + ":1:6)");
        CHECK(std::string(library.errors[3].what()) ==
              (dir / "06-same-order.toml").string() + ":3:9: duplicate order 10 (also used by \"a\" in " +
                  (dir / "02-a.toml").string() + ":3:9)");
    }
    SECTION("empty folder is fine, a missing folder is an error") {
        const auto empty = scratchDir("lessons-empty");
        CHECK(loadLibrary(empty).errors.empty());
        CHECK(loadLibrary(empty).lessons.empty());
        const auto missing = loadLibrary(empty / "nowhere");
        REQUIRE(missing.errors.size() == 1);
        CHECK(missing.errors[0].message() == "no such folder");
    }
}

TEST_CASE("[lessons] panel titles and reference points come from the lesson files") {
    const auto update = loadLesson(stepwise::test::sourceDir() / "lessons" / "06-update.toml");
    bool titled = false, referenced = false;
    for (const auto& step : update.steps)
        for (const auto& view : step.views) {
            if (view.kind == ViewKind::WeightsAsImages && view.tensor == "dW1")
                titled = view.title == "dW1 rows: how the update changes each neuron";
            if (view.kind == ViewKind::AccuracyCurve)
                referenced = view.references == std::vector<ReferencePoint>{{500.f, 0.85f, "paper: 85 % at 500"},
                                                                            {1000.f, 0.87f, "paper: 87 % at 1,000"}};
        }
    CHECK(titled);
    CHECK(referenced);
}

// Found by tests/fuzz (lesson target), or pinned beside it: a TeX '\' before a line break used to
// put the line break into the error, deeply nested groups overflowed the stack, and Debian's
// toml++ 3.3.0 must keep handling the non-ASCII characters where its own code has undefined
// behaviour (toml++ issues #190 and #295).
TEST_CASE("[lessons] a backslash before a line break in TeX, and unusual characters where TOML wants space, give one-line errors") {
    const auto dir = scratchDir("lessons-fuzz-findings");
    const auto equation = writeFile(dir / "equation.toml",
                                    header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nequation = \"x \\\\\\ny\"\n");
    const auto parsed = parseLessonFile(equation);
    REQUIRE(parsed.errors.size() == 1);
    CHECK(std::string(parsed.errors[0].what()) ==
          equation.string() + ":9:15: '\\' followed by a line break is not a command (write one such as \\alpha, or remove the '\\')");

    // Thousands of nested groups (they overflowed the stack): one error at the 51st '{'.
    const auto nested = writeFile(dir / "nested.toml", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nequation = \"" +
                                                           std::string(5000, '{') + "x" + std::string(5000, '}') + "\"\n");
    const auto nestedParse = parseLessonFile(nested);
    REQUIRE(nestedParse.errors.size() == 1);
    CHECK(std::string(nestedParse.errors[0].what()) ==
          nested.string() + ":9:63: groups nested more than 50 deep ({…}, \\frac, \\left … \\right)");

    // After a line-ending backslash in a multi-line string, U+00A7 is text, not whitespace.
    const auto section = writeFile(dir / "section.toml",
                                   header + "[[step]]\ntitle = \"t\"\nnarration = \"\"\"\\\n\xc2\xa7 2 says\"\"\"\n");
    const auto sectionParse = parseLessonFile(section);
    CHECK(sectionParse.errors.empty());
    REQUIRE(sectionParse.lesson);
    CHECK(sectionParse.lesson->steps.at(0).narration == "\xc2\xa7 2 says");

    // U+00D7 and U+0260 after a value: a TOML syntax error at that character.
    const auto times = writeFile(dir / "times.toml", "id = \"x\" \xc3\x97\n");
    const auto timesParse = parseLessonFile(times);
    REQUIRE(timesParse.errors.size() == 1);
    CHECK(std::string(timesParse.errors[0].what()) == times.string() +
                                                            ":1:10: Error while parsing key-value pair: expected a comment or "
                                                            "whitespace, saw '\xc3\x97'");
    const auto hook = writeFile(dir / "hook.toml", "order = 3 \xc9\xa0\n");
    const auto hookParse = parseLessonFile(hook);
    REQUIRE(hookParse.errors.size() == 1);
    CHECK(std::string(hookParse.errors[0].what()) == hook.string() +
                                                           ":1:11: Error while parsing key-value pair: expected a comment or "
                                                           "whitespace, saw '\xc9\xa0'");
}

TEST_CASE("[lessons] a step's experiment is read, checked run by run, and gets its button") {
    const auto dir = scratchDir("lessons-experiment");
    const auto good = writeFile(dir / "good.toml", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n"
                                                            "  [step.experiment]\n"
                                                            "  name = \"Width\"\n"
                                                            "  iterations = 300\n"
                                                            "  runs = [\"\", \"hidden=128\", \"optimizer=adam, batch=64\"]\n"
                                                            "\n[[step]]\ntitle = \"u\"\nnarration = \"y\"\n"
                                                            "experiment = {name = \"One\", runs = [\"hidden=32\"]}\n");
    const auto lesson = loadLesson(good);
    const auto& first = lesson.steps.at(0);
    REQUIRE(first.experiment);
    CHECK(first.experiment->name == "Width");
    CHECK(first.experiment->iterations == 300);
    CHECK(first.experiment->runs == std::vector<std::string>{"", "hidden=128", "optimizer=adam, batch=64"});
    CHECK(first.experiment->location.line == 9);
    REQUIRE(first.actions.size() == 1);
    CHECK(first.actions[0].label == "Run this experiment");
    CHECK(first.actions[0].kind == ActionKind::Experiment);
    REQUIRE(lesson.steps.at(1).experiment);
    CHECK(lesson.steps.at(1).experiment->iterations == 500); // the default
    CHECK_FALSE(loadLesson(goodLessonsDir() / "01-welcome.toml").steps.at(0).experiment);

    const std::string step = "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n"; // lines 6 to 8
    const std::vector<ErrorCase> cases{
        {"a run string with an unknown value", header + step + "experiment = {name = \"n\", runs = [\"hidden=abc\"]}\n", 9, 35,
         "run \"hidden=abc\": hidden must be layer sizes such as 10 or 128-64 (each 1 to 4096, at most 8 layers), not \"abc\""},
        {"no runs", header + step + "experiment = {name = \"n\", runs = []}\n", 9, 34, "runs needs 1 to 6 run strings, not 0"},
        {"seven runs", header + step + "experiment = {name = \"n\", runs = [\"\",\"\",\"\",\"\",\"\",\"\",\"\"]}\n", 9, 34,
         "runs needs 1 to 6 run strings, not 7"},
        {"a number among the runs", header + step + "experiment = {name = \"n\", runs = [128]}\n", 9, 35,
         "runs entries must be strings such as \"hidden=128\", not an integer"},
        {"iterations out of range", header + step + "experiment = {name = \"n\", iterations = 0, runs = [\"\"]}\n", 9, 40,
         "iterations must be a whole number from 1 to 100000, not 0"},
        {"experiment as an action", header + step + "action = [{label = \"a\", set = \"experiment\"}]\n", 9, 31,
         "unknown action \"experiment\" (known: alpha, paper-faithful, init, activation, hidden, iterations-per-second, "
         "reset, optimizer, draw; runs side by side go in a [step.experiment] table)"},
        {"not a table", header + step + "experiment = \"hidden=128\"\n", 9, 14,
         "\"experiment\" must be a table ([step.experiment] with name and runs), not a string"},
    };
    int index = 0;
    for (const auto& c : cases) {
        INFO(c.name);
        const auto parsed = parseLessonFile(writeFile(dir / ("bad-" + std::to_string(++index) + ".toml"), c.text));
        CHECK_FALSE(parsed.lesson);
        REQUIRE_FALSE(parsed.errors.empty());
        CHECK(parsed.errors.front().message() == c.message);
        CHECK(parsed.errors.front().line() == c.line);
        CHECK(parsed.errors.front().column() == c.column);
    }
}

TEST_CASE("[lessons] an optimizer button names one of the four optimisers") {
    const auto file = writeFile(scratchDir("lessons-optimizer") / "o.toml",
                                header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n"
                                         "action = [{label = \"a\", set = \"optimizer\", value = \"adam\"}]\n");
    const auto lesson = loadLesson(file);
    const auto& action = lesson.steps.at(0).actions.at(0);
    CHECK(action.kind == ActionKind::Optimizer);
    CHECK(action.value == "adam");
    const auto bad = parseLessonFile(writeFile(scratchDir("lessons-optimizer") / "bad.toml",
                                               header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n"
                                                        "action = [{label = \"a\", set = \"optimizer\", value = \"rmsprop\"}]\n"));
    REQUIRE_FALSE(bad.errors.empty());
    CHECK(bad.errors.front().message() == "optimizer must be \"gd\", \"sgd\", \"momentum\" or \"adam\", not \"rmsprop\"");
}

TEST_CASE("[lessons] a step's own network: its equations and tensors are checked against it, and only there") {
    const auto dir = scratchDir("lessons-step-network");
    const std::string adamStep = "[[step]]\ntitle = \"t\"\nnarration = \"x\"\nnetwork = \"optimizer=adam\"\n"
                                 "executes = \"update.mw1\"\nhighlight = [\"mW1_after[0, 0]\"]\n"
                                 "  [[step.show]]\n  view = \"heatmap\"\n  tensor = \"vW2_after\"\n";
    const auto good = writeFile(dir / "good.toml", header + adamStep + "\n[[step]]\ntitle = \"u\"\nnarration = \"y\"\n");
    const auto lesson = loadLesson(good);
    REQUIRE(lesson.steps.at(0).network);
    CHECK(lesson.steps.at(0).network->optimizer == stepwise::core::Optimizer::Adam);
    CHECK(lesson.steps.at(0).network->alpha == stepwise::core::defaultAlpha(stepwise::core::Optimizer::Adam));
    CHECK(lesson.steps.at(0).executes == "update.mw1");
    CHECK_FALSE(lesson.steps.at(1).network);

    // The next step is back on the lesson's network: Adam's tensors are unknown there.
    const auto leaked = parseLessonFile(writeFile(dir / "leaked.toml", header + adamStep +
                                                                          "\n[[step]]\ntitle = \"u\"\nnarration = \"y\"\n"
                                                                          "executes = \"update.mw1\"\n"));
    REQUIRE(leaked.errors.size() == 1u);
    CHECK(leaked.errors[0].message().starts_with("unknown equation id \"update.mw1\" (known: forward.a0,"));
    CHECK(leaked.errors[0].line() == 19);

    const auto bad = parseLessonFile(writeFile(dir / "bad.toml", header + "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n"
                                                                          "network = \"optimizer=rmsprop\"\n"));
    REQUIRE(bad.errors.size() == 1u);
    CHECK(bad.errors[0].message() ==
          "run \"optimizer=rmsprop\": optimizer must be gd, sgd, momentum or adam, not \"rmsprop\"");
    CHECK(bad.errors[0].line() == 9);
    CHECK(bad.errors[0].column() == 11);
}
