// The search's frontier: the nodes whose candidates are not all tried, and
// a priority queue holding each one's next candidate. Internal to
// search.cpp; used on one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <vector>

#include "search/proposer.hpp"
#include "search/search.hpp"

namespace pappus::search {

// One (node, candidate) taken from the queue.
struct Expansion {
  std::size_t slot = 0;  // the parent's slot in the frontier
  Candidate candidate;
  double score = 0;      // the child's score: the expansion's priority
};

class Frontier {
 public:
  Frontier(Proposer& proposer, const SearchOptions& options, SearchCounts& counts)
      : proposer_(proposer), options_(options), counts_(counts) {}

  // Asks the proposer for the node's first batch (root_candidates at depth 0
  // without given clauses, `candidates` otherwise) and queues its best. The
  // node's engine must be saturated. A borrowed node (the root, returned by
  // the search) keeps its engine when its candidates are all tried.
  void add(std::unique_ptr<Node> node);
  void add_borrowed(Node& node);
  // The same with the first batch already proposed (by first_batch).
  void add(std::unique_ptr<Node> node, Proposal first);

  // The node's first batch, as add asks for it; for a proposer that may be
  // called from several threads at once.
  static Proposal first_batch(Proposer& proposer, const Node& node, const SearchOptions& options);

  // Up to `n` expansions in queue order (best priority first, then first
  // queued). A node whose list runs out is asked for a larger batch
  // (widening) until the proposer has no more or max_candidates is reached.
  std::vector<Expansion> take(std::size_t n);

  const Node& node(std::size_t slot) const { return *slots_[slot].node; }

  // Whether a child of `slot` landing at `at` (its last point) is new
  // among that node's children; records it when it is.
  bool new_landing(std::size_t slot, const geo::Vec2& at, double scale);
  // Whether the child's set of auxiliary points (those past the root's
  // `base` points) was not saturated before, in another order or by other
  // constructions; records it when it is.
  bool new_point_set(const Node& child, std::size_t base);

  // Closes the nodes whose candidates were all taken: frees them (a
  // borrowed node keeps its engine). Call once their children are built.
  void release();

  bool empty() const { return queue_.empty(); }

 private:
  struct Slot {
    Node* node = nullptr;
    std::unique_ptr<Node> owned;     // null for a borrowed node
    std::vector<Candidate> candidates;
    std::size_t next = 0;            // first candidate not taken
    int asked = 0;                   // limit of the last proposal
    bool complete = false;           // the proposer has no more for this node
    std::set<std::string> tried;     // clauses taken (a widened batch repeats them)
    std::vector<geo::Vec2> landed;   // where accepted children's points are
    bool done = false;               // all taken, or closed early: its queue entry (if any) is stale
  };
  struct Entry {
    double priority = 0;
    std::uint64_t order = 0;  // ties: first queued first
    std::size_t slot = 0;
    bool operator<(const Entry& o) const {  // std::priority_queue pops the largest
      return priority != o.priority ? priority < o.priority : order > o.order;
    }
  };

  void open(Slot slot, std::optional<Proposal> first);
  void propose(Slot& s, int limit);
  void take_proposal(Slot& s, Proposal p, int limit);
  // Moves s.next past taken clauses, widening as needed; false when none is left.
  bool advance(Slot& s);
  void push(std::size_t slot);
  // Closes the open node (not the root) whose next expansion ranks lowest.
  void close_lowest();
  double priority(const Slot& s, std::size_t rank) const;

  Proposer& proposer_;
  const SearchOptions& options_;
  SearchCounts& counts_;
  std::vector<Slot> slots_;
  std::priority_queue<Entry> queue_;
  std::uint64_t order_ = 0;
  std::vector<std::size_t> consumed_;               // slots to close at release()
  std::vector<std::size_t> open_;                   // owned slots with a queue entry (some maybe done since)
  std::int64_t open_count_ = 0;                     // of those, the ones not done
  std::set<std::vector<std::int64_t>> point_sets_;  // auxiliary point sets saturated, rounded
};

}  // namespace pappus::search
