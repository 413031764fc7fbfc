// Tests of TextTable: the largest layout that fits is chosen (full size, then flows, then smaller
// type, then the compact rows), nothing is drawn outside the rectangle however small it is, and
// rows that cannot fit are counted rather than cut.
#include "views/text_table.hpp"
#include "support/display.hpp"

#include <catch2/catch.hpp>

#include "views/render_support.hpp"

#include <string>

using namespace stepwise::views;
using namespace viewtest;

namespace {

TextTable sampleTable(int rows) {
    TextTable t;
    t.intro = "Finite differences against backpropagation, iteration 30:";
    t.header = {"entry", "backprop", "finite difference"};
    for (int i = 0; i < rows; ++i) {
        t.rows.push_back({"W1[" + std::to_string(i) + ", 462]", "0.019504", "0.019496"});
        t.compactRows.push_back({"W1[" + std::to_string(i) + "]", "0.0195"});
    }
    t.compactHeader = {"entry", "backprop"};
    t.footer = "All within 1e-3.";
    return t;
}

// Pixels that differ from the background outside \p rect.
int inkOutside(const sf::Image& image, const sf::FloatRect& rect, sf::Color background) {
    int ink = 0;
    const sf::Vector2u size = image.getSize();
    for (unsigned y = 0; y < size.y; ++y)
        for (unsigned x = 0; x < size.x; ++x) {
            const auto fx = static_cast<float>(x), fy = static_cast<float>(y);
            if (fx >= rect.left && fx < rect.left + rect.width && fy >= rect.top && fy < rect.top + rect.height) continue;
            if (channelDistance(image.getPixel(x, y), background) > 40) {
                if (ink == 0) UNSCOPED_INFO("first ink outside at " << x << ", " << y);
                ++ink;
            }
        }
    return ink;
}

} // namespace

TEST_CASE("[views] a text table takes the largest layout that fits its rectangle") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::projector();
    const TextTable t = sampleTable(6);

    // Room to spare: full rows at full size in one run.
    const TableFit roomy = fitTable(t, {1200.f, 800.f}, theme);
    CHECK(roomy.fits);
    CHECK(roomy.scale == Approx(1.f));
    CHECK_FALSE(roomy.compact);
    CHECK(roomy.flows == 1);
    CHECK(roomy.width <= 1200.f);
    CHECK(roomy.height <= 800.f);

    // Wide and short: the rows flow side by side before the type shrinks much.
    const TableFit wide = fitTable(t, {1800.f, 260.f}, theme);
    CHECK(wide.fits);
    CHECK(wide.flows >= 2);
    CHECK_FALSE(wide.compact);
    CHECK(wide.height <= 260.f);

    // Narrow: the full rows do not fit at any size, the compact ones do.
    const TableFit narrow = fitTable(t, {300.f, 600.f}, theme);
    CHECK(narrow.fits);
    CHECK(narrow.compact);
    CHECK(narrow.width <= 300.f);

    // Shrinking stops at the floor: then it says it does not fit.
    const TableFit tiny = fitTable(sampleTable(40), {300.f, 150.f}, theme);
    CHECK_FALSE(tiny.fits);
    CHECK(tiny.scale == Approx(kSmallestTableScale));
}

TEST_CASE("[views] a text table draws nothing outside its rectangle, and counts the rows left off") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::projector();
    for (const sf::FloatRect rect : {sf::FloatRect{40.f, 30.f, 900.f, 500.f}, sf::FloatRect{40.f, 30.f, 320.f, 200.f},
                                     sf::FloatRect{40.f, 30.f, 200.f, 90.f}}) {
        CAPTURE(rect.width, rect.height);
        TableFit fit;
        const sf::Image image = render(1000, 600, theme, [&](sf::RenderTarget& target) {
            fit = drawTable(target, sampleTable(30), rect, theme);
        });
        CHECK(inkOutside(image, rect, theme.background) == 0);
        // Something was drawn inside.
        int inkInside = 0;
        for (unsigned y = static_cast<unsigned>(rect.top); y < static_cast<unsigned>(rect.top + rect.height); ++y)
            for (unsigned x = static_cast<unsigned>(rect.left); x < static_cast<unsigned>(rect.left + rect.width); ++x)
                if (channelDistance(image.getPixel(x, y), theme.background) > 40) ++inkInside;
        CHECK(inkInside > 200);
        if (rect.width < 900.f) CHECK_FALSE(fit.fits); // thirty rows do not fit the small ones
    }
}
