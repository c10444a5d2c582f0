#include "proof/configuration.hpp"

#include "geometry/predicate.hpp"

namespace pappus::proof {

namespace {

bool placed(const Diagram& figure, PointId p) { return p.value < figure.points.size() && figure.built[p.value]; }

std::string text_of(const Problem& problem, Pred pred, const std::vector<PointId>& args) {
  std::string s(predicate_info(pred).name);
  for (PointId a : args) s += " " + problem.point_name(a);
  return s;
}

}  // namespace

int direction_sign(Pred pred, const std::vector<PointId>& args, const Diagram& figure) {
  if ((pred != Pred::Cong && pred != Pred::RConst) || args.size() != 4) return 0;
  const auto [p, q, u, v] = distance_segments(pred, args);
  for (PointId x : {p, q, u, v})
    if (!placed(figure, x)) return 0;
  return (figure.at(q) - figure.at(p)).dot(figure.at(v) - figure.at(u)) < 0 ? -1 : 1;
}

Configuration configuration_of(const Proof& proof, const engine::RuleBook& rules) {
  Configuration config;
  for (const Step& s : proof.steps) {
    if (s.kind == Step::Kind::Rule) {
      const int r = rules.index_of(s.rule);
      if (r < 0) continue;
      for (const engine::Atom& c : rules.at(r).conditions) {
        Configuration::Condition cond{c.pred, {}, s.number};
        bool bound = true;
        for (int v : c.args) {
          if (v < 0 || static_cast<std::size_t>(v) >= s.binding.size()) bound = false;
          else cond.args.push_back(s.binding[v]);
        }
        if (bound) config.conditions.push_back(std::move(cond));
      }
    }
    if (s.kind != Step::Kind::Algebra || s.table != Step::Table::Distances) continue;
    // signs[0]: the step's own statement; signs[1 + i]: its i-th use.
    auto direction = [&](Pred pred, const std::vector<PointId>& args, int sign) {
      if (sign == 0 || (pred != Pred::Cong && pred != Pred::RConst) || args.size() != 4) return;
      const auto [p, q, u, v] = distance_segments(pred, args);
      config.directions.push_back({p, q, u, v, sign, s.number});
    };
    if (!s.signs.empty()) direction(s.pred, s.args, s.signs[0]);
    for (std::size_t i = 0; i < s.uses.size() && i + 1 < s.signs.size(); ++i) {
      const int u = s.uses[i];
      if (u < 1 || u > static_cast<int>(proof.steps.size())) continue;
      const Step& used = proof.steps[static_cast<std::size_t>(u - 1)];
      direction(used.pred, used.args, s.signs[i + 1]);
    }
  }
  return config;
}

std::string first_difference(const Configuration& config, const Problem& problem, const Diagram& figure) {
  for (const auto& c : config.conditions) {
    std::vector<geo::Vec2> pts;
    for (PointId p : c.args) {
      if (!placed(figure, p)) return "step " + std::to_string(c.step) + ": a point of its condition is not placed";
      pts.push_back(figure.at(p));
    }
    if (!holds(c.pred, pts, 0)) return "step " + std::to_string(c.step) + ": " + text_of(problem, c.pred, c.args);
  }
  for (const auto& d : config.directions) {
    for (PointId x : {d.p, d.q, d.u, d.v})
      if (!placed(figure, x)) return "step " + std::to_string(d.step) + ": a point of its line is not placed";
    const int sign = (figure.at(d.q) - figure.at(d.p)).dot(figure.at(d.v) - figure.at(d.u)) < 0 ? -1 : 1;
    if (sign != d.sign)
      return "step " + std::to_string(d.step) + ": " + problem.point_name(d.p) + problem.point_name(d.q) + " and " +
             problem.point_name(d.u) + problem.point_name(d.v) + (d.sign > 0 ? " point the same way" : " point opposite ways");
  }
  return "";
}

}  // namespace pappus::proof
