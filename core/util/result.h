// Result<T>: a value or an error with a machine-readable code and a pt-BR message.
// (std::expected is C++23; g++ 12 does not have it.)
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace mobiliza::core {

struct Error
{
    QString code;    // e.g. "not_found", "invalid_transition", "validation_failed", "io"
    QString message; // translated, says what happened and what to do
};

// The one result type of the project. `E` is the error: core::Error here; the
// sync client's HubError (sync::HubResult) and the hub's Refusal (hub::Outcome)
// are the same template with the error of their layer.
template <typename T, typename E = Error>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(E error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const E &error() const { return m_error; }

private:
    std::optional<T> m_value;
    E m_error;
};

template <typename E>
class Result<void, E>
{
public:
    Result() = default;
    Result(E error) : m_ok(false), m_error(std::move(error)) {}
    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const E &error() const { return m_error; }

private:
    bool m_ok = true;
    E m_error;
};

using Status = Result<void>;

} // namespace mobiliza::core
