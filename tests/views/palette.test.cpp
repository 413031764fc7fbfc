// Tests of the heatmap palettes (views/colormap): their names, the published control points
// they interpolate, and — on rendered heatmaps — that the legend and the cells show exactly the
// palette's colours at the legend's sample points, with cell numbers in a contrasting colour.
#include "views/colormap.hpp"
#include "views/matrix_view.hpp"
#include "support/display.hpp"

#include <catch2/catch.hpp>

#include "views/render_support.hpp"

#include <cmath>

using namespace stepwise::views;
using namespace viewtest;

namespace {

/// Sets the palette for one test and puts the default back afterwards.
struct PaletteScope {
    explicit PaletteScope(Palette p) { setHeatmapPalette(p); }
    ~PaletteScope() { setHeatmapPalette(Palette::PurpleOrange); }
    PaletteScope(const PaletteScope&) = delete;
    PaletteScope& operator=(const PaletteScope&) = delete;
};

/// WCAG contrast ratio of two colours (1 … 21).
double contrast(sf::Color a, sf::Color b) {
    auto linear = [](std::uint8_t c) {
        const double s = c / 255.0;
        return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    auto luminance = [&](sf::Color c) { return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b); };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

TEST_CASE("[views] palettes have names for the settings file and the command line") {
    for (const Palette p : kPalettes) {
        INFO(paletteName(p));
        CHECK(parsePalette(paletteName(p)) == p);
        CHECK_FALSE(paletteDescription(p).empty());
    }
    CHECK(paletteName(Palette::PurpleOrange) == "purple-orange");
    CHECK(paletteName(Palette::BlueRed) == "blue-red");
    CHECK(paletteName(Palette::Greyscale) == "greyscale");
    CHECK(parsePalette("colour-blind") == Palette::BlueRed);
    CHECK(parsePalette("gray") == Palette::Greyscale);
    CHECK_FALSE(parsePalette("Blue-Red"));
    CHECK_FALSE(parsePalette(""));
    // The key cycles all three and comes back.
    CHECK(nextPalette(Palette::PurpleOrange) == Palette::BlueRed);
    CHECK(nextPalette(Palette::BlueRed) == Palette::Greyscale);
    CHECK(nextPalette(Palette::Greyscale) == Palette::PurpleOrange);
    CHECK(paletteWords(Palette::BlueRed).negative == "blue");
    CHECK(paletteWords(Palette::PurpleOrange).positive == "orange");
}

TEST_CASE("[views] each palette interpolates its published control points") {
    // Ends and middles of the published tables: ColorBrewer PuOr, Tol's sunset, a grey ramp.
    const Colormap puor = Colormap::diverging(1.f, Palette::PurpleOrange);
    CHECK(puor.anchors().size() == 11u);
    CHECK(puor.map(-1.f) == sf::Color(0x2d, 0x00, 0x4b));
    CHECK(puor.map(0.f) == sf::Color(0xf7, 0xf7, 0xf7));
    CHECK(puor.map(1.f) == sf::Color(0x7f, 0x3b, 0x08));
    const Colormap sunset = Colormap::diverging(2.f, Palette::BlueRed);
    CHECK(sunset.anchors().size() == 11u);
    CHECK(sunset.map(-2.f) == sf::Color(0x36, 0x4b, 0x9a));
    CHECK(sunset.map(-1.6f) == sf::Color(0x4a, 0x7b, 0xb7)); // anchor 1 of 10
    CHECK(sunset.map(0.f) == sf::Color(0xea, 0xec, 0xcc));
    CHECK(sunset.map(0.8f) == sf::Color(0xfd, 0xb3, 0x66)); // anchor 7 of 10
    CHECK(sunset.map(2.f) == sf::Color(0xa5, 0x00, 0x26));
    const Colormap grey = Colormap::diverging(1.f, Palette::Greyscale);
    CHECK(grey.map(-1.f) == sf::Color::Black);
    CHECK(grey.map(1.f) == sf::Color::White);
    CHECK(channelDistance(grey.map(0.f), sf::Color(128, 128, 128)) <= 1);
    // Probabilities: viridis unless printing in grey; digits' pixels are grey in every palette.
    CHECK(Colormap::viridis(0.f, 1.f, Palette::BlueRed).map(1.f) == sf::Color(0xfd, 0xe7, 0x25));
    CHECK(Colormap::viridis(0.f, 1.f, Palette::Greyscale).map(1.f) == sf::Color::White);
    CHECK(Colormap::viridis(0.f, 1.f, Palette::Greyscale).map(0.f) == sf::Color::Black);
    {
        const PaletteScope scope(Palette::BlueRed);
        CHECK(Colormap::grey().map(1.f) == sf::Color::White);
        CHECK(Colormap::diverging(1.f).palette() == Palette::BlueRed); // new maps take the palette in force
    }
    CHECK(Colormap::diverging(1.f).palette() == Palette::PurpleOrange);
    // Every palette's diverging map reads back: the inverse finds the value of each colour.
    for (const Palette p : kPalettes) {
        const Colormap map = Colormap::diverging(1.f, p);
        for (int i = 0; i <= 20; ++i) {
            const float v = -1.f + static_cast<float>(i) / 10.f;
            CHECK(map.valueOf(map.map(v)) == Approx(v).margin(0.02f));
        }
    }
}

TEST_CASE("[views] each palette's rendered legend and cells match its definition at the legend's sample points") {
    stepwise::test::requireDisplay();
    // A 1 × 11 matrix whose cells hold exactly the anchor values −1, −0.8, …, 1.
    Eigen::MatrixXf anchorsRow(1, 11);
    for (int k = 0; k <= 10; ++k) anchorsRow(0, k) = -1.f + 0.2f * static_cast<float>(k);
    for (const Theme& theme : {Theme::dark(), Theme::projector()}) {
        for (const Palette p : kPalettes) {
            INFO(paletteName(p) << (theme.background == Theme::dark().background ? " on dark" : " on projector"));
            const PaletteScope scope(p);
            MatrixView view("W", anchorsRow);
            view.setRect({0.f, 0.f, 1200.f, 400.f});
            const sf::Image image = render(1200, 400, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
            REQUIRE(view.colormap().palette() == p);
            REQUIRE(view.colormap().limit() == Approx(1.f));
            const std::span<const sf::Color> anchors = view.colormap().anchors();
            const sf::FloatRect bar = view.legendRect();
            REQUIRE(bar.width > 200.f);
            const float y = bar.top + bar.height / 2.f;
            // The legend at each control point of the palette (its ends one pixel inside).
            for (std::size_t k = 0; k < anchors.size(); ++k) {
                const float t = static_cast<float>(k) / static_cast<float>(anchors.size() - 1);
                const float x = std::clamp(bar.left + t * bar.width, bar.left + 1.f, bar.left + bar.width - 2.f);
                INFO("legend sample " << k << " at x = " << x);
                CHECK(channelDistance(pixelAt(image, {x, y}), anchors[k]) <= 8);
            }
            // The cells at the legend's lower, middle and upper sample points (and every anchor
            // value) are painted the legend's colour; their numbers contrast with the fill.
            for (int k = 0; k <= 10; ++k) {
                const sf::FloatRect cell = view.cellRect(0, k);
                const sf::Color fill = view.colormap().map(anchorsRow(0, k));
                INFO("cell " << k);
                CHECK(channelDistance(pixelAt(image, {cell.left + cell.width / 2.f, cell.top + 3.f}), fill) <= 2);
                CHECK(contrast(readableOn(fill), fill) >= 4.5);
                int ink = 0;
                for (float xx = cell.left + 2.f; xx < cell.left + cell.width - 2.f; xx += 1.f)
                    for (float yy = cell.top + 2.f; yy < cell.top + cell.height - 2.f; yy += 1.f)
                        if (channelDistance(pixelAt(image, {xx, yy}), readableOn(fill)) < 40) ++ink;
                CHECK(ink > 10); // the number is written in the readable colour
            }
            // The legend's lower, middle and upper samples are the colours of the cells −1, 0, +1.
            const auto fillOf = [&](int k) {
                const sf::FloatRect cell = view.cellRect(0, k);
                return pixelAt(image, {cell.left + cell.width / 2.f, cell.top + 3.f});
            };
            CHECK(channelDistance(pixelAt(image, {bar.left + 1.f, y}), fillOf(0)) <= 8);
            CHECK(channelDistance(pixelAt(image, {bar.left + bar.width / 2.f, y}), fillOf(5)) <= 8);
            CHECK(channelDistance(pixelAt(image, {bar.left + bar.width - 2.f, y}), fillOf(10)) <= 8);
        }
    }
}
