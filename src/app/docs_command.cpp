// Placeholder until the documentation generator lands.
#include "app/docs_command.hpp"

#include <ostream>

namespace stepwise::app {
int runDocs(const DocsOptions&, std::ostream&, std::ostream& err) {
    err << "stepwise docs: not available yet\n";
    return 1;
}
} // namespace stepwise::app
