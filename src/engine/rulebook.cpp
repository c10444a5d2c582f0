#include "engine/rulebook.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "dsl/catalogue.hpp"

namespace pappus::engine {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

bool is_var(std::string_view s) {
  return !s.empty() && std::islower(static_cast<unsigned char>(s[0])) &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// Parses "pred v v v, pred v v => pred v v v" into the rule.
std::optional<Error> parse_body(std::string_view body, Rule& rule, const std::string& file, int line) {
  auto fail = [&](std::string message, std::string token = "", std::string hint = "") {
    return Error{std::move(message), file, {line, 0}, std::move(token), std::move(hint)};
  };
  const auto arrow = body.find("=>");
  if (arrow == std::string_view::npos) return fail("a rule needs 'premises => conclusions'");
  auto side = [&](std::string_view text, bool premises) -> std::optional<Error> {
    std::size_t pos = 0;
    while (pos <= text.size()) {
      auto comma = text.find(',', pos);
      if (comma == std::string_view::npos) comma = text.size();
      const auto w = words(text.substr(pos, comma - pos));
      pos = comma + 1;
      if (w.empty()) return fail(premises ? "empty premise" : "empty conclusion");
      const PredicateInfo* info = find_predicate(w[0]);
      if (!info) return fail("unknown predicate", w[0]);
      Atom atom{info->id, {}, std::nullopt};
      const int points = static_cast<int>(w.size()) - 1 - (info->number ? 1 : 0);
      if (points < info->points || (!info->variadic && points != info->points))
        return fail("wrong number of arguments for " + w[0], w[0], "expected: " + std::string(info->signature));
      for (int i = 1; i <= points; ++i) {
        if (!is_var(w[i])) return fail("bad variable name", w[i]);
        auto it = std::find(rule.vars.begin(), rule.vars.end(), w[i]);
        if (it == rule.vars.end()) {
          if (!premises) return fail("conclusion variable not bound by a premise", w[i]);
          rule.vars.push_back(w[i]);
          it = rule.vars.end() - 1;
        }
        atom.args.push_back(static_cast<int>(it - rule.vars.begin()));
      }
      if (info->number) {
        atom.number = parse_constant(w.back(), *info->number);
        if (!atom.number) return fail("bad constant", w.back());
      }
      if (premises) {
        (info->check_only ? rule.conditions : rule.premises).push_back(std::move(atom));
      } else {
        if (info->check_only) return fail("a conclusion cannot be a check-only predicate", w[0]);
        rule.conclusions.push_back(std::move(atom));
      }
    }
    return std::nullopt;
  };
  if (auto e = side(trim(body.substr(0, arrow)), true)) return e;
  if (auto e = side(trim(body.substr(arrow + 2)), false)) return e;
  if (rule.premises.empty()) return fail("a rule needs at least one provable premise");
  // The matcher binds variables through the provable premises only; the
  // conditions check bindings.
  for (const Atom& c : rule.conditions)
    for (int v : c.args)
      if (std::none_of(rule.premises.begin(), rule.premises.end(), [&](const Atom& p) {
            return std::find(p.args.begin(), p.args.end(), v) != p.args.end();
          }))
        return fail("condition variable not bound by a provable premise", rule.vars[v],
                    "use the variable in a premise, or drop it from the condition");
  return std::nullopt;
}

}  // namespace

Expected<RuleBook> RuleBook::parse(std::string_view text, const std::string& file) {
  RuleBook book;
  std::optional<Rule> open;
  std::string body;
  int body_line = 0;
  auto close = [&]() -> std::optional<Error> {
    if (!open) return std::nullopt;
    if (body.empty()) return Error{"rule '" + open->name + "' has no body", file, {open->line, 0}, open->name, ""};
    if (auto e = parse_body(body, *open, file, body_line)) return e;
    if (open->symmetric) {
      const Atom& c = open->conclusions.front();
      const bool triangles = c.pred == Pred::SimTri || c.pred == Pred::SimTri2 || c.pred == Pred::Contri ||
                             c.pred == Pred::Contri2 || c.pred == Pred::EqRatio || c.pred == Pred::Cong;
      if (!triangles || open->vars.size() < 6)
        return Error{"'symmetric' needs a rule about two triangles a b c p q r", file, {open->line, 0}, open->name, ""};
    }
    if (book.index_of(open->name))
      return Error{"rule '" + open->name + "' is defined twice", file, {open->line, 0}, open->name, ""};
    book.rules_.push_back(std::move(*open));
    open.reset();
    body.clear();
    return std::nullopt;
  };
  int line_no = 0;
  std::istringstream in{std::string(text)};
  for (std::string raw; std::getline(in, raw);) {
    ++line_no;
    std::string_view line = raw;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    if (line.starts_with("rule ")) {
      if (auto e = close()) return *e;
      Rule r;
      r.file = file;
      r.line = line_no;
      std::string_view rest = trim(line.substr(5));
      const auto quote = rest.find('"');
      r.name = std::string(trim(rest.substr(0, quote)));
      if (!is_var(r.name)) return Error{"bad rule name", file, {line_no, 0}, r.name, "use lowercase letters, digits and _"};
      if (rest.ends_with(" symmetric")) {
        r.symmetric = true;
        rest = trim(rest.substr(0, rest.size() - 10));
      }
      if (quote == std::string_view::npos || rest.back() != '"' || rest.size() - quote < 2)
        return Error{"a rule needs a title in quotes", file, {line_no, 0}, r.name,
                     "rule name \"title for people\" [symmetric]"};
      r.title = std::string(rest.substr(quote + 1, rest.size() - quote - 2));
      open = std::move(r);
    } else if (!open) {
      return Error{"expected 'rule NAME \"title\"' first", file, {line_no, 0}, std::string(line), ""};
    } else {
      if (body.empty()) body_line = line_no;
      body += " " + std::string(line);
    }
  }
  if (auto e = close()) return *e;
  if (book.rules_.empty()) return Error{"the rule file defines no rule", file, {}, "", ""};
  return book;
}

Expected<RuleBook> RuleBook::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot read the rule file", path, {}, "", "set PAPPUS_DATA_DIR to the folder holding rules/"};
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path);
}

std::optional<RuleId> RuleBook::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < rules_.size(); ++i)
    if (rules_[i].name == name) return RuleId(static_cast<std::uint32_t>(i));
  return std::nullopt;
}

Expected<RuleBook> load_default_rules() { return RuleBook::load(dsl::data_dir() + "/rules/rules.txt"); }

}  // namespace pappus::engine
