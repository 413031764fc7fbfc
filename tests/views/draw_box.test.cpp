// drawBox paints an opaque box by clearing a scissored rectangle rather than shading two
// triangles (views/theme.cpp). It must paint exactly the pixels the shape did: the same box drawn
// as an sf::RectangleShape beside it, on edges at whole, half and odd fractions of a pixel, with
// outlines, through a scrolled view whose viewport clips, and on the window's off-screen twin.
#include "views/render_support.hpp"
#include "support/display.hpp"

#include <SFML/Graphics/RectangleShape.hpp>

#include <vector>

using namespace stepwise::views;
using viewtest::render;

namespace {

/// The box as drawBox drew it before: a rectangle shape with its outline inside \p rect.
void shapeBox(sf::RenderTarget& target, const sf::FloatRect& rect, sf::Color fill, sf::Color outline, float thickness) {
    sf::RectangleShape box({std::max(0.f, rect.width - 2.f * thickness), std::max(0.f, rect.height - 2.f * thickness)});
    box.setPosition(rect.left + thickness, rect.top + thickness);
    box.setFillColor(fill);
    box.setOutlineColor(outline);
    box.setOutlineThickness(thickness);
    target.draw(box, sf::RenderStates(sf::BlendNone));
}

struct Box {
    sf::FloatRect rect;
    float thickness;
};

const std::vector<Box>& boxes() {
    static const std::vector<Box> all = {
        {{10.f, 10.f, 100.f, 40.f}, 0.f},       {{20.5f, 60.5f, 90.f, 30.f}, 1.f},  // whole, half
        {{130.25f, 10.75f, 61.3f, 47.6f}, 2.f}, {{200.5f, 70.5f, 33.5f, 12.5f}, 3.f}, // odd fractions
        {{5.f, 110.f, 300.f, 1.f}, 0.f},        {{250.4f, 5.6f, 1.f, 90.f}, 0.f},   // 1 px rules
        {{300.f, 120.f, 80.f, 80.f}, 1.f},                                         // past the right edge
    };
    return all;
}

} // namespace

TEST_CASE("[views] drawBox paints exactly the pixels the rectangle shape paints") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    for (const bool scrolled : {false, true}) {
        CAPTURE(scrolled);
        // Scrolled: a view moved by a fraction of a pixel, shown through a viewport that cuts
        // off the left and top, as the narration's scrolling frame does.
        const auto setView = [&](sf::RenderTarget& target) {
            if (!scrolled) return;
            sf::View view(sf::FloatRect(30.3f, 20.7f, 300.f, 150.f));
            view.setViewport({0.1f, 0.125f, 300.f / 340.f, 150.f / 160.f});
            target.setView(view);
        };
        const sf::Image cleared = render(340, 160, theme, [&](sf::RenderTarget& target) {
            setView(target);
            for (const Box& b : boxes()) drawBox(target, b.rect, theme.panel, theme.accent, b.thickness);
        });
        const sf::Image shaded = render(340, 160, theme, [&](sf::RenderTarget& target) {
            setView(target);
            for (const Box& b : boxes()) shapeBox(target, b.rect, theme.panel, theme.accent, b.thickness);
        });
        int differing = 0, painted = 0;
        for (unsigned y = 0; y < 160; ++y)
            for (unsigned x = 0; x < 340; ++x) {
                if (cleared.getPixel(x, y) != shaded.getPixel(x, y)) ++differing;
                if (shaded.getPixel(x, y) != theme.background) ++painted;
            }
        CHECK(painted > 5000); // the boxes are there (about 9,000 pixels through the scrolled view)
        CHECK(differing == 0);
    }
}

TEST_CASE("[views] a translucent box still blends over what is under it") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const sf::Image image = render(60, 40, theme, [&](sf::RenderTarget& target) {
        drawBox(target, {0.f, 0.f, 60.f, 40.f}, sf::Color::White);
        drawBox(target, {10.f, 10.f, 40.f, 20.f}, sf::Color(0, 0, 0, 128)); // half black over white
    });
    const sf::Color mid = image.getPixel(30, 20), edge = image.getPixel(5, 5);
    CHECK(edge == sf::Color::White);
    CHECK(mid.r > 100);
    CHECK(mid.r < 160); // about half way: blended, not replaced
}
