// Seed 002, 6) 共享内存管理器Manager, the dict / list example:
//
//     def f(d, l):
//         d[1] = '1'
//         d['2'] = 2
//         d[0.25] = None
//         l.reverse()
//     if __name__ == '__main__':
//         with Manager() as manager:
//             d = manager.dict()
//             l = manager.list(range(10))
//             p = Process(target=f, args=(d, l))
//             p.start()
//             p.join()
//             print(d)
//             print(l)
//
// The seed shows {0.25: None, 1: '1', '2': 2} (an old Python's order); Python 3.7+ keeps
// insertion order and prints {1: '1', '2': 2, 0.25: None}, as this does.

#include "manager.h"
#include "process.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>

void f(qmp::DictProxy d, qmp::ListProxy l)
{
    d.set(1, QStringLiteral("1"));
    d.set(QStringLiteral("2"), 2);
    d.set(0.25, QCborValue(nullptr));
    l.reverse();
}
QMP_TASK(f);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);

    qmp::Manager manager;
    qmp::DictProxy d = manager.dict();
    qmp::ListProxy l = manager.list({0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    qmp::Process p(&f, d, l);
    p.start();
    p.join();
    std::printf("%s\n", qPrintable(d.repr()));
    std::printf("%s\n", qPrintable(l.repr()));
    return 0;
}
