// A⁰ = X / 255: from pixel bytes to the 0…1 values the equations and the views show, and back.
#include "core/batch.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>

namespace stepwise::core {
namespace {

// v / 255 exactly as the script's X / 255 rounds it (multiplying by 1/255 differs in the last bit).
const std::array<float, 256> kScaled = [] {
    std::array<float, 256> table{};
    for (std::size_t v = 0; v < table.size(); ++v) table[v] = static_cast<float>(v) / 255.0f;
    return table;
}();

} // namespace

float pixelValue(std::uint8_t v) { return kScaled[v]; }

Eigen::MatrixXf pixelsToA0(const ConstPixelsRef& X) {
    Eigen::MatrixXf A0(X.rows(), X.cols());
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        for (Eigen::Index i = 0; i < X.rows(); ++i) A0(i, j) = kScaled[X(i, j)]; // A⁰ = X / 255
    return A0;
}

PixelMatrix a0ToPixels(const Eigen::Ref<const Eigen::MatrixXf>& A0) {
    PixelMatrix X(A0.rows(), A0.cols());
    for (Eigen::Index j = 0; j < A0.cols(); ++j)
        for (Eigen::Index i = 0; i < A0.rows(); ++i) {
            const float v = std::isnan(A0(i, j)) ? 0.0f : std::clamp(A0(i, j), 0.0f, 1.0f);
            X(i, j) = static_cast<std::uint8_t>(std::lround(v * 255.0f));
        }
    return X;
}

NonzeroChunks::NonzeroChunks(const PixelMatrix& X)
    : m_columns(X.cols()), m_words(simd::chunkWords(static_cast<std::size_t>(X.rows()))),
      m_masks(static_cast<std::size_t>(X.cols()) * m_words) {
    const auto p = static_cast<std::size_t>(X.rows());
    for (Eigen::Index j = 0; j < X.cols(); ++j)
        simd::markChunks(X.col(j).data(), p, m_masks.data() + static_cast<std::size_t>(j) * m_words);
}

std::shared_ptr<const NonzeroChunks> nonzeroChunksOf(const std::shared_ptr<const Batch>& batch) {
    if (!batch) return nullptr;
    struct Entry {
        std::weak_ptr<const Batch> batch;
        std::weak_ptr<const NonzeroChunks> marks;
    };
    static std::mutex mutex;
    static std::vector<Entry> cache;
    const std::lock_guard lock(mutex);
    std::erase_if(cache, [](const Entry& e) { return e.batch.expired() || e.marks.expired(); });
    for (const Entry& e : cache)
        if (e.batch.lock() == batch)
            if (auto marks = e.marks.lock()) return marks;
    auto marks = std::make_shared<const NonzeroChunks>(batch->X);
    cache.push_back({batch, marks});
    return marks;
}

} // namespace stepwise::core
