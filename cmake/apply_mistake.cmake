# cmake -DSOURCE=<solution dir> -DPATCH=<file.patch> -DOUT=<dir> -DPATCH_PROGRAM=<patch> -P apply_mistake.cmake
#
# Copies the solution's files to OUT and applies one wrong answer from the
# gallery to them. A patch that no longer applies (the solution changed under
# it) fails the build, saying which one to refresh.

file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
file(GLOB files ${SOURCE}/*.cpp ${SOURCE}/*.hpp)
file(COPY ${files} DESTINATION ${OUT})
execute_process(COMMAND ${PATCH_PROGRAM} --batch --silent --no-backup-if-mismatch -p1 -d ${OUT} -i ${PATCH}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(NOT result EQUAL 0)
  file(REMOVE_RECURSE ${OUT})
  message(FATAL_ERROR "${PATCH} no longer applies to ${SOURCE}:\n${output}\n"
                      "Refresh it: make the mistake in a copy of the solution, then diff -u (see tests/README.md).")
endif()
