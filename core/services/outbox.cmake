# The outbox of concluded revisions on their way to the hub (sync issue).
# Included from core/services/CMakeLists.txt.
target_sources(mobiliza_core PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/outbox_service.h
    ${CMAKE_CURRENT_LIST_DIR}/outbox_service.cpp
    ${CMAKE_CURRENT_LIST_DIR}/outbox_service_p.h
    ${CMAKE_CURRENT_LIST_DIR}/outbox_changes.cpp
    ${CMAKE_CURRENT_LIST_DIR}/outbox_hub_status.cpp)
