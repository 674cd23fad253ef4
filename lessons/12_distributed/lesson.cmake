# Lesson 12's settings (see cmake/CourseLesson.cmake).
# Every program of the lesson runs as MPI ranks, and starts mpirun itself.
set(LESSON_LINKS course::mpi)
# A deadlocked wrong answer is rejected after mpirun's start, the tests before
# the last, and the deadlock watch's 4 s: 8 s on an idle 2-core machine.
set(LESSON_MISTAKE_TIMEOUT 20)
