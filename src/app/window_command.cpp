// Until the window lands: `stepwise` with no subcommand runs `stepwise train` on the default data.
#include "app/window_command.hpp"

#include "app/train_command.hpp"

#include <iostream>

namespace stepwise::app {

int runWindow(const WindowOptions& options, std::ostream&) {
    TrainOptions train;
    train.data = options.data;
    return runTrain(train, std::cout, std::cerr);
}

int runRender(const RenderOptions&, std::ostream& err) {
    err << "stepwise render: not available yet\n";
    return 1;
}

} // namespace stepwise::app
