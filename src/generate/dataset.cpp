// Dataset files: writing and reading back JSON Lines records, merging
// shards, and summaries for people.
#include <fmt/core.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <unordered_set>
#include <tuple>

#include "engine/relevant.hpp"
#include "generate/generate.hpp"
#include "util/json.hpp"

namespace pappus::generate {

namespace {

// An error with a message only (no file location).
Error failure(std::string message) {
  Error e;
  e.message = std::move(message);
  return e;
}

// `e` (about one line of a file) placed at line `line` of `path`, in its
// message: "path:line:column: ...".
Error located(const std::string& path, std::size_t line, const Error& e) {
  return failure(e.loc.column > 0 ? fmt::format("{}:{}:{}: {}", path, line, e.loc.column, e.message)
                                  : fmt::format("{}:{}: {}", path, line, e.message));
}

// A member of a JSON object that is an integer, or nullptr.
const util::Json* int_member(const util::Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? &*it : nullptr;
}

// The fields merging needs, from a parsed record.
std::optional<RecordKey> key_of(const util::Json& record) {
  if (!record.is_object()) return std::nullopt;
  const auto id = record.find("id");
  const util::Json* figure = int_member(record, "figure");
  const util::Json* seq = int_member(record, "seq");
  if (id == record.end() || !id->is_string() || id->get_ref<const std::string&>().size() != 16 || !figure || !seq)
    return std::nullopt;
  return RecordKey{id->get<std::string>(), figure->get<std::int64_t>(), seq->get<int>()};
}

struct Line {
  std::size_t number;  // 1-based, in its file
  std::string text;
};

// The lines of a file that are not empty.
Expected<std::vector<Line>> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) return failure(fmt::format("cannot read dataset '{}'", path));
  std::vector<Line> lines;
  std::size_t number = 0;
  for (std::string text; std::getline(in, text);) {
    ++number;
    if (!text.empty()) lines.push_back({number, std::move(text)});
  }
  return lines;
}

std::string bar(std::int64_t n, std::int64_t max, int width = 40) {
  const int k = max > 0 ? static_cast<int>((n * width + max - 1) / max) : 0;
  return std::string(static_cast<std::size_t>(k), '#');
}

}  // namespace

std::string Example::prompt(const std::string& clauses) const {
  return engine::with_facts(clauses + " ? " + goal, facts);
}

std::string Example::json() const {
  util::Json pairs = util::Json::array();
  std::string clauses = premises;
  for (const std::string& clause : aux) {
    pairs.push_back({{"prompt", prompt(clauses)}, {"target", clause}});
    clauses += "; " + clause;
  }
  const util::Json stats = {
      {"points", points}, {"aux_points", aux.size()}, {"proof_steps", proof_steps}, {"rules", rules}};
  util::Json record = {{"id", id},
                       {"figure", figure},
                       {"seq", seq},
                       {"problem", problem()},
                       {"premises", premises},
                       {"goal", goal},
                       {"aux", aux},
                       {"train", std::move(pairs)},
                       {"stats", stats},
                       {"proof", proof}};
  if (!facts.empty()) record["facts"] = facts;
  return util::dump_json(record);
}

Expected<RecordKey> record_key(std::string_view line) {
  const auto record = util::parse_json(line);
  if (!record) return record.error();
  auto key = key_of(*record);
  if (!key)
    return failure("not a pappus dataset record (expected {\"id\": \"<16 hex digits>\", \"figure\": N, \"seq\": N, ...})");
  return *key;
}

Expected<std::vector<std::string>> merge(const std::vector<std::string>& paths, std::int64_t* duplicates) {
  struct Row {
    RecordKey key;
    std::string line;
  };
  std::vector<Row> rows;
  for (const auto& path : paths) {
    auto lines = read_lines(path);
    if (!lines) return lines.error();
    for (Line& line : *lines) {
      auto key = record_key(line.text);
      if (!key) return located(path, line.number, key.error());
      rows.push_back({std::move(*key), std::move(line.text)});
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.key.figure, a.key.seq) < std::tie(b.key.figure, b.key.seq);
  });
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  std::int64_t dropped = 0;
  for (auto& r : rows) {
    if (seen.insert(r.key.id).second) out.push_back(std::move(r.line));
    else ++dropped;
  }
  if (duplicates) *duplicates = dropped;
  return out;
}

Expected<std::string> summarize(const std::string& path) {
  auto lines = read_lines(path);
  if (!lines) return lines.error();
  std::int64_t n = 0, aux = 0;
  std::map<std::int64_t, std::int64_t> steps, points;
  std::map<std::string, std::int64_t> goals, rules, aux_kinds;
  std::map<std::int64_t, std::int64_t> per_figure;  // figure -> examples
  for (const Line& line : *lines) {
    const auto record = util::parse_json(line.text);
    if (!record) return located(path, line.number, record.error());
    const auto key = key_of(*record);
    const auto stats = record->find("stats");
    const auto goal = record->find("goal");
    if (!key || stats == record->end() || !stats->is_object() || goal == record->end() || !goal->is_string() ||
        !int_member(*stats, "proof_steps") || !int_member(*stats, "points") || !int_member(*stats, "aux_points"))
      return failure(fmt::format("{}:{}: not a pappus dataset record", path, line.number));
    ++n;
    aux += (*stats)["aux_points"].get<std::int64_t>() > 0;
    ++per_figure[key->figure];
    ++steps[(*stats)["proof_steps"].get<std::int64_t>()];
    ++points[(*stats)["points"].get<std::int64_t>()];
    const auto premises = record->find("premises");
    ++goals[goal_form(premises != record->end() && premises->is_string() ? premises->get_ref<const std::string&>() : "",
                      goal->get_ref<const std::string&>())];
    // The constructions of the auxiliary clauses ("e = foot e a b c, ..."):
    // each construction of a clause counts once.
    if (const auto clauses = record->find("aux"); clauses != record->end() && clauses->is_array())
      for (const auto& clause : *clauses) {
        if (!clause.is_string()) continue;
        std::string_view rest = clause.get_ref<const std::string&>();
        rest.remove_prefix(std::min(rest.size(), rest.find('=') + 1));
        while (!rest.empty()) {
          const auto comma = rest.find(',');
          std::string_view use = rest.substr(0, comma);
          rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
          while (!use.empty() && use.front() == ' ') use.remove_prefix(1);
          if (!use.empty()) ++aux_kinds[std::string(use.substr(0, use.find(' ')))];
        }
      }
    if (const auto used = stats->find("rules"); used != stats->end() && used->is_object())
      for (const auto& [name, count] : used->items())
        if (count.is_number_integer()) rules[name] += count.get<std::int64_t>();
  }
  auto share = [](std::int64_t k, std::int64_t total) {
    return total ? 100.0 * static_cast<double>(k) / static_cast<double>(total) : 0.0;
  };
  std::string out = fmt::format("dataset {}\n  examples        {}\n  figures         {}\n", path, n, per_figure.size());
  out += fmt::format("  per figure      {:.1f}\n",
                     per_figure.empty() ? 0.0 : static_cast<double>(n) / static_cast<double>(per_figure.size()));
  out += fmt::format("  auxiliary       {} ({:.1f}%)\n", aux, share(aux, n));
  auto histogram = [&](const char* title, const std::map<std::int64_t, std::int64_t>& h,
                       const std::vector<std::int64_t>& edges) {
    out += fmt::format("\n{}\n", title);
    std::vector<std::pair<std::string, std::int64_t>> bins;
    for (std::size_t b = 0; b < edges.size(); ++b) {
      const std::int64_t lo = edges[b], hi = b + 1 < edges.size() ? edges[b + 1] - 1 : INT64_MAX;
      std::int64_t c = 0;
      for (auto [k, v] : h)
        if (k >= lo && k <= hi) c += v;
      const std::string label = hi == INT64_MAX ? fmt::format("{}+", lo) : lo == hi ? fmt::format("{}", lo) : fmt::format("{}-{}", lo, hi);
      bins.emplace_back(label, c);
    }
    std::int64_t max = 0;
    for (auto& [l, c] : bins) max = std::max(max, c);
    for (auto& [l, c] : bins) out += fmt::format("  {:>7} {:>9} {}\n", l, c, bar(c, max));
  };
  histogram("proof steps", steps, {0, 2, 3, 4, 5, 6, 8, 11, 16, 21, 31, 51});
  histogram("points", points, {0, 4, 5, 6, 7, 8, 9, 10, 12, 15});
  std::map<std::int64_t, std::int64_t> figure_sizes;  // examples of a figure -> figures
  for (auto [figure, k] : per_figure) ++figure_sizes[k];
  histogram("examples per figure (figures)", figure_sizes, {1, 2, 3, 4, 5, 6, 7, 9, 13, 21, 51, 201});
  auto ranked = [&](const char* title, const std::map<std::string, std::int64_t>& m, std::size_t top) {
    std::vector<std::pair<std::string, std::int64_t>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::int64_t total = 0;
    for (auto& [k, c] : v) total += c;
    out += fmt::format("\n{}\n", title);
    for (std::size_t i = 0; i < v.size() && i < top; ++i)
      out += fmt::format("  {:<22} {:>9} {:>5.1f}%\n", v[i].first, v[i].second, share(v[i].second, total));
  };
  ranked("goal predicates (concurrent: a coll through the meet of two lines)", goals, 20);
  ranked("auxiliary constructions (each construction of an auxiliary clause)", aux_kinds, 40);
  ranked("rules used (applications in proofs)", rules, 15);
  return out;
}

}  // namespace pappus::generate
