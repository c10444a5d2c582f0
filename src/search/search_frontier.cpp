#include "search/search_frontier.hpp"

#include <algorithm>
#include <cmath>

namespace pappus::search {

namespace {

// A point name the problem does not use yet.
std::string fresh_name(const Problem& p) {
  for (int i = 1;; ++i) {
    const std::string n = "aux" + std::to_string(i);
    if (std::find(p.point_names.begin(), p.point_names.end(), n) == p.point_names.end()) return n;
  }
}

}  // namespace

void Frontier::add(std::unique_ptr<Node> node) {
  Slot s;
  s.node = node.get();
  s.owned = std::move(node);
  open(std::move(s), std::nullopt);
}

void Frontier::add(std::unique_ptr<Node> node, Proposal first) {
  Slot s;
  s.node = node.get();
  s.owned = std::move(node);
  open(std::move(s), std::move(first));
}

void Frontier::add_borrowed(Node& node) {
  Slot s;
  s.node = &node;
  open(std::move(s), std::nullopt);
}

namespace {

int first_limit(const Node& node, const SearchOptions& options) {
  return node.depth == 0 ? options.root_candidates : options.candidates;
}

}  // namespace

Proposal Frontier::first_batch(Proposer& proposer, const Node& node, const SearchOptions& options) {
  return proposer.propose_counted(node.problem, node.diagram, *node.engine, fresh_name(node.problem),
                                  first_limit(node, options));
}

void Frontier::open(Slot s, std::optional<Proposal> first) {
  if (first) take_proposal(s, std::move(*first), first_limit(*s.node, options_));
  else propose(s, first_limit(*s.node, options_));
  slots_.push_back(std::move(s));
  const std::size_t slot = slots_.size() - 1;
  if (!advance(slots_[slot])) {
    slots_[slot].done = true;
    consumed_.push_back(slot);
    return;
  }
  push(slot);
  if (!slots_[slot].owned) return;  // the root is never closed early
  open_.push_back(slot);
  if (++open_count_ > options_.max_open) close_lowest();
}

void Frontier::close_lowest() {
  std::size_t worst = 0;
  double lowest = 0;
  bool found = false;
  std::erase_if(open_, [&](std::size_t slot) { return slots_[slot].done; });
  for (std::size_t slot : open_) {
    const double p = priority(slots_[slot], slots_[slot].next);
    if (!found || p < lowest || (p == lowest && slot > worst)) worst = slot, lowest = p, found = true;
  }
  if (!found) return;
  Slot& s = slots_[worst];
  s.done = true;
  --open_count_;
  ++counts_.closed_early;
  consumed_.push_back(worst);  // freed at release(), once this round's children are built
}

void Frontier::propose(Slot& s, int limit) {
  const Node& n = *s.node;
  take_proposal(s, proposer_.propose_counted(n.problem, n.diagram, *n.engine, fresh_name(n.problem), limit), limit);
}

void Frontier::take_proposal(Slot& s, Proposal p, int limit) {
  ++counts_.proposals_made;
  counts_.proposals += p.stats;
  s.asked = limit;
  s.complete = static_cast<int>(p.candidates.size()) < limit || limit >= options_.max_candidates;
  s.candidates = std::move(p.candidates);
  s.next = 0;
}

bool Frontier::advance(Slot& s) {
  while (true) {
    while (s.next < s.candidates.size() && s.tried.count(s.candidates[s.next].clause)) ++s.next;
    if (s.next < s.candidates.size()) return true;
    if (s.complete || !s.node->engine) return false;
    ++counts_.widenings;
    propose(s, static_cast<int>(std::min<std::int64_t>(4LL * std::max(s.asked, 1), options_.max_candidates)));
  }
}

double Frontier::priority(const Slot& s, std::size_t rank) const {
  return s.node->score - options_.rank_weight * std::log2(1.0 + static_cast<double>(rank)) - options_.depth_penalty;
}

void Frontier::push(std::size_t slot) {
  queue_.push(Entry{priority(slots_[slot], slots_[slot].next), order_++, slot});
}

std::vector<Expansion> Frontier::take(std::size_t n) {
  std::vector<Expansion> out;
  while (out.size() < n && !queue_.empty()) {
    const Entry e = queue_.top();
    queue_.pop();
    Slot& s = slots_[e.slot];
    if (s.done) continue;  // closed early
    Candidate c = s.candidates[s.next];
    s.tried.insert(c.clause);
    ++s.next;
    ++counts_.tried;
    out.push_back(Expansion{e.slot, std::move(c), e.priority});
    // The node's next candidate goes back in the queue, after a widening
    // when this one was the last of its batch.
    if (advance(s)) {
      push(e.slot);
    } else {
      s.done = true;
      if (s.owned) --open_count_;
      consumed_.push_back(e.slot);
    }
  }
  return out;
}

bool Frontier::new_landing(std::size_t slot, const geo::Vec2& at, double scale) {
  std::vector<geo::Vec2>& landed = slots_[slot].landed;
  const double tol = 1e-6 * std::max(1.0, scale);
  if (std::any_of(landed.begin(), landed.end(), [&](const geo::Vec2& q) { return (q - at).norm() < tol; }))
    return false;
  landed.push_back(at);
  return true;
}

bool Frontier::new_point_set(const Node& child, std::size_t base) {
  // Coordinates rounded to a grid far finer than any two distinct points
  // of a figure, sorted: the same points reached in another order.
  const double grid = 1e-7 * std::max(1.0, child.diagram.scale);
  std::vector<std::pair<std::int64_t, std::int64_t>> pts;
  for (std::size_t p = base; p < child.diagram.points.size(); ++p)
    if (p < child.diagram.built.size() && child.diagram.built[p])
      pts.emplace_back(std::llround(child.diagram.points[p].x() / grid), std::llround(child.diagram.points[p].y() / grid));
  std::sort(pts.begin(), pts.end());
  std::vector<std::int64_t> key;
  for (const auto& [x, y] : pts) key.push_back(x), key.push_back(y);
  return point_sets_.insert(std::move(key)).second;
}

void Frontier::release() {
  for (std::size_t slot : consumed_) {
    Slot& s = slots_[slot];
    s.candidates = {};
    s.tried = {};
    s.landed = {};
    s.owned.reset();  // a borrowed node (the root) keeps its engine
  }
  consumed_.clear();
}

}  // namespace pappus::search
