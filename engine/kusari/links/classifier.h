// Classifier: wraps a predictor and computes its loss against labels (Chainer's
// L.Classifier). It keeps y, loss and accuracy of the last call for reporting.
//
//   Classifier model(std::make_shared<MLP>());
//   Variable loss = model(x, t);   // softmax_cross_entropy; model.accuracy is set too
#pragma once
#include <functional>

#include "kusari/links/chain.h"

namespace kusari {

class Classifier : public Chain {
 public:
  using LossFn = std::function<Variable(const Variable& y, const Tensor& t)>;

  // lossfun null: softmax_cross_entropy; accfun null: accuracy.
  explicit Classifier(std::shared_ptr<Link> predictor, LossFn lossfun = nullptr, LossFn accfun = nullptr);
  Variable operator()(const Variable& x, const Tensor& t);
  Variable forward(const Variable& x, const Tensor& t);
  using Link::forward;

  std::shared_ptr<Link> predictor;
  LossFn lossfun, accfun;
  bool compute_accuracy = true;
  Variable y, loss, accuracy;  // from the last call; accuracy undefined when not computed
};

}  // namespace kusari
