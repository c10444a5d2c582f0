#include "search/search.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <system_error>
#include <thread>

#include "problem/parser.hpp"
#include "search/search_frontier.hpp"

namespace pappus::search {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// The problem's text without its goals, clauses in order (auxiliary ones
// written as ordinary clauses: they are part of the statement now).
std::string clauses_text(const Problem& p) {
  Problem copy = p;
  copy.goals.clear();
  for (Clause& c : copy.clauses) c.auxiliary = false;
  return to_text(copy);
}

// One clause of `p` in the problem language ("e = on_line e a c, on_line e b d").
std::string clause_text(const Problem& p, const Clause& clause) {
  Problem copy = p;
  copy.goals.clear();
  copy.clauses = {clause};
  copy.clauses[0].auxiliary = false;
  return to_text(copy);
}

// Runs fn(0), ..., fn(n - 1) on up to `jobs` threads, this one included.
template <class Fn>
void parallel_for(std::size_t n, int jobs, Fn fn) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) fn(i);
  };
  std::vector<std::thread> threads;
  const std::size_t wanted = std::min<std::size_t>(n, static_cast<std::size_t>(std::clamp(jobs, 1, kMaxJobs)));
  for (std::size_t j = 1; j < wanted; ++j) {
    try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // the system gives fewer threads: the work runs on those started
    }
  }
  work();
  for (auto& t : threads) t.join();
}

// Sets `halt` when the caller's cancel flag is set or the deadline passes,
// so that saturations running at that moment stop within milliseconds.
class Watchdog {
 public:
  Watchdog(std::atomic<bool>& halt, const std::atomic<bool>* cancel, Clock::time_point deadline)
      : thread_([&halt, cancel, deadline](std::stop_token stop) {
          while (!stop.stop_requested()) {
            if ((cancel && cancel->load()) || Clock::now() >= deadline) {
              halt.store(true);
              return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
          }
        }) {}

 private:
  std::jthread thread_;
};

// One search: the state shared by its phases.
class Search {
 public:
  Search(const dsl::Catalogue& catalogue, const engine::RuleBook& rules, Proposer& proposer,
         const SearchOptions& options, const std::atomic<bool>* cancel)
      : catalogue_(catalogue), rules_(rules), options_(options), cancel_(cancel), proposer_(proposer),
        parallel_proposer_(dynamic_cast<const HeuristicProposer*>(&proposer) != nullptr),
        frontier_(proposer, options, result_.counts) {}

  SearchResult run(const Problem& problem, const Diagram& diagram);

 private:
  struct Child {
    Expansion expansion;
    std::unique_ptr<Node> node;  // null when invalid, a duplicate, or past the node limit
    std::optional<Proposal> first;  // its first batch, proposed on the worker thread
  };

  std::vector<std::string> make_root(const Problem& problem, const Diagram& diagram);
  std::unique_ptr<Node> given_node(const std::vector<std::string>& given);
  std::vector<Child> build(std::vector<Expansion> batch);
  void saturate(std::vector<Child>& children);
  std::unique_ptr<Node> merge(std::vector<Child>& children);
  bool out_of_budget() const;
  // Whether a saturated child gets children of its own.
  bool expandable(const Node& node) const {
    const bool complete = node.stop == engine::StopReason::Saturated || node.stop == engine::StopReason::FactLimit;
    return complete && node.depth < options_.depth && !halt_.load();
  }
  SearchResult finish(std::unique_ptr<Node> proved);

  const dsl::Catalogue& catalogue_;
  const engine::RuleBook& rules_;
  const SearchOptions& options_;
  const std::atomic<bool>* cancel_;
  Proposer& proposer_;
  // The heuristic proposer is thread-safe: it proposes for each child on
  // the thread that saturated it. Others are called on this thread only.
  const bool parallel_proposer_;
  const Clock::time_point t0_ = Clock::now();
  SearchResult result_;
  Frontier frontier_;
  std::unique_ptr<Node> root_;       // returned when nothing proves
  std::size_t base_points_ = 0;      // points of the root
  std::atomic<bool> halt_{false};    // the time is up or the caller cancelled
  std::atomic<bool> out_of_memory_{false};
  bool exhausted_ = false;           // the frontier ran empty
};

// The root: the problem without its auxiliary clauses (unless the engine
// takes them as premises); returns those clauses' texts.
std::vector<std::string> Search::make_root(const Problem& problem, const Diagram& diagram) {
  root_ = std::make_unique<Node>();
  root_->problem = problem;
  root_->diagram = diagram;
  std::vector<std::string> given;
  Problem& p = root_->problem;
  if (!options_.engine.include_auxiliary) {
    std::size_t keep = 0, points = 0;
    while (keep < p.clauses.size() && !p.clauses[keep].auxiliary) ++keep;
    for (std::size_t i = keep; i < p.clauses.size(); ++i) given.push_back(clause_text(problem, p.clauses[i]));
    for (std::size_t i = 0; i < keep; ++i)
      for (PointId q : p.clauses[i].points) points = std::max<std::size_t>(points, q.value + 1);
    if (keep < p.clauses.size()) {  // auxiliary points come last: drop them
      p.clauses.resize(keep);
      p.point_names.resize(points);
      if (p.pins.size() > points) p.pins.resize(points);
      if (root_->diagram.points.size() > points) root_->diagram.points.resize(points);
      if (root_->diagram.built.size() > points) root_->diagram.built.resize(points);
    }
  }
  base_points_ = p.point_count();
  return given;
}

// The root with the given clauses built on its figure, saturated from the
// root's state; null (counted invalid) when a clause does not build.
std::unique_ptr<Node> Search::given_node(const std::vector<std::string>& given) {
  std::unique_ptr<Node> node;
  for (const std::string& clause : given) {
    auto next = extend(node ? *node : *root_, clause, catalogue_, options_.seed);
    if (!next) {
      ++result_.counts.invalid;
      return nullptr;
    }
    node = std::move(*next);
  }
  const auto ts = Clock::now();
  node->engine = std::make_unique<engine::Engine>(*root_->engine, node->problem, node->diagram);
  node->stop = node->engine->run(&halt_);
  result_.incremental_seconds += since(ts);
  ++result_.nodes;
  return node;
}

// Phase 1, in parallel: each expansion's child built on its parent's
// figure; then, in order, the invalid ones, the duplicates and those past
// the node limit are dropped.
std::vector<Search::Child> Search::build(std::vector<Expansion> batch) {
  std::vector<Child> children(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) children[i].expansion = std::move(batch[i]);
  std::vector<std::unique_ptr<Node>> built(children.size());  // null: invalid
  parallel_for(children.size(), options_.jobs, [&](std::size_t i) {
    const Expansion& e = children[i].expansion;
    const Node& parent = frontier_.node(e.slot);
    auto child = extend(parent, e.candidate.clause, catalogue_, options_.seed + parent.depth + 1);
    if (child) built[i] = std::move(*child);
  });
  std::int64_t room = options_.max_nodes - result_.nodes;
  for (std::size_t i = 0; i < children.size(); ++i) {
    if (!built[i]) {
      ++result_.counts.invalid;
      continue;
    }
    std::unique_ptr<Node> node = std::move(built[i]);
    const Expansion& e = children[i].expansion;
    if (!frontier_.new_landing(e.slot, node->diagram.points.back(), node->diagram.scale) ||
        !frontier_.new_point_set(*node, base_points_)) {
      ++result_.counts.duplicates;
      continue;
    }
    if (room <= 0) continue;  // past the node limit: not saturated
    --room;
    node->depth = frontier_.node(e.slot).depth + 1;
    node->score = e.score;
    children[i].node = std::move(node);
  }
  return children;
}

// Phase 2, in parallel: each child saturated from a copy of its parent's
// engine, until done or the search halts.
void Search::saturate(std::vector<Child>& children) {
  std::vector<double> seconds(children.size(), 0);
  parallel_for(children.size(), options_.jobs, [&](std::size_t i) {
    Node* child = children[i].node.get();
    if (!child || halt_.load() || out_of_memory_.load()) return;
    const auto ts = Clock::now();
    child->engine = std::make_unique<engine::Engine>(*frontier_.node(children[i].expansion.slot).engine,
                                                     child->problem, child->diagram);
    child->stop = child->engine->run(&halt_);
    if (child->stop == engine::StopReason::MemoryLimit) out_of_memory_.store(true);
    if (parallel_proposer_ && expandable(*child)) children[i].first = Frontier::first_batch(proposer_, *child, options_);
    seconds[i] = since(ts);
  });
  for (double s : seconds) result_.incremental_seconds += s;
}

// Phase 3, in queue order: counts each saturated child; returns the first
// that proves; queues the others that may have children of their own.
std::unique_ptr<Node> Search::merge(std::vector<Child>& children) {
  int last_depth = 0;
  for (Child& c : children) {
    if (!c.node || !c.node->engine) continue;
    std::unique_ptr<Node> node = std::move(c.node);
    ++result_.nodes;
    last_depth = node->depth;
    result_.counts.max_depth = std::max<std::int64_t>(result_.counts.max_depth, node->depth);
    if (node->stop == engine::StopReason::Proved) return node;
    if (!expandable(*node)) continue;
    if (c.first) frontier_.add(std::move(node), std::move(*c.first));
    else frontier_.add(std::move(node));
  }
  frontier_.release();
  if (options_.on_progress) options_.on_progress(last_depth, result_.nodes);
  return nullptr;
}

bool Search::out_of_budget() const {
  return halt_.load() || since(t0_) > options_.time_limit_s || (cancel_ && cancel_->load()) ||
         out_of_memory_.load() || result_.nodes >= options_.max_nodes;
}

SearchResult Search::finish(std::unique_ptr<Node> proved) {
  SearchResult& r = result_;
  r.proved = proved != nullptr;
  r.seconds = since(t0_);
  r.rejected = r.counts.invalid + r.counts.duplicates;
  if (r.proved) {
    r.stop = engine::StopReason::Proved;
    r.first_proof_seconds = r.seconds;
    r.solution = std::move(proved);
    return std::move(r);
  }
  if (r.ddar_stop != engine::StopReason::Saturated || options_.depth <= 0) r.stop = r.ddar_stop;
  else if (cancel_ && cancel_->load()) r.stop = engine::StopReason::Cancelled;
  else if (out_of_memory_.load()) r.stop = engine::StopReason::MemoryLimit;
  else if (r.nodes >= options_.max_nodes) r.stop = engine::StopReason::NodeLimit;
  else if (exhausted_) r.stop = engine::StopReason::Saturated;
  else r.stop = engine::StopReason::TimeLimit;
  r.solution = std::move(root_);
  return std::move(r);
}

SearchResult Search::run(const Problem& problem, const Diagram& diagram) {
  const std::vector<std::string> given = make_root(problem, diagram);
  Node& root = *root_;
  root.engine = std::make_unique<engine::Engine>(root.problem, root.diagram, catalogue_, rules_, options_.engine);
  root.stop = root.engine->run(cancel_);
  result_.ddar_stop = root.stop;
  if (options_.on_progress) options_.on_progress(0, 0);
  if (root.stop == engine::StopReason::Proved) {
    result_.ddar_only = true;
    return finish(std::move(root_));
  }
  // The given clauses are built even with depth 0 (deduction only): they
  // are the problem's, not the search's.
  const bool use_given = options_.given_aux && !given.empty();
  if (root.stop != engine::StopReason::Saturated || (options_.depth <= 0 && !use_given)) return finish(nullptr);

  const auto budget = std::chrono::duration<double>(std::max(0.0, options_.time_limit_s));
  const Watchdog watchdog(halt_, cancel_, t0_ + std::chrono::duration_cast<Clock::duration>(budget));
  std::unique_ptr<Node> start = use_given && !out_of_budget() ? given_node(given) : nullptr;
  if (start && start->stop == engine::StopReason::Proved) return finish(std::move(start));
  if (start && start->stop == engine::StopReason::MemoryLimit) out_of_memory_.store(true);
  if (options_.depth <= 0) return finish(nullptr);
  if (start) frontier_.add(std::move(start));
  else frontier_.add_borrowed(root);

  const std::size_t round = static_cast<std::size_t>(std::max({options_.beam, options_.jobs, 1}));
  while (!out_of_budget()) {
    if (frontier_.empty()) {
      exhausted_ = true;
      break;
    }
    std::vector<Child> children = build(frontier_.take(round));
    saturate(children);
    if (auto proved = merge(children)) return finish(std::move(proved));
  }
  return finish(nullptr);
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
  node->depth = parent.depth;
  return node;
}

SearchResult solve(const Problem& problem, const Diagram& diagram, const dsl::Catalogue& catalogue,
                   const engine::RuleBook& rules, Proposer& proposer, const SearchOptions& options,
                   const std::atomic<bool>* cancel) {
  Search search(catalogue, rules, proposer, options, cancel);
  return search.run(problem, diagram);
}

}  // namespace pappus::search
