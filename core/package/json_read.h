// Reading a whole number from JSON strictly (JSON has only doubles): the one
// reader of the manifest codec and of the report package and batch file readers.
#pragma once

#include <QJsonValue>

#include <cmath>
#include <type_traits>

namespace mobiliza::core {

// True, with *out set, when `value` is a number without a fraction within
// [min, max]; false for a string, a boolean, NaN, 1.5 or a number out of range.
template <typename Int> bool readJsonInt(const QJsonValue &value, qint64 min, qint64 max, Int *out)
{
    static_assert(std::is_integral_v<Int>);
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < double(min) || d > double(max))
        return false;
    *out = Int(d);
    return true;
}

} // namespace mobiliza::core
