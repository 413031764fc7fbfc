// Tests of MatrixView: cells coloured through the colormap, legend, tooltip, zoom and pan,
// column window, NaN cells, highlights, dimming and cell labels, asserted on rendered pixels.
// The hidden "[.png]" case writes realistic frames to /tmp/views for a human to look at.
#include "views/matrix_view.hpp"
#include "support/display.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <catch2/catch.hpp>

#include "views/render_support.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <limits>
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

sf::Event mouseMoved(sf::Vector2f p) {
    sf::Event e{};
    e.type = sf::Event::MouseMoved;
    e.mouseMove.x = static_cast<int>(p.x);
    e.mouseMove.y = static_cast<int>(p.y);
    return e;
}

sf::Event wheel(sf::Vector2f p, float delta) {
    sf::Event e{};
    e.type = sf::Event::MouseWheelScrolled;
    e.mouseWheelScroll.wheel = sf::Mouse::VerticalWheel;
    e.mouseWheelScroll.delta = delta;
    e.mouseWheelScroll.x = static_cast<int>(p.x);
    e.mouseWheelScroll.y = static_cast<int>(p.y);
    return e;
}

sf::Event button(sf::Event::EventType type, sf::Vector2f p) {
    sf::Event e{};
    e.type = type;
    e.mouseButton.button = sf::Mouse::Left;
    e.mouseButton.x = static_cast<int>(p.x);
    e.mouseButton.y = static_cast<int>(p.y);
    return e;
}

} // namespace

TEST_CASE("[views] matrix view colours cells through the colormap") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Eigen::MatrixXf W2 = randomMatrix(10, 10, 0.5f, 1);
    MatrixView view("W2", W2);
    view.setCellLabels(false);
    view.setRect({20.f, 20.f, 900.f, 500.f});
    const sf::Image image = render(960, 560, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    const Colormap& map = view.colormap();
    CHECK(map.limit() == Approx(W2.cwiseAbs().maxCoeff()));
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 10; ++c) {
            INFO("cell " << r << ", " << c);
            CHECK(channelDistance(pixelAt(image, centreOf(view.cellRect(r, c))), map.map(W2(r, c))) <= 2);
        }
    CHECK(inside(view.gridRect(), view.rect()));
    CHECK(inside(view.legendRect(), view.rect()));
}

TEST_CASE("[views] matrix view draws W1's 7,840 cells where cellRect says") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Eigen::MatrixXf W1 = randomMatrix(10, 784, 0.5f, 2);
    MatrixView view("W1", W1, 1);
    view.setRect({0.f, 0.f, 1900.f, 500.f});
    const sf::Image image = render(1900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    int checked = 0;
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 784; c += 7) {
            const sf::FloatRect cell = view.cellRect(r, c);
            // Cells about 2 px wide: sample the pixel whose centre is inside the cell.
            const float x = std::floor(cell.left + cell.width / 2.f);
            if (x + 0.5f < cell.left || x + 0.5f > cell.left + cell.width) continue;
            CHECK(channelDistance(image.getPixel(static_cast<unsigned>(x), static_cast<unsigned>(centreOf(cell).y)),
                                  view.colormap().map(W1(r, c))) <= 2);
            ++checked;
        }
    CHECK(checked > 500);
    CHECK(view.badgeText() == "10 \xC3\x97 784");
}

TEST_CASE("[views] matrix view legend shows the colormap and its numbers") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    MatrixView view("Z1", randomMatrix(10, 16, 2.f, 3));
    view.setColormap(Colormap::diverging(2.f));
    view.setRect({0.f, 0.f, 900.f, 500.f});
    const sf::Image image = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    const sf::FloatRect bar = view.legendRect();
    REQUIRE(bar.width > 100.f);
    CHECK(bar.top > view.gridRect().top + view.gridRect().height);
    const float y = bar.top + bar.height / 2.f;
    CHECK(channelDistance(pixelAt(image, {bar.left + 2.f, y}), view.colormap().map(-2.f)) <= 8);
    CHECK(channelDistance(pixelAt(image, {bar.left + bar.width / 2.f, y}), view.colormap().map(0.f)) <= 8);
    CHECK(channelDistance(pixelAt(image, {bar.left + bar.width - 2.f, y}), view.colormap().map(2.f)) <= 8);
    // Numbers under the bar.
    int inked = 0;
    for (float x = bar.left; x < bar.left + bar.width; x += 1.f)
        for (float yy = bar.top + bar.height + 2.f; yy < bar.top + bar.height + 30.f; yy += 1.f)
            if (channelDistance(pixelAt(image, {x, yy}), theme.panel) > 60) ++inked;
    CHECK(inked > 40);
}

TEST_CASE("[views] matrix view tooltip names the hovered cell and its exact value") {
    stepwise::test::requireDisplay();
    Eigen::MatrixXf Z1 = randomMatrix(10, 16, 1.f, 4);
    Z1(3, 7) = -0.41271f;
    MatrixView view("Z1", Z1);
    view.setRect({0.f, 0.f, 900.f, 500.f});
    CHECK_FALSE(view.tooltipText());
    CHECK(view.handleEvent(mouseMoved(centreOf(view.cellRect(3, 7)))));
    REQUIRE(view.tooltipText());
    CHECK(*view.tooltipText() == "Z1[3, 7] = \xE2\x88\x92" "0.4127");
    CHECK(view.hoveredCell() == std::pair{3, 7});
    // Off the grid: no tooltip, event not used.
    CHECK_FALSE(view.handleEvent(mouseMoved({2.f, 2.f})));
    CHECK_FALSE(view.tooltipText());
}

TEST_CASE("[views] matrix view tooltip is drawn next to the pointer") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    MatrixView view("Z1", randomMatrix(10, 16, 1.f, 5));
    view.setRect({0.f, 0.f, 900.f, 500.f});
    const sf::Vector2f p = centreOf(view.cellRect(2, 2));
    view.handleEvent(mouseMoved(p));
    const sf::Image with = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    view.handleEvent(mouseMoved({1.f, 1.f}));
    const sf::Image without = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    // The tooltip box (background colour, framed in text colour) sits below right of the pointer.
    int changed = 0;
    for (float x = p.x + 16.f; x < p.x + 120.f; x += 1.f)
        for (float y = p.y + 20.f; y < p.y + 40.f; y += 1.f)
            if (pixelAt(with, {x, y}) != pixelAt(without, {x, y})) ++changed;
    CHECK(changed > 500);
}

TEST_CASE("[views] matrix view wheel zoom enlarges cells about the pointer and drag pans") {
    stepwise::test::requireDisplay();
    MatrixView view("W1", randomMatrix(10, 784, 0.5f, 6));
    view.setRect({0.f, 0.f, 900.f, 500.f});
    const sf::FloatRect before = view.cellRect(4, 300);
    const sf::Vector2f p = centreOf(before);
    REQUIRE(view.cellAt(p) == std::pair{4, 300});
    CHECK(view.handleEvent(wheel(p, 3.f)));
    CHECK(view.zoom() > 1.9f);
    const sf::FloatRect after = view.cellRect(4, 300);
    CHECK(after.width > 1.9f * before.width);
    CHECK(view.cellAt(p) == std::pair{4, 300});
    // Zooming out past the fit stops at zoom 1.
    view.handleEvent(wheel(p, -20.f));
    CHECK(view.zoom() == 1.f);
    CHECK(view.cellRect(4, 300).left == Approx(before.left));

    // Drag 100 px to the left moves the cells 100 px to the left.
    view.zoomAt(p, 8.f);
    const sf::FloatRect zoomed = view.cellRect(4, 300);
    CHECK(view.handleEvent(button(sf::Event::MouseButtonPressed, p)));
    CHECK(view.handleEvent(mouseMoved(p - sf::Vector2f{50.f, 0.f})));
    CHECK(view.handleEvent(mouseMoved(p - sf::Vector2f{100.f, 0.f})));
    CHECK(view.handleEvent(button(sf::Event::MouseButtonReleased, p - sf::Vector2f{100.f, 0.f})));
    CHECK(view.cellRect(4, 300).left == Approx(zoomed.left - 100.f).margin(1.f));
    CHECK_FALSE(view.takeClickedCell());

    // A press and release without moving is a click on the cell.
    const sf::Vector2f q = centreOf(view.cellRect(4, 300));
    view.handleEvent(button(sf::Event::MouseButtonPressed, q));
    view.handleEvent(button(sf::Event::MouseButtonReleased, q));
    CHECK(view.takeClickedCell() == std::pair{4, 300});
    CHECK_FALSE(view.takeClickedCell());
    view.resetZoom();
    CHECK(view.cellRect(4, 300).left == Approx(before.left));
}

TEST_CASE("[views] matrix view zoomed cells are drawn where cellRect says") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Eigen::MatrixXf W1 = randomMatrix(10, 784, 0.5f, 7);
    MatrixView view("W1", W1);
    view.setCellLabels(false);
    view.setRect({0.f, 0.f, 900.f, 500.f});
    view.zoomAt(centreOf(view.gridRect()), 30.f);
    const sf::Image image = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    int checked = 0;
    for (int r = 0; r < 10; ++r)
        for (int c = 0; c < 784; ++c) {
            const sf::FloatRect cell = view.cellRect(r, c);
            const sf::Vector2f centre = centreOf(cell);
            if (!view.gridRect().contains(centre) || cell.width < 4.f) continue;
            CHECK(channelDistance(pixelAt(image, centre), view.colormap().map(W1(r, c))) <= 2);
            ++checked;
        }
    CHECK(checked > 20);
}

TEST_CASE("[views] matrix view badge gives the tensor's shape when the data holds its first columns") {
    stepwise::test::requireDisplay();
    const Eigen::MatrixXf A0 = randomMatrix(784, 256, 1.f, 9); // the snapshot's A0: 256 of 41,000 columns
    MatrixView view("A0", A0);
    view.setRect({0.f, 0.f, 900.f, 500.f});
    view.setColumnWindow(0, 64);
    CHECK(view.badgeText() == "784 \xC3\x97 256, showing columns 0\xE2\x80\x93" "63");
    view.setTotalColumns(41000);
    CHECK(view.badgeText() == "784 \xC3\x97 41,000, showing columns 0\xE2\x80\x93" "63");
    view.setTotalColumns(0);
    CHECK(view.badgeText() == "784 \xC3\x97 256, showing columns 0\xE2\x80\x93" "63");
}

TEST_CASE("[views] matrix view column window shows the chosen sample columns") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Eigen::MatrixXf Z1 = randomMatrix(10, 41000, 3.f, 8);
    MatrixView view("Z1", Z1);
    view.setRect({0.f, 0.f, 900.f, 500.f});
    view.setColumnWindow(0, 16);
    CHECK(view.badgeText() == "10 \xC3\x97 41,000, showing columns 0\xE2\x80\x93" "15");
    view.setColumnWindow(100, 16);
    CHECK(view.badgeText() == "10 \xC3\x97 41,000, showing columns 100\xE2\x80\x93" "115");
    CHECK(view.windowFirst() == 100);
    CHECK(view.windowCount() == 16);
    CHECK(view.cellRect(0, 99).width == 0.f);
    CHECK(view.cellRect(0, 116).width == 0.f);
    CHECK(view.cellRect(0, 100).width > 0.f);
    CHECK(view.cellAt(centreOf(view.cellRect(5, 110))) == std::pair{5, 110});
    view.handleEvent(mouseMoved(centreOf(view.cellRect(5, 110))));
    REQUIRE(view.tooltipText());
    CHECK(view.tooltipText()->rfind("Z1[5, 110] = ", 0) == 0);
    // A window past the end is clamped to the data.
    view.setColumnWindow(40990, 16);
    CHECK(view.windowCount() == 10);
    view.setColumnWindow(100, 16);
    const sf::Image image = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    for (int c = 100; c < 116; ++c)
        CHECK(channelDistance(pixelAt(image, centreOf(view.cellRect(9, c)) + sf::Vector2f{0.f, -12.f}),
                              view.colormap().map(Z1(9, c))) <= 2);
}

TEST_CASE("[views] matrix view paints NaN and infinite cells in the NaN colour") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    Eigen::MatrixXf A2 = randomMatrix(10, 8, 1.f, 9);
    A2(2, 3) = std::numeric_limits<float>::quiet_NaN();
    A2(7, 1) = std::numeric_limits<float>::infinity();
    MatrixView view("A2", A2);
    view.setCellLabels(false);
    view.setRect({0.f, 0.f, 900.f, 500.f});
    const sf::Image image = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    CHECK(pixelAt(image, centreOf(view.cellRect(2, 3))) == Colormap::nanColor());
    CHECK(pixelAt(image, centreOf(view.cellRect(7, 1))) == Colormap::nanColor());
    CHECK(pixelAt(image, centreOf(view.cellRect(0, 0))) != Colormap::nanColor());
    CHECK(view.colormap().limit() <= 1.f);
    view.handleEvent(mouseMoved(centreOf(view.cellRect(2, 3))));
    CHECK(*view.tooltipText() == "A2[2, 3] = NaN");
}

TEST_CASE("[views] matrix view outlines highlighted cells, rows and columns") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    MatrixView view("W2", randomMatrix(10, 10, 0.5f, 10));
    view.setCellLabels(false);
    view.setRect({0.f, 0.f, 900.f, 500.f});
    view.setHighlights({MatrixView::Highlight::cell(3, 4), MatrixView::Highlight::wholeRow(7),
                        MatrixView::Highlight::wholeColumn(1)});
    const sf::Image image = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    const sf::FloatRect cell = view.cellRect(3, 4);
    // The outline runs just outside the cell edge, the cell inside keeps its colour.
    CHECK(channelDistance(pixelAt(image, {cell.left + cell.width / 2.f, cell.top - 1.f}), theme.highlight) <= 2);
    CHECK(channelDistance(pixelAt(image, {cell.left - 1.f, cell.top + cell.height / 2.f}), theme.highlight) <= 2);
    CHECK(channelDistance(pixelAt(image, centreOf(cell)), view.colormap().map(0.f)) > 0);
    const sf::FloatRect row = view.cellRect(7, 5);
    CHECK(channelDistance(pixelAt(image, {row.left + row.width / 2.f, row.top - 1.f}), theme.highlight) <= 2);
    const sf::FloatRect column = view.cellRect(5, 1);
    CHECK(channelDistance(pixelAt(image, {column.left - 1.f, column.top + column.height / 2.f}), theme.highlight) <= 2);
    // An ordinary cell border has no highlight.
    const sf::FloatRect plain = view.cellRect(5, 7);
    CHECK(channelDistance(pixelAt(image, {plain.left + plain.width / 2.f, plain.top - 1.f}), theme.highlight) > 30);
}

TEST_CASE("[views] dimmed matrix view fades toward the panel colour") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    Eigen::MatrixXf W2 = Eigen::MatrixXf::Constant(10, 10, 0.5f);
    MatrixView view("W2", W2);
    view.setColormap(Colormap::diverging(0.5f));
    view.setCellLabels(false);
    view.setRect({0.f, 0.f, 900.f, 500.f});
    const sf::Vector2f p = centreOf(view.cellRect(5, 5));
    const sf::Image normal = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    view.setDimmed(true);
    const sf::Image dimmed = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    CHECK(channelDistance(pixelAt(normal, p), view.colormap().map(0.5f)) <= 2);
    CHECK(channelDistance(pixelAt(dimmed, p), theme.panel) < channelDistance(pixelAt(normal, p), theme.panel) / 2);
}

TEST_CASE("[views] matrix view writes values into cells big enough to hold them") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Eigen::MatrixXf b1 = randomMatrix(10, 1, 0.5f, 11);
    MatrixView view("b1", b1);
    view.setRect({0.f, 0.f, 400.f, 600.f});
    const sf::FloatRect cell = view.cellRect(4, 0);
    CHECK(cell.height >= 40.f);
    CHECK(cell.width <= 5.f * theme.bodySize);
    auto inkInCell = [&](const sf::Image& image) {
        int ink = 0;
        const sf::Color fill = view.colormap().map(b1(4, 0));
        for (float x = cell.left + 2.f; x < cell.left + cell.width - 2.f; x += 1.f)
            for (float y = cell.top + 2.f; y < cell.top + cell.height - 2.f; y += 1.f)
                if (channelDistance(pixelAt(image, {x, y}), fill) > 60) ++ink;
        return ink;
    };
    const sf::Image labelled = render(400, 600, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    view.setCellLabels(false);
    const sf::Image plain = render(400, 600, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    CHECK(inkInCell(labelled) > 30);
    CHECK(inkInCell(plain) == 0);
}

TEST_CASE("[views] matrix view keeps its parts inside small rectangles and in the projector theme") {
    stepwise::test::requireDisplay();
    const Theme projector = Theme::projector();
    MatrixView view("W1", randomMatrix(10, 784, 0.5f, 12));
    for (const sf::FloatRect& rect : {sf::FloatRect{0.f, 0.f, 900.f, 500.f}, sf::FloatRect{0.f, 0.f, 300.f, 200.f},
                                      sf::FloatRect{100.f, 50.f, 600.f, 260.f}}) {
        view.setRect(rect);
        render(1000, 600, projector, [&](sf::RenderTarget& t) { view.draw(t, projector); });
        INFO("rect " << rect.width << " x " << rect.height);
        CHECK(inside(view.gridRect(), rect));
        if (view.legendRect().width > 0.f) CHECK(inside(view.legendRect(), rect));
    }
}

TEST_CASE("[views] matrix view PNGs for a human to look at", "[.png]") {
    stepwise::test::requireDisplay();
    std::filesystem::create_directories("/tmp/views");
    const Eigen::MatrixXf W1 = randomMatrix(10, 784, 0.5f, 20);
    const Eigen::MatrixXf b1 = randomMatrix(10, 1, 0.5f, 21);
    const Eigen::MatrixXf W2 = randomMatrix(10, 10, 0.5f, 22);
    Eigen::MatrixXf Z1 = randomMatrix(10, 41000, 4.f, 23);
    Z1(3, 7) = -0.41271f;
    Z1(6, 12) = std::numeric_limits<float>::quiet_NaN();
    for (const auto& [themeName, theme] : {std::pair{"dark", Theme::dark()}, std::pair{"projector", Theme::projector()},
                                           std::pair{"presenter", Theme::dark().scaled(1.6f)}}) {
        sf::RenderTexture frame;
        REQUIRE(frame.create(1920, 1080));
        frame.clear(theme.background);
        MatrixView w1("W1", W1);
        w1.setRect({20.f, 20.f, 900.f, 500.f});
        w1.setHighlights({MatrixView::Highlight::wholeRow(3)});
        MatrixView z1("Z1", Z1);
        z1.setColumnWindow(0, 16);
        z1.setRect({940.f, 20.f, 900.f, 500.f});
        z1.setHighlights({MatrixView::Highlight::cell(3, 7)});
        z1.handleEvent(mouseMoved(centreOf(z1.cellRect(3, 7))));
        MatrixView w2("W2", W2);
        w2.setRect({20.f, 540.f, 900.f, 500.f});
        w2.setHighlights({MatrixView::Highlight::wholeColumn(4)});
        MatrixView bias("b1", b1);
        bias.setRect({940.f, 540.f, 300.f, 500.f});
        MatrixView zoomed("W1", W1);
        zoomed.setTitle("W1 (zoomed)");
        zoomed.setRect({1260.f, 540.f, 640.f, 500.f});
        zoomed.zoomAt(centreOf(zoomed.gridRect()), 40.f);
        zoomed.setDimmed(false);
        for (MatrixView* v : {&w1, &z1, &w2, &bias, &zoomed}) v->draw(frame, theme);
        frame.display();
        CHECK(frame.getTexture().copyToImage().saveToFile(std::string("/tmp/views/matrix_") + themeName + ".png"));
    }
}
