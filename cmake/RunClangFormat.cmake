file(GLOB_RECURSE _files
    ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/core/*.h
    ${SOURCE_DIR}/sync/*.cpp ${SOURCE_DIR}/sync/*.h
    ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h
    ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h
    ${SOURCE_DIR}/bench/*.cpp)
foreach(_f IN LISTS _files)
    execute_process(COMMAND ${CLANG_FORMAT} -i ${_f})
endforeach()
