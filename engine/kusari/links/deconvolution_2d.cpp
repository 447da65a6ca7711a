#include "kusari/links/deconvolution_2d.h"

#include "kusari/initializers/normal.h"

namespace kusari {

Deconvolution2D::Deconvolution2D(std::optional<int64_t> in_channels, int64_t out_channels,
                                 const Deconvolution2DOptions& options)
    : out_channels_(out_channels), options_(options) {
  auto initW = options.initialW ? options.initialW : std::make_shared<initializers::LeCunNormal>();
  W = add_param("W", Parameter(initW, options.dtype));
  if (in_channels) initialize_W(*in_channels);
  if (!options.nobias) b = add_param("b", options.initial_bias, {out_channels}, options.dtype);
}

void Deconvolution2D::initialize_W(int64_t in_channels) {
  const int64_t groups = options_.conv.groups;
  if (groups < 1 || in_channels % groups != 0 || out_channels_ % groups != 0)
    throw ValueError("Deconvolution2D: " + std::to_string(in_channels) + " input and " +
                     std::to_string(out_channels_) + " output channels are not divisible by groups " +
                     std::to_string(groups));
  W.initialize({in_channels, out_channels_ / groups, options_.ksize_h, options_.ksize_w});
}

Variable Deconvolution2D::forward(const Variable& x) {
  if (!W.is_initialized()) {
    if (x.ndim() != 4)
      throw ShapeError("Deconvolution2D: input must be (N, C, H, W), got " + shape_to_string(x.shape()));
    initialize_W(x.shape()[1]);
  }
  return deconvolution_2d(x, W, b.is_initialized() ? Variable(b) : Variable(), options_.conv, options_.out_h,
                          options_.out_w);
}

}  // namespace kusari
