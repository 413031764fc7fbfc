# Shared compile settings for every stepwise target: C++20 and one warning set.
# Called per target so the global CMAKE_CXX_FLAGS stay untouched.
# PORTABLE keeps -march=native away, for code that picks its instruction set at run time.
function(stepwise_target_defaults target)
    cmake_parse_arguments(ARG "PORTABLE" "" "" ${ARGN})
    target_compile_features(${target} PUBLIC cxx_std_20)
    set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Wno-deprecated-declarations $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
    if(STEPWISE_NATIVE AND CMAKE_BUILD_TYPE STREQUAL "Release" AND NOT ARG_PORTABLE)
        target_compile_options(${target} PRIVATE -march=native)
    endif()
endfunction()

# stepwise_module(<name> [PUBLIC deps...] [PRIVATE deps...])
# Declares stepwise_<name> (alias stepwise::<name>) from the .cpp files of the current folder.
function(stepwise_module name)
    cmake_parse_arguments(ARG "" "" "PUBLIC;PRIVATE" ${ARGN})
    file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
    add_library(stepwise_${name} ${sources})
    add_library(stepwise::${name} ALIAS stepwise_${name})
    target_include_directories(stepwise_${name} PUBLIC ${STEPWISE_SOURCE_DIR}/src)
    target_link_libraries(stepwise_${name} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
    stepwise_target_defaults(stepwise_${name})
endfunction()

# stepwise_layering(<name> ALLOW <modules...> [SFML])
# Makes building stepwise_<name> check that its sources include only the listed stepwise
# modules (and SFML only when SFML is given); see CheckLayering.cmake. The rule lives beside
# the module's target, so the build, not a convention, keeps the layers apart.
function(stepwise_layering name)
    cmake_parse_arguments(ARG "SFML" "" "ALLOW" ${ARGN})
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.hpp ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
    set(stamp ${CMAKE_CURRENT_BINARY_DIR}/layering.stamp)
    set(sfml OFF)
    if(ARG_SFML)
        set(sfml ON)
    endif()
    list(JOIN ARG_ALLOW "," allowed)
    add_custom_command(OUTPUT ${stamp}
        COMMAND ${CMAKE_COMMAND} -DMODULE=${name} -DDIR=${CMAKE_CURRENT_SOURCE_DIR} -DALLOWED=${allowed}
                -DSFML=${sfml} -DSTAMP=${stamp} -P ${STEPWISE_SOURCE_DIR}/cmake/CheckLayering.cmake
        DEPENDS ${sources} ${STEPWISE_SOURCE_DIR}/cmake/CheckLayering.cmake
        COMMENT "Checking the includes of src/${name} against its layer"
        VERBATIM)
    add_custom_target(stepwise_${name}_layering DEPENDS ${stamp})
    add_dependencies(stepwise_${name} stepwise_${name}_layering)
endfunction()
