// splitPaperProtocol and toBatch: a portable shuffle, then one gather of image columns.
#include "data/split.hpp"

#include "data/input_error.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>

namespace stepwise::data {
namespace {

/// Copies the images whose indices are in [first, last) into a Batch, in that order.
core::Batch gather(const LabeledImages& images, std::vector<std::size_t>::const_iterator first,
                   std::vector<std::size_t>::const_iterator last) {
    const auto count = static_cast<Eigen::Index>(last - first);
    core::Batch batch;
    batch.X.resize(static_cast<Eigen::Index>(kImagePixels), count);
    batch.labels.resize(count);
    for (Eigen::Index j = 0; j < count; ++j) {
        const std::size_t image = first[j];
        const std::uint8_t* source = images.pixels.data() + image * kImagePixels;
        std::copy(source, source + kImagePixels, batch.X.col(j).data()); // column-major: column j is contiguous
        batch.labels(j) = images.labels[image];
    }
    return batch;
}

} // namespace

core::Batch toBatch(const LabeledImages& images) {
    std::vector<std::size_t> order(images.count());
    std::iota(order.begin(), order.end(), std::size_t{0});
    return gather(images, order.cbegin(), order.cend());
}

std::uint64_t drawBelow(std::mt19937_64& generator, std::uint64_t bound) {
    // 2⁶⁴ mod bound, computed in 64-bit arithmetic as (2⁶⁴ − bound) mod bound.
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const std::uint64_t value = generator();
        if (value >= threshold)
            return value % bound;
    }
}

std::vector<std::size_t> shuffledIndices(std::size_t count, std::uint64_t seed) {
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::mt19937_64 generator(seed);
    for (std::size_t i = count; i-- > 1;)
        std::swap(order[i], order[static_cast<std::size_t>(drawBelow(generator, i + 1))]);
    return order;
}

PaperSplit splitPaperProtocol(const LabeledImages& all, std::uint64_t seed, std::size_t take,
                              std::size_t devCount) {
    if (devCount >= take)
        throw std::invalid_argument("splitPaperProtocol: devCount (" + std::to_string(devCount) +
                                    ") must be smaller than take (" + std::to_string(take) + ")");
    const std::size_t taken = std::min(take, all.count());
    if (taken < 2)
        throw InputError(all.origin, "whole data set",
                         "at least 2 images to split into train and dev, found " + std::to_string(taken));
    const std::size_t dev = taken < take ? std::max<std::size_t>(1, taken / 10) : devCount;

    const std::vector<std::size_t> order = shuffledIndices(taken, seed);
    const auto devEnd = order.cbegin() + static_cast<std::ptrdiff_t>(dev);
    return PaperSplit{gather(all, devEnd, order.cend()), gather(all, order.cbegin(), devEnd),
                      static_cast<Eigen::Index>(taken)};
}

} // namespace stepwise::data
