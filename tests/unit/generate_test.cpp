// The dataset generator: reproducible output, shards that merge into one
// run, and examples that stand up to independent verification.
#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "diagram/diagram.hpp"
#include "dsl/catalogue.hpp"
#include "engine/engine.hpp"
#include "generate/generate.hpp"
#include "problem/parser.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"

using namespace pappus;

namespace {

using test::data;

generate::GenerateOptions small(std::uint64_t seed, std::int64_t figures) {
  generate::GenerateOptions o;
  o.seed = seed;
  o.figures = figures;
  o.min_points = 7;
  o.max_points = 9;
  o.max_candidates = 60;
  return o;
}

std::vector<generate::Example> run_all(const generate::GenerateOptions& o) {
  std::unordered_set<std::string> seen;
  std::vector<generate::Example> out;
  generate::run(o, data().catalogue, data().rules, seen, [&](const generate::Example& e) { out.push_back(e); });
  return out;
}

std::string lines(const std::vector<generate::Example>& v) {
  std::string s;
  for (const auto& e : v) s += e.json() + "\n";
  return s;
}

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& name, const std::string& text)
      : path((std::filesystem::temp_directory_path() / ("pappus_test_" + name)).string()) {
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() { std::remove(path.c_str()); }
};

// Parses, proves (with its auxiliary clauses) and checks one example; and
// for an auxiliary example, DDAR must fail without them.
void verify(const generate::Example& e) {
  const auto& [cat, rules] = data();
  INFO(e.json());
  std::string text = e.premises;
  if (!e.aux.empty()) {
    text += " | ";
    for (std::size_t i = 0; i < e.aux.size(); ++i) text += (i ? "; " : "") + e.aux[i];
  }
  auto problem = parse_problem(text + " ? " + e.goal, cat);
  REQUIRE(problem.ok());
  DiagramOptions dopt;
  dopt.seed = 99;
  dopt.include_auxiliary = true;
  auto diagram = build_diagram(*problem, cat, dopt);
  REQUIRE(diagram.ok());
  REQUIRE(diagram->all_goals_hold());
  engine::EngineOptions eo;
  eo.include_auxiliary = true;
  engine::Engine eng(*problem, *diagram, cat, rules, eo);
  REQUIRE(eng.run() == engine::StopReason::Proved);
  const auto pf = proof::extract(eng);
  const auto checked = proof::check(pf, *problem, cat, rules);
  INFO(checked.message);
  CHECK(checked.ok);
  if (e.aux.empty()) return;
  auto bare = parse_problem(e.premises + " ? " + e.goal, cat);
  REQUIRE(bare.ok());
  DiagramOptions bopt;
  bopt.seed = 99;
  auto bare_diagram = build_diagram(*bare, cat, bopt);
  REQUIRE(bare_diagram.ok());
  engine::Engine without(*bare, *bare_diagram, cat, rules);
  CHECK(without.run() == engine::StopReason::Saturated);
}

}  // namespace

TEST_CASE("the same seed gives the same dataset, whatever the thread count", "[generate]") {
  auto o = small(5, 6);
  const auto one = run_all(o);
  REQUIRE(one.size() > 20);
  o.threads = 2;
  const auto two = run_all(o);
  CHECK(lines(one) == lines(two));
  o.seed = 6;
  CHECK(lines(run_all(o)) != lines(one));
}

TEST_CASE("shards merged equal one run", "[generate]") {
  auto o = small(11, 6);
  const std::string single = lines(run_all(o));
  o.shards = 3;
  std::vector<std::unique_ptr<TempFile>> files;
  std::vector<std::string> paths;
  for (int k = 0; k < 3; ++k) {
    o.shard = k;
    files.push_back(std::make_unique<TempFile>("shard" + std::to_string(k), lines(run_all(o))));
    paths.push_back(files.back()->path);
  }
  // Shards given in any order, one of them twice: duplicates go.
  std::swap(paths[0], paths[2]);
  paths.push_back(paths[1]);
  std::int64_t duplicates = 0;
  auto merged = generate::merge(paths, &duplicates);
  REQUIRE(merged.ok());
  std::string text;
  for (const auto& l : *merged) text += l + "\n";
  CHECK(text == single);
  CHECK(duplicates > 0);
}

TEST_CASE("emitted examples verify independently: parse, prove, check; auxiliary ones need their points",
          "[generate]") {
  auto o = small(5, 8);  // a seed whose figures have auxiliary theorems
  o.aux_ratio = 0.3;
  const auto examples = run_all(o);
  REQUIRE(!examples.empty());
  int aux = 0, plain = 0;
  std::unordered_set<std::string> ids;
  for (const auto& e : examples) {
    CHECK(ids.insert(e.id).second);  // no duplicate in a run
    CHECK(e.proof_steps >= 2);       // nothing that restates a premise in one step
    if (!e.aux.empty() && aux < 8) {
      verify(e);
      ++aux;
    } else if (e.aux.empty() && plain < 8) {
      verify(e);
      ++plain;
    }
  }
  CHECK(aux > 0);
  CHECK(plain > 0);
}

TEST_CASE("appending skips what the file already has", "[generate]") {
  auto o = small(5, 3);
  std::unordered_set<std::string> seen;
  int first = 0, second = 0;
  generate::run(o, data().catalogue, data().rules, seen, [&](const generate::Example&) { ++first; });
  auto stats = generate::run(o, data().catalogue, data().rules, seen, [&](const generate::Example&) { ++second; });
  CHECK(first > 0);
  CHECK(second == 0);
  CHECK(stats.duplicates == first);
}

TEST_CASE("dataset files: bad records and options are errors; a summary counts", "[generate]") {
  CHECK(!generate::record_key("").ok());
  CHECK(!generate::record_key("{\"id\": \"12\", \"figure\": 1, \"seq\": 0}").ok());
  CHECK(!generate::record_key("not json").ok());
  CHECK(generate::record_key("{\"id\": \"0123456789abcdef\", \"figure\": 4, \"seq\": 2}").ok());
  CHECK(generate::record_key("{\"id\":\"0123456789abcdef\",\"figure\":4,\"seq\":2}").ok());
  CHECK(!generate::record_key("{\"id\": \"0123456789abcdef\", \"figure\": \"4\", \"seq\": 2}").ok());
  TempFile bad("bad.jsonl", "{\"id\": \"0123456789abcdef\", \"figure\": 4}\n");
  auto merged = generate::merge({bad.path});
  REQUIRE(!merged.ok());
  CHECK(merged.error().message.find(":1:") != std::string::npos);
  // Not JSON: the line (blank lines counted) and the column.
  TempFile broken("broken.jsonl", "{\"id\": \"0123456789abcdef\", \"figure\": 4, \"seq\": 2}\n\n{\"id\": \"01\n");
  merged = generate::merge({broken.path});
  REQUIRE(!merged.ok());
  CHECK(merged.error().message.find(broken.path + ":3:11: not valid JSON") != std::string::npos);
  CHECK(!generate::merge({"/nonexistent/shard.jsonl"}).ok());

  auto o = small(1, 1);
  o.mix = "midpoint=2,no_such_construction=1";
  auto bad_mix = generate::check_options(o, data().catalogue);
  REQUIRE(bad_mix);
  CHECK(bad_mix->message.find("no_such_construction") != std::string::npos);
  o.mix = "s_angle=1";
  CHECK(generate::check_options(o, data().catalogue));
  o.mix = "midpoint=x";
  CHECK(generate::check_options(o, data().catalogue));

  const auto examples = run_all(small(5, 2));
  REQUIRE(!examples.empty());
  TempFile file("stats.jsonl", lines(examples));
  auto summary = generate::summarize(file.path);
  REQUIRE(summary.ok());
  CHECK(summary->find("examples        " + std::to_string(examples.size())) != std::string::npos);
  CHECK(summary->find("proof steps") != std::string::npos);
}
