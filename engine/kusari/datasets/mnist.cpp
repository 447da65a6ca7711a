#include "kusari/datasets/mnist.h"

#include <filesystem>

#include "kusari/core/error.h"
#include "kusari/datasets/idx.h"

namespace kusari::datasets {
namespace {

// The file `stem` in `dir`, gzipped as distributed or already unpacked.
std::string find_file(const std::string& dir, const std::string& stem, const char* hint) {
  for (const char* suffix : {".gz", ""}) {
    std::string p = dir + "/" + stem + suffix;
    if (std::filesystem::exists(p)) return p;
  }
  throw Error(std::string("dataset file ") + dir + "/" + stem + ".gz not found" + hint);
}

std::shared_ptr<TupleDataset> load_split(const std::string& dir, const std::string& split, bool withlabel, int ndim,
                                         double scale, const char* hint) {
  std::string images_path = find_file(dir, split + "-images-idx3-ubyte", hint);
  Tensor images = read_idx_images(images_path, scale);
  if (images.ndim() != 3)
    throw FormatError(images_path + ": images should have 3 dimensions, the file has shape " +
                      shape_to_string(images.shape()));
  int64_t n = images.shape()[0], rows = images.shape()[1], cols = images.shape()[2];
  if (ndim == 1) images = images.view({n, rows * cols});
  else if (ndim == 3) images = images.view({n, 1, rows, cols});
  if (!withlabel) return std::make_shared<TupleDataset>(std::vector<Tensor>{images});

  std::string labels_path = find_file(dir, split + "-labels-idx1-ubyte", hint);
  Tensor labels = read_idx_labels(labels_path);
  if (labels.shape() != Shape{n})
    throw FormatError(labels_path + ": labels have shape " + shape_to_string(labels.shape()) + " for " +
                      std::to_string(n) + " images in " + images_path);
  return std::make_shared<TupleDataset>(std::vector<Tensor>{images, labels});
}

TrainTest load(const char* what, const std::string& dir, bool withlabel, int ndim, double scale, const char* hint) {
  if (ndim != 1 && ndim != 2 && ndim != 3)
    throw ValueError(std::string(what) + ": ndim must be 1, 2 or 3, got " + std::to_string(ndim));
  return {load_split(dir, "train", withlabel, ndim, scale, hint), load_split(dir, "t10k", withlabel, ndim, scale, hint)};
}

}  // namespace

TrainTest get_fashion_mnist(const std::string& dir, bool withlabel, int ndim, double scale) {
  return load("get_fashion_mnist", dir, withlabel, ndim, scale, " (install it: apt install dataset-fashion-mnist)");
}

TrainTest get_mnist(const std::string& dir, bool withlabel, int ndim, double scale) {
  return load("get_mnist", dir, withlabel, ndim, scale, " (download MNIST's four IDX files into that directory)");
}

}  // namespace kusari::datasets
