// Seed 001 ("multiprocessing"), section 进程池 — apply_async of 10 tasks on a Pool of 5:
//
//     from  multiprocessing import Process,Pool
//     import os, time, random
//
//     def fun1(name):
//         print('Run task %s (%s)...' % (name, os.getpid()))
//         start = time.time()
//         time.sleep(random.random() * 3)
//         end = time.time()
//         print('Task %s runs %0.2f seconds.' % (name, (end - start)))
//
//     if __name__=='__main__':
//         pool = Pool(5) #创建一个5个进程的进程池
//
//         for i in range(10):
//             pool.apply_async(func=fun1, args=(i,))
//
//         pool.close()
//         pool.join()
//         print('结束测试')
//
// Changed so that its test is quick: each task sleeps random() * 0.3 s instead of random() * 3 s.
// The pids and timings vary; the expected output matches those lines by pattern (re:).

#include "pool.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>

#include <cstdio>
#include <unistd.h>

void fun1(int name)
{
    std::printf("Run task %d (%d)...\n", name, int(::getpid()));
    std::fflush(stdout); // our stdout is the parent's (maybe a pipe): send the line now, whole
    QElapsedTimer start;
    start.start();
    // Python: time.sleep(random.random() * 3). system(): each worker draws its own numbers.
    QThread::usleep(static_cast<unsigned long>(QRandomGenerator::system()->generateDouble() * 300000));
    std::printf("Task %d runs %0.2f seconds.\n", name, double(start.nsecsElapsed()) / 1e9);
    std::fflush(stdout);
}
QMP_TASK(fun1);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a pool worker: serves fun1 calls and exits here
    QCoreApplication app(argc, argv);

    qmp::Pool pool(5); // 创建一个5个进程的进程池

    for (int i = 0; i < 10; ++i)
        pool.applyAsync(&fun1, i); // the AsyncResult is dropped, as in the seed

    pool.close();
    pool.join(); // waits until the queued tasks are done and the workers have exited
    std::printf("结束测试\n");
    return 0;
}
