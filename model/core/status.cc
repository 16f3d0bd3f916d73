#include "dscosim/model/core/status.h"

namespace dscosim {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kAlreadyExists: return "already_exists";
    case StatusCode::kFailedPrecondition: return "failed_precondition";
    case StatusCode::kPermissionDenied: return "permission_denied";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kResourceExhausted: return "resource_exhausted";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kTooLarge: return "too_large";
  }
  return "unknown";
}

Status::Status(StatusCode code, std::string field, std::string message)
    : code_(code), field_(std::move(field)), message_(std::move(message)) {}

std::string Status::ToString() const {
  std::string out(StatusCodeName(code_));
  if (ok()) return out;
  out += ": ";
  if (!field_.empty()) {
    out += field_;
    out += ": ";
  }
  out += message_;
  return out;
}

std::string Status::Description() const {
  return field_.empty() ? message_ : field_ + ": " + message_;
}

std::ostream& operator<<(std::ostream& os, const Status& status) {
  return os << status.ToString();
}

Status InvalidArgument(std::string field, std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(field), std::move(message));
}
Status NotFound(std::string field, std::string message) {
  return Status(StatusCode::kNotFound, std::move(field), std::move(message));
}
Status AlreadyExists(std::string field, std::string message) {
  return Status(StatusCode::kAlreadyExists, std::move(field), std::move(message));
}
Status FailedPrecondition(std::string field, std::string message) {
  return Status(StatusCode::kFailedPrecondition, std::move(field), std::move(message));
}
Status PermissionDenied(std::string field, std::string message) {
  return Status(StatusCode::kPermissionDenied, std::move(field), std::move(message));
}
Status Unauthenticated(std::string message) {
  return Status(StatusCode::kUnauthenticated, "", std::move(message));
}
Status ResourceExhausted(std::string message) {
  return Status(StatusCode::kResourceExhausted, "", std::move(message));
}
Status Unavailable(std::string message) {
  return Status(StatusCode::kUnavailable, "", std::move(message));
}
Status TooLarge(std::string field, std::string message) {
  return Status(StatusCode::kTooLarge, std::move(field), std::move(message));
}

}  // namespace dscosim
