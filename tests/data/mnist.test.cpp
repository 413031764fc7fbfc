// Tests on the real MNIST files in data/mnist/ (fetched by scripts/fetch_mnist.sh, not
// committed): skipped when they are absent.
#include "data/data_source.hpp"
#include "support/display.hpp"
#include "data/split.hpp"

#include "support/test_paths.hpp"

#include <catch2/catch.hpp>

using namespace stepwise::data;

TEST_CASE("[data] mnist folder loads 60000 train and 10000 test images") {
    const std::filesystem::path dir = stepwise::test::mnistDir();
    if (dir.empty()) stepwise::test::skip("data/mnist does not hold MNIST's four IDX files (scripts/setup.sh fetches them)");
    const DataSource source = loadData(dir);
    REQUIRE(source.train.count() == 60000);
    CHECK(source.train.pixels.size() == 60000 * kImagePixels);
    CHECK(source.train.labels.front() == 5);
    REQUIRE(source.test.has_value());
    CHECK(source.test->count() == 10000);
    CHECK(source.test->labels.front() == 7);

    const PaperSplit split = splitPaperProtocol(source.train, 1);
    CHECK(split.totalRows == 42000);
    CHECK(split.dev.size() == 1000);
    CHECK(split.train.size() == 41000);
}
