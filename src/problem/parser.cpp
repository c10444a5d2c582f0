// The problem-language parser. One problem line is read in two passes:
// the first splits it into clauses, constructions and goals (syntax, point
// names, pins, duplicate definitions), the second checks every construction
// against the catalogue and every goal against the predicate table, and
// resolves point names to ids.
#include "problem/parser.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <unordered_map>

#include "geometry/predicate.hpp"
#include "problem/queries.hpp"
#include "util/edit_distance.hpp"

namespace pappus {

namespace {

constexpr std::string_view kPointNameHint =
    "point names are a lowercase letter followed by lowercase letters, digits or '_', and may end in primes (e.g. "
    "'a', 'b1', 'i_b', 'd'')";
constexpr std::string_view kPinHint = "write name@X_Y with decimal X and Y, e.g. 'x@4.96_-0.13'";
constexpr std::string_view kClauseHint = "write the new points, '=', then the constructions, e.g. 'x = on_line x a b'";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool allowed_char(char c) {
  return is_space(c) || is_lower(c) || is_digit(c) || (c >= 'A' && c <= 'Z') ||
         std::string_view("_@.-/;,=:|?'").find(c) != std::string_view::npos;
}

// As Newclid's dialect allows, primes may end a name: d', e''.
bool valid_point_name(std::string_view s) {
  if (s.empty() || !is_lower(s[0])) return false;
  const std::size_t primes = s.size() - (s.find_last_not_of('\'') + 1);
  s.remove_suffix(primes);
  return std::all_of(s.begin(), s.end(), [](char c) { return is_lower(c) || is_digit(c) || c == '_'; });
}

// A decimal as pins write it: -?(D+(.D*)?|.D+).
std::optional<double> parse_pin_coordinate(std::string_view s) {
  std::string_view body = s;
  if (!body.empty() && body[0] == '-') body.remove_prefix(1);
  const auto dot = body.find('.');
  const std::string_view whole = body.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? std::string_view() : body.substr(dot + 1);
  const auto digits = [](std::string_view d) { return std::all_of(d.begin(), d.end(), is_digit); };
  if (!digits(whole) || !digits(frac) || (whole.empty() && frac.empty())) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Up to three provable predicates whose names are closest to `name`.
std::vector<std::string_view> nearest_predicates(std::string_view name) {
  std::vector<std::pair<std::size_t, std::string_view>> scored;
  for (const PredicateInfo& p : predicates())
    if (!p.check_only) scored.emplace_back(util::edit_distance(name, p.name), p.name);
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 2);
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < scored.size() && i < 3 && scored[i].first <= limit; ++i) out.push_back(scored[i].second);
  return out;
}

template <class Range>
std::string join(const Range& names, std::string_view sep) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += sep;
    out += n;
  }
  return out;
}

std::string_view number_hint(NumberKind kind) {
  switch (kind) {
    case NumberKind::Angle:
      return "write degrees ('30', '-15', '60o') or a fraction of pi ('1pi/3')";
    case NumberKind::Ratio:
      return "write a positive ratio as 'N/D' (e.g. '2/1') or a decimal ('1.5')";
    case NumberKind::Length:
      return "write a positive decimal, e.g. '3.5'";
  }
  return "";
}

std::string_view kind_name(NumberKind kind) {
  switch (kind) {
    case NumberKind::Angle:
      return "angle";
    case NumberKind::Ratio:
      return "ratio";
    case NumberKind::Length:
      return "length";
  }
  return "number";
}

// A whitespace-free word of the line; `col` is 1-based.
struct Token {
  std::string_view text;
  int col = 0;
};

struct RawConstruction {
  Token name;
  std::vector<Token> args;
};

struct RawClause {
  std::vector<Token> points;  // names only, pins stripped
  std::vector<RawConstruction> constructions;
  bool auxiliary = false;
  int col = 0;
};

struct RawGoal {
  Token name;
  std::vector<Token> args;
};

// Where a point was defined: its id, the clause and the column.
struct Definition {
  PointId id;
  std::size_t clause = 0;
  int col = 0;
  bool auxiliary = false;
};

// The parse of one problem line; every method that can fail returns the
// error, or nothing.
class LineParser {
 public:
  LineParser(std::string_view text, const dsl::Catalogue& catalogue, const ParseOptions& options, int line)
      : text_(text), catalogue_(catalogue), options_(options), line_(line) {}

  Expected<Problem> run(std::string name) {
    problem_.name = std::move(name);
    problem_.file = options_.file;
    problem_.line = line_;
    if (auto e = split()) return *e;
    for (std::size_t i = 0; i < raw_clauses_.size(); ++i)
      if (auto e = check_clause(i)) return *e;
    for (const RawGoal& g : raw_goals_)
      if (auto e = check_goal(g)) return *e;
    return std::move(problem_);
  }

 private:
  using Status = std::optional<Error>;

  Error error(std::string message, int col, std::string_view token = {}, std::string hint = {}) const {
    return Error{std::move(message), options_.file, Location{line_, col}, std::string(token), std::move(hint)};
  }
  int col_of(std::size_t offset) const { return static_cast<int>(offset) + 1; }
  std::string where(int col) const { return std::to_string(line_) + ":" + std::to_string(col); }

  // ---- Pass 1: syntax ----

  // Splits [begin, end) into words; the characters in `forbidden` are errors.
  Status tokenize(std::size_t begin, std::size_t end, std::string_view forbidden, std::string_view place,
                  std::vector<Token>& out) const {
    std::size_t i = begin;
    while (i < end) {
      if (is_space(text_[i])) {
        ++i;
        continue;
      }
      if (forbidden.find(text_[i]) != std::string_view::npos)
        return error("unexpected '" + std::string(1, text_[i]) + "' " + std::string(place), col_of(i),
                     text_.substr(i, 1));
      const std::size_t start = i;
      while (i < end && !is_space(text_[i]) && forbidden.find(text_[i]) == std::string_view::npos) ++i;
      out.push_back(Token{text_.substr(start, i - start), col_of(start)});
    }
    return std::nullopt;
  }

  bool blank(std::size_t begin, std::size_t end) const {
    for (std::size_t i = begin; i < end; ++i)
      if (!is_space(text_[i])) return false;
    return true;
  }

  // Offsets of `sep` in [begin, end).
  std::vector<std::size_t> find_all(char sep, std::size_t begin, std::size_t end) const {
    std::vector<std::size_t> out;
    for (std::size_t i = begin; i < end; ++i)
      if (text_[i] == sep) out.push_back(i);
    return out;
  }

  Status split() {
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (!allowed_char(text_[i])) {
        const bool printable =
            static_cast<unsigned char>(text_[i]) >= 0x20 && static_cast<unsigned char>(text_[i]) < 0x7f;
        return error(printable
                         ? "unexpected character '" + std::string(1, text_[i]) + "'"
                         : "unexpected character (byte " + std::to_string(static_cast<unsigned char>(text_[i])) + ")",
                     col_of(i), printable ? text_.substr(i, 1) : std::string_view());
      }
    const auto questions = find_all('?', 0, text_.size());
    if (questions.size() > 1)
      return error("more than one '?'", col_of(questions[1]), "?", "separate several goals with ';'");
    const std::size_t goal_start = questions.empty() ? text_.size() : questions[0];

    const auto bars = find_all('|', 0, goal_start);
    if (bars.size() > 1)
      return error("more than one '|'", col_of(bars[1]), "|",
                   "auxiliary clauses all go after a single '|', separated by ';'");
    if (blank(0, goal_start))
      return error("the problem has no clauses", col_of(goal_start < text_.size() ? goal_start : 0),
                   goal_start < text_.size() ? "?" : "", std::string(kClauseHint));
    if (bars.empty()) {
      if (auto e = split_clauses(0, goal_start, false)) return *e;
    } else {
      if (blank(0, bars[0])) return error("no clauses before '|'", col_of(bars[0]), "|", std::string(kClauseHint));
      if (blank(bars[0] + 1, goal_start))
        return error("no auxiliary clauses after '|'", col_of(bars[0]), "|", "remove the '|' or add clauses after it");
      if (auto e = split_clauses(0, bars[0], false)) return *e;
      if (auto e = split_clauses(bars[0] + 1, goal_start, true)) return *e;
    }

    if (questions.empty()) {
      if (options_.require_goal) {
        std::size_t end = text_.size();
        while (end > 0 && is_space(text_[end - 1])) --end;
        return error("the problem has no goal", col_of(end), "",
                     "add '? predicate args' at the end of the line, e.g. '? perp a b c d'");
      }
      return std::nullopt;
    }
    if (blank(goal_start + 1, text_.size()))
      return error("nothing after '?'", col_of(goal_start), "?", "write a goal, e.g. '? perp a b c d'");
    return split_goals(goal_start + 1, text_.size());
  }

  // The pieces of [begin, end) between separators `sep`; an empty piece is
  // reported at the separator that ends it (or starts it, at the end).
  Status pieces(char sep, std::size_t begin, std::size_t end, std::string_view what,
                std::vector<std::pair<std::size_t, std::size_t>>& out) const {
    std::size_t start = begin;
    for (std::size_t i = begin; i <= end; ++i) {
      if (i < end && text_[i] != sep) continue;
      if (blank(start, i)) {
        const std::size_t at = i < end ? i : start - 1;
        return error("empty " + std::string(what), col_of(at), text_.substr(at, 1),
                     "remove the extra '" + std::string(1, sep) + "'");
      }
      out.emplace_back(start, i);
      start = i + 1;
    }
    return std::nullopt;
  }

  Status split_clauses(std::size_t begin, std::size_t end, bool auxiliary) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    if (auto e = pieces(';', begin, end, "clause", spans)) return *e;
    for (auto [b, e] : spans)
      if (auto err = split_clause(b, e, auxiliary)) return *err;
    return std::nullopt;
  }

  Status split_clause(std::size_t begin, std::size_t end, bool auxiliary) {
    std::vector<std::size_t> eqs;
    for (std::size_t i = begin; i < end; ++i)
      if (text_[i] == '=' || text_[i] == ':') eqs.push_back(i);
    std::size_t first = begin;
    while (is_space(text_[first])) ++first;
    if (eqs.empty()) {
      std::size_t stop = first;
      while (stop < end && !is_space(text_[stop]) && text_[stop] != ',') ++stop;
      return error("clause has no '='", col_of(first), text_.substr(first, stop - first), std::string(kClauseHint));
    }
    if (eqs.size() > 1)
      return error("more than one '" + std::string(1, text_[eqs[1]]) + "' in a clause", col_of(eqs[1]),
                   text_.substr(eqs[1], 1), "separate clauses with ';'");
    const std::size_t eq = eqs[0];
    RawClause clause;
    clause.auxiliary = auxiliary;
    clause.col = col_of(first);
    std::vector<Token> lhs;
    if (auto e = tokenize(begin, eq, ",", "left of '='", lhs)) return *e;
    if (lhs.empty())
      return error("clause defines no points", col_of(eq), text_.substr(eq, 1),
                   "write the new points left of '=', e.g. 'a b c = triangle a b c'");
    if (blank(eq + 1, end))
      return error("clause has no construction", col_of(eq), text_.substr(eq, 1),
                   "write a construction after '=', e.g. 'x = on_line x a b'");
    for (const Token& t : lhs)
      if (auto e = define_token(t, clause)) return *e;
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    if (auto e = pieces(',', eq + 1, end, "construction", spans)) return *e;
    for (auto [b, e] : spans) {
      std::vector<Token> words;
      if (auto err = tokenize(b, e, "", "", words)) return *err;
      clause.constructions.push_back(RawConstruction{words[0], {words.begin() + 1, words.end()}});
    }
    raw_clauses_.push_back(std::move(clause));
    return std::nullopt;
  }

  // A point left of '=', maybe with a pin; records its definition.
  Status define_token(const Token& t, RawClause& clause) {
    const auto at = t.text.find('@');
    const Token name{t.text.substr(0, at), t.col};
    if (name.text.empty()) return error("bad pin '" + std::string(t.text) + "'", t.col, t.text, std::string(kPinHint));
    if (!valid_point_name(name.text)) return bad_point_name(name);
    std::optional<Pin> pin;
    if (at != std::string_view::npos) {
      const std::string_view coords = t.text.substr(at + 1);
      const auto sep = coords.find('_');
      if (sep == std::string_view::npos || coords.find('_', sep + 1) != std::string_view::npos)
        return error("bad pin '" + std::string(t.text) + "'", t.col, t.text, std::string(kPinHint));
      const auto x = parse_pin_coordinate(coords.substr(0, sep));
      const auto y = parse_pin_coordinate(coords.substr(sep + 1));
      if (!x || !y) return error("bad pin '" + std::string(t.text) + "'", t.col, t.text, std::string(kPinHint));
      pin = Pin{*x, *y};
    }
    if (const auto it = defined_.find(name.text); it != defined_.end())
      return error("point '" + std::string(name.text) + "' is defined twice", t.col, name.text,
                   "first defined at " + where(it->second.col) + "; give the new point another name");
    const PointId id(static_cast<std::uint32_t>(problem_.point_names.size()));
    defined_.emplace(name.text, Definition{id, raw_clauses_.size(), t.col, clause.auxiliary});
    problem_.point_names.emplace_back(name.text);
    problem_.pins.push_back(pin);
    clause.points.push_back(name);
    return std::nullopt;
  }

  Error bad_point_name(const Token& t) const {
    std::string hint(kPointNameHint);
    std::string lower(t.text);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (lower != t.text && valid_point_name(lower)) hint = "point names are lowercase: write '" + lower + "'";
    if (t.text.find('@') != std::string_view::npos) hint = "pins (name@X_Y) go only left of '='";
    return error("bad point name '" + std::string(t.text) + "'", t.col, t.text, std::move(hint));
  }

  Status split_goals(std::size_t begin, std::size_t end) {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    if (auto e = pieces(';', begin, end, "goal", spans)) return *e;
    for (auto [b, e] : spans) {
      std::vector<Token> words;
      if (auto err = tokenize(b, e, ",=:|", "in a goal", words)) return *err;
      raw_goals_.push_back(RawGoal{words[0], {words.begin() + 1, words.end()}});
    }
    return std::nullopt;
  }

  // ---- Pass 2: meaning ----

  // The point `t` names, if it is defined by a clause before `clause`.
  Status input_point(const Token& t, std::size_t clause, std::string_view construction, PointId& out) const {
    if (!valid_point_name(t.text)) return bad_point_name(t);
    const auto it = defined_.find(t.text);
    if (it == defined_.end())
      return error(
          "undefined point '" + std::string(t.text) + "'", t.col, t.text,
          "define it in an earlier clause, e.g. '" + std::string(t.text) + " = free " + std::string(t.text) + "'");
    const Definition& d = it->second;
    if (d.clause == clause)
      return error("point '" + std::string(t.text) + "' is an input of '" + std::string(construction) +
                       "' in the clause that defines it",
                   t.col, t.text, "a construction's inputs must be defined by earlier clauses");
    if (d.clause > clause)
      return error("point '" + std::string(t.text) + "' is used before it is defined", t.col, t.text,
                   "it is defined at " + where(d.col) + "; move that clause earlier");
    out = d.id;
    return std::nullopt;
  }

  Status check_clause(std::size_t index) {
    const RawClause& raw = raw_clauses_[index];
    Clause clause;
    clause.auxiliary = raw.auxiliary;
    clause.loc = Location{line_, raw.col};
    for (const Token& t : raw.points) clause.points.push_back(defined_.at(t.text).id);
    for (const RawConstruction& c : raw.constructions) {
      ConstructionUse use;
      if (auto e = check_construction(index, c, use)) return *e;
      clause.constructions.push_back(std::move(use));
    }
    problem_.clauses.push_back(std::move(clause));
    return std::nullopt;
  }

  // The written arguments completed with omitted new points and put in
  // catalogue order (Newclid writes new points first where the catalogue
  // does not).
  Status arrange(const RawClause& clause, const RawConstruction& raw, const dsl::Construction& c,
                 std::vector<Token>& args) const {
    const std::size_t k = clause.points.size(), n = c.params.size(), w = raw.args.size();
    if (c.new_points.size() != k)
      return error("'" + c.name + "' creates " + std::to_string(c.new_points.size()) +
                       " point(s) but the clause defines " + std::to_string(k),
                   raw.name.col, raw.name.text, "signature: " + c.signature());
    const auto is_new = [&](std::string_view name) {
      return std::any_of(clause.points.begin(), clause.points.end(), [&](const Token& p) { return p.text == name; });
    };
    // New points are omitted all together or not at all: a written new
    // point means the shortfall is a missing input.
    const bool omitted =
        w + k == n && std::none_of(raw.args.begin(), raw.args.end(), [&](const Token& t) { return is_new(t.text); });
    if (w == n) {
      args = raw.args;
    } else if (omitted) {
      args = clause.points;  // omitted new points go first
      args.insert(args.end(), raw.args.begin(), raw.args.end());
    } else {
      return error("wrong number of arguments for '" + c.name + "': expected " + std::to_string(n) +
                       (k > 0 ? " (or " + std::to_string(n - k) + " without the new points)" : std::string()) +
                       ", got " + std::to_string(w),
                   raw.name.col, raw.name.text, "signature: " + c.signature());
    }
    const auto all_new = [&](auto positions) {
      return std::all_of(positions.begin(), positions.end(), [&](std::size_t i) { return is_new(args[i].text); });
    };
    std::vector<std::size_t> catalogue_positions(c.new_points.begin(), c.new_points.end());
    std::vector<std::size_t> leading(k);
    for (std::size_t i = 0; i < k; ++i) leading[i] = i;
    if (catalogue_positions != leading && !all_new(catalogue_positions) && all_new(leading)) {
      std::vector<Token> arranged(n);
      std::vector<bool> taken(n, false);
      for (std::size_t j = 0; j < k; ++j) {
        arranged[catalogue_positions[j]] = args[j];
        taken[catalogue_positions[j]] = true;
      }
      std::size_t next = k;
      for (std::size_t i = 0; i < n; ++i)
        if (!taken[i]) arranged[i] = args[next++];
      args = std::move(arranged);
    }
    return std::nullopt;
  }

  Status check_construction(std::size_t index, const RawConstruction& raw, ConstructionUse& use) const {
    const RawClause& clause = raw_clauses_[index];
    const int ci = catalogue_.index_of(raw.name.text);
    if (ci < 0) {
      const auto near = catalogue_.nearest(raw.name.text);
      return error("unknown construction '" + std::string(raw.name.text) + "'", raw.name.col, raw.name.text,
                   near.empty() ? std::string() : "did you mean: " + join(near, ", "));
    }
    const dsl::Construction& c = catalogue_.at(ci);
    use.name = std::string(raw.name.text);
    use.catalogue_index = ci;
    use.loc = Location{line_, raw.name.col};
    std::vector<Token> args;
    if (auto e = arrange(clause, raw, c, args)) return *e;

    std::vector<bool> is_new_position(c.params.size(), false);
    for (int p : c.new_points) is_new_position[p] = true;
    std::vector<std::string_view> seen_new;
    for (std::size_t i = 0; i < args.size(); ++i) {
      const Token& t = args[i];
      const dsl::Param& param = c.params[i];
      Argument arg;
      arg.loc = Location{line_, t.col};
      if (!param.is_point) {
        auto number = parse_constant(t.text, param.kind);
        if (!number)
          return error("bad " + std::string(kind_name(param.kind)) + " '" + std::string(t.text) + "' for '" +
                           param.name + "' of '" + c.name + "'",
                       t.col, t.text, std::string(number_hint(param.kind)));
        arg.is_point = false;
        arg.number = std::move(*number);
      } else if (is_new_position[i]) {
        if (!valid_point_name(t.text)) return bad_point_name(t);
        const auto it = defined_.find(t.text);
        if (it == defined_.end() || it->second.clause != index)
          return error("'" + std::string(t.text) + "' is where '" + c.name +
                           "' puts a new point, but it is not defined by this clause",
                       t.col, t.text, "signature: " + c.signature() + " (new points: " + new_point_names(c) + ")");
        if (std::find(seen_new.begin(), seen_new.end(), t.text) != seen_new.end())
          return error("new point '" + std::string(t.text) + "' appears twice in '" + c.name + "'", t.col, t.text,
                       "signature: " + c.signature());
        seen_new.push_back(t.text);
        arg.point = it->second.id;
      } else if (auto e = input_point(t, index, c.name, arg.point)) {
        return *e;
      }
      use.args.push_back(std::move(arg));
    }
    return std::nullopt;
  }

  static std::string new_point_names(const dsl::Construction& c) {
    std::vector<std::string> names;
    for (int p : c.new_points) names.push_back(c.params[p].name);
    return join(names, " ");
  }

  // A point argument of a goal: defined, and not only by an auxiliary clause.
  Status goal_point(const Token& t, Argument& arg) {
    if (!valid_point_name(t.text)) return bad_point_name(t);
    const auto it = defined_.find(t.text);
    if (it == defined_.end())
      return error("undefined point '" + std::string(t.text) + "' in the goal", t.col, t.text,
                   "goals may only use points defined by the clauses");
    if (it->second.auxiliary)
      return error("the goal uses '" + std::string(t.text) + "', which only an auxiliary clause defines", t.col,
                   t.text, "goals may only use points of the clauses before '|'");
    arg.point = it->second.id;
    return std::nullopt;
  }

  // "Find x": acompute a b c d, rcompute a b c d, lcompute a b.
  Status check_query(const RawGoal& raw, const QueryInfo& query) {
    if (raw.args.size() != static_cast<std::size_t>(query.points))
      return error("wrong number of arguments for '" + std::string(query.name) + "': expected " +
                       std::to_string(query.points) + ", got " + std::to_string(raw.args.size()),
                   raw.name.col, raw.name.text, "signature: " + std::string(query.signature));
    Statement goal;
    goal.predicate = std::string(query.name);
    goal.loc = Location{line_, raw.name.col};
    for (const Token& t : raw.args) {
      Argument arg;
      arg.loc = Location{line_, t.col};
      if (auto e = goal_point(t, arg)) return e;
      goal.args.push_back(std::move(arg));
    }
    for (std::size_t i = 0; i + 1 < goal.args.size(); i += 2)
      if (goal.args[i].point == goal.args[i + 1].point)
        return error("'" + std::string(query.name) + "' needs two distinct points for each line or segment",
                     raw.args[i + 1].col, raw.args[i + 1].text, "signature: " + std::string(query.signature));
    problem_.goals.push_back(std::move(goal));
    return std::nullopt;
  }

  Status check_goal(const RawGoal& raw) {
    if (const QueryInfo* query = find_query(raw.name.text)) return check_query(raw, *query);
    const PredicateInfo* info = find_predicate(raw.name.text);
    if (info == nullptr) {
      const auto near = nearest_predicates(raw.name.text);
      std::vector<std::string_view> goals;
      for (const PredicateInfo& p : predicates())
        if (!p.check_only) goals.push_back(p.name);
      return error("unknown predicate '" + std::string(raw.name.text) + "'", raw.name.col, raw.name.text,
                   near.empty() ? "goals are: " + join(goals, ", ") + "; find x: acompute, rcompute, lcompute"
                                : "did you mean: " + join(near, ", "));
    }
    const std::size_t numbers = info->number ? 1 : 0, points = static_cast<std::size_t>(info->points);
    const std::size_t w = raw.args.size();
    if (info->variadic ? w < points + numbers : w != points + numbers)
      return error("wrong number of arguments for '" + std::string(info->name) + "': expected " +
                       (info->variadic ? "at least " : "") + std::to_string(points + numbers) + ", got " +
                       std::to_string(w),
                   raw.name.col, raw.name.text, "signature: " + std::string(info->signature));
    Statement goal;
    goal.predicate = std::string(info->name);
    goal.numeric_only = info->check_only;
    goal.loc = Location{line_, raw.name.col};
    for (std::size_t i = 0; i < w; ++i) {
      const Token& t = raw.args[i];
      Argument arg;
      arg.loc = Location{line_, t.col};
      if (i + numbers >= w) {
        auto number = parse_constant(t.text, *info->number);
        if (!number)
          return error("bad " + std::string(kind_name(*info->number)) + " '" + std::string(t.text) + "' in '" +
                           std::string(info->name) + "'",
                       t.col, t.text, std::string(number_hint(*info->number)));
        arg.is_point = false;
        arg.number = std::move(*number);
      } else if (auto e = goal_point(t, arg)) {
        return e;
      }
      goal.args.push_back(std::move(arg));
    }
    problem_.goals.push_back(std::move(goal));
    return std::nullopt;
  }

  std::string_view text_;
  const dsl::Catalogue& catalogue_;
  const ParseOptions& options_;
  int line_;
  Problem problem_;
  std::vector<RawClause> raw_clauses_;
  std::vector<RawGoal> raw_goals_;
  std::unordered_map<std::string_view, Definition> defined_;  // names point into text_
};

}  // namespace

Expected<Problem> parse_problem(std::string_view text, const dsl::Catalogue& catalogue, const ParseOptions& options,
                                std::string name, int line) {
  return LineParser(text, catalogue, options, line).run(std::move(name));
}

}  // namespace pappus
