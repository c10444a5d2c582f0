#include "dsl/recipe.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <complex>

#include "geometry/tolerance.hpp"

namespace pappus::dsl {

namespace {

using geo::Circle;
using geo::Line;
using geo::Vec2;
using T = Type;

// Operators are functions too; they are typed by their operands at compile time.
// In four groups, each starting a line (Evaluator::call dispatches on them):
// arithmetic, points, lines and circles, measures.
enum Builtin : int {
  kAdd, kSub, kMul, kDiv, kNeg,
  kRandom, kRandomOn, kUniform, kMidpoint, kMirror, kFoot, kReflect, kRotate, kCircumcenter, kOrthocenter, kIncenter,
  kExcenter, kSimpoint, kMeet, kOther,
  kLine, kRay, kSegment, kPline, kTline, kBline, kBisector, kCircle, kCircleR, kCircum, kDia, kApollonius,
  kDist, kAngle, kDirangle, kSqrt, kExtTangents, kIntTangents, kTangentCircle,
};

const std::vector<Function> kFunctions = {
    {"+", {}, T::Number, "sum of points (as vectors) or numbers"},
    {"-", {}, T::Number, "difference of points (as vectors) or numbers"},
    {"*", {}, T::Number, "product of numbers, or a point scaled by a number"},
    {"/", {}, T::Number, "quotient of numbers, or a point divided by a number"},
    {"neg", {}, T::Number, "negation"},
    {"random", {}, T::Point, "a random point in the square [-1,1]^2"},
    {"random_on", {T::Curve}, T::Point, "a random point on a line, ray, segment or circle"},
    {"uniform", {T::Number, T::Number}, T::Number, "a random number between the two bounds"},
    {"midpoint", {T::Point, T::Point}, T::Point, "midpoint of ab"},
    {"mirror", {T::Point, T::Point}, T::Point, "a reflected through point b"},
    {"foot", {T::Point, T::Line}, T::Point, "foot of the perpendicular from p to a line"},
    {"reflect", {T::Point, T::Line}, T::Point, "p reflected in a line"},
    {"rotate", {T::Point, T::Point, T::Number}, T::Point, "p turned about a center, counterclockwise, radians"},
    {"circumcenter", {T::Point, T::Point, T::Point}, T::Point, "center of the circle through a, b, c"},
    {"orthocenter", {T::Point, T::Point, T::Point}, T::Point, "common point of the altitudes of abc"},
    {"incenter", {T::Point, T::Point, T::Point}, T::Point, "common point of the internal bisectors of abc"},
    {"excenter", {T::Point, T::Point, T::Point}, T::Point, "center of the excircle of abc opposite a"},
    {"simpoint", {T::Point, T::Point, T::Point, T::Point, T::Point}, T::Point,
     "simpoint(a, b, p, q, r): the x making triangle abx directly similar to pqr"},
    {"meet", {T::Curve, T::Curve}, T::Point, "an intersection of two curves (a new point preferred)"},
    {"other", {T::Curve, T::Curve, T::Point}, T::Point, "the intersection of two curves other than p"},
    {"line", {T::Point, T::Point}, T::Line, "the line ab"},
    {"ray", {T::Point, T::Point}, T::Line, "the ray from a through b"},
    {"segment", {T::Point, T::Point}, T::Line, "the segment ab"},
    {"pline", {T::Point, T::Point, T::Point}, T::Line, "pline(p, a, b): the line through p parallel to ab"},
    {"tline", {T::Point, T::Point, T::Point}, T::Line, "tline(p, a, b): the line through p perpendicular to ab"},
    {"bline", {T::Point, T::Point}, T::Line, "the perpendicular bisector of ab"},
    {"bisector", {T::Point, T::Point, T::Point}, T::Line, "bisector(a, b, c): the internal bisector ray of angle abc"},
    {"circle", {T::Point, T::Point}, T::Circle, "circle(o, a): centered o through a"},
    {"circle_r", {T::Point, T::Number}, T::Circle, "circle_r(o, r): centered o with radius r"},
    {"circum", {T::Point, T::Point, T::Point}, T::Circle, "the circle through a, b, c"},
    {"dia", {T::Point, T::Point}, T::Circle, "the circle with diameter ab"},
    {"apollonius", {T::Point, T::Point, T::Number}, T::Curve,
     "apollonius(a, b, r): the points x with XA/XB = r (a line when r = 1)"},
    {"dist", {T::Point, T::Point}, T::Number, "the distance AB"},
    {"angle", {T::Point, T::Point, T::Point}, T::Number,
     "angle(a, o, b): the signed angle from ray oa to ray ob, in (-pi, pi]"},
    {"dirangle", {T::Point, T::Point, T::Point, T::Point}, T::Number,
     "dirangle(a, b, c, d): the signed angle from vector ab to vector cd"},
    {"sqrt", {T::Number}, T::Number, "square root"},
    {"ext_tangents", {T::Circle, T::Circle, T::Number}, T::Points,
     "touch points (on the first circle, on the second) of external common tangent 0 or 1"},
    {"int_tangents", {T::Circle, T::Circle, T::Number}, T::Points,
     "touch points (on the first circle, on the second) of internal common tangent 0 or 1"},
    {"tangent_circle", {T::Point, T::Point, T::Point, T::Point}, T::Points,
     "tangent_circle(a, b, c, o): the circle in angle acb tangent to lines ca, cb and inside the circle "
     "centered o through a; gives its touch points on ca, cb, the outer circle, then its center"},
};

bool accepts(Type param, Type arg) {
  if (param == arg) return true;
  return param == T::Curve && (arg == T::Line || arg == T::Circle);
}

// ---- Compilation ----------------------------------------------------------

class Compiler {
 public:
  Compiler(std::string_view text, const std::vector<SlotInfo>& slots, Recipe& recipe, const std::string& file,
           int line)
      : text_(text), slots_(slots), recipe_(recipe), file_(file), line_(line) {}

  Expected<int> run() {
    auto root = expr();
    if (!root) return root;
    skip_space();
    if (pos_ != text_.size()) return fail("unexpected text in expression", std::string(text_.substr(pos_)));
    return root;
  }

 private:
  Error fail(std::string message, std::string token = "", std::string hint = "") const {
    return Error{std::move(message), file_, {line_, 0}, std::move(token), std::move(hint)};
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  int add(Node n) {
    recipe_.nodes.push_back(std::move(n));
    return static_cast<int>(recipe_.nodes.size()) - 1;
  }

  Expected<int> op(int fn, int a, int b) {
    const Type ta = recipe_.nodes[a].type, tb = recipe_.nodes[b].type;
    Type result;
    if (ta == T::Number && tb == T::Number) {
      result = T::Number;
    } else if ((fn == kAdd || fn == kSub) && ta == T::Point && tb == T::Point) {
      result = T::Point;
    } else if (fn == kMul && ((ta == T::Point && tb == T::Number) || (ta == T::Number && tb == T::Point))) {
      result = T::Point;
    } else if (fn == kDiv && ta == T::Point && tb == T::Number) {
      result = T::Point;
    } else {
      return fail(std::string("operator ") + std::string(kFunctions[fn].name) + " does not apply to " +
                  std::string(type_name(ta)) + " and " + std::string(type_name(tb)));
    }
    return add(Node{Node::Kind::Call, result, -1, 0, fn, {a, b}});
  }

  Expected<int> expr() {
    auto left = term();
    if (!left) return left;
    while (true) {
      int fn = eat('+') ? kAdd : eat('-') ? kSub : -1;
      if (fn < 0) return left;
      auto right = term();
      if (!right) return right;
      left = op(fn, *left, *right);
      if (!left) return left;
    }
  }

  Expected<int> term() {
    auto left = unary();
    if (!left) return left;
    while (true) {
      int fn = eat('*') ? kMul : eat('/') ? kDiv : -1;
      if (fn < 0) return left;
      auto right = unary();
      if (!right) return right;
      left = op(fn, *left, *right);
      if (!left) return left;
    }
  }

  // Every level of nesting (parentheses, signs, calls) passes here; a
  // limit keeps damaged text from exhausting the stack.
  Expected<int> unary() {
    if (depth_ >= kMaxDepth)
      return fail("expression nested too deeply", "", "at most " + std::to_string(kMaxDepth) +
                                                          " levels of parentheses, signs and calls");
    ++depth_;
    auto out = signed_primary();
    --depth_;
    return out;
  }

  Expected<int> signed_primary() {
    if (eat('-')) {
      auto inner = unary();
      if (!inner) return inner;
      const Type t = recipe_.nodes[*inner].type;
      if (t != T::Number && t != T::Point) return fail("cannot negate a " + std::string(type_name(t)));
      return add(Node{Node::Kind::Call, t, -1, 0, kNeg, {*inner}});
    }
    return primary();
  }

  Expected<int> primary() {
    skip_space();
    if (eat('(')) {
      auto inner = expr();
      if (!inner) return inner;
      if (!eat(')')) return fail("missing ')'");
      return inner;
    }
    if (pos_ >= text_.size()) return fail("expression ends too early");
    const char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      std::size_t end = pos_;
      while (end < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[end])) || text_[end] == '.')) ++end;
      double v = 0;
      auto [ptr, ec] = std::from_chars(text_.data() + pos_, text_.data() + end, v);
      if (ec != std::errc() || ptr != text_.data() + end) return fail("bad number", std::string(text_.substr(pos_, end - pos_)));
      pos_ = end;
      return add(Node{Node::Kind::Number, T::Number, -1, v, -1, {}});
    }
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '_')) return fail("unexpected character", std::string(1, c));
    std::size_t end = pos_;
    while (end < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) ++end;
    const std::string name(text_.substr(pos_, end - pos_));
    pos_ = end;
    if (!eat('(')) {
      if (name == "pi") return add(Node{Node::Kind::Number, T::Number, -1, geo::kPi, -1, {}});
      for (std::size_t i = 0; i < slots_.size(); ++i)
        if (slots_[i].name == name) return add(Node{Node::Kind::Slot, slots_[i].type, static_cast<int>(i), 0, -1, {}});
      return fail("unknown name in expression", name, "use a parameter of the construction or an earlier 'let'");
    }
    int fn = -1;
    for (std::size_t i = kRandom; i < kFunctions.size(); ++i)
      if (kFunctions[i].name == name) fn = static_cast<int>(i);
    if (fn < 0) return fail("unknown function", name, "see the function list in dsl/README.md");
    std::vector<int> args;
    if (!eat(')')) {
      do {
        auto a = expr();
        if (!a) return a;
        args.push_back(*a);
      } while (eat(','));
      if (!eat(')')) return fail("missing ')' after the arguments of " + name);
    }
    const Function& f = kFunctions[fn];
    if (args.size() != f.params.size())
      return fail(name + " takes " + std::to_string(f.params.size()) + " arguments, not " + std::to_string(args.size()),
                  name, std::string(f.doc));
    for (std::size_t i = 0; i < args.size(); ++i)
      if (!accepts(f.params[i], recipe_.nodes[args[i]].type))
        return fail("argument " + std::to_string(i + 1) + " of " + name + " must be a " +
                        std::string(type_name(f.params[i])) + ", not a " +
                        std::string(type_name(recipe_.nodes[args[i]].type)),
                    name, std::string(f.doc));
    return add(Node{Node::Kind::Call, f.result, -1, 0, fn, std::move(args)});
  }

  std::string_view text_;
  const std::vector<SlotInfo>& slots_;
  Recipe& recipe_;
  const std::string& file_;
  int line_;
  std::size_t pos_ = 0;
  int depth_ = 0;  // unary() calls in progress
  static constexpr int kMaxDepth = 100;
};

// ---- Evaluation -------------------------------------------------------------

using Z = std::complex<double>;
Z to_z(const Vec2& v) { return {v.x(), v.y()}; }
Vec2 to_v(const Z& z) { return {z.real(), z.imag()}; }

struct Fail {
  std::string reason;
};

// Evaluation either yields a value or a degenerate-sample reason.
using Out = std::variant<Value, Fail>;

bool tiny(double x, double scale) { return !(std::abs(x) > tolerance::kRoundoff * std::max(1.0, scale)); }

std::vector<Vec2> intersections(const Value& a, const Value& b) {
  if (auto* la = std::get_if<Line>(&a)) {
    if (auto* lb = std::get_if<Line>(&b)) return geo::intersect(*la, *lb);
    return geo::intersect(*la, std::get<Circle>(b));
  }
  if (auto* lb = std::get_if<Line>(&b)) return geo::intersect(*lb, std::get<Circle>(a));
  return geo::intersect(std::get<Circle>(a), std::get<Circle>(b));
}

std::optional<std::vector<Vec2>> common_tangent(const Circle& c1, const Circle& c2, int which, bool internal) {
  const Vec2 v = c2.c - c1.c;
  const double d = v.norm();
  if (!(d > tolerance::kRoundoff)) return std::nullopt;
  const double cosphi = (internal ? c1.r + c2.r : c1.r - c2.r) / d;
  if (std::abs(cosphi) >= 1) return std::nullopt;
  const double phi = std::acos(cosphi) * (which == 0 ? 1 : -1);
  const Vec2 n = geo::rotate(v / d, Vec2::Zero(), phi);
  return std::vector<Vec2>{c1.c + c1.r * n, c2.c + (internal ? -c2.r : c2.r) * n};
}

class Evaluator {
 public:
  Evaluator(const Recipe& r, const std::vector<Value>& slots, EvalContext& ctx) : r_(r), slots_(slots), ctx_(ctx) {}

  Out eval(int id) {
    const Node& n = r_.nodes[id];
    switch (n.kind) {
      case Node::Kind::Number: return Value(n.number);
      case Node::Kind::Slot: return slots_[n.slot];
      case Node::Kind::Call: break;
    }
    std::vector<Value> a;
    a.reserve(n.args.size());
    for (int c : n.args) {
      Out v = eval(c);
      if (auto* f = std::get_if<Fail>(&v)) return *f;
      a.push_back(std::move(std::get<Value>(v)));
    }
    return call(n.function, a);
  }

 private:
  static double num(const Value& v) { return std::get<double>(v); }
  static const Vec2& pt(const Value& v) { return std::get<Vec2>(v); }

  double scale() const { return ctx_.scale(); }

  Out line_or_fail(const Vec2& p, const Vec2& dir, Line::Extent extent, double length, const char* what) {
    const double n = dir.norm();
    if (tiny(n, scale())) return Fail{std::string(what) + ": the defining points coincide"};
    return Value(Line{p, dir / n, extent, length});
  }

  Out call(int fn, const std::vector<Value>& a) {
    if (fn < kRandom) return arithmetic(fn, a);
    if (fn < kLine) return point(fn, a);
    if (fn < kDist) return curve(fn, a);
    return measure(fn, a);
  }

  // Numbers and vectors: + - * / and negation.
  Out arithmetic(int fn, const std::vector<Value>& a) {
    switch (fn) {
      case kAdd:
        if (a[0].index() == 0) return Value(num(a[0]) + num(a[1]));
        return Value(Vec2(pt(a[0]) + pt(a[1])));
      case kSub:
        if (a[0].index() == 0) return Value(num(a[0]) - num(a[1]));
        return Value(Vec2(pt(a[0]) - pt(a[1])));
      case kMul:
        if (a[0].index() == 0 && a[1].index() == 0) return Value(num(a[0]) * num(a[1]));
        if (a[0].index() == 0) return Value(Vec2(num(a[0]) * pt(a[1])));
        return Value(Vec2(pt(a[0]) * num(a[1])));
      case kDiv: {
        const double d = num(a[1]);
        if (d == 0) return Fail{"division by zero"};
        if (a[0].index() == 0) return Value(num(a[0]) / d);
        return Value(Vec2(pt(a[0]) / d));
      }
      case kNeg:
        if (a[0].index() == 0) return Value(-num(a[0]));
        return Value(Vec2(-pt(a[0])));
    }
    return Fail{"unknown function"};
  }

  // Points: random, constructed from others, or where two curves meet.
  Out point(int fn, const std::vector<Value>& a) {
    switch (fn) {
      case kRandom: return Value(Vec2(ctx_.uniform(-1, 1), ctx_.uniform(-1, 1)));
      case kRandomOn: return Value(random_point_on(a[0], ctx_));
      case kUniform: return Value(ctx_.uniform(num(a[0]), num(a[1])));
      case kMidpoint: return Value(Vec2((pt(a[0]) + pt(a[1])) / 2));
      case kMirror: return Value(Vec2(2 * pt(a[1]) - pt(a[0])));
      case kFoot: return Value(geo::foot(pt(a[0]), std::get<Line>(a[1])));
      case kReflect: return Value(geo::reflect(pt(a[0]), std::get<Line>(a[1])));
      case kRotate: return Value(geo::rotate(pt(a[0]), pt(a[1]), num(a[2])));
      case kCircumcenter: {
        auto c = geo::circumcircle(pt(a[0]), pt(a[1]), pt(a[2]));
        if (!c) return Fail{"circumcenter: the three points are collinear"};
        return Value(c->c);
      }
      case kOrthocenter: {
        auto c = geo::circumcircle(pt(a[0]), pt(a[1]), pt(a[2]));
        if (!c) return Fail{"orthocenter: the three points are collinear"};
        return Value(Vec2(pt(a[0]) + pt(a[1]) + pt(a[2]) - 2 * c->c));
      }
      case kIncenter:
      case kExcenter: {
        const Vec2 &A = pt(a[0]), &B = pt(a[1]), &C = pt(a[2]);
        const double la = (B - C).norm() * (fn == kExcenter ? -1 : 1), lb = (C - A).norm(), lc = (A - B).norm();
        const double sum = la + lb + lc;
        if (tiny(geo::cross(B - A, C - A), scale() * scale()) || tiny(sum, scale()))
          return Fail{"incircle: the three points are collinear"};
        return Value(Vec2((la * A + lb * B + lc * C) / sum));
      }
      case kSimpoint: {
        const Z p = to_z(pt(a[2])), q = to_z(pt(a[3])), r = to_z(pt(a[4]));
        if (tiny(std::abs(q - p), scale())) return Fail{"simpoint: the reference triangle is degenerate"};
        const Z A = to_z(pt(a[0])), B = to_z(pt(a[1]));
        return Value(to_v(A + (B - A) * (r - p) / (q - p)));
      }
      case kMeet:
      case kOther: {
        std::vector<Vec2> xs = intersections(a[0], a[1]);
        if (fn == kOther) {
          const Vec2& p = pt(a[2]);
          std::erase_if(xs, [&](const Vec2& x) { return (x - p).norm() < tolerance::kCoarse * std::max(1.0, scale()); });
        }
        if (xs.empty()) return Fail{"the curves do not meet"};
        return Value(ctx_.choose(xs));
      }
    }
    return Fail{"unknown function"};
  }

  // Lines and circles.
  Out curve(int fn, const std::vector<Value>& a) {
    switch (fn) {
      case kLine: return line_or_fail(pt(a[0]), pt(a[1]) - pt(a[0]), Line::Extent::Full, 0, "line");
      case kRay: return line_or_fail(pt(a[0]), pt(a[1]) - pt(a[0]), Line::Extent::Ray, 0, "ray");
      case kSegment:
        return line_or_fail(pt(a[0]), pt(a[1]) - pt(a[0]), Line::Extent::Segment, (pt(a[1]) - pt(a[0])).norm(),
                            "segment");
      case kPline: return line_or_fail(pt(a[0]), pt(a[2]) - pt(a[1]), Line::Extent::Full, 0, "parallel");
      case kTline: return line_or_fail(pt(a[0]), geo::rot90(pt(a[2]) - pt(a[1])), Line::Extent::Full, 0, "perpendicular");
      case kBline:
        return line_or_fail((pt(a[0]) + pt(a[1])) / 2, geo::rot90(pt(a[1]) - pt(a[0])), Line::Extent::Full, 0,
                            "perpendicular bisector");
      case kBisector: {
        const Vec2 u = pt(a[0]) - pt(a[1]), v = pt(a[2]) - pt(a[1]);
        if (tiny(u.norm(), scale()) || tiny(v.norm(), scale())) return Fail{"bisector: the angle is degenerate"};
        return line_or_fail(pt(a[1]), u.normalized() + v.normalized(), Line::Extent::Ray, 0, "bisector");
      }
      case kCircle: {
        const double r = (pt(a[1]) - pt(a[0])).norm();
        if (tiny(r, scale())) return Fail{"circle: the radius is zero"};
        return Value(Circle{pt(a[0]), r});
      }
      case kCircleR: {
        const double r = num(a[1]);
        if (!(r > 0) || tiny(r, scale())) return Fail{"circle: the radius is zero"};
        return Value(Circle{pt(a[0]), r});
      }
      case kCircum: {
        auto c = geo::circumcircle(pt(a[0]), pt(a[1]), pt(a[2]));
        if (!c) return Fail{"circle through three collinear points"};
        return Value(*c);
      }
      case kDia: {
        const double r = (pt(a[1]) - pt(a[0])).norm() / 2;
        if (tiny(r, scale())) return Fail{"circle on a diameter of length zero"};
        return Value(Circle{(pt(a[0]) + pt(a[1])) / 2, r});
      }
      case kApollonius: {
        const Vec2 &A = pt(a[0]), &B = pt(a[1]);
        const double k = num(a[2]);
        if (!(k > 0)) return Fail{"apollonius: the ratio must be positive"};
        if (std::abs(k - 1) < tolerance::kSingular) return line_or_fail((A + B) / 2, geo::rot90(B - A), Line::Extent::Full, 0, "bisector");
        const Vec2 p = (A + k * B) / (1 + k), q = (A - k * B) / (1 - k);
        const double r = (p - q).norm() / 2;
        if (tiny(r, scale())) return Fail{"apollonius: the points coincide"};
        return Value(Circle{(p + q) / 2, r});
      }
    }
    return Fail{"unknown function"};
  }

  // Measures (distances, angles, square roots) and tangents.
  Out measure(int fn, const std::vector<Value>& a) {
    switch (fn) {
      case kDist: return Value((pt(a[0]) - pt(a[1])).norm());
      case kAngle: return Value(geo::angle_between(pt(a[0]) - pt(a[1]), pt(a[2]) - pt(a[1])));
      case kDirangle: return Value(geo::angle_between(pt(a[1]) - pt(a[0]), pt(a[3]) - pt(a[2])));
      case kSqrt:
        if (num(a[0]) < 0) return Fail{"square root of a negative number"};
        return Value(std::sqrt(num(a[0])));
      case kExtTangents:
      case kIntTangents: {
        // Tangent 0, or 1 for any other number (no int cast: it may not fit).
        const int which = std::abs(num(a[2])) < 1 ? 0 : 1;
        auto t = common_tangent(std::get<Circle>(a[0]), std::get<Circle>(a[1]), which, fn == kIntTangents);
        if (!t) return Fail{"the circles have no such common tangent"};
        return Value(std::move(*t));
      }
      case kTangentCircle: return tangent_circle(pt(a[0]), pt(a[1]), pt(a[2]), pt(a[3]));
    }
    return Fail{"unknown function"};
  }

  // The circle tangent to lines ca and cb, inside and tangent to the circle
  // centered o through a: its center lies on the bisector of angle acb.
  Out tangent_circle(const Vec2& a, const Vec2& b, const Vec2& c, const Vec2& o) {
    const Vec2 ua = a - c, ub = b - c;
    if (tiny(ua.norm(), scale()) || tiny(ub.norm(), scale()) || tiny(geo::cross(ua, ub), scale() * scale()))
      return Fail{"tangent circle: the angle is degenerate"};
    const Vec2 u = (ua.normalized() + ub.normalized()).normalized();
    const double s = std::abs(geo::cross(ua.normalized(), u));  // sine of the half angle
    const double R = (a - o).norm();
    const Vec2 co = c - o;
    // |c + t u - o| = R - t s, solved for t > 0.
    const double qa = 1 - s * s, qb = 2 * u.dot(co) + 2 * R * s, qc = co.squaredNorm() - R * R;
    const double disc = qb * qb - 4 * qa * qc;
    if (disc < 0 || !(qa > 0)) return Fail{"tangent circle: no such circle"};
    double t = (-qb + std::sqrt(disc)) / (2 * qa);
    const double t2 = (-qb - std::sqrt(disc)) / (2 * qa);
    if (t2 > 0 && t2 < t) t = t2;
    if (!(t > 0) || !(R - t * s > 0)) return Fail{"tangent circle: no such circle"};
    const Vec2 i = c + t * u;
    const auto la = geo::line_through(c, a), lb = geo::line_through(c, b);
    const Vec2 z = o + R * (i - o).normalized();
    return Value(std::vector<Vec2>{geo::foot(i, *la), geo::foot(i, *lb), z, i});
  }

  const Recipe& r_;
  const std::vector<Value>& slots_;
  EvalContext& ctx_;
};

}  // namespace

std::string_view type_name(Type t) {
  switch (t) {
    case T::Number: return "number";
    case T::Point: return "point";
    case T::Line: return "line";
    case T::Circle: return "circle";
    case T::Curve: return "curve";
    case T::Points: return "list of points";
  }
  return "?";
}

const std::vector<Function>& functions() { return kFunctions; }

Expected<int> compile_expression(std::string_view text, const std::vector<SlotInfo>& slots, Recipe& recipe,
                                 const std::string& file, int line) {
  return Compiler(text, slots, recipe, file, line).run();
}

EvalResult evaluate(const Recipe& recipe, int root, const std::vector<Value>& slots, EvalContext& ctx) {
  Out out = Evaluator(recipe, slots, ctx).eval(root);
  if (auto* f = std::get_if<Fail>(&out)) return {Value(0.0), f->reason};
  return {std::move(std::get<Value>(out)), ""};
}

geo::Vec2 random_point_on(const Value& curve, EvalContext& ctx) {
  if (const auto* c = std::get_if<Circle>(&curve)) {
    const double t = ctx.uniform(0, 2 * geo::kPi);
    return c->c + c->r * Vec2(std::cos(t), std::sin(t));
  }
  const Line& l = std::get<Line>(curve);
  const double s = std::max(1.0, ctx.scale());
  switch (l.extent) {
    case Line::Extent::Full: return l.p + ctx.uniform(-s, s) * l.d;
    case Line::Extent::Ray: return l.p + ctx.uniform(0.2 * s, 1.5 * s) * l.d;
    case Line::Extent::Segment: return l.p + ctx.uniform(0.1, 0.9) * l.length * l.d;
  }
  return l.p;
}

}  // namespace pappus::dsl
