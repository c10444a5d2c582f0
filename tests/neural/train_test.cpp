// Training: a tiny model on the fixture for a few steps; its loss falls,
// its files load, a resumed run continues, and the same seed gives the same
// model.
#include "catch_torch.hpp"

#include <filesystem>

#include "common.hpp"
#include "neural/tensor_file.hpp"
#include "neural/train.hpp"

using namespace pappus;
using namespace pappus::neural;

using test::tiny_options;

TEST_CASE("training: a tiny model's loss falls in a few steps; files load; resume continues") {
  const Vocab vocab = Vocab::build(test::catalogue());
  const std::string dir = "neural_train_out";
  std::filesystem::remove_all(dir);
  std::vector<double> losses;
  auto result = train(test::fixture(), vocab, tiny_options(dir, 40), [&](const std::string& line) {
    if (auto at = line.find("loss "); at != std::string::npos && line.find("validation") == std::string::npos)
      losses.push_back(std::stod(line.substr(at + 5)));
  });
  REQUIRE(result.ok());
  REQUIRE(losses.size() >= 4);
  CHECK(losses.back() < 0.7 * losses.front());
  CHECK(result->val_examples > 0);
  CHECK(result->tokens_per_s > 0);
  auto model = load_model(dir);
  REQUIRE(model.ok());
  CHECK(std::filesystem::exists(dir + "/vocab.txt"));
  CHECK(std::filesystem::exists(dir + "/train.log"));

  // Resume to 50 steps: it starts at 40.
  neural::TrainOptions more = tiny_options(dir, 50);
  more.resume = true;
  std::vector<std::string> lines;
  auto resumed = train(test::fixture(), vocab, more, [&](const std::string& line) { lines.push_back(line); });
  REQUIRE(resumed.ok());
  CHECK(lines.front().find("at step 40") != std::string::npos);
  CHECK(read_tensor_file(dir + "/checkpoint.safetensors").value().metadata.at("step") == "50");

  // Fine-tuning: a new run from that model keeps its shape (not the
  // options') and starts near its loss, far below a fresh model's.
  const std::string tuned = "neural_train_init";
  std::filesystem::remove_all(tuned);
  neural::TrainOptions init = tiny_options(tuned, 20);
  init.init = dir;
  init.config.dim = 2 * init.config.dim;
  std::vector<double> tuned_losses;
  lines.clear();
  auto fine = train(test::fixture(), vocab, init, [&](const std::string& line) {
    lines.push_back(line);
    if (auto at = line.find("loss "); at != std::string::npos && line.find("validation") == std::string::npos)
      tuned_losses.push_back(std::stod(line.substr(at + 5)));
  });
  REQUIRE(fine.ok());
  CHECK(lines.front().find("starting from the model") != std::string::npos);
  REQUIRE_FALSE(tuned_losses.empty());
  CHECK(tuned_losses.front() < 0.7 * losses.front());
  CHECK(load_model(tuned).value().config.dim == model->config.dim);

  // --init and --resume together: an error.
  init.resume = true;
  auto both = train(test::fixture(), vocab, init, [](const std::string&) {});
  REQUIRE_FALSE(both.ok());
  CHECK(both.error().to_string().find("give one of them") != std::string::npos);
  std::filesystem::remove_all(tuned);
}

TEST_CASE("training: same data and seed give the same model") {
  const Vocab vocab = Vocab::build(test::catalogue());
  for (const char* dir : {"neural_det_a", "neural_det_b"}) {
    std::filesystem::remove_all(dir);
    REQUIRE(train(test::fixture(), vocab, tiny_options(dir, 10), [](const std::string&) {}).ok());
  }
  const auto a = read_tensor_file("neural_det_a/model.safetensors").value();
  const auto b = read_tensor_file("neural_det_b/model.safetensors").value();
  REQUIRE(a.tensors.size() == b.tensors.size());
  for (std::size_t i = 0; i < a.tensors.size(); ++i) CHECK(torch::equal(a.tensors[i].second, b.tensors[i].second));
}

TEST_CASE("training: resume without a checkpoint is an error") {
  const Vocab vocab = Vocab::build(test::catalogue());
  neural::TrainOptions o = tiny_options("neural_no_checkpoint", 5);
  std::filesystem::remove_all(o.out);
  o.resume = true;
  auto r = train(test::fixture(), vocab, o, [](const std::string&) {});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().to_string().find("cannot open") != std::string::npos);
}

TEST_CASE("training: the validation set holds whole figures") {
  // The fixture's 40 records (one figure, one pair each) spread over five
  // figures: one of 20 records, four of 5. A fifth of the figures is one
  // figure, so validation holds 20 or 5 pairs (a fifth of the records
  // would be 8).
  std::vector<Record> data = test::fixture();
  REQUIRE(data.size() == 40);
  for (std::size_t k = 0; k < data.size(); ++k) {
    REQUIRE(data[k].pairs.size() == 1);
    data[k].figure = k < 20 ? 0 : 1 + static_cast<std::int64_t>(k - 20) / 5;
  }
  neural::TrainOptions o = tiny_options("neural_split_figures", 1);
  o.val_fraction = 0.2;
  std::filesystem::remove_all(o.out);
  auto r = train(data, Vocab::build(test::catalogue()), o, [](const std::string&) {});
  REQUIRE(r.ok());
  CHECK((r->val_examples == 20 || r->val_examples == 5));
  CHECK(r->val_examples + r->train_examples == 40);
  // One figure: split by record, so that there is a validation set at all.
  auto one = train(test::fixture(), Vocab::build(test::catalogue()), o, [](const std::string&) {});
  REQUIRE(one.ok());
  CHECK(one->val_examples == 8);
  std::filesystem::remove_all(o.out);
}
