# The CLI is a client of the public library: every #include of tools/*.cpp
# and tools/*.hpp is a public header <pappus/...>, one of the CLI's own
# headers in tools/ ("cli.hpp", "serve_api.hpp"), or a system or third-party header (<fmt/...>, <CLI/...>,
# <nlohmann/...>, the standard library). An internal header of src/ fails
# here with the file and line, as it fails to compile there.
# Usage: cmake -DTOOLS_DIR=tools -P public_includes.cmake
file(GLOB sources ${TOOLS_DIR}/*.cpp ${TOOLS_DIR}/*.hpp)
set(internal_dirs api audit diagram dsl engine generate geometry neural pipeline problem proof search util)
list(JOIN internal_dirs "|" internal)
set(bad "")
set(count 0)
foreach(source IN LISTS sources)
  file(STRINGS ${source} lines REGEX "^[ \t]*#[ \t]*include")
  get_filename_component(name ${source} NAME)
  foreach(line IN LISTS lines)
    math(EXPR count "${count} + 1")
    if(line MATCHES "#[ \t]*include[ \t]*\"([^\"]+)\"")
      if(CMAKE_MATCH_1 MATCHES "/" OR NOT EXISTS ${TOOLS_DIR}/${CMAKE_MATCH_1})
        string(APPEND bad "\n  ${name}: ${line} (a quoted header that is not one of tools/)")
      endif()
    elseif(line MATCHES "#[ \t]*include[ \t]*<((${internal})/[^>]*)>")
      string(APPEND bad "\n  ${name}: ${line} (an internal header of src/)")
    endif()
  endforeach()
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "no #include lines found under ${TOOLS_DIR}")
endif()
if(bad)
  message(FATAL_ERROR "the CLI must include public headers only (<pappus/...>):${bad}")
endif()
message(STATUS "${count} includes of tools/: public headers only")
