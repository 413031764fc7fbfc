// The window shown when there is no data: its words (fetch MNIST; Fashion-MNIST only when
// installed) and its drawing (commands in the accent colour on the dark background).
#include "app/screens/missing_data_screen.hpp"
#include "support/display.hpp"
#include "support/test_paths.hpp"
#include "views/theme.hpp"

#include <SFML/Graphics/RenderTexture.hpp>
#include <catch2/catch.hpp>

#include <algorithm>

using namespace stepwise;

TEST_CASE("[app] the missing-data window says how to fetch MNIST and offers Fashion-MNIST only when installed") {
    const auto dir = test::scratchDir("missing-data-lines");
    const auto without = app::missingDataLines(dir / "absent");
    CHECK(std::find(without.begin(), without.end(), "    stepwise data fetch") != without.end());
    CHECK(std::none_of(without.begin(), without.end(), [](const std::string& l) { return l.find("Fashion") != std::string::npos; }));
    const auto with = app::missingDataLines(dir);
    CHECK(std::find(with.begin(), with.end(), "Press F to train on it now, or start stepwise with") != with.end());
    CHECK(std::find(with.begin(), with.end(), "    stepwise --data " + dir.string()) != with.end());
}

TEST_CASE("[app] the missing-data window draws its commands in the accent colour on the dark background") {
    test::requireDisplay();
    const auto lines = app::missingDataLines("/usr/share/datasets/fashion-mnist-surely-absent");
    sf::RenderTexture texture;
    REQUIRE(texture.create(app::missingDataSize.x, app::missingDataSize.y));
    app::drawMissingData(texture, lines);
    texture.display();
    const sf::Image image = texture.getTexture().copyToImage();
    image.saveToFile((test::scratchDir("missing-data-draw") / "missing_data.png").string());
    const views::Theme theme = views::Theme::dark();
    CHECK(image.getPixel(5, 5) == theme.background);
    // Line 4 ("    stepwise data fetch") is the only accent-coloured text; count its pixels by row band.
    auto accentIn = [&](unsigned top, unsigned bottom) {
        int n = 0;
        for (unsigned y = top; y < bottom; ++y)
            for (unsigned x = 0; x < image.getSize().x; ++x) n += image.getPixel(x, y) == theme.accent;
        return n;
    };
    const unsigned commandTop = 36 + 3 * 32;
    CHECK(accentIn(commandTop, commandTop + 32) > 100);
    CHECK(accentIn(36, commandTop) == 0);
    CHECK(accentIn(commandTop + 32, app::missingDataSize.y) == 0);
}
