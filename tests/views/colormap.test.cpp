// Tests of the colour maps, the legend and the shared number formatting (views/colormap,
// views/theme). Pure colour arithmetic needs no display; the legend test renders offscreen.
#include "views/colormap.hpp"
#include "support/display.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <limits>

using namespace stepwise::views;

namespace {
int channelDistance(sf::Color a, sf::Color b) {
    return std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
}
} // namespace

TEST_CASE("[views] diverging colormap is symmetric around zero and clamps beyond the limit") {
    const Colormap map = Colormap::diverging(0.5f);
    CHECK(map.limit() == 0.5f);
    CHECK(map.lower() == -0.5f);
    CHECK(map.upper() == 0.5f);
    const sf::Color zero = map.map(0.f);
    CHECK(zero.r > 240);
    CHECK(zero.g > 240);
    CHECK(zero.b > 240);
    // Negative is purple (blue above red), positive is orange (red above blue).
    const sf::Color negative = map.map(-0.4f);
    const sf::Color positive = map.map(0.4f);
    CHECK(negative.b > negative.r);
    CHECK(positive.r > positive.b);
    // Same distance from white on both sides.
    const int darkNeg = 3 * 255 - (negative.r + negative.g + negative.b);
    const int darkPos = 3 * 255 - (positive.r + positive.g + positive.b);
    CHECK(std::abs(darkNeg - darkPos) < 200);
    CHECK(map.map(-7.f) == map.map(-0.5f));
    CHECK(map.map(7.f) == map.map(0.5f));
    CHECK(map.map(-0.5f) == sf::Color(0x2d, 0x00, 0x4b));
    CHECK(map.map(0.5f) == sf::Color(0x7f, 0x3b, 0x08));
}

TEST_CASE("[views] colormap limit follows the largest finite magnitude") {
    Eigen::MatrixXf values(2, 2);
    values << 0.1f, -0.75f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity();
    CHECK(maxAbsFinite(values) == 0.75f);
    CHECK(Colormap::divergingFor(values).limit() == 0.75f);
    CHECK(Colormap::divergingFor(Eigen::MatrixXf::Zero(3, 3)).limit() == 1.f);
    CHECK(Colormap::diverging(0.f).limit() == 1.f);
    CHECK(Colormap::diverging(std::numeric_limits<float>::quiet_NaN()).limit() == 1.f);
}

TEST_CASE("[views] sequential colormaps run from their published end colours") {
    const Colormap viridis = Colormap::viridis();
    CHECK(viridis.map(0.f) == sf::Color(0x44, 0x01, 0x54));
    CHECK(viridis.map(1.f) == sf::Color(0xfd, 0xe7, 0x25));
    const Colormap grey = Colormap::grey();
    CHECK(grey.map(0.f) == sf::Color::Black);
    CHECK(grey.map(1.f) == sf::Color::White);
    CHECK(channelDistance(grey.map(0.5f), sf::Color(128, 128, 128)) <= 1);
    CHECK_FALSE(grey.isDiverging());
}

TEST_CASE("[views] colormap inverse recovers the value from its colour") {
    for (const Colormap& map : {Colormap::diverging(2.f), Colormap::viridis(0.f, 1.f), Colormap::grey(0.f, 255.f)}) {
        const float range = map.upper() - map.lower();
        for (int i = 0; i <= 20; ++i) {
            const float v = map.lower() + range * static_cast<float>(i) / 20.f;
            CHECK(map.valueOf(map.map(v)) == Approx(v).margin(range / 100.f));
        }
    }
}

TEST_CASE("[views] NaN and infinities map to the distinct NaN colour") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    for (const Colormap& map : {Colormap::diverging(1.f), Colormap::viridis(), Colormap::grey()}) {
        CHECK(map.map(nan) == Colormap::nanColor());
        CHECK(map.map(inf) == Colormap::nanColor());
        CHECK(map.map(-inf) == Colormap::nanColor());
        CHECK(std::isnan(map.valueOf(Colormap::nanColor())));
        // No finite value comes close to the NaN colour.
        for (int i = 0; i <= 100; ++i) {
            const float v = map.lower() + (map.upper() - map.lower()) * static_cast<float>(i) / 100.f;
            CHECK(channelDistance(map.map(v), Colormap::nanColor()) > 60);
        }
    }
}

TEST_CASE("[views] numbers have four significant digits and a real minus sign") {
    CHECK(formatValue(-0.41271f) == "\xE2\x88\x92" "0.4127");
    CHECK(formatValue(0.5) == "0.5");
    CHECK(formatValue(0.0) == "0");
    CHECK(formatValue(-0.0) == "0");
    CHECK(formatValue(1234.56) == "1235");
    CHECK(formatValue(9.99996) == "10");
    CHECK(formatValue(0.00123456) == "0.001235");
    CHECK(formatValue(1.5e-6) == "1.5e\xE2\x88\x92" "6");
    CHECK(formatValue(-2.5e7) == "\xE2\x88\x92" "2.5e7");
    CHECK(formatValue(std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(formatValue(-std::numeric_limits<double>::infinity()) == "\xE2\x88\x92\xE2\x88\x9E");
    CHECK(formatValue(3.14159, 3) == "3.14");
    CHECK(formatCount(41000) == "41,000");
    CHECK(formatCount(999) == "999");
    CHECK(formatCount(1000000) == "1,000,000");
    CHECK(formatPercent(0.853) == "85.3 %");
    CHECK(decimalsFor(0.5, 3) == 3);
    CHECK(decimalsFor(4.0, 3) == 2);
    CHECK(decimalsFor(250.0, 3) == 0);
    CHECK(formatFixed(-0.00663, 3) == "\xE2\x88\x92" "0.007");
    CHECK(formatFixed(-0.0001, 3) == "0");
    CHECK(formatFixed(0.4891, 3) == "0.489");
}

TEST_CASE("[views] both themes keep text legible") {
    const Theme dark = Theme::dark();
    const Theme projector = Theme::projector();
    CHECK(dark.bodySize >= 16);
    CHECK(projector.bodySize >= 28);
    CHECK(projector.smallSize >= 20);
    CHECK(dark.smallSize < dark.bodySize);
    CHECK(dark.bodySize < dark.titleSize);
    // Projector: dark text on a light background.
    CHECK(projector.background.r > 230);
    CHECK(projector.text.r < 40);
    CHECK(readableOn(projector.background) == sf::Color::Black);
    CHECK(readableOn(dark.background) == sf::Color::White);
    // Presenter mode: everything scales together, colours stay.
    const Theme presenter = dark.scaled(1.6f);
    CHECK(presenter.bodySize >= 28);
    CHECK(presenter.titleSize == 38);
    CHECK(presenter.padding == Approx(dark.padding * 1.6f).margin(0.5f));
    CHECK(presenter.text == dark.text);
}

TEST_CASE("[views] long text is elided to fit its width") {
    stepwise::test::requireDisplay();
    const std::string text = "W1 \xE2\x88\x92 W1_after: what hidden neuron i looks for";
    CHECK(elide(text, 18, 10000.f) == text);
    const std::string shorter = elide(text, 18, 120.f);
    CHECK(textWidth(shorter, 18) <= 120.f);
    CHECK(shorter.size() < text.size());
    CHECK(shorter.substr(shorter.size() - 3) == "\xE2\x80\xA6");
    // Cutting inside the multi-byte minus sign never leaves half a character.
    for (float width = 20.f; width < 80.f; width += 1.f) {
        const std::string s = elide(text, 18, width);
        CHECK(sf::String::fromUtf8(s.begin(), s.end()).toUtf8().size() == s.size());
    }
}

TEST_CASE("[views] colour legend draws the map from its lower to its upper end") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    sf::RenderTexture texture;
    REQUIRE(texture.create(400, 120));
    texture.clear(theme.panel);
    const Colormap map = Colormap::diverging(0.5f);
    const sf::FloatRect bar{50.f, 20.f, 300.f, 16.f};
    drawColorLegend(texture, theme, map, bar, true);
    texture.display();
    const sf::Image image = texture.getTexture().copyToImage();
    for (float t : {0.02f, 0.25f, 0.5f, 0.75f, 0.98f}) {
        const float x = bar.left + t * bar.width;
        const sf::Color expected = map.map(map.lower() + t * (map.upper() - map.lower()));
        CHECK(channelDistance(image.getPixel(static_cast<unsigned>(x), 28u), expected) <= 6);
    }
    // Numbers under the bar: some pixels there are text-coloured, not panel-coloured.
    int inked = 0;
    for (unsigned x = 50; x < 350; ++x)
        for (unsigned y = 40; y < 70; ++y)
            if (channelDistance(image.getPixel(x, y), theme.panel) > 60) ++inked;
    CHECK(inked > 30);
    // The NaN swatch right of the bar.
    CHECK(image.getPixel(static_cast<unsigned>(bar.left + bar.width + 2 * theme.gap + 6), 28u) == Colormap::nanColor());
}
