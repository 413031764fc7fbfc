// libFuzzer harness for readKaggleCsv (src/data/kaggle_csv.cpp): the input is the whole
// train.csv, raw, or gzip when it starts with 1f 8b (the reader inflates it itself).
#include "fuzz_support.hpp"

#include "data/input_error.hpp"
#include "data/kaggle_csv.hpp"

#include <algorithm>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stepwise;
    const auto file = fuzz::scratch().file("train.csv");
    fuzz::writeFile(file, data, size);
    try {
        const data::LabeledImages result = data::readKaggleCsv(file);
        if (result.count() == 0) fuzz::finding("readKaggleCsv accepted a file of no rows");
        if (result.pixels.size() != result.count() * data::kImagePixels)
            fuzz::finding("readKaggleCsv returned pixels that do not match its labels");
        if (std::any_of(result.labels.begin(), result.labels.end(), [](std::uint8_t l) { return l > 9; }))
            fuzz::finding("readKaggleCsv returned a label above 9");
    } catch (const data::InputError& error) {
        fuzz::requireOneLine(error.what(), "readKaggleCsv");
    }
    return 0;
}
