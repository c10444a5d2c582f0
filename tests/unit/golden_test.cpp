// The printed text of several proofs, compared with files under
// tests/golden/. To accept a deliberate change of wording, run the tests with
// PAPPUS_UPDATE_GOLDEN=1 and review the diff of those files.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "engine/engine.hpp"
#include "problem/parser.hpp"
#include "proof/checker.hpp"
#include "proof/proof.hpp"
#include "proof/text.hpp"

using namespace pappus;

namespace {

std::string proof_text(const std::string& name) {
  auto cat = dsl::load_default_catalogue();
  auto rules = engine::load_default_rules();
  REQUIRE(cat.ok());
  REQUIRE(rules.ok());
  auto records = read_problem_file(PAPPUS_EXAMPLES_DIR "/examples.txt", *cat);
  REQUIRE(records.ok());
  for (const auto& r : *records) {
    if (r.name != name) continue;
    REQUIRE(r.problem.ok());
    auto d = build_diagram(*r.problem, *cat);
    REQUIRE(d.ok());
    engine::Engine eng(*r.problem, *d, *cat, *rules);
    REQUIRE(eng.run() == engine::StopReason::Proved);
    const proof::Proof pr = proof::extract(eng);
    REQUIRE(proof::check(pr, *r.problem, *cat, *rules).ok);
    return proof::to_text(pr, *r.problem, *d);
  }
  FAIL("no example named " << name);
  return "";
}

}  // namespace

TEST_CASE("printed proofs match their golden files", "[proof][golden]") {
  for (const char* name : {"orthocenter_concurrent", "midline_parallel", "inscribed_angles_equal",
                           "thales_right_angle", "parallelogram_diagonals_bisect"}) {
    INFO(name);
    const std::string path = std::string(PAPPUS_GOLDEN_DIR) + "/" + name + ".txt";
    const std::string text = proof_text(name);
    if (const char* update = std::getenv("PAPPUS_UPDATE_GOLDEN"); update && std::string(update) == "1") {
      std::ofstream(path, std::ios::binary) << text;
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::stringstream golden;
    golden << in.rdbuf();
    CHECK(text == golden.str());
  }
}
