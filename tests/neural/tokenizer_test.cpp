// Tokenizer and serialisation: splitting and joining, canonical names,
// the shipped vocabulary, encoding of training pairs.
#include "catch_torch.hpp"

#include <fstream>
#include <sstream>

#include "common.hpp"
#include "neural/tokenizer.hpp"

using namespace pappus;
using namespace pappus::neural;

TEST_CASE("tokens: split and join round-trip every fixture prompt and target") {
  int n = 0;
  for (const Record& r : test::fixture())
    for (const Example& e : r.pairs) {
      CHECK(join_tokens(split_tokens(e.prompt)) == e.prompt);
      CHECK(join_tokens(split_tokens(e.target)) == e.target);
      ++n;
    }
  CHECK(n >= 30);
}

TEST_CASE("tokens: punctuation is spaced out") {
  const std::vector<std::string> expected{"x", "=", "on_line", "x", "a", "b", ",", "on_line", "x", "c", "d",
                                          ";", "y", "=",       "free", "y", "?", "coll",    "x", "y", "a"};
  CHECK(split_tokens("x = on_line x a b,on_line x c d;y=free y?coll x y a") == expected);
}

TEST_CASE("canonical names: points renamed in order of first appearance, keywords and numbers kept apart") {
  const Canonical c = canonicalise(
      split_tokens("p q r = triangle p q r; m = midpoint m q r; x = s_angle q r x 30 ? aconst m p q r 1pi/3"));
  CHECK(join_tokens(c.tokens) ==
        "a b c = triangle a b c; d = midpoint d b c; e = s_angle b c e <num> ? aconst d a b c <num>");
  const std::vector<std::string> names{"p", "q", "r", "m", "x"};
  CHECK(c.original == names);
  // A point named like a construction is still a point where it stands.
  const Canonical odd = canonicalise(split_tokens("free midpoint = segment free midpoint ? cong free midpoint free midpoint"));
  CHECK(join_tokens(odd.tokens) == "a b = segment a b ? cong a b a b");
  // Known names come first; a target continues the prompt's names.
  const Canonical t = canonicalise(split_tokens("n = foot n m q r"), c.original);
  CHECK(join_tokens(t.tokens) == "f = foot f d b c");
  CHECK(canonical_point_name(0) == "a");
  CHECK(canonical_point_name(25) == "z");
  CHECK(canonical_point_name(26) == "a1");
  CHECK(canonical_point_name(103) == "z3");
}

TEST_CASE("prompt format 2: derived facts after the goal, their predicates kept as names") {
  const std::string v2 = "p q r = triangle p q r; m = midpoint m q r ? perp p m q r | cong m q m r; coll q m r";
  const Canonical c = canonicalise(split_tokens(v2));
  CHECK(join_tokens(c.tokens) ==
        "a b c = triangle a b c; d = midpoint d b c ? perp a d b c | cong d b d c; coll b d c");
  CHECK(c.original == std::vector<std::string>{"p", "q", "r", "m"});
  CHECK(prompt_problem(v2) == "p q r = triangle p q r; m = midpoint m q r ? perp p m q r");
  CHECK(prompt_fact_count(v2) == 2);
  // Version 1: the whole prompt is the problem; a '|' before the goal
  // (the Newclid dialect's auxiliary clauses) is not a facts list.
  const std::string v1 = "a b c = triangle a b c | d = midpoint d b c ? perp a d b c";
  CHECK(prompt_problem(v1) == v1);
  CHECK(prompt_fact_count(v1) == 0);
  CHECK(prompt_fact_count("a b = segment a b ? cong a b a b | ") == 0);
}

TEST_CASE("vocabulary: models/vocab.txt is the catalogue's vocabulary and round-trips") {
  const Vocab built = Vocab::build(test::catalogue());
  auto shipped = Vocab::load(PAPPUS_SOURCE_DIR "/models/vocab.txt");
  REQUIRE(shipped.ok());
  INFO("regenerate with: build/pappus train --print-vocab > models/vocab.txt");
  CHECK(shipped->tokens() == built.tokens());
  auto again = Vocab::parse(built.to_text(), "x");
  REQUIRE(again.ok());
  CHECK(again->tokens() == built.tokens());
  for (int i = 0; i < built.size(); ++i) CHECK(built.id(built.token(i)) == i);
  CHECK(built.id("no_such_token") == Vocab::kUnkId);
  CHECK(built.point_index(built.point(7)) == 7);
}

TEST_CASE("vocabulary: malformed files are errors with a line") {
  auto no_specials = Vocab::parse("a\nb\n", "v.txt");
  REQUIRE_FALSE(no_specials.ok());
  CHECK(no_specials.error().to_string().find("<pad>") != std::string::npos);
  auto twice = Vocab::parse("<pad>\n<bos>\n<sep>\n<eos>\n<unk>\n<num>\n;\n;\n", "v.txt");
  REQUIRE_FALSE(twice.ok());
  CHECK(twice.error().loc.line == 8);
  CHECK_FALSE(Vocab::load("/nonexistent/vocab.txt").ok());
}

TEST_CASE("encoding: fixture pairs have no unknown tokens and a target after <sep>") {
  const Vocab vocab = Vocab::build(test::catalogue());
  for (const Record& r : test::fixture())
    for (const Example& e : r.pairs) {
      const EncodedPair p = encode_pair(e.prompt, e.target, vocab);
      INFO(e.prompt << " => " << e.target);
      CHECK(std::count(p.ids.begin(), p.ids.end(), Vocab::kUnkId) == 0);
      CHECK(p.ids.front() == Vocab::kBosId);
      CHECK(p.ids[p.target_start - 1] == Vocab::kSepId);
      CHECK(p.ids.back() == Vocab::kEosId);
      // The target's new point is the next canonical point.
      CHECK(p.ids[p.target_start] == vocab.point(p.points));
    }
}

TEST_CASE("dataset: a malformed line is an error at file:line") {
  const std::string path = "neural_bad_dataset.jsonl";
  {
    std::ofstream out(path);
    out << R"({"id":"1","train":[{"prompt":"a b c = triangle a b c ? coll a b c","target":"d = midpoint d a b"}]})" << "\n";
    out << R"({"id":"2","train":[{"prompt":"x"}]})" << "\n";
  }
  auto d = read_dataset(path);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().loc.line == 2);
  CHECK(d.error().file == path);
  // A line that is not JSON at all: the line and the column where reading stopped.
  std::ofstream(path) << R"({"id": "1", "train": []})" << "\n\n" << R"({"id": "2", "train": [}])" << "\n";
  d = read_dataset(path);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().loc.line == 3);
  CHECK(d.error().loc.column == 23);
  CHECK(d.error().message.find("not valid JSON") != std::string::npos);
}
