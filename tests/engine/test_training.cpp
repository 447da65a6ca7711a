// End to end: an MLP (Linear, ReLU, Classifier, Adam, SerialIterator) trained on a
// Fashion-MNIST subset must beat 80% test accuracy. Needs Debian's dataset-fashion-mnist
// (installed by the README's commands); missing data is a failure, not a skip.
#include <QTest>

#include "kusari/autograd/config.h"
#include "kusari/core/ops.h"
#include "kusari/datasets/concat_examples.h"
#include "kusari/datasets/mnist.h"
#include "kusari/datasets/sub_dataset.h"
#include "kusari/functions/activation.h"
#include "kusari/iterators/serial_iterator.h"
#include "kusari/links/chain.h"
#include "kusari/links/classifier.h"
#include "kusari/links/linear.h"
#include "kusari/optimizers/adam.h"

using namespace kusari;

namespace {
struct SmallMLP : Chain {
  std::shared_ptr<Linear> l1, l2;
  SmallMLP() {
    l1 = add_link("l1", std::make_shared<Linear>(100));
    l2 = add_link("l2", std::make_shared<Linear>(10));
  }
  Variable forward(const Variable& x) override { return (*l2)(relu((*l1)(x))); }
};
}  // namespace

class TestTraining : public QObject {
  Q_OBJECT
 private slots:
  void mlp_on_fashion_mnist_subset_beats_80_percent() {
    ops::seed(1);
    datasets::TrainTest data = datasets::get_fashion_mnist();
    auto train = datasets::split_dataset_random(data.train, 12000, 7).first;
    auto test = datasets::SubDataset(data.test, 0, 2000);
    Classifier model(std::make_shared<SmallMLP>());
    Adam optimizer;
    iterators::SerialIterator it(train, 100, true, true, 3);
    bool ready = false;
    double first_loss = 0, last_loss = 0;
    while (it.epoch() < 2) {
      std::vector<Tensor> b = concat_examples(it.next());
      model.cleargrads();
      Variable loss = model(b[0], b[1]);
      loss.backward();
      if (!ready) {
        optimizer.setup(model);
        ready = true;
        first_loss = loss.data().item();
      }
      optimizer.update();
      last_loss = loss.data().item();
    }
    QVERIFY2(last_loss < first_loss * 0.5, "the training loss did not fall");
    UsingConfig test_mode(&Config::train, false);
    NoBackpropMode no_graph;
    std::vector<Example> all;
    for (int64_t i = 0; i < test.size(); ++i) all.push_back(test.get_example(i));
    std::vector<Tensor> t = concat_examples(all);
    (void)model(t[0], t[1]);
    const double accuracy = model.accuracy.data().item();
    QVERIFY2(accuracy > 0.80, ("test accuracy " + std::to_string(accuracy)).c_str());
  }
};

QTEST_APPLESS_MAIN(TestTraining)
#include "test_training.moc"
