// Tensor files in the safetensors layout, written and read without
// libtorch's own serialisation so that a file outlives the libtorch version:
//   8 bytes    N, the header length, unsigned little-endian
//   N bytes    JSON header: {"__metadata__": {string: string, ...},
//              "NAME": {"dtype": "F32", "shape": [..], "data_offsets": [B, E]}, ...}
//   the rest   raw little-endian float32 data; tensor NAME is bytes B..E
// Only F32 tensors are written or read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>

#include "pappus/error.hpp"

namespace pappus::neural {

struct TensorFile {
  std::map<std::string, std::string> metadata;                 // "__metadata__"
  std::vector<std::pair<std::string, torch::Tensor>> tensors;  // in file order
};

// Writes atomically (a temporary file renamed over `path`). nullopt on
// success.
std::optional<Error> write_tensor_file(const std::string& path, const TensorFile& file);
// Reads and checks the layout: a missing file, a short or oversized header,
// a header that is not JSON, an unknown dtype, offsets outside the data or a
// size that does not match the shape are errors naming the file.
Expected<TensorFile> read_tensor_file(const std::string& path);

}  // namespace pappus::neural
