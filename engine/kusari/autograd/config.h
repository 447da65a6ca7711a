// Thread-local configuration, like chainer.config, and scopes that change it temporarily.
#pragma once

namespace kusari {

struct Config {
  bool train = true;            // dropout and batch normalization behave as in training
  bool enable_backprop = true;  // functions record the graph
  bool debug = false;           // every forward/backward output is checked for NaN and Inf
  bool type_check = true;       // functions validate their inputs' shapes and dtypes
};

Config& config();  // this thread's configuration

// Sets one field for the lifetime of the scope: UsingConfig s(&Config::train, false);
class UsingConfig {
 public:
  UsingConfig(bool Config::*field, bool value) : field_(field), saved_(config().*field) { config().*field = value; }
  ~UsingConfig() { config().*field_ = saved_; }
  UsingConfig(const UsingConfig&) = delete;
  UsingConfig& operator=(const UsingConfig&) = delete;

 private:
  bool Config::*field_;
  bool saved_;
};

struct NoBackpropMode : UsingConfig {
  NoBackpropMode() : UsingConfig(&Config::enable_backprop, false) {}
};
struct ForceBackpropMode : UsingConfig {
  ForceBackpropMode() : UsingConfig(&Config::enable_backprop, true) {}
};

}  // namespace kusari
