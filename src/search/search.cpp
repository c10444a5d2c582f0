#include "search/search.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <system_error>
#include <thread>

#include "problem/parser.hpp"

namespace pappus::search {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A point name the problem does not use yet.
std::string fresh_name(const Problem& p) {
  for (int i = 1;; ++i) {
    const std::string n = "aux" + std::to_string(i);
    if (std::find(p.point_names.begin(), p.point_names.end(), n) == p.point_names.end()) return n;
  }
}

// The problem's text without its goals, clauses in order (auxiliary ones
// written as ordinary clauses: they are part of the statement now).
std::string clauses_text(const Problem& p) {
  Problem copy = p;
  copy.goals.clear();
  for (Clause& c : copy.clauses) c.auxiliary = false;
  return to_text(copy);
}

}  // namespace

Expected<std::unique_ptr<Node>> extend(const Node& parent, const std::string& clause, const dsl::Catalogue& catalogue,
                                       std::uint64_t seed) {
  std::string text = clauses_text(parent.problem) + "; " + clause;
  if (!parent.problem.goals.empty()) {
    text += " ?";
    for (std::size_t g = 0; g < parent.problem.goals.size(); ++g)
      text += (g ? "; " : " ") + to_text(parent.problem, parent.problem.goals[g]);
  }
  auto problem = parse_problem(text, catalogue, {}, parent.problem.name, parent.problem.line);
  if (!problem) return problem.error();
  for (std::size_t i = 0; i < problem->clauses.size(); ++i)
    problem->clauses[i].auxiliary = i < parent.problem.clauses.size() ? parent.problem.clauses[i].auxiliary : true;
  DiagramOptions dopt;
  dopt.seed = seed;
  dopt.include_auxiliary = true;
  dopt.max_attempts = 8;
  auto diagram = extend_diagram(*problem, catalogue, parent.diagram, dopt);
  if (!diagram) return diagram.error();
  if (!diagram->all_goals_hold()) return Error{"the goal is false on the extended figure", "", {}, clause, ""};
  auto node = std::make_unique<Node>();
  node->problem = std::move(*problem);
  node->diagram = std::move(*diagram);
  node->aux = parent.aux;
  node->aux.push_back(clause);
  return node;
}

SearchResult solve(const Problem& problem, const Diagram& diagram, const dsl::Catalogue& catalogue,
                   const engine::RuleBook& rules, Proposer& proposer, const SearchOptions& options,
                   const std::atomic<bool>* cancel) {
  const auto t0 = Clock::now();
  SearchResult result;
  auto root = std::make_unique<Node>();
  root->problem = problem;
  root->diagram = diagram;
  root->engine = std::make_unique<engine::Engine>(root->problem, root->diagram, catalogue, rules, options.engine);
  root->stop = root->engine->run(cancel);
  result.ddar_stop = root->stop;
  if (options.on_progress) options.on_progress(0, 0);
  std::atomic<bool> out_of_memory{false};
  auto finish = [&](std::unique_ptr<Node> node, bool proved) {
    result.proved = proved;
    if (proved) result.stop = engine::StopReason::Proved;
    else if (result.ddar_stop != engine::StopReason::Saturated || options.depth <= 0) result.stop = result.ddar_stop;
    else if (cancel && cancel->load()) result.stop = engine::StopReason::Cancelled;
    else if (out_of_memory.load()) result.stop = engine::StopReason::MemoryLimit;
    else if (result.nodes >= options.max_nodes) result.stop = engine::StopReason::NodeLimit;
    else if (since(t0) > options.time_limit_s) result.stop = engine::StopReason::TimeLimit;
    else result.stop = engine::StopReason::Saturated;
    result.solution = std::move(node);
    result.seconds = since(t0);
    return std::move(result);
  };
  if (root->stop == engine::StopReason::Proved) {
    result.ddar_only = true;
    return finish(std::move(root), true);
  }
  if (root->stop != engine::StopReason::Saturated || options.depth <= 0) return finish(std::move(root), false);

  std::int64_t started = 0;  // children whose saturation began
  auto out_of_time = [&] {
    return since(t0) > options.time_limit_s || (cancel && cancel->load()) || out_of_memory.load() ||
           started >= options.max_nodes;
  };
  // The root stays owned here (returned when nothing proves, whatever limit
  // stops the search); `beam` owns the kept children of the last depth.
  std::vector<std::unique_ptr<Node>> beam;
  std::vector<Node*> frontier{root.get()};
  for (int depth = 1; depth <= options.depth && !out_of_time(); ++depth) {
    std::vector<std::unique_ptr<Node>> children;
    for (Node* node : frontier) {
      if (out_of_time()) break;
      const std::string x = fresh_name(node->problem);
      const int wanted = depth == 1 ? options.root_candidates : options.candidates;
      const auto cands = proposer.propose(node->problem, node->diagram, *node->engine, x, wanted * 4);
      // Validate in order until `wanted` distinct new points are found.
      std::vector<std::unique_ptr<Node>> batch;
      std::vector<geo::Vec2> seen;
      for (const Candidate& c : cands) {
        if (static_cast<int>(batch.size()) >= wanted || out_of_time()) break;
        auto child = extend(*node, c.clause, catalogue, options.seed + static_cast<std::uint64_t>(depth));
        if (!child) {
          ++result.rejected;
          continue;
        }
        const geo::Vec2 at = (*child)->diagram.points.back();
        const bool duplicate = std::any_of(seen.begin(), seen.end(), [&](const geo::Vec2& q) {
          return (q - at).norm() < 1e-6 * std::max(1.0, (*child)->diagram.scale);
        });
        if (duplicate) {
          ++result.rejected;
          continue;
        }
        seen.push_back(at);
        (*child)->score = c.score;
        batch.push_back(std::move(*child));
      }
      // Saturate the batch from the parent's state, on `jobs` threads.
      std::mutex m;
      std::size_t next = 0;
      const auto tb = Clock::now();
      auto work = [&] {
        while (true) {
          std::size_t i;
          {
            std::lock_guard lock(m);
            if (next >= batch.size() || out_of_time()) return;
            i = next++;
            ++started;
          }
          Node& child = *batch[i];
          child.engine = std::make_unique<engine::Engine>(*node->engine, child.problem, child.diagram);
          const auto facts_before = child.engine->facts().size();
          child.stop = child.engine->run(cancel);
          if (child.stop == engine::StopReason::MemoryLimit) out_of_memory.store(true);
          child.score += 0.001 * static_cast<double>(child.engine->facts().size() - facts_before);
        }
      };
      std::vector<std::thread> threads;
      for (int j = 1; j < std::clamp(options.jobs, 1, kMaxJobs); ++j) {
        try {
          threads.emplace_back(work);
        } catch (const std::system_error&) {
          break;  // the system gives fewer threads: the batch runs on those started
        }
      }
      work();
      for (auto& t : threads) t.join();
      result.incremental_seconds += since(tb);
      for (auto& child : batch) {
        if (!child->engine) continue;  // not run (time)
        ++result.nodes;
        if (child->stop == engine::StopReason::Proved) return finish(std::move(child), true);
        children.push_back(std::move(child));
      }
      if (options.on_progress) options.on_progress(depth, result.nodes);
    }
    std::stable_sort(children.begin(), children.end(),
                     [](const auto& a, const auto& b) { return a->score > b->score; });
    if (static_cast<int>(children.size()) > options.beam) children.resize(options.beam);
    beam = std::move(children);
    frontier.clear();
    for (auto& n : beam) frontier.push_back(n.get());
  }
  return finish(std::move(root), false);
}

}  // namespace pappus::search
