// MNIST and Fashion-MNIST from their IDX files (Chainer's get_mnist / get_fashion_mnist).
// Debian's dataset-fashion-mnist package installs the latter in kFashionMnistDir.
#pragma once
#include <memory>
#include <string>

#include "kusari/datasets/tuple_dataset.h"

namespace kusari::datasets {

inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";
inline constexpr const char* kMnistDir = "/usr/share/datasets/mnist";

struct TrainTest {
  std::shared_ptr<TupleDataset> train, test;
};

// Reads {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz] from `dir`. Images are float32 in
// [0, scale] shaped (784) for ndim 1, (28, 28) for ndim 2 and (1, 28, 28) for ndim 3; labels
// int32. Without labels each example holds only the image. Error naming the missing file
// (and the package to install) when the files are absent.
TrainTest get_fashion_mnist(const std::string& dir = kFashionMnistDir, bool withlabel = true, int ndim = 1,
                            double scale = 1.0);
TrainTest get_mnist(const std::string& dir = kMnistDir, bool withlabel = true, int ndim = 1, double scale = 1.0);

}  // namespace kusari::datasets

namespace kusari {
using datasets::get_fashion_mnist;
using datasets::get_mnist;
}  // namespace kusari
