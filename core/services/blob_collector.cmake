# Deletes unreferenced photo files and stale .part files (client and hub).
target_sources(mobiliza_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/blob_collector.h ${CMAKE_CURRENT_LIST_DIR}/blob_collector.cpp)
