// Narration placeholders: {equations.forward.count} and friends are filled from the equation
// catalogue of the network, TeX braces are left alone, unknown names are reported where they stand.
#include "lessons/lesson_reader.hpp"
#include "lessons/placeholders.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

using namespace stepwise::lessons;

TEST_CASE("[lessons] placeholders take the equation and parameter counts from the catalogue") {
    const NetworkVocabulary paper; // 784-10-10
    const auto f = fillPlaceholders("{equations.count} = {equations.forward.count} + {equations.loss.count} + "
                                    "{equations.backward.count} + {equations.update.count}; {parameters.count} numbers",
                                    paper);
    CHECK(f.issues.empty());
    CHECK(f.text == "17 = 5 + 2 + 6 + 4; 7,960 numbers");

    stepwise::core::NetworkConfig deep;
    deep.hidden = {128, 64};
    const NetworkVocabulary deeper(deep); // 784-128-64-10: 24 equations, 109,386 parameters
    const auto g = fillPlaceholders("{equations.count} {equations.forward.count} {equations.backward.count} {parameters.count}", deeper);
    CHECK(g.text == "24 7 9 109,386");
}

TEST_CASE("[lessons] placeholders leave TeX braces alone and report unknown names at their offset") {
    const NetworkVocabulary paper;
    const std::string tex = "$\\frac{1}{m} \\sum_{j} b^{1}$ and {m} and {a.} and {.b} and {x}";
    CHECK(fillPlaceholders(tex, paper).text == tex);
    CHECK(fillPlaceholders(tex, paper).issues.empty());

    const auto f = fillPlaceholders("ok {equations.count}, bad {equations.sideways.count}", paper);
    CHECK(f.text == "ok 17, bad {equations.sideways.count}");
    REQUIRE(f.issues.size() == 1);
    CHECK(f.issues[0].offset == 26);
    CHECK(f.issues[0].message.rfind("unknown placeholder {equations.sideways.count} (known: {equations.count}", 0) == 0);

    CHECK(withThousands(0) == "0");
    CHECK(withThousands(999) == "999");
    CHECK(withThousands(1000) == "1,000");
    CHECK(withThousands(1234567) == "1,234,567");
}

TEST_CASE("[lessons] the lessons' equation counts come from the catalogue, not from typed numbers") {
    // Issue 12: 03/10 said four forward equations and 05/12 five backward ones; the catalogue has 5 and 6.
    const auto forward = loadLesson(stepwise::test::sourceDir() / "lessons" / "03-forward.toml");
    const auto backward = loadLesson(stepwise::test::sourceDir() / "lessons" / "05-backward.toml");
    // The last step before each lesson's end check sums the lesson up.
    const auto summary = [](const auto& lesson) -> const auto& {
        REQUIRE(lesson.steps.size() >= 2u);
        REQUIRE(lesson.steps.back().check);
        return lesson.steps[lesson.steps.size() - 2].narration;
    };
    CHECK(summary(forward).find("the whole forward pass: 5 equations") != std::string::npos);
    CHECK(summary(backward).find("6 equations, from") != std::string::npos);
    CHECK(summary(backward).find("all 7,960 parameters") != std::string::npos);
    for (const auto* lesson : {&forward, &backward})
        for (const auto& step : lesson->steps) CHECK(step.narration.find("{equations.") == std::string::npos);
}
