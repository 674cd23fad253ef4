# Lesson 12's settings (see cmake/CourseLesson.cmake).
# Every program of the lesson runs as MPI ranks, and starts mpirun itself.
set(LESSON_LINKS course::mpi)
# A deadlocked wrong answer is rejected after mpirun's start, the tests before
# the last, and the deadlock watch's 4 s: 8.6 s at most here, in 10 runs under two busy loops.
set(LESSON_MISTAKE_TIMEOUT 20)

# A lab's hostfile (here one line, this machine with 3 slots) reaches mpirun,
# and its slots count instead of this machine's cores.
course_expect_exit(demo.12_distributed.hello.hostfile "demo;lesson12" 0
  "--hostfile [^ ]+hosts.txt .*3 different PIDs on 1 host"
  bash -c "echo 'localhost slots=3' > ${CMAKE_CURRENT_BINARY_DIR}/lesson12-hosts.txt && COURSE_MPI_HOSTFILE=${CMAKE_CURRENT_BINARY_DIR}/lesson12-hosts.txt exec $<TARGET_FILE:${demo}> hello 3")
