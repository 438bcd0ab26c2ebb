// Seed 003, section 进程池 — Pool(3) runs work(msg) for msg 1..10:
//
//     from multiprocessing import Pool
//     import os
//     import time
//     import random
//
//     def work(msg):
//         print("Process-{} running, pid:{}".format(msg, os.getpid()))
//         start = time.time()
//         time.sleep(random.random() * 2)
//         end = time.time()
//         print("Process-{} finish, time consuming:{:.2f}".format(msg, end - start))
//
//     def main():
//         po = Pool(3) # 定义一个进程池,最大进程数为3
//         for i in range(1, 11):
//             # Pool.apply_async(要调用的目标, (传递给目标的参数元组,))
//             # 每次循环将会用空闲出来的子进程去调用目标
//             po.apply_async(work, (i, ))
//
//         print("------start------")
//         po.close() # 关闭进程池,关闭后po不在接收新的请求
//         po.join() # 等待po中所有子进程执行完后再关闭,必须放在close语句后
//         print("-------end-------")
//
//     if __name__ == '__main__':
//         main()
//
// Changed so that its test is quick: work sleeps random() * 0.2 s instead of random() * 2 s.
// The pids and timings vary; the expected output matches those lines by pattern (re:).
// "------start------" comes first, as in the seed's output, because the ten submissions and the
// print take microseconds while the pool's workers take milliseconds to come up; neither Python
// nor QMP promises it.

#include "pool.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QThread>

#include <cstdio>
#include <unistd.h>

void work(int msg)
{
    std::printf("Process-%d running, pid:%d\n", msg, int(::getpid()));
    std::fflush(stdout); // our stdout is the parent's (maybe a pipe): send the line now, whole
    QElapsedTimer start;
    start.start();
    // Python: time.sleep(random.random() * 2). system(): each worker draws its own numbers.
    QThread::usleep(static_cast<unsigned long>(QRandomGenerator::system()->generateDouble() * 200000));
    std::printf("Process-%d finish, time consuming:%.2f\n", msg, double(start.nsecsElapsed()) / 1e9);
    std::fflush(stdout);
}
QMP_TASK(work);

static void run()
{
    qmp::Pool po(3); // 定义一个进程池,最大进程数为3
    for (int i = 1; i < 11; ++i) {
        // Pool.applyAsync(要调用的目标, 传递给目标的参数...)
        // 每次循环将会用空闲出来的子进程去调用目标
        po.applyAsync(&work, i);
    }

    std::printf("------start------\n");
    std::fflush(stdout);
    po.close(); // 关闭进程池,关闭后po不在接收新的请求
    po.join(); // 等待po中所有子进程执行完后再关闭,必须放在close语句后
    std::printf("-------end-------\n");
}

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a pool worker: serves work calls and exits here
    QCoreApplication app(argc, argv);
    run(); // the seed's main()
    return 0;
}
