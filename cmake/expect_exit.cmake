# cmake -DEXPECT_EXIT=<code> -DEXPECT_OUTPUT=<regex> -P expect_exit.cmake -- <command> [args...]
#
# Passes when the command exits with exactly <code> and its output matches
# <regex>. Used for "bad input exits 2", "a deadlock is reported and exits 3"
# and "the untouched exercise fails its tests".

set(command "")
set(after_separator FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
  if(after_separator)
    list(APPEND command "${CMAKE_ARGV${i}}")
  elseif("${CMAKE_ARGV${i}}" STREQUAL "--")
    set(after_separator TRUE)
  endif()
endforeach()
if(NOT command)
  message(FATAL_ERROR "usage: cmake -DEXPECT_EXIT=N -DEXPECT_OUTPUT=regex -P expect_exit.cmake -- command...")
endif()

execute_process(COMMAND ${command}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output
  TIMEOUT 25)
message("${output}")

if("${result}" MATCHES "timeout")
  message(FATAL_ERROR "did not finish within 25 s — likely a deadlock or a wait that is never woken: ${command}")
endif()
if(NOT "${result}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "expected exit code ${EXPECT_EXIT}, got '${result}' from: ${command}")
endif()
if(NOT "${output}" MATCHES "${EXPECT_OUTPUT}")
  message(FATAL_ERROR "exit code ${result} as expected, but the output does not match '${EXPECT_OUTPUT}'")
endif()
message("ok: exit code ${result}, output matches '${EXPECT_OUTPUT}'")
