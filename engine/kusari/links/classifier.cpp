#include "kusari/links/classifier.h"

#include "kusari/functions/evaluation.h"
#include "kusari/functions/loss.h"

namespace kusari {

Classifier::Classifier(std::shared_ptr<Link> predictor_, LossFn lossfun_, LossFn accfun_)
    : lossfun(std::move(lossfun_)), accfun(std::move(accfun_)) {
  predictor = add_link("predictor", std::move(predictor_));
  if (!lossfun) lossfun = [](const Variable& y, const Tensor& t) { return softmax_cross_entropy(y, t); };
  if (!accfun) accfun = [](const Variable& y, const Tensor& t) { return kusari::accuracy(y, t); };
}

Variable Classifier::operator()(const Variable& x, const Tensor& t) {
  ForwardScope scope(*this);
  return forward(x, t);
}

Variable Classifier::forward(const Variable& x, const Tensor& t) {
  y = Variable();
  loss = Variable();
  accuracy = Variable();
  y = (*predictor)(x);
  loss = lossfun(y, t);
  if (compute_accuracy) accuracy = accfun(y, t);
  return loss;
}

}  // namespace kusari
