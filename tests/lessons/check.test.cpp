// `stepwise lessons --check`: the report over a folder, and the real lessons/ folder itself,
// which must load without a single error (broken lesson content fails CI here).
#include "lessons/check.hpp"

#include "lesson_files.hpp"
#include "lessons/lesson_parser.hpp"
#include "lessons/network_vocabulary.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace stepwise::lessons;
using stepwise::test::goodLessonsDir;
using stepwise::test::scratchDir;
using stepwise::test::sourceDir;
using stepwise::test::writeFile;

TEST_CASE("[lessons] check passes good lessons and prints the summary") {
    std::ostringstream out, err;
    CHECK(checkLessons(goodLessonsDir(), out, err) == 0);
    CHECK(out.str() == "2 lessons, 6 steps, 0 errors\n");
    CHECK(err.str().empty());

    std::ostringstream emptyOut, emptyErr;
    CHECK(checkLessons(scratchDir("lessons-check-empty"), emptyOut, emptyErr) == 0);
    CHECK(emptyOut.str() == "0 lessons, 0 steps, 0 errors\n");
}

TEST_CASE("[lessons] check fails on a broken file and prints one line per error") {
    const auto dir = scratchDir("lessons-check-broken");
    std::filesystem::copy(goodLessonsDir() / "01-welcome.toml", dir / "01-welcome.toml");
    const auto broken = writeFile(dir / "02-broken.toml", "id = \"broken\"\ntitle = \"B\"\norder = 2\nsummary = \"S\"\n"
                                                          "[[step]]\ntitle = \"t\"\nnarration = \"x\"\n"
                                                          "highlight = [\"Z3[0, 0]\", \"W1[12, 0]\"]\n");
    std::ostringstream out, err;
    CHECK(checkLessons(dir, out, err) == 1);
    CHECK(out.str() == "1 lesson, 2 steps, 2 errors\n");
    const std::string prefix = broken.string() + ":8:";
    CHECK(err.str() == prefix + "14: unknown tensor \"Z3\" (known: A0, W1, b1, W2, b2, Z1, A1, Z2, A2, Y, L, dZ2, "
                                "dW2, db2, dZ1, dW1, db1, W1_after, b1_after, W2_after, b2_after)\n" +
                           prefix + "26: row 12 is out of range for W1 (10x784, rows 0-9)\n");

    std::ostringstream missingOut, missingErr;
    CHECK(checkLessons(dir / "nowhere", missingOut, missingErr) == 1);
    CHECK(missingErr.str() == (dir / "nowhere").string() + ": no such folder\n");
}

TEST_CASE("[lessons] check reports TeX the equation view cannot typeset at its exact character") {
    // 01-frac.toml: '\frac{a}' (a literal string) and "a \\cdot \\sigm" (a basic string);
    // 02-foo.toml: $\foo + 1$ on the second, indented line of a paragraph in a ''' string.
    const auto dir = sourceDir() / "tests" / "fixtures" / "lessons" / "bad-tex";
    std::ostringstream out, err;
    CHECK(checkLessons(dir, out, err) == 1);
    CHECK(out.str() == "0 lessons, 0 steps, 3 errors\n");
    const std::string frac = (dir / "01-frac.toml").string();
    const std::string foo = (dir / "02-foo.toml").string();
    CHECK(err.str() ==
          frac + ":9:21: \\frac needs two arguments, {numerator}{denominator}; the denominator is missing\n" +
              frac + ":14:22: \\sigm: unknown command (did you mean \\sigma?)\n" +
              foo + ":12:28: \\foo: unknown command\n");
}

TEST_CASE("[lessons] every lesson in lessons/ loads and resolves every tensor name") {
    const auto dir = sourceDir() / "lessons";
    std::ostringstream out, err;
    const int status = checkLessons(dir, out, err);
    INFO(err.str() << out.str());
    CHECK(status == 0);
    CHECK(err.str().empty());

    // Belt and braces: every name the model kept is a tensor or equation of the paper's network,
    // or of the step's own network when it names one (lesson 9's momentum and Adam steps).
    for (const auto& lesson : loadLibrary(dir).lessons) {
        for (const auto& step : lesson.steps) {
            INFO(lesson.file.string() << ": " << step.title);
            const NetworkVocabulary own(step.network.value_or(stepwise::core::NetworkConfig{}));
            const NetworkVocabulary& vocabulary = step.network ? own : defaultVocabulary();
            if (step.executes) CHECK(vocabulary.equationIndex(*step.executes));
            for (const auto& h : step.highlights) CHECK(vocabulary.hasTensor(h.tensor));
            for (const auto& view : step.views) {
                if (!view.tensor.empty()) CHECK(vocabulary.hasTensor(view.tensor));
                if (view.cell) CHECK(vocabulary.hasTensor(view.cell->tensor));
            }
        }
    }
}

TEST_CASE("[lessons] tensor shapes of the paper's network") {
    const auto& v = defaultVocabulary();
    CHECK(v.tensorShape("A0") == TensorShape{784, std::nullopt});
    CHECK(v.tensorShape("W1") == TensorShape{10, 784});
    CHECK(v.tensorShape("dW1") == TensorShape{10, 784});
    CHECK(v.tensorShape("W1_after") == TensorShape{10, 784});
    CHECK(v.tensorShape("b1") == TensorShape{10, 1});
    CHECK(v.tensorShape("db2") == TensorShape{10, 1});
    CHECK(v.tensorShape("W2") == TensorShape{10, 10});
    CHECK(v.tensorShape("Z1") == TensorShape{10, std::nullopt});
    CHECK(v.tensorShape("dZ2") == TensorShape{10, std::nullopt});
    CHECK(v.tensorShape("Y") == TensorShape{10, std::nullopt});
    CHECK(v.tensorShape("L") == TensorShape{1, 1});
    CHECK_FALSE(v.tensorShape("Z3"));
    for (const auto& name : v.tensorNames()) {
        INFO(name);
        CHECK(v.tensorShape(name));
    }
}
