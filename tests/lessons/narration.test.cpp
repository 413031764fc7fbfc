// Narration and highlight grammar: paragraphs, **bold**, *italic*, $math$, and the checks
// that catch unbalanced markers and TeX backslashes eaten by TOML strings.
#include "lessons/lesson.hpp"

#include <catch2/catch.hpp>

using namespace stepwise::lessons;

namespace {
TextRun plain(std::string text) { return {std::move(text), false, false, false}; }
TextRun bold(std::string text) { return {std::move(text), true, false, false}; }
TextRun italic(std::string text) { return {std::move(text), false, true, false}; }
TextRun math(std::string text) { return {std::move(text), false, false, true}; }
} // namespace

TEST_CASE("[lessons] narration splits into paragraphs at blank lines and joins lines") {
    const auto paragraphs = parseNarration("\n  First line\n  continues here.\n\n   \nSecond paragraph.\n\n\n");
    REQUIRE(paragraphs.size() == 2);
    CHECK(paragraphs[0].runs == std::vector<TextRun>{plain("First line continues here.")});
    CHECK(paragraphs[1].runs == std::vector<TextRun>{plain("Second paragraph.")});
    CHECK(parseNarration("").empty());
    CHECK(parseNarration(" \n\t\n").empty());
}

TEST_CASE("[lessons] narration runs carry bold, italic and math") {
    const auto p = parseNarration("Every **hidden neuron** scores *every* image: $Z^{1} = W^{1} A^{0} + b^{1}$.");
    REQUIRE(p.size() == 1);
    CHECK(p[0].runs == std::vector<TextRun>{plain("Every "), bold("hidden neuron"), plain(" scores "),
                                            italic("every"), plain(" image: "), math("Z^{1} = W^{1} A^{0} + b^{1}"),
                                            plain(".")});

    SECTION("bold and italic nest") {
        const auto nested = parseNarration("**bold *both* bold** and ***both***");
        REQUIRE(nested.size() == 1);
        CHECK(nested[0].runs == std::vector<TextRun>{bold("bold "), {"both", true, true, false}, bold(" bold"),
                                                     plain(" and "), {"both", true, true, false}});
    }
    SECTION("math is verbatim: stars and backslashes inside stay TeX") {
        const auto m = parseNarration("$a * b \\cdot c_{*}$ then $\\$5$");
        REQUIRE(m.size() == 1);
        CHECK(m[0].runs == std::vector<TextRun>{math("a * b \\cdot c_{*}"), plain(" then "), math("\\$5")});
    }
    SECTION("lone stars and escapes are text") {
        const auto t = parseNarration("2 * 3 costs \\$6 \\*really\\*");
        REQUIRE(t.size() == 1);
        CHECK(t[0].runs == std::vector<TextRun>{plain("2 * 3 costs $6 *really*")});
    }
    SECTION("a style can span lines of a paragraph") {
        const auto s = parseNarration("**one\ntwo**");
        REQUIRE(s.size() == 1);
        CHECK(s[0].runs == std::vector<TextRun>{bold("one two")});
    }
    SECTION("an unclosed marker runs to the end of its paragraph only") {
        const auto u = parseNarration("**open\n\nnext $x");
        REQUIRE(u.size() == 2);
        CHECK(u[0].runs == std::vector<TextRun>{bold("open")});
        CHECK(u[1].runs == std::vector<TextRun>{plain("next $x")});
    }
}

TEST_CASE("[lessons] checkNarration finds unbalanced markers at their offsets") {
    CHECK(checkNarration("fine **bold** *it* $x$ 2 * 3 \\$").empty());

    auto issues = checkNarration("costs $5 today");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].offset == 6);
    CHECK(issues[0].message == "unclosed $ (inline math needs a closing $; write \\$ for a dollar sign)");

    issues = checkNarration("ok\n\nline one\nthen **bold that never ends");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].offset == 18);
    CHECK(issues[0].message == "unclosed ** (bold needs a closing **; write \\* for a literal star)");

    issues = checkNarration("*a\n\n*b*");
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].offset == 0);

    issues = checkNarration("display $$x$$");
    REQUIRE(issues.size() >= 1);
    CHECK(issues[0].offset == 8);

    // "\frac" and "\times" inside a TOML "..." string arrive as a form feed and a tab.
    issues = checkNarration("$\frac{1}{m}$ and $a \times b$");
    REQUIRE(issues.size() == 2);
    CHECK(issues[0].offset == 1);
    CHECK(issues[1].offset == 20);
    CHECK(issues[1].message.rfind("a tab (\\t, as in \\times)", 0) == 0);
}

TEST_CASE("[lessons] highlight syntax") {
    CHECK(parseHighlight("Z1[3, j]") == Highlight{"Z1", 3, std::nullopt, false, true});
    CHECK(parseHighlight(" W1[ 3 ,: ] ") == Highlight{"W1", 3, std::nullopt, false, false});
    CHECK(parseHighlight("A0[:, j]") == Highlight{"A0", std::nullopt, std::nullopt, false, true});
    CHECK(parseHighlight("A0[:, 5]") == Highlight{"A0", std::nullopt, 5, false, false});
    CHECK(parseHighlight("W1_after[2, 700]") == Highlight{"W1_after", 2, 700, false, false});
    CHECK(parseHighlight("b1[3]") == Highlight{"b1", 3, std::nullopt, false, false});
    CHECK(parseHighlight("symbol:W1") == Highlight{"W1", std::nullopt, std::nullopt, true, false});

    for (const char* bad : {"", "Z1", "Z1[]", "Z1[3 j]", "Z1[3, ]", "Z1[-1, 0]", "Z1[j, 0]", "Z1[:, :]",
                            "Z1[1, 2, 3]", "Z1[1][2]", "1Z[0, 0]", "symbol:", "symbol:W 1", "Z1[3, 0] x",
                            "Z1[x, 0]", "Z1[1234567890, 0]"}) {
        INFO(bad);
        CHECK_FALSE(parseHighlight(bad));
    }

    for (const char* text : {"Z1[3, j]", "W1[3, :]", "A0[:, j]", "A0[:, 5]", "symbol:W1", "Z1[3, 0]"})
        CHECK(toString(*parseHighlight(text)) == text);
    CHECK(toString(*parseHighlight("b1[3]")) == "b1[3, :]");
}

TEST_CASE("[lessons] view and action spellings round-trip") {
    REQUIRE(allViewKinds().size() == 16);
    for (auto kind : allViewKinds()) CHECK(parseViewKind(toString(kind)) == kind);
    CHECK(parseViewKind("weights-as-images") == ViewKind::WeightsAsImages);
    CHECK_FALSE(parseViewKind("Heatmap"));
    CHECK(parseActionKind("iterations-per-second") == ActionKind::IterationsPerSecond);
    CHECK(toString(ActionKind::PaperFaithful) == "paper-faithful");
    CHECK_FALSE(parseActionKind("speed"));
    CHECK(parseActionKind("draw") == ActionKind::DrawDigit);
}
