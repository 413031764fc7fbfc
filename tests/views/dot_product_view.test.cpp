// Tests of DotProductView, WeightGradientView and ReluMaskView: their sums agree with the core's
// own equations (linearForward, accumulateWeightGradient) and their maps colour the pixels.
// The hidden "[.png]" case writes realistic frames to /tmp/views.
#include "views/dot_product_view.hpp"
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

// Digit-like inputs: a soft ring per column, shifted a little, intensities 0 … 1.
Eigen::MatrixXf ringDigits(int columns) {
    Eigen::MatrixXf A0(784, columns);
    for (int j = 0; j < columns; ++j)
        for (int k = 0; k < 784; ++k) {
            const float x = static_cast<float>(k % 28) - 13.5f - static_cast<float>(j % 3 - 1);
            const float y = static_cast<float>(k / 28) - 13.5f;
            const float r = std::sqrt(x * x / 0.5f + y * y);
            A0(k, j) = std::clamp(1.5f - 0.7f * std::abs(r - 8.f), 0.f, 1.f);
        }
    return A0;
}

struct Forward {
    Eigen::MatrixXf W1, A0, Z1;
    Eigen::VectorXf b1;
};

Forward forward(int m) {
    Forward f;
    f.W1 = uniformMatrix(10, 784, -0.5f, 0.5f, 51);
    f.b1 = uniformMatrix(10, 1, -0.5f, 0.5f, 52);
    f.A0 = ringDigits(m);
    f.Z1.resize(10, m);
    stepwise::core::linearForward(f.W1, f.b1, f.A0, f.Z1);
    return f;
}

sf::Event mouseMoved(sf::Vector2f p) {
    sf::Event e{};
    e.type = sf::Event::MouseMoved;
    e.mouseMove.x = static_cast<int>(p.x);
    e.mouseMove.y = static_cast<int>(p.y);
    return e;
}
} // namespace

TEST_CASE("[views] dot product total equals W1 row times A0 column plus b1 and matches Z1") {
    const Forward f = forward(16);
    DotProductView view;
    for (int i : {0, 3, 9})
        for (int j : {0, 7, 15}) {
            view.setCell(i, j, f.W1.row(i).transpose(), f.A0.col(j), f.b1(i), f.Z1(i, j));
            INFO("cell " << i << ", " << j);
            const float expected = f.W1.row(i).dot(f.A0.col(j)) + f.b1(i);
            CHECK(view.total() == Approx(expected).epsilon(1e-6));
            CHECK(view.productSum() == Approx(f.W1.row(i).dot(f.A0.col(j))).epsilon(1e-6));
            CHECK(view.products().size() == 784);
            CHECK(view.products()(400) == f.W1(i, 400) * f.A0(400, j));
            CHECK(view.matches());
            CHECK(view.comparisonText().rfind("matches Z1[" + std::to_string(i) + ", " + std::to_string(j) + "] = ", 0) == 0);
        }
    // A wrong Z1 is reported with the difference.
    view.setCell(3, 7, f.W1.row(3).transpose(), f.A0.col(7), f.b1(3), f.Z1(3, 7) + 0.5f);
    CHECK_FALSE(view.matches());
    CHECK(view.comparisonText().rfind("differs from Z1[3, 7]", 0) == 0);
    // Without a Z1 value there is nothing to compare.
    view.setCell(3, 7, f.W1.row(3).transpose(), f.A0.col(7), f.b1(3));
    CHECK_FALSE(view.matches());
    CHECK(view.comparisonText().empty());
}

TEST_CASE("[views] dot product sum line writes the terms with a real minus sign") {
    Eigen::VectorXf w = Eigen::VectorXf::Zero(784), a = Eigen::VectorXf::Zero(784);
    w(0) = 2.f;
    a(0) = 0.75f;
    DotProductView view;
    view.setCell(3, 7, w, a, -0.25f, 1.25f);
    CHECK(view.sumText() == "\xCE\xA3_k W1[3,k]\xC2\xB7" "A0[k,7] + b1[3] = 1.5 \xE2\x88\x92 0.25 = 1.25");
    CHECK(view.comparisonText() == "matches Z1[3, 7] = 1.25 \xE2\x9C\x93");
}

TEST_CASE("[views] dot product maps colour W1, A0 and the products pixel by pixel") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Forward f = forward(8);
    DotProductView view;
    view.setCell(2, 5, f.W1.row(2).transpose(), f.A0.col(5), f.b1(2), f.Z1(2, 5));
    view.setRect({0.f, 0.f, 900.f, 560.f});
    const sf::Image image = render(900, 560, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    using Image = DotProductView::Image;
    REQUIRE(view.imageRect(Image::Products).width >= 112.f);
    for (int k = 0; k < 784; k += 29) {
        const int row = k / 28, col = k % 28;
        INFO("pixel " << k);
        CHECK(channelDistance(pixelAt(image, centreOf(view.pixelRect(Image::Weights, row, col))),
                              view.weightColormap().map(f.W1(2, k))) <= 2);
        CHECK(channelDistance(pixelAt(image, centreOf(view.pixelRect(Image::Input, row, col))),
                              Colormap::grey().map(f.A0(k, 5))) <= 2);
        CHECK(channelDistance(pixelAt(image, centreOf(view.pixelRect(Image::Products, row, col))),
                              view.productColormap().map(f.W1(2, k) * f.A0(k, 5))) <= 2);
    }
    // Hover one product.
    view.handleEvent(mouseMoved(centreOf(view.pixelRect(Image::Products, 12, 14))));
    REQUIRE(view.tooltipText());
    CHECK(view.tooltipText()->rfind("k = 350 (row 12, col 14): ", 0) == 0);
    for (Image which : {Image::Weights, Image::Input, Image::Products}) {
        const sf::FloatRect r = view.imageRect(which);
        CHECK(r.left + r.width <= 900.f);
        CHECK(r.top + r.height <= 560.f);
    }
}

TEST_CASE("[views] weight gradient cell equals the core's dW2 over the same columns") {
    const int m = 16;
    const Eigen::MatrixXf dZ2 = uniformMatrix(10, m, -0.9f, 0.9f, 61);
    const Eigen::MatrixXf A1 = uniformMatrix(10, m, 0.f, 3.f, 62);
    Eigen::MatrixXf dW2 = Eigen::MatrixXf::Zero(10, 10);
    stepwise::core::accumulateWeightGradient(dZ2, A1, dW2);
    dW2 *= 1.0f / static_cast<float>(m);
    WeightGradientView view;
    for (int i : {0, 4, 9})
        for (int k : {1, 5}) {
            view.setCell(i, k, dZ2.row(i).transpose(), A1.row(k).transpose(), m, dW2(i, k), 0);
            INFO("cell " << i << ", " << k);
            CHECK(view.value() == Approx(dW2(i, k)).epsilon(1e-5).margin(1e-7));
            CHECK(view.productSum() == Approx(dZ2.row(i).dot(A1.row(k))).margin(1e-5));
            CHECK(view.matches());
        }
    view.setCell(2, 5, dZ2.row(2).transpose(), A1.row(5).transpose(), m, dW2(2, 5) * 2.f + 0.1f, 0);
    CHECK_FALSE(view.matches());
    view.setCell(2, 5, dZ2.row(2).transpose(), A1.row(5).transpose(), 41000);
    CHECK(view.sumText().find("(1/41,000)") != std::string::npos);
}

TEST_CASE("[views] weight gradient table colours each product cell") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Eigen::MatrixXf dZ2 = uniformMatrix(10, 40, -0.9f, 0.9f, 63);
    const Eigen::MatrixXf A1 = uniformMatrix(10, 40, 0.f, 3.f, 64);
    WeightGradientView view;
    view.setCell(1, 2, dZ2.row(1).transpose(), A1.row(2).transpose(), 40, std::nullopt, 100);
    view.setRect({0.f, 0.f, 1200.f, 400.f});
    const sf::Image image = render(1200, 400, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    CHECK(view.products().size() == 40);
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 16; ++c) {
            const sf::FloatRect cell = view.cellRect(r, c);
            REQUIRE(cell.width > 20.f);
            CHECK(channelDistance(pixelAt(image, {cell.left + 2.f, cell.top + 2.f}), view.cellColor(r, c)) <= 2);
        }
    CHECK(view.cellRect(0, 16).width == 0.f);
    CHECK(view.cellColor(2, 3) == Colormap::diverging(maxAbsFinite(view.products().head(16))).map(view.products()(3)));
}

TEST_CASE("[views] ReLU mask is white where Z1 is positive and black elsewhere") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Forward f = forward(16);
    ReluMaskView view;
    view.setData(f.Z1);
    view.z1View().setCellLabels(false);
    view.maskView().setCellLabels(false);
    view.setRect({0.f, 0.f, 1800.f, 500.f});
    const sf::Image image = render(1800, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    int positives = 0;
    for (int i = 0; i < 10; ++i)
        for (int j = 0; j < 16; ++j) {
            const sf::Color expected = f.Z1(i, j) > 0.f ? sf::Color::White : sf::Color::Black;
            positives += f.Z1(i, j) > 0.f;
            CHECK(pixelAt(image, centreOf(view.maskView().cellRect(i, j))) == expected);
            CHECK(channelDistance(pixelAt(image, centreOf(view.z1View().cellRect(i, j))),
                                  view.z1View().colormap().map(f.Z1(i, j))) <= 2);
        }
    CHECK(positives > 10);
    CHECK(positives < 150);
    // Hovering Z1 outlines the same cell of the mask.
    view.handleEvent(mouseMoved(centreOf(view.z1View().cellRect(4, 6))));
    CHECK(view.maskView().hoveredCell() == std::nullopt);
    REQUIRE(view.z1View().tooltipText());
    CHECK(view.z1View().tooltipText()->rfind("Z1[4, 6] = ", 0) == 0);
    const sf::Image hovered = render(1800, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    const sf::FloatRect twin = view.maskView().cellRect(4, 6);
    CHECK(channelDistance(pixelAt(hovered, {twin.left + twin.width / 2.f, twin.top - 1.f}), theme.highlight) <= 2);
}

TEST_CASE("[views] dot product PNGs for a human to look at", "[.png]") {
    stepwise::test::requireDisplay();
    std::filesystem::create_directories("/tmp/views");
    const Forward f = forward(16);
    const Eigen::MatrixXf dZ2 = uniformMatrix(10, 16, -0.9f, 0.9f, 71);
    Eigen::MatrixXf A1 = f.Z1.cwiseMax(0.f);
    Eigen::MatrixXf dW2 = Eigen::MatrixXf::Zero(10, 10);
    stepwise::core::accumulateWeightGradient(dZ2, A1, dW2);
    dW2 *= 1.0f / 16.f;
    for (const auto& [themeName, theme] : {std::pair{"dark", Theme::dark()}, std::pair{"projector", Theme::projector()}}) {
        sf::RenderTexture frame;
        REQUIRE(frame.create(1920, 1080));
        frame.clear(theme.background);
        DotProductView dot;
        dot.setCell(3, 7, f.W1.row(3).transpose(), f.A0.col(7), f.b1(3), f.Z1(3, 7));
        dot.setRect({20.f, 20.f, 900.f, 560.f});
        WeightGradientView grad;
        grad.setCell(2, 5, dZ2.row(2).transpose(), A1.row(5).transpose(), 16, dW2(2, 5));
        grad.setRect({940.f, 20.f, 960.f, 400.f});
        ReluMaskView relu;
        relu.setData(f.Z1);
        relu.setRect({20.f, 600.f, 1880.f, 460.f});
        relu.handleEvent(mouseMoved(centreOf(relu.z1View().cellRect(3, 7))));
        dot.draw(frame, theme);
        grad.draw(frame, theme);
        relu.draw(frame, theme);
        frame.display();
        CHECK(frame.getTexture().copyToImage().saveToFile(std::string("/tmp/views/dot_product_") + themeName + ".png"));
    }
}
