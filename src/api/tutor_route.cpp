// Tutoring: the derivations a teacher would show (tutor_route.hpp).
#include "api/tutor_route.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <queue>
#include <tuple>

#include "proof/text.hpp"

namespace pappus::api {
namespace {

constexpr std::int64_t kRuleCost = 1;     // one named theorem
constexpr std::int64_t kAlgebraCost = 3;  // one sum of equations: shown only when no theorem does it cheaper
                                          // (less over facts at hand, see Routes::solve)
constexpr std::size_t kMaxChasePoints = 60;  // two-fact angle chases are looked for in figures this small

std::string up(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? (i + 1 == parts.size() ? " and " : ", ") : "") + parts[i];
  return out;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// One word of a construction's doc line with the clause's arguments in
// place of its parameters: "abc" -> "ABC" (each letter a point parameter),
// "x" -> "O"; other words as they are ("a free point": the article).
std::string substitute(const std::string& word, std::string_view rest, const Problem& problem,
                       const dsl::Construction& c, const ConstructionUse& use) {
  std::string lower = word;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  // "a free point", "abcx is a parallelogram", "form a square": the article.
  for (std::string_view noun : {" free", " parallelogram", " square"})
    if (lower == "a" && rest.starts_with(noun)) return word;
  auto param = [&](std::string_view name) -> std::optional<std::string> {
    for (std::size_t k = 0; k < c.params.size() && k < use.args.size(); ++k) {
      if (c.params[k].name != name) continue;
      const Argument& a = use.args[k];
      return a.is_point ? up(problem.point_name(a.point)) : a.number.text;
    }
    return std::nullopt;
  };
  if (auto whole = param(lower)) return *whole;
  std::string out;
  for (char ch : lower) {
    auto one = param(std::string_view(&ch, 1));
    if (!one) return word;
    out += *one;
  }
  return out;
}

}  // namespace

std::string clause_text(const Problem& problem, int clause) {
  Problem one = problem;
  one.clauses = {problem.clauses[clause]};
  one.clauses[0].auxiliary = false;
  one.goals.clear();
  return to_text(one);
}

// Whether the construction `use` asserts the statement of `key` itself.
bool asserts(const ConstructionUse& use, const dsl::Construction& c, const std::string& key) {
  for (const dsl::FactTemplate& t : c.asserts) {
    std::vector<PointId> args;
    for (int a : t.args) args.push_back(use.args[a].point);
    std::optional<Constant> number = t.literal;
    if (t.number >= 0) number = use.args[t.number].number;
    if (claim_key(t.pred, args, number) == key) return true;
  }
  return false;
}

std::string clause_meaning(const Problem& problem, const dsl::Catalogue& catalogue, int clause,
                           const std::string& key) {
  const std::vector<ConstructionUse>& uses = problem.clauses[clause].constructions;
  // Of several constructions, the one that asserts the fact, when one does.
  const bool pick = std::any_of(uses.begin(), uses.end(), [&](const ConstructionUse& use) {
    return !key.empty() && asserts(use, catalogue.at(use.catalogue_index), key);
  });
  std::vector<std::string> parts;
  for (const ConstructionUse& use : uses) {
    const dsl::Construction& c = catalogue.at(use.catalogue_index);
    if (pick && !asserts(use, c, key)) continue;
    if (c.doc.empty()) {
      std::string s = use.name;
      for (const Argument& a : use.args) s += " " + (a.is_point ? problem.point_name(a.point) : a.number.text);
      parts.push_back(std::move(s));
      continue;
    }
    std::string out;
    for (std::size_t i = 0; i < c.doc.size();) {
      if (!word_char(c.doc[i])) {
        out += c.doc[i++];
        continue;
      }
      std::size_t j = i;
      while (j < c.doc.size() && word_char(c.doc[j])) ++j;
      out += substitute(c.doc.substr(i, j - i), std::string_view(c.doc).substr(j), problem, c, use);
      i = j;
    }
    parts.push_back(std::move(out));
  }
  return join(parts);
}

std::string adding_text(const Problem& problem, const dsl::Catalogue& catalogue, int clause) {
  std::vector<std::string> names;
  for (PointId p : problem.clauses[clause].points) names.push_back(up(problem.point_name(p)));
  const std::string who = join(names);
  const std::string meaning = clause_meaning(problem, catalogue, clause);
  const std::string lead = names.size() == 1 ? "add a point: " : "add points: ";
  if (meaning.starts_with(who + " ")) return lead + meaning;
  return lead + who + ", where " + meaning;
}

Routes::Routes(engine::Engine& engine, const std::vector<engine::Instance>& instances,
               const std::vector<Claim>& established)
    : engine_(engine) {
  using engine::Justification;
  for (const Claim& c : established) {
    Edge e;
    e.kind = Edge::Kind::Established;
    e.target = node_of(c.pred, c.args, c.number);
    add_edge(std::move(e));
  }
  add_fact_nodes(0);

  // Every rule instance whose premises deduction knows (establishing them
  // as facts on the way) is a theorem step to each of its conclusions.
  const engine::RuleBook& rules = engine.rules();
  std::unordered_map<std::string, bool> derivable;  // key -> establish succeeded, for keys without a node
  for (const engine::Instance& inst : instances) {
    const engine::Rule& rule = rules.at(inst.rule);
    auto bind = [&](const engine::Atom& atom) {
      std::vector<PointId> args;
      for (int v : atom.args) args.push_back(inst.binding[v]);
      return args;
    };
    Edge e;
    e.kind = Edge::Kind::Rule;
    e.rule = inst.rule;
    bool ok = true;
    for (const engine::Atom& atom : rule.premises) {
      const std::vector<PointId> args = bind(atom);
      const std::string key = claim_key(atom.pred, args, atom.number);
      auto it = by_key_.find(key);
      if (it == by_key_.end()) {
        auto [tried, fresh] = derivable.try_emplace(key, false);
        if (fresh) {
          const std::size_t before = engine.facts().size();
          const std::optional<engine::FactId> f = engine.establish(atom.pred, args, atom.number);
          add_fact_nodes(before);
          if (f) {
            const engine::Fact& fact = engine.fact(*f);
            by_key_.emplace(key, node_of(fact.pred, fact.args, fact.number));
            tried->second = true;
          }
        }
        if (!tried->second) {
          ok = false;
          break;
        }
        it = by_key_.find(key);
      }
      e.premises.push_back(it->second);
    }
    if (!ok) continue;
    for (const engine::Atom& c : rule.conclusions) {
      Edge to = e;
      to.target = node_of(c.pred, bind(c), c.number);
      add_edge(std::move(to));
    }
  }

  add_two_fact_chases();

  // The engine's own derivations, including those of the facts just established.
  for (std::size_t i = 0; i < engine.facts().size(); ++i) {
    const engine::Fact& f = engine.facts()[i];
    Edge e;
    e.target = node_of(f.pred, f.args, f.number);
    for (engine::FactId p : f.why.premises) {
      const engine::Fact& pf = engine.fact(p);
      e.premises.push_back(node_of(pf.pred, pf.args, pf.number));
    }
    switch (f.why.kind) {
      case Justification::Kind::Given:
        e.kind = Edge::Kind::Given;
        e.clause = f.why.clause;
        break;
      case Justification::Kind::Rule:
        e.kind = Edge::Kind::Rule;
        e.rule = f.why.rule;
        break;
      case Justification::Kind::Algebra:
        e.kind = Edge::Kind::Algebra;
        e.table = f.why.table;
        for (const auto& r : f.why.coefficients) e.cited.push_back(!r.is_zero());
        break;
      case Justification::Kind::Structure:
      case Justification::Kind::Composite:
      case Justification::Kind::Component: e.kind = Edge::Kind::Bookkeeping; break;
    }
    add_edge(std::move(e));
  }
  solve();
}

// The angle chases a teacher writes in one line, as algebra steps over
// two facts, where the engine's tables found another combination: equal
// angles from two right angles (∠OMC = ∠ONC: OM ⊥ BC, ON ⊥ AC) or from
// two pairs of parallels; parallels from two perpendiculars to one line or
// from a common parallel; a perpendicular from a parallel and a
// perpendicular. Lines are the engine's: two pairs of points are one line
// when it knows them collinear, and those collinearities are premises too
// (line identities, as in the engine's own algebra steps).
void Routes::add_two_fact_chases() {
  const Problem& problem = engine_.problem();
  const Diagram& figure = engine_.diagram();
  const std::size_t n = problem.point_count();
  if (n > kMaxChasePoints) return;
  auto pair = [n](PointId a, PointId b) { return a.value * n + b.value; };
  std::vector<int> line(n * n, -1);         // point pair -> its line
  std::vector<std::vector<int>> ties(n * n);  // point pair -> coll nodes that put it on its line's first pair
  int lines = 0;
  for (std::uint32_t a = 0; a < n; ++a) {
    for (std::uint32_t b = a + 1; b < n; ++b) {
      if (!figure.built[a] || !figure.built[b] || line[a * n + b] >= 0) continue;
      const int id = lines++;
      std::vector<std::pair<PointId, int>> members = {{PointId(a), -1}, {PointId(b), -1}};  // point, coll node
      for (std::uint32_t c = 0; c < n; ++c) {
        if (c == a || c == b || !figure.built[c]) continue;
        const std::size_t before = engine_.facts().size();
        const std::optional<engine::FactId> f = engine_.establish(Pred::Coll, {PointId(a), PointId(b), PointId(c)}, {});
        add_fact_nodes(before);
        if (!f) continue;
        const engine::Fact& fact = engine_.fact(*f);
        members.emplace_back(PointId(c), node_of(fact.pred, fact.args, fact.number));
      }
      for (const auto& [x, cx] : members)
        for (const auto& [y, cy] : members) {
          if (x == y || line[pair(x, y)] >= 0) continue;
          line[pair(x, y)] = id;
          for (int c : {cx, cy})
            if (c >= 0) ties[pair(x, y)].push_back(c);
        }
    }
  }
  auto line_of = [&](PointId a, PointId b) { return line[pair(a, b)]; };

  // The para and perp facts by their lines.
  struct Fact2 {
    int node;
    int other;  // the other line
  };
  std::unordered_map<std::int64_t, std::vector<int>> para, perp;  // line pair (sorted) -> nodes
  std::vector<std::vector<Fact2>> paras_of(static_cast<std::size_t>(lines)), perps_of(static_cast<std::size_t>(lines));
  auto lines_key = [](int l, int m) { return static_cast<std::int64_t>(std::min(l, m)) << 32 | std::max(l, m); };
  const std::size_t node_count = nodes_.size();
  for (std::size_t i = 0; i < node_count; ++i) {
    const Node& nd = nodes_[i];
    if (nd.pred != Pred::Para && nd.pred != Pred::Perp) continue;
    const int l = line_of(nd.args[0], nd.args[1]), m = line_of(nd.args[2], nd.args[3]);
    if (l < 0 || m < 0 || l == m) continue;
    auto& by_lines = nd.pred == Pred::Para ? para : perp;
    auto& of = nd.pred == Pred::Para ? paras_of : perps_of;
    std::vector<int>& same = by_lines[lines_key(l, m)];
    if (same.size() >= 2) continue;  // two statements of one fact are enough
    same.push_back(static_cast<int>(i));
    of[l].push_back({static_cast<int>(i), m});
    of[m].push_back({static_cast<int>(i), l});
  }
  auto find = [&](const std::unordered_map<std::int64_t, std::vector<int>>& by_lines, int l, int m) {
    const auto it = by_lines.find(lines_key(l, m));
    return it == by_lines.end() || it->second.empty() ? -1 : it->second.front();
  };
  // One edge: `target` from the facts `first` and `second`, plus the
  // collinearities that put every pair of points they name on its line.
  auto chase = [&](int target, int first, int second) {
    if (first < 0 || second < 0 || first == target || second == target) return;
    Edge e;
    e.kind = Edge::Kind::Algebra;
    e.table = engine::Justification::Table::Angles;
    e.target = target;
    e.premises = {first, second};
    e.cited = {true, true};
    for (int v : {target, first, second}) {
      const std::vector<PointId>& args = nodes_[v].args;
      for (std::size_t k = 0; k + 1 < args.size(); k += 2)
        for (int c : ties[pair(args[k], args[k + 1])]) {
          e.premises.push_back(c);
          e.cited.push_back(false);
        }
    }
    add_edge(std::move(e));
  };
  for (std::size_t i = 0; i < node_count; ++i) {
    const Node& nd = nodes_[i];
    const int t = static_cast<int>(i);
    std::vector<int> l;
    for (std::size_t k = 0; k + 1 < nd.args.size(); k += 2) l.push_back(line_of(nd.args[k], nd.args[k + 1]));
    if (std::find(l.begin(), l.end(), -1) != l.end()) continue;
    if (nd.pred == Pred::EqAngle && l.size() == 4) {
      chase(t, find(perp, l[0], l[1]), find(perp, l[2], l[3]));
      if (l[0] != l[2] && l[1] != l[3]) chase(t, find(para, l[0], l[2]), find(para, l[1], l[3]));
    } else if (nd.pred == Pred::Para && l.size() == 2 && l[0] != l[1]) {
      for (const Fact2& f : perps_of[l[0]]) chase(t, f.node, find(perp, l[1], f.other));
      for (const Fact2& f : paras_of[l[0]])
        if (f.other != l[1]) chase(t, f.node, find(para, f.other, l[1]));
    } else if (nd.pred == Pred::Perp && l.size() == 2 && l[0] != l[1]) {
      for (const Fact2& f : paras_of[l[0]]) chase(t, f.node, find(perp, f.other, l[1]));
      for (const Fact2& f : paras_of[l[1]]) chase(t, f.node, find(perp, l[0], f.other));
    }
  }
}

int Routes::node_of(Pred pred, const std::vector<PointId>& args, const std::optional<Constant>& number) {
  const auto [it, fresh] = by_key_.try_emplace(claim_key(pred, args, number), static_cast<int>(nodes_.size()));
  if (fresh) nodes_.push_back(Node{pred, args, number});
  return it->second;
}

void Routes::add_fact_nodes(std::size_t from) {
  for (std::size_t i = from; i < engine_.facts().size(); ++i) {
    const engine::Fact& f = engine_.facts()[i];
    node_of(f.pred, f.args, f.number);
  }
}

void Routes::add_edge(Edge edge) { edges_.push_back(std::move(edge)); }

// Knuth's generalisation of Dijkstra to hypergraphs: an edge is ready when
// its premises are settled; its cost is its weight plus theirs. Ties go to
// theorems before algebra, then to the earlier edge (deterministic).
void Routes::solve() {
  const std::size_t n = nodes_.size();
  cost_.assign(n, kUnreached);
  best_.assign(n, -1);
  origin_.assign(n, -1);
  std::vector<std::vector<int>> users(n);
  std::vector<int> waiting(edges_.size(), 0);
  std::vector<std::int64_t> edge_cost(edges_.size(), 0);
  std::vector<int> edge_origin(edges_.size(), -1);
  using Item = std::tuple<std::int64_t, int, int>;  // cost, algebra last, edge
  std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;

  auto ready = [&](int ei) {
    const Edge& e = edges_[static_cast<std::size_t>(ei)];
    std::int64_t sum = 0;
    std::vector<int> seen;
    bool all_known = true;
    int origin = e.kind == Edge::Kind::Given ? e.clause : e.kind == Edge::Kind::Established ? -2 : -3;
    for (std::size_t k = 0; k < e.premises.size(); ++k) {
      const int p = e.premises[k];
      if (std::find(seen.begin(), seen.end(), p) != seen.end()) continue;
      seen.push_back(p);
      sum += cost_[p];
      if (cost_[p] != 0) {
        all_known = false;
        continue;
      }
      if (e.kind == Edge::Kind::Algebra && !e.cited[k]) continue;  // a line identity
      // The origin of a fact of known facts: one clause, several (-1), or the student (-2).
      const int o = origin_[p];
      origin = origin == -3 ? o : origin == -2 || o == -2 ? -2 : origin == o ? o : -1;
    }
    std::int64_t weight = e.kind == Edge::Kind::Rule ? kRuleCost : e.kind == Edge::Kind::Algebra ? kAlgebraCost : 0;
    if (e.kind == Edge::Kind::Algebra) {
      // An equation summed from the facts of one construction is given by it
      // (OB = OC from OA = OB and OA = OC: O is the circumcenter); from two
      // facts at hand it is one step (OD = OB: OD = OA and OA = OB). (Two
      // facts not at hand at 1 too: 1701 steps and 682 algebra on
      // jgex_ag_231's routes against 1689 and 670 this way.)
      const auto cited = std::count(e.cited.begin(), e.cited.end(), true);
      if (all_known) weight = origin >= 0 ? 0 : cited <= 2 ? kRuleCost : kAlgebraCost - 1;
    }
    edge_cost[ei] = sum + weight;
    edge_origin[ei] = origin == -3 ? -1 : origin;
    queue.emplace(edge_cost[ei], e.kind == Edge::Kind::Algebra ? 1 : 0, ei);
  };
  for (std::size_t ei = 0; ei < edges_.size(); ++ei) {
    std::vector<int> distinct = edges_[ei].premises;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    waiting[ei] = static_cast<int>(distinct.size());
    for (int p : distinct) users[p].push_back(static_cast<int>(ei));
    if (distinct.empty()) ready(static_cast<int>(ei));
  }
  while (!queue.empty()) {
    const auto [c, algebra, ei] = queue.top();
    queue.pop();
    const int t = edges_[ei].target;
    if (best_[t] >= 0) continue;
    cost_[t] = c;
    best_[t] = ei;
    origin_[t] = c == 0 ? edge_origin[ei] : -1;
    for (int u : users[t])
      if (--waiting[u] == 0) ready(u);
  }
}

std::optional<int> Routes::node(const Claim& claim) const {
  const auto it = by_key_.find(claim_key(claim.pred, claim.args, claim.number));
  if (it == by_key_.end() || !reachable(it->second)) return std::nullopt;
  return it->second;
}

std::optional<int> Routes::given_clause(int node) const {
  if (!known(node) || origin_[node] == -2) return std::nullopt;
  return origin_[node];
}

int Routes::next_step(int node) const {
  for (;;) {
    int next = -1;
    for (int p : best(node).premises)
      if (!known(p)) {
        next = p;
        break;
      }
    if (next < 0) return node;
    node = next;
  }
}

std::vector<int> Routes::route(int node) const {
  std::vector<char> seen(nodes_.size(), 0);
  std::vector<int> out;
  std::function<void(int)> visit = [&](int v) {
    if (seen[v] || known(v)) return;
    seen[v] = 1;
    const Edge& e = best(v);
    for (int p : e.premises) visit(p);
    if (e.kind == Edge::Kind::Rule || e.kind == Edge::Kind::Algebra) out.push_back(v);
  };
  visit(node);
  return out;
}

std::string Routes::statement(int node) const {
  const Node& n = nodes_[node];
  Statement s;
  s.predicate = std::string(predicate_info(n.pred).name);
  for (PointId p : n.args) s.args.push_back(Argument{true, p, {}, {}});
  if (n.number) s.args.push_back(Argument{false, {}, *n.number, {}});
  return to_text(engine_.problem(), s);
}

std::string Routes::people(int node) const {
  const Node& n = nodes_[node];
  proof::Step step;
  step.pred = n.pred;
  step.args = n.args;
  step.number_arg = n.number;
  return proof::statement_for_people(engine_.problem(), engine_.diagram(), step);
}

std::string Routes::meaning(int node, int clause) const {
  const Node& n = nodes_[node];
  return clause_meaning(engine_.problem(), engine_.catalogue(), clause, claim_key(n.pred, n.args, n.number));
}

std::string Routes::annotated(int node) const {
  const std::optional<int> clause = given_clause(node);
  if (!clause) return people(node);
  if (*clause < 0) return people(node) + " (given)";
  return people(node) + " (given: " + meaning(node, *clause) + ")";
}

std::string Routes::given_by(int node) const {
  const std::optional<int> clause = given_clause(node);
  if (!clause || *clause < 0) return "";
  const std::string text = clause_text(engine_.problem(), *clause), m = meaning(node, *clause);
  // "O is the circumcenter of ABC" reads "o = circle o a b c makes O the circumcenter of ABC".
  const std::size_t space = m.find(' ');
  if (space != std::string::npos && m.compare(space, 4, " is ") == 0)
    return text + " makes " + m.substr(0, space) + m.substr(space + 3);
  return text + " (" + m + ")";
}

std::string Routes::reason(int node) const {
  const Edge& e = best(node);
  switch (e.kind) {
    case Edge::Kind::Rule: return engine_.rules().at(e.rule).title;
    case Edge::Kind::Algebra:
      if (known(node)) return "given";
      return e.table == engine::Justification::Table::Angles      ? "angle chasing"
             : e.table == engine::Justification::Table::Distances ? "distance chasing along a line"
                                                                  : "ratio chasing";
    case Edge::Kind::Given: return "given";
    case Edge::Kind::Established: return "established";
    case Edge::Kind::Bookkeeping: return "same line or circle";
  }
  return "";
}

std::string Routes::rule_name(int node) const {
  const Edge& e = best(node);
  return e.kind == Edge::Kind::Rule ? engine_.rules().at(e.rule).name : std::string();
}

std::vector<std::string> Routes::uses(int node) const {
  const Edge& e = best(node);
  std::vector<std::string> out;
  for (std::size_t k = 0; k < e.premises.size(); ++k)
    if (e.kind != Edge::Kind::Algebra || e.cited[k]) out.push_back(statement(e.premises[k]));
  return out;
}

std::string Routes::step_text(int node) const {
  const Edge& e = best(node);
  std::vector<std::string> facts;
  for (std::size_t k = 0; k < e.premises.size(); ++k)
    if (e.kind != Edge::Kind::Algebra || e.cited[k]) facts.push_back(annotated(e.premises[k]));
  if (e.kind == Edge::Kind::Rule)
    return join(facts) + ", so " + people(node) + " [" + reason(node) + "]";
  if (e.kind == Edge::Kind::Algebra && !known(node))
    return reason(node) + ": " + people(node) + " because " + join(facts);
  return annotated(node);
}

}  // namespace pappus::api
