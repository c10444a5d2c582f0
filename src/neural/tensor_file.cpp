#include "neural/tensor_file.hpp"

#include <bit>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "util/json.hpp"

namespace pappus::neural {

static_assert(std::endian::native == std::endian::little, "tensor files are read and written on little-endian hosts");

namespace {

constexpr std::uint64_t kMaxHeader = 100u << 20;  // a header beyond 100 MB is not a header

Error file_error(const std::string& path, std::string message, std::string hint = "") {
  Error e;
  e.message = std::move(message);
  e.file = path;
  e.hint = std::move(hint);
  return e;
}

}  // namespace

std::optional<Error> write_tensor_file(const std::string& path, const TensorFile& file) {
  util::Json json = {{"__metadata__", file.metadata}};
  std::uint64_t offset = 0;
  std::vector<torch::Tensor> data;
  for (const auto& [name, tensor] : file.tensors) {
    torch::Tensor t = tensor.detach().to(torch::kCPU, torch::kFloat32).contiguous();
    const std::uint64_t bytes = static_cast<std::uint64_t>(t.numel()) * sizeof(float);
    json[name] = {{"dtype", "F32"}, {"shape", t.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
    data.push_back(t);
  }
  std::string header = util::dump_json(json);
  while (header.size() % 8 != 0) header += ' ';  // data starts 8-byte aligned
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return file_error(tmp, "cannot write tensor file");
    const std::uint64_t n = header.size();
    out.write(reinterpret_cast<const char*>(&n), 8);
    out.write(header.data(), static_cast<std::streamsize>(header.size()));
    for (const torch::Tensor& t : data)
      out.write(reinterpret_cast<const char*>(t.data_ptr<float>()), static_cast<std::streamsize>(t.numel() * 4));
    if (!out.flush()) return file_error(tmp, "cannot write tensor file (disk full?)");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return file_error(path, "cannot move the written tensor file into place: " + ec.message());
  return std::nullopt;
}

Expected<TensorFile> read_tensor_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return file_error(path, "cannot open model file", "check the path; 'pappus train' writes DIR/model.safetensors");
  const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  const std::string truncated = "the file is truncated or not a pappus tensor file";
  if (size < 8) return file_error(path, truncated + " (shorter than its 8-byte header length)");
  std::uint64_t n = 0;
  in.read(reinterpret_cast<char*>(&n), 8);
  if (n > kMaxHeader || n > size - 8)
    return file_error(path, truncated + " (header length " + std::to_string(n) + " does not fit in " +
                                std::to_string(size) + " bytes)");
  std::string header(n, '\0');
  in.read(header.data(), static_cast<std::streamsize>(n));
  auto json = util::parse_json(header, path);
  if (!json) return file_error(path, "the header is " + json.error().message, truncated);
  if (!json->is_object()) return file_error(path, "the header is not a JSON object");
  const std::uint64_t data_size = size - 8 - n;
  TensorFile out;
  struct Entry {
    std::string name;
    std::vector<std::int64_t> shape;
    std::uint64_t begin, end;
  };
  std::vector<Entry> entries;
  for (const auto& [key, value] : json->items()) {
    if (key == "__metadata__") {
      if (!value.is_object()) return file_error(path, "__metadata__ is not a JSON object");
      for (const auto& [mk, mv] : value.items()) {
        if (!mv.is_string()) return file_error(path, "metadata value '" + mk + "' is not a string");
        out.metadata[mk] = mv.get<std::string>();
      }
      continue;
    }
    const auto dtype = value.find("dtype");
    const auto shape = value.find("shape");
    const auto offsets = value.find("data_offsets");
    if (dtype == value.end() || shape == value.end() || offsets == value.end() || !dtype->is_string() ||
        !shape->is_array() || !offsets->is_array() || offsets->size() != 2)
      return file_error(path, "tensor '" + key + "' lacks dtype, shape or data_offsets");
    if (*dtype != "F32")
      return file_error(path, "tensor '" + key + "' has dtype " + dtype->get<std::string>() + "; only F32 is supported");
    Entry e{key, {}, 0, 0};
    std::uint64_t count = 1;
    for (const util::Json& d : *shape) {
      if (!d.is_number_unsigned() || d.get<std::uint64_t>() > 1'000'000'000)
        return file_error(path, "tensor '" + key + "' has a bad shape");
      e.shape.push_back(d.get<std::int64_t>());
      count *= d.get<std::uint64_t>();
    }
    for (const util::Json& o : *offsets)
      if (!o.is_number_unsigned()) return file_error(path, "tensor '" + key + "' has bad offsets");
    e.begin = (*offsets)[0].get<std::uint64_t>();
    e.end = (*offsets)[1].get<std::uint64_t>();
    if (e.end < e.begin || e.end - e.begin != count * 4)
      return file_error(path, "tensor '" + key + "': data_offsets do not match its shape");
    if (e.end > data_size)
      return file_error(path, truncated + " (tensor '" + key + "' ends at byte " + std::to_string(e.end) +
                                  " of " + std::to_string(data_size) + " data bytes)");
    entries.push_back(std::move(e));
  }
  std::vector<char> data(data_size);
  in.read(data.data(), static_cast<std::streamsize>(data_size));
  if (static_cast<std::uint64_t>(in.gcount()) != data_size) return file_error(path, "cannot read the tensor data");
  for (const Entry& e : entries) {
    torch::Tensor t = torch::empty(e.shape, torch::kFloat32);
    std::memcpy(t.data_ptr<float>(), data.data() + e.begin, e.end - e.begin);
    out.tensors.emplace_back(e.name, t);
  }
  return out;
}

}  // namespace pappus::neural
