// A small synthetic data set for the training tests: each digit lights its own band of pixels,
// so a network learns it in a few iterations, and the same seed gives the same images.
#pragma once

#include "training/prepared_data.hpp"

#include <random>

namespace stepwise::test {

/// \brief \p m training columns and m/10 + 1 dev columns of 784 pixels, labels 0…9, from \p seed.
inline training::PreparedData syntheticData(int m, unsigned seed) {
    std::mt19937 rng(seed);
    auto make = [&](int n) {
        auto b = std::make_shared<core::Batch>();
        b->X = core::PixelMatrix::Zero(784, n);
        b->labels.resize(n);
        for (int j = 0; j < n; ++j) {
            const int label = static_cast<int>(rng() % 10);
            b->labels(j) = label;
            for (int k = 0; k < 60; ++k) b->X(label * 70 + k, j) = static_cast<std::uint8_t>(128 + rng() % 128);
        }
        return std::shared_ptr<const core::Batch>(std::move(b));
    };
    training::PreparedData d;
    d.train = make(m);
    d.dev = make(m / 10 + 1);
    d.totalRows = m + m / 10 + 1;
    d.origin = "synthetic";
    return d;
}

} // namespace stepwise::test
