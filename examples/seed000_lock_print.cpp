// Seed 000 (multiprocessing 模块), section Lock模块: 20 processes print under one Lock so that
// lines do not mix.
//
//     from multiprocessing import Process, Lock
//     def l(lock, num):
//         lock.acquire()
//         print "Hello Num: %s" % (num)
//         lock.release()
//     if __name__ == '__main__':
//         lock = Lock() #这个一定要定义为全局
//         for num in range(20):
//             Process(target=l, args=(lock, num)).start()
//
// The seed never joins; here main joins the children so the program ends after them.

#include "lock.h"
#include "process.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>
#include <memory>
#include <vector>

void l(qmp::Lock lock, int num)
{
    lock.acquire();
    std::printf("Hello Num: %d\n", num);
    std::fflush(stdout);
    lock.release();
}
QMP_TASK(l);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::Lock lock; // 这个一定要定义为全局 — here: passed to each child as an argument
    std::vector<std::unique_ptr<qmp::Process>> children;
    for (int num = 0; num < 20; ++num) {
        children.push_back(std::make_unique<qmp::Process>(&l, lock, num));
        children.back()->start();
    }
    for (auto &p : children)
        p->join();
    return 0;
}
