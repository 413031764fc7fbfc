// lessons/glossary.md: the entries parse into terms and meanings, every malformed line is
// reported at its file:line:column, and the shipped glossary defines the terms the lessons need.
#include "lessons/glossary.hpp"
#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

using namespace stepwise::lessons;

TEST_CASE("[lessons] the glossary parses term and meaning from each entry line") {
    const auto entries = parseGlossary("# Glossary\n\n- **bias**: a number added to a neuron's sum.\r\n"
                                       "- **learning rate**: $\\alpha$, the size of each step.\n\n",
                                       "g.md");
    REQUIRE(entries.size() == 2u);
    CHECK(entries[0].term == "bias");
    CHECK(entries[0].meaning == "a number added to a neuron's sum.");
    CHECK(entries[1].term == "learning rate");
    CHECK(entries[1].meaning == "$\\alpha$, the size of each step.");
}

TEST_CASE("[lessons] a malformed glossary line is reported at its file:line:column") {
    struct Case {
        const char* text;
        int line, column;
        const char* message;
    };
    const Case cases[] = {
        {"Glossary\n", 1, 1, "expected the heading \"# Glossary\" first"},
        {"# Glossary\n\nbias: a number\n", 3, 1, "expected an entry written - **term**: meaning"},
        {"# Glossary\n- **bias: a number\n", 2, 5, "expected **: after the term"},
        {"# Glossary\n- ****: a number\n", 2, 5, "the term is empty"},
        {"# Glossary\n- **bias**:   \n", 2, 12, "the meaning of \"bias\" is empty"},
        {"# Glossary\n- **Bias**: one\n- **bias**: two\n", 3, 5, "\"bias\" is defined twice"},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        try {
            (void)parseGlossary(c.text, "lessons/glossary.md");
            FAIL("no error");
        } catch (const LessonError& e) {
            CHECK(e.line() == c.line);
            CHECK(e.column() == c.column);
            CHECK(e.message() == c.message);
            CHECK(std::string(e.what()).starts_with("lessons/glossary.md:" + std::to_string(c.line) + ":"));
        }
    }
    CHECK_THROWS_AS(parseGlossary("", "g.md"), LessonError);
    CHECK_THROWS_AS(loadGlossary("/nonexistent/glossary.md"), LessonError);
}

TEST_CASE("[lessons] the shipped glossary defines every term issue 12 names") {
    const auto entries = loadGlossary(stepwise::test::sourceDir() / "lessons" / std::string(kGlossaryFile));
    CHECK(entries.size() >= 16u);
    const auto has = [&](const std::string& term) {
        return std::any_of(entries.begin(), entries.end(), [&](const GlossaryEntry& e) {
            std::string t = e.term;
            std::transform(t.begin(), t.end(), t.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
            return t.find(term) != std::string::npos;
        });
    };
    for (const char* term : {"weight", "bias", "hidden neuron", "gradient", "learning rate", "full-batch", "transpose",
                             "chain rule", "softmax", "relu", "one-hot", "epoch", "iteration"}) {
        INFO(term);
        CHECK(has(term));
    }
    for (const auto& e : entries) {
        INFO(e.term);
        CHECK(std::count(e.meaning.begin(), e.meaning.end(), ' ') < 30); // short enough for the help page
    }
}
