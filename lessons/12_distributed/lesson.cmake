# Lesson 12's settings (see cmake/CourseLesson.cmake).
# Every program of the lesson runs as MPI ranks, and starts mpirun itself.
set(LESSON_LINKS course::mpi)
