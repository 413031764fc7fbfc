// Tests of NetworkView: neurons coloured by their activations, W1 thumbnails and the input digit
// pixel for pixel, W2 edges coloured and thickened by weight, the predicted output, layout in
// both themes. The hidden "[.png]" case writes realistic diagrams to /tmp/views.
#include "views/network_view.hpp"
#include "support/display.hpp"

#include "core/equations.hpp"

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
Eigen::MatrixXf uniformMatrix(int rows, int cols, float lo, float hi, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> uniform(lo, hi);
    Eigen::MatrixXf m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = uniform(rng);
    return m;
}

// A "7"-like stroke: a bar on top and a diagonal down, intensities 0 … 1.
Eigen::VectorXf sevenDigit() {
    Eigen::VectorXf a(784);
    for (int k = 0; k < 784; ++k) {
        const float x = static_cast<float>(k % 28) + 0.5f, y = static_cast<float>(k / 28) + 0.5f;
        const float bar = (y > 5.f && y < 8.f && x > 6.f && x < 22.f) ? 1.f : 0.f;
        const float t = std::clamp((y - 6.f) / 18.f, 0.f, 1.f);
        const float dx = std::abs(x - (21.f - 9.f * t));
        const float diagonal = (y > 6.f && y < 24.f) ? std::clamp(1.6f - 0.7f * dx, 0.f, 1.f) : 0.f;
        a(k) = std::max(bar, diagonal);
    }
    return a;
}

struct Sample {
    Eigen::MatrixXf W1, W2;
    Eigen::VectorXf b1, b2, a0, a1, a2;
};

Sample forwardSample() {
    Sample s;
    s.W1 = uniformMatrix(10, 784, -0.5f, 0.5f, 81);
    s.b1 = uniformMatrix(10, 1, -0.5f, 0.5f, 82);
    s.W2 = uniformMatrix(10, 10, -0.5f, 0.5f, 83);
    s.b2 = uniformMatrix(10, 1, -0.5f, 0.5f, 84);
    s.a0 = sevenDigit();
    Eigen::MatrixXf z1(10, 1), a1(10, 1), z2(10, 1), a2(10, 1);
    stepwise::core::linearForward(s.W1, s.b1, s.a0, z1);
    stepwise::core::activationForward(stepwise::core::Activation::ReLU, z1, a1);
    stepwise::core::linearForward(s.W2, s.b2, a1, z2);
    stepwise::core::softmax(z2, a2, true);
    s.a1 = a1.col(0);
    s.a2 = a2.col(0);
    return s;
}

sf::Event mouseMoved(sf::Vector2f p) {
    sf::Event e{};
    e.type = sf::Event::MouseMoved;
    e.mouseMove.x = static_cast<int>(p.x);
    e.mouseMove.y = static_cast<int>(p.y);
    return e;
}
} // namespace

TEST_CASE("[views] network neurons are coloured by their activations for the sample") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Sample s = forwardSample();
    NetworkView view;
    view.setWeights(s.W1, s.W2);
    view.setSample(s.a0, s.a1, s.a2, 7, 12);
    view.setRect({0.f, 0.f, 900.f, 560.f});
    const sf::Image image = render(900, 560, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    Eigen::Index best = 0;
    s.a2.maxCoeff(&best);
    CHECK(view.predicted() == static_cast<int>(best));
    for (int i = 0; i < 10; ++i) {
        INFO("neuron " << i);
        CHECK(view.hiddenColor(i) == (s.a1.maxCoeff() > 0.f ? Colormap::viridis(0.f, s.a1.maxCoeff()).map(s.a1(i))
                                                           : Colormap::viridis().map(s.a1(i))));
        CHECK(channelDistance(pixelAt(image, view.hiddenCentre(i)), view.hiddenColor(i)) <= 2);
        CHECK(channelDistance(pixelAt(image, view.outputCentre(i)), Colormap::viridis().map(s.a2(i))) <= 2);
        CHECK(inside(view.thumbnailRect(i), view.inputRect()) == false);
    }
    CHECK(view.neuronRadius() >= 8.f);
}

TEST_CASE("[views] network thumbnails show W1 rows and the input shows the digit") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Sample s = forwardSample();
    NetworkView view;
    view.setWeights(s.W1, s.W2);
    view.setSample(s.a0, s.a1, s.a2, 7);
    view.setRect({0.f, 0.f, 1200.f, 700.f});
    const sf::Image image = render(1200, 700, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    const sf::FloatRect input = view.inputRect();
    REQUIRE(input.width >= 56.f);
    for (int k = 0; k < 784; k += 13)
        CHECK(channelDistance(pixelAt(image, centreOf(digitPixelRect(input, k / 28, k % 28))),
                              Colormap::grey().map(s.a0(k))) <= 2);
    for (int i = 0; i < 10; ++i) {
        const sf::FloatRect thumb = view.thumbnailRect(i);
        REQUIRE(thumb.width >= 28.f);
        for (int k = 0; k < 784; k += 97)
            CHECK(channelDistance(pixelAt(image, centreOf(digitPixelRect(thumb, k / 28, k % 28))),
                                  view.weightColormap().map(s.W1(i, k))) <= 2);
    }
}

TEST_CASE("[views] network edges take the colour and width of their W2 weight") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    Eigen::MatrixXf W2 = Eigen::MatrixXf::Zero(10, 10);
    W2(7, 3) = 0.8f;
    W2(2, 8) = -0.8f;
    W2(5, 5) = 0.1f;
    const Eigen::VectorXf a1 = Eigen::VectorXf::LinSpaced(10, 0.f, 3.f);
    Eigen::VectorXf a2 = Eigen::VectorXf::Constant(10, 0.02f);
    a2(7) = 0.82f;
    NetworkView view;
    view.setWeights(uniformMatrix(10, 784, -0.5f, 0.5f, 85), W2);
    view.setSample(sevenDigit(), a1, a2, 7);
    view.setRect({0.f, 0.f, 900.f, 560.f});
    CHECK(view.edgeWidth(7, 3) > view.edgeWidth(5, 5));
    CHECK(view.edgeWidth(5, 5) > view.edgeWidth(0, 0));
    CHECK(view.edgeColor(7, 3).a == 255);
    CHECK(view.edgeColor(0, 0).a < 100);
    CHECK(view.predicted() == 7);
    const sf::Image image = render(900, 560, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    auto midpoint = [&](int o, int h) { return (view.hiddenCentre(h) + view.outputCentre(o)) / 2.f; };
    const Colormap map = Colormap::diverging(0.8f);
    CHECK(channelDistance(pixelAt(image, midpoint(7, 3)), map.map(0.8f)) <= 2);
    // The two strong edges cross at their midpoints; check the second a quarter along.
    const float r = view.neuronRadius();
    const sf::Vector2f from = view.hiddenCentre(8) + sf::Vector2f{r, 0.f};
    const sf::Vector2f to = view.outputCentre(2) - sf::Vector2f{r, 0.f};
    const sf::Vector2f quarter = from + (to - from) * 0.25f;
    CHECK(channelDistance(pixelAt(image, quarter), map.map(-0.8f)) <= 2);
    // The strong edge is several pixels wide.
    const sf::Vector2f m = midpoint(7, 3);
    CHECK(channelDistance(pixelAt(image, m + sf::Vector2f{0.f, 1.f}), map.map(0.8f)) <= 2);
    CHECK(channelDistance(pixelAt(image, m - sf::Vector2f{0.f, 1.f}), map.map(0.8f)) <= 2);
}

TEST_CASE("[views] network diagram fits its rectangle in both themes and explains on hover") {
    stepwise::test::requireDisplay();
    const Sample s = forwardSample();
    for (const Theme& theme : {Theme::dark(), Theme::projector()})
        for (const sf::FloatRect& rect : {sf::FloatRect{0.f, 0.f, 900.f, 560.f}, sf::FloatRect{20.f, 20.f, 1400.f, 900.f}}) {
            NetworkView view;
            view.setWeights(s.W1, s.W2);
            view.setSample(s.a0, s.a1, s.a2, 7, 12);
            view.setRect(rect);
            render(1500, 1000, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
            const float r = view.neuronRadius();
            CHECK(inside(view.inputRect(), rect));
            for (int i = 0; i < 10; ++i) {
                CHECK(inside(view.thumbnailRect(i), rect));
                CHECK(view.thumbnailRect(i).left + view.thumbnailRect(i).width < view.hiddenCentre(i).x - r);
                CHECK(view.hiddenCentre(i).x + r < view.outputCentre(i).x - r);
                CHECK(view.outputCentre(i).x + r < rect.left + rect.width);
                if (i > 0) CHECK(view.hiddenCentre(i).y - view.hiddenCentre(i - 1).y > 2.f * r);
            }
            view.handleEvent(mouseMoved(view.hiddenCentre(4)));
            REQUIRE(view.tooltipText());
            CHECK(*view.tooltipText() == "hidden 4: A1 = " + formatValue(s.a1(4)));
            view.handleEvent(mouseMoved(view.outputCentre(2)));
            CHECK(*view.tooltipText() == "output 2: A2 = " + formatValue(s.a2(2)));
        }
}

TEST_CASE("[views] network PNGs for a human to look at", "[.png]") {
    stepwise::test::requireDisplay();
    std::filesystem::create_directories("/tmp/views");
    const Sample s = forwardSample();
    for (const auto& [themeName, theme] : {std::pair{"dark", Theme::dark()}, std::pair{"projector", Theme::projector()}}) {
        sf::RenderTexture frame;
        REQUIRE(frame.create(1920, 1080));
        frame.clear(theme.background);
        NetworkView big;
        big.setWeights(s.W1, s.W2);
        big.setSample(s.a0, s.a1, s.a2, 7, 12);
        big.setHighlightedHidden(3);
        big.setRect({20.f, 20.f, 1100.f, 1040.f});
        big.handleEvent(mouseMoved(big.outputCentre(big.predicted())));
        NetworkView small;
        small.setWeights(s.W1, s.W2);
        small.setSample(s.a0, s.a1, s.a2, 1, 40);
        small.setRect({1140.f, 20.f, 760.f, 500.f});
        big.draw(frame, theme);
        small.draw(frame, theme);
        frame.display();
        CHECK(frame.getTexture().copyToImage().saveToFile(std::string("/tmp/views/network_") + themeName + ".png"));
    }
}
