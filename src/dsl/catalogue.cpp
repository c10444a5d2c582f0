#include "dsl/catalogue.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "util/edit_distance.hpp"

namespace pappus::dsl {

namespace {

bool is_name(std::string_view s) {
  if (s.empty() || !std::islower(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

bool is_construction_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Builds one Construction from its lines; the parser of the file format.
class EntryBuilder {
 public:
  EntryBuilder(const std::string& file, int line) : file_(file) {
    c_.file = file;
    c_.line = line;
  }

  Error fail(int line, std::string message, std::string token = "", std::string hint = "") const {
    return Error{std::move(message), file_, {line, 0}, std::move(token), std::move(hint)};
  }

  // "construction NAME PARAM..."; PARAM is `x` or `y:angle|ratio|length`.
  std::optional<Error> header(const std::vector<std::string>& w, int line) {
    if (w.size() < 2) return fail(line, "construction without a name");
    if (!is_construction_name(w[1])) return fail(line, "bad construction name", w[1]);
    c_.name = w[1];
    for (std::size_t i = 2; i < w.size(); ++i) {
      Param p;
      const auto colon = w[i].find(':');
      p.name = w[i].substr(0, colon);
      if (colon != std::string::npos) {
        const std::string kind = w[i].substr(colon + 1);
        p.is_point = false;
        if (kind == "angle") p.kind = NumberKind::Angle;
        else if (kind == "ratio") p.kind = NumberKind::Ratio;
        else if (kind == "length") p.kind = NumberKind::Length;
        else return fail(line, "unknown number kind", kind, "use angle, ratio or length");
      }
      if (!is_name(p.name)) return fail(line, "bad parameter name", w[i]);
      if (param(p.name) >= 0) return fail(line, "parameter named twice", p.name);
      c_.params.push_back(p);
      slots_.push_back({p.name, p.is_point ? Type::Point : Type::Number});
    }
    // Inputs are defined from the start; new points once placed.
    defined_.assign(c_.params.size(), true);
    return std::nullopt;
  }

  int param(std::string_view name) const {
    for (std::size_t i = 0; i < c_.params.size(); ++i)
      if (c_.params[i].name == name) return static_cast<int>(i);
    return -1;
  }

  std::optional<Error> new_points(const std::vector<std::string>& w, int line) {
    if (!c_.new_points.empty()) return fail(line, "'new' given twice");
    for (std::size_t i = 1; i < w.size(); ++i) {
      const int p = param(w[i]);
      if (p < 0 || !c_.params[p].is_point) return fail(line, "'new' names a point that is not a parameter", w[i]);
      if (std::find(c_.new_points.begin(), c_.new_points.end(), p) != c_.new_points.end())
        return fail(line, "new point named twice", w[i]);
      c_.new_points.push_back(p);
      defined_[p] = false;
    }
    if (c_.new_points.empty()) return fail(line, "'new' needs at least one point");
    return std::nullopt;
  }

  // "PRED arg..." with the predicate table's arity.
  std::optional<Error> fact(const std::vector<std::string>& w, int line, std::vector<FactTemplate>& into,
                            bool inputs_only) {
    if (w.size() < 2) return fail(line, "a fact needs a predicate", w[0]);
    const PredicateInfo* info = find_predicate(w[1]);
    if (!info) return fail(line, "unknown predicate", w[1]);
    FactTemplate f{info->id, {}, -1, std::nullopt, line};
    const int given = static_cast<int>(w.size()) - 2 - (info->number ? 1 : 0);
    if (given < info->points || (!info->variadic && given != info->points))
      return fail(line, "wrong number of arguments for " + w[1], w[1], "expected: " + std::string(info->signature));
    for (int i = 0; i < given; ++i) {
      const int p = param(w[2 + i]);
      if (p < 0 || !c_.params[p].is_point) return fail(line, "not a point parameter", w[2 + i]);
      if (inputs_only && std::find(c_.new_points.begin(), c_.new_points.end(), p) != c_.new_points.end())
        return fail(line, "a precondition may only use input points", w[2 + i]);
      f.args.push_back(p);
    }
    if (info->number) {
      const int p = param(w.back());
      if (p < 0) {
        f.literal = parse_constant(w.back(), *info->number);
        if (!f.literal) return fail(line, "bad constant for " + w[1], w.back());
      } else if (c_.params[p].is_point || c_.params[p].kind != *info->number) {
        return fail(line, "the last argument of " + w[1] + " must be a numeric parameter of its kind", w.back());
      } else {
        f.number = p;
      }
    }
    into.push_back(std::move(f));
    return std::nullopt;
  }

  // "a b c" (the points in any order) or "a b / c d" (the blocks exchanged
  // as wholes): input points whose order does not change the construction.
  std::optional<Error> symmetric(const std::vector<std::string>& w, int line) {
    std::vector<std::vector<int>> blocks(1);
    std::vector<bool> seen(c_.params.size(), false);
    const bool slashes = std::find(w.begin(), w.end(), "/") != w.end();
    for (std::size_t i = 1; i < w.size(); ++i) {
      if (w[i] == "/") {
        blocks.emplace_back();
        continue;
      }
      const int p = param(w[i]);
      if (p < 0 || !c_.params[p].is_point ||
          std::find(c_.new_points.begin(), c_.new_points.end(), p) != c_.new_points.end())
        return fail(line, "'symmetric' names an input point parameter", w[i]);
      if (seen[p]) return fail(line, "'symmetric' names a point twice", w[i]);
      seen[p] = true;
      if (slashes) blocks.back().push_back(p);
      else blocks.back().push_back(p), blocks.emplace_back();
    }
    if (!slashes) blocks.pop_back();
    if (blocks.size() < 2 || blocks[0].empty() ||
        std::any_of(blocks.begin(), blocks.end(), [&](const auto& b) { return b.size() != blocks[0].size(); }))
      return fail(line, "'symmetric' needs two points or more, or blocks of one size between '/'",
                  "", "e.g. 'symmetric a b' or 'symmetric a b / c d'");
    c_.symmetries.push_back(std::move(blocks));
    return std::nullopt;
  }

  std::optional<Error> let(std::string_view rest, int line) {
    const auto eq = rest.find('=');
    if (eq == std::string_view::npos) return fail(line, "'let' needs 'name = expression'");
    const std::string name(trim(rest.substr(0, eq)));
    if (!is_name(name)) return fail(line, "bad local name", name);
    for (const auto& s : slots_)
      if (s.name == name) return fail(line, "name already used", name);
    auto expr = compile(rest.substr(eq + 1), line);
    if (!expr) return expr.error();
    slots_.push_back({name, c_.recipe.nodes[*expr].type});
    defined_.push_back(true);
    c_.recipe.statements.push_back({Statement::Kind::Assign, {static_cast<int>(slots_.size()) - 1}, *expr, line});
    return std::nullopt;
  }

  // "x = expr", "x, y = expr" or "x on curve".
  std::optional<Error> place(std::string_view rest, int line) {
    Statement st;
    st.line = line;
    std::string_view lhs, rhs;
    if (const auto eq = rest.find('='); eq != std::string_view::npos) {
      st.kind = Statement::Kind::Assign;
      lhs = rest.substr(0, eq), rhs = rest.substr(eq + 1);
    } else if (const auto on = rest.find(" on "); on != std::string_view::npos) {
      st.kind = Statement::Kind::On;
      lhs = rest.substr(0, on), rhs = rest.substr(on + 4);
    } else {
      return fail(line, "'place' needs 'x = expression' or 'x on curve'");
    }
    std::string names(lhs);
    std::replace(names.begin(), names.end(), ',', ' ');
    for (const auto& n : split_words(names)) {
      const int p = param(n);
      if (p < 0 || std::find(c_.new_points.begin(), c_.new_points.end(), p) == c_.new_points.end())
        return fail(line, "'place' must name new points", n, "list the point in the 'new' line first");
      if (defined_[p]) return fail(line, "point placed twice", n);
      st.targets.push_back(p);
    }
    if (st.targets.empty()) return fail(line, "'place' names no point");
    auto expr = compile(rhs, line);
    if (!expr) return expr.error();
    const Type t = c_.recipe.nodes[*expr].type;
    if (st.kind == Statement::Kind::On) {
      if (st.targets.size() != 1 || !(t == Type::Line || t == Type::Circle || t == Type::Curve))
        return fail(line, "'on' places one point on a line or circle", std::string(rhs));
    } else if (st.targets.size() == 1 ? t != Type::Point : t != Type::Points) {
      return fail(line, "the expression gives a " + std::string(type_name(t)) + ", not what 'place' needs",
                  std::string(trim(rhs)));
    }
    for (int p : st.targets) defined_[p] = true;
    st.expr = *expr;
    c_.recipe.statements.push_back(std::move(st));
    return std::nullopt;
  }

  Expected<Construction> finish() {
    if (c_.new_points.empty()) return fail(c_.line, "construction '" + c_.name + "' has no 'new' line");
    for (int p : c_.new_points)
      if (!defined_[p]) return fail(c_.line, "construction '" + c_.name + "' never places its new point", c_.params[p].name);
    c_.recipe.slot_count = static_cast<int>(slots_.size());
    return std::move(c_);
  }

  Construction& construction() { return c_; }

 private:
  Expected<int> compile(std::string_view text, int line) {
    // Points not yet placed cannot be read: hide their names.
    std::vector<SlotInfo> visible = slots_;
    for (std::size_t i = 0; i < visible.size(); ++i)
      if (!defined_[i]) visible[i].name.clear();
    return compile_expression(text, visible, c_.recipe, file_, line);
  }

  const std::string& file_;
  Construction c_;
  std::vector<SlotInfo> slots_;
  std::vector<bool> defined_;
};

}  // namespace

bool Construction::one_dof() const {
  int places = 0;
  bool on = false;
  for (const auto& s : recipe.statements)
    if (s.targets.size() == 1 && std::find(new_points.begin(), new_points.end(), s.targets[0]) != new_points.end()) {
      ++places;
      on = s.kind == Statement::Kind::On;
    }
  return new_points.size() == 1 && places == 1 && on && recipe.statements.back().kind == Statement::Kind::On;
}

std::string Construction::signature() const {
  std::string s = name;
  for (const auto& p : params) s += " " + p.name;
  return s;
}

bool Construction::new_points_first() const {
  for (std::size_t i = 0; i < new_points.size(); ++i)
    if (new_points[i] != static_cast<int>(i)) return false;
  return true;
}

Expected<Catalogue> Catalogue::parse(std::string_view text, const std::string& file) {
  Catalogue cat;
  std::optional<EntryBuilder> entry;
  std::vector<std::pair<std::string, int>> aliases;  // for the entry being built
  auto close = [&]() -> std::optional<Error> {
    if (!entry) return std::nullopt;
    auto c = entry->finish();
    if (!c) return c.error();
    const int index = static_cast<int>(cat.constructions_.size());
    aliases.insert(aliases.begin(), {c->name, c->line});
    for (const auto& [name, at] : aliases) {
      if (cat.by_name_.count(name)) return Error{"construction '" + name + "' is defined twice", file, {at, 0}, name, ""};
      cat.by_name_[name] = index;
    }
    aliases.clear();
    cat.constructions_.push_back(std::move(*c));
    entry.reset();
    return std::nullopt;
  };

  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    const auto words = split_words(line);
    const std::string& key = words[0];
    const std::string_view rest = trim(line.substr(key.size()));
    std::optional<Error> err;
    if (key == "construction") {
      if ((err = close())) return *err;
      entry.emplace(file, line_no);
      err = entry->header(words, line_no);
    } else if (!entry) {
      return Error{"expected 'construction NAME ...' first", file, {line_no, 0}, key, ""};
    } else if (key == "new") {
      err = entry->new_points(words, line_no);
    } else if (entry->construction().new_points.empty()) {
      return Error{"the 'new' line must come right after the construction line", file, {line_no, 0}, key, ""};
    } else if (key == "alias") {
      for (std::size_t i = 1; i < words.size(); ++i) aliases.emplace_back(words[i], line_no);
    } else if (key == "require") {
      err = entry->fact(words, line_no, entry->construction().requires_, true);
    } else if (key == "given") {
      err = entry->fact(words, line_no, entry->construction().givens, true);
    } else if (key == "assert") {
      err = entry->fact(words, line_no, entry->construction().asserts, false);
    } else if (key == "ensure") {
      err = entry->fact(words, line_no, entry->construction().ensures, false);
    } else if (key == "symmetric") {
      err = entry->symmetric(words, line_no);
    } else if (key == "let") {
      err = entry->let(rest, line_no);
    } else if (key == "place") {
      err = entry->place(rest, line_no);
    } else if (key == "doc") {
      auto& doc = entry->construction().doc;
      doc += (doc.empty() ? "" : " ") + std::string(rest);
    } else {
      return Error{"unknown keyword", file, {line_no, 0}, key,
                   "expected construction, new, alias, require, given, assert, ensure, symmetric, let, place or doc"};
    }
    if (err) return *err;
  }
  if (auto err = close()) return *err;
  if (cat.constructions_.empty()) return Error{"the catalogue defines no construction", file, {}, "", ""};
  return cat;
}

Expected<Catalogue> Catalogue::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot read the construction catalogue", path, {}, "", "set PAPPUS_DATA_DIR to the folder holding dsl/"};
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), path);
}

const Construction* Catalogue::find(std::string_view name) const {
  const int i = index_of(name);
  return i < 0 ? nullptr : &constructions_[i];
}

int Catalogue::index_of(std::string_view name) const {
  auto it = by_name_.find(std::string(name));
  return it == by_name_.end() ? -1 : it->second;
}

std::vector<std::string> Catalogue::nearest(std::string_view name, int count) const {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& [known, index] : by_name_) scored.emplace_back(util::edit_distance(name, known), known);
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 2);
  for (const auto& [d, known] : scored) {
    if (static_cast<int>(out.size()) >= count || d > limit) break;
    out.push_back(known);
  }
  return out;
}

std::string data_dir() {
  if (const char* env = std::getenv("PAPPUS_DATA_DIR"); env && *env) return env;
  return PAPPUS_SOURCE_DATA_DIR;
}

Expected<Catalogue> load_default_catalogue() { return Catalogue::load(data_dir() + "/dsl/constructions.txt"); }

}  // namespace pappus::dsl
