// Errors as values.
//
// Every fallible operation of the model returns a Status (or a Result<T>, which holds
// either a T or a non-OK Status). A Status carries:
//   * a code that tells the caller what to do next (see StatusCode),
//   * the offending field, as a JSON path into the request ("title",
//     "context.lineItem.upc", "dscoTradingPartnerIds[2]"), or empty when no single field
//     is to blame,
//   * a human-readable message that names the rule that was broken.
//
// Contract shared by every model operation: when it returns a non-OK Status, the
// model's state is exactly as it was before the call. Only the HTTP layer (fakes/) maps
// codes to HTTP statuses and body shapes.
#ifndef DSCOSIM_MODEL_CORE_STATUS_H_
#define DSCOSIM_MODEL_CORE_STATUS_H_

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace dscosim {

enum class StatusCode : std::uint8_t {
  kOk = 0,
  // The request is malformed or breaks a documented rule. Fix the request; retrying it
  // unchanged fails the same way.
  kInvalidArgument,
  // The named object does not exist, is not visible yet, or is not visible to this
  // caller (the model never tells those apart, so nothing leaks). Check the id; retry
  // later only if the object was just created (post-processing delay).
  kNotFound,
  // A unique key is already taken (a reference id, a client-chosen id).
  kAlreadyExists,
  // The object is in a state that refuses the operation (a closed conversation).
  // Change the object's state first.
  kFailedPrecondition,
  // The caller's role or account may not do this (a supplier setting a retailer field).
  kPermissionDenied,
  // Credentials are missing, invalid or expired. Get a new token and retry.
  kUnauthenticated,
  // A rate limit or quota was exceeded. Back off and retry.
  kResourceExhausted,
  // A transient failure. Retry with exponential backoff.
  kUnavailable,
  // The request body or batch is over its size limit. Split it.
  kTooLarge,
};

// Stable lower-case name of a code, e.g. "invalid_argument".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() = default;
  Status(StatusCode code, std::string field, std::string message);

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // The offending field as a JSON path, or empty.
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }

  // "invalid_argument: title: must be at most 50 characters" (field part omitted when
  // empty). Stable: tests and text/plain error bodies use it.
  std::string ToString() const;
  // "title: must be at most 50 characters": what a caller is told, without the code's
  // name (error bodies and change-log results).
  std::string Description() const;

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string field_;
  std::string message_;
};

std::ostream& operator<<(std::ostream& os, const Status& status);

Status InvalidArgument(std::string field, std::string message);
Status NotFound(std::string field, std::string message);
Status AlreadyExists(std::string field, std::string message);
Status FailedPrecondition(std::string field, std::string message);
Status PermissionDenied(std::string field, std::string message);
Status Unauthenticated(std::string message);
Status ResourceExhausted(std::string message);
Status Unavailable(std::string message);
Status TooLarge(std::string field, std::string message);

// Either a value of type T or a non-OK Status. Constructing a Result from an OK Status
// is a programming error (it aborts).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {  // NOLINT: implicit by design
    if (std::get<Status>(state_).ok()) std::abort();
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  // OK when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  // Precondition: ok().
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace dscosim

// Returns from the enclosing function when `expr` (a Status) is not OK.
#define DSCOSIM_RETURN_IF_ERROR(expr)                   \
  do {                                                  \
    ::dscosim::Status dscosim_status_ = (expr);         \
    if (!dscosim_status_.ok()) return dscosim_status_;  \
  } while (false)

#define DSCOSIM_CONCAT_INNER_(a, b) a##b
#define DSCOSIM_CONCAT_(a, b) DSCOSIM_CONCAT_INNER_(a, b)

// `lhs` = the value of `expr` (a Result<T>), or returns its Status from the enclosing
// function.
#define DSCOSIM_ASSIGN_OR_RETURN(lhs, expr) \
  DSCOSIM_ASSIGN_OR_RETURN_IMPL_(DSCOSIM_CONCAT_(dscosim_result_, __LINE__), lhs, expr)
#define DSCOSIM_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                   \
  if (!result.ok()) return result.status();               \
  lhs = std::move(result).value()

#endif  // DSCOSIM_MODEL_CORE_STATUS_H_
