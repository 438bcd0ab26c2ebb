// Seed 003, section 创建进程 (two processes printing side by side):
//
//     import multiprocessing
//     import time
//
//     def say_hi():
//         while True:
//             print("Hi-------")
//             time.sleep(1)
//
//     def say_yes():
//         while True:
//             print("Yes------")
//             time.sleep(1)
//
//     def main():
//         p1 = multiprocessing.Process(target=say_hi)
//         p2 = multiprocessing.Process(target=say_yes)
//         p1.start()
//         p2.start()
//
//     if __name__ == '__main__':
//         main()
//
// Changed so that it ends and its test is quick: the seed loops forever with sleep(1); here each
// function makes `rounds` rounds (the program's first argument, default 3) and sleeps 200 ms.
// Python joins non-daemon children at exit; ~Process and ~Runtime would too, but we join
// explicitly. Usage: seed003_say_hi_yes [rounds]

#include "process.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

void say_hi(int rounds)
{
    for (int i = 0; i < rounds; ++i) { // Python: while True:
        std::printf("Hi-------\n");
        std::fflush(stdout); // our stdout is the parent's (maybe a pipe): send the line now, whole
        QThread::msleep(200); // Python: time.sleep(1)
    }
}
QMP_TASK(say_hi);

void say_yes(int rounds)
{
    for (int i = 0; i < rounds; ++i) { // Python: while True:
        std::printf("Yes------\n");
        std::fflush(stdout);
        QThread::msleep(200); // Python: time.sleep(1)
    }
}
QMP_TASK(say_yes);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a child: runs say_hi or say_yes and exits here
    QCoreApplication app(argc, argv);

    int rounds = 3;
    if (argc > 1) {
        bool ok = false;
        rounds = QCoreApplication::arguments().at(1).toInt(&ok);
        if (!ok || rounds < 0) {
            std::fprintf(stderr, "usage: seed003_say_hi_yes [rounds]   (rounds: a number >= 0, default 3)\n");
            return 2;
        }
    }

    // The seed's main():
    qmp::Process p1(&say_hi, rounds);
    qmp::Process p2(&say_yes, rounds);
    p1.start();
    p2.start();

    p1.join();
    p2.join();
    return 0;
}
