// `stepwise equations` (see equations_command.hpp): reads core's catalogue, adds nothing to it.
#include "app/commands/equations_command.hpp"

#include "core/equation_catalogue.hpp"

#include <nlohmann/json.hpp>

#include <iomanip>

namespace stepwise::app {

int runEquations(const EquationsOptions& o, std::ostream& out) {
    const auto equations = core::iterationEquations(o.network);
    if (o.json) {
        nlohmann::json all = nlohmann::json::array();
        for (const core::Equation& e : equations)
            all.push_back({{"id", e.id},
                           {"tex", e.tex},
                           {"shape", e.shape},
                           {"function", e.function},
                           {"layer", e.layer},
                           {"reads", e.inputs},
                           {"writes", e.output}});
        out << all.dump(2) << "\n";
        return 0;
    }
    out << "Equations of one iteration of the " << core::describe(o.network) << " network, in order ("
        << equations.size() << "):\n\n";
    for (std::size_t k = 0; k < equations.size(); ++k) {
        const core::Equation& e = equations[k];
        out << std::setw(3) << k + 1 << ". " << e.id << "\n"
            << "     TeX:   " << e.tex << "\n"
            << "     shape: " << e.shape << "\n"
            << "     code:  " << e.function << "\n";
    }
    return 0;
}

} // namespace stepwise::app
