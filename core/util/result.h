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

template <typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return *m_value; }
    T &value() { return *m_value; }
    const T *operator->() const { return &*m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <>
class Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_ok(false), m_error(std::move(error)) {}
    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    bool m_ok = true;
    Error m_error;
};

using Status = Result<void>;

} // namespace mobiliza::core
