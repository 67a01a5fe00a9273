# The per-person export of a partner (LGPD right of access). Included from
# core/services/CMakeLists.txt.
target_sources(mobiliza_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/partner_export.h
    ${CMAKE_CURRENT_LIST_DIR}/partner_export.cpp)
