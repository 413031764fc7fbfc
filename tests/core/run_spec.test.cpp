// Run specs (core/run_spec.hpp): the configurations each key produces, the exact one-line
// errors for unknown keys and bad values, the automatic labels, and that formatRunSpec
// writes a spec that parses back to the same RunSpec.
#include "core/run_spec.hpp"

#include <catch2/catch.hpp>

using namespace stepwise::core;

namespace {

/// The message parseRunSpec throws for \p spec on the default base, or "no error".
std::string errorOf(std::string_view spec) {
    try {
        parseRunSpec(spec, NetworkConfig{});
    } catch (const RunSpecError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("[core] an empty run spec is the base configuration") {
    NetworkConfig base;
    base.hidden = {32};
    base.seed = 5;
    const RunSpec run = parseRunSpec("", base);
    CHECK(run.config == base);
    CHECK(run.label.empty());
    CHECK(run.trainImages == 0);
    CHECK(parseRunSpec("  ,, ", base).config == base);
}

TEST_CASE("[core] run spec keys set the network, the optimiser and the training-set size") {
    const RunSpec run = parseRunSpec(
        "hidden=128-64, activation=tanh,init=he,alpha=0.05,optimizer=momentum,batch=32,beta=0.8,"
        "beta1=0.85,beta2=0.99,epsilon=1e-7,train=5000,paper=true,label= my run ",
        NetworkConfig{});
    const NetworkConfig& c = run.config;
    CHECK(c.hidden == std::vector<int>{128, 64});
    CHECK(c.activation == Activation::Tanh);
    CHECK(c.init == Init::He);
    CHECK(c.alpha == 0.05f);
    CHECK(c.optimizer == Optimizer::Momentum);
    CHECK(c.batch == 32);
    CHECK(c.beta == 0.8f);
    CHECK(c.beta1 == 0.85f);
    CHECK(c.beta2 == 0.99f);
    CHECK(c.epsilon == 1e-7f);
    CHECK(c.paperFaithful);
    CHECK(run.trainImages == 5000);
    CHECK(run.label == "my run");
    CHECK(c.inputs == 784);
    CHECK(c.outputs == 10);
    CHECK(parseRunSpec("hidden=10", NetworkConfig{}).config.hidden == std::vector<int>{10});
    CHECK_FALSE(parseRunSpec("paper=false", NetworkConfig{}).config.paperFaithful);
}

TEST_CASE("[core] run spec keeps the base seed and what the spec does not name") {
    NetworkConfig base;
    base.seed = 42;
    base.alpha = 0.5f;
    base.activation = Activation::Sigmoid;
    const RunSpec run = parseRunSpec("hidden=20", base);
    CHECK(run.config.seed == 42);
    CHECK(run.config.alpha == 0.5f);
    CHECK(run.config.activation == Activation::Sigmoid);
    CHECK(run.config.hidden == std::vector<int>{20});
}

TEST_CASE("[core] optimizer=adam without alpha uses alpha 0.001, with alpha keeps it") {
    CHECK(parseRunSpec("optimizer=adam", NetworkConfig{}).config.alpha == 0.001f);
    CHECK(parseRunSpec("optimizer=adam,alpha=0.01", NetworkConfig{}).config.alpha == 0.01f);
    CHECK(parseRunSpec("alpha=0.01,optimizer=adam", NetworkConfig{}).config.alpha == 0.01f);
    NetworkConfig adamBase;
    adamBase.optimizer = Optimizer::Adam;
    adamBase.alpha = 0.001f;
    CHECK(parseRunSpec("optimizer=gd", adamBase).config.alpha == 0.1f);
}

TEST_CASE("[core] label= with nothing after it leaves the label to runLabel") {
    const RunSpec run = parseRunSpec("hidden=128,label=", NetworkConfig{});
    CHECK(run.label.empty());
    CHECK(runLabel(run) == "hidden 128");
    CHECK(parseRunSpec("label=a=b c", NetworkConfig{}).label == "a=b c");
}

TEST_CASE("[core] an unknown run spec key lists the keys") {
    CHECK(errorOf("hidden=10,size=3") ==
          "run \"hidden=10,size=3\": unknown key \"size\"; the keys are hidden, activation, init, alpha, "
          "optimizer, batch, beta, beta1, beta2, epsilon, train, paper, label");
    CHECK(errorOf("hidden") == "run \"hidden\": hidden needs a value, as in hidden=...");
    CHECK(errorOf("128") == "run \"128\": expected key=value, not \"128\"; the keys are hidden, activation, init, "
                            "alpha, optimizer, batch, beta, beta1, beta2, epsilon, train, paper, label");
    CHECK(errorOf("alpha=0.1,alpha=0.2") == "run \"alpha=0.1,alpha=0.2\": alpha is given twice");
}

TEST_CASE("[core] a bad run spec value names the key and the allowed values") {
    CHECK(errorOf("hidden=abc") ==
          "run \"hidden=abc\": hidden must be layer sizes such as 10 or 128-64 (each 1 to 4096, at most 8 layers), "
          "not \"abc\"");
    CHECK(errorOf("hidden=128-").find("hidden must be layer sizes") != std::string::npos);
    CHECK(errorOf("hidden=0").find("hidden must be layer sizes") != std::string::npos);
    CHECK(errorOf("hidden=5000").find("hidden must be layer sizes") != std::string::npos);
    CHECK(errorOf("hidden=1-1-1-1-1-1-1-1-1").find("hidden must be layer sizes") != std::string::npos);
    CHECK(parseRunSpec("hidden=1-1-1-1-1-1-1-1", NetworkConfig{}).config.hidden.size() == 8);
    CHECK(errorOf("activation=softmax") ==
          "run \"activation=softmax\": activation must be relu, sigmoid, tanh or none, not \"softmax\"");
    CHECK(errorOf("init=zero") == "run \"init=zero\": init must be uniform, positive or he, not \"zero\"");
    CHECK(errorOf("optimizer=rmsprop") ==
          "run \"optimizer=rmsprop\": optimizer must be gd, sgd, momentum or adam, not \"rmsprop\"");
    CHECK(errorOf("alpha=0") == "run \"alpha=0\": alpha must be a number from 1e-6 to 1000, not \"0\"");
    CHECK(errorOf("alpha=nan").find("alpha must be a number") != std::string::npos);
    CHECK(errorOf("alpha=inf").find("alpha must be a number") != std::string::npos);
    CHECK(errorOf("alpha=0.1x").find("alpha must be a number") != std::string::npos);
    CHECK(errorOf("batch=-1") ==
          "run \"batch=-1\": batch must be a whole number from 0 (full batch) to 1000000, not \"-1\"");
    CHECK(errorOf("beta=1") == "run \"beta=1\": beta must be a number from 0 up to but not including 1, not \"1\"");
    CHECK(errorOf("beta2=-0.1").find("beta2 must be a number from 0 up to") != std::string::npos);
    CHECK(errorOf("epsilon=2") == "run \"epsilon=2\": epsilon must be a number from 0 to 1, not \"2\"");
    CHECK(errorOf("train=1.5") == "run \"train=1.5\": train must be a whole number of training images from 0 (all "
                                  "of them) to 100000000, not \"1.5\"");
    CHECK(errorOf("train=99999999999999999999").find("train must be a whole number") != std::string::npos);
    CHECK(errorOf("paper=yes") == "run \"paper=yes\": paper must be true or false, not \"yes\"");
    CHECK(errorOf("label=a\tb") == "run \"label=a?b\": label must be text without control characters");
}

TEST_CASE("[core] a run spec error is one line even for long or binary specs") {
    const std::string longSpec = "hidden=" + std::string(200, '9');
    const std::string message = errorOf(longSpec);
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.rfind("run \"hidden=9999", 0) == 0);
    CHECK(message.size() < 250);
    CHECK(errorOf(std::string("hidden=\n1\0", 10)).find('\n') == std::string::npos);
}

TEST_CASE("[core] runLabel makes a short label from what differs from the default network") {
    CHECK(runLabel(parseRunSpec("", NetworkConfig{})) == "hidden 10");
    CHECK(runLabel(parseRunSpec("hidden=128", NetworkConfig{})) == "hidden 128");
    CHECK(runLabel(parseRunSpec("optimizer=adam", NetworkConfig{})) == "adam α 0.001");
    CHECK(runLabel(parseRunSpec("hidden=128-64,activation=sigmoid,alpha=1,train=1000", NetworkConfig{})) ==
          "hidden 128-64, sigmoid, α 1, train 1000");
    CHECK(runLabel(parseRunSpec("optimizer=sgd,batch=32,paper=true", NetworkConfig{})) ==
          "sgd α 0.1, batch 32, paper-faithful");
    CHECK(runLabel(parseRunSpec("hidden=32,label=wide", NetworkConfig{})) == "wide");
}

TEST_CASE("[core] formatRunSpec writes a spec that parses to the same RunSpec") {
    NetworkConfig seeded;
    seeded.seed = 9;
    const char* specs[] = {"",
                           "hidden=128-64",
                           "optimizer=adam",
                           "optimizer=adam,alpha=0.01",
                           "optimizer=momentum,beta=0.95,batch=64",
                           "activation=sigmoid,init=positive,alpha=1,train=1000,paper=true,label=slow start",
                           "beta1=0.5,beta2=0.25,epsilon=1e-8,alpha=0.3"};
    for (const char* spec : specs) {
        for (const NetworkConfig& base : {NetworkConfig{}, seeded}) {
            const RunSpec run = parseRunSpec(spec, base);
            const std::string text = formatRunSpec(run, base);
            INFO(spec << " -> " << text);
            CHECK(parseRunSpec(text, base) == run);
        }
    }
    CHECK(formatRunSpec(parseRunSpec("", NetworkConfig{})).empty());
    CHECK(formatRunSpec(parseRunSpec("optimizer=adam", NetworkConfig{})) == "optimizer=adam");
    CHECK(formatRunSpec(parseRunSpec("alpha=0.001,hidden=32,label=x", NetworkConfig{})) ==
          "hidden=32,alpha=0.001,label=x");
    NetworkConfig wide;
    wide.hidden = {128};
    CHECK(formatRunSpec(parseRunSpec("hidden=10", wide), wide) == "hidden=10");
}
