// Seed 004 ("Python多进程编程实战攻略"), section 怎样在Python中创建多进程程序？, the first example
// ("让我们来看一个简单的多进程程序示例"):
//
//     import multiprocessing
//
//     def worker(num):
//         """worker函数,模拟一个简单的任务"""
//         print(f'Worker {num}')
//
//     if __name__ == '__main__':
//         jobs = []
//         for i in range(5):
//             p = multiprocessing.Process(target=worker, args=(i,))
//             jobs.append(p)
//             p.start()
//
//         for proc in jobs:
//             proc.join()

#include "process.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>
#include <vector>

// worker函数,模拟一个简单的任务
void worker(int num)
{
    std::printf("Worker %d\n", num);
    std::fflush(stdout); // our stdout is the parent's (maybe a pipe): send the line now, whole
}
QMP_TASK(worker);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a child: runs worker(i) and exits here
    QCoreApplication app(argc, argv);

    std::vector<std::unique_ptr<qmp::Process>> jobs; // a QObject cannot be copied or moved
    for (int i = 0; i < 5; ++i) {
        auto &p = jobs.emplace_back(std::make_unique<qmp::Process>(&worker, i));
        p->start();
    }

    for (const auto &proc : jobs)
        proc->join();
    return 0;
}
