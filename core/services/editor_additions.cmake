# ReportService additions for the report editor (undo support, duplicate photos,
# review comments for the report list). Included from core/services/CMakeLists.txt.
target_sources(mobiliza_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/report_editing.cpp)
