// Tests of the presenter's overlays: the spotlight's dimming ratio, untouched hole and fade,
// the laser dot's colour and radius on white and black, and the magnifier's cell colours, value
// text and placement near the screen's edges, asserted on rendered pixels.
// The hidden "[.png]" case writes /tmp/overlay-*.png for a human to look at.
#include "views/presenter_overlays.hpp"
#include "support/display.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <catch2/catch.hpp>

#include "views/render_support.hpp"

#include <cmath>
#include <random>

using namespace stepwise::views;
using namespace viewtest;

namespace {
Eigen::MatrixXf randomMatrix(int rows, int cols, float limit, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> uniform(-limit, limit);
    Eigen::MatrixXf m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = uniform(rng);
    return m;
}

int brightness(sf::Color c) { return c.r + c.g + c.b; }

// Pixels of \p rect in \p image that differ from \p background by more than \p threshold.
int inkIn(const sf::Image& image, const sf::FloatRect& rect, sf::Color background, int threshold = 80) {
    int ink = 0;
    const auto size = image.getSize();
    for (int y = static_cast<int>(rect.top); y < static_cast<int>(rect.top + rect.height); ++y)
        for (int x = static_cast<int>(rect.left); x < static_cast<int>(rect.left + rect.width); ++x) {
            if (x < 0 || y < 0 || x >= static_cast<int>(size.x) || y >= static_cast<int>(size.y)) continue;
            if (channelDistance(image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(y)), background) > threshold) ++ink;
        }
    return ink;
}

Theme blackTheme() {
    Theme t = Theme::dark();
    t.background = sf::Color::Black;
    return t;
}
} // namespace

// ---------------------------------------------------------------- Spotlight

TEST_CASE("[views] spotlight dims everything outside its target") {
    stepwise::test::requireDisplay();
    for (const Theme& theme : {Theme::projector(), Theme::dark()}) {
        INFO("background " << int(theme.background.r));
        MatrixView left("W2", randomMatrix(10, 10, 0.5f, 1));
        left.setRect({20.f, 20.f, 600.f, 500.f});
        MatrixView right("Z1", randomMatrix(10, 16, 3.f, 2));
        right.setRect({660.f, 20.f, 600.f, 500.f});
        const auto scene = [&](sf::RenderTarget& t) {
            left.draw(t, theme);
            right.draw(t, theme);
        };
        Spotlight spotlight;
        spotlight.setTarget(right.rect());
        spotlight.finish();
        REQUIRE(spotlight.opacity() == Approx(Spotlight::dimOpacity));
        const sf::Image before = render(1280, 720, theme, scene);
        const sf::Image after = render(1280, 720, theme, [&](sf::RenderTarget& t) {
            scene(t);
            spotlight.draw(t, theme);
        });

        // Inside the target: every pixel exactly as before.
        int changedInside = 0;
        for (unsigned y = 20; y < 520; y += 3)
            for (unsigned x = 660; x < 1260; x += 3)
                if (before.getPixel(x, y) != after.getPixel(x, y)) ++changedInside;
        CHECK(changedInside == 0);

        // Outside the hole and its frame: darker by the layer's ratio, measured over many pixels.
        const float frameEnd = Spotlight::frameWidth(720.f) + 6.f + 2.f;
        long sumBefore = 0, sumAfter = 0;
        int brighter = 0;
        for (unsigned y = 0; y < 720; y += 4)
            for (unsigned x = 0; x < 1280; x += 4) {
                const float fx = static_cast<float>(x), fy = static_cast<float>(y);
                if (fx > 660.f - frameEnd && fx < 1260.f + frameEnd && fy > 20.f - frameEnd && fy < 520.f + frameEnd) continue;
                sumBefore += brightness(before.getPixel(x, y));
                sumAfter += brightness(after.getPixel(x, y));
                if (brightness(after.getPixel(x, y)) > brightness(before.getPixel(x, y))) ++brighter;
            }
        REQUIRE(sumBefore > 0);
        const double ratio = static_cast<double>(sumAfter) / static_cast<double>(sumBefore);
        CHECK(ratio == Approx(1.0 - Spotlight::dimOpacity).margin(0.03));
        CHECK(brighter == 0);

        // The frame just outside the hole is the highlight colour, fully drawn.
        const sf::FloatRect hole = spotlight.hole(720.f);
        const float mid = Spotlight::frameWidth(720.f) / 2.f;
        CHECK(channelDistance(pixelAt(after, {hole.left - mid, hole.top + hole.height / 2.f}), theme.highlight) <= 2);
        CHECK(channelDistance(pixelAt(after, {hole.left + hole.width / 2.f, hole.top + hole.height + mid}), theme.highlight) <= 2);
    }
}

TEST_CASE("[views] spotlight fades in, slides to a new target and fades out through advance") {
    Spotlight spotlight;
    CHECK_FALSE(spotlight.visible());
    const sf::FloatRect a{100.f, 100.f, 400.f, 300.f}, b{900.f, 200.f, 600.f, 500.f};
    spotlight.setTarget(a);
    CHECK(spotlight.opacity() == 0.f);
    CHECK(spotlight.animating());
    spotlight.advance(Spotlight::fadeSeconds / 2.f);
    CHECK(spotlight.opacity() == Approx(Spotlight::dimOpacity / 2.f)); // smoothstep(½) = ½
    spotlight.advance(Spotlight::fadeSeconds / 4.f);
    CHECK(spotlight.opacity() > Spotlight::dimOpacity / 2.f);
    CHECK(spotlight.opacity() < Spotlight::dimOpacity);
    spotlight.advance(1.f);
    CHECK(spotlight.opacity() == Approx(Spotlight::dimOpacity));
    CHECK_FALSE(spotlight.animating());
    CHECK(spotlight.currentRect() == a); // appeared in place, no slide

    spotlight.setTarget(b);
    CHECK(spotlight.currentRect() == a);
    spotlight.advance(Spotlight::fadeSeconds / 2.f);
    CHECK(spotlight.currentRect().left == Approx((a.left + b.left) / 2.f));
    CHECK(spotlight.currentRect().width == Approx((a.width + b.width) / 2.f));
    CHECK(spotlight.opacity() == Approx(Spotlight::dimOpacity)); // stays dim while sliding
    spotlight.advance(Spotlight::fadeSeconds);
    CHECK(spotlight.currentRect() == b);

    spotlight.setTarget(std::nullopt);
    spotlight.advance(Spotlight::fadeSeconds / 2.f);
    CHECK(spotlight.visible());
    CHECK(spotlight.currentRect() == b); // fades out where it was
    spotlight.advance(Spotlight::fadeSeconds);
    CHECK_FALSE(spotlight.visible());
    CHECK_FALSE(spotlight.animating());
    spotlight.advance(-1.f);
    CHECK(spotlight.opacity() == 0.f);
}

TEST_CASE("[views] spotlight half way through its fade dims half as much") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::projector(); // white background: 255 before
    Spotlight spotlight;
    spotlight.setTarget(sf::FloatRect{300.f, 200.f, 200.f, 100.f});
    spotlight.advance(Spotlight::fadeSeconds / 2.f);
    const sf::Image half = render(800, 600, theme, [&](sf::RenderTarget& t) { spotlight.draw(t, theme); });
    const int expected = static_cast<int>(std::lround(255.0 * (1.0 - Spotlight::dimOpacity / 2.0)));
    CHECK(std::abs(half.getPixel(20, 20).r - expected) <= 2);
    CHECK(half.getPixel(400, 250) == theme.background);
}

// ---------------------------------------------------------------- LaserPointer

TEST_CASE("[views] laser pointer dot is red and bright on white and on black") {
    stepwise::test::requireDisplay();
    for (const Theme& theme : {Theme::projector(), blackTheme()}) {
        INFO("background " << int(theme.background.r));
        LaserPointer laser;
        const sf::Vector2f at{700.f, 500.f};
        laser.setPosition(at);
        const sf::Image image = render(1920, 1080, theme, [&](sf::RenderTarget& t) { laser.draw(t); });
        const sf::Color centre = pixelAt(image, at);
        CHECK(centre.r >= 230);
        CHECK(centre.g <= 60);
        CHECK(centre.b <= 60);
        // Radius of the red core, measured along four directions.
        for (const sf::Vector2f dir : {sf::Vector2f{1, 0}, sf::Vector2f{-1, 0}, sf::Vector2f{0, 1}, sf::Vector2f{0, -1}}) {
            int radius = 0;
            while (radius < 100 && channelDistance(pixelAt(image, at + dir * static_cast<float>(radius)), LaserPointer::coreColor()) <= 40)
                ++radius;
            CHECK(radius >= 14);
            CHECK(radius <= 18);
        }
        // The glow reaches beyond the core: 1.6 radii out the pixel is visibly red-tinted.
        const sf::Color glow = pixelAt(image, at + sf::Vector2f{1.6f * LaserPointer::coreRadius(1080.f), 0.f});
        CHECK(channelDistance(glow, theme.background) >= 40);
        CHECK(glow.r > glow.g + 30);
        // And fades out before three radii.
        CHECK(channelDistance(pixelAt(image, at + sf::Vector2f{3.f * LaserPointer::coreRadius(1080.f), 0.f}), theme.background) <= 2);
    }
    CHECK(LaserPointer::coreRadius(1080.f) >= 14.f);
    CHECK(LaserPointer::coreRadius(2160.f) == Approx(2.f * LaserPointer::coreRadius(1080.f)));
}

TEST_CASE("[views] laser pointer trail follows the dot and fades with advance") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::projector();
    LaserPointer laser;
    for (int i = 0; i <= 10; ++i) {
        laser.setPosition(sf::Vector2f{200.f + 40.f * static_cast<float>(i), 300.f});
        laser.advance(0.01f);
    }
    CHECK(laser.trailLength() == 11);
    const sf::Vector2f onTrail{300.f, 300.f}; // well behind the dot at x = 600
    const sf::Image fresh = render(800, 600, theme, [&](sf::RenderTarget& t) { laser.draw(t); });
    CHECK(channelDistance(pixelAt(fresh, onTrail), theme.background) >= 60);
    laser.setPosition(std::nullopt);
    CHECK(laser.visible()); // the trail still fades
    laser.advance(LaserPointer::trailSeconds);
    CHECK(laser.trailLength() == 0);
    CHECK_FALSE(laser.visible());
    const sf::Image gone = render(800, 600, theme, [&](sf::RenderTarget& t) { laser.draw(t); });
    CHECK(pixelAt(gone, onTrail) == theme.background);
    CHECK(pixelAt(gone, {600.f, 300.f}) == theme.background);
}

// ---------------------------------------------------------------- Magnifier

TEST_CASE("[views] magnifier centre cell has the colormap colour of its value and shows the value") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::projector();
    Eigen::MatrixXf Z1 = randomMatrix(10, 16, 4.f, 3);
    Z1(3, 7) = -0.41271f;
    MatrixView view("Z1", Z1);
    view.setRect({40.f, 40.f, 1000.f, 700.f});
    sf::RenderTexture frame;
    REQUIRE(frame.create(1920, 1080));
    frame.clear(theme.background);
    view.draw(frame, theme); // lays the view out for cellAt()
    const sf::Vector2f pointer = centreOf(view.cellRect(3, 7));
    Magnifier magnifier;
    const auto lay = magnifier.layout(view, pointer, {0.f, 0.f, 1920.f, 1080.f}, theme);
    REQUIRE(lay);
    CHECK(lay->row == 3);
    CHECK(lay->column == 7);
    CHECK(lay->cellSize >= 90.f);
    CHECK(lay->valueSize >= theme.equationSize);
    CHECK(Magnifier::cellLabel(view.name(), 3, 7) == "Z1[3, 7]");
    REQUIRE(magnifier.draw(frame, theme, view, pointer));
    frame.display();
    const sf::Image image = frame.getTexture().copyToImage();

    // Enlarged cells in the map's colours: sample away from the value written in the middle.
    for (const auto& [r, c] : {std::pair{3, 7}, std::pair{1, 5}, std::pair{5, 9}, std::pair{2, 8}}) {
        INFO("cell " << r << ", " << c);
        const sf::FloatRect cell = lay->cellRect(r, c);
        const sf::Vector2f sample{cell.left + 0.22f * cell.width, cell.top + 0.22f * cell.height};
        CHECK(channelDistance(pixelAt(image, sample), view.colormap().map(Z1(r, c))) <= 2);
    }
    // The value in large text: ink in its line box, nothing of it below the lens.
    CHECK(inkIn(image, lay->value, theme.panel) > 150);
    CHECK(lay->value.height >= lineHeight(theme.equationSize, FontRole::UiBold));
    CHECK(inside(lay->value, lay->lens));
    // The label line carries ink too.
    CHECK(inkIn(image, lay->label, theme.panel) > 80);
    // Lens beside the magnified region, not over the pointer.
    CHECK_FALSE(lay->lens.contains(pointer));
    CHECK(inside(lay->lens, {0.f, 0.f, 1920.f, 1080.f}));
    CHECK(inside(lay->grid, lay->lens));
}

TEST_CASE("[views] magnifier lens stays inside the target near an edge") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::projector();
    const Eigen::MatrixXf W2 = randomMatrix(10, 10, 0.5f, 4);
    const sf::FloatRect screen{0.f, 0.f, 1920.f, 1080.f};
    // A view in the bottom-right corner of the screen and one in the top-left one.
    for (const sf::FloatRect rect : {sf::FloatRect{1320.f, 500.f, 600.f, 580.f}, sf::FloatRect{0.f, 0.f, 600.f, 580.f}}) {
        MatrixView view("W2", W2);
        view.setRect(rect);
        sf::RenderTexture frame;
        REQUIRE(frame.create(1920, 1080));
        frame.clear(theme.background);
        view.draw(frame, theme);
        Magnifier magnifier;
        for (const auto& [r, c] : {std::pair{0, 0}, std::pair{9, 9}, std::pair{0, 9}, std::pair{9, 0}}) {
            INFO("view at " << rect.left << ", cell " << r << ", " << c);
            const sf::Vector2f pointer = centreOf(view.cellRect(r, c));
            const auto lay = magnifier.layout(view, pointer, screen, theme);
            REQUIRE(lay);
            CHECK(inside(lay->lens, screen));
            CHECK_FALSE(lay->lens.contains(pointer));
            // Near the pointer: its nearer side within a quarter of the screen's width.
            const float distance = std::min(std::abs(lay->lens.left - pointer.x), std::abs(lay->lens.left + lay->lens.width - pointer.x));
            CHECK(distance < 480.f);
        }
        // Drawn where the layout says: the lens frame in the highlight colour at its left edge.
        const sf::Vector2f pointer = centreOf(view.cellRect(9, 9));
        const auto lay = magnifier.layout(view, pointer, screen, theme);
        REQUIRE(magnifier.draw(frame, theme, view, pointer));
        frame.display();
        const sf::Image image = frame.getTexture().copyToImage();
        CHECK(channelDistance(pixelAt(image, {lay->lens.left + 1.f, lay->lens.top + lay->lens.height / 2.f}), theme.highlight) <= 2);
        // At the matrix's corner the window shifts inside the matrix: rows and columns 5 … 9,
        // the pointed cell framed in the lens's corner, in its colour.
        CHECK(lay->firstRow == 5);
        CHECK(lay->firstColumn == 5);
        CHECK(lay->rowCount == 5);
        CHECK(lay->columnCount == 5);
        const sf::FloatRect corner = lay->cellRect(9, 9);
        CHECK(corner.left + corner.width == Approx(lay->grid.left + lay->grid.width));
        CHECK(channelDistance(pixelAt(image, {corner.left + 0.22f * corner.width, corner.top + 0.22f * corner.height}),
                              view.colormap().map(W2(9, 9))) <= 2);
        CHECK(channelDistance(pixelAt(image, {corner.left + 0.22f * corner.width, corner.top - 0.5f * corner.height}),
                              view.colormap().map(W2(8, 9))) <= 2);
    }
}

TEST_CASE("[views] magnifier shows only columns inside the view's column window") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::projector();
    const Eigen::MatrixXf Z1 = randomMatrix(10, 1000, 4.f, 7);
    MatrixView view("Z1", Z1);
    view.setColumnWindow(100, 16);
    view.setRect({40.f, 40.f, 1000.f, 700.f});
    const sf::Image image = render(1920, 1080, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    (void)image; // the draw lays the view out
    Magnifier magnifier;
    const auto last = magnifier.layout(view, centreOf(view.cellRect(5, 115)), {0.f, 0.f, 1920.f, 1080.f}, theme);
    REQUIRE(last);
    CHECK(last->column == 115);
    CHECK(last->firstColumn == 111);
    CHECK(last->columnCount == 5);
    const auto first = magnifier.layout(view, centreOf(view.cellRect(5, 100)), {0.f, 0.f, 1920.f, 1080.f}, theme);
    REQUIRE(first);
    CHECK(first->firstColumn == 100);
    CHECK(inside(first->source, view.gridRect()));
}

TEST_CASE("[views] magnifier of a one-column matrix shows that column only") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::projector();
    MatrixView view("b1", randomMatrix(10, 1, 0.5f, 6));
    view.setRect({100.f, 100.f, 300.f, 800.f});
    const sf::Image image = render(1920, 1080, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    (void)image; // the draw lays the view out
    Magnifier magnifier;
    const auto lay = magnifier.layout(view, centreOf(view.cellRect(4, 0)), {0.f, 0.f, 1920.f, 1080.f}, theme);
    REQUIRE(lay);
    CHECK(lay->columnCount == 1);
    CHECK(lay->rowCount == 5);
    CHECK(lay->firstRow == 2);
    CHECK(lay->grid.width == Approx(lay->cellSize));
    CHECK(lay->lens.width >= lay->label.width);
}

TEST_CASE("[views] magnifier draws nothing when the pointer is over no cell") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    MatrixView view("b1", randomMatrix(10, 1, 0.5f, 5));
    view.setRect({100.f, 100.f, 300.f, 500.f});
    const sf::Vector2f away{700.f, 50.f};
    bool drew = true;
    const sf::Image image = render(800, 700, theme, [&](sf::RenderTarget& t) {
        view.draw(t, theme);
        Magnifier magnifier;
        CHECK_FALSE(magnifier.layout(view, away, {0.f, 0.f, 800.f, 700.f}, theme).has_value());
        drew = magnifier.draw(t, theme, view, away);
    });
    CHECK_FALSE(drew);
    CHECK(pixelAt(image, {700.f, 300.f}) == theme.background);
}

// ---------------------------------------------------------------- PNGs

TEST_CASE("[views] presenter overlays PNGs for a human to look at", "[.png]") {
    stepwise::test::requireDisplay();
    { // the laser dot at 1:1 on white and on black, with a trail
        const sf::Image dots = render(480, 240, Theme::projector(), [&](sf::RenderTarget& t) {
            drawBox(t, {240.f, 0.f, 240.f, 240.f}, sf::Color::Black);
            for (const float x : {120.f, 360.f}) {
                LaserPointer laser;
                for (int i = 0; i <= 8; ++i) {
                    laser.setPosition(sf::Vector2f{x - 80.f + 10.f * static_cast<float>(i), 60.f + 7.f * static_cast<float>(i)});
                    laser.advance(0.03f);
                }
                laser.draw(t);
                LaserPointer still;
                still.setPosition(sf::Vector2f{x, 190.f});
                still.draw(t);
            }
        });
        REQUIRE(dots.saveToFile("/tmp/overlay-laser.png"));
    }
    const Eigen::MatrixXf W1 = randomMatrix(10, 784, 0.5f, 20);
    Eigen::MatrixXf Z1 = randomMatrix(10, 41000, 4.f, 23);
    Z1(3, 7) = -0.41271f;
    const Eigen::MatrixXf W2 = randomMatrix(10, 10, 0.5f, 22);
    for (const auto& [themeName, theme] : {std::pair{"projector", Theme::projector()}, std::pair{"dark", Theme::dark()}}) {
        sf::RenderTexture frame;
        REQUIRE(frame.create(1920, 1080));
        frame.clear(theme.background);
        MatrixView w1("W1", W1);
        w1.setRect({20.f, 20.f, 1880.f, 440.f});
        MatrixView z1("Z1", Z1);
        z1.setColumnWindow(0, 16);
        z1.setRect({20.f, 480.f, 1100.f, 580.f});
        MatrixView w2("W2", W2);
        w2.setRect({1140.f, 480.f, 760.f, 580.f});
        w1.draw(frame, theme);
        z1.draw(frame, theme);
        w2.draw(frame, theme);

        Spotlight spotlight;
        spotlight.setTarget(z1.rect());
        spotlight.finish();
        spotlight.draw(frame, theme);
        Magnifier magnifier;
        magnifier.draw(frame, theme, z1, centreOf(z1.cellRect(3, 7)));
        LaserPointer laser;
        for (int i = 0; i <= 12; ++i) {
            laser.setPosition(sf::Vector2f{1300.f + 25.f * static_cast<float>(i), 700.f + 8.f * static_cast<float>(i)});
            laser.advance(0.02f);
        }
        laser.draw(frame);
        LaserPointer onWhite; // a second dot over the W1 heatmap
        onWhite.setPosition(sf::Vector2f{900.f, 200.f});
        onWhite.draw(frame);
        frame.display();
        REQUIRE(frame.getTexture().copyToImage().saveToFile(std::string("/tmp/overlay-") + themeName + ".png"));

        // The lens at the screen's bottom-right corner, over W2.
        frame.clear(theme.background);
        w1.draw(frame, theme);
        z1.draw(frame, theme);
        w2.draw(frame, theme);
        magnifier.draw(frame, theme, w2, centreOf(w2.cellRect(9, 9)));
        frame.display();
        REQUIRE(frame.getTexture().copyToImage().saveToFile(std::string("/tmp/overlay-corner-") + themeName + ".png"));
    }
}
