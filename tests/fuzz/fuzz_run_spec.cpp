// libFuzzer harness for parseRunSpec (src/core/run_spec.cpp), the `compare --run` strings and
// lesson experiments: any bytes give a RunSpec within the documented ranges or one RunSpecError
// line, and every parsed spec survives formatRunSpec → parseRunSpec unchanged.
#include "fuzz_support.hpp"

#include "core/run_spec.hpp"

#include <cmath>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace stepwise;
    const std::string_view spec(reinterpret_cast<const char*>(data), size);
    core::NetworkConfig base;
    base.seed = 3;
    core::RunSpec run;
    try {
        run = core::parseRunSpec(spec, base);
    } catch (const core::RunSpecError& e) {
        fuzz::requireOneLine(e.what(), "parseRunSpec");
        return 0;
    }
    const core::NetworkConfig& c = run.config;
    if (c.hidden.empty() || c.hidden.size() > 8) fuzz::finding("parseRunSpec returned " + std::to_string(c.hidden.size()) + " hidden layers");
    for (const int h : c.hidden)
        if (h < 1 || h > 4096) fuzz::finding("parseRunSpec returned a hidden layer of " + std::to_string(h));
    if (!(c.alpha >= 1e-6f && c.alpha <= 1e3f)) fuzz::finding("parseRunSpec returned alpha " + std::to_string(c.alpha));
    if (!(c.beta >= 0 && c.beta < 1) || !(c.beta1 >= 0 && c.beta1 < 1) || !(c.beta2 >= 0 && c.beta2 < 1))
        fuzz::finding("parseRunSpec returned a beta outside 0-1");
    if (!(c.epsilon >= 0 && c.epsilon <= 1)) fuzz::finding("parseRunSpec returned epsilon outside 0-1");
    if (c.batch < 0 || run.trainImages < 0) fuzz::finding("parseRunSpec returned a negative batch or train");
    if (c.seed != base.seed || c.inputs != base.inputs || c.outputs != base.outputs)
        fuzz::finding("parseRunSpec changed the seed or the layer ends");
    const std::string label = core::runLabel(run);
    if (label.empty() || label.find('\n') != std::string::npos) fuzz::finding("runLabel gave an empty or multi-line label");
    const std::string text = core::formatRunSpec(run, base);
    try {
        if (!(core::parseRunSpec(text, base) == run)) fuzz::finding("formatRunSpec wrote \"" + text + "\", which parses differently");
    } catch (const core::RunSpecError& e) {
        fuzz::finding("formatRunSpec wrote \"" + text + "\", which does not parse: " + e.what());
    }
    return 0;
}
