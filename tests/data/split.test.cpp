// Tests for toBatch and splitPaperProtocol: the X = A⁰ layout, the shuffle pinned to values
// computed independently (scripts/make_fixtures.py), determinism, and the small-data-set rule.
#include "data/split.hpp"

#include "data/input_error.hpp"
#include "fixture_writers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

using namespace stepwise::data;
using namespace stepwise::data::fixtures;

namespace {

/// makeImages(count) with image i's number written into its first two pixels (i mod 256, i / 256).
LabeledImages numberedImages(std::size_t count) {
    LabeledImages images = makeImages(count);
    for (std::size_t i = 0; i < count; ++i) {
        images.pixels[i * kImagePixels] = static_cast<std::uint8_t>(i % 256);
        images.pixels[i * kImagePixels + 1] = static_cast<std::uint8_t>(i / 256);
    }
    return images;
}

/// The image numbers of a batch's columns, read back from numberedImages' first two pixels.
std::vector<std::size_t> imageNumbers(const stepwise::core::Batch& batch) {
    std::vector<std::size_t> numbers;
    for (Eigen::Index j = 0; j < batch.size(); ++j)
        numbers.push_back(static_cast<std::size_t>(batch.X(0, j)) + 256 * static_cast<std::size_t>(batch.X(1, j)));
    return numbers;
}

} // namespace

TEST_CASE("[data] toBatch puts image j in column j as bytes, and A0 is them scaled by 1/255") {
    const LabeledImages images = makeImages(3);
    const stepwise::core::Batch batch = toBatch(images);
    REQUIRE(batch.X.rows() == 784);
    REQUIRE(batch.X.cols() == 3);
    REQUIRE(batch.labels.size() == 3);
    for (std::size_t j = 0; j < 3; ++j) {
        CHECK(batch.labels(static_cast<Eigen::Index>(j)) == static_cast<int>(j % 10));
        for (std::size_t k = 0; k < 784; ++k)
            REQUIRE(batch.X(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(j)) == (7 * j + 3 * k) % 256);
    }
    // Pixel (row 2, col 5) of image 1 is k = 2 * 28 + 5 = 61: 7 + 183 = 190, so A0 = 190 / 255.
    CHECK(batch.X(61, 1) == 190);
    const Eigen::MatrixXf A0 = batch.A0(0, 3);
    CHECK(A0(61, 1) == 190.0f / 255.0f); // exactly the script's X / 255
    for (std::size_t j = 0; j < 3; ++j)
        for (std::size_t k = 0; k < 784; ++k)
            REQUIRE(A0(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(j)) ==
                    static_cast<float>((7 * j + 3 * k) % 256) / 255.0f);
    CHECK(A0.maxCoeff() <= 1.0f);
    CHECK(A0.minCoeff() >= 0.0f);
}

TEST_CASE("[data] split shuffle matches the independent reference") {
    // Values printed by scripts/make_fixtures.py, a Python re-implementation of
    // std::mt19937_64 and the documented Fisher-Yates.
    CHECK(shuffledIndices(10, 42) == std::vector<std::size_t>{1, 7, 9, 0, 3, 8, 4, 2, 5, 6});
    CHECK(shuffledIndices(10, 43) == std::vector<std::size_t>{2, 4, 3, 8, 1, 7, 5, 9, 0, 6});
    const std::vector<std::size_t> paper = shuffledIndices(42000, 1);
    CHECK(std::vector<std::size_t>(paper.begin(), paper.begin() + 8) ==
          std::vector<std::size_t>{16219, 35695, 40038, 22393, 38340, 3468, 38560, 24590});
    std::vector<std::size_t> sorted = paper;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < sorted.size(); ++i)
        REQUIRE(sorted[i] == i);
}

TEST_CASE("[data] split draws below a bound without bias") {
    std::mt19937_64 generator(7);
    CHECK(drawBelow(generator, 1) == 0);
    std::vector<int> counts(3, 0);
    for (int i = 0; i < 30000; ++i) {
        const std::uint64_t value = drawBelow(generator, 3);
        REQUIRE(value < 3);
        ++counts[value];
    }
    for (const int count : counts)
        CHECK(std::abs(count - 10000) < 500);
    const std::uint64_t huge = (std::uint64_t{1} << 63) + 1; // rejects almost half of all outputs
    for (int i = 0; i < 100; ++i)
        REQUIRE(drawBelow(generator, huge) < huge);
}

TEST_CASE("[data] split takes the first images, shuffles them and holds out the dev set") {
    const LabeledImages images = numberedImages(150);
    const PaperSplit split = splitPaperProtocol(images, 42, 100, 10);
    CHECK(split.totalRows == 100);
    REQUIRE(split.dev.size() == 10);
    REQUIRE(split.train.size() == 90);

    const std::vector<std::size_t> order = shuffledIndices(100, 42);
    CHECK(imageNumbers(split.dev) == std::vector<std::size_t>(order.begin(), order.begin() + 10));
    CHECK(imageNumbers(split.train) == std::vector<std::size_t>(order.begin() + 10, order.end()));
    for (Eigen::Index j = 0; j < split.dev.size(); ++j) {
        const std::size_t image = order[static_cast<std::size_t>(j)];
        CHECK(split.dev.labels(j) == images.labels[image]);
        CHECK(split.dev.X(500, j) == images.pixels[image * kImagePixels + 500]);
    }
}

TEST_CASE("[data] split is deterministic per seed") {
    const LabeledImages images = numberedImages(300);
    const PaperSplit first = splitPaperProtocol(images, 2024, 200, 20);
    const PaperSplit again = splitPaperProtocol(images, 2024, 200, 20);
    CHECK(first.dev.X == again.dev.X);
    CHECK(first.dev.labels == again.dev.labels);
    CHECK(first.train.X == again.train.X);
    CHECK(first.train.labels == again.train.labels);

    const PaperSplit other = splitPaperProtocol(images, 2025, 200, 20);
    const std::vector<std::size_t> dev = imageNumbers(other.dev);
    const std::vector<std::size_t> train = imageNumbers(other.train);
    CHECK(dev != imageNumbers(first.dev));
    std::set<std::size_t> both(dev.begin(), dev.end());
    both.insert(train.begin(), train.end());
    CHECK(both.size() == 200); // still exactly the first 200 images, each once
    CHECK(*both.rbegin() == 199);
}

TEST_CASE("[data] split of a small data set holds out a tenth") {
    SECTION("50 images: 5 dev, 45 train") {
        const PaperSplit split = splitPaperProtocol(numberedImages(50), 1);
        CHECK(split.totalRows == 50);
        CHECK(split.dev.size() == 5);
        CHECK(split.train.size() == 45);
    }
    SECTION("15 images: at least one dev image") {
        const PaperSplit split = splitPaperProtocol(numberedImages(15), 1);
        CHECK(split.dev.size() == 1);
        CHECK(split.train.size() == 14);
    }
    SECTION("2 images: one each") {
        const PaperSplit split = splitPaperProtocol(numberedImages(2), 1);
        CHECK(split.dev.size() == 1);
        CHECK(split.train.size() == 1);
        CHECK(split.totalRows == 2);
    }
    SECTION("1 image cannot be split") {
        LabeledImages one = numberedImages(1);
        one.origin = "one.csv";
        checkError(inputErrorFrom([&] { (void)splitPaperProtocol(one, 1); }), "one.csv", "whole data set",
                   "at least 2 images to split into train and dev, found 1");
    }
    SECTION("a dev set as large as what is taken is a programming error") {
        CHECK_THROWS_AS(splitPaperProtocol(numberedImages(10), 1, 5, 5), std::invalid_argument);
    }
}
