// Tests of the TeX-subset parser: atom structure, scripts, fractions, delimiter groups, and
// every parse error with its offset, what was expected and the message an author reads.
#include "tex/parser.hpp"

#include "tex/commands.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace stepwise::tex;

TEST_CASE("[tex] parser builds atoms, scripts and fractions") {
    const MathList list = parseEquation("dW^{2} = \\frac{1}{m} dZ^{2} A^{1\\top}");
    REQUIRE(list.size() == 5);

    CHECK(list[0].kind == AtomKind::Glyphs);
    CHECK(list[0].glyphs == U"dW");
    CHECK(list[0].face == MathFace::Italic);
    CHECK(list[0].symbol);
    REQUIRE(list[0].hasSuperscript);
    CHECK_FALSE(list[0].hasSubscript);
    REQUIRE(list[0].superscript.size() == 1);
    CHECK(list[0].superscript[0].glyphs == U"2");
    CHECK(list[0].superscript[0].face == MathFace::Roman);
    CHECK(list[0].source == "dW^{2}");

    CHECK(list[1].atomClass == AtomClass::Rel);
    CHECK(list[1].glyphs == U"=");

    REQUIRE(list[2].kind == AtomKind::Fraction);
    REQUIRE(list[2].body.size() == 1);
    CHECK(list[2].body[0].glyphs == U"1");
    REQUIRE(list[2].denominator.size() == 1);
    CHECK(list[2].denominator[0].glyphs == U"m");

    CHECK(list[3].glyphs == U"dZ");
    REQUIRE(list[4].superscript.size() == 2);
    CHECK(list[4].superscript[0].glyphs == U"1");
    CHECK(list[4].superscript[1].glyphs == U"\u22A4"); // ⊤
    CHECK(list[4].source == "A^{1\\top}");
    CHECK(list[4].offset == 28);
}

TEST_CASE("[tex] parser maps operators, words and spaces") {
    const MathList list = parseEquation("L := -\\frac12 \\sum_{j} \\mathrm{ReLU} \\, g'(x) \\leftarrow \\alpha \\cdot y");
    REQUIRE(list.size() == 15);
    CHECK(list[1].glyphs == U":=");
    CHECK(list[1].atomClass == AtomClass::Rel);
    CHECK(list[2].glyphs == U"\u2212"); // a real minus, not a hyphen
    CHECK(list[2].atomClass == AtomClass::Bin);
    REQUIRE(list[3].kind == AtomKind::Fraction);
    CHECK(list[3].body[0].glyphs == U"1");
    CHECK(list[3].denominator[0].glyphs == U"2");
    CHECK(list[4].glyphs == U"\u2211");
    CHECK(list[4].atomClass == AtomClass::Op);
    CHECK(list[4].limits);
    CHECK(list[4].large);
    REQUIRE(list[4].hasSubscript);
    CHECK(list[4].subscript[0].glyphs == U"j");
    CHECK(list[5].glyphs == U"ReLU");
    CHECK(list[5].face == MathFace::Roman);
    CHECK_FALSE(list[5].symbol);
    CHECK(list[6].kind == AtomKind::Space);
    CHECK(list[6].spaceMu == 3.f);
    CHECK(list[7].glyphs == U"g");
    CHECK(list[7].primes == 1);
    CHECK(list[8].atomClass == AtomClass::Open);
    CHECK(list[10].atomClass == AtomClass::Close);
    CHECK(list[11].glyphs == U"\u2190");
    CHECK(list[11].atomClass == AtomClass::Rel);
    CHECK(list[12].glyphs == U"\U0001D6FC"); // maths italic α
    CHECK(list[12].symbol);
}

TEST_CASE("[tex] parser reads left-right delimiter groups and single-character scripts") {
    const MathList list = parseEquation("\\left( x^2_i \\right)");
    REQUIRE(list.size() == 1);
    CHECK(list[0].kind == AtomKind::Group);
    CHECK(list[0].atomClass == AtomClass::Inner);
    CHECK(list[0].leftDelimiter == U'(');
    CHECK(list[0].rightDelimiter == U')');
    REQUIRE(list[0].body.size() == 1);
    const MathAtom& x = list[0].body[0];
    CHECK(x.superscript.at(0).glyphs == U"2");
    CHECK(x.subscript.at(0).glyphs == U"i");
}

TEST_CASE("[tex] parse errors give the offset and what was expected") {
    struct Case {
        const char* tex;
        std::size_t offset;
        const char* expected;
    };
    const std::vector<Case> cases{
        {"A^{1", 4, "'}' to close the group opened at 2"},
        {"A^", 2, "a superscript after '^'"},
        {"x_", 2, "a subscript after '_'"},
        {"\\foo x", 0, "a known command"},
        {"A^{1}^{2}", 5, "a single superscript per base"},
        {"A_{i}_{j}", 5, "a single subscript per base"},
        {"\\frac{1}", 8, "the denominator"},
        {"x}", 1, "no '}' here"},
        {"a # b", 2, "a letter, digit, operator, delimiter or command"},
        {"\\mathrm{ReLU", 12, "'}' to close the \\mathrm{"},
        {"\\mathrm ReLU", 8, "'{' after \\mathrm"},
        {"\\left( x", 8, "\\right to close the \\left at 0"},
        {"\\left< x \\right)", 5, "a delimiter after \\left"},
        {"x \\right)", 2, "\\left before \\right"},
        {"\xce\xb1 = 1", 0, "ASCII TeX"},
        {"x \\", 3, "a command name"},
    };
    for (const Case& c : cases) {
        INFO("tex: " << c.tex);
        try {
            (void)parseEquation(c.tex);
            FAIL("no EquationParseError");
        } catch (const EquationParseError& e) {
            CHECK(e.offset() == c.offset);
            CHECK_THAT(e.expected(), Catch::Contains(c.expected));
            CHECK_THAT(std::string(e.what()), Catch::Contains("offset " + std::to_string(c.offset)));
        }
    }
}


namespace {

/// A TeX string, where its error is and what the error says.
struct ErrorCase {
    const char* tex;
    std::size_t offset;
    const char* message;
};

/// Each case must fail to parse at its offset with its message.
void checkErrors(const std::vector<ErrorCase>& cases) {
    for (const ErrorCase& c : cases) {
        INFO("tex: " << c.tex);
        try {
            (void)parseEquation(c.tex);
            FAIL("no EquationParseError");
        } catch (const EquationParseError& e) {
            CHECK(e.offset() == c.offset);
            CHECK(e.message() == c.message);
            CHECK(std::string(e.what()) == "equation: " + std::string(c.message) + " at offset " +
                                               std::to_string(c.offset) + " in \"" + c.tex + "\"");
        }
    }
}

} // namespace

TEST_CASE("[tex] parse errors name an unknown command and suggest a close one") {
    checkErrors({
        {"\\foo x", 0, "\\foo: unknown command"},
        {"a + \\fracc{1}{2}", 4, "\\fracc: unknown command (did you mean \\frac?)"},
        {"\\aplha", 0, "\\aplha: unknown command (did you mean \\alpha?)"},
        {"\\Sum_j", 0, "\\Sum: unknown command (did you mean \\sum?)"},
        {"\\sqrt{2}", 0, "\\sqrt: unknown command"},
    });
}

TEST_CASE("[tex] parse errors say what a command's arguments should be") {
    checkErrors({
        {"\\frac{a}", 8, "\\frac needs two arguments, {numerator}{denominator}; the denominator is missing"},
        {"\\frac{a}}", 8, "\\frac needs two arguments, {numerator}{denominator}; the denominator is missing"},
        {"\\frac", 5, "\\frac needs two arguments, {numerator}{denominator}; both are missing"},
        {"x^", 2, "^ needs an argument: x^{2} or x^2"},
        {"\\mathrm ReLU", 8, "\\mathrm needs a braced argument, like \\mathrm{ReLU}"},
        {"\\mathrm{a^b}", 9, "\\mathrm{…} takes plain text, not '^'"},
        {"\\left< x \\right)", 5, "\\left needs a delimiter after it: ( [ | or ."},
        {"A^{1", 4, "unclosed { (the group opened at offset 2 needs a closing })"},
        {"a # b", 2, "'#' is not in the TeX subset (letters, digits, operators, delimiters, commands)"},
        {"x_", 2, "_ needs an argument: x_{ij} or x_i"},
    });
}

// Found by tests/fuzz (lesson target): a '\' before a line break put the line break into the message.
TEST_CASE("[tex] a backslash before a space or line break, or a control character, gets a one-line message") {
    checkErrors({
        {"x \\\ny", 2, "'\\' followed by a line break is not a command (write one such as \\alpha, or remove the '\\')"},
        {"x \\\r\n", 2, "'\\' followed by a line break is not a command (write one such as \\alpha, or remove the '\\')"},
        {"a \\ b", 2, "'\\' followed by a space is not a command (write one such as \\alpha, or remove the '\\')"},
        {"a\\\tb", 1, "'\\' followed by a tab is not a command (write one such as \\alpha, or remove the '\\')"},
        {"a \x01 b", 2,
         "the control character 0x01 is not in the TeX subset (letters, digits, operators, delimiters, commands)"},
    });
}

// Found by tests/fuzz (lesson target): thousands of nested '{' overflowed the stack.
TEST_CASE("[tex] groups nest 50 deep at most and deeper is an error at the brace, not a crash") {
    const std::string fifty = std::string(50, '{') + "x" + std::string(50, '}');
    CHECK_NOTHROW(parseEquation(fifty));
    CHECK_NOTHROW(parseEquation("\\frac{" + std::string(49, '{') + "x" + std::string(49, '}') + "}{2}"));
    const std::string message = "groups nested more than 50 deep ({…}, \\frac, \\left … \\right)";
    const std::string fiftyOne = std::string(51, '{') + "x" + std::string(51, '}');
    const std::string script = "a^" + std::string(60, '{'); // a^ then 60 groups: the 51st opens at 52
    const std::string frac = "\\frac{" + fifty + "}{2}"; // the numerator is a level too: the 51st opens at 55
    checkErrors({{fiftyOne.c_str(), 50, message.c_str()},
                 {script.c_str(), 52, message.c_str()},
                 {frac.c_str(), 55, message.c_str()}});
    const std::string deep(200000, '{');
    try {
        (void)parseEquation(deep);
        FAIL("no EquationParseError");
    } catch (const EquationParseError& e) {
        CHECK(e.offset() == 50);
        CHECK(e.message() == message);
    }
}

TEST_CASE("[tex] every command the table lists is found and parses on its own") {
    const std::vector<std::string> names = supportedCommands();
    CHECK(std::is_sorted(names.begin(), names.end()));
    for (const std::string& name : names) {
        INFO("\\" << name);
        REQUIRE(findCommand(name) != nullptr);
        const Command& command = *findCommand(name);
        std::string tex = "\\" + name;
        if (command.kind == Command::Kind::Frac) tex += "{a}{b}";
        if (command.kind == Command::Kind::MathRm) tex += "{ReLU}";
        if (command.kind == Command::Kind::Left) tex += "( x \\right)";
        if (command.kind == Command::Kind::Right) continue; // only valid after \left
        CHECK_NOTHROW(parseEquation(tex));
    }
    CHECK(findCommand("foo") == nullptr);
    CHECK(findCommand("") == nullptr);
}
