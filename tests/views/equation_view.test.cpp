// Tests of EquationView and FontSet: equations are rendered into an offscreen texture (under
// Xvfb in CI) and checked on pixels — ink inside every symbol, superscripts above the base,
// highlight boxes. The gallery test also writes every equation at 48 px to /tmp/eqs/*.png.
#include "views/equation_view.hpp"
#include "support/display.hpp"

#include "tex/commands.hpp"
#include "tex/parser.hpp"
#include "views/fonts.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

using namespace stepwise::views;
using namespace stepwise::tex;

namespace {

const sf::Color background = sf::Color::White;

/// Renders \p view (already positioned) on a white texture of \p size and reads it back.
sf::Image render(const EquationView& view, sf::Vector2u size) {
    sf::RenderTexture texture;
    REQUIRE(texture.create(size.x, size.y));
    texture.clear(background);
    view.draw(texture);
    texture.display();
    return texture.getTexture().copyToImage();
}

/// Size that holds \p view at its position with a margin.
sf::Vector2u canvasFor(const EquationView& view, float margin = 24.f) {
    const sf::FloatRect b = view.bounds();
    return {static_cast<unsigned>(std::ceil(b.left + b.width + margin)),
            static_cast<unsigned>(std::ceil(b.top + b.height + margin))};
}

bool isInk(const sf::Image& image, unsigned x, unsigned y) {
    const sf::Color c = image.getPixel(x, y);
    return c.r + c.g + c.b < 3 * 160; // dark pixel on the white background
}

/// Number of ink pixels in \p r (clipped to the image).
int inkIn(const sf::Image& image, const sf::FloatRect& r) {
    const sf::Vector2u size = image.getSize();
    const auto x0 = static_cast<unsigned>(std::max(0.f, std::floor(r.left)));
    const auto y0 = static_cast<unsigned>(std::max(0.f, std::floor(r.top)));
    const auto x1 = std::min(size.x, static_cast<unsigned>(std::max(0.f, std::ceil(r.left + r.width))));
    const auto y1 = std::min(size.y, static_cast<unsigned>(std::max(0.f, std::ceil(r.top + r.height))));
    int n = 0;
    for (unsigned y = y0; y < y1; ++y)
        for (unsigned x = x0; x < x1; ++x) n += isInk(image, x, y) ? 1 : 0;
    return n;
}

/// Topmost and bottommost rows with ink between columns [x0, x1).
std::optional<std::pair<unsigned, unsigned>> inkRows(const sf::Image& image, unsigned x0, unsigned x1) {
    std::optional<std::pair<unsigned, unsigned>> rows;
    for (unsigned y = 0; y < image.getSize().y; ++y)
        for (unsigned x = x0; x < std::min(x1, image.getSize().x); ++x)
            if (isInk(image, x, y)) {
                if (!rows) rows = std::pair{y, y};
                rows->second = y;
                break;
            }
    return rows;
}

const PlacedGlyphs& run(const EquationLayout& layout, std::u32string_view text) {
    for (const PlacedGlyphs& g : layout.glyphs)
        if (g.text == text) return g;
    FAIL("no glyph run with the requested text");
    return layout.glyphs.front();
}

struct GalleryEquation {
    const char* id;
    const char* tex;
};

const std::vector<GalleryEquation>& gallery() {
    static const std::vector<GalleryEquation> equations{
        {"forward.a0", "A^{0} = X"},
        {"forward.z1", "Z^{1} = W^{1} A^{0} + b^{1}"},
        {"forward.a1", "A^{1} = \\mathrm{ReLU}(Z^{1})"},
        {"forward.a2", "A^{2} = \\mathrm{softmax}(Z^{2})"},
        {"loss.y", "Y = \\mathrm{onehot}(y)"},
        {"loss.ce", "L = -\\frac{1}{m} \\sum Y \\odot \\log A^{2}"},
        {"backward.dz2", "dZ^{2} = A^{2} - Y"},
        {"backward.dw2", "dW^{2} = \\frac{1}{m} dZ^{2} A^{1\\top}"},
        {"backward.db2", "db^{2} = \\frac{1}{m} \\sum_{j} dZ^{2}_{:,j}"},
        {"backward.dz1", "dZ^{1} = W^{2\\top} dZ^{2} \\odot g'(Z^{1})"},
        {"update.w1", "W^{1} := W^{1} - \\alpha \\, dW^{1}"},
        {"update.b1", "b^{1} := b^{1} - \\alpha \\, db^{1}"},
        {"softmax", "A^{2}_{ij} = \\frac{e^{Z^{2}_{ij} - \\max_k Z^{2}_{kj}}}{\\sum_k e^{Z^{2}_{kj} - \\max_k Z^{2}_{kj}}}"},
        {"dot", "Z^{1}_{ij} = \\sum_{k} W^{1}_{ik} A^{0}_{kj} + b^{1}_{i}"},
    };
    return equations;
}

EquationView makeView(const std::string& tex, float px = 48.f) {
    EquationView view;
    view.setFontSize(px);
    view.setColor(sf::Color::Black);
    view.setTex(tex);
    view.setPosition({24.f, 24.f});
    return view;
}

} // namespace

// ---------------------------------------------------------------- fonts

TEST_CASE("[views] equation fonts report the missing file and its Debian package") {
    try {
        FontSet missing("/nonexistent/texmf", "/nonexistent/dejavu");
        FAIL("FontSet loaded fonts from a folder that does not exist");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(std::string(e.what()), Catch::Contains("/nonexistent/texmf/lm/lmroman10-regular.otf"));
        CHECK_THAT(std::string(e.what()), Catch::Contains("fonts-lmodern"));
    }
}

TEST_CASE("[views] equation fonts have a glyph for every symbol the parser emits") {
    stepwise::test::requireDisplay();
    const FontSet& set = fonts();
    const FontSetMetrics metrics(set);
    std::vector<std::string> sources{"+", "-", "=", ":=", "(", ")", "[", "]", ",", ":", "|", "g'", "0123456789",
                                     "\\mathrm{ReLU}", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"};
    for (const std::string& name : supportedCommands())
        if (name.size() > 1 && name != "frac" && name != "mathrm" && name != "left" && name != "right" &&
            name != "quad" && name != "qquad")
            sources.push_back("\\" + name);
    for (const std::string& tex : sources) {
        INFO("tex: " << tex);
        const EquationLayout layout = layoutEquation(tex, metrics, 48.f);
        REQUIRE_FALSE(layout.glyphs.empty());
        for (const PlacedGlyphs& g : layout.glyphs)
            for (char32_t c : g.text) {
                INFO("U+" << std::hex << static_cast<unsigned>(c));
                const GlyphInfo info = metrics.glyph(g.face, c, g.characterSize);
                CHECK(info.advance > 0.f);
                CHECK(info.bounds.width > 0.f);
            }
    }
    // The caption line's shape symbols come from DejaVu Sans.
    for (char32_t c : std::u32string(U"×→·−")) {
        INFO("U+" << std::hex << static_cast<unsigned>(c));
        CHECK(set.ui().getGlyph(c, 24, false).bounds.width > 0.f);
    }
}

// ---------------------------------------------------------------- rendering

TEST_CASE("[views] equation gallery renders ink in every symbol at 48 px") {
    stepwise::test::requireDisplay();
    std::filesystem::create_directories("/tmp/eqs");
    for (const GalleryEquation& eq : gallery()) {
        INFO(eq.id << ": " << eq.tex);
        EquationView view = makeView(eq.tex);
        if (std::string(eq.id) == "forward.z1") view.setCaption("(10×784)·(784×m) + (10×1) → 10×m");
        const sf::Image image = render(view, canvasFor(view));
        CHECK(image.saveToFile(std::string("/tmp/eqs/") + eq.id + ".png"));
        const auto rects = view.symbolRects();
        CHECK_FALSE(rects.empty());
        for (const auto& [name, rect] : rects) {
            INFO("symbol " << name);
            CHECK(inkIn(image, rect) > 20);
        }
        // Nothing drawn outside bounds().
        const sf::FloatRect b = view.bounds();
        const sf::Vector2u size = image.getSize();
        CHECK(inkIn(image, {0.f, 0.f, static_cast<float>(size.x), b.top - 2}) == 0);
        CHECK(inkIn(image, {0.f, b.top + b.height + 2, static_cast<float>(size.x), 100.f}) == 0);
        CHECK(inkIn(image, {b.left + b.width + 4, 0.f, 100.f, static_cast<float>(size.y)}) == 0);
    }
}

TEST_CASE("[views] equation superscript ink sits above the base's midline, subscript below the baseline") {
    stepwise::test::requireDisplay();
    const EquationView view = makeView("W^{1}_{i}");
    const sf::Image image = render(view, canvasFor(view));
    const float x0 = view.position().x;
    // W alone up to where the subscript starts; the scripts from the superscript on.
    const auto subStart = static_cast<unsigned>(x0 + std::round(run(view.layout(), U"i").origin.x));
    const auto supStart = static_cast<unsigned>(x0 + std::round(run(view.layout(), U"1").origin.x));
    const auto base = inkRows(image, static_cast<unsigned>(x0), subStart);
    REQUIRE(base);
    const auto scripts = inkRows(image, supStart + 1, image.getSize().x);
    REQUIRE(scripts);
    // The superscript's ink ends at the first blank row below its top (the gap above i's dot).
    auto rowHasInk = [&](unsigned y) {
        for (unsigned x = supStart + 1; x < image.getSize().x; ++x)
            if (isInk(image, x, y)) return true;
        return false;
    };
    unsigned supBottom = scripts->first;
    while (supBottom + 1 < image.getSize().y && rowHasInk(supBottom + 1)) ++supBottom;
    const auto baseline = static_cast<unsigned>(view.baseline());
    const unsigned baseMidline = (base->first + base->second) / 2;
    CHECK(scripts->first < base->first);   // the superscript reaches above W
    CHECK(supBottom < baseMidline);        // and its ink is above W's ink midline
    CHECK(supBottom + 4 < scripts->second);
    CHECK(scripts->second > baseline + 2); // the subscript hangs below the baseline
    CHECK(base->second <= baseline + 1);   // W itself sits on the baseline
}

TEST_CASE("[views] equation fraction bar is drawn between numerator and denominator") {
    stepwise::test::requireDisplay();
    const EquationView view = makeView("\\frac{1}{m}");
    const sf::Image image = render(view, canvasFor(view));
    const sf::FloatRect bar = view.layout().rules.at(0);
    const float barY = view.baseline() + bar.top + bar.height / 2;
    const float barX = view.position().x + bar.left + bar.width / 2;
    CHECK(isInk(image, static_cast<unsigned>(barX), static_cast<unsigned>(std::round(barY))));
    const float rowHeight = 8.f;
    // Ink above the bar (numerator) and below it (denominator), white just around it.
    CHECK(inkIn(image, {view.position().x, view.bounds().top, view.bounds().width, barY - rowHeight - view.bounds().top}) > 20);
    CHECK(inkIn(image, {view.position().x, barY + rowHeight, view.bounds().width, view.bounds().height}) > 20);
}

TEST_CASE("[views] equation highlight changes the pixels behind its symbol only") {
    stepwise::test::requireDisplay();
    EquationView view = makeView("dZ^{2} = A^{2} - Y");
    const sf::Vector2u size = canvasFor(view);
    const sf::Image plain = render(view, size);
    view.highlight("dZ2");
    CHECK(view.highlighted() == "dZ2");
    const sf::Image lit = render(view, size);

    auto changed = [&](const sf::FloatRect& r) {
        int n = 0;
        for (unsigned y = static_cast<unsigned>(r.top); y < static_cast<unsigned>(r.top + r.height); ++y)
            for (unsigned x = static_cast<unsigned>(r.left); x < static_cast<unsigned>(r.left + r.width); ++x)
                n += plain.getPixel(x, y) != lit.getPixel(x, y) ? 1 : 0;
        return n;
    };
    const auto rects = view.symbolRects();
    const sf::FloatRect dz = rects.find("dZ2")->second;
    const sf::FloatRect y = rects.find("Y")->second;
    CHECK(changed(dz) > static_cast<int>(dz.width * dz.height / 3));
    CHECK(changed(y) == 0);
    // The symbol stays legible: its glyph pixels are still dark.
    CHECK(inkIn(lit, dz) > 20);

    view.highlight("");
    const sf::Image cleared = render(view, size);
    CHECK(cleared.getPixelsPtr() != nullptr);
    CHECK(std::equal(cleared.getPixelsPtr(), cleared.getPixelsPtr() + 4 * size.x * size.y, plain.getPixelsPtr()));
}

TEST_CASE("[views] equation symbolAt finds the tensor under the mouse") {
    stepwise::test::requireDisplay();
    EquationView view = makeView("Z^{1} = W^{1} A^{0} + b^{1}");
    view.setPosition({100.f, 50.f});
    for (const auto& [name, rect] : view.symbolRects()) {
        INFO(name);
        CHECK(view.symbolAt({rect.left + rect.width / 2, rect.top + rect.height / 2}) == name);
    }
    CHECK(view.symbolAt({90.f, 60.f}).empty());                 // left of the view
    const sf::FloatRect eq = [&] {
        auto rects = view.symbolRects();
        return rects.find("Z1")->second;
    }();
    CHECK(view.symbolAt({eq.left + eq.width + 30.f, eq.top + eq.height / 2}).empty()); // on the '=' sign

    // Nested: the Z² in the exponent of e is found, e itself is not a tensor.
    EquationView softmax = makeView(gallery()[12].tex);
    const auto rects = softmax.symbolRects();
    CHECK(rects.count("Z2") == 4);
    for (auto [it, end] = rects.equal_range("Z2"); it != end; ++it) {
        const sf::FloatRect r = it->second;
        CHECK(softmax.symbolAt({r.left + r.width / 2, r.top + r.height / 2}) == "Z2");
    }
}

TEST_CASE("[views] equation view scales with the font size and draws the caption below") {
    stepwise::test::requireDisplay();
    EquationView small = makeView("Z^{1} = W^{1} A^{0} + b^{1}", 24.f);
    const EquationView large = makeView("Z^{1} = W^{1} A^{0} + b^{1}", 48.f);
    CHECK(large.bounds().width / small.bounds().width == Approx(2.0).epsilon(0.1));
    CHECK(large.bounds().height / small.bounds().height == Approx(2.0).epsilon(0.15));

    const sf::FloatRect withoutCaption = small.bounds();
    small.setCaption("(10×784)·(784×m) + (10×1) → 10×m");
    const sf::FloatRect withCaption = small.bounds();
    CHECK(withCaption.height > withoutCaption.height + 8);
    const sf::Image image = render(small, canvasFor(small));
    const float captionTop = withoutCaption.top + withoutCaption.height;
    CHECK(inkIn(image, {withCaption.left, captionTop, withCaption.width, withCaption.top + withCaption.height - captionTop}) > 50);
}

TEST_CASE("[views] equation view keeps its equation when setTex fails") {
    stepwise::test::requireDisplay();
    EquationView view = makeView("A^{0} = X");
    CHECK_THROWS_AS(view.setTex("A^{0"), EquationParseError);
    CHECK(view.tex() == "A^{0} = X");
    CHECK(view.symbolRects().size() == 2);
}

TEST_CASE("[views] equation view draws in the colour it is given") {
    stepwise::test::requireDisplay();
    EquationView view = makeView("Y = \\mathrm{onehot}(y)");
    view.setColor(sf::Color(200, 0, 0));
    const sf::Image image = render(view, canvasFor(view));
    const sf::FloatRect y = view.symbolRects().find("Y")->second;
    int red = 0, other = 0;
    for (auto py = static_cast<unsigned>(y.top); py < static_cast<unsigned>(y.top + y.height); ++py)
        for (auto px = static_cast<unsigned>(y.left); px < static_cast<unsigned>(y.left + y.width); ++px) {
            const sf::Color c = image.getPixel(px, py);
            if (c == background) continue;
            if (c.r > c.g + 100 && c.r > c.b + 100) ++red;      // solid red ink
            else if (c.r < c.g || c.r < c.b || c.g != c.b) ++other; // edges may only be paler red
        }
    CHECK(red > 20);
    CHECK(other == 0);
}
