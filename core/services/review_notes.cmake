# The notes of the review that returned a report (ReportService::returnNotes).
# Included from core/services/CMakeLists.txt.
target_sources(mobiliza_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/review_notes.cpp)
