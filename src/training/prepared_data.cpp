// prepareData: load, split by the paper's protocol, wrap in shared immutable batches.
#include "training/prepared_data.hpp"

#include "data/data_source.hpp"
#include "data/split.hpp"

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
    return out;
}

} // namespace stepwise::training
