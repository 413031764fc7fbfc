// prepareData: load, split by the paper's protocol, wrap in shared immutable batches.
#include "training/prepared_data.hpp"

#include "data/data_source.hpp"
#include "data/split.hpp"

#include <algorithm>
#include <cctype>

namespace stepwise::training {

PreparedData prepareData(const std::filesystem::path& path, std::uint64_t seed, Eigen::Index samples) {
    data::DataSource source = data::loadData(path);
    data::PaperSplit split = data::splitPaperProtocol(source.train, seed);
    PreparedData out;
    if (samples > 0 && samples < split.train.size()) {
        split.train.X.conservativeResize(Eigen::NoChange, samples);
        split.train.labels.conservativeResize(samples);
    }
    out.totalRows = split.totalRows;
    out.train = std::make_shared<const core::Batch>(std::move(split.train));
    out.dev = std::make_shared<const core::Batch>(std::move(split.dev));
    if (source.test) out.test = std::make_shared<const core::Batch>(data::toBatch(*source.test));
    out.origin = path.string();
    out.classNames = classNamesFor(path);
    return out;
}

const std::vector<std::string>& fashionMnistClassNames() {
    static const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return names;
}

std::vector<std::string> classNamesFor(const std::filesystem::path& path) {
    for (const auto& part : path) {
        std::string name = part.string();
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        if (name.find("fashion") != std::string::npos) return fashionMnistClassNames();
    }
    return {};
}

} // namespace stepwise::training
