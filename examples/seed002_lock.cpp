// Seed 002, section (1) 进程间同步锁 – Lock:
//
//     from multiprocessing import Process, Lock
//     def f(l, i):
//         l.acquire()
//         try:
//             print('hello world', i)
//         finally:
//             l.release()
//     if __name__ == '__main__':
//         lock = Lock()
//         for num in range(10):
//             Process(target=f, args=(lock, num)).start()

#include "lock.h"
#include "process.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>
#include <mutex>
#include <vector>

void f(qmp::Lock l, int i)
{
    std::lock_guard guard(l); // acquire ... finally: release
    std::printf("hello world %d\n", i);
    std::fflush(stdout);
}
QMP_TASK(f);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::Lock lock;
    std::vector<std::unique_ptr<qmp::Process>> children;
    for (int num = 0; num < 10; ++num) {
        children.push_back(std::make_unique<qmp::Process>(&f, lock, num));
        children.back()->start();
    }
    for (auto &p : children)
        p->join();
    return 0;
}
