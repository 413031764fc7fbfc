// drawText and textWidth keep the texts they lay out (views/theme.cpp, TextCache), so a frame
// that shows the same strings as the one before asks FreeType for nothing. Whatever the cache
// holds, the numbers and the pixels must be those of a text laid out afresh: the first time, the
// second time, in another colour, at another anchor, and after the text has aged out of the cache.
#include "views/render_support.hpp"
#include "support/display.hpp"

#include <string>

using namespace stepwise::views;
using viewtest::render;

namespace {

/// The width as a new sf::Text measures it (what textWidth returned before it cached).
float freshWidth(const std::string& utf8, unsigned size, FontRole role) {
    const sf::Text text(toSfString(utf8), viewFont(role), size);
    return text.findCharacterPos(text.getString().getSize()).x;
}

/// \p utf8 drawn through a new sf::Text, placed with placeText as drawText places it.
void drawFresh(sf::RenderTarget& target, const std::string& utf8, sf::Vector2f anchor, unsigned size, sf::Color color,
               HAlign h, FontRole role) {
    sf::Text text(toSfString(utf8), viewFont(role), size);
    text.setFillColor(color);
    placeText(text, anchor, h, VAlign::Top);
    target.draw(text);
}

int differingPixels(const sf::Image& a, const sf::Image& b) {
    int n = 0;
    for (unsigned y = 0; y < a.getSize().y; ++y)
        for (unsigned x = 0; x < a.getSize().x; ++x) n += a.getPixel(x, y) != b.getPixel(x, y) ? 1 : 0;
    return n;
}

/// Enough other strings to push everything drawn before out of both of the cache's generations.
void flushCache() {
    for (int i = 0; i < 10000; ++i) (void)textWidth("filler " + std::to_string(i), 14);
}

} // namespace

TEST_CASE("[views] textWidth gives the fresh measurement, cached or not") {
    stepwise::test::requireDisplay(); // fonts need no display, but sf::Text glyphs need a context
    const std::string samples[] = {"W¹ = W¹ − α dW¹", "0.125", "−13.2", "trailing space ", "i", ""};
    for (const FontRole role : {FontRole::Ui, FontRole::UiBold, FontRole::Mono})
        for (const unsigned size : {12u, 17u, 31u})
            for (const std::string& s : samples) {
                CAPTURE(s, size, static_cast<int>(role));
                const float expected = freshWidth(s, size, role);
                CHECK(textWidth(s, size, role) == expected); // laid out now
                CHECK(textWidth(s, size, role) == expected); // from the cache
            }
    // Same string, other size or face: its own entry, not the first one's width.
    CHECK(textWidth("0.125", 12) < textWidth("0.125", 31));
    CHECK(textWidth("mmmm", 17, FontRole::Mono) != textWidth("mmmm", 17, FontRole::Ui));
    const float before = textWidth("aged out", 20);
    flushCache();
    CHECK(textWidth("aged out", 20) == before);
    CHECK(textWidth("aged out", 20) == freshWidth("aged out", 20, FontRole::Ui));
}

TEST_CASE("[views] drawText paints what a freshly laid-out text paints, however often it is drawn") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    struct Line {
        std::string text;
        sf::Vector2f anchor;
        HAlign h;
        FontRole role;
        sf::Color color;
    };
    const std::vector<Line> lines = {
        {"Z¹ = W¹A⁰ + b¹", {10.f, 10.f}, HAlign::Left, FontRole::Ui, theme.text},
        {"−0.042", {300.f, 10.f}, HAlign::Right, FontRole::Mono, theme.accent},
        {"loss 1.958", {160.f, 60.f}, HAlign::Center, FontRole::UiBold, theme.mutedText},
        // The same string again, elsewhere and in another colour: the cached text is moved and recoloured.
        {"−0.042", {40.f, 100.f}, HAlign::Left, FontRole::Mono, theme.text},
        {"Z¹ = W¹A⁰ + b¹", {310.f, 100.f}, HAlign::Right, FontRole::Ui, theme.accent},
    };
    const auto drawAll = [&](sf::RenderTarget& target, bool cached) {
        for (const Line& l : lines) {
            if (cached)
                drawText(target, l.text, l.anchor, 18, l.color, l.h, VAlign::Top, l.role);
            else
                drawFresh(target, l.text, l.anchor, 18, l.color, l.h, l.role);
        }
    };
    const sf::Image fresh = render(320, 140, theme, [&](sf::RenderTarget& t) { drawAll(t, false); });
    int inked = 0;
    for (unsigned y = 0; y < 140; ++y)
        for (unsigned x = 0; x < 320; ++x) inked += fresh.getPixel(x, y) != theme.background ? 1 : 0;
    REQUIRE(inked > 500); // the lines are there
    for (int pass = 0; pass < 3; ++pass) { // first layout, from the cache, after ageing out
        CAPTURE(pass);
        if (pass == 2) flushCache();
        const sf::Image drawn = render(320, 140, theme, [&](sf::RenderTarget& t) { drawAll(t, true); });
        CHECK(differingPixels(drawn, fresh) == 0);
    }
    // The rectangle drawText returns is the line box at the fresh width.
    const sf::Image unused = render(320, 140, theme, [&](sf::RenderTarget& t) {
        const sf::FloatRect r = drawText(t, "−0.042", {300.f, 10.f}, 18, theme.text, HAlign::Right, VAlign::Top, FontRole::Mono);
        CHECK(r.width == freshWidth("−0.042", 18, FontRole::Mono));
        CHECK(r.left + r.width == Approx(300.f).margin(0.5f));
        CHECK(r.height == Approx(lineHeight(18, FontRole::Mono)).margin(1.f));
    });
    (void)unused;
}

TEST_CASE("[views] makeText hands out a text at the origin, even after drawText moved the cached one") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    (void)render(200, 60, theme, [&](sf::RenderTarget& t) {
        drawText(t, "moved", {150.f, 30.f}, 16, theme.text, HAlign::Right, VAlign::Center);
    });
    const sf::Text text = makeText("moved", 16, theme.accent);
    CHECK(text.getPosition() == sf::Vector2f(0.f, 0.f));
    CHECK(text.getFillColor() == theme.accent);
    CHECK(text.getString() == toSfString("moved"));
    CHECK(text.getCharacterSize() == 16u);
}
