// The model and its file: shapes, the key/value cache, save/load
// round-trip, and clear errors for missing, truncated, foreign, other-version
// and mismatched files.
#include "catch_torch.hpp"

#include <filesystem>
#include <fstream>

#include "common.hpp"
#include "neural/model.hpp"
#include "neural/tensor_file.hpp"

using namespace pappus;
using namespace pappus::neural;

namespace {

torch::Tensor some_tokens(const Model& m) {
  return torch::tensor(std::vector<std::int64_t>{Vocab::kBosId, m.vocab.point(0), m.vocab.point(1), m.vocab.id("="),
                                                 m.vocab.id("segment"), m.vocab.point(0), m.vocab.point(1),
                                                 Vocab::kSepId},
                       torch::kLong)
      .unsqueeze(0);
}

std::string error_of(const std::string& path) {
  auto m = load_model(path);
  REQUIRE_FALSE(m.ok());
  return m.error().to_string();
}

}  // namespace

TEST_CASE("model: logits have the vocabulary's width; the cache gives the same logits") {
  Model m = test::tiny_model();
  torch::NoGradGuard no_grad;
  const auto tokens = some_tokens(m);
  const auto full = m.net->forward(tokens);  // [1, 8, V]
  CHECK(full.sizes() == torch::IntArrayRef({1, 8, m.vocab.size()}));
  KvCache cache;
  auto first = m.net->forward(tokens.slice(1, 0, 5), &cache);
  auto rest = m.net->forward(tokens.slice(1, 5, 8), &cache);
  CHECK(torch::allclose(torch::cat({first, rest}, 1), full, 1e-4, 1e-5));
  CHECK(cache.length() == 8);
}

TEST_CASE("model file: save then load gives identical outputs") {
  Model m = test::tiny_model(7);
  const std::string path = "neural_roundtrip.safetensors";
  REQUIRE_FALSE(save_model(path, m).has_value());
  auto back = load_model(path);
  REQUIRE(back.ok());
  CHECK(back->config.to_json() == m.config.to_json());
  CHECK(back->vocab.tokens() == m.vocab.tokens());
  torch::NoGradGuard no_grad;
  CHECK(torch::equal(back->net->forward(some_tokens(m)), m.net->forward(some_tokens(m))));
  // A directory holding model.safetensors loads too.
  std::filesystem::create_directories("neural_model_dir");
  std::filesystem::copy_file(path, "neural_model_dir/model.safetensors",
                             std::filesystem::copy_options::overwrite_existing);
  CHECK(load_model("neural_model_dir").ok());
}

TEST_CASE("model file: the shipped model loads, and written back is the same file byte for byte") {
  const std::string shipped = PAPPUS_SOURCE_DIR "/models/proposer/model.safetensors";
  REQUIRE(load_model(shipped).ok());
  auto file = read_tensor_file(shipped);
  REQUIRE(file.ok());
  const std::string copy = "neural_shipped_copy.safetensors";
  REQUIRE_FALSE(write_tensor_file(copy, *file).has_value());
  const auto bytes = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  CHECK(bytes(copy) == bytes(shipped));
}

TEST_CASE("model file: bad files are errors, never crashes") {
  Model m = test::tiny_model();
  const std::string good = "neural_good.safetensors";
  REQUIRE_FALSE(save_model(good, m).has_value());
  std::ifstream in(good, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  SECTION("missing") { CHECK(error_of("/nonexistent/model.safetensors").find("cannot open") != std::string::npos); }
  SECTION("truncated at every kind of place") {
    for (std::size_t keep : {std::size_t{0}, std::size_t{5}, std::size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
      std::ofstream("neural_cut.safetensors", std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(keep));
      INFO("kept " << keep << " bytes");
      CHECK(error_of("neural_cut.safetensors").find("truncated") != std::string::npos);
    }
  }
  SECTION("not a tensor file") {
    std::ofstream("neural_text.safetensors") << "this is not a model file, just some text";
    CHECK_FALSE(load_model("neural_text.safetensors").ok());
  }
  SECTION("a header that is not JSON") {
    const std::string header = "{\"__metadata__\": {\"format\": pappus}}";
    const std::uint64_t n = header.size();
    std::ofstream out("neural_badjson.safetensors", std::ios::binary);
    out.write(reinterpret_cast<const char*>(&n), 8).write(header.data(), static_cast<std::streamsize>(n));
    out.close();
    CHECK(error_of("neural_badjson.safetensors").find("the header is not valid JSON") != std::string::npos);
  }
  SECTION("another format, another version") {
    auto file = read_tensor_file(good).value();
    file.metadata["format"] = "something-else";
    REQUIRE_FALSE(write_tensor_file("neural_other.safetensors", file).has_value());
    CHECK(error_of("neural_other.safetensors").find("not a pappus proposer model") != std::string::npos);
    file.metadata["format"] = kModelFormat;
    file.metadata["version"] = "99";
    REQUIRE_FALSE(write_tensor_file("neural_other.safetensors", file).has_value());
    CHECK(error_of("neural_other.safetensors").find("version 99") != std::string::npos);
  }
  SECTION("tensors that do not fit the configuration") {
    auto file = read_tensor_file(good).value();
    ModelConfig wider = m.config;
    wider.dim = 64;
    file.metadata["config"] = wider.to_json();
    REQUIRE_FALSE(write_tensor_file("neural_shape.safetensors", file).has_value());
    CHECK(error_of("neural_shape.safetensors").find("shape") != std::string::npos);
    file = read_tensor_file(good).value();
    file.tensors.pop_back();
    REQUIRE_FALSE(write_tensor_file("neural_shape.safetensors", file).has_value());
    CHECK(error_of("neural_shape.safetensors").find("lacks tensor") != std::string::npos);
  }
}
