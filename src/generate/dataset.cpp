// Dataset files: reading back the fields of our own JSON Lines records,
// merging shards, and summaries for people.
#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>
#include <tuple>

#include "generate/generate.hpp"

namespace pappus::generate {

namespace {

// An error with a message only (no file location).
Error failure(std::string message) {
  Error e;
  e.message = std::move(message);
  return e;
}

// The position just after `"key": ` in a record, or npos. Records are
// written by Example::json(), whose keys never occur inside its strings
// before their own field.
std::size_t after_key(std::string_view line, std::string_view key) {
  const std::string needle = fmt::format("\"{}\": ", key);
  const auto at = line.find(needle);
  return at == std::string_view::npos ? at : at + needle.size();
}

std::optional<std::int64_t> int_field(std::string_view line, std::string_view key) {
  const auto at = after_key(line, key);
  if (at == std::string_view::npos) return std::nullopt;
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(line.data() + at, line.data() + line.size(), v);
  if (ec != std::errc()) return std::nullopt;
  return v;
}

// A string field without escapes (ids, statements: our own ASCII text).
std::optional<std::string_view> string_field(std::string_view line, std::string_view key) {
  const auto at = after_key(line, key);
  if (at == std::string_view::npos || at >= line.size() || line[at] != '"') return std::nullopt;
  const auto end = line.find('"', at + 1);
  if (end == std::string_view::npos) return std::nullopt;
  return line.substr(at + 1, end - at - 1);
}

Expected<std::vector<std::string>> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) return failure(fmt::format("cannot read dataset '{}'", path));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

std::string bar(std::int64_t n, std::int64_t max, int width = 40) {
  const int k = max > 0 ? static_cast<int>((n * width + max - 1) / max) : 0;
  return std::string(static_cast<std::size_t>(k), '#');
}

}  // namespace

Expected<RecordKey> record_key(std::string_view line) {
  RecordKey k;
  const auto id = string_field(line, "id");
  const auto figure = int_field(line, "figure");
  const auto seq = int_field(line, "seq");
  if (line.empty() || line.front() != '{' || line.back() != '}' || !id || id->size() != 16 || !figure || !seq)
    return failure("not a pappus dataset record (expected {\"id\": \"<16 hex digits>\", \"figure\": N, \"seq\": N, ...})");
  k.id = std::string(*id);
  k.figure = *figure;
  k.seq = static_cast<int>(*seq);
  return k;
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
    for (std::size_t i = 0; i < lines->size(); ++i) {
      auto key = record_key((*lines)[i]);
      if (!key) return failure(fmt::format("{}:{}: {}", path, i + 1, key.error().message));
      rows.push_back({std::move(*key), std::move((*lines)[i])});
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
  std::map<std::string, std::int64_t> goals, rules;
  std::set<std::int64_t> figures;
  for (std::size_t i = 0; i < lines->size(); ++i) {
    const std::string& line = (*lines)[i];
    const auto key = record_key(line);
    const auto goal = string_field(line, "goal");
    const auto st = int_field(line, "proof_steps");
    const auto pts = int_field(line, "points");
    const auto ax = int_field(line, "aux_points");
    if (!key || !goal || !st || !pts || !ax) return failure(fmt::format("{}:{}: not a pappus dataset record", path, i + 1));
    ++n;
    aux += *ax > 0;
    figures.insert(key->figure);
    ++steps[*st];
    ++points[*pts];
    ++goals[std::string(goal->substr(0, goal->find(' ')))];
    if (auto at = after_key(line, "rules"); at != std::string_view::npos) {
      const std::string_view body = std::string_view(line).substr(at + 1, line.find('}', at) - at - 1);
      for (std::size_t p = 0; (p = body.find('"', p)) != std::string_view::npos;) {
        const auto q = body.find('"', p + 1);
        const std::string name(body.substr(p + 1, q - p - 1));
        std::int64_t c = 0;
        std::from_chars(body.data() + q + 3, body.data() + body.size(), c);
        rules[name] += c;
        p = body.find(',', q);
        if (p == std::string_view::npos) break;
      }
    }
  }
  std::string out = fmt::format("dataset {}\n  examples        {}\n  figures         {}\n", path, n, figures.size());
  out += fmt::format("  auxiliary       {} ({:.1f}%)\n", aux, n ? 100.0 * static_cast<double>(aux) / static_cast<double>(n) : 0.0);
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
  auto ranked = [&](const char* title, const std::map<std::string, std::int64_t>& m, std::size_t top) {
    std::vector<std::pair<std::string, std::int64_t>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::int64_t total = 0;
    for (auto& [k, c] : v) total += c;
    out += fmt::format("\n{}\n", title);
    for (std::size_t i = 0; i < v.size() && i < top; ++i)
      out += fmt::format("  {:<22} {:>9} {:>5.1f}%\n", v[i].first, v[i].second,
                         total ? 100.0 * static_cast<double>(v[i].second) / static_cast<double>(total) : 0.0);
  };
  ranked("goal predicates", goals, 20);
  ranked("rules used (applications in proofs)", rules, 15);
  return out;
}

}  // namespace pappus::generate
