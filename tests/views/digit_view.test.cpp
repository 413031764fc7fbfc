// Tests of DigitView (A0 columns as digits, W1 rows as 28 × 28 maps) and of the confusion
// matrix and prediction gallery (views/confusion_view), asserted on rendered pixels.
// The hidden "[.png]" case writes realistic frames to /tmp/views, from MNIST when present.
#include "views/confusion_view.hpp"
#include "support/display.hpp"
#include "views/digit_view.hpp"

#include "support/test_paths.hpp"

#include <SFML/Graphics/RenderTexture.hpp>

#include <catch2/catch.hpp>

#include "views/render_support.hpp"

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>

using namespace stepwise::views;
using namespace viewtest;

namespace {
// A digit-like image: soft strokes along a polyline per digit, intensities 0 … 1.
Eigen::VectorXf syntheticDigit(int digit) {
    using P = std::array<float, 2>;
    static const std::array<std::vector<P>, 10> strokes{{
        {{14, 4}, {9, 7}, {7, 14}, {9, 21}, {14, 24}, {19, 21}, {21, 14}, {19, 7}, {14, 4}},
        {{11, 8}, {15, 4}, {15, 24}},
        {{8, 8}, {12, 5}, {17, 5}, {20, 9}, {18, 14}, {8, 24}, {21, 24}},
        {{8, 6}, {19, 6}, {14, 13}, {20, 17}, {18, 23}, {8, 23}},
        {{17, 24}, {17, 4}, {7, 17}, {22, 17}},
        {{20, 5}, {9, 5}, {8, 13}, {17, 12}, {20, 17}, {17, 23}, {8, 23}},
        {{18, 5}, {11, 10}, {8, 18}, {11, 23}, {17, 23}, {19, 18}, {16, 14}, {9, 16}},
        {{7, 5}, {21, 5}, {12, 24}},
        {{14, 14}, {9, 10}, {11, 5}, {17, 5}, {19, 10}, {14, 14}, {8, 18}, {10, 23}, {18, 23}, {20, 18}, {14, 14}},
        {{19, 12}, {14, 14}, {9, 11}, {11, 5}, {17, 5}, {19, 10}, {19, 16}, {15, 24}},
    }};
    Eigen::VectorXf image(784);
    const auto& line = strokes[static_cast<std::size_t>(digit % 10)];
    for (int k = 0; k < 784; ++k) {
        const float x = static_cast<float>(k % 28) + 0.5f, y = static_cast<float>(k / 28) + 0.5f;
        float d = 1e9f;
        for (std::size_t s = 0; s + 1 < line.size(); ++s) {
            const float ax = line[s][0], ay = line[s][1], bx = line[s + 1][0], by = line[s + 1][1];
            const float dx = bx - ax, dy = by - ay;
            const float t = std::clamp(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0.f, 1.f);
            d = std::min(d, std::hypot(x - ax - t * dx, y - ay - t * dy));
        }
        image(k) = std::clamp(1.6f - 0.6f * d, 0.f, 1.f);
    }
    return image;
}

Eigen::MatrixXf syntheticBatch(const std::vector<int>& digits) {
    Eigen::MatrixXf images(784, static_cast<Eigen::Index>(digits.size()));
    for (std::size_t j = 0; j < digits.size(); ++j) images.col(static_cast<Eigen::Index>(j)) = syntheticDigit(digits[j]);
    return images;
}

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

// The first n MNIST training images (784 × n, 0 … 1) and labels, when data/mnist is present.
bool loadMnist(int n, Eigen::MatrixXf& images, std::vector<int>& labels) {
    const auto dir = stepwise::test::mnistDir();
    if (dir.empty()) return false;
    std::ifstream imageFile(dir / "train-images-idx3-ubyte", std::ios::binary);
    std::ifstream labelFile(dir / "train-labels-idx1-ubyte", std::ios::binary);
    imageFile.seekg(16);
    labelFile.seekg(8);
    images.resize(784, n);
    labels.resize(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j) {
        for (int k = 0; k < 784; ++k) images(k, j) = static_cast<float>(static_cast<unsigned char>(imageFile.get())) / 255.f;
        labels[static_cast<std::size_t>(j)] = labelFile.get();
    }
    return static_cast<bool>(imageFile) && static_cast<bool>(labelFile);
}
} // namespace

// ---------------------------------------------------------------- DigitView

TEST_CASE("[views] digit view draws A0 columns pixel for pixel") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const std::vector<int> digits{5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5, 3, 6, 1, 7};
    const Eigen::MatrixXf A0 = syntheticBatch(digits);
    DigitView view;
    view.setSamples(A0, digits);
    view.setRect({20.f, 20.f, 900.f, 500.f});
    const sf::Image image = render(960, 560, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    REQUIRE(view.count() == 16);
    for (int j = 0; j < 16; ++j) {
        CHECK(inside(view.imageRect(j), view.imageRect(j)));
        for (int row = 0; row < 28; row += 3)
            for (int col = 0; col < 28; col += 3) {
                const float value = A0(row * 28 + col, j);
                CHECK(channelDistance(pixelAt(image, centreOf(view.pixelRect(j, row, col))),
                                      view.colormap().map(value)) <= 2);
            }
    }
    // A stroke pixel is bright, the corner dark.
    CHECK(pixelAt(image, centreOf(view.pixelRect(1, 14, 7))).r > 200);
    CHECK(pixelAt(image, centreOf(view.pixelRect(1, 0, 0))).r < 10);
}

TEST_CASE("[views] digit view lays images and captions inside its rectangle without overlap") {
    stepwise::test::requireDisplay();
    for (const Theme& theme : {Theme::dark(), Theme::projector()}) {
        for (const sf::FloatRect& rect : {sf::FloatRect{0.f, 0.f, 900.f, 500.f}, sf::FloatRect{10.f, 10.f, 500.f, 400.f}}) {
            const std::vector<int> digits{5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3};
            DigitView view;
            view.setSamples(syntheticBatch(digits), digits, {5, 0, 4, 1, 4, 2, 1, 3, 1, 4, 5});
            view.setRect(rect);
            render(1000, 600, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
            const float captionH = 2.f * lineHeight(theme.smallSize);
            for (int i = 0; i < view.count(); ++i) {
                const sf::FloatRect a = view.imageRect(i);
                CHECK(a.width >= 28.f);
                const sf::FloatRect withCaption{a.left, a.top, a.width, a.height + captionH};
                CHECK(inside(withCaption, rect));
                for (int k = i + 1; k < view.count(); ++k) CHECK_FALSE(withCaption.intersects(view.imageRect(k)));
            }
        }
    }
}

TEST_CASE("[views] digit view captions labels and marks wrong predictions") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    DigitView view;
    view.setSamples(syntheticBatch({5, 3, 7}), {5, 3, 7}, {5, 8, 7});
    view.setRect({0.f, 0.f, 900.f, 500.f});
    CHECK(view.caption(0) == std::vector<std::string>{"label 5", "\xE2\x86\x92 5"});
    CHECK(view.caption(1) == std::vector<std::string>{"label 3", "\xE2\x86\x92 8 \xE2\x9C\x97"});
    CHECK_FALSE(view.isMistake(0));
    CHECK(view.isMistake(1));
    const sf::Image image = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    // The mistaken image is framed in the mistake colour, the others are not.
    const sf::FloatRect wrong = view.imageRect(1);
    CHECK(channelDistance(pixelAt(image, {wrong.left + wrong.width / 2.f, wrong.top - 2.f}), theme.mistake) <= 2);
    const sf::FloatRect right = view.imageRect(0);
    CHECK(channelDistance(pixelAt(image, {right.left + right.width / 2.f, right.top - 2.f}), theme.mistake) > 40);
    // The prediction line under the mistake is drawn in the mistake colour.
    int mistakeInk = 0;
    for (float x = wrong.left; x < wrong.left + wrong.width; x += 1.f)
        for (float y = wrong.top + wrong.height; y < wrong.top + wrong.height + 3.f * theme.bodySize; y += 1.f)
            if (channelDistance(pixelAt(image, {x, y}), theme.mistake) <= 30) ++mistakeInk;
    CHECK(mistakeInk > 20);
}

TEST_CASE("[views] digit view shows W1 rows on the diverging map with a shared legend") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const Eigen::MatrixXf W1 = randomMatrix(10, 784, 0.5f, 31);
    DigitView view;
    view.setWeightRows("W1", W1);
    view.setRect({0.f, 0.f, 900.f, 500.f});
    CHECK(view.mode() == DigitView::Mode::WeightRows);
    CHECK(view.colormap().isDiverging());
    CHECK(view.colormap().limit() == Approx(W1.cwiseAbs().maxCoeff()));
    CHECK(view.caption(3) == std::vector<std::string>{"neuron 3"});
    const sf::Image image = render(900, 500, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    for (int i = 0; i < 10; ++i)
        for (int k = 0; k < 784; k += 37) {
            const sf::FloatRect p = view.pixelRect(i, k / 28, k % 28);
            CHECK(channelDistance(pixelAt(image, centreOf(p)), view.colormap().map(W1(i, k))) <= 2);
        }
    const sf::FloatRect bar = view.legendRect();
    REQUIRE(bar.width > 100.f);
    CHECK(inside(bar, {0.f, 0.f, 900.f, 500.f}));
    CHECK(channelDistance(pixelAt(image, {bar.left + 2.f, bar.top + bar.height / 2.f}),
                          view.colormap().map(-view.colormap().limit())) <= 8);
    // A fixed limit is honoured.
    view.setWeightRows("dW1", W1 * 0.01f, 0.01f);
    CHECK(view.colormap().limit() == Approx(0.01f));
}

TEST_CASE("[views] digit view tooltip names the pixel under the pointer") {
    stepwise::test::requireDisplay();
    DigitView view;
    const Eigen::MatrixXf A0 = syntheticBatch({1, 2, 3});
    view.setSamples(A0, {1, 2, 3}, {}, {40, 41, 42});
    view.setRect({0.f, 0.f, 900.f, 500.f});
    CHECK(view.handleEvent(mouseMoved(centreOf(view.pixelRect(2, 12, 14)))));
    REQUIRE(view.tooltipText());
    CHECK(*view.tooltipText() == "A0[350, 42] = " + formatValue(A0(350, 2)) + " (row 12, col 14)");
    CHECK(view.imageAt(centreOf(view.imageRect(1))) == 1);
    CHECK_FALSE(view.handleEvent(mouseMoved({1.f, 1.f})));
    CHECK_FALSE(view.tooltipText());
}

// ---------------------------------------------------------------- ConfusionView

TEST_CASE("[views] confusion matrix counts actual rows against predicted columns") {
    const Eigen::MatrixXi counts = confusionCounts({0, 1, 2, 2, 9, 9, 9}, {0, 1, 2, 3, 9, 9, 4}, 10);
    CHECK(counts(0, 0) == 1);
    CHECK(counts(2, 3) == 1);
    CHECK(counts(9, 9) == 2);
    CHECK(counts(9, 4) == 1);
    CHECK(counts.sum() == 7);
    // Labels outside 0 … 9 are ignored rather than written out of bounds.
    CHECK(confusionCounts({12, 1}, {1, -1}, 10).sum() == 0);
}

TEST_CASE("[views] confusion view colours cells by count and writes the counts") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(10, 10);
    std::mt19937 rng(5);
    for (int a = 0; a < 10; ++a)
        for (int p = 0; p < 10; ++p) counts(a, p) = a == p ? 380 + a * 7 : static_cast<int>(rng() % 12);
    ConfusionView view;
    view.setCounts(counts, "dev");
    view.setRect({0.f, 0.f, 700.f, 700.f});
    const sf::Image image = render(700, 700, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    CHECK(view.accuracy() == Approx(counts.trace() / static_cast<double>(counts.sum())));
    for (int a = 0; a < 10; ++a)
        for (int p = 0; p < 10; ++p) {
            const sf::FloatRect cell = view.cellRect(a, p);
            REQUIRE(cell.width > 30.f);
            // Sample a corner of the cell, away from the number in its middle.
            CHECK(channelDistance(pixelAt(image, {cell.left + 3.f, cell.top + 3.f}), view.cellColor(a, p)) <= 2);
        }
    CHECK(view.cellColor(3, 3) != view.cellColor(3, 4));
    // The diagonal's number is written in its cell.
    const sf::FloatRect diagonal = view.cellRect(4, 4);
    int ink = 0;
    for (float x = diagonal.left + 2.f; x < diagonal.left + diagonal.width - 2.f; x += 1.f)
        for (float y = diagonal.top + 2.f; y < diagonal.top + diagonal.height - 2.f; y += 1.f)
            if (channelDistance(pixelAt(image, {x, y}), view.cellColor(4, 4)) > 60) ++ink;
    CHECK(ink > 20);
    CHECK(inside(view.cellRect(9, 9), {0.f, 0.f, 700.f, 700.f}));
}

TEST_CASE("[views] prediction gallery marks mistakes like the paper's results table") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const std::vector<int> actual{7, 2, 1, 0, 4, 1, 4, 9, 5, 9, 0};
    const std::vector<int> predicted{7, 2, 1, 0, 4, 1, 4, 9, 6, 9, 0};
    const Eigen::MatrixXf images = syntheticBatch(actual);
    PredictionGalleryView view;
    view.setSamples(images, actual, predicted);
    view.setRect({0.f, 0.f, 1200.f, 320.f});
    const sf::Image image = render(1200, 320, theme, [&](sf::RenderTarget& t) { view.draw(t, theme); });
    CHECK(view.mistakes() == 1);
    for (int j = 0; j < 11; ++j) {
        const sf::FloatRect tile = view.imageRect(j);
        REQUIRE(tile.width >= 28.f);
        CHECK(inside(tile, {0.f, 0.f, 1200.f, 320.f}));
        const sf::FloatRect px = digitPixelRect(tile, 14, 14);
        CHECK(channelDistance(pixelAt(image, centreOf(px)), Colormap::grey().map(images(14 * 28 + 14, j))) <= 2);
    }
    const sf::FloatRect wrong = view.columnRect(8);
    CHECK(channelDistance(pixelAt(image, {wrong.left + wrong.width / 2.f, wrong.top + 1.f}), theme.mistake) <= 2);
    const sf::FloatRect right = view.columnRect(7);
    CHECK(channelDistance(pixelAt(image, {right.left + right.width / 2.f, right.top + 1.f}), theme.mistake) > 40);
}

TEST_CASE("[views] Fashion-MNIST class names label the gallery and the confusion rows and tooltip") {
    stepwise::test::requireDisplay();
    const Theme theme = Theme::dark();
    const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                         "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    const std::vector<int> actual{9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4};
    const std::vector<int> predicted{9, 2, 1, 1, 2, 1, 4, 6, 5, 7, 2};
    PredictionGalleryView gallery;
    gallery.setSamples(syntheticBatch(actual), actual, predicted);
    gallery.setClassNames(names);
    gallery.setRect({0.f, 0.f, 1400.f, 320.f});
    const sf::Image wide = render(1400, 320, theme, [&](sf::RenderTarget& t) { gallery.draw(t, theme); });
    CHECK(gallery.labelText(0, false) == "Ankle boot");
    CHECK(gallery.labelText(4, false) == "Shirt");
    CHECK(gallery.labelText(4, true) == "Pullover"); // a mistake: framed, named, no cross
    CHECK(gallery.mistakes() == 2);
    const sf::FloatRect wrong = gallery.columnRect(4);
    CHECK(channelDistance(pixelAt(wide, {wrong.left + wrong.width / 2.f, wrong.top + 1.f}), theme.mistake) <= 2);
    // In a narrow panel the names are shortened: neighbours never overlap.
    gallery.setRect({0.f, 0.f, 560.f, 240.f});
    (void)render(560, 240, theme, [&](sf::RenderTarget& t) { gallery.draw(t, theme); });
    const float pitch = gallery.imageRect(1).left - gallery.imageRect(0).left;
    CHECK(gallery.labelText(0, false) != "Ankle boot");
    for (int j = 0; j < 11; ++j) {
        INFO("column " << j << ": " << gallery.labelText(j, false));
        CHECK(textWidth(gallery.labelText(j, false), theme.smallSize) < pitch);
    }
    // Without names the digits come back.
    gallery.setClassNames({});
    (void)render(560, 240, theme, [&](sf::RenderTarget& t) { gallery.draw(t, theme); });
    CHECK(gallery.labelText(0, false) == "9");
    CHECK(gallery.labelText(4, true) == "2 \xE2\x9C\x97");

    Eigen::MatrixXi counts = Eigen::MatrixXi::Constant(10, 10, 3);
    counts(6, 0) = 40;
    ConfusionView confusion;
    confusion.setCounts(counts, "dev");
    confusion.setClassNames(names);
    confusion.setRect({0.f, 0.f, 900.f, 700.f});
    const sf::Image image = render(900, 700, theme, [&](sf::RenderTarget& t) { confusion.draw(t, theme); });
    const sf::FloatRect cell = confusion.cellRect(6, 0);
    CHECK(inside(confusion.cellRect(9, 9), {0.f, 0.f, 900.f, 700.f}));
    // The row label "9 Ankle boot" needs room: its ink starts far left of the grid, not a digit's width away.
    float leftmost = -1.f;
    const sf::FloatRect row9 = confusion.cellRect(9, 0);
    for (float x = 2.f; x < row9.left - 2.f && leftmost < 0.f; x += 1.f)
        for (float y = row9.top + 2.f; y < row9.top + row9.height - 2.f; y += 1.f)
            if (channelDistance(pixelAt(image, {x, y}), theme.panel) > 60) { leftmost = x; break; }
    REQUIRE(leftmost > 0.f);
    CHECK(row9.left - leftmost > 5.f * static_cast<float>(theme.bodySize));
    sf::Event move{};
    move.type = sf::Event::MouseMoved;
    move.mouseMove.x = static_cast<int>(cell.left + cell.width / 2.f);
    move.mouseMove.y = static_cast<int>(cell.top + cell.height / 2.f);
    CHECK(confusion.handleEvent(move));
    REQUIRE(confusion.tooltipText());
    CHECK(*confusion.tooltipText() == "actual Shirt, predicted T-shirt/top: 40 (59.7 % of the Shirt images)");
}

// ---------------------------------------------------------------- pictures for a human

TEST_CASE("[views] digit and confusion view PNGs for a human to look at", "[.png]") {
    stepwise::test::requireDisplay();
    std::filesystem::create_directories("/tmp/views");
    Eigen::MatrixXf A0;
    std::vector<int> labels;
    if (!loadMnist(16, A0, labels)) {
        labels = {5, 0, 4, 1, 9, 2, 1, 3, 1, 4, 3, 5, 3, 6, 1, 7};
        A0 = syntheticBatch(labels);
    }
    std::vector<int> predictions = labels;
    predictions[3] = 7;
    predictions[11] = 3;
    const Eigen::MatrixXf W1 = randomMatrix(10, 784, 0.5f, 40);
    Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(10, 10);
    std::mt19937 rng(6);
    for (int a = 0; a < 10; ++a)
        for (int p = 0; p < 10; ++p) counts(a, p) = a == p ? 350 + static_cast<int>(rng() % 60) : static_cast<int>(rng() % 14);
    for (const auto& [themeName, theme] : {std::pair{"dark", Theme::dark()}, std::pair{"projector", Theme::projector()}}) {
        sf::RenderTexture frame;
        REQUIRE(frame.create(1920, 1080));
        frame.clear(theme.background);
        DigitView samples;
        samples.setSamples(A0, labels, predictions, {});
        samples.setHighlighted(2);
        samples.setRect({20.f, 20.f, 900.f, 500.f});
        DigitView weights;
        weights.setWeightRows("W1", W1);
        weights.setHighlighted(3);
        weights.setRect({940.f, 20.f, 900.f, 500.f});
        weights.handleEvent(mouseMoved(centreOf(weights.pixelRect(7, 20, 20))));
        ConfusionView confusion;
        confusion.setCounts(counts, "dev");
        confusion.setRect({20.f, 540.f, 620.f, 520.f});
        PredictionGalleryView gallery;
        gallery.setSamples(A0.leftCols(11), std::vector<int>(labels.begin(), labels.begin() + 11),
                           std::vector<int>(predictions.begin(), predictions.begin() + 11));
        gallery.setRect({660.f, 540.f, 1240.f, 330.f});
        samples.draw(frame, theme);
        weights.draw(frame, theme);
        confusion.draw(frame, theme);
        gallery.draw(frame, theme);
        frame.display();
        CHECK(frame.getTexture().copyToImage().saveToFile(std::string("/tmp/views/digits_") + themeName + ".png"));
    }
}
