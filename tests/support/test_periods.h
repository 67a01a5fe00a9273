// The months the tests write to, named once.
#pragma once

#include "core/domain/types.h"

namespace mobiliza::test {

inline const core::Period kMarch{2025, 3};

} // namespace mobiliza::test
