// libFuzzer harness for readNpy (src/data/npy.cpp): the input is the whole .npy file.
#include "fuzz_support.hpp"

#include "data/input_error.hpp"
#include "data/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stepwise;
    const auto file = fuzz::scratch().file("tensor.npy");
    fuzz::writeFile(file, data, size);
    try {
        const data::NpyArray array = data::readNpy(file);
        const std::size_t values = array.dtype == "<f4" ? array.f32.size() : array.i64.size();
        if (array.dtype != "<f4" && array.dtype != "<i8") fuzz::finding("readNpy accepted dtype " + array.dtype);
        if (values != array.size()) fuzz::finding("readNpy returned values that do not match the shape");
    } catch (const data::InputError& error) {
        fuzz::requireOneLine(error.what(), "readNpy");
    }
    return 0;
}
