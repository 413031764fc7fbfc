// Tests of the equation layout: tensor names of every equation of an iteration, and TeX-like
// placement facts. Layout facts are checked with synthetic glyph metrics, so they run without
// fonts or a display. The parser's own tests are in tests/tex.
#include "views/equation_layout.hpp"

#include "core/stepper.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

using namespace stepwise::views;
using namespace stepwise::tex;

namespace {

/// Synthetic metrics: every glyph advances 0.5 em; capitals, digits and ascenders reach 0.7 em,
/// other lower-case letters 0.45 em (x-height), descenders go 0.2 em down, the minus sits on the
/// axis at 0.25 em, Σ is 1 em tall.
class FakeMetrics final : public GlyphMetrics {
public:
    GlyphInfo glyph(MathFace, char32_t c, unsigned characterSize) const override {
        const float em = static_cast<float>(characterSize);
        float top = 0.7f, bottom = 0.f;
        if (c >= U'a' && c <= U'z' && std::u32string_view(U"bdfhklt").find(c) == std::u32string_view::npos) top = 0.45f;
        if (std::u32string_view(U"gjpqy").find(c) != std::u32string_view::npos) bottom = 0.2f;
        if (c == U'\u2212') { top = 0.27f; bottom = -0.23f; }
        if (c == U'\u2211') { top = 0.75f; bottom = 0.25f; }
        if (c == U'(' || c == U')') { top = 0.75f; bottom = 0.25f; }
        return {0.5f * em, {0.05f * em, -top * em, 0.4f * em, (top + bottom) * em}};
    }
    float kerning(MathFace, char32_t, char32_t, unsigned) const override { return 0; }
};

const FakeMetrics fake;
constexpr float em = 48.f;

const PlacedGlyphs& run(const EquationLayout& layout, std::u32string_view text) {
    for (const PlacedGlyphs& g : layout.glyphs)
        if (g.text == text) return g;
    FAIL("no glyph run with the requested text");
    return layout.glyphs.front();
}

/// Expected tensor names of the equations the view must typeset.
struct NamedEquation {
    const char* tex;
    std::vector<std::string> names;
};

const std::vector<NamedEquation>& paperEquations() {
    static const std::vector<NamedEquation> equations{
        {"A^{0} = X", {"A0", "A0"}},
        {"Z^{1} = W^{1} A^{0} + b^{1}", {"Z1", "W1", "A0", "b1"}},
        {"A^{1} = \\mathrm{ReLU}(Z^{1})", {"A1", "Z1"}},
        {"A^{2} = \\mathrm{softmax}(Z^{2})", {"A2", "Z2"}},
        {"Y = \\mathrm{onehot}(y)", {"Y"}},
        {"L = -\\frac{1}{m} \\sum Y \\odot \\log A^{2}", {"L", "Y", "A2"}},
        {"dZ^{2} = A^{2} - Y", {"dZ2", "A2", "Y"}},
        {"dW^{2} = \\frac{1}{m} dZ^{2} A^{1\\top}", {"dW2", "dZ2", "A1"}},
        {"db^{2} = \\frac{1}{m} \\sum_{j} dZ^{2}_{:,j}", {"db2", "dZ2"}},
        {"dZ^{1} = W^{2\\top} dZ^{2} \\odot g'(Z^{1})", {"dZ1", "W2", "dZ2", "Z1"}},
        {"W^{1} := W^{1} - \\alpha \\, dW^{1}", {"W1", "W1", "dW1"}},
        {"b^{1} := b^{1} - \\alpha \\, db^{1}", {"b1", "b1", "db1"}},
        {"A^{2}_{ij} = \\frac{e^{Z^{2}_{ij} - \\max_k Z^{2}_{kj}}}{\\sum_k e^{Z^{2}_{kj} - \\max_k Z^{2}_{kj}}}",
         {"A2", "Z2", "Z2", "Z2", "Z2"}},
        {"Z^{1}_{ij} = \\sum_{k} W^{1}_{ik} A^{0}_{kj} + b^{1}_{i}", {"Z1", "W1", "A0", "b1"}},
    };
    return equations;
}

} // namespace

// ---------------------------------------------------------------- tensor names

TEST_CASE("[views] equation symbols name their tensors") {
    for (const NamedEquation& eq : paperEquations()) {
        INFO("tex: " << eq.tex);
        CHECK(layoutEquation(eq.tex, fake, em).symbolNames() == eq.names);
    }
}

TEST_CASE("[views] equation symbols of every iteration equation name its inputs and output") {
    using namespace stepwise::core;
    NetworkConfig momentum, adam;
    momentum.optimizer = Optimizer::Momentum;
    adam.optimizer = Optimizer::Adam;
    adam.hidden = {128, 64};
    for (const NetworkConfig& config : {NetworkConfig{}, NetworkConfig{784, {128, 64}, 10, Activation::Tanh},
                                        NetworkConfig{784, {10}, 10, Activation::Sigmoid}, momentum, adam}) {
        for (const Equation& eq : iterationEquations(config)) {
            INFO(eq.id << ": " << eq.tex);
            const std::vector<std::string> names = layoutEquation(eq.tex, fake, em).symbolNames();
            auto has = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); };
            const std::string suffix = "_after"; // W1_after is written W^{1} := …
            for (std::string input : eq.inputs) { // so is the vW1_after that momentum's update.w1 reads
                if (input.size() > suffix.size() && input.ends_with(suffix)) input.resize(input.size() - suffix.size());
                CHECK(has(input));
            }
            std::string output = eq.output;
            if (output.size() > suffix.size() && output.ends_with(suffix)) output.resize(output.size() - suffix.size());
            CHECK(has(output));
            CHECK(names.front() == output); // the left-hand side comes first
        }
    }
}

TEST_CASE("[views] equation tensor names ignore non-tensors") {
    CHECK(layoutEquation("m j y e^{2x} \\alpha g'(z) X^{\\top} ij", fake, em).symbolNames().empty());
    const EquationLayout layout = layoutEquation("e^{Z^{2}_{ij}}", fake, em);
    REQUIRE(layout.symbols.size() == 3); // e, Z, ij
    CHECK(layout.symbols[0].name.empty());
    CHECK(layout.symbols[0].depth == 0);
    CHECK(layout.symbols[1].name == "Z2");
    CHECK(layout.symbols[1].depth == 1);
    CHECK(layout.symbols[2].source == "ij");
}

// ---------------------------------------------------------------- layout facts

TEST_CASE("[views] equation layout raises a smaller superscript above the baseline") {
    const EquationLayout layout = layoutEquation("W^{1}", fake, em);
    const PlacedGlyphs& base = run(layout, U"W");
    const PlacedGlyphs& sup = run(layout, U"1");
    CHECK(base.characterSize == 48);
    CHECK(sup.characterSize == 34); // 0.7 × 48 rounded
    CHECK(base.origin.y == 0.f);
    CHECK(sup.origin.y == Approx(-0.413f * em)); // TeX's sup1 in display style
    CHECK(sup.origin.x >= base.origin.x + 0.5f * em); // after the base's advance
    // Whole superscript box above the baseline, and it reaches above the base.
    CHECK(sup.origin.y + 0.f < 0.f);
    CHECK(sup.origin.y - 0.7f * 34 < -0.7f * em);
    REQUIRE(layout.symbols.size() == 1);
    const sf::FloatRect r = layout.symbols[0].rect;
    CHECK(r.top == Approx(sup.origin.y - 0.7f * 34));
    CHECK(r.top + r.height == Approx(0.f));
}

TEST_CASE("[views] equation layout lowers subscripts and separates them from superscripts") {
    const EquationLayout alone = layoutEquation("b_{i}", fake, em);
    const PlacedGlyphs& i = run(alone, U"i");
    CHECK(i.characterSize == 34);
    CHECK(i.origin.y > 0.f);
    CHECK(i.origin.y == Approx(0.15f * em)); // TeX's sub1

    const EquationLayout both = layoutEquation("Z^{2}_{ij}", fake, em);
    const PlacedGlyphs& sup = run(both, U"2");
    const PlacedGlyphs& sub = run(both, U"ij");
    CHECK(sub.origin.y >= 0.247f * em - 0.001f); // TeX's sub2 when both scripts are present
    CHECK(sup.origin.x == Approx(sub.origin.x));  // no italic correction with the fake metrics
    const float supBottom = sup.origin.y;
    const float subTop = sub.origin.y - 0.45f * 34;
    CHECK(subTop - supBottom >= 4 * 0.04f * em - 0.001f); // at least 4 rule thicknesses apart
}

TEST_CASE("[views] equation layout centres numerator over denominator on the axis") {
    const EquationLayout layout = layoutEquation("\\frac{1}{mm}", fake, em);
    REQUIRE(layout.rules.size() == 1);
    const sf::FloatRect bar = layout.rules[0];
    const PlacedGlyphs& num = run(layout, U"1");
    const PlacedGlyphs& den = run(layout, U"mm");
    CHECK(num.characterSize == 48); // display fraction: text-style parts
    CHECK(num.origin.y < bar.top);  // numerator baseline above the bar
    CHECK(den.origin.y - 0.45f * em > bar.top + bar.height); // denominator top below the bar
    CHECK(bar.top + bar.height / 2 == Approx(-0.25f * em));  // bar centred on the maths axis
    CHECK(num.origin.x + 0.25f * em == Approx(den.origin.x + 0.5f * em)); // centres aligned
    CHECK(bar.width == Approx(1.0f * em));
    CHECK(layout.width == Approx(bar.width + 2 * 0.12f * em)); // null delimiter space each side

    const EquationLayout inlineFraction = layoutEquation("\\frac{1}{m}", fake, em, MathStyle::Text);
    CHECK(run(inlineFraction, U"1").characterSize == 34);
}

TEST_CASE("[views] equation layout draws a display sum 1.4x with limits below") {
    const EquationLayout layout = layoutEquation("\\sum_{j} x", fake, em);
    const PlacedGlyphs& sigma = run(layout, U"\u2211");
    const PlacedGlyphs& j = run(layout, U"j");
    CHECK(sigma.characterSize == 67); // 1.4 × 48
    const float sigmaBottom = sigma.origin.y + 0.25f * 67;
    const float sigmaTop = sigma.origin.y - 0.75f * 67;
    CHECK((sigmaTop + sigmaBottom) / 2 == Approx(-0.25f * em)); // centred on the axis
    CHECK(j.origin.y - 0.45f * 34 > sigmaBottom);               // limit below Σ
    CHECK(j.origin.x + 0.25f * 34 == Approx(sigma.origin.x + 0.25f * 67)); // centred under Σ

    const EquationLayout inlineSum = layoutEquation("\\sum_{j} x", fake, em, MathStyle::Text);
    const PlacedGlyphs& inlineSigma = run(inlineSum, U"\u2211");
    CHECK(inlineSigma.characterSize == 48);
    CHECK(run(inlineSum, U"j").origin.x >= inlineSigma.origin.x + 0.5f * em); // beside, as a subscript
}

TEST_CASE("[views] equation layout spaces atoms like TeX") {
    const float mu = em / 18;
    const float advance = 0.5f * em;
    // Relation: thick space (5 mu) each side.
    const EquationLayout rel = layoutEquation("a = b", fake, em);
    CHECK(run(rel, U"=").origin.x == Approx(advance + 5 * mu));
    CHECK(run(rel, U"b").origin.x == Approx(2 * advance + 10 * mu));
    // Binary operator: medium space (4 mu).
    const EquationLayout bin = layoutEquation("a + b", fake, em);
    CHECK(run(bin, U"+").origin.x == Approx(advance + 4 * mu));
    // Leading minus is unary: no space after it.
    const EquationLayout unary = layoutEquation("-a", fake, em);
    CHECK(run(unary, U"a").origin.x == Approx(advance));
    // Function name: thin space before its argument letter; none before a parenthesis.
    CHECK(run(layoutEquation("\\log a", fake, em), U"a").origin.x == Approx(3 * advance + 3 * mu));
    CHECK(run(layoutEquation("\\log(a)", fake, em), U"(").origin.x == Approx(3 * advance));
    // \, is a thin space.
    CHECK(run(layoutEquation("a \\, b", fake, em), U"b").origin.x == Approx(advance + 3 * mu));
    // In a superscript, binary and relation spaces vanish.
    const EquationLayout script = layoutEquation("e^{a-b}", fake, em);
    CHECK(run(script, U"\u2212").origin.x - run(script, U"a").origin.x == Approx(0.5f * 34));
}

TEST_CASE("[views] equation layout stretches left-right delimiters around a fraction") {
    const EquationLayout layout = layoutEquation("\\left( \\frac{1}{m} \\right)", fake, em);
    const auto parens = std::count_if(layout.glyphs.begin(), layout.glyphs.end(),
                                      [](const PlacedGlyphs& g) { return g.text == U"(" || g.text == U")"; });
    CHECK(parens == 2);
    CHECK(run(layout, U"(").scaleY > 1.2f);
    CHECK(run(layout, U"(").scaleY == Approx(run(layout, U")").scaleY));
    CHECK(run(layoutEquation("\\left( x \\right)", fake, em), U"(").scaleY == 1.f);
}

TEST_CASE("[views] equation layout bounds cover every glyph run") {
    for (const NamedEquation& eq : paperEquations()) {
        INFO("tex: " << eq.tex);
        const EquationLayout layout = layoutEquation(eq.tex, fake, em);
        const sf::FloatRect box = layout.bounds();
        CHECK(layout.width > 0.f);
        for (const PlacedSymbol& s : layout.symbols) {
            CHECK(s.rect.left >= box.left - 0.01f);
            CHECK(s.rect.left + s.rect.width <= box.left + box.width + 0.01f);
            CHECK(s.rect.top >= box.top - 0.01f);
            CHECK(s.rect.top + s.rect.height <= box.top + box.height + 0.01f);
        }
    }
}

TEST_CASE("[views] equation layout raises superscripts less in a denominator (cramped style)") {
    const EquationLayout layout = layoutEquation("\\frac{x^{2}}{x^{3}}", fake, em);
    const PlacedGlyphs& numBase = run(layout, U"x");
    const PlacedGlyphs& numSup = run(layout, U"2");
    const PlacedGlyphs& denSup = run(layout, U"3");
    const auto denBase = std::find_if(layout.glyphs.rbegin(), layout.glyphs.rend(),
                                      [](const PlacedGlyphs& g) { return g.text == U"x"; });
    REQUIRE(denBase != layout.glyphs.rend());
    CHECK(numBase.origin.y - numSup.origin.y == Approx(0.363f * em));     // text style
    CHECK(denBase->origin.y - denSup.origin.y == Approx(0.289f * em));    // cramped text style
}
