// loadData: decides what a path is (CSV or IDX folder) and pairs the IDX files it finds.
#include "data/data_source.hpp"

#include "data/file_kind.hpp"
#include "data/idx_reader.hpp"
#include "data/input_error.hpp"
#include "data/kaggle_csv.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

namespace stepwise::data {
namespace {

/// The image and label files that share one prefix, e.g. "train-".
struct IdxPair {
    std::filesystem::path images;
    std::filesystem::path labels;
};

std::string lowerCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// If \p fileName is "<prefix><stem>[-.]<idx>-ubyte[.gz]", returns the prefix.
std::optional<std::string> idxPrefix(std::string_view fileName, std::string_view stem, std::string_view idx) {
    if (fileName.ends_with(".gz"))
        fileName.remove_suffix(3);
    const std::string tail = std::string(idx) + "-ubyte";
    if (!fileName.ends_with(tail))
        return std::nullopt;
    fileName.remove_suffix(tail.size());
    if (!fileName.ends_with('-') && !fileName.ends_with('.'))
        return std::nullopt;
    fileName.remove_suffix(1);
    if (!fileName.ends_with(stem))
        return std::nullopt;
    fileName.remove_suffix(stem.size());
    return std::string(fileName);
}

/// Keeps \p candidate unless \p slot already holds the raw twin of a .gz file.
void keepPreferringRaw(std::filesystem::path& slot, const std::filesystem::path& candidate) {
    if (slot.empty() || slot.extension() == ".gz")
        slot = candidate;
}

std::map<std::string, IdxPair> findIdxPairs(const std::filesystem::path& folder) {
    std::map<std::string, IdxPair> pairs;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        if (!entry.is_regular_file(error))
            continue;
        const std::string fileName = entry.path().filename().string();
        if (const auto prefix = idxPrefix(fileName, "images", "idx3"))
            keepPreferringRaw(pairs[*prefix].images, entry.path());
        else if (const auto prefix2 = idxPrefix(fileName, "labels", "idx1"))
            keepPreferringRaw(pairs[*prefix2].labels, entry.path());
    }
    if (error)
        throw InputError(folder.string(), "folder",
                         "a readable folder, found an error listing it: " + error.message());
    return pairs;
}

/// "train-" becomes "train-images-idx3-ubyte" or its labels twin, for messages.
std::string idxName(const std::string& prefix, bool images) {
    return prefix + (images ? "images-idx3-ubyte" : "labels-idx1-ubyte");
}

DataSource loadFolder(const std::filesystem::path& folder) {
    const std::string name = folder.string();
    const auto pairs = findIdxPairs(folder);
    if (pairs.empty())
        throw InputError(
            name, "folder",
            "MNIST IDX files (*images-idx3-ubyte[.gz] with *labels-idx1-ubyte[.gz]), found none");
    for (const auto& [prefix, pair] : pairs) {
        if (pair.labels.empty())
            throw InputError(name, "folder",
                             idxName(prefix, false) + "[.gz] beside " + pair.images.filename().string() +
                                 ", found none");
        if (pair.images.empty())
            throw InputError(name, "folder",
                             idxName(prefix, true) + "[.gz] beside " + pair.labels.filename().string() +
                                 ", found none");
    }
    DataSource source;
    const auto train = pairs.find("train-");
    const auto test = pairs.find("t10k-");
    if (train != pairs.end() && test != pairs.end()) { // other pairs beside MNIST's are ignored
        source.train = readIdx(train->second.images, train->second.labels);
        source.test = readIdx(test->second.images, test->second.labels);
        return source;
    }
    if (pairs.size() == 1) {
        source.train = readIdx(pairs.begin()->second.images, pairs.begin()->second.labels);
        return source;
    }
    std::string found;
    for (const auto& [prefix, pair] : pairs)
        found += (found.empty() ? "" : ", ") + pair.images.filename().string();
    throw InputError(name, "folder",
                     "one images/labels pair, or MNIST's train-* and t10k-* pairs, found " +
                         std::to_string(pairs.size()) + " pairs (" + found + ")");
}

} // namespace

DataSource loadData(const std::filesystem::path& path) {
    const std::string name = path.string();
    if (const auto kind = unusualFileKind(path))
        throw InputError(name, "path", "a Kaggle .csv file or a folder of MNIST IDX files, found " + *kind);
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status))
        throw InputError(name, "path",
                         "a Kaggle .csv file or a folder of MNIST IDX files, found nothing there");
    if (std::filesystem::is_directory(status))
        return loadFolder(path);
    const std::string fileName = path.filename().string();
    const std::string lowerName = lowerCase(fileName);
    if (lowerName.ends_with(".csv") || lowerName.ends_with(".csv.gz"))
        return DataSource{readKaggleCsv(path), std::nullopt};
    const bool idxFile = idxPrefix(fileName, "images", "idx3") || idxPrefix(fileName, "labels", "idx1");
    throw InputError(
        name, "path",
        std::string("a Kaggle .csv file or a folder of MNIST IDX files, found ") +
            (idxFile ? "a single IDX file (give the folder that holds it)" : "a file that is neither"));
}

} // namespace stepwise::data
