#include "generate/pairs.hpp"

#include <algorithm>
#include <fstream>

#include "util/json.hpp"

namespace pappus::generate {

Expected<std::vector<PairRecord>> read_dataset(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    Error e;
    e.message = "cannot open dataset";
    e.file = path;
    return e;
  }
  std::vector<PairRecord> out;
  std::string line;
  int number = 0;
  const std::string hint = "each line is a JSON object with \"train\": [{\"prompt\": ..., \"target\": ...}, ...]";
  auto fail = [&](std::string message) {
    Error e;
    e.message = std::move(message);
    e.file = path;
    e.loc = {number, 1};
    e.hint = hint;
    return e;
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto json = util::parse_json(line, path, number);
    if (!json) {
      Error e = json.error();
      e.hint = hint;
      return e;
    }
    if (!json->is_object()) return fail("a dataset line is not a JSON object");
    PairRecord r;
    if (const auto id = json->find("id"); id != json->end() && id->is_string()) r.id = id->get<std::string>();
    if (const auto figure = json->find("figure"); figure != json->end() && figure->is_number_integer())
      r.figure = figure->get<std::int64_t>();
    const auto pairs = json->find("train");
    if (pairs == json->end() || !pairs->is_array()) return fail("a dataset line lacks its \"train\" array");
    for (const util::Json& p : *pairs) {
      const auto prompt = p.find("prompt");
      const auto target = p.find("target");
      if (prompt == p.end() || target == p.end() || !prompt->is_string() || !target->is_string())
        return fail("a \"train\" entry lacks a \"prompt\" or \"target\" string");
      r.pairs.push_back({prompt->get<std::string>(), target->get<std::string>()});
    }
    out.push_back(std::move(r));
  }
  return out;
}

namespace {

// Where the facts of a version 2 prompt start (its '|' after the '?'), or npos.
std::size_t facts_bar(std::string_view prompt) {
  const std::size_t goal = prompt.find('?');
  return goal == std::string_view::npos ? goal : prompt.find('|', goal);
}

}  // namespace

std::string_view prompt_problem(std::string_view prompt) {
  std::string_view out = prompt.substr(0, facts_bar(prompt));
  while (!out.empty() && out.back() == ' ') out.remove_suffix(1);
  return out;
}

int prompt_fact_count(std::string_view prompt) {
  const std::size_t bar = facts_bar(prompt);
  if (bar == std::string_view::npos) return 0;
  const std::string_view facts = prompt.substr(bar + 1);
  if (facts.find_first_not_of(" ;") == std::string_view::npos) return 0;
  return 1 + static_cast<int>(std::count(facts.begin(), facts.end(), ';'));
}

}  // namespace pappus::generate
