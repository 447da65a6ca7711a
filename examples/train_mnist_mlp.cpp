// Trains Chainer's MNIST MLP (784-1000-1000-10, ReLU, Adam, batch 100) on Fashion-MNIST with
// libkusari alone, printing loss and accuracy per epoch and the median time per iteration.
//
//   train_mnist_mlp [--epochs N] [--batchsize B] [--unit U] [--alpha A] [--dataset DIR] [--seed S]
#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <omp.h>

#include "kusari/autograd/config.h"
#include "kusari/core/ops.h"
#include "kusari/datasets/concat_examples.h"
#include "kusari/datasets/mnist.h"
#include "kusari/functions/activation.h"
#include "kusari/iterators/serial_iterator.h"
#include "kusari/links/chain.h"
#include "kusari/links/classifier.h"
#include "kusari/links/linear.h"
#include "kusari/optimizers/adam.h"

using namespace kusari;

namespace {

struct MLP : Chain {
  std::shared_ptr<Linear> l1, l2, l3;
  MLP(int64_t n_units, int64_t n_out) {
    l1 = add_link("l1", std::make_shared<Linear>(n_units));  // input size inferred
    l2 = add_link("l2", std::make_shared<Linear>(n_units));
    l3 = add_link("l3", std::make_shared<Linear>(n_out));
  }
  Variable forward(const Variable& x) override {
    Variable h1 = relu((*l1)(x));
    Variable h2 = relu((*l2)(h1));
    return (*l3)(h2);
  }
};

struct Options {
  int epochs = 1;
  int64_t batchsize = 100;
  int64_t unit = 1000;
  std::string dataset = datasets::kFashionMnistDir;
  uint64_t seed = 0;
  double alpha = 5e-4;  // with standardized inputs; Chainer's 1e-3 lands at 84-86% after one epoch
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw ValueError("missing value after " + a);
      return argv[++i];
    };
    if (a == "--epochs") o.epochs = std::stoi(value());
    else if (a == "--batchsize") o.batchsize = std::stoll(value());
    else if (a == "--unit") o.unit = std::stoll(value());
    else if (a == "--dataset") o.dataset = value();
    else if (a == "--seed") o.seed = std::stoull(value());
    else if (a == "--alpha") o.alpha = std::stod(value());
    else throw ValueError("unknown option " + a + " (see the comment at the top of train_mnist_mlp.cpp)");
  }
  return o;
}

// Pixels to zero mean and unit variance with the training set's statistics (in place).
void standardize(datasets::TupleDataset& train, datasets::TupleDataset& test) {
  Tensor x = train.arrays()[0];
  const double mean = ops::mean(x).item();
  const double stddev = std::sqrt(ops::mean(ops::mul(ops::add(x, -mean), ops::add(x, -mean))).item());
  for (datasets::TupleDataset* d : {&train, &test}) {
    Tensor images = d->arrays()[0];
    images.copy_from(ops::mul(ops::add(images, -mean), 1.0 / stddev));
  }
}

// Mean loss and accuracy over a whole dataset, in test mode and without a graph.
std::pair<double, double> evaluate(Classifier& model, const std::shared_ptr<Dataset>& data, int64_t batchsize) {
  UsingConfig test_mode(&Config::train, false);
  NoBackpropMode no_graph;
  iterators::SerialIterator it(data, batchsize, /*repeat=*/false, /*shuffle=*/false);
  double loss = 0, acc = 0;
  int64_t n = 0;
  while (true) {
    std::vector<Example> batch;
    try {
      batch = it.next();
    } catch (const iterators::StopIteration&) {
      break;
    }
    std::vector<Tensor> arrays = concat_examples(batch);
    const int64_t b = arrays[0].shape()[0];
    loss += model(arrays[0], arrays[1]).data().item() * b;
    acc += model.accuracy.data().item() * b;
    n += b;
  }
  return {loss / n, acc / n};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Options opt = parse(argc, argv);
    ops::seed(opt.seed);
    std::printf("Fashion-MNIST from %s, %d epoch(s), batch %lld, %lld units, %d threads\n", opt.dataset.c_str(),
                opt.epochs, static_cast<long long>(opt.batchsize), static_cast<long long>(opt.unit),
                omp_get_max_threads());
    datasets::TrainTest data = datasets::get_fashion_mnist(opt.dataset);
    standardize(*data.train, *data.test);
    Classifier model(std::make_shared<MLP>(opt.unit, 10));
    AdamHyperparameter hp;
    hp.alpha = opt.alpha;
    Adam optimizer(hp);
    iterators::SerialIterator train_iter(data.train, opt.batchsize, true, true, opt.seed + 1);

    std::printf("%-6s %-12s %-14s %-20s %-24s %-10s\n", "epoch", "main/loss", "main/accuracy", "validation/main/loss",
                "validation/main/accuracy", "elapsed");
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    std::vector<double> step_ms;
    double loss_sum = 0, acc_sum = 0;
    int64_t steps_in_epoch = 0;
    bool optimizer_ready = false;
    while (train_iter.epoch() < opt.epochs) {
      std::vector<Tensor> arrays = concat_examples(train_iter.next());
      const auto t0 = Clock::now();
      model.cleargrads();
      Variable loss = model(arrays[0], arrays[1]);
      loss.backward();
      if (!optimizer_ready) {  // parameters exist after the first forward (lazy input size)
        optimizer.setup(model);
        optimizer_ready = true;
      }
      optimizer.update();
      step_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      loss_sum += loss.data().item();
      acc_sum += model.accuracy.data().item();
      ++steps_in_epoch;
      if (train_iter.is_new_epoch()) {
        auto [val_loss, val_acc] = evaluate(model, data.test, opt.batchsize);
        double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        std::printf("%-6lld %-12.4f %-14.4f %-20.4f %-24.4f %.1f s\n", static_cast<long long>(train_iter.epoch()),
                    loss_sum / steps_in_epoch, acc_sum / steps_in_epoch, val_loss, val_acc, elapsed);
        std::fflush(stdout);
        loss_sum = acc_sum = 0;
        steps_in_epoch = 0;
      }
    }
    std::vector<double> sorted = step_ms;
    std::sort(sorted.begin(), sorted.end());
    std::printf("median training iteration: %.2f ms over %zu iterations (%d threads)\n", sorted[sorted.size() / 2],
                sorted.size(), omp_get_max_threads());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "train_mnist_mlp: %s\n", e.what());
    return 1;
  }
}
