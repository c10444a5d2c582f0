// The saturation loop: rule instances matched once on the diagram, then
// fired round after round while their premises follow, until the goals are
// proved, nothing new follows, or a limit is hit.
#include <chrono>

#include <boost/container/small_vector.hpp>

#include "engine/engine.hpp"
#include "util/memory.hpp"

namespace pappus::engine {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

}  // namespace

bool Engine::goals_proved() {
  if (problem_.goals.empty()) return false;
  for (const Statement& g : problem_.goals)
    if (!knows(g)) return false;
  goal_facts_.clear();
  for (const Statement& g : problem_.goals) {
    std::vector<PointId> args;
    std::optional<Constant> number;
    for (const Argument& a : g.args) {
      if (a.is_point) args.push_back(a.point);
      else number = a.number;
    }
    goal_facts_.push_back(materialize(find_predicate(g.predicate)->id, args, number));
  }
  return true;
}

bool Engine::fire(const Instance& inst, Pending& pending, RoundStats& rs) {
  const Rule& rule = rules_.at(inst.rule);
  // The atom's points under the binding, in a buffer reused across calls
  // (valid until the next bind).
  auto bind = [&](const Atom& atom) -> const std::vector<PointId>& {
    bind_scratch_.clear();
    for (int v : atom.args) bind_scratch_.push_back(inst.binding[v]);
    return bind_scratch_;
  };
  if (pending.failed_premise >= 0 && pending.failed_at == version(rule.premises[pending.failed_premise].pred))
    return false;
  boost::container::small_vector<std::uint32_t, 16> words{inst.rule.value};
  for (PointId p : inst.binding) words.push_back(p.value);
  const std::span<const std::uint32_t> instance_key(words.data(), words.size());
  if (fired_.find(instance_key) != SequenceSet::kAbsent) {
    pending.done = true;
    return false;
  }
  for (std::size_t p = 0; p < rule.premises.size(); ++p) {
    const Atom& atom = rule.premises[p];
    if (!derive(atom.pred, bind(atom), atom.number, false).ok) {
      pending.failed_premise = static_cast<int>(p);
      pending.failed_at = version(atom.pred);
      return false;
    }
  }
  pending.done = true;
  fired_.insert(instance_key);
  ++rs.applications;
  std::vector<FactId> premises;
  for (const Atom& atom : rule.premises) premises.push_back(materialize(atom.pred, bind(atom), atom.number));
  for (const Atom& c : rule.conclusions) {
    if (derive(c.pred, bind(c), c.number, false).ok) continue;
    std::vector<PointId> args = bind(c);
    Justification why;
    why.kind = Justification::Kind::Rule;
    why.rule = inst.rule;
    why.premises = premises;
    const std::size_t before = facts_.size();
    const FactId added = add_fact(c.pred, std::move(args), c.number, std::move(why));
    if (facts_.size() > before) facts_[added.value].binding = inst.binding;
    ++rs.new_facts;
  }
  return true;
}

StopReason Engine::run(const std::atomic<bool>* cancel) {
  const auto t0 = Clock::now();
  std::vector<PointId> ids;
  std::vector<geo::Vec2> coords;
  for (std::size_t i = 0; i < diagram_.points.size(); ++i)
    if (diagram_.built[i]) ids.emplace_back(static_cast<std::uint32_t>(i)), coords.push_back(diagram_.points[i]);
  if (static_cast<int>(ids.size()) > options_.max_points) {
    stats_.seconds = since(t0);
    return StopReason::PointLimit;
  }
  MatchStats ms;
  const std::vector<Instance> instances =
      match_rules(rules_, ids, coords, Tolerance{}, options_.max_instances, options_.time_limit_s, ms, cancel);
  stats_.instances = ms.instances;
  stats_.numeric_rejections = ms.numeric_rejections;
  stats_.match_seconds = since(t0);

  auto finish = [&](StopReason r) {
    stats_.seconds = since(t0);
    stats_.angle_rows = angles_.rows();
    stats_.ratio_rows = ratios_.rows();
    return r;
  };
  if (goals_proved()) return finish(StopReason::Proved);
  auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };
  auto over_memory = [&] {
    return options_.max_memory_mib > 0 && util::resident_mib() > options_.max_memory_mib;
  };
  if (over_memory()) return finish(StopReason::MemoryLimit);
  if (cancelled()) return finish(StopReason::Cancelled);
  if (ms.truncated && since(t0) > options_.time_limit_s) return finish(StopReason::TimeLimit);

  std::vector<Pending> pending(instances.size());
  for (int round = 1;; ++round) {
    const auto tr = Clock::now();
    RoundStats rs;
    rs.round = round;
    for (std::size_t i = 0; i < instances.size(); ++i) {
      if ((i & 255) == 0) {
        if (cancelled()) return finish(StopReason::Cancelled);
        if (since(t0) > options_.time_limit_s) return finish(StopReason::TimeLimit);
        if ((i & 4095) == 0 && over_memory()) return finish(StopReason::MemoryLimit);
      }
      if (pending[i].done) continue;
      if (options_.max_per_round > 0 && rs.applications >= options_.max_per_round) break;
      if (fire(instances[i], pending[i], rs) && static_cast<std::int64_t>(facts_.size()) >= options_.max_facts)
        return finish(StopReason::FactLimit);
    }
    rs.seconds = since(tr);
    stats_.applications += rs.applications;
    stats_.rounds = round;
    stats_.per_round.push_back(rs);
    if (goals_proved()) return finish(StopReason::Proved);
    rs.new_facts += propagate_distances();
    if (goals_proved()) return finish(StopReason::Proved);
    if (rs.new_facts == 0) return finish(StopReason::Saturated);
    if (over_memory()) return finish(StopReason::MemoryLimit);
  }
}

}  // namespace pappus::engine
