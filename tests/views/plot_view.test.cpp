// Tests of PlotView: line pixels where the data says, nice ticks, reference markers and lines,
// the hover read-out and long-series decimation. The hidden "[.png]" case writes realistic
// loss and accuracy curves to /tmp/views.
#include "views/plot_view.hpp"
#include "support/display.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <catch2/catch.hpp>

#include "views/render_support.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>

using namespace stepwise::views;
using namespace viewtest;

namespace {
sf::Event mouseMoved(sf::Vector2f p) {
    sf::Event e{};
    e.type = sf::Event::MouseMoved;
    e.mouseMove.x = static_cast<int>(p.x);
    e.mouseMove.y = static_cast<int>(p.y);
    return e;
}

// Accuracy-like curves: train every 10 iterations, dev every 50, rising toward ~88 %.
void accuracyCurves(int iterations, PlotView::Series& train, PlotView::Series& dev, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.f, 0.008f);
    train = {"train", {}, {}, 0, false};
    dev = {"dev", {}, {}, 1, false};
    for (int it = 0; it <= iterations; it += 10) {
        const float base = 0.1f + 0.78f * (1.f - std::exp(-static_cast<float>(it) / 170.f));
        train.x.push_back(static_cast<float>(it));
        train.y.push_back(base + noise(rng));
        if (it % 50 == 0) {
            dev.x.push_back(static_cast<float>(it));
            dev.y.push_back(base - 0.01f + noise(rng));
        }
    }
}
} // namespace

TEST_CASE("[views] plot line pixels lie where the data says") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    PlotView view;
    view.setTitle("Loss");
    PlotView::Series line{"loss", {}, {}, 0, false};
    for (int i = 0; i <= 100; ++i) {
        line.x.push_back(static_cast<float>(i));
        line.y.push_back(2.f - 0.015f * static_cast<float>(i));
    }
    view.setSeries({line});
    view.setRect({0.f, 0.f, 900.f, 500.f});
    const sf::Image image = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    const sf::Color colour = theme.series[0];
    for (int i = 5; i <= 95; i += 10) {
        const sf::Vector2f p = view.toPixel({line.x[static_cast<std::size_t>(i)], line.y[static_cast<std::size_t>(i)]});
        INFO("point " << i << " at " << p.x << ", " << p.y);
        CHECK(channelDistance(pixelAt(image, p), colour) <= 2);
        CHECK(channelDistance(pixelAt(image, p + sf::Vector2f{0.f, -20.f}), colour) > 40);
        CHECK(channelDistance(pixelAt(image, p + sf::Vector2f{0.f, 20.f}), colour) > 40);
    }
    const sf::FloatRect area = view.plotArea();
    CHECK(area.width > 600.f);
    CHECK(area.height > 300.f);
    CHECK(view.toPixel({view.xRange().x, view.yRange().x}).x == Approx(area.left));
    CHECK(view.toPixel({view.xRange().x, view.yRange().x}).y == Approx(area.top + area.height));
}

TEST_CASE("[views] plot y axis uses nice tick values and percentages for accuracy") {
    stepwise::test::requireDisplay();
    PlotView view;
    view.setPercent(true);
    view.setYRange(0.f, 1.f);
    view.setSeries({{"dev", {0.f, 500.f}, {0.1f, 0.85f}, 1, false}});
    view.setRect({0.f, 0.f, 900.f, 500.f});
    const std::vector<float> ticks = view.yTicks();
    REQUIRE(ticks.size() >= 3);
    CHECK(ticks.front() == Approx(0.f));
    CHECK(ticks.back() == Approx(1.f));
    const float step = ticks[1] - ticks[0];
    CHECK((step == Approx(0.1f) || step == Approx(0.2f) || step == Approx(0.05f)));
    CHECK(view.formatY(0.85f, false) == "85 %");
    CHECK(view.formatY(0.8531f, true) == "85.3 %");
    // Auto range ends on ticks around the data.
    PlotView loss;
    loss.setSeries({{"loss", {0.f, 100.f}, {2.31f, 0.47f}, 0, false}});
    loss.setRect({0.f, 0.f, 900.f, 500.f});
    CHECK(loss.yRange().x <= 0.47f);
    CHECK(loss.yRange().y >= 2.31f);
    CHECK(loss.yRange().y - loss.yRange().x < 2.f * (2.31f - 0.47f));
}

TEST_CASE("[views] plot marks the paper's reference points and dashed lines") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    PlotView view;
    view.setPercent(true);
    view.setYRange(0.f, 1.f);
    view.setXRange(0.f, 1000.f);
    view.setReferencePoints({{500.f, 0.85f, "paper: 85 % at 500"}, {1000.f, 0.87f, "paper: 87 % at 1,000"}});
    view.setReferenceLines({{0.9f, "90 %"}});
    view.setRect({0.f, 0.f, 900.f, 500.f});
    const sf::Image image = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    CHECK(channelDistance(pixelAt(image, view.toPixel({500.f, 0.85f})), theme.text) <= 2);
    // The marker at x = 1000 sits on the right edge of the area; its left half is drawn.
    CHECK(channelDistance(pixelAt(image, view.toPixel({1000.f, 0.87f}) - sf::Vector2f{2.f, 0.f}), theme.text) <= 2);
    // Dashed: along the 90 % line some pixels are the line colour and some are not.
    const float y = view.toPixel({0.f, 0.9f}).y;
    int on = 0, off = 0;
    for (float x = view.plotArea().left + 5.f; x < view.plotArea().left + 300.f; x += 1.f)
        (channelDistance(pixelAt(image, {x, y}), theme.mutedText) <= 30 ? on : off)++;
    CHECK(on > 60);
    CHECK(off > 60);
}

TEST_CASE("[views] plot hover reads every series at the nearest iteration") {
    stepwise::test::requireDisplay();
    PlotView view;
    view.setPercent(true);
    view.setSeries({{"train", {0.f, 250.f, 500.f}, {0.1f, 0.7f, 0.841f}, 0, false},
                    {"dev", {0.f, 500.f}, {0.1f, 0.853f}, 1, false}});
    view.setRect({0.f, 0.f, 900.f, 500.f});
    CHECK(view.handleEvent(mouseMoved(view.toPixel({490.f, 0.5f}))));
    REQUIRE(view.tooltipText());
    CHECK(*view.tooltipText() == "iteration 500: train 84.1 %, dev 85.3 %");
    view.handleEvent(mouseMoved(view.toPixel({260.f, 0.5f})));
    CHECK(*view.tooltipText() == "iteration 250: train 70.0 %");
    CHECK_FALSE(view.handleEvent(mouseMoved({1.f, 1.f})));
    CHECK_FALSE(view.tooltipText());
}

TEST_CASE("[views] plot draws 100,000-point series through per-pixel extremes") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    PlotView view;
    PlotView::Series s{"loss", {}, {}, 2, false};
    for (int i = 0; i < 100000; ++i) {
        s.x.push_back(static_cast<float>(i));
        s.y.push_back(i == 50000 ? 5.f : 1.f);
    }
    view.setSeries({s});
    view.setRect({0.f, 0.f, 900.f, 500.f});
    const sf::Image image = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    // The single spike survives decimation.
    const sf::Vector2f spike = view.toPixel({50000.f, 4.5f});
    bool found = false;
    for (float dx = -2.f; dx <= 2.f; dx += 1.f)
        found = found || channelDistance(pixelAt(image, spike + sf::Vector2f{dx, 0.f}), theme.series[2]) <= 2;
    CHECK(found);
}

TEST_CASE("[views] plot PNGs for a human to look at", "[.png]") {
    stepwise::test::requireDisplay();
    std::filesystem::create_directories("/tmp/views");
    PlotView::Series train, dev;
    accuracyCurves(1000, train, dev, 3);
    PlotView::Series loss{"loss", {}, {}, 0, false};
    std::mt19937 rng(4);
    std::normal_distribution<float> noise(0.f, 0.01f);
    for (int it = 0; it <= 1000; ++it) {
        loss.x.push_back(static_cast<float>(it));
        loss.y.push_back(2.3f * std::exp(-static_cast<float>(it) / 150.f) + 0.45f + noise(rng));
    }
    for (const auto& [themeName, theme] : {std::pair{"dark", Theme::dark()}, std::pair{"projector", Theme::projector()}}) {
        sf::RenderTexture frame;
        REQUIRE(frame.create(1920, 1080));
        frame.clear(theme.background);
        PlotView lossPlot;
        lossPlot.setTitle("Loss");
        lossPlot.setAxisLabels("iteration", "cross-entropy L");
        lossPlot.setSeries({loss});
        lossPlot.setRect({20.f, 20.f, 900.f, 500.f});
        PlotView accuracy;
        accuracy.setTitle("Accuracy");
        accuracy.setAxisLabels("iteration", "correct");
        accuracy.setPercent(true);
        accuracy.setYRange(0.f, 1.f);
        accuracy.setSeries({train, dev});
        accuracy.setReferencePoints({{500.f, 0.85f, "paper: 85 % at 500"}, {1000.f, 0.87f, "paper: 87 % at 1,000"}});
        accuracy.setReferenceLines({{0.9f, "90 %"}});
        accuracy.setRect({940.f, 20.f, 900.f, 500.f});
        accuracy.handleEvent(mouseMoved(accuracy.toPixel({300.f, 0.5f})));
        PlotView small;
        small.setTitle("Accuracy (small panel)");
        small.setPercent(true);
        small.setYRange(0.f, 1.f);
        small.setSeries({train, dev});
        small.setReferencePoints({{500.f, 0.85f, "paper: 85 %"}});
        small.setRect({20.f, 540.f, 560.f, 340.f});
        lossPlot.draw(frame, theme);
        accuracy.draw(frame, theme);
        small.draw(frame, theme);
        frame.display();
        CHECK(frame.getTexture().copyToImage().saveToFile(std::string("/tmp/views/plot_") + themeName + ".png"));
    }
}
