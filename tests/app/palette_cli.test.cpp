// `--palette` on render, export and docs: the images are drawn in the palette asked for (the
// b1 heatmap of lesson 2 step 3 in colour, in Tol's blue–red, or in grey), the window's setting
// does not leak into them, and an unknown name is refused with exit code 2.
#include "support/display.hpp"
#include "views/colormap.hpp"
#include "views/render_support.hpp"

#include "app_support.hpp"

#include <SFML/Graphics/Image.hpp>
#include <catch2/catch.hpp>

#include <fstream>

using namespace stepwise;
using namespace stepwise::test;

namespace {

/// Of the pixels that differ between two renders of one layout in two palettes, the share
/// that is neutral grey (r = g = b within 1) in \p grey; and how many differ.
std::pair<double, long> turnedGrey(const sf::Image& colour, const sf::Image& grey) {
    REQUIRE(colour.getSize() == grey.getSize());
    long differing = 0, neutral = 0;
    for (unsigned y = 0; y < grey.getSize().y; ++y)
        for (unsigned x = 0; x < grey.getSize().x; ++x) {
            const sf::Color c = colour.getPixel(x, y), g = grey.getPixel(x, y);
            if (c == g) continue;
            ++differing;
            if (std::max({g.r, g.g, g.b}) - std::min({g.r, g.g, g.b}) <= 1) ++neutral;
        }
    return {differing ? static_cast<double>(neutral) / static_cast<double>(differing) : 0.0, differing};
}

/// Pixels within 3 per channel of \p colour.
long pixelsNear(const sf::Image& image, sf::Color colour) {
    long n = 0;
    for (unsigned y = 0; y < image.getSize().y; ++y)
        for (unsigned x = 0; x < image.getSize().x; ++x)
            if (viewtest::channelDistance(image.getPixel(x, y), colour) <= 3) ++n;
    return n;
}

sf::Image load(const std::filesystem::path& file) {
    sf::Image image;
    REQUIRE(image.loadFromFile(file.string()));
    return image;
}

} // namespace

TEST_CASE("[app] render, export and docs draw the heatmaps in the palette asked for") {
    stepwise::test::requireDisplay();
    const auto dir = test::scratchDir("palette-cli");
    const std::string data = mnist();
    auto render = [&](const std::string& palette) {
        const auto file = dir / ("b1-" + palette + ".png");
        std::vector<std::string> args{"render", "--data", data, "--lesson", "anatomy", "--step", "3",
                                      "--size", "960x540", "--out", file.string()};
        if (!palette.empty()) args.insert(args.end(), {"--palette", palette});
        const Run r = runStepwise(args);
        INFO(r.err);
        REQUIRE(r.code == 0);
        return load(file);
    };
    views::setHeatmapPalette(views::Palette::Greyscale); // the window's choice must not leak into render
    const sf::Image byDefault = render("");
    views::setHeatmapPalette(views::Palette::PurpleOrange);
    const sf::Image purpleOrange = render("purple-orange");
    const sf::Image blueRed = render("blue-red");
    const sf::Image greyscale = render("greyscale");
    CHECK(turnedGrey(purpleOrange, byDefault).second == 0); // the same image
    // The legend's lower end is each palette's first control point, and no other palette's.
    const sf::Color puorLow = views::Colormap::diverging(1.f, views::Palette::PurpleOrange).map(-1.f);
    const sf::Color sunsetLow = views::Colormap::diverging(1.f, views::Palette::BlueRed).map(-1.f);
    CHECK(pixelsNear(purpleOrange, puorLow) > 5);
    CHECK(pixelsNear(purpleOrange, sunsetLow) == 0);
    CHECK(pixelsNear(blueRed, sunsetLow) > 5);
    CHECK(pixelsNear(blueRed, puorLow) == 0);
    // In grey the ten cells and the legend lose their colour, and nothing else changes.
    const auto [greyShare, changed] = turnedGrey(purpleOrange, greyscale);
    CHECK(changed > 3000);
    CHECK(greyShare > 0.97);
    CHECK(turnedGrey(purpleOrange, blueRed).second > 3000);

    // export: the slides of the lesson in grey, against the same slides in the default palette.
    auto exportIn = [&](const std::string& palette) {
        const auto slides = dir / ("slides-" + palette);
        const Run r = runStepwise({"export", "--data", data, "--samples", "2000", "--lesson", "anatomy", "--out",
                                   slides.string(), "--size", "960x540", "--theme", "dark", "--palette", palette});
        INFO(r.err);
        REQUIRE(r.code == 0);
        return slides;
    };
    const auto greySlides = exportIn("greyscale");
    const auto colourSlides = exportIn("purple-orange");
    for (const char* slide : {"slide-02.png", "slide-03.png"}) {
        INFO(slide);
        const auto [share, differing] = turnedGrey(load(colourSlides / slide), load(greySlides / slide));
        CHECK(differing > 3000);
        CHECK(share > 0.97);
    }

    // docs: the screenshots of the lesson pages.
    const auto lessonsDir = dir / "lessons";
    std::filesystem::create_directories(lessonsDir);
    std::filesystem::copy_file(test::sourceDir() / "lessons" / "02-anatomy.toml", lessonsDir / "02-anatomy.toml");
    const Run docs = runStepwise({"docs", "--out", (dir / "docs").string(), "--lessons", lessonsDir.string(), "--data",
                                  data, "--palette", "blue-red"});
    INFO(docs.err);
    REQUIRE(docs.code == 0);
    long withSunset = 0, withPuor = 0, shots = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "docs" / "images")) {
        if (entry.path().extension() != ".png") continue;
        const sf::Image shot = load(entry.path());
        withSunset += pixelsNear(shot, sunsetLow) > 5;
        withPuor += pixelsNear(shot, puorLow) > 0;
        ++shots;
    }
    CHECK(shots >= 5);
    CHECK(withSunset >= 3); // the steps with a diverging heatmap and its legend
    CHECK(withPuor == 0);

    const Run bad = runStepwise({"render", "--lesson", "anatomy", "--step", "3", "--out", (dir / "x.png").string(),
                                 "--palette", "rainbow"});
    CHECK(bad.code == 2);
    CHECK(bad.err == "stepwise: --palette: unknown palette \"rainbow\": expected purple-orange, blue-red or greyscale "
                     "(see stepwise --help)\n");
}
