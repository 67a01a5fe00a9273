# What Windows needs beyond the sources (packaging/windows/README.md): mobiliza.exe as a
# GUI program with its icon and version, mobiliza.com (app/windows/console) for the command
# line, and mobiliza.ico for the installer. tests/packaging/windows_build_check.sh runs
# this file with Debian's MinGW cross compiler.
#
#   mobiliza_windows_app(TARGET)   TARGET: the app's executable, OUTPUT_NAME mobiliza

set(MOBILIZA_WINDOWS_PUBLISHER "Mobiliza" CACHE STRING
    "CompanyName in the version resource of mobiliza.exe (the installer's PUBLISHER)")

set(_mobiliza_windows_dir ${CMAKE_CURRENT_LIST_DIR}/../app/windows)
set(_mobiliza_icon_svg ${CMAKE_CURRENT_LIST_DIR}/../resources/icons/mobiliza.svg)

# OUTPUT: mobiliza.ico, 16–128 px as bitmaps and 256 px as PNG (the Vista+ convention),
# from the one SVG: with rsvg-convert and icotool (Debian: librsvg2-bin, icoutils; MSYS2
# has both) or ImageMagick's `magick` (Windows).
function(_mobiliza_windows_icon output)
    find_program(MOBILIZA_RSVG_CONVERT_EXE rsvg-convert)
    find_program(MOBILIZA_ICOTOOL_EXE icotool)
    find_program(MOBILIZA_MAGICK_EXE magick)
    get_filename_component(svg ${_mobiliza_icon_svg} ABSOLUTE)
    set(sizes 16 24 32 48 64 128 256)
    if(MOBILIZA_RSVG_CONVERT_EXE AND MOBILIZA_ICOTOOL_EXE)
        set(dir ${CMAKE_CURRENT_BINARY_DIR}/icon)
        set(commands COMMAND ${CMAKE_COMMAND} -E make_directory ${dir})
        set(bitmaps)
        foreach(size IN LISTS sizes)
            list(APPEND commands COMMAND ${MOBILIZA_RSVG_CONVERT_EXE} -w ${size} -h ${size}
                 -o ${dir}/${size}.png ${svg})
            if(NOT size EQUAL 256)
                list(APPEND bitmaps ${dir}/${size}.png)
            endif()
        endforeach()
        add_custom_command(OUTPUT ${output} ${commands}
            COMMAND ${MOBILIZA_ICOTOOL_EXE} -c -o ${output} ${bitmaps} -r ${dir}/256.png
            DEPENDS ${svg} VERBATIM)
    elseif(MOBILIZA_MAGICK_EXE)
        list(JOIN sizes "," resize)
        add_custom_command(OUTPUT ${output}
            COMMAND ${MOBILIZA_MAGICK_EXE} -background none -density 384 ${svg}
                    -define icon:auto-resize=${resize} ${output}
            DEPENDS ${svg} VERBATIM)
    else()
        message(FATAL_ERROR "mobiliza.ico is made from resources/icons/mobiliza.svg by rsvg-convert "
                            "and icotool, or by ImageMagick's magick: none was found "
                            "(packaging/windows/README.md, Toolchain).")
    endif()
endfunction()

# TARGET's resources: the icon and the version, FILE_NAME and DESCRIPTION in them.
function(_mobiliza_windows_rc target file_name description icon)
    set(MOBILIZA_RC_FILE_NAME ${file_name})
    set(MOBILIZA_RC_DESCRIPTION ${description})
    set(MOBILIZA_RC_ICON ${icon})
    set(rc ${CMAKE_CURRENT_BINARY_DIR}/${target}.rc)
    configure_file(${_mobiliza_windows_dir}/mobiliza.rc.in ${rc} @ONLY)
    set_source_files_properties(${rc} PROPERTIES OBJECT_DEPENDS ${icon})
    target_sources(${target} PRIVATE ${rc})
    # One target makes the icon for both programs (its rule listed in two targets would
    # run twice at once under Make and Visual Studio).
    add_dependencies(${target} mobiliza_windows_icon)
endfunction()

function(mobiliza_windows_app target)
    set(icon ${CMAKE_CURRENT_BINARY_DIR}/mobiliza.ico)
    _mobiliza_windows_icon(${icon})
    add_custom_target(mobiliza_windows_icon DEPENDS ${icon})

    # No console window beside the main window; the command line goes through mobiliza.com.
    set_target_properties(${target} PROPERTIES WIN32_EXECUTABLE ON)
    _mobiliza_windows_rc(${target} mobiliza.exe "Mobiliza" ${icon})

    # mobiliza.com: a console program that runs mobiliza.exe, waits and passes its code on.
    add_executable(${target}-console ${_mobiliza_windows_dir}/console/main.cpp
                   ${_mobiliza_windows_dir}/../platform/console.cpp)
    target_include_directories(${target}-console PRIVATE ${_mobiliza_windows_dir}/../..)
    set_target_properties(${target}-console PROPERTIES
        OUTPUT_NAME mobiliza SUFFIX ".com" PDB_NAME mobiliza-console)
    _mobiliza_windows_rc(${target}-console mobiliza.com "Mobiliza (linha de comando)" ${icon})
    # Its messages are UTF-8 source (MSVC reads the system's code page otherwise); no
    # incremental link (its .ilk would be the exe's, mobiliza.ilk, in the same folder).
    target_compile_options(${target}-console PRIVATE $<$<CXX_COMPILER_ID:MSVC>:/utf-8>)
    target_link_options(${target}-console PRIVATE $<$<CXX_COMPILER_ID:MSVC>:/INCREMENTAL:NO>)
    if(MINGW)
        # No MinGW runtime DLLs to deploy for the launcher.
        target_link_options(${target}-console PRIVATE -static)
    endif()

    # STAGE (packaging/windows/README.md): the programs and the installer's icon at the
    # prefix's root, where windeployqt puts the DLLs beside them.
    install(TARGETS ${target} ${target}-console RUNTIME DESTINATION . COMPONENT app)
    install(FILES ${icon} DESTINATION . COMPONENT app)
endfunction()
