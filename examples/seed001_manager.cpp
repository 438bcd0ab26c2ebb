// Seed 001, Managers: ten processes write into one managed dict and one managed list.
//
//     def fun1(dic,lis,index):
//         dic[index] = 'a'
//         dic['2'] = 'b'
//         lis.append(index)    #[0,1,2,3,4,0,1,2,3,4,5,6,7,8,9]
//
//     if __name__ == '__main__':
//         with Manager() as manager:
//             dic = manager.dict()#注意字典的声明方式，不能直接通过{}来定义
//             l = manager.list(range(5))#[0,1,2,3,4]
//             process_list = []
//             for i in range(10):
//                 p = Process(target=fun1, args=(dic,l,i))
//                 p.start()
//                 process_list.append(p)
//             for res in process_list:
//                 res.join()
//             print(dic)
//             print(l)
//
// Python prints the dict in the order the children happened to run. To print the same lines
// on every run, this prints the dict with its integer keys in order (then '2') and the list's
// appended part sorted; the contents are Python's.

#include "manager.h"
#include "process.h"
#include "pyrepr.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

void fun1(qmp::DictProxy dic, qmp::ListProxy lis, int index)
{
    dic.set(index, QStringLiteral("a"));
    dic.set(QStringLiteral("2"), QStringLiteral("b"));
    lis.append(index);
}
QMP_TASK(fun1);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);

    qmp::Manager manager;                                 // with Manager() as manager:
    qmp::DictProxy dic = manager.dict();                  // 注意字典的声明方式
    qmp::ListProxy l = manager.list({0, 1, 2, 3, 4});     // [0,1,2,3,4]

    std::vector<std::unique_ptr<qmp::Process>> processList;
    for (int i = 0; i < 10; ++i) {
        processList.push_back(std::make_unique<qmp::Process>(&fun1, dic, l, i));
        processList.back()->start();
    }
    for (auto &res : processList)
        res->join();

    // print(dic), keys in a stable order: integers ascending, then strings. items() copies
    // the whole dict in one round trip, like Python's dic.items().
    QList<std::pair<QCborValue, QCborValue>> pairs = dic.items<QCborValue, QCborValue>();
    std::stable_sort(pairs.begin(), pairs.end(), [](const auto &a, const auto &b) {
        if (a.first.isInteger() != b.first.isInteger())
            return a.first.isInteger();
        return a.first.isInteger() ? a.first.toInteger() < b.first.toInteger() : a.first.toString() < b.first.toString();
    });
    QCborMap ordered;
    for (const auto &[key, value] : pairs)
        ordered.insert(key, value);
    std::printf("%s\n", qPrintable(qmp::PyRepr::repr(ordered)));

    // print(l), the appended part sorted.
    QList<qint64> items;
    for (const QCborValue &v : l) // one round trip: a copy of the list
        items.append(v.toInteger());
    std::sort(items.begin() + 5, items.end());
    QCborArray shown;
    for (qint64 v : items)
        shown.append(v);
    std::printf("%s\n", qPrintable(qmp::PyRepr::repr(shown)));
    return 0;
}
