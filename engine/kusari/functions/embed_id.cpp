// embed_id: rows of W picked by integer ids. The gradient wrt W is a scatter-add of gy rows,
// itself a differentiable function whose gradient is again a gather.
#include "kusari/autograd/apply.h"
#include "kusari/core/kernel_registry.h"
#include "kusari/functions/connection.h"
#include "kusari/functions/embed_kernels.h"

namespace kusari {
namespace {

Tensor flat_ids(const Tensor& ids) { return ids.astype(Dtype::Int64).contiguous().reshape({ids.numel()}); }

// gW (vocab, dim) from gy (ids.shape + (dim,)).
Variable embed_id_grad(const Tensor& ids, const Variable& gy, int64_t vocab, std::optional<int64_t> ignore_label) {
  FunctionScope fn("embed_id_grad", {gy});
  const int64_t dim = gy.shape().back();
  Tensor gW({vocab, dim}, gy.dtype(), gy.data().device());
  Tensor rows = gy.data().contiguous().reshape({ids.numel(), dim});
  kernel<EmbedScatterKernel>("embed_id_scatter", gW.device())(flat_ids(ids), rows, gW, ignore_label);
  return fn.finish(gW, [ids, ignore_label](const BackwardContext& c) {
    return Grads{embed_id(ids, c.grad_output(0), ignore_label)};
  });
}

}  // namespace

Variable embed_id(const Tensor& ids, const Variable& W, std::optional<int64_t> ignore_label) {
  FunctionScope fn("embed_id", {W});
  if (ids.dtype() != Dtype::Int32 && ids.dtype() != Dtype::Int64)
    throw DtypeError("embed_id: ids must be int32 or int64, got " + ids.describe());
  if (W.ndim() != 2) throw_op_error("embed_id", {W}, "W must be 2-D (vocab, dim), got " + shape_to_string(W.shape()));
  if (!is_floating(W.dtype())) throw DtypeError("embed_id: W must be floating, got " + W.describe());
  const int64_t vocab = W.shape()[0], dim = W.shape()[1];
  Shape y_shape = ids.shape();
  y_shape.push_back(dim);
  Tensor y(y_shape, W.dtype(), W.data().device());
  Tensor rows = y.view({ids.numel(), dim});
  kernel<EmbedGatherKernel>("embed_id_gather", W.data().device())(flat_ids(ids), W.data().contiguous(), rows,
                                                                  ignore_label);
  return fn.finish(y, [ids, vocab, ignore_label](const BackwardContext& c) {
    return Grads{embed_id_grad(ids, c.grad_output(0), vocab, ignore_label)};
  });
}

}  // namespace kusari
