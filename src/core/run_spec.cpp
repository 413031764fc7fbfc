// The run-spec grammar of run_spec.hpp: a strict key=value parser with one-line errors, the
// automatic labels, and the writer that turns a RunSpec back into a spec string.
// Sections: text helpers, values, parseRunSpec, runLabel, formatRunSpec.
#include "core/run_spec.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

namespace stepwise::core {

namespace {

// ---- text helpers -------------------------------------------------------------------------

constexpr std::array<std::string_view, 13> keys{"hidden", "activation", "init",  "alpha", "optimizer",
                                                "batch",  "beta",       "beta1", "beta2", "epsilon",
                                                "train",  "paper",      "label"};
constexpr std::string_view keyList =
    "hidden, activation, init, alpha, optimizer, batch, beta, beta1, beta2, epsilon, train, paper, label";

constexpr int maxLayerSize = 4096;  // the same bound as `stepwise train --hidden`
constexpr std::size_t maxHiddenLayers = 8;
constexpr std::size_t maxLabelLength = 100;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

/// \p text made safe to quote in a one-line message: control bytes become '?', and anything
/// past \p limit bytes becomes "...".
std::string quoted(std::string_view text, std::size_t limit) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
    }
    if (text.size() > limit) out += "...";
    return out + "\"";
}

[[noreturn]] void fail(std::string_view spec, const std::string& what) {
    throw RunSpecError("run " + quoted(spec, 80) + ": " + what);
}

/// "KEY must be ALLOWED, not "VALUE"" — the shape of every bad-value message.
[[noreturn]] void badValue(std::string_view spec, std::string_view key, std::string_view allowed,
                           std::string_view value) {
    fail(spec, std::string(key) + " must be " + std::string(allowed) + ", not " + quoted(value, 40));
}

// ---- values -------------------------------------------------------------------------------

template <typename T> bool parseNumber(std::string_view text, T& out) {
    if (text.empty()) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

/// A float in [lo, hi] (or [lo, hi) when \p openTop); NaN and infinities never pass.
bool parseFloatIn(std::string_view text, float lo, float hi, bool openTop, float& out) {
    float v = 0;
    if (!parseNumber(text, v) || !std::isfinite(v) || !(v >= lo) || !(openTop ? v < hi : v <= hi)) return false;
    out = v;
    return true;
}

bool parseLongIn(std::string_view text, long lo, long hi, long& out) {
    long v = 0;
    if (!parseNumber(text, v) || v < lo || v > hi) return false;
    out = v;
    return true;
}

/// "128-64" → {128, 64}; empty on anything malformed or out of range.
std::vector<int> parseLayers(std::string_view text) {
    std::vector<int> sizes;
    while (true) {
        const auto dash = text.find('-');
        long size = 0;
        if (!parseLongIn(trim(text.substr(0, dash)), 1, maxLayerSize, size)) return {};
        sizes.push_back(static_cast<int>(size));
        if (sizes.size() > maxHiddenLayers) return {};
        if (dash == std::string_view::npos) return sizes;
        text.remove_prefix(dash + 1);
    }
}

/// The shortest decimal text that reads back as exactly \p v ("0.001", "1e-08").
std::string shortest(float v) {
    std::array<char, 32> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return ec == std::errc() ? std::string(buf.data(), end) : std::string("?");
}

std::string layersText(const std::vector<int>& hidden) {
    std::string out;
    for (std::size_t i = 0; i < hidden.size(); ++i) out += (i ? "-" : "") + std::to_string(hidden[i]);
    return out;
}

} // namespace

std::string_view runSpecKeys() { return keyList; }

// ---- parseRunSpec -------------------------------------------------------------------------

RunSpec parseRunSpec(std::string_view spec, const NetworkConfig& base) {
    RunSpec run;
    run.config = base;
    std::array<bool, keys.size()> seen{};
    bool alphaGiven = false, optimizerGiven = false;

    std::string_view rest = spec;
    while (true) {
        const auto comma = rest.find(',');
        const std::string_view item = trim(rest.substr(0, comma));
        if (!item.empty()) {
            const auto eq = item.find('=');
            const std::string_view key = trim(item.substr(0, eq));
            std::size_t k = 0;
            while (k < keys.size() && keys[k] != key) ++k;
            if (eq == std::string_view::npos) {
                if (k < keys.size())
                    fail(spec, std::string(key) + " needs a value, as in " + std::string(key) + "=...");
                fail(spec, "expected key=value, not " + quoted(item, 40) + "; the keys are " + std::string(keyList));
            }
            if (k == keys.size())
                fail(spec, "unknown key " + quoted(key, 40) + "; the keys are " + std::string(keyList));
            if (seen[k]) fail(spec, std::string(key) + " is given twice");
            seen[k] = true;

            const std::string_view value = trim(item.substr(eq + 1));
            NetworkConfig& c = run.config;
            long whole = 0;
            if (key == "hidden") {
                auto sizes = parseLayers(value);
                if (sizes.empty())
                    badValue(spec, key, "layer sizes such as 10 or 128-64 (each 1 to 4096, at most 8 layers)", value);
                c.hidden = std::move(sizes);
            } else if (key == "activation") {
                const auto a = parseActivation(value);
                if (!a) badValue(spec, key, "relu, sigmoid, tanh or none", value);
                c.activation = *a;
            } else if (key == "init") {
                const auto i = parseInit(value);
                if (!i) badValue(spec, key, "uniform, positive or he", value);
                c.init = *i;
            } else if (key == "alpha") {
                if (!parseFloatIn(value, 1e-6f, 1e3f, false, c.alpha))
                    badValue(spec, key, "a number from 1e-6 to 1000", value);
                alphaGiven = true;
            } else if (key == "optimizer") {
                const auto o = parseOptimizer(value);
                if (!o) badValue(spec, key, "gd, sgd, momentum or adam", value);
                c.optimizer = *o;
                optimizerGiven = true;
            } else if (key == "batch") {
                if (!parseLongIn(value, 0, 1000000, whole))
                    badValue(spec, key, "a whole number from 0 (full batch) to 1000000", value);
                c.batch = static_cast<int>(whole);
            } else if (key == "beta" || key == "beta1" || key == "beta2") {
                float& b = key == "beta" ? c.beta : key == "beta1" ? c.beta1 : c.beta2;
                if (!parseFloatIn(value, 0.0f, 1.0f, true, b))
                    badValue(spec, key, "a number from 0 up to but not including 1", value);
            } else if (key == "epsilon") {
                if (!parseFloatIn(value, 0.0f, 1.0f, false, c.epsilon))
                    badValue(spec, key, "a number from 0 to 1", value);
            } else if (key == "train") {
                if (!parseLongIn(value, 0, 100000000, run.trainImages))
                    badValue(spec, key, "a whole number of training images from 0 (all of them) to 100000000", value);
            } else if (key == "paper") {
                if (value != "true" && value != "false") badValue(spec, key, "true or false", value);
                c.paperFaithful = value == "true";
            } else { // label
                for (const char ch : value) {
                    const auto u = static_cast<unsigned char>(ch);
                    if (u < 0x20 || u == 0x7f) fail(spec, "label must be text without control characters");
                }
                if (value.size() > maxLabelLength) fail(spec, "label must be at most 100 characters long");
                run.label = std::string(value);
            }
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    if (optimizerGiven && !alphaGiven) run.config.alpha = defaultAlpha(run.config.optimizer);
    return run;
}

// ---- runLabel -----------------------------------------------------------------------------

std::string runLabel(const RunSpec& run) {
    if (!run.label.empty()) return run.label;
    const NetworkConfig d;
    const NetworkConfig& c = run.config;
    std::vector<std::string> parts;
    if (c.hidden != d.hidden) parts.push_back("hidden " + layersText(c.hidden));
    if (c.activation != d.activation) parts.emplace_back(toString(c.activation));
    if (c.init != d.init) parts.push_back("init " + std::string(toString(c.init)));
    if (c.optimizer != d.optimizer)
        parts.push_back(std::string(toString(c.optimizer)) + " α " + shortest(c.alpha)); // "adam α 0.001"
    else if (c.alpha != d.alpha)
        parts.push_back("α " + shortest(c.alpha));
    if (c.batch != d.batch) parts.push_back("batch " + std::to_string(c.batch));
    if (c.beta != d.beta) parts.push_back("β " + shortest(c.beta));
    if (c.beta1 != d.beta1) parts.push_back("β₁ " + shortest(c.beta1));
    if (c.beta2 != d.beta2) parts.push_back("β₂ " + shortest(c.beta2));
    if (c.epsilon != d.epsilon) parts.push_back("ε " + shortest(c.epsilon));
    if (run.trainImages != 0) parts.push_back("train " + std::to_string(run.trainImages));
    if (c.paperFaithful) parts.emplace_back("paper-faithful");
    if (parts.empty()) return "hidden " + layersText(c.hidden);
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out;
}

// ---- formatRunSpec ------------------------------------------------------------------------

std::string formatRunSpec(const RunSpec& run, const NetworkConfig& base) {
    const NetworkConfig& c = run.config;
    std::vector<std::string> items;
    if (c.hidden != base.hidden) items.push_back("hidden=" + layersText(c.hidden));
    if (c.activation != base.activation) items.push_back("activation=" + std::string(toString(c.activation)));
    if (c.init != base.init) items.push_back("init=" + std::string(toString(c.init)));
    // Naming an optimiser resets α to its default on parsing, so α is written against that.
    const bool optimizerWritten = c.optimizer != base.optimizer;
    if (optimizerWritten) items.push_back("optimizer=" + std::string(toString(c.optimizer)));
    if (c.alpha != (optimizerWritten ? defaultAlpha(c.optimizer) : base.alpha))
        items.push_back("alpha=" + shortest(c.alpha));
    if (c.batch != base.batch) items.push_back("batch=" + std::to_string(c.batch));
    if (c.beta != base.beta) items.push_back("beta=" + shortest(c.beta));
    if (c.beta1 != base.beta1) items.push_back("beta1=" + shortest(c.beta1));
    if (c.beta2 != base.beta2) items.push_back("beta2=" + shortest(c.beta2));
    if (c.epsilon != base.epsilon) items.push_back("epsilon=" + shortest(c.epsilon));
    if (run.trainImages != 0) items.push_back("train=" + std::to_string(run.trainImages));
    if (c.paperFaithful != base.paperFaithful) items.push_back(c.paperFaithful ? "paper=true" : "paper=false");
    if (!run.label.empty()) items.push_back("label=" + run.label);
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + items[i];
    return out;
}

} // namespace stepwise::core
