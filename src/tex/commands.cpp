// The command table of the TeX subset. Greek and symbols use their Unicode code points in
// Latin Modern Math; function names are upright words set as operators, as plain TeX does.
#include "tex/commands.hpp"

#include <functional>
#include <map>

namespace stepwise::tex {

namespace {

using Table = std::map<std::string, Command, std::less<>>;

const Table& commandTable() {
    using K = Command::Kind;
    using C = AtomClass;
    static const Table table = [] {
        Table t;
        auto greek = [&](const char* name, char32_t cp) {
            t[name] = {K::Glyph, C::Ord, MathFace::Symbols, std::u32string(1, cp), false, false, true, 0};
        };
        // Lower-case Greek in maths italic (U+1D6FC…), as TeX sets it.
        greek("alpha", 0x1D6FC); greek("beta", 0x1D6FD); greek("gamma", 0x1D6FE); greek("delta", 0x1D6FF);
        greek("varepsilon", 0x1D700); greek("epsilon", 0x1D716); greek("eta", 0x1D702); greek("theta", 0x1D703);
        greek("lambda", 0x1D706); greek("mu", 0x1D707); greek("pi", 0x1D70B); greek("sigma", 0x1D70E);
        greek("tau", 0x1D70F); greek("varphi", 0x1D711); greek("phi", 0x1D719); greek("partial", 0x1D715);
        // Upper-case Greek upright.
        greek("Delta", 0x0394); greek("Sigma", 0x03A3);
        auto sym = [&](const char* name, C cls, char32_t cp) {
            t[name] = {K::Glyph, cls, MathFace::Symbols, std::u32string(1, cp), false, false, false, 0};
        };
        sym("odot", C::Bin, 0x2299); sym("cdot", C::Bin, 0x22C5); sym("times", C::Bin, 0x00D7);
        sym("pm", C::Bin, 0x00B1);
        sym("leftarrow", C::Rel, 0x2190); sym("gets", C::Rel, 0x2190); sym("rightarrow", C::Rel, 0x2192);
        sym("to", C::Rel, 0x2192); sym("le", C::Rel, 0x2264); sym("ge", C::Rel, 0x2265);
        sym("neq", C::Rel, 0x2260); sym("approx", C::Rel, 0x2248); sym("in", C::Rel, 0x2208);
        sym("top", C::Ord, 0x22A4); sym("prime", C::Ord, 0x2032); sym("infty", C::Ord, 0x221E);
        sym("nabla", C::Ord, 0x2207); sym("ldots", C::Inner, 0x2026); sym("cdots", C::Inner, 0x22EF);
        t["sum"] = {K::Glyph, C::Op, MathFace::Symbols, U"\u2211", true, true, false, 0};
        auto fn = [&](const char* name, bool limits) {
            std::u32string text;
            for (const char* p = name; *p; ++p) text += static_cast<char32_t>(*p);
            t[name] = {K::Glyph, C::Op, MathFace::Roman, text, limits, false, false, 0};
        };
        fn("max", true); fn("min", true); fn("log", false); fn("exp", false); fn("tanh", false);
        auto space = [&](const char* name, float mu) { t[name] = {K::Space, C::Ord, MathFace::Roman, {}, false, false, false, mu}; };
        space(",", 3); space(":", 4); space(">", 4); space(";", 5); space("!", -3); space("quad", 18); space("qquad", 36);
        t["frac"] = {K::Frac, C::Ord, MathFace::Roman, {}, false, false, false, 0};
        t["mathrm"] = {K::MathRm, C::Ord, MathFace::Roman, {}, false, false, false, 0};
        t["left"] = {K::Left, C::Inner, MathFace::Roman, {}, false, false, false, 0};
        t["right"] = {K::Right, C::Inner, MathFace::Roman, {}, false, false, false, 0};
        return t;
    }();
    return table;
}

} // namespace

const Command* findCommand(std::string_view name) {
    const Table& table = commandTable();
    const auto it = table.find(name);
    return it == table.end() ? nullptr : &it->second;
}

std::vector<std::string> supportedCommands() {
    std::vector<std::string> names;
    for (const auto& entry : commandTable()) names.push_back(entry.first);
    return names;
}

} // namespace stepwise::tex
